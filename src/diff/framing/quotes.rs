//! Quote tags: words quoted in one sentence and unquoted or paraphrased in the other.

use crate::model::{Edit, EditKind, FramingTag, TagKind, TagSide, Token, TokenKind};

use super::{aligned_short, quoted, Side};

/// Byte ranges (absolute) of the quoted stretches of a sentence. A quotation left open
/// runs to the sentence's end; a closing mark with no opening one quotes from its start.
pub(super) fn quote_spans(side: &Side) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut first = true;
    for t in side.tokens {
        if t.kind != TokenKind::Punct {
            continue;
        }
        let opener = t.text == "“";
        let closer = t.text == "”";
        let straight = t.text == "\"";
        if !(opener || closer || straight) {
            continue;
        }
        match open {
            None if closer
                || (straight
                    && first
                    && t.start > side.start + 1
                    && is_closing_straight(side, t)) =>
            {
                spans.push((side.start, t.start));
            }
            None => open = Some(t.end),
            Some(o) if !opener => {
                spans.push((o, t.start));
                open = None;
            }
            Some(_) => open = Some(t.end),
        }
        first = false;
    }
    if let Some(o) = open {
        spans.push((o, side.end));
    }
    spans.retain(|(s, e)| s < e);
    spans
}

/// A straight quote right after a word or punctuation, followed by space or a comma, closes.
fn is_closing_straight(side: &Side, t: &Token) -> bool {
    let before = side.text[..t.start].chars().next_back();
    let after = side.text[t.end..].chars().next();
    before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| c.is_whitespace() || c == ',' || c == '.')
}

pub(super) fn quote_tags(pivot: &Side, member: &Side, edits: &[Edit], tags: &mut Vec<FramingTag>) {
    let (pivot_quotes, member_quotes) = (pivot.quotes(), member.quotes());
    let inside = |spans: &[(usize, usize)], t: &TagSide| {
        spans.iter().any(|(s, e)| t.start < *e && *s < t.end)
    };
    let equal: usize = edits
        .iter()
        .filter(|e| e.kind == EditKind::Equal)
        .map(|e| e.pivot.len())
        .sum();
    let total = pivot.tokens.len() + member.tokens.len();
    // Below this share of common words the sentences are worded too differently for one
    // phrase to be a paraphrase of another.
    let close = total > 0 && 2 * equal * 10 >= 3 * total;
    for (from, to, from_quotes, to_quotes, from_is_pivot) in [
        (member, pivot, member_quotes, pivot_quotes, false),
        (pivot, member, pivot_quotes, member_quotes, true),
    ] {
        let to_ids = &to.facts.ids;
        for (s, e) in from_quotes {
            let words = from.token_range(*s, *e);
            let content = words.clone().filter(|i| from.is_content(*i)).count();
            if content == 0 {
                continue;
            }
            let quote = from.span(*s, *e);
            // The same words, unquoted, anywhere in the other sentence.
            let (_, at, len) = crate::diff::words::longest_common_run(
                &from.facts.ids,
                words,
                to_ids,
                0..to_ids.len(),
            );
            let run_content = (at..at + len).filter(|i| to.is_content(*i)).count();
            let reused = run_content >= 2.min(content) && 2 * run_content >= content;
            let found = if reused {
                match (to.tokens.get(at), to.tokens.get(at + len.max(1) - 1)) {
                    (Some(a), Some(b)) => Some(to.span(a.start, b.end)),
                    _ => None,
                }
            } else {
                None
            };
            let (other, explanation) = match found {
                Some(other) if !inside(to_quotes, &other) => {
                    let explanation = format!(
                        "{} puts {} in quotation marks, as someone's exact words; {} has {} without quotation marks, as its own words.",
                        from.outlet,
                        quoted(&quote.text),
                        to.outlet,
                        quoted(&other.text)
                    );
                    (other, explanation)
                }
                Some(_) => continue,
                None => {
                    let other = aligned_short(edits, from, to, from_is_pivot, *s, *e);
                    if !close || other.text.trim().is_empty() || inside(to_quotes, &other) {
                        continue;
                    }
                    let explanation = format!(
                        "{} quotes {}; {} paraphrases it as {}.",
                        from.outlet,
                        quoted(&quote.text),
                        to.outlet,
                        quoted(&other.text)
                    );
                    (other, explanation)
                }
            };
            let (member_side, counterpart) = if from_is_pivot {
                (other, quote)
            } else {
                (quote, other)
            };
            tags.push(FramingTag {
                kind: TagKind::Quote,
                member: member_side,
                counterpart: Some(counterpart),
                explanation,
            });
        }
    }
}
