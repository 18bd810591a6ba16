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
    let mut raw: Vec<(usize, usize)> = word_bound_indices(text)
        .into_iter()
        .filter(|(_, s)| !s.chars().all(char::is_whitespace))
        .map(|(i, s)| (i, i + s.len()))
        .collect();
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
    match piece.chars().next() {
        Some(c) if c.is_ascii_digit() => TokenKind::Number,
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
            if e == ns && &text[ns..ne] == "." && is_dotted_letters(&text[s..e]) {
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

const HYPHENS: [&str; 3] = ["-", "\u{2010}", "\u{2011}"];

/// `al` + `-` + `Nusra` → `al-Nusra` when nothing separates them (and on: `a-b-c`). Builds
/// a new list, for the same reason as [`merge_abbreviation_dots`].
fn merge_hyphenated(text: &str, raw: &mut Vec<(usize, usize)>) {
    let mut merged = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&(s, mut e)) = raw.get(i) {
        while let (Some(&(hs, he)), Some(&(ns, ne))) = (raw.get(i + 1), raw.get(i + 2)) {
            let joined = e == hs && he == ns;
            if joined
                && HYPHENS.contains(&&text[hs..he])
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
