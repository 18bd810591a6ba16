//! UAX #29 word boundaries, fast for the characters news text is made of.
//!
//! `unicode-segmentation` looks every character up in its tables and runs a general state
//! machine; it has a fast path only for text that is wholly ASCII, which news text seldom
//! is (typographic quotes and dashes). [`word_bound_indices`] gives exactly what
//! `split_word_bound_indices` gives, and finds it with a few comparisons per character
//! when every character is ASCII or one of a few typographic marks whose Word_Break class
//! is known ([`class`]); any other text goes to the crate. [`word_spans`], the segments the
//! diff tokenizes, goes faster still over the ASCII words between spaces that make up most
//! of a sentence. Proptests and the seeds check both against the crate.

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

/// The spans of the UAX #29 word-boundary segments of `text` that are not all whitespace,
/// as `split_word_bound_indices` gives them: the words, numbers and marks a diff is made of.
///
/// Most of a news sentence is ASCII words between single spaces. The text is cut into
/// pieces before every ASCII character other than a space that follows a space: UAX #29
/// always breaks there (no rule joins a space to a following ASCII letter, digit or
/// mark) and no rule looks across that break (rules look past `Extend` and `Format`
/// characters only). An ASCII piece is segmented here, by the rules as they apply to
/// ASCII; a piece with any other character by [`word_bound_indices`]. Tests check the
/// result against `unicode-segmentation` on arbitrary text.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut bounds = Vec::with_capacity(bytes.len() / 4);
    // Where the piece being segmented starts: after the last cut.
    let mut piece_start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let class = ASCII_CLASS.get(usize::from(b)).copied();
        let next = match class {
            None => {
                // A piece with a non-ASCII character: its segments so far are dropped and
                // the whole piece is segmented by `word_bound_indices` (typographic quotes
                // and dashes here, anything else by `unicode-segmentation`).
                let piece_end = next_cut(bytes, i);
                while bounds.last().is_some_and(|&(s, _)| s >= piece_start) {
                    bounds.pop();
                }
                if let Some(piece) = text.get(piece_start..piece_end) {
                    bounds.extend(
                        word_bound_indices(piece)
                            .into_iter()
                            .filter(|(_, s)| !s.chars().all(char::is_whitespace))
                            .map(|(j, s)| (piece_start + j, piece_start + j + s.len())),
                    );
                }
                piece_start = piece_end;
                i = piece_end;
                continue;
            }
            // WB3d: a run of spaces is one segment.
            Some(Ascii::Space) => i + 1 + run(bytes, i + 1, |c| c == b' '),
            // WB5–WB13b: letters, digits and `_`, with `.`, `'`, `:` between letters and
            // `.`, `,`, `;`, `'` between digits.
            Some(Ascii::Word) => {
                let mut j = i + 1;
                loop {
                    j += run(bytes, j, is_ascii_word_byte);
                    let Some(&c) = bytes.get(j) else { break };
                    let before = bytes.get(j - 1).copied().unwrap_or(0);
                    let after = bytes.get(j + 1).copied().unwrap_or(0);
                    let inner = match c {
                        b'.' | b',' | b';' | b'\''
                            if before.is_ascii_digit() && after.is_ascii_digit() =>
                        {
                            true
                        }
                        b'\'' | b'.' | b':'
                            if before.is_ascii_alphabetic() && after.is_ascii_alphabetic() =>
                        {
                            true
                        }
                        _ => false,
                    };
                    if !inner {
                        break;
                    }
                    j += 1;
                }
                j
            }
            // WB3: CR LF stays whole.
            Some(Ascii::Blank) if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') => i + 2,
            // WB999: any other character is a segment of its own.
            Some(_) => i + 1,
        };
        // Spaces, tabs and line breaks (`char::is_whitespace` on ASCII) are left out.
        if !matches!(class, Some(Ascii::Space | Ascii::Blank)) {
            bounds.push((i, next));
        }
        if b == b' ' && bytes.get(next).is_some_and(|&n| n.is_ascii()) {
            piece_start = next;
        }
        i = next;
    }
    bounds
}

/// Where the piece holding byte `i` ends: after the next space that an ASCII character
/// other than a space follows, or at the end.
fn next_cut(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    while let Some(&b) = bytes.get(j) {
        j += 1;
        if b == b' ' && bytes.get(j).is_some_and(|&n| n != b' ' && n.is_ascii()) {
            return j;
        }
    }
    bytes.len()
}

/// How many bytes from `from` on satisfy `keep`.
fn run(bytes: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&c| keep(c))
        .count()
}

/// What UAX #29 makes of an ASCII byte, as far as [`word_spans`] needs.
#[derive(Clone, Copy, PartialEq)]
enum Ascii {
    /// A letter, digit or `_`.
    Word,
    /// A space.
    Space,
    /// A tab, line break, or other whitespace.
    Blank,
    /// Anything else.
    Other,
}

/// [`Ascii`] by byte, for the 128 ASCII bytes.
static ASCII_CLASS: [Ascii; 128] = {
    let mut table = [Ascii::Other; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() || byte == b'_' {
            Ascii::Word
        } else if byte == b' ' {
            Ascii::Space
        } else if byte >= b'\t' && byte <= b'\r' {
            Ascii::Blank
        } else {
            Ascii::Other
        };
        b += 1;
    }
    table
};

/// Whether `b` is an ASCII letter, digit or `_` (`\w` on ASCII; what UAX #29 keeps
/// together in ASCII), by table.
pub(crate) fn is_ascii_word_byte(b: u8) -> bool {
    WORD_BYTE[usize::from(b)]
}

/// [`is_ascii_word_byte`] of every byte.
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'_';
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn crate_bounds(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    /// The spans of the crate's segments that are not all whitespace.
    fn crate_spans(text: &str) -> Vec<(usize, usize)> {
        text.split_word_bound_indices()
            .filter(|(_, s)| !s.chars().all(char::is_whitespace))
            .map(|(i, s)| (i, i + s.len()))
            .collect()
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

        #[test]
        fn segments_of_arbitrary_text_are_those_of_unicode_segmentation(text in ".*") {
            prop_assert_eq!(word_spans(&text), crate_spans(&text), "{:?}", text);
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

    #[test]
    fn segments_of_the_seeds_are_those_of_unicode_segmentation() {
        for entry in std::fs::read_dir("seeds").unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_eq!(word_spans(&text), crate_spans(&text));
        }
    }
}
