//! What the text reports (terminal and Markdown) share: the order of claim groups, word
//! diffs as marked runs, framing tags in short form, the coverage grid and outlet summaries.
//!
//! Everything here is format-neutral and returns article text raw: each renderer escapes
//! it for its own format at the last step.

use std::collections::BTreeMap;

use crate::model::{
    ClaimGroup, EditKind, FramingTag, GroupDiff, MemberDiff, OutletProfile, Sentence, SentenceRef,
    Source, TagKind, Token,
};
use crate::pipeline::Comparison;
use crate::render::escape::sanitize_for_terminal;

/// Below this share of common words a member is shown as written ("reworded") instead of
/// as an inline diff: when most words differ, a diff is longer and harder to read than the
/// sentence itself, and the shared terms and framing tags say more.
pub const INLINE_DIFF_MIN_RATIO: f64 = 0.3;

/// How a stretch of words is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// In both sentences (or no diff shown).
    Plain,
    /// Only in the base version.
    Deleted,
    /// Only in this version.
    Inserted,
    /// A phrase of the base that this version has elsewhere: where it was.
    MovedFrom,
    /// The same phrase here: where it went.
    MovedTo,
    /// Words a framing tag points at, in a sentence shown as written.
    Framed,
}

/// A word or punctuation mark, with whether a space precedes it in its own text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The text, raw (not yet escaped).
    pub text: String,
    /// A space stands before it.
    pub space_before: bool,
}

/// Consecutive words with the same mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// How the run is marked.
    pub mark: Mark,
    /// Its words, in reading order.
    pub words: Vec<Word>,
}

impl Run {
    /// The run's text with its inner spaces, without the space before its first word.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, word) in self.words.iter().enumerate() {
            if i > 0 && word.space_before {
                out.push(' ');
            }
            out.push_str(&word.text);
        }
        out
    }

    /// A space stands before the run.
    pub fn space_before(&self) -> bool {
        self.words.first().is_some_and(|w| w.space_before)
    }
}

/// Whether whitespace precedes byte offset `at` of `text` (false at the start).
fn space_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|head| head.chars().next_back())
        .is_some_and(char::is_whitespace)
}

/// Sentences longer than this are not searched for escape sequences split across tokens
/// (the search is quadratic); their tokens are cleaned one by one.
const MAX_CONTEXT_CLEAN: usize = 8_000;

/// A token's text with any control sequence it takes part in removed.
///
/// The tokenizer may cut an escape sequence in two (`ESC` dropped, `[31m` kept as text), so
/// cleaning the token alone could leave the sequence's visible half. When the sentence
/// holds control characters, the token is cleaned in the context of its sentence instead:
/// what cleaning keeps of the sentence up to the token's end, minus what it keeps up to the
/// token's start.
/// Returns the text and, when cleaned in context, whether a space stands before it once
/// the sequences are gone.
fn clean_token(
    controls: &mut Controls<'_>,
    at: SentenceRef,
    start: usize,
    end: usize,
    raw: &str,
) -> (String, Option<bool>) {
    let sources = controls.sources;
    let context = sources.get(at.source).and_then(|source| {
        let sentence = source.sentences.get(at.sentence)?;
        let head = source.text.get(sentence.start..start)?;
        let through = source.text.get(sentence.start..end)?;
        Some((sentence, head, through))
    });
    match context {
        Some((sentence, head, through))
            if sentence.end - sentence.start <= MAX_CONTEXT_CLEAN
                && controls.any_in(at, sentence, through) =>
        {
            let head = sanitize_for_terminal(head);
            let through = sanitize_for_terminal(through);
            match through.strip_prefix(head.as_ref()) {
                Some(rest) => {
                    let space = head.ends_with(char::is_whitespace)
                        || rest.starts_with(char::is_whitespace);
                    (rest.trim().to_string(), Some(space))
                }
                None => (sanitize_for_terminal(raw).into_owned(), None),
            }
        }
        _ => (sanitize_for_terminal(raw).into_owned(), None),
    }
}

/// Where the first control character of a sentence is, found once per sentence: each of
/// a sentence's tokens asks whether one stands before its end, which scanning the
/// sentence's head again for every token made quadratic.
struct Controls<'a> {
    sources: &'a [Source],
    /// The last sentence asked about and the byte offset in its source's text of its
    /// first control character, if any.
    last: Option<(SentenceRef, Option<usize>)>,
}

impl<'a> Controls<'a> {
    fn new(sources: &'a [Source]) -> Controls<'a> {
        Controls {
            sources,
            last: None,
        }
    }

    /// Whether `through`, the text of sentence `at` (spanning `sentence`) from its start,
    /// holds a control character.
    fn any_in(&mut self, at: SentenceRef, sentence: &Sentence, through: &str) -> bool {
        let through_end = sentence.start + through.len();
        if through_end > sentence.end {
            // Past the sentence's end: not what the memo covers.
            return through.chars().any(char::is_control);
        }
        let first = match self.last {
            Some((last, first)) if last == at => first,
            _ => {
                let Some(whole) = self
                    .sources
                    .get(at.source)
                    .and_then(|source| source.text.get(sentence.start..sentence.end))
                else {
                    // Not a slice of its source: ask the head itself.
                    return through.chars().any(char::is_control);
                };
                let first = whole
                    .char_indices()
                    .find(|&(_, c)| c.is_control())
                    .map(|(i, _)| sentence.start + i);
                self.last = Some((at, first));
                first
            }
        };
        // A control character starting before `through` ends lies wholly within it: the
        // slice ends on a character boundary.
        first.is_some_and(|i| i < through_end)
    }
}

fn source_text(sources: &[Source], at: SentenceRef) -> &str {
    sources.get(at.source).map_or("", |s| s.text.as_str())
}

fn push_word(runs: &mut Vec<Run>, mark: Mark, word: Word) {
    if word.text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(run) if run.mark == mark => run.words.push(word),
        _ => runs.push(Run {
            mark,
            words: vec![word],
        }),
    }
}

/// The flat view of a member's diff as runs: the member's words with the base's deleted
/// words interleaved where they stood.
pub fn inline_runs(sources: &[Source], diff: &MemberDiff) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut controls = Controls::new(sources);
    for (i, token) in diff.tokens.iter().enumerate() {
        let mark = match token.change {
            crate::model::Change::Equal => Mark::Plain,
            crate::model::Change::Inserted => Mark::Inserted,
            crate::model::Change::Deleted => Mark::Deleted,
            crate::model::Change::MovedFrom => Mark::MovedFrom,
            crate::model::Change::MovedTo => Mark::MovedTo,
        };
        let text = source_text(sources, token.at);
        let (clean, space) =
            clean_token(&mut controls, token.at, token.start, token.end, &token.text);
        push_word(
            &mut runs,
            mark,
            Word {
                text: clean,
                space_before: i > 0 && space.unwrap_or_else(|| space_before(text, token.start)),
            },
        );
    }
    runs
}

/// Words of `at` from `tokens`, marked [`Mark::Framed`] inside `spans` (byte ranges).
fn framed_runs(
    sources: &[Source],
    at: SentenceRef,
    tokens: &[Token],
    spans: &[std::ops::Range<usize>],
) -> Vec<Run> {
    let text = source_text(sources, at);
    let mut runs = Vec::new();
    let mut controls = Controls::new(sources);
    for token in tokens {
        let framed = spans
            .iter()
            .any(|s| token.start >= s.start && token.end <= s.end);
        let first = runs.is_empty();
        let (clean, space) = clean_token(&mut controls, at, token.start, token.end, &token.text);
        push_word(
            &mut runs,
            if framed { Mark::Framed } else { Mark::Plain },
            Word {
                text: clean,
                space_before: !first && space.unwrap_or_else(|| space_before(text, token.start)),
            },
        );
    }
    runs
}

/// A member shown as written, with the words its framing tags point at marked.
pub fn framed_member_runs(sources: &[Source], diff: &MemberDiff) -> Vec<Run> {
    let spans: Vec<_> = diff
        .tags
        .iter()
        .filter(|t| t.member.at == diff.member && t.member.start < t.member.end)
        .map(|t| t.member.start..t.member.end)
        .collect();
    framed_runs(sources, diff.member, &diff.member_tokens, &spans)
}

/// The base version of a group as written, with the words any tag points at marked.
pub fn framed_pivot_runs(sources: &[Source], diff: &GroupDiff) -> Option<Vec<Run>> {
    let tokens = &diff.members.first()?.pivot_tokens;
    let sides = diff
        .members
        .iter()
        .flat_map(|m| m.tags.iter())
        .chain(diff.tags.iter())
        .flat_map(|t| std::iter::once(&t.member).chain(t.counterpart.as_ref()));
    let spans: Vec<_> = sides
        .filter(|side| side.at == diff.pivot && side.start < side.end)
        .map(|side| side.start..side.end)
        .collect();
    Some(framed_runs(sources, diff.pivot, tokens, &spans))
}

/// The words of a sentence, unmarked.
pub fn plain_runs(sentence: &str) -> Vec<Run> {
    let words: Vec<Word> = sentence
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| Word {
            text: w.to_string(),
            space_before: i > 0,
        })
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    vec![Run {
        mark: Mark::Plain,
        words,
    }]
}

/// The two sides of a member's diff for a side-by-side view: the base's words with what
/// the member drops marked, and the member's words with what it adds marked.
pub fn two_sided_runs(
    sources: &[Source],
    pivot: SentenceRef,
    diff: &MemberDiff,
) -> (Vec<Run>, Vec<Run>) {
    let mut left = Vec::new();
    let mut right = Vec::new();
    let mut controls = Controls::new(sources);
    let mut side = |runs: &mut Vec<Run>,
                    at: SentenceRef,
                    tokens: &[Token],
                    range: &std::ops::Range<usize>,
                    mark: Mark| {
        let text = source_text(sources, at);
        for token in tokens.get(range.clone()).unwrap_or(&[]) {
            let first = runs.is_empty();
            let (clean, space) =
                clean_token(&mut controls, at, token.start, token.end, &token.text);
            push_word(
                runs,
                mark,
                Word {
                    text: clean,
                    space_before: !first
                        && space.unwrap_or_else(|| space_before(text, token.start)),
                },
            );
        }
    };
    for edit in &diff.edits {
        let (left_mark, right_mark) = match (edit.kind, edit.moved.is_some()) {
            (EditKind::Equal, _) => (Mark::Plain, Mark::Plain),
            (_, true) => (Mark::MovedFrom, Mark::MovedTo),
            _ => (Mark::Deleted, Mark::Inserted),
        };
        side(&mut left, pivot, &diff.pivot_tokens, &edit.pivot, left_mark);
        side(
            &mut right,
            diff.member,
            &diff.member_tokens,
            &edit.member,
            right_mark,
        );
    }
    (left, right)
}

/// Claim groups in reading order: carried by most outlets first, then the most cohesive.
pub fn group_order(comparison: &Comparison) -> Vec<&ClaimGroup> {
    let mut groups: Vec<&ClaimGroup> = comparison.alignment.groups.iter().collect();
    groups.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(b.score.total_cmp(&a.score))
            .then(a.id.cmp(&b.id))
    });
    groups
}

/// The number a reader sees for each group id (1-based, in [`group_order`]).
pub fn claim_numbers(order: &[&ClaimGroup]) -> BTreeMap<usize, usize> {
    order
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id, i + 1))
        .collect()
}

/// The member diff of one sentence of a group.
pub fn member_diff(diff: Option<&GroupDiff>, at: SentenceRef) -> Option<&MemberDiff> {
    diff?.members.iter().find(|m| m.member == at)
}

/// The text of a sentence, or "" when the reference is out of range.
pub fn sentence_text(sources: &[Source], at: SentenceRef) -> &str {
    sources
        .get(at.source)
        .and_then(|s| s.sentences.get(at.sentence))
        .map_or("", |s| s.text.as_str())
}

/// The display name of a source.
pub fn outlet_name(sources: &[Source], source: usize) -> &str {
    sources.get(source).map_or("?", Source::display_name)
}

/// One framing difference in short form: what this version has, and what stands for it
/// in the other (either may be empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShortTag {
    /// The words in this version.
    pub here: String,
    /// The words in the other version.
    pub there: Vec<String>,
    /// Other words of this version that stand for the same words of the other
    /// (`ISIS`, `ISIL` ↔ `Islamic State`), after `here`.
    pub also: Vec<String>,
}

/// A member's tags, grouped by kind in [`TagKind::ALL`] order, with counterparts of the
/// same words merged (`Islamic State` ↔ `Daesh`, `ISIS`, `ISIL`).
pub fn short_tags(tags: &[FramingTag]) -> Vec<(TagKind, Vec<ShortTag>)> {
    let mut out = Vec::new();
    for kind in TagKind::ALL {
        let mut items: Vec<ShortTag> = Vec::new();
        for tag in tags.iter().filter(|t| t.kind == kind) {
            let here = tag.member.text.trim().to_string();
            let there = tag
                .counterpart
                .as_ref()
                .map(|c| c.text.trim().to_string())
                .unwrap_or_default();
            // The same words on both sides show no difference in short form (a quote tag
            // is the exception: the difference is the quotation marks).
            if kind != TagKind::Quote
                && !here.is_empty()
                && here.to_lowercase() == there.to_lowercase()
            {
                continue;
            }
            // The same words left out twice (a word repeated in the other sentence) are
            // one difference to a reader.
            if here.is_empty()
                && items
                    .iter()
                    .any(|i| i.here.is_empty() && i.there == [there.clone()])
            {
                continue;
            }
            match items
                .iter_mut()
                .find(|i| !here.is_empty() && i.here == here)
            {
                Some(item) => {
                    if !there.is_empty() && !item.there.contains(&there) {
                        item.there.push(there);
                    }
                }
                None => items.push(ShortTag {
                    here,
                    there: if there.is_empty() {
                        Vec::new()
                    } else {
                        vec![there]
                    },
                    also: Vec::new(),
                }),
            }
        }
        // Several words of this version for the same words of the other read as one item.
        let mut merged: Vec<ShortTag> = Vec::new();
        for item in items {
            let same_other = merged.iter_mut().find(|m| {
                !m.here.is_empty()
                    && !item.here.is_empty()
                    && !m.there.is_empty()
                    && m.there == item.there
            });
            match same_other {
                Some(m) => m.also.push(item.here),
                None => merged.push(item),
            }
        }
        let items = merged;
        if !items.is_empty() {
            out.push((kind, items));
        }
    }
    out
}

/// The shared terms of a member, as a reader's list.
pub fn shared_terms(group: &ClaimGroup, at: SentenceRef, max: usize) -> Vec<&str> {
    group
        .members
        .iter()
        .find(|m| m.at == at)
        .map(|m| {
            m.shared_terms
                .iter()
                .take(max)
                .map(|t| t.term.as_str())
                .collect()
        })
        .unwrap_or_default()
}

/// Sentences of one source in no group, by source, in input order.
pub fn unmatched_by_source(comparison: &Comparison) -> Vec<(usize, Vec<usize>)> {
    let mut by_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for at in &comparison.alignment.unmatched {
        by_source.entry(at.source).or_default().push(at.sentence);
    }
    by_source
        .into_iter()
        .map(|(s, mut v)| {
            v.sort_unstable();
            (s, v)
        })
        .collect()
}

/// Whether `source` has a sentence in `group`.
pub fn carries(group: &ClaimGroup, source: usize) -> bool {
    group.members.iter().any(|m| m.at.source == source)
}

/// The kinds of tag an outlet's profile counts, as `kind count` pairs, most first.
pub fn tag_count_list(profile: &OutletProfile) -> Vec<(TagKind, usize)> {
    let mut counts: Vec<(TagKind, usize)> = profile
        .tag_counts
        .iter()
        .filter(|(_, &n)| n > 0)
        .map(|(&k, &n)| (k, n))
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

/// Attribution verbs of a profile, most used first.
pub fn verb_list(profile: &OutletProfile) -> Vec<(&str, usize)> {
    let mut verbs: Vec<(&str, usize)> = profile
        .attribution_verbs
        .iter()
        .map(|(v, &n)| (v.as_str(), n))
        .collect();
    verbs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    verbs
}

/// Claim numbers as a short list (`1, 4, 7`), in reading order.
pub fn claim_list(groups: &[usize], numbers: &BTreeMap<usize, usize>) -> String {
    let mut shown: Vec<usize> = groups
        .iter()
        .filter_map(|g| numbers.get(g).copied())
        .collect();
    shown.sort_unstable();
    shown
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The claims a profile's outlet puts in its lede (first two sentences), as claim numbers.
pub fn lede_claims(profile: &OutletProfile, numbers: &BTreeMap<usize, usize>) -> Vec<usize> {
    let mut lede: Vec<usize> = profile
        .positions
        .iter()
        .filter(|p| p.lede)
        .filter_map(|p| numbers.get(&p.group).copied())
        .collect();
    lede.sort_unstable();
    lede
}

/// The percentage of `part` in `whole`, rounded.
pub fn percent(part: f64) -> u32 {
    // Ratios are in 0–1; the cast cannot overflow after the clamp.
    (part.clamp(0.0, 1.0) * 100.0).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagSide;

    fn tag(kind: TagKind, here: &str, there: &str) -> FramingTag {
        let side = |text: &str, source| TagSide {
            at: SentenceRef {
                source,
                sentence: 0,
            },
            start: 0,
            end: text.len(),
            text: text.into(),
        };
        FramingTag {
            kind,
            member: side(here, 1),
            counterpart: (!there.is_empty()).then(|| side(there, 0)),
            explanation: String::new(),
        }
    }

    #[test]
    fn one_name_against_several_is_one_short_tag() {
        let tags = [
            tag(TagKind::Naming, "Islamic State", "Daesh"),
            tag(TagKind::Naming, "Islamic State", "ISIS"),
            tag(TagKind::Label, "", "terrorists"),
            tag(TagKind::Label, "", "terrorists"),
            tag(TagKind::Naming, "Al-Nusra", "Nusra Front"),
            tag(TagKind::Label, "terrorist", "Terrorist"),
        ];
        let short = short_tags(&tags);
        assert_eq!(short.len(), 2);
        assert_eq!(short[0].0, TagKind::Naming);
        assert_eq!(short[0].1.len(), 2);
        assert!(short[0].1[0].also.is_empty());
        assert_eq!(short[0].1[0].there, ["Daesh", "ISIS"]);
        assert_eq!(short[1].0, TagKind::Label);
        assert_eq!(short[1].1.len(), 1, "the repeated omission is listed once");
    }

    #[test]
    fn several_names_for_one_name_are_one_short_tag() {
        let tags = [
            tag(TagKind::Naming, "ISIS", "Islamic State"),
            tag(TagKind::Naming, "ISIL", "Islamic State"),
        ];
        let short = short_tags(&tags);
        assert_eq!(short[0].1.len(), 1);
        assert_eq!(short[0].1[0].here, "ISIS");
        assert_eq!(short[0].1[0].also, ["ISIL"]);
    }

    proptest::proptest! {
        /// The memo answers, for every end in every sentence, what scanning the sentence's
        /// head answers, asked in any order.
        #[test]
        fn controls_answer_as_a_scan_of_the_head(
            text in "[a-z \u{1b}\u{7}\u{85}é\\[]{0,40}",
            cuts in proptest::collection::vec(0usize..40, 1..4),
            ends in proptest::collection::vec(0usize..48, 1..12),
        ) {
            let mut bounds: Vec<usize> = cuts.into_iter().filter(|&c| text.is_char_boundary(c)).collect();
            bounds.push(0);
            bounds.push(text.len());
            bounds.sort_unstable();
            bounds.dedup();
            if bounds.len() == 1 {
                bounds.push(0);
            }
            let sentences: Vec<Sentence> = bounds
                .windows(2)
                .enumerate()
                .map(|(index, w)| Sentence { index, text: String::new(), start: w[0], end: w[1], paragraph: 0 })
                .collect();
            let source = Source::from_sentences("s", "p", text.clone(), sentences.clone());
            let sources = [source];
            let mut controls = Controls::new(&sources);
            for end in ends {
                let n = sentences.len();
                let sentence = &sentences[end % n];
                let at = SentenceRef { source: 0, sentence: end % n };
                let Some(through) = text.get(sentence.start..end.min(text.len()).max(sentence.start)) else {
                    continue;
                };
                proptest::prop_assert_eq!(
                    controls.any_in(at, sentence, through),
                    through.chars().any(char::is_control),
                    "{:?} {:?}", sentence, through
                );
            }
        }
    }

    #[test]
    fn plain_runs_keep_words_and_spaces() {
        let runs = plain_runs("  Lavrov   said  so. ");
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].text(), "Lavrov said so.");
    }
}
