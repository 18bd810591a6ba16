//! Reuse tags: two outlets sharing a long verbatim run of words.

use crate::model::{FramingTag, TagKind, TokenKind};

use super::{quoted, Side};

/// Shortest verbatim run (in words, punctuation aside) that counts as reuse.
pub const REUSE_MIN_TOKENS: usize = 8;

/// A reuse tag when two sentences of different outlets share a long verbatim run.
pub fn reuse_tag(a: &Side, b: &Side) -> Option<FramingTag> {
    let (ka, kb) = (&a.facts.ids, &b.facts.ids);
    // A run of fewer tokens has fewer words: no reuse, wherever the longest run is.
    let (sa, sb, len) =
        crate::diff::words::longest_common_run_of_at_least(ka, kb, REUSE_MIN_TOKENS)?;
    let run = a.tokens.get(sa..sa + len)?;
    let words = run.iter().filter(|t| t.kind != TokenKind::Punct).count();
    // A shared name (`the International Syria Support Group`) is no reuse: the run needs
    // ordinary words too.
    let plain = run
        .iter()
        .zip(sa..)
        .filter(|(t, i)| {
            t.kind == TokenKind::Word && !t.text.starts_with(char::is_uppercase) && a.is_content(*i)
        })
        .count();
    if words < REUSE_MIN_TOKENS || plain < 2 {
        return None;
    }
    let (fa, la) = (a.tokens.get(sa)?, a.tokens.get(sa + len - 1)?);
    let (fb, lb) = (b.tokens.get(sb)?, b.tokens.get(sb + len - 1)?);
    let (ta, tb) = (a.span(fa.start, la.end), b.span(fb.start, lb.end));
    let both_quoted = [(a, &ta), (b, &tb)].iter().all(|(side, t)| {
        side.quotes()
            .iter()
            .any(|(s, e)| *s <= t.start && t.end <= *e)
    });
    let explanation = if both_quoted {
        format!(
            "{} and {} quote the same {len} words: {}. They may share a transcript or one may copy the other.",
            a.outlet, b.outlet, quoted(&tb.text)
        )
    } else {
        format!(
            "{} repeats {len} words of {}'s sentence word for word: {}. One outlet's text was likely reused by the other.",
            b.outlet, a.outlet, quoted(&tb.text)
        )
    };
    Some(FramingTag {
        kind: TagKind::Reuse,
        member: tb,
        counterpart: Some(ta),
        explanation,
    })
}
