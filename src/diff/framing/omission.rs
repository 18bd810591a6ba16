//! Omission tags: a phrase whose content words the other sentence lacks.

use std::collections::BTreeSet;

use rust_stemmers::{Algorithm, Stemmer};

use crate::diff::lexicon::Lexicon;
use crate::diff::tokens::key;
use crate::model::{Edit, EditKind, FramingTag, TagKind, TokenKind};
use crate::similarity::aliases::Aliases;

use super::{quoted, Context, Side};

fn stem_set(side: &Side, lexicon: &Lexicon, stemmer: &Stemmer) -> BTreeSet<String> {
    side.tokens
        .iter()
        .map(|t| key(&t.text))
        .filter(|k| lexicon.is_content(k))
        .map(|k| stemmer.stem(&k).into_owned())
        .collect()
}

/// Token indices of `side` that the other sentence already covers in another form: names
/// of a referent it also names, and the attribution (tagged on its own).
fn covered_tokens(side: &Side, other: &Side, aliases: &Aliases) -> BTreeSet<usize> {
    let referents = |x: &Side| -> BTreeSet<String> {
        aliases
            .find_mentions(x.sentence())
            .iter()
            .filter_map(|m| aliases.groups().get(m.group))
            .map(|g| g.canonical.to_lowercase())
            .collect()
    };
    let theirs = referents(other);
    let mut covered = BTreeSet::new();
    for m in aliases.find_mentions(side.sentence()) {
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
    present: &dyn Fn(usize, &str) -> bool,
    rewords: bool,
    lexicon: &Lexicon,
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
        let Some(t) = side.tokens.get(i) else { break };
        let k = key(&t.text);
        if t.kind == TokenKind::Punct {
            flush(&mut run, &mut runs);
            opener = None;
        } else if !lexicon.is_content(&k) {
            if run.is_none() {
                opener = (!["and", "or", "but"].contains(&k.as_str())).then_some(i);
            }
        } else if present(i, &k) {
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
    let lexicon = context.lexicon;
    let stemmer = Stemmer::create(Algorithm::English);
    let pivot_stems = stem_set(pivot, lexicon, &stemmer);
    let member_stems = stem_set(member, lexicon, &stemmer);
    let pivot_covered = covered_tokens(pivot, member, context.aliases);
    let member_covered = covered_tokens(member, pivot, context.aliases);
    let in_pivot = |i: usize, k: &str| {
        member_covered.contains(&i) || pivot_stems.contains(stemmer.stem(k).as_ref())
    };
    let in_member = |i: usize, k: &str| {
        pivot_covered.contains(&i) || member_stems.contains(stemmer.stem(k).as_ref())
    };
    for e in edits
        .iter()
        .filter(|e| e.kind != EditKind::Equal && e.moved.is_none())
    {
        // Whether each side of the edit has content the other sentence lacks.
        let own_words =
            |side: &Side, range: std::ops::Range<usize>, present: &dyn Fn(usize, &str) -> bool| {
                range.clone().any(|i| {
                    side.tokens.get(i).is_some_and(|t| {
                        let k = key(&t.text);
                        lexicon.is_content(&k) && !present(i, &k)
                    })
                })
            };
        let pivot_rewords = own_words(pivot, e.pivot.clone(), &in_member);
        let member_rewords = own_words(member, e.member.clone(), &in_pivot);
        for (f, l) in absent_runs(member, e.member.clone(), &in_pivot, pivot_rewords, lexicon) {
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
        for (f, l) in absent_runs(pivot, e.pivot.clone(), &in_member, member_rewords, lexicon) {
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
