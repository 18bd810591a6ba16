//! Word lists that framing needs: loaded labels, hedges and intensifiers, reporting verbs,
//! source markers and function words.
//!
//! The built-in lists are `data/lexicon/*.txt`. Users add to them with a file in the same
//! format (`--lexicon FILE`): sections headed `[labels]`, `[label_heads]`, `[hedges]`,
//! `[intensifiers]`, `[speech_verbs]`, `[source_markers]` or `[function_words]`, one entry
//! a line, `#` for comments.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::phrases::{Boundaries, PhraseSet};
use crate::error::{Error, Result};

const BUILTIN: [(&str, &str); 4] = [
    (
        "data/lexicon/labels.txt",
        include_str!("../../data/lexicon/labels.txt"),
    ),
    (
        "data/lexicon/hedges.txt",
        include_str!("../../data/lexicon/hedges.txt"),
    ),
    (
        "data/lexicon/speech_verbs.txt",
        include_str!("../../data/lexicon/speech_verbs.txt"),
    ),
    (
        "data/lexicon/function_words.txt",
        include_str!("../../data/lexicon/function_words.txt"),
    ),
];

const SECTIONS: [&str; 7] = [
    "labels",
    "label_heads",
    "hedges",
    "intensifiers",
    "speech_verbs",
    "source_markers",
    "function_words",
];

/// A reporting verb form and its dictionary form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbForm {
    /// The form as it appears (`said`, `pointed out`).
    pub form: String,
    /// The dictionary form (`say`, `point out`).
    pub lemma: String,
}

/// The lists, as loaded. Build with [`Lexicon::builtin`], add with
/// [`Lexicon::extend_from_file`].
#[derive(Clone, Debug)]
pub struct Lexicon {
    entries: BTreeMap<&'static str, Vec<String>>,
    labels: PhraseSet,
    label_exceptions: PhraseSet,
    label_heads: PhraseSet,
    hedges: PhraseSet,
    intensifiers: PhraseSet,
    source_markers: PhraseSet,
    verbs: Vec<VerbForm>,
    verb_matcher: PhraseSet,
    /// Looked up for every distinct token key: hashed, not searched.
    function_words: FxHashSet<String>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::builtin()
    }
}

impl Lexicon {
    /// The lists shipped with claimdiff.
    pub fn builtin() -> Lexicon {
        // Compiling the matchers is the costly part, and options ask for the lexicon more
        // than once per run: build it once per process; a clone shares the compiled regexes.
        static BUILTIN_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
            let mut entries = BTreeMap::new();
            for (path, text) in BUILTIN {
                // The built-in files are tested to parse; a failure here leaves that list
                // empty.
                if let Ok(parsed) = parse(text, Path::new(path)) {
                    merge(&mut entries, parsed);
                }
            }
            Lexicon::from_entries(entries)
        });
        BUILTIN_LEXICON.clone()
    }

    /// A lexicon with no entries at all.
    pub fn empty() -> Lexicon {
        Lexicon::from_entries(BTreeMap::new())
    }

    /// Adds the entries of a user file (sections as in the built-in files).
    pub fn extend_from_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        self.extend_from_str(&text, path)
    }

    /// Adds entries from text in the file format; `path` names it in errors.
    pub fn extend_from_str(&mut self, text: &str, path: &Path) -> Result<()> {
        let parsed = parse(text, path)?;
        let mut entries = std::mem::take(&mut self.entries);
        merge(&mut entries, parsed);
        *self = Lexicon::from_entries(entries);
        Ok(())
    }

    fn from_entries(entries: BTreeMap<&'static str, Vec<String>>) -> Lexicon {
        let list = |name: &str| entries.get(name).cloned().unwrap_or_default();
        let (exceptions, labels): (Vec<String>, Vec<String>) =
            list("labels").into_iter().partition(|l| l.starts_with('!'));
        let exceptions = exceptions
            .into_iter()
            .map(|l| l.trim_start_matches('!').trim().to_string())
            .collect();
        let verbs: Vec<VerbForm> = list("speech_verbs")
            .iter()
            .flat_map(|l| verb_forms(l))
            .collect();
        let verb_matcher = PhraseSet::new(verbs.iter().map(|v| v.form.clone()).collect(), false);
        Lexicon {
            labels: PhraseSet::new(labels, true),
            label_exceptions: PhraseSet::new(exceptions, true),
            label_heads: PhraseSet::new(list("label_heads"), true),
            hedges: PhraseSet::new(list("hedges"), false),
            intensifiers: PhraseSet::new(list("intensifiers"), false),
            source_markers: PhraseSet::new(list("source_markers"), false),
            function_words: list("function_words")
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            verbs,
            verb_matcher,
            entries,
        }
    }

    /// The entries of one section (`labels`, `hedges`, …), as written.
    pub fn section(&self, name: &str) -> &[String] {
        self.entries.get(name).map_or(&[], Vec::as_slice)
    }

    /// Loaded labels in `text`: byte ranges, each widened over adjacent labels and a
    /// following head noun (`Takfiri terrorist group` is one range). Labels inside an
    /// exception phrase (`ceasefire regime`) are left out.
    pub fn find_labels(&self, text: &str) -> Vec<Range<usize>> {
        self.find_labels_in(&Boundaries::new(text))
    }

    /// [`Lexicon::find_labels`] in a text whose word boundaries are found already.
    pub(crate) fn find_labels_in(&self, boundaries: &Boundaries) -> Vec<Range<usize>> {
        let labels = self.labels.find_in(boundaries);
        // Most sentences have no label: then exceptions and heads do not matter.
        if labels.is_empty() {
            return labels;
        }
        let text = boundaries.text();
        let exceptions = self.label_exceptions.find_in(boundaries);
        let heads = self.label_heads.find_in(boundaries);
        let mut found: Vec<Range<usize>> = Vec::new();
        for m in labels {
            if exceptions
                .iter()
                .any(|x| x.start <= m.start && m.end <= x.end)
            {
                continue;
            }
            let mut m = m;
            // A head noun right after (only spaces between) joins the label.
            if let Some(h) = heads
                .iter()
                .find(|h| h.start >= m.end && text[m.end..h.start].trim().is_empty())
            {
                m.end = h.end;
            }
            match found.last_mut() {
                Some(last) if m.start >= last.end && text[last.end..m.start].trim().is_empty() => {
                    last.end = last.end.max(m.end)
                }
                Some(last) if m.start < last.end => last.end = last.end.max(m.end),
                _ => found.push(m),
            }
        }
        found
    }

    /// Hedges in `text`.
    pub fn find_hedges(&self, text: &str) -> Vec<Range<usize>> {
        self.hedges.find(text)
    }

    /// [`Lexicon::find_hedges`] in a text whose word boundaries are found already.
    pub(crate) fn find_hedges_in(&self, boundaries: &Boundaries) -> Vec<Range<usize>> {
        self.hedges.find_in(boundaries)
    }

    /// Intensifiers in `text`.
    pub fn find_intensifiers(&self, text: &str) -> Vec<Range<usize>> {
        self.intensifiers.find(text)
    }

    /// [`Lexicon::find_intensifiers`] in a text whose word boundaries are found already.
    pub(crate) fn find_intensifiers_in(&self, boundaries: &Boundaries) -> Vec<Range<usize>> {
        self.intensifiers.find_in(boundaries)
    }

    /// Source markers (`according to`, `as cited by`) in `text`.
    pub fn find_source_markers(&self, text: &str) -> Vec<Range<usize>> {
        self.source_markers.find(text)
    }

    /// [`Lexicon::find_source_markers`] in a text whose word boundaries are found already.
    pub(crate) fn find_source_markers_in(&self, boundaries: &Boundaries) -> Vec<Range<usize>> {
        self.source_markers.find_in(boundaries)
    }

    /// Reporting verbs in `text`, with their dictionary forms.
    pub fn find_verbs(&self, text: &str) -> Vec<(Range<usize>, String)> {
        self.find_verbs_in(&Boundaries::new(text))
    }

    /// [`Lexicon::find_verbs`] in a text whose word boundaries are found already.
    pub(crate) fn find_verbs_in(&self, boundaries: &Boundaries) -> Vec<(Range<usize>, String)> {
        let text = boundaries.text();
        self.verb_matcher
            .find_in(boundaries)
            .into_iter()
            .map(|range| {
                let found = normalize_space(&text[range.clone()]);
                let lemma = self
                    .verbs
                    .iter()
                    .find(|v| v.form.eq_ignore_ascii_case(&found))
                    .map_or_else(|| found.to_lowercase(), |v| v.lemma.clone());
                (range, lemma)
            })
            .collect()
    }

    /// Whether a token key is a function word (`the`, `of`, `has`).
    pub fn is_function_word(&self, key: &str) -> bool {
        self.function_words.contains(key)
    }

    /// Whether a token key carries content: a word or number that is not a function word.
    pub fn is_content(&self, key: &str) -> bool {
        key.chars().any(char::is_alphanumeric) && !self.is_function_word(key)
    }
}

fn normalize_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn merge(
    into: &mut BTreeMap<&'static str, Vec<String>>,
    from: BTreeMap<&'static str, Vec<String>>,
) {
    for (k, v) in from {
        into.entry(k).or_default().extend(v);
    }
}

/// Parses the lexicon format; `path` only names the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<BTreeMap<&'static str, Vec<String>>> {
    let mut out: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut section: Option<&'static str> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let malformed = |detail: String| Error::Malformed {
            path: path.to_path_buf(),
            line: Some(i + 1),
            detail,
        };
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = name.trim();
            section = Some(
                SECTIONS
                    .iter()
                    .find(|s| **s == name)
                    .copied()
                    .ok_or_else(|| {
                        malformed(format!(
                            "unknown section [{name}]; valid sections: {}",
                            SECTIONS.map(|s| format!("[{s}]")).join(", ")
                        ))
                    })?,
            );
            continue;
        }
        let Some(current) = section else {
            return Err(malformed(format!(
                "an entry before any section; start the file with a section line such as [labels] (valid: {})",
                SECTIONS.join(", ")
            )));
        };
        out.entry(current).or_default().push(normalize_space(line));
    }
    Ok(out)
}

/// The forms of a verb line: `say | says | said` as given, or regular forms of `stress`.
fn verb_forms(line: &str) -> Vec<VerbForm> {
    let given: Vec<String> = line
        .split('|')
        .map(normalize_space)
        .filter(|f| !f.is_empty())
        .collect();
    let Some(lemma) = given.first().cloned() else {
        return Vec::new();
    };
    let forms = if given.len() > 1 {
        given
    } else {
        let (head, rest) = match lemma.split_once(' ') {
            Some((h, r)) => (h.to_string(), format!(" {r}")),
            None => (lemma.clone(), String::new()),
        };
        regular_forms(&head)
            .into_iter()
            .map(|f| format!("{f}{rest}"))
            .collect()
    };
    forms
        .into_iter()
        .map(|form| VerbForm {
            form,
            lemma: lemma.clone(),
        })
        .collect()
}

/// `stress` → stress, stresses, stressed, stressing; `note` → notes, noted, noting;
/// `deny`-like verbs (consonant + y) → denies, denied.
fn regular_forms(verb: &str) -> Vec<String> {
    let mut forms = vec![verb.to_string()];
    let consonant_y = verb.len() > 1
        && verb.ends_with('y')
        && !verb[..verb.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if let Some(stem) = verb.strip_suffix('e') {
        forms.extend([format!("{verb}s"), format!("{verb}d"), format!("{stem}ing")]);
    } else if consonant_y {
        let stem = &verb[..verb.len() - 1];
        forms.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{verb}ing"),
        ]);
    } else if verb.ends_with(['s', 'x', 'z']) || verb.ends_with("sh") || verb.ends_with("ch") {
        forms.extend([
            format!("{verb}es"),
            format!("{verb}ed"),
            format!("{verb}ing"),
        ]);
    } else {
        forms.extend([
            format!("{verb}s"),
            format!("{verb}ed"),
            format!("{verb}ing"),
        ]);
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn builtin_files_parse() {
        for (path, text) in BUILTIN {
            assert!(parse(text, Path::new(path)).is_ok(), "{path}");
        }
        let lex = Lexicon::builtin();
        assert!(lex.section("labels").len() > 10);
        assert!(lex.is_function_word("the"));
    }

    #[test]
    fn label_phrases_take_their_head_noun_and_plurals() {
        let lex = Lexicon::builtin();
        let text = "the Daesh (ISIS) Takfiri terrorist group and jihadist groups, both outlawed in Russia.";
        assert_eq!(
            found(text, &lex.find_labels(text)),
            vec![
                "Takfiri terrorist group",
                "jihadist groups",
                "outlawed in Russia"
            ]
        );
    }

    #[test]
    fn ceasefire_regime_is_not_a_label() {
        let lex = Lexicon::builtin();
        let text = "A ceasefire regime came into effect; the regime denied it.";
        assert_eq!(found(text, &lex.find_labels(text)), vec!["regime"]);
        assert!(lex.find_labels(text)[0].start > 30);
    }

    #[test]
    fn verbs_are_found_in_all_their_forms() {
        let lex = Lexicon::builtin();
        let text = "Lavrov stressed it; he pointed out more, and says so, denied it.";
        let lemmas: Vec<String> = lex.find_verbs(text).into_iter().map(|v| v.1).collect();
        assert_eq!(lemmas, vec!["stress", "point out", "say", "deny"]);
    }

    #[test]
    fn user_file_extends_the_lists() {
        let mut lex = Lexicon::builtin();
        let text = "[labels]\nfreedom fighter\n[speech_verbs]\nopine\n";
        lex.extend_from_str(text, Path::new("mine.txt")).unwrap();
        let s = "freedom fighters opined";
        assert_eq!(found(s, &lex.find_labels(s)), vec!["freedom fighters"]);
        assert_eq!(lex.find_verbs(s)[0].1, "opine");
    }

    #[test]
    fn unknown_section_is_an_error_naming_valid_ones() {
        let mut lex = Lexicon::builtin();
        let err = lex
            .extend_from_str("[slurs]\nx\n", Path::new("mine.txt"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("mine.txt:1") && err.contains("[labels]"),
            "{err}"
        );
    }
}
