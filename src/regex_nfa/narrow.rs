//! The narrow form of a regex: the same matches and groups on every text whose non-ASCII
//! characters are all outside `\w` (typographic quotes, dashes and spaces: most English
//! news text), written without Unicode word boundaries and with classes cut down to what
//! such a text can hold, so that a lazy DFA runs it (the lazy DFA gives up on Unicode
//! `\b` at the first non-ASCII byte) and its automata stay small. Shared with `build.rs`,
//! which compiles it, so it uses nothing from the crate.
//!
//! Why the forms agree on such a text, position by position:
//! - `\b` (and `\B`, `\<`, `\>`): on either side of a character boundary is an ASCII
//!   character, a word character in both readings or in neither, or a non-ASCII character
//!   outside `\w`, not a word character for Unicode `\b` and a byte ≥ 0x80 that is no
//!   ASCII word byte for `(?-u:\b)`. A match never stands inside a character: every step
//!   of it reads whole characters, and no character starts with a continuation byte.
//! - A class reads only a character of the text, which lies in the class exactly when it
//!   lies in the class cut down to ASCII and the characters outside `\w`; a literal with
//!   a character beyond those can never match, so it becomes a class that never does.
//!
//! Alternation order, repetition greed and groups are kept, so the paths that match are
//! the same, in the same order of preference: the same leftmost-first matches and groups.

use regex_syntax::hir::{self, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

/// ASCII and every character outside `\w`: what a text the narrow form serves holds.
pub fn served_chars() -> Option<ClassUnicode> {
    let HirKind::Class(Class::Unicode(non_word)) = regex_syntax::parse(r"\W").ok()?.into_kind()
    else {
        return None;
    };
    let mut served = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]);
    served.union(&non_word);
    Some(served)
}

/// `hir` in narrow form, given [`served_chars`].
pub fn narrow(hir: &Hir, served: &ClassUnicode) -> Hir {
    let sub = |sub: &Hir| Box::new(narrow(sub, served));
    match hir.kind() {
        HirKind::Look(look) => Hir::look(ascii_look(*look)),
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.intersect(served);
            Hir::class(Class::Unicode(class))
        }
        HirKind::Literal(hir::Literal(bytes)) => match std::str::from_utf8(bytes) {
            Ok(text) if !text.chars().all(|c| is_in(served, c)) => Hir::fail(),
            _ => hir.clone(),
        },
        HirKind::Repetition(repetition) => Hir::repetition(hir::Repetition {
            sub: sub(&repetition.sub),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => Hir::capture(hir::Capture {
            sub: sub(&capture.sub),
            ..capture.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|s| narrow(s, served)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|s| narrow(s, served)).collect())
        }
        // Byte classes (ASCII only in a UTF-8 regex) and the empty regex stay.
        HirKind::Class(Class::Bytes(_)) | HirKind::Empty => hir.clone(),
    }
}

/// The ASCII form of a word-boundary assertion; other assertions stay.
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

fn is_in(class: &ClassUnicode, c: char) -> bool {
    class
        .iter()
        .any(|range| range.start() <= c && c <= range.end())
}
