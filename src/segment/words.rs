//! UAX #29 word boundaries, fast for the characters news text is made of.
//!
//! `unicode-segmentation` looks every character up in its tables and runs a general state
//! machine; it has a fast path only for text that is wholly ASCII, which news text seldom
//! is (typographic quotes and dashes). [`word_bound_indices`] gives exactly what
//! `split_word_bound_indices` gives, and finds it with a few comparisons per character
//! when every character is ASCII or one of a few typographic marks whose Word_Break class
//! is known ([`class`]); any other text goes to the crate. A proptest and the seeds check
//! the two agree.

use unicode_segmentation::UnicodeSegmentation;

/// The Word_Break classes (UAX #29, table 3) of the characters [`class`] knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Cr,
    Lf,
    Newline,
    ALetter,
    Numeric,
    ExtendNumLet,
    MidLetter,
    MidNum,
    /// MidNumLet or Single_Quote: the rules treat them alike (`MidNumLetQ`).
    MidNumLetQ,
    WSegSpace,
    Other,
}

/// The class of `c`, for ASCII and a few typographic marks; `None` for anything else.
fn class(c: char) -> Option<Class> {
    Some(match c {
        'a'..='z' | 'A'..='Z' => Class::ALetter,
        '0'..='9' => Class::Numeric,
        '_' => Class::ExtendNumLet,
        ':' => Class::MidLetter,
        ',' | ';' => Class::MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Class::MidNumLetQ,
        ' ' => Class::WSegSpace,
        '\r' => Class::Cr,
        '\n' => Class::Lf,
        '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Newline,
        // The rest of ASCII (controls, `"`, brackets, `-`…), curly double quotes, dashes,
        // the no-break space and the ellipsis: classes no rule below joins.
        c if c.is_ascii() => Class::Other,
        '\u{A0}' | '\u{201C}' | '\u{201D}' | '\u{2010}'..='\u{2015}' | '\u{2026}' => Class::Other,
        _ => return None,
    })
}

/// Whether UAX #29 puts no boundary between `prev` and `next`, given the characters
/// around them (`before` `prev` | `next` `after`; `after` is looked at only when needed).
fn joined(
    before: Option<Class>,
    prev: Class,
    next: Class,
    after: impl Fn() -> Option<Class>,
) -> bool {
    use Class::*;
    let mid_letter = |c: Class| matches!(c, MidLetter | MidNumLetQ);
    let mid_num = |c: Class| matches!(c, MidNum | MidNumLetQ);
    match (prev, next) {
        // WB3, WB3a, WB3b.
        (Cr, Lf) => true,
        (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => false,
        // WB3d.
        (WSegSpace, WSegSpace) => true,
        // WB5, WB8, WB9, WB10.
        (ALetter | Numeric, ALetter | Numeric) => true,
        // WB6 and WB12: a middle mark with the same kind of character on both sides.
        (ALetter, m) if mid_letter(m) && after() == Some(ALetter) => true,
        (Numeric, m) if mid_num(m) && after() == Some(Numeric) => true,
        // WB7 and WB11.
        (m, ALetter) if mid_letter(m) && before == Some(ALetter) => true,
        (m, Numeric) if mid_num(m) && before == Some(Numeric) => true,
        // WB13a, WB13b.
        (ALetter | Numeric | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, ALetter | Numeric) => true,
        // WB999.
        _ => false,
    }
}

/// The pieces of `text` between UAX #29 word boundaries with their byte offsets, as
/// `text.split_word_bound_indices()` gives them.
pub fn word_bound_indices(text: &str) -> Vec<(usize, &str)> {
    fast_bounds(text).unwrap_or_else(|| text.split_word_bound_indices().collect())
}

/// [`word_bound_indices`] when [`class`] knows every character of `text`.
fn fast_bounds(text: &str) -> Option<Vec<(usize, &str)>> {
    let mut pieces = Vec::with_capacity(text.len() / 4);
    let Some((mut prev, first_len)) = class_at(text, 0) else {
        return text.is_empty().then_some(pieces);
    };
    let mut before = None;
    let (mut start, mut at) = (0, first_len);
    while at < text.len() {
        let (next, len) = class_at(text, at)?;
        let after = || class_at(text, at + len).map(|(class, _)| class);
        if !joined(before, prev, next, after) {
            pieces.push((start, text.get(start..at)?));
            start = at;
        }
        (before, prev, at) = (Some(prev), next, at + len);
    }
    pieces.push((start, text.get(start..)?));
    Some(pieces)
}

/// The class and length of the character at byte `at` of `text`.
fn class_at(text: &str, at: usize) -> Option<(Class, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return class(char::from(byte)).map(|class| (class, 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((class(c)?, c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn crate_bounds(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    /// Characters of every class [`class`] knows, and a few it does not.
    const ALPHABET: &[char] = &[
        'a', 'Z', 'q', '0', '7', '_', ':', ',', ';', '.', '\'', '"', ' ', ' ', '\r', '\n', '\t',
        '\u{0B}', '\u{0C}', '\u{85}', '-', '(', ')', '%', '$', '/', '\u{2018}', '\u{2019}',
        '\u{201C}', '\u{201D}', '\u{2013}', '\u{2014}', '\u{2010}', '\u{2026}', '\u{A0}',
        '\u{2028}', '\u{2029}', 'é', '\u{301}', '\u{200D}', '\u{2024}', '\u{202F}',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_same_pieces_as_unicode_segmentation(
            chars in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40)
        ) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(word_bound_indices(&text), crate_bounds(&text));
        }
    }

    #[test]
    fn the_seed_articles_split_as_unicode_segmentation_splits_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut fast = 0;
        let mut checked = 0;
        for entry in std::fs::read_dir(root.join("seeds"))
            .expect("seeds")
            .flatten()
        {
            let text = std::fs::read_to_string(entry.path()).expect("readable");
            for line in text.lines() {
                checked += 1;
                if line.chars().all(|c| class(c).is_some()) {
                    fast += 1;
                }
                assert_eq!(word_bound_indices(line), crate_bounds(line), "{line:?}");
            }
        }
        // The fast path must be the common one on news text, or it buys nothing.
        assert!(fast * 10 >= checked * 9, "{fast} of {checked} lines");
    }

    #[test]
    fn dotted_numbers_and_contractions_stay_whole() {
        let pieces: Vec<&str> = word_bound_indices("U.S. paid 2,254.5 – don’t “wait”")
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        assert_eq!(
            pieces,
            [
                "U.S", ".", " ", "paid", " ", "2,254.5", " ", "–", " ", "don’t", " ", "“", "wait",
                "”"
            ]
        );
    }
}
