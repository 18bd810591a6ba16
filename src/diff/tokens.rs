//! Sentence text → tokens: words, numbers and punctuation marks, with exact byte spans.
//!
//! Word boundaries follow Unicode (UAX #29, `segment::words`), which already
//! keeps `don’t`, `Syria's` and `2,254` whole. Two repairs make tokens fit news text:
//! hyphenated words (`al-Nusra`, `co-chairs`) are joined, and dotted abbreviations keep
//! their final dot (`U.S.`), since a lone `.` there ends no sentence.

use crate::segment::words::word_spans;

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
    let mut raw = word_spans(text);
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
            prop_assert_eq!(word_spans(&text), crate_bounds(&text), "{:?}", text);
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
