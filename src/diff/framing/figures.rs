//! Number and date tags: figures of the same kind that disagree or differ in precision.

use crate::diff::lexicon::Lexicon;
use crate::diff::numbers::{self, DateRelation, Figure, Found};
use crate::model::{FramingTag, TagKind};

use super::{quoted, Side};

/// Number and date tags between two sentences of a group: figures of the same kind that
/// disagree, or dates where one is vaguer.
pub fn figure_tags(a: &Side, b: &Side, lexicon: &Lexicon) -> Vec<FramingTag> {
    let is_function = |w: &str| lexicon.is_function_word(w);
    let fa = numbers::find(a.sentence(), &is_function);
    let fb = numbers::find(b.sentence(), &is_function);
    figure_tags_of(a, &fa, b, &fb)
}

/// [`figure_tags`] with each sentence's figures already found ([`numbers::find`]).
pub(crate) fn figure_tags_of(a: &Side, fa: &[Found], b: &Side, fb: &[Found]) -> Vec<FramingTag> {
    let mut used_a = vec![false; fa.len()];
    let mut used_b = vec![false; fb.len()];
    let same = |x: &Figure, y: &Figure| match (x, y) {
        (Figure::Date(p), Figure::Date(q)) => p.relation(q) == DateRelation::Same,
        (Figure::Quantity { value: v, unit: u }, Figure::Quantity { value: w, unit: t }) => {
            (v - w).abs() < 1e-9 && (u == t || u.is_none() || t.is_none())
        }
        _ => x == y,
    };
    for (i, x) in fa.iter().enumerate() {
        if let Some(j) = (0..fb.len()).find(|&j| !used_b[j] && same(&x.figure, &fb[j].figure)) {
            used_a[i] = true;
            used_b[j] = true;
        }
    }
    let mut tags = Vec::new();
    // First dates that hold one another, then any two of a kind, in order.
    for pass in 0..2 {
        for (i, x) in fa.iter().enumerate() {
            if used_a[i] {
                continue;
            }
            let partner = (0..fb.len()).find(|&j| {
                !used_b[j]
                    && match (&x.figure, &fb[j].figure) {
                        (Figure::Date(p), Figure::Date(q)) => {
                            pass == 1 || p.relation(q) == DateRelation::Vaguer
                        }
                        (Figure::Weekday(_), Figure::Weekday(_)) => pass == 1,
                        (
                            Figure::Quantity { unit: Some(u), .. },
                            Figure::Quantity { unit: Some(t), .. },
                        ) => pass == 1 && u == t,
                        _ => false,
                    }
            });
            let Some(j) = partner else { continue };
            used_a[i] = true;
            used_b[j] = true;
            let (ta, tb) = (a.local(x.start..x.end), b.local(fb[j].start..fb[j].end));
            let (kind, explanation) = match (&x.figure, &fb[j].figure) {
                (Figure::Quantity { .. }, _) => (
                    TagKind::Number,
                    format!(
                        "{} says {}; {} says {}: the numbers disagree.",
                        a.outlet,
                        quoted(&ta.text),
                        b.outlet,
                        quoted(&tb.text)
                    ),
                ),
                (Figure::Date(p), Figure::Date(q)) if p.relation(q) == DateRelation::Vaguer => {
                    let (precise, vague, po, vo) = if precision(p) >= precision(q) {
                        (&ta, &tb, a.outlet, b.outlet)
                    } else {
                        (&tb, &ta, b.outlet, a.outlet)
                    };
                    (
                        TagKind::Date,
                        format!("{po} gives {}; {vo} says only {}: the dates differ in precision (check which is right).", quoted(&precise.text), quoted(&vague.text)),
                    )
                }
                (Figure::Weekday(_), _) => (
                    TagKind::Date,
                    format!(
                        "{} says {}; {} says {}: the days differ (different events, or days counted from different publication times).",
                        a.outlet,
                        quoted(&ta.text),
                        b.outlet,
                        quoted(&tb.text)
                    ),
                ),
                _ => (
                    TagKind::Date,
                    format!(
                        "{} says {}; {} says {}: the dates disagree.",
                        a.outlet,
                        quoted(&ta.text),
                        b.outlet,
                        quoted(&tb.text)
                    ),
                ),
            };
            tags.push(FramingTag {
                kind,
                member: tb,
                counterpart: Some(ta),
                explanation,
            });
        }
    }
    tags
}

fn precision(d: &numbers::DateRange) -> u8 {
    match d.days {
        Some((x, y)) if x == y => 3,
        Some(_) => 2,
        None if d.month.is_some() => 1,
        None => 0,
    }
}
