//! Omission tags: a phrase whose content words the other sentence lacks.

use std::collections::BTreeSet;

use crate::model::{Edit, EditKind, FramingTag, TagKind, TokenKind};
use crate::similarity::aliases::Aliases;

use super::{quoted, Context, Side};

/// Token indices of `side` that the other sentence already covers in another form: names
/// of a referent it also names, and the attribution (tagged on its own).
fn covered_tokens(side: &Side, other: &Side, aliases: &Aliases) -> BTreeSet<usize> {
    let referents = |x: &Side| -> BTreeSet<String> {
        x.mentions(aliases)
            .iter()
            .filter_map(|m| aliases.groups().get(m.group))
            .map(|g| g.canonical.to_lowercase())
            .collect()
    };
    let theirs = referents(other);
    let mut covered = BTreeSet::new();
    for m in side.mentions(aliases) {
        let shared = aliases
            .groups()
            .get(m.group)
            .is_some_and(|g| theirs.contains(&g.canonical.to_lowercase()));
        if shared {
            covered.extend(side.token_range(side.start + m.start, side.start + m.end));
        }
    }
    if let Some(a) = side.attribution {
        covered.extend(side.token_range(a.source_span.start, a.source_span.end));
        covered.extend(side.token_range(a.verb_span.start, a.verb_span.end));
    }
    covered
}

/// Runs of tokens in `range` whose content words the other sentence lacks: (first, last)
/// token indices. A run set off by punctuation or the sentence's ends (`, both outlawed
/// in Russia,`) needs two content words. Any other run needs three, and inside a
/// replacement whose other side has words of its own (`rewords`) it is a rewording, not
/// an omission.
fn absent_runs(
    side: &Side,
    range: std::ops::Range<usize>,
    present: &dyn Fn(usize) -> bool,
    rewords: bool,
) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    // (first token, last content token, content words)
    let mut run: Option<(usize, usize, usize)> = None;
    // A function word just before a run opens it (`both outlawed`).
    let mut opener: Option<usize> = None;
    let set_off = |i: Option<usize>| {
        i.and_then(|i| side.tokens.get(i))
            .is_none_or(|t| t.kind == TokenKind::Punct)
    };
    let flush = |run: &mut Option<(usize, usize, usize)>, runs: &mut Vec<(usize, usize)>| {
        if let Some((f, l, n)) = run.take() {
            let parenthetical = set_off(f.checked_sub(1)) && set_off(Some(l + 1));
            if (parenthetical && n >= 2) || (n >= 3 && !rewords) {
                runs.push((f, l));
            }
        }
    };
    for i in range {
        let (Some(t), Some(k)) = (side.tokens.get(i), side.keys.get(i)) else {
            break;
        };
        if t.kind == TokenKind::Punct {
            flush(&mut run, &mut runs);
            opener = None;
        } else if !side.is_content(i) {
            if run.is_none() {
                opener = (!["and", "or", "but"].contains(&k.as_str())).then_some(i);
            }
        } else if present(i) {
            flush(&mut run, &mut runs);
            opener = None;
        } else {
            run = Some(match run {
                Some((f, _, n)) => (f, i, n + 1),
                None => (opener.take().unwrap_or(i), i, 1),
            });
        }
    }
    flush(&mut run, &mut runs);
    runs
}

pub(super) fn omission_tags(
    pivot: &Side,
    member: &Side,
    edits: &[Edit],
    context: &Context,
    tags: &mut Vec<FramingTag>,
) {
    let changed = |e: &&Edit| e.kind != EditKind::Equal && e.moved.is_none();
    // Only changes can omit anything: most sentences copied word for word have none.
    if !edits.iter().any(|e| changed(&e)) {
        return;
    }
    let (pivot_stems, member_stems) = (pivot.stems(), member.stems());
    let pivot_covered = covered_tokens(pivot, member, context.aliases);
    let member_covered = covered_tokens(member, pivot, context.aliases);
    // Whether a member token's word is in the pivot, and the reverse (asked of content
    // words only, whose stems are known).
    let in_pivot = |i: usize| {
        member_covered.contains(&i)
            || member_stems
                .of_token
                .get(i)
                .is_some_and(|s| pivot_stems.contains(*s))
    };
    let in_member = |i: usize| {
        pivot_covered.contains(&i)
            || pivot_stems
                .of_token
                .get(i)
                .is_some_and(|s| member_stems.contains(*s))
    };
    for e in edits.iter().filter(changed) {
        // Whether each side of the edit has content the other sentence lacks.
        let own_words =
            |side: &Side, range: std::ops::Range<usize>, present: &dyn Fn(usize) -> bool| {
                range.clone().any(|i| side.is_content(i) && !present(i))
            };
        let pivot_rewords = own_words(pivot, e.pivot.clone(), &in_member);
        let member_rewords = own_words(member, e.member.clone(), &in_pivot);
        for (f, l) in absent_runs(member, e.member.clone(), &in_pivot, pivot_rewords) {
            let (Some(a), Some(b)) = (member.tokens.get(f), member.tokens.get(l)) else {
                continue;
            };
            let here = member.span(a.start, b.end);
            let explanation = format!(
                "{} adds {}; {} does not mention it.",
                member.outlet,
                quoted(&here.text),
                pivot.outlet
            );
            let at = pivot
                .tokens
                .get(e.pivot.start)
                .map_or(pivot.end, |t| t.start);
            tags.push(FramingTag {
                kind: TagKind::Omission,
                member: here,
                counterpart: Some(pivot.span(at, at)),
                explanation,
            });
        }
        for (f, l) in absent_runs(pivot, e.pivot.clone(), &in_member, member_rewords) {
            let (Some(a), Some(b)) = (pivot.tokens.get(f), pivot.tokens.get(l)) else {
                continue;
            };
            let there = pivot.span(a.start, b.end);
            let explanation = format!(
                "{} has {}; {} leaves it out.",
                pivot.outlet,
                quoted(&there.text),
                member.outlet
            );
            let at = member
                .tokens
                .get(e.member.start)
                .map_or(member.end, |t| t.start);
            tags.push(FramingTag {
                kind: TagKind::Omission,
                member: member.span(at, at),
                counterpart: Some(there),
                explanation,
            });
        }
    }
}
