//! Sentence text → tokens: words, numbers and punctuation marks, with exact byte spans.
//!
//! Word boundaries follow Unicode (UAX #29, via `unicode-segmentation`), which already
//! keeps `don’t`, `Syria's` and `2,254` whole. Two repairs make tokens fit news text:
//! hyphenated words (`al-Nusra`, `co-chairs`) are joined, and dotted abbreviations keep
//! their final dot (`U.S.`), since a lone `.` there ends no sentence.

use crate::segment::words::word_bound_indices;

use crate::model::{Token, TokenKind};

/// Tokens of `text[range]`, with spans into `text`. An out-of-range or non-boundary
/// range gives no tokens.
pub fn tokenize_range(text: &str, start: usize, end: usize) -> Vec<Token> {
    match text.get(start..end) {
        Some(slice) => tokenize(slice, start),
        None => Vec::new(),
    }
}

/// Tokens of `text`, their spans shifted by `offset`.
pub fn tokenize(text: &str, offset: usize) -> Vec<Token> {
    let mut raw = word_bounds(text);
    merge_abbreviation_dots(text, &mut raw);
    merge_hyphenated(text, &mut raw);
    raw.into_iter()
        .map(|(s, e)| {
            let piece = &text[s..e];
            Token {
                start: s + offset,
                end: e + offset,
                text: piece.to_string(),
                kind: kind_of(piece),
            }
        })
        .collect()
}

/// The UAX #29 word-boundary segments of `text` that are not all whitespace, as
/// `split_word_bound_indices` gives them.
///
/// Most of a news sentence is ASCII words between single spaces. The text is cut into
/// pieces before every ASCII character other than a space that follows a space: UAX #29
/// always breaks there (no rule joins a space to a following ASCII letter, digit or
/// mark) and no rule looks across that break (rules look past `Extend` and `Format`
/// characters only). An ASCII piece is segmented here, by the rules as they apply to
/// ASCII; a piece with any other character by [`word_bound_indices`]. Tests check the
/// two ways agree on arbitrary text.
fn word_bounds(text: &str) -> Vec<(usize, usize)> {
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
                // the whole piece is segmented by `segment::words` (typographic quotes and
                // dashes there, anything else by `unicode-segmentation`).
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
                    j += run(bytes, j, |c| WORD_BYTE[usize::from(c)]);
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

/// What UAX #29 makes of an ASCII byte, as far as [`word_bounds`] needs.
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

/// Whether a byte is an ASCII letter, digit or `_`: what UAX #29 keeps together in ASCII.
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

fn kind_of(piece: &str) -> TokenKind {
    match piece.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => TokenKind::Number,
        // Most tokens: a word starting with an ASCII letter.
        Some(b) if b.is_ascii_alphabetic() => TokenKind::Word,
        _ if piece.chars().any(char::is_alphanumeric) => TokenKind::Word,
        _ => TokenKind::Punct,
    }
}

/// `U.S` + `.` → `U.S.`: single letters joined by dots are an abbreviation. Builds a new
/// list rather than removing in place, which is quadratic on a text of many abbreviations.
fn merge_abbreviation_dots(text: &str, raw: &mut Vec<(usize, usize)>) {
    let mut merged = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&(s, e)) = raw.get(i) {
        if let Some(&(ns, ne)) = raw.get(i + 1) {
            let dot = text.as_bytes().get(ns..ne) == Some(b".");
            if e == ns && dot && is_dotted_letters(&text[s..e]) {
                merged.push((s, ne));
                i += 2;
                continue;
            }
        }
        merged.push((s, e));
        i += 1;
    }
    *raw = merged;
}

fn is_dotted_letters(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

const HYPHENS: [&[u8]; 3] = [b"-", "\u{2010}".as_bytes(), "\u{2011}".as_bytes()];

/// `al` + `-` + `Nusra` → `al-Nusra` when nothing separates them (and on: `a-b-c`). Builds
/// a new list, for the same reason as [`merge_abbreviation_dots`].
fn merge_hyphenated(text: &str, raw: &mut Vec<(usize, usize)>) {
    let mut merged = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&(s, mut e)) = raw.get(i) {
        while let (Some(&(hs, he)), Some(&(ns, ne))) = (raw.get(i + 1), raw.get(i + 2)) {
            let joined = e == hs && he == ns;
            if joined
                && HYPHENS.contains(&text.as_bytes().get(hs..he).unwrap_or_default())
                && text[s..e].chars().any(char::is_alphanumeric)
                && text[ns..ne].chars().any(char::is_alphanumeric)
            {
                e = ne;
                i += 2;
            } else {
                break;
            }
        }
        merged.push((s, e));
        i += 1;
    }
    *raw = merged;
}

/// The form tokens are compared in: lowercase, with typographic quotes, apostrophes and
/// dashes folded to their plain forms, so that `Russia’s` equals `Russia's`.
pub fn key(text: &str) -> String {
    // Most tokens are ASCII, which has nothing to fold but case.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars()
        .flat_map(|c| {
            let folded = match c {
                '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => '-',
                other => other,
            };
            folded.to_lowercase()
        })
        .collect()
}

/// Whether [`key`] of `text` is one of `words`, without building the key of a short ASCII
/// text.
pub(crate) fn key_in(text: &str, words: &[&str]) -> bool {
    let mut buffer = [0u8; 24];
    if let Some(lower) = buffer.get_mut(..text.len()).filter(|_| text.is_ascii()) {
        lower.copy_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        return words.iter().any(|w| w.as_bytes() == lower);
    }
    words.contains(&key(text).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// The segments as `unicode-segmentation` gives them for the whole text.
    fn crate_bounds(text: &str) -> Vec<(usize, usize)> {
        text.split_word_bound_indices()
            .filter(|(_, s)| !s.chars().all(char::is_whitespace))
            .map(|(i, s)| (i, i + s.len()))
            .collect()
    }

    /// Characters around which UAX #29 has rules: ASCII word joiners and separators, and
    /// the non-ASCII classes (extending and format marks, joiners, regional indicators,
    /// Hebrew and Katakana letters, other spaces and line breaks, mid-word punctuation).
    const TRICKY: [&str; 48] = [
        " ",
        "  ",
        "a",
        "Z",
        "0",
        "9",
        "_",
        ".",
        ",",
        ";",
        ":",
        "'",
        "\"",
        "-",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\u{b}",
        "\u{c}",
        "\u{1f}",
        "(",
        "$",
        "’",
        "“",
        "”",
        "é",
        "\u{301}",
        "\u{200d}",
        "\u{ad}",
        "\u{a0}",
        "\u{85}",
        "\u{2028}",
        "\u{3000}",
        "\u{202f}",
        "·",
        "\u{2024}",
        "🇷",
        "🇺",
        "👍",
        "א",
        "ア",
        "٣",
        "\u{2010}",
        "—",
        "ß",
        "\u{fe0f}",
        "\u{1f3fb}",
    ];

    proptest! {
        #[test]
        fn segments_are_those_of_unicode_segmentation(
            pieces in proptest::collection::vec(
                prop_oneof![
                    proptest::sample::select(TRICKY.to_vec()).prop_map(str::to_string),
                    "[a-zA-Z0-9]{1,6}",
                    "[ -~]{1,4}",
                    any::<char>().prop_map(String::from),
                ],
                0..24,
            ),
        ) {
            let text: String = pieces.concat();
            prop_assert_eq!(word_bounds(&text), crate_bounds(&text), "{:?}", text);
            for token in tokenize(&text, 0) {
                // The kind as it was found before ASCII had a path of its own.
                let kind = match token.text.chars().next() {
                    Some(c) if c.is_ascii_digit() => TokenKind::Number,
                    _ if token.text.chars().any(char::is_alphanumeric) => TokenKind::Word,
                    _ => TokenKind::Punct,
                };
                prop_assert_eq!(token.kind, kind, "{:?}", token.text);
            }
        }

        #[test]
        fn segments_of_arbitrary_text_are_those_of_unicode_segmentation(text in ".*") {
            prop_assert_eq!(word_bounds(&text), crate_bounds(&text), "{:?}", text);
        }
    }

    #[test]
    fn segments_of_the_seeds_are_those_of_unicode_segmentation() {
        for entry in std::fs::read_dir("seeds").unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_eq!(word_bounds(&text), crate_bounds(&text));
        }
    }

    #[test]
    fn abbreviations_and_hyphen_chains_merge_in_long_runs() {
        let text = "U.S. and U.K. back al-Nusra talks; a-b-c-d, x- y. ".repeat(3);
        let texts: Vec<String> = tokenize(&text, 0).into_iter().map(|t| t.text).collect();
        let one = [
            "U.S.", "and", "U.K.", "back", "al-Nusra", "talks", ";", "a-b-c-d", ",", "x", "-", "y",
            ".",
        ];
        let expected: Vec<&str> = one.iter().cycle().take(one.len() * 3).copied().collect();
        assert_eq!(texts, expected);
    }

    fn texts(text: &str) -> Vec<String> {
        tokenize(text, 0).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn abbreviations_hyphenated_words_and_numbers_stay_whole() {
        assert_eq!(
            texts("The U.S. and al-Nusra don’t count 2,254 (18 months)."),
            vec![
                "The", "U.S.", "and", "al-Nusra", "don’t", "count", "2,254", "(", "18", "months",
                ")", "."
            ]
        );
    }

    #[test]
    fn spans_are_exact_byte_ranges_into_the_text() {
        let text = "  “Daesh”  —  U.S.-Russia ties ";
        for t in tokenize(text, 0) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
        assert!(texts(text).contains(&"U.S.-Russia".to_string()));
    }

    #[test]
    fn offset_shifts_spans() {
        let text = "xx said it";
        let toks = tokenize_range(text, 3, text.len());
        assert_eq!(toks[0].start, 3);
        assert_eq!(&text[toks[0].start..toks[0].end], "said");
        assert!(tokenize_range(text, 3, 99).is_empty());
    }

    #[test]
    fn keys_fold_case_and_typography() {
        assert_eq!(key("Russia’s"), key("russia's"));
        assert_eq!(key("“"), key("\""));
    }

    #[test]
    fn key_in_is_membership_of_the_key() {
        let words = ["the", "\"", "'", "don't", "k"];
        for text in [
            "The",
            "THE",
            "them",
            "th",
            "“",
            "»",
            "’",
            "Don’t",
            "DON'T",
            "\u{212a}",
            "K",
            "",
            "a-very-long-hyphenated-token-of-many-words",
        ] {
            assert_eq!(
                key_in(text, &words),
                words.contains(&key(text).as_str()),
                "{text:?}"
            );
        }
    }
}
