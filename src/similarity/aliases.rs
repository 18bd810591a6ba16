//! Names that refer to one thing (`Daesh` / `Islamic State`), loaded from a data file.
//!
//! The built-in list is `data/aliases.txt`; users add their own with `--aliases FILE` in
//! the same format. Similarity treats the names of one group as one term; the diff still
//! shows which name each outlet chose, and framing tags the difference as `naming`.

use std::path::Path;
use std::sync::{Arc, LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashSet;

use crate::error::{Error, Result};
use crate::literals::Literals;
use crate::segment::words::is_ascii_word_byte;

const BUILTIN: &str = include_str!("../../data/aliases.txt");

/// One group of names for the same thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasGroup {
    /// The name the group is known by (the first on its line).
    pub canonical: String,
    /// Every name of the group, the canonical one included.
    pub names: Vec<String>,
    /// A metonym link (`Moscow` for `Russia`): weaker evidence of the same referent.
    pub weak: bool,
}

/// A name as matched: its text, whether case matters, and its group.
type AliasName = (String, bool, usize);

/// A name found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the name's start.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// Index into [`Aliases::groups`].
    pub group: usize,
}

/// A set of alias groups with a matcher for finding their names in text.
#[derive(Clone, Debug)]
pub struct Aliases {
    groups: Vec<AliasGroup>,
    /// Matches any name, longest first, with the names it was built from.
    matcher: Option<(Matcher, Vec<AliasName>)>,
}

/// Finds names as the regex `(?:^|[^\w])(name|name|…)(?:$|[^\w])` would (names longest
/// first, `(?i:…)` around all but acronyms), searched from a position on: an Aho-Corasick
/// automaton over the names, ASCII case-insensitive, with the boundaries checked by hand.
/// That is the regex's answer exactly when every case-insensitive name is ASCII and the
/// text holds no character that Unicode case folding maps to an ASCII letter (the Kelvin
/// sign, the long s); otherwise the regex itself runs, compiled on first need.
#[derive(Clone, Debug)]
struct Matcher {
    /// Pattern `i` is `names[i]`.
    automaton: Option<Literals>,
    /// Where a name can start, to skip the automaton where none does.
    starts: NameStarts,
    /// Every case-insensitive name is ASCII.
    ascii_names: bool,
    /// `names[i].to_lowercase()`, to resolve a found name without lowercasing every name.
    lowercase: Vec<String>,
    pattern: String,
    regex: Arc<OnceLock<Option<Regex>>>,
}

/// Characters outside ASCII that `(?i)` matches with an ASCII letter: `K` (Kelvin) with
/// `k`, `ſ` (long s) with `s`.
const FOLDS_TO_ASCII: [char; 2] = ['\u{212A}', '\u{17F}'];

/// Where a name can start: at the text's start or after a character that is not a word
/// character, with its first word. A text where no name can start needs no automaton
/// search, and most sentences name nothing.
///
/// A name's *first word* is its longest prefix of ASCII word bytes (`[0-9A-Za-z_]`):
/// `al` of `al-Nusra`, `Moscow` of `Moscow`. Where the name matches, the text's run of
/// ASCII word bytes starting there is exactly that first word: inside the name the run
/// stops where the name's first word does, and a name made of word bytes only is followed
/// by a character that is not a word character. Runs are compared ignoring ASCII case
/// (as the automaton does) except for acronyms, which must match exactly.
#[derive(Clone, Debug)]
struct NameStarts {
    /// First words of names ignoring case, lower-cased.
    folded: FxHashSet<Vec<u8>>,
    /// First words of acronyms.
    exact: FxHashSet<Vec<u8>>,
    /// Bit [`shape_bit`] of `folded_shapes[b]`: a word of `folded` of that shape starts
    /// with `b`, to rule out most runs without a lookup.
    folded_shapes: [u64; 128],
    /// The same for `exact`.
    exact_shapes: [u64; 128],
    /// Some name does not start with an ASCII word byte: it may start anywhere.
    anywhere: bool,
    /// Length in bytes of the longest name.
    longest: usize,
}

/// The bit of a run in [`NameStarts`]' masks: from its length and its last byte
/// (lower-cased), which tell most English words from the first words of names (`the`
/// from `top`) without a lookup.
fn shape_bit(run: &[u8]) -> u64 {
    let last = run.last().map_or(0, u8::to_ascii_lowercase);
    1 << ((run.len().wrapping_mul(7) ^ usize::from(last)) % 64)
}

/// The longest run [`NameStarts`] lower-cases on the stack; longer runs pass unchecked.
const MAX_FOLDED_RUN: usize = 64;

impl NameStarts {
    fn new(names: &[AliasName]) -> NameStarts {
        let mut starts = NameStarts {
            folded: FxHashSet::default(),
            exact: FxHashSet::default(),
            folded_shapes: [0; 128],
            exact_shapes: [0; 128],
            anywhere: false,
            longest: names.iter().map(|(n, _, _)| n.len()).max().unwrap_or(0),
        };
        for (name, exact, _) in names {
            let bytes = name.as_bytes();
            let n = bytes.iter().take_while(|&&b| is_ascii_word_byte(b)).count();
            let Some(&first) = bytes.first().filter(|_| n > 0) else {
                starts.anywhere = true;
                continue;
            };
            let word = &bytes[..n];
            if *exact {
                starts.exact_shapes[usize::from(first)] |= shape_bit(word);
                starts.exact.insert(word.to_vec());
            } else {
                starts.folded_shapes[usize::from(first.to_ascii_lowercase())] |= shape_bit(word);
                starts.folded.insert(word.to_ascii_lowercase());
            }
        }
        starts
    }

    /// Whether a name's first word may be the run `word` (ASCII word bytes).
    fn may_begin(&self, word: &[u8]) -> bool {
        let Some(&first) = word.first() else {
            return false;
        };
        let bit = shape_bit(word);
        let folded_first = usize::from(first.to_ascii_lowercase() & 0x7F);
        if self.folded_shapes[folded_first] & bit != 0 {
            let mut buffer = [0u8; MAX_FOLDED_RUN];
            let Some(lower) = buffer.get_mut(..word.len()) else {
                return true;
            };
            lower.copy_from_slice(word);
            lower.make_ascii_lowercase();
            if self.folded.contains(&*lower) {
                return true;
            }
        }
        self.exact_shapes[usize::from(first & 0x7F)] & bit != 0 && self.exact.contains(word)
    }

    /// Where [`find_name_at`] may start searching `text` instead of `at` and find the
    /// same: the start of the character before the first place at or after `at` where a
    /// name can start (`at` itself when that is earlier); `None` when no name can start.
    fn search_start(&self, text: &str, at: usize) -> Option<usize> {
        if self.anywhere {
            return Some(at);
        }
        let bytes = text.as_bytes();
        if at > bytes.len() {
            return None;
        }
        // Runs of word bytes, each with whether a name may start there: after a byte that
        // is not a word byte (then the character before is not a word character), or at
        // the start when searching from it.
        let mut after_word = at
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_some_and(|&b| is_ascii_word_byte(b));
        let mut p = at;
        while let Some(&b) = bytes.get(p) {
            if !is_ascii_word_byte(b) {
                after_word = false;
                p += 1;
                continue;
            }
            let start = p;
            p += 1;
            while bytes.get(p).is_some_and(|&b| is_ascii_word_byte(b)) {
                p += 1;
            }
            let leading = !after_word;
            after_word = true;
            if leading && self.may_begin(bytes.get(start..p).unwrap_or_default()) {
                let before = text.get(..start).and_then(|head| head.chars().next_back());
                return Some(before.map_or(start, |c| start - c.len_utf8()).max(at));
            }
        }
        None
    }
}

/// The names as the automaton's patterns.
fn name_bytes(names: &[AliasName]) -> Vec<Vec<u8>> {
    names
        .iter()
        .map(|(n, _, _)| n.as_bytes().to_vec())
        .collect()
}

impl Matcher {
    fn new(names: &[AliasName]) -> Matcher {
        let alternatives: Vec<String> = names
            .iter()
            .map(|(n, sensitive, _)| {
                let escaped = regex::escape(n);
                if *sensitive {
                    escaped
                } else {
                    format!("(?i:{escaped})")
                }
            })
            .collect();
        // Word boundaries by hand: `\b` fails after a final dot (`U.S.`).
        let pattern = format!(r"(?:^|[^\w])({})(?:$|[^\w])", alternatives.join("|"));
        let ascii_names = names
            .iter()
            .all(|(n, sensitive, _)| *sensitive || n.is_ascii());
        Matcher {
            automaton: Literals::new(name_bytes(names), AhoCorasickKind::ContiguousNFA),
            starts: NameStarts::new(names),
            ascii_names,
            lowercase: names.iter().map(|(n, _, _)| n.to_lowercase()).collect(),
            pattern,
            regex: Arc::new(OnceLock::new()),
        }
    }

    fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| {
                RegexBuilder::new(&self.pattern)
                    .size_limit(1 << 24)
                    .build()
                    .ok()
            })
            .as_ref()
    }

    /// Whether the automaton finds in `text` what the regex would (see [`Matcher`]).
    fn automaton_answers(&self, text: &str) -> bool {
        self.automaton.is_some()
            && self.ascii_names
            && (text.is_ascii() || !text.contains(FOLDS_TO_ASCII))
    }

    /// The span of the name (group 1) in the leftmost match at or after `at`;
    /// `by_automaton` is [`Matcher::automaton_answers`] of `text`.
    fn find_at(
        &self,
        names: &[AliasName],
        text: &str,
        at: usize,
        by_automaton: bool,
    ) -> Option<(usize, usize)> {
        match self.automaton.as_ref() {
            Some(literals) if by_automaton => {
                let from = self.starts.search_start(text, at)?;
                let automaton = literals.for_search(text.len().saturating_sub(from));
                find_name_at(automaton, names, text, from, self.starts.longest)
            }
            _ => {
                let caps = self.regex()?.captures_at(text, at)?;
                caps.get(1).map(|m| (m.start(), m.end()))
            }
        }
    }
}

/// The regex's search, by automaton: the leftmost name start `p` that follows the text's
/// start (when searching from 0) or a non-word character starting at or after `at`; at that
/// start the first name in priority order that is followed by the end or a non-word
/// character. Leftmost overall start and leftmost name start order the same way.
fn find_name_at(
    automaton: &AhoCorasick,
    names: &[AliasName],
    text: &str,
    at: usize,
    longest: usize,
) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let haystack = bytes.get(at..)?;
    // The valid name with the least (start, priority) so far, and its end. Overlapping
    // matches come in order of their end, so a later one may start earlier: stop once
    // none can start at or before the best start.
    let mut best: Option<(usize, usize, usize)> = None;
    for found in automaton.find_overlapping_iter(haystack) {
        let start = at + found.start();
        let end = at + found.end();
        if best.is_some_and(|(s, _, _)| end > s + longest) {
            break;
        }
        let priority = found.pattern().as_usize();
        if best.is_some_and(|(s, p, _)| (s, p) < (start, priority)) {
            continue;
        }
        let Some((name, sensitive, _)) = names.get(priority) else {
            continue;
        };
        let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
            continue;
        };
        if *sensitive && text.get(start..end) != Some(name.as_str()) {
            continue;
        }
        let leading = if start == 0 {
            at == 0
        } else {
            before
                .chars()
                .next_back()
                .is_some_and(|c| start - c.len_utf8() >= at && !is_word_char(c))
        };
        let trailing = after.chars().next().is_none_or(|c| !is_word_char(c));
        if leading && trailing {
            best = Some((start, priority, end));
        }
    }
    best.map(|(start, _, end)| (start, end))
}

/// `\w` as the regex crate has it (Unicode).
fn is_word_char(c: char) -> bool {
    regex_syntax::is_word_character(c)
}

impl Aliases {
    /// The built-in list shipped with claimdiff.
    pub fn builtin() -> Aliases {
        // Compiling the matcher is the costly part, and options ask for the list more than
        // once per run: build it once per process; a clone shares the compiled regex.
        static BUILTIN_ALIASES: LazyLock<Aliases> = LazyLock::new(|| {
            let groups = parse(BUILTIN, Path::new("data/aliases.txt")).unwrap_or_default();
            Aliases::from_groups(groups)
        });
        BUILTIN_ALIASES.clone()
    }

    /// An empty list.
    pub fn empty() -> Aliases {
        Aliases::from_groups(Vec::new())
    }

    /// Adds the groups of a user file (same format as the built-in list).
    pub fn extend_from_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut groups = std::mem::take(&mut self.groups);
        groups.extend(parse(&text, path)?);
        *self = Aliases::from_groups(groups);
        Ok(())
    }

    /// Builds a matcher over the given groups.
    pub fn from_groups(groups: Vec<AliasGroup>) -> Aliases {
        // (name, case_sensitive, group), longest name first so that
        // "Islamic State of Iraq and the Levant" wins over "Islamic State".
        let mut names: Vec<AliasName> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| {
                group
                    .names
                    .iter()
                    .map(move |n| (n.clone(), is_acronym(n), g))
            })
            .collect();
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let matcher = if names.is_empty() {
            None
        } else {
            Some((Matcher::new(&names), names))
        };
        Aliases { groups, matcher }
    }

    /// All groups.
    pub fn groups(&self) -> &[AliasGroup] {
        &self.groups
    }

    /// The group a name belongs to (exact name, case-insensitive except for acronyms).
    pub fn group_of(&self, name: &str) -> Option<usize> {
        let (_, names) = self.matcher.as_ref()?;
        names
            .iter()
            .find(|(n, sensitive, _)| {
                if *sensitive {
                    n == name
                } else {
                    n.eq_ignore_ascii_case(name)
                }
            })
            .map(|(_, _, g)| *g)
    }

    /// Every name of every group found in `text`, in order, not overlapping, longest match
    /// first. A strong group wins over a weak one for the same words.
    pub fn find_mentions(&self, text: &str) -> Vec<Mention> {
        let Some((matcher, names)) = &self.matcher else {
            return Vec::new();
        };
        let mut mentions = Vec::new();
        let mut at = 0;
        let by_automaton = matcher.automaton_answers(text);
        while at <= text.len() {
            let Some((start, end)) = matcher.find_at(names, text, at, by_automaton) else {
                break;
            };
            let Some(found) = text.get(start..end) else {
                break;
            };
            if let Some(group) = self.resolve(found) {
                mentions.push(Mention { start, end, group });
            }
            // The trailing boundary character may start the next name.
            at = end;
        }
        mentions
    }

    fn resolve(&self, found: &str) -> Option<usize> {
        let (matcher, names) = self.matcher.as_ref()?;
        let mut best: Option<usize> = None;
        let mut found_lowercase: Option<String> = None;
        for ((n, sensitive, g), lowercase) in names.iter().zip(&matcher.lowercase) {
            let same = if *sensitive {
                n == found
            } else {
                n.eq_ignore_ascii_case(found)
                    || *lowercase == *found_lowercase.get_or_insert_with(|| found.to_lowercase())
            };
            if same {
                match best {
                    Some(b) if !self.groups[b].weak => {}
                    _ => best = Some(*g),
                }
            }
        }
        best
    }
}

/// A name in capitals (`US`, `IS`, `U.S.`, `UNSC`) is matched case-sensitively.
fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
}

/// Parses the alias file format; `path` is only used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Vec<AliasGroup>> {
    let mut groups = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (weak, line) = match line.strip_prefix('~') {
            Some(rest) => (true, rest.trim()),
            None => (false, line),
        };
        let names: Vec<String> = line
            .split('|')
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        if names.len() < 2 {
            return Err(Error::Malformed {
                path: path.to_path_buf(),
                line: Some(i + 1),
                detail: "an alias line needs at least two names separated by `|`".into(),
            });
        }
        groups.push(AliasGroup {
            canonical: names[0].clone(),
            names,
            weak,
        });
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names found by running the regex itself, as the matcher did before the automaton.
    fn regex_spans(aliases: &Aliases, text: &str) -> Vec<(usize, usize)> {
        let (matcher, _) = aliases.matcher.as_ref().expect("names");
        let regex = matcher.regex().expect("compiles");
        let mut spans = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            let Some(caps) = regex.captures_at(text, at) else {
                break;
            };
            let m = caps.get(1).expect("group 1 always takes part");
            spans.push((m.start(), m.end()));
            at = m.end();
        }
        spans
    }

    fn automaton_spans(
        aliases: &Aliases,
        text: &str,
        kind: AhoCorasickKind,
    ) -> Vec<(usize, usize)> {
        let (matcher, names) = aliases.matcher.as_ref().expect("names");
        let automaton = crate::literals::automaton(&name_bytes(names), kind).expect("built");
        let automaton = &automaton;
        let mut spans = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            // As `find_at` searches: from where a name can start.
            let Some(from) = matcher.starts.search_start(text, at) else {
                break;
            };
            let longest = matcher.starts.longest;
            let Some(span) = find_name_at(automaton, names, text, from, longest) else {
                break;
            };
            spans.push(span);
            at = span.1;
        }
        spans
    }

    #[test]
    fn the_automaton_finds_exactly_what_the_regex_finds() {
        let aliases = Aliases::builtin();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = [
            "US-Russia talks: the U.S. and Russia, U.S.Russia, us and US.",
            "Daesh/ISIS (IS) said; Islamic State of Iraq and the Levant, ISIL's",
            "DAESH daesh Da\u{e9}sh \u{e9}Daesh Daesh\u{e9} moscow MOSCOW Moscow-based",
            "the Kremlin\u{2019}s Washington\n\nSyria_Syria Syria2 2Syria",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        if let Ok(entries) = std::fs::read_dir(root.join("seeds")) {
            for entry in entries.flatten() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    texts.extend(text.lines().map(str::to_string));
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() > 20, "the seed articles were read");
        let mut found = 0;
        for text in &texts {
            let expected = regex_spans(&aliases, text);
            found += expected.len();
            // The NFA a `compare` searches with, and the DFA a corpus run moves on to.
            for kind in [AhoCorasickKind::ContiguousNFA, AhoCorasickKind::DFA] {
                assert_eq!(
                    automaton_spans(&aliases, text, kind),
                    expected,
                    "{kind:?} {text:?}"
                );
            }
        }
        assert!(found > 50, "{found}");
    }

    proptest::proptest! {
        /// Texts made of names in any case, their pieces, word characters and separators:
        /// skipping where no name can start finds what the regex finds.
        #[test]
        fn name_starts_never_skip_a_name(
            parts in proptest::collection::vec(
                "(?i)US|U\\.S\\.|IS|isis|daesh|moscow|al-nusra|kremlin|UN|us|UK|MFA|usa|mo|da|nu|[a-z_0-9]|[ .,'\\-]|\u{E9}|\u{2019}",
                0..12,
            ),
        ) {
            let text = parts.concat();
            // `(?i)` may write a Kelvin sign or a long s: the regex answers such text.
            proptest::prop_assume!(!text.contains(FOLDS_TO_ASCII));
            let aliases = Aliases::builtin();
            let expected = regex_spans(&aliases, &text);
            for kind in [AhoCorasickKind::ContiguousNFA, AhoCorasickKind::DFA] {
                proptest::prop_assert_eq!(automaton_spans(&aliases, &text, kind), expected.clone());
            }
        }
    }

    #[test]
    fn a_kelvin_sign_or_long_s_still_matches_as_the_regex_does() {
        // `(?i)` folds these onto `k` and `s`; the automaton does not, so the regex runs.
        let aliases = Aliases::builtin();
        for text in ["the \u{212A}remlin said", "Ru\u{17F}\u{17F}ia and Syria"] {
            let spans: Vec<(usize, usize)> = aliases
                .find_mentions(text)
                .iter()
                .map(|m| (m.start, m.end))
                .collect();
            let expected: Vec<(usize, usize)> = regex_spans(&aliases, text)
                .into_iter()
                .filter(|&(s, e)| aliases.resolve(&text[s..e]).is_some())
                .collect();
            assert_eq!(spans, expected, "{text:?}");
        }
    }

    #[test]
    fn builtin_list_parses() {
        let aliases = Aliases::builtin();
        assert!(aliases.groups().len() > 10);
    }

    #[test]
    fn daesh_and_islamic_state_are_one_group() {
        let aliases = Aliases::builtin();
        assert_eq!(aliases.group_of("Daesh"), aliases.group_of("Islamic State"));
        assert!(aliases.group_of("Daesh").is_some());
    }

    #[test]
    fn acronyms_do_not_match_common_words() {
        let aliases = Aliases::builtin();
        let text = "It is up to us, said the US envoy about IS.";
        let found: Vec<&str> = aliases
            .find_mentions(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, vec!["US", "IS"]);
    }

    #[test]
    fn longest_name_wins() {
        let aliases = Aliases::builtin();
        let text = "the United Nations Security Council and the U.S. side";
        let found: Vec<&str> = aliases
            .find_mentions(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, vec!["United Nations Security Council", "U.S."]);
    }
}
