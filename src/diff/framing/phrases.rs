//! Label and hedge tags: a loaded label, hedge or intensifier in one sentence only.

use std::collections::BTreeSet;

use crate::diff::lexicon::Lexicon;
use crate::diff::tokens::key;
use crate::model::{Edit, FramingTag, TagKind, TagSide};

use super::{aligned_short, quoted, Side};

#[derive(Clone, Copy, PartialEq)]
enum Phrase {
    Label,
    Hedge,
    Intensifier,
}

fn find_phrases(side: &Side, lexicon: &Lexicon, what: Phrase) -> Vec<(usize, usize, String)> {
    let s = side.sentence();
    let ranges = match what {
        Phrase::Label => lexicon.find_labels(s),
        Phrase::Hedge => lexicon.find_hedges(s),
        Phrase::Intensifier => lexicon.find_intensifiers(s),
    };
    ranges
        .into_iter()
        .map(|r| {
            let t = side.local(r);
            let k = key(&t.text);
            (t.start, t.end, k)
        })
        .collect()
}

/// "`owner` uses “phrase”, a loaded label; where `other` has “…”." — or "has no such
/// word here" when the other sentence has nothing in its place.
fn phrase_explanation(
    noun: &str,
    owner: &Side,
    phrase: &TagSide,
    other: &Side,
    instead: &TagSide,
) -> String {
    if instead.text.trim().is_empty() {
        format!(
            "{} uses {}, {noun}; {} has no such word here.",
            owner.outlet,
            quoted(&phrase.text),
            other.outlet
        )
    } else {
        format!(
            "{} uses {}, {noun}; where {} has {}.",
            owner.outlet,
            quoted(&phrase.text),
            other.outlet,
            quoted(&instead.text)
        )
    }
}

pub(super) fn phrase_tags(
    pivot: &Side,
    member: &Side,
    edits: &[Edit],
    lexicon: &Lexicon,
    tags: &mut Vec<FramingTag>,
) {
    for what in [Phrase::Label, Phrase::Hedge, Phrase::Intensifier] {
        let in_pivot = find_phrases(pivot, lexicon, what);
        let in_member = find_phrases(member, lexicon, what);
        let keys = |v: &[(usize, usize, String)]| -> BTreeSet<String> {
            v.iter().map(|x| x.2.clone()).collect()
        };
        let (pivot_keys, member_keys) = (keys(&in_pivot), keys(&in_member));
        let (kind, noun) = match what {
            Phrase::Label => (TagKind::Label, "a loaded label"),
            Phrase::Hedge => (
                TagKind::Hedge,
                "a hedge, which keeps distance from the claim",
            ),
            Phrase::Intensifier => (
                TagKind::Hedge,
                "an intensifier, which makes the claim stronger",
            ),
        };
        for (s, e, k) in &in_member {
            if pivot_keys.contains(k) {
                continue;
            }
            let counterpart = aligned_short(edits, member, pivot, false, *s, *e);
            // The same word on both sides (a shorter label inside a longer one) is no
            // difference of framing.
            if key(&counterpart.text) == *k {
                continue;
            }
            let here = member.span(*s, *e);
            let explanation = phrase_explanation(noun, member, &here, pivot, &counterpart);
            tags.push(FramingTag {
                kind,
                member: here,
                counterpart: Some(counterpart),
                explanation,
            });
        }
        for (s, e, k) in &in_pivot {
            if member_keys.contains(k) {
                continue;
            }
            let here = aligned_short(edits, pivot, member, true, *s, *e);
            if key(&here.text) == *k {
                continue;
            }
            let there = pivot.span(*s, *e);
            let explanation = phrase_explanation(noun, pivot, &there, member, &here);
            tags.push(FramingTag {
                kind,
                member: here,
                counterpart: Some(there),
                explanation,
            });
        }
    }
}
