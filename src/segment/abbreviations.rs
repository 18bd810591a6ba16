//! The abbreviation list and the sentence starters, read from `data/abbreviations.txt`.
//!
//! The list is data so that it can grow without touching the rules: each section of the
//! file names how a full stop after its entries behaves (see [`AbbreviationKind`]).

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../data/abbreviations.txt");

/// Longest entry looked up, in bytes; longer words are never abbreviations.
const MAX_WORD: usize = 16;

/// How a full stop after an abbreviation behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AbbreviationKind {
    /// Never ends a sentence (`Mr.`, `Gen.`, `e.g.`, `vs.`).
    Title,
    /// Ends no sentence when a number follows (`Oct. 30`, `No. 5`).
    BeforeNumber,
    /// Ends a sentence only when a common sentence starter follows (`in the U.S. The`).
    MayEndSentence,
}

/// The parsed list: abbreviations by kind, and the sentence starters.
#[derive(Debug, Default)]
pub(crate) struct Abbreviations {
    /// Entries with a capital: matched as written.
    // FxHash: built from the data file; text only looks words up in them.
    exact: FxHashMap<Box<str>, AbbreviationKind>,
    /// Lowercase entries: matched ignoring case.
    folded: FxHashMap<Box<str>, AbbreviationKind>,
    starters: FxHashSet<Box<str>>,
}

impl Abbreviations {
    /// The built-in list, parsed once.
    pub(crate) fn builtin() -> &'static Abbreviations {
        static LIST: OnceLock<Abbreviations> = OnceLock::new();
        LIST.get_or_init(|| Abbreviations::parse(BUILTIN))
    }

    /// Parses the `data/abbreviations.txt` format; unknown sections are skipped.
    pub(crate) fn parse(source: &str) -> Abbreviations {
        let mut list = Abbreviations::default();
        let mut section = "";
        for line in source.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            let kind = match section {
                "title" => AbbreviationKind::Title,
                "before-number" => AbbreviationKind::BeforeNumber,
                "may-end-sentence" => AbbreviationKind::MayEndSentence,
                "sentence-starters" => {
                    list.starters.insert(line.to_lowercase().into());
                    continue;
                }
                _ => continue,
            };
            if line.chars().any(char::is_uppercase) {
                list.exact.insert(line.into(), kind);
            } else {
                list.folded.insert(line.into(), kind);
            }
        }
        list
    }

    /// The kind of `word` (written without its final full stop).
    pub(crate) fn kind(&self, word: &str) -> Option<AbbreviationKind> {
        self.exact
            .get(word)
            .copied()
            .or_else(|| with_lowercase(word, |w| self.folded.get(w).copied()))
    }

    /// Whether `word` commonly opens a sentence (`The`, `He`, `However`), ignoring case.
    pub(crate) fn is_sentence_starter(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.starters.contains(w).then_some(())).is_some()
    }
}

/// Calls `f` with `word` lowercased (ASCII), without allocating; `None` for long words.
fn with_lowercase<T>(word: &str, f: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    if word.is_empty() || word.len() > MAX_WORD {
        return None;
    }
    let mut buf = [0u8; MAX_WORD];
    let lowered = &mut buf[..word.len()];
    lowered.copy_from_slice(word.as_bytes());
    lowered.make_ascii_lowercase();
    // Lowercasing ASCII bytes keeps UTF-8 valid.
    std::str::from_utf8(lowered).ok().and_then(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_knows_news_abbreviations() {
        let list = Abbreviations::builtin();
        assert_eq!(list.kind("Gen"), Some(AbbreviationKind::Title));
        assert_eq!(list.kind("e.g"), Some(AbbreviationKind::Title));
        assert_eq!(list.kind("Oct"), Some(AbbreviationKind::BeforeNumber));
        assert_eq!(list.kind("U.S"), Some(AbbreviationKind::MayEndSentence));
        assert_eq!(list.kind("a.m"), Some(AbbreviationKind::MayEndSentence));
        assert_eq!(list.kind("A.M"), Some(AbbreviationKind::MayEndSentence));
        assert_eq!(list.kind("said"), None);
    }

    #[test]
    fn capitalised_entries_match_only_as_written() {
        let list = Abbreviations::builtin();
        assert_eq!(list.kind("Calif"), Some(AbbreviationKind::MayEndSentence));
        assert_eq!(list.kind("calif"), None);
        assert_eq!(list.kind("no"), None);
        assert_eq!(list.kind("E.g"), Some(AbbreviationKind::Title));
    }

    #[test]
    fn starters_ignore_case_and_long_words_are_not_looked_up() {
        let list = Abbreviations::builtin();
        assert!(list.is_sentence_starter("The"));
        assert!(list.is_sentence_starter("HOWEVER"));
        assert!(!list.is_sentence_starter("Secretary"));
        assert!(!list.is_sentence_starter("Nevertheless-and-so-on-and-on"));
    }

    #[test]
    fn unknown_sections_and_comments_are_skipped() {
        let list = Abbreviations::parse("# note\n[other]\nfoo\n[title]\n  bar  \n");
        assert_eq!(list.kind("foo"), None);
        assert_eq!(list.kind("Bar"), Some(AbbreviationKind::Title));
    }
}
