//! Attribution tags: a different source or reporting verb, or a claim credited to no one.

use std::collections::BTreeSet;

use crate::model::{Attribution, FramingTag, TagKind, TagSide};

use super::{quoted, Side};

fn attribution_words(a: &Attribution) -> BTreeSet<String> {
    a.source
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(|w| w.to_lowercase())
        .filter(|w| !["the", "of", "and"].contains(&w.as_str()))
        .collect()
}

fn describe(a: &Attribution) -> String {
    let via = a
        .via
        .as_deref()
        .map(|v| format!(", relayed by {v}"))
        .unwrap_or_default();
    format!("{} ({}{via})", quoted(&a.source), a.verb.to_lowercase())
}

fn attribution_side(side: &Side, a: Option<&Attribution>) -> TagSide {
    match a {
        Some(a) => {
            let (s, e) = (
                a.source_span.start.min(a.verb_span.start),
                a.source_span.end.max(a.verb_span.end),
            );
            // Source and verb far apart (`Lavrov … , adding`): the verb alone.
            if e - s > a.source_span.len() + a.verb_span.len() + 24 {
                side.span(a.verb_span.start, a.verb_span.end)
            } else {
                side.span(s, e)
            }
        }
        None => side.span(side.end, side.end),
    }
}

pub(super) fn attribution_tags(pivot: &Side, member: &Side, tags: &mut Vec<FramingTag>) {
    let explanation = match (pivot.attribution, member.attribution) {
        (None, None) => return,
        (Some(p), None) => format!(
            "{} credits this to {}; {} states it without naming a source, as its own account.",
            pivot.outlet,
            describe(p),
            member.outlet
        ),
        (None, Some(m)) => format!(
            "{} credits this to {}; {} states it without naming a source, as its own account.",
            member.outlet,
            describe(m),
            pivot.outlet
        ),
        (Some(p), Some(m)) => {
            // A pronoun (`he said`) may stand for the other's named source.
            let pronoun = |a: &Attribution| {
                ["he", "she", "they", "it", "we"].contains(&a.source.to_lowercase().as_str())
            };
            let same_source = pronoun(p)
                || pronoun(m)
                || !attribution_words(p).is_disjoint(&attribution_words(m));
            if same_source && p.verb_lemma == m.verb_lemma && p.via == m.via {
                return;
            }
            let what = if same_source {
                "The reporting verb differs: verbs such as “stressed” or “claimed” colour a statement, “said” does not."
            } else {
                "The outlets name different sources for the claim, or describe one source in different words."
            };
            format!(
                "{} credits this to {}; {} to {}. {what}",
                pivot.outlet,
                describe(p),
                member.outlet,
                describe(m)
            )
        }
    };
    tags.push(FramingTag {
        kind: TagKind::Attribution,
        member: attribution_side(member, member.attribution),
        counterpart: Some(attribution_side(pivot, pivot.attribution)),
        explanation,
    });
}
