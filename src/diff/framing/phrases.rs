//! Label and hedge tags: a loaded label, hedge or intensifier in one sentence only.

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
        let which = match what {
            Phrase::Label => 0,
            Phrase::Hedge => 1,
            Phrase::Intensifier => 2,
        };
        let (in_pivot, in_member) = (
            &pivot.phrases(lexicon)[which],
            &member.phrases(lexicon)[which],
        );
        let has_key = |v: &[(usize, usize, String)], k: &String| v.iter().any(|x| x.2 == *k);
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
        for (s, e, k) in in_member {
            if has_key(in_pivot, k) {
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
        for (s, e, k) in in_pivot {
            if has_key(in_member, k) {
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
