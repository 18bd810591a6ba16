//! The cleaning rules as data: parsing `data/boilerplate.txt` (and user files in the same
//! format) into compiled regexes.

use std::path::Path;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::literals::Literals;
use regex::Regex;
use regex_automata::meta;

use crate::error::{Error, Result};
use prebuilt::Prebuilt;
use required::RuleFilter;
use syntax::expand;

mod prebuilt;
mod required;
mod syntax;

/// The built-in rules file, compiled into the binary.
pub const BUILTIN_RULES: &str = include_str!("../../data/boilerplate.txt");

pub use syntax::Zone;

/// One removal rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Why a match is removed (`teaser`, `timestamp`, …).
    pub reason: String,
    /// Where it applies.
    pub zone: Zone,
    /// The pattern with its macros expanded.
    pub pattern: String,
    /// The compiled pattern, built on first use and shared by clones.
    compiled: Arc<Engines>,
}

/// A rule's compiled pattern, in two builds with the same matches.
#[derive(Debug, Default)]
struct Engines {
    /// Without the lazy DFA: a quarter of the build cost, and as fast on a few short lines.
    light: OnceLock<Option<meta::Regex>>,
    /// With the lazy DFA ([`compile_rule`]), once the rule has searched enough text.
    full: OnceLock<Option<meta::Regex>>,
    /// Bytes searched with the light build so far.
    searched: AtomicUsize,
    /// For a built-in rule, its DFAs precompiled by `build.rs`, loaded on first use.
    prebuilt: Option<&'static prebuilt::Stored>,
    loaded: OnceLock<Option<Prebuilt>>,
    /// The narrow form's stored automata, loaded on first use.
    narrow: OnceLock<Option<Prebuilt>>,
}

/// Bytes a rule searches with its light build before it builds its lazy DFA: about what
/// building the DFA's reverse NFA costs in searching time.
const LAZY_DFA_AFTER_BYTES: usize = 64 * 1024;

/// Text a dateline rule searches with its stored NFA before it compiles its full engine
/// (about the first lines of a hundred articles).
const DATELINE_FULL_ENGINE_AFTER_BYTES: usize = 32 * 1024;

impl Rule {
    /// The compiled pattern: same syntax and matches as a `regex::Regex`, built by
    /// [`compile_rule`] the first time it is needed. `None` only for a pattern that does not
    /// compile, which [`RuleSource::compile`] reports instead of returning rules.
    pub fn regex(&self) -> Option<&meta::Regex> {
        self.compiled
            .full
            .get_or_init(|| compile_rule(&self.pattern).ok())
            .as_ref()
    }

    /// Whether the rule matches in `haystack` (as its regex's `is_match`).
    pub fn is_match(&self, haystack: &str) -> bool {
        if let Some(found) = self
            .prebuilt_for(haystack)
            .and_then(|p| p.is_match(haystack))
        {
            return found;
        }
        self.regex_for(haystack)
            .is_some_and(|regex| regex.is_match(haystack))
    }

    /// The rule's leftmost-first match in `haystack` (as its regex's `find`).
    pub fn find(&self, haystack: &str) -> Option<regex_automata::Span> {
        if let Some(found) = self.prebuilt_for(haystack).and_then(|p| p.find(haystack)) {
            return found;
        }
        self.regex_for(haystack)?.find(haystack).map(|m| m.span())
    }

    /// The rule's leftmost-first match in `haystack` and its `dateline` group when the
    /// match starts the haystack (as its regex's `captures`; the group of a match further
    /// in may be left out).
    pub fn find_dateline(
        &self,
        haystack: &str,
    ) -> Option<(regex_automata::Span, Option<regex_automata::Span>)> {
        // The stored NFA's backtracker clears a visited set of its (many) states times the
        // line for every search; in a long run the full engine pays for its compilation:
        // its lazy DFA finds the match and the groups are searched only within it.
        let long_run = self.compiled.full.get().is_some()
            || crate::regex_nfa::searched_past(
                &self.compiled.searched,
                haystack.len(),
                DATELINE_FULL_ENGINE_AFTER_BYTES,
            );
        let regex = if long_run {
            self.regex()?
        } else {
            if let Some(found) = self
                .prebuilt_for(haystack)
                .and_then(|p| p.find_dateline(haystack))
            {
                return found;
            }
            self.regex_for(haystack)?
        };
        let mut caps = regex.create_captures();
        regex.captures(haystack, &mut caps);
        let whole = caps.get_match()?.span();
        Some((whole, caps.get_group_by_name("dateline")))
    }

    /// The precompiled DFAs of a built-in rule, loaded the first time.
    fn prebuilt(&self) -> Option<&Prebuilt> {
        let stored = self.compiled.prebuilt?;
        self.compiled.loaded.get_or_init(|| stored.load()).as_ref()
    }

    /// The stored automata to search `haystack` with: the narrow form's where they are
    /// stored and serve it (smaller: cheaper to load and search), else the full ones.
    fn prebuilt_for(&self, haystack: &str) -> Option<&Prebuilt> {
        let stored = self.compiled.prebuilt?;
        if stored.has_narrow() && crate::regex_nfa::narrow_serves(haystack) {
            let narrow = self.compiled.narrow.get_or_init(|| stored.load_narrow());
            if let Some(narrow) = narrow.as_ref() {
                return Some(narrow);
            }
        }
        self.prebuilt()
    }

    /// The compiled pattern to search `haystack` with: a build without the lazy DFA while
    /// the rule has searched little text (most rules, in a run over a few articles), the
    /// full one after. Both match the same.
    pub fn regex_for(&self, haystack: &str) -> Option<&meta::Regex> {
        let engines = &self.compiled;
        if let Some(full) = engines.full.get() {
            return full.as_ref();
        }
        if crate::regex_nfa::searched_past(&engines.searched, haystack.len(), LAZY_DFA_AFTER_BYTES)
        {
            return self.regex();
        }
        engines
            .light
            .get_or_init(|| build_rule(&self.pattern, false).ok())
            .as_ref()
    }
}

/// An outlet that datelines, credit lines and file names can name.
#[derive(Clone, Debug)]
pub struct Outlet {
    /// Its canonical name (`TASS`).
    pub name: String,
    /// Every spelling that names it (`TASS`, `ITAR-TASS`).
    pub aliases: Vec<String>,
}

/// The rules text after parsing, before compiling: kept so a user file can be merged in and
/// everything compiled again with the combined macros and outlets.
#[derive(Clone, Debug, Default)]
pub struct RuleSource {
    macros: Vec<(String, String)>,
    outlets: Vec<Outlet>,
    rules: Vec<RuleLine>,
    origin: String,
}

/// A rule as written, before its macros are expanded.
#[derive(Clone, Debug)]
struct RuleLine {
    reason: String,
    zone: Zone,
    pattern: String,
    /// The file and line it came from, for errors.
    origin: String,
    line: usize,
}

impl RuleSource {
    /// Parses a rules file; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<RuleSource> {
        let sections = syntax::parse_sections(text)
            .map_err(|(line, detail)| malformed(origin, line, detail))?;
        Ok(RuleSource {
            macros: sections.macros,
            outlets: sections
                .outlets
                .into_iter()
                .map(|(name, aliases)| Outlet { name, aliases })
                .collect(),
            rules: sections
                .rules
                .into_iter()
                .map(|rule| RuleLine {
                    reason: rule.reason,
                    zone: rule.zone,
                    pattern: rule.pattern,
                    origin: origin.to_string(),
                    line: rule.line,
                })
                .collect(),
            origin: origin.to_string(),
        })
    }

    /// Adds another file's macros, outlets and rules after these.
    pub fn extend(&mut self, other: RuleSource) {
        self.macros.extend(other.macros);
        self.outlets.extend(other.outlets);
        self.rules.extend(other.rules);
    }

    /// Expands macros and compiles every regex, reporting the first that does not compile.
    pub fn compile(&self) -> Result<Compiled> {
        self.compile_with(true)
    }

    /// Expands macros; compiles every rule's regex now when `eager`, else on first use.
    fn compile_with(&self, eager: bool) -> Result<Compiled> {
        let outlet_alternation = outlet_alternation(&self.outlets);
        let macros = syntax::expanded_macros(&outlet_alternation, &self.macros);
        let mut rules = Vec::new();
        // Built in: the DFAs `build.rs` made from the same patterns (checked one by one).
        let (stored, stored_cue) = if eager {
            (&[][..], None)
        } else {
            let table = prebuilt::stored();
            (&table.rules[..], table.outlet_cue.as_ref())
        };
        for (index, rule) in self.rules.iter().enumerate() {
            let pattern = expand(&rule.pattern, &macros);
            let prebuilt = stored.get(index).filter(|s| s.pattern == pattern);
            let compiled = Arc::new(Engines {
                prebuilt,
                ..Engines::default()
            });
            if eager {
                let regex = compile_rule(&pattern).map_err(|e| {
                    malformed(
                        &rule.origin,
                        rule.line,
                        format!("bad regex for `{}`: {}", rule.reason, one_line(&e)),
                    )
                })?;
                let _ = compiled.full.set(Some(regex));
            }
            rules.push(Rule {
                reason: rule.reason.clone(),
                zone: rule.zone,
                pattern,
                compiled,
            });
        }
        // Built in: the filters `build.rs` found for the same patterns.
        let filters = rules
            .iter()
            .map(|rule| match rule.compiled.prebuilt {
                Some(stored) => stored.filter.clone(),
                None => required::filter_of(&rule.pattern),
            })
            .collect();
        let prefilter = Prefilter::new(filters);
        let line_rules: Vec<usize> = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r.zone, Zone::Any | Zone::Head | Zone::Tail))
            .map(|(i, _)| i)
            .collect();
        let cue_pattern = syntax::outlet_cue_pattern(&outlet_alternation);
        let prebuilt_cue = stored_cue
            .filter(|stored| stored.pattern == cue_pattern)
            .and_then(prebuilt::Stored::load);
        let outlet_cue = match prebuilt_cue {
            Some(prebuilt) => OutletCue::Prebuilt(Arc::new(prebuilt)),
            None => OutletCue::Regex(Regex::new(&cue_pattern).map_err(|e| {
                malformed(
                    &self.origin,
                    0,
                    format!("outlet names do not compile: {}", one_line(&e.to_string())),
                )
            })?),
        };
        Ok(Compiled {
            rules,
            line_rules,
            outlets: self.outlets.clone(),
            outlet_cue,
            prefilter,
        })
    }
}

/// Compiles one rule's pattern with the syntax, match semantics and engines of
/// `regex::Regex` (leftmost-first, Unicode, UTF-8, lazy DFA on). The error is
/// `regex::Regex`'s message, as users see it.
///
/// The lazy DFA costs compile time (a reverse NFA), but built-in rules compile only when a
/// line could match them (see [`Compiled::possible_rules`]), and without it cleaning ran at
/// about a third of the speed (35 against 57 MiB/s, `cargo bench --bench stages --
/// clean_segment`), under the 50 MB/s the project aims for. So a rule searches its first
/// few KiB without it ([`Rule::regex_for`]) and builds it only when it has more to search.
pub fn compile_rule(pattern: &str) -> std::result::Result<meta::Regex, String> {
    build_rule(pattern, true)
}

/// [`compile_rule`], with or without the lazy DFA (same matches either way).
fn build_rule(pattern: &str, lazy_dfa: bool) -> std::result::Result<meta::Regex, String> {
    // The configuration `regex::RegexBuilder` uses (regex 1.x `builders.rs`).
    let config = meta::Config::new()
        .nfa_size_limit(Some(10 * (1 << 20)))
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .hybrid(lazy_dfa);
    meta::Builder::new()
        .configure(config)
        .syntax(regex_automata::util::syntax::Config::new().utf8(true))
        .build(pattern)
        .map_err(|meta_error| match Regex::new(pattern) {
            Err(error) => error.to_string(),
            Ok(_) => meta_error.to_string(),
        })
}

/// Rules whose every match contains one of a few literal strings, found in a line by one
/// Aho-Corasick automaton (ASCII case-insensitive): a line holding none of a rule's
/// strings cannot match it. A rule anchored with `^` may also need the line to start with
/// one of a few strings (`tags`, `read more`).
#[derive(Clone, Debug)]
struct Prefilter {
    /// Per rule: whether it is filtered (else it always runs).
    filtered: Vec<bool>,
    /// The automaton over every filtered rule's strings, and which rule each string is for.
    matcher: Option<(Literals, Vec<usize>)>,
    /// Per rule: strings one of which starts every match, when the rule is anchored at the
    /// start (ASCII letters in lowercase).
    prefixes: Vec<Option<Vec<Vec<u8>>>>,
}

impl Prefilter {
    /// The prefilter over each rule's filter, in rule order.
    fn new(filters: Vec<RuleFilter>) -> Prefilter {
        let mut filtered = vec![false; filters.len()];
        let mut strings: Vec<Vec<u8>> = Vec::new();
        let mut owners = Vec::new();
        let mut prefixes = Vec::with_capacity(filters.len());
        for (index, filter) in filters.into_iter().enumerate() {
            let RuleFilter {
                set,
                prefixes: prefix,
            } = filter;
            prefixes.push(prefix);
            let Some(set) = set else {
                continue;
            };
            filtered[index] = true;
            for string in set {
                strings.push(string);
                owners.push(index);
            }
        }
        let matcher = if strings.is_empty() {
            None
        } else {
            // Built at every start: the noncontiguous NFA builds fastest, and finds the
            // strings fast enough for the lines of a few articles.
            match Literals::new(strings, AhoCorasickKind::NoncontiguousNFA) {
                Some(automaton) => Some((automaton, owners)),
                None => {
                    filtered.iter_mut().for_each(|f| *f = false);
                    None
                }
            }
        };
        Prefilter {
            filtered,
            matcher,
            prefixes,
        }
    }

    fn possible(&self, text: &str) -> Vec<bool> {
        // Case folding matches these with `k` and `s`; the filter's strings do not.
        if has_kelvin_or_long_s(text) {
            return vec![true; self.filtered.len()];
        }
        let automaton = self
            .matcher
            .as_ref()
            .map(|(literals, _)| literals.for_search(text.len()));
        self.possible_with(text, automaton)
    }

    /// [`Prefilter::possible`] with `automaton` (either kind) finding the strings.
    fn possible_with(&self, text: &str, automaton: Option<&AhoCorasick>) -> Vec<bool> {
        let mut possible: Vec<bool> = self.filtered.iter().map(|f| !f).collect();
        if let (Some(automaton), Some((_, owners))) = (automaton, &self.matcher) {
            for found in automaton.find_overlapping_iter(text) {
                if let Some(&rule) = owners.get(found.pattern().as_usize()) {
                    if let Some(slot) = possible.get_mut(rule) {
                        *slot = true;
                    }
                }
            }
        }
        let line = text.as_bytes();
        for (slot, prefixes) in possible.iter_mut().zip(&self.prefixes) {
            if let (true, Some(prefixes)) = (*slot, prefixes) {
                *slot = prefixes.iter().any(|prefix| {
                    line.get(..prefix.len())
                        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
                });
            }
        }
        possible
    }
}

/// Whether `text` holds the Kelvin sign or the long s, found by their UTF-8 lead bytes
/// (a line is searched for them before every prefilter pass, and most lines have neither).
fn has_kelvin_or_long_s(text: &str) -> bool {
    const KELVIN: &[u8] = "\u{212A}".as_bytes();
    const LONG_S: &[u8] = "\u{17F}".as_bytes();
    let bytes = text.as_bytes();
    memchr::memchr2_iter(KELVIN[0], LONG_S[0], bytes).any(|at| {
        bytes
            .get(at..)
            .is_some_and(|rest| rest.starts_with(KELVIN) || rest.starts_with(LONG_S))
    })
}

/// Compiled rules, ready to clean with.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// Every rule, in file order.
    pub rules: Vec<Rule>,
    /// Indexes into `rules` of the whole-line rules (zones any, head, tail), in file order.
    pub line_rules: Vec<usize>,
    /// The known outlets.
    pub outlets: Vec<Outlet>,
    /// Finds an outlet cue: `/TASS/`, `(IANS)`, or `Xinhua,` at the start of a credit line.
    outlet_cue: OutletCue,
    prefilter: Prefilter,
}

/// The outlet cue regex: compiled, or for the built-in outlets the NFA `build.rs` made from
/// the same pattern (same matches and groups).
#[derive(Clone, Debug)]
enum OutletCue {
    Regex(Regex),
    Prebuilt(Arc<Prebuilt>),
}

impl Compiled {
    /// For each rule (by index into `rules`), whether it may match within `text`: `false`
    /// only when `text` lacks every string that each of the rule's matches contains. Lets
    /// a cleaner skip, and never compile, the rules that cannot match a line.
    pub fn possible_rules(&self, text: &str) -> Vec<bool> {
        self.prefilter.possible(text)
    }

    /// The canonical outlet name for an alias, compared case-sensitively first, then not.
    pub fn outlet_named(&self, alias: &str) -> Option<&str> {
        let alias = alias.trim();
        self.outlets
            .iter()
            .find(|o| o.aliases.iter().any(|a| a == alias))
            .or_else(|| {
                self.outlets
                    .iter()
                    .find(|o| o.aliases.iter().any(|a| a.eq_ignore_ascii_case(alias)))
            })
            .map(|o| o.name.as_str())
    }

    /// The outlet named by a cue in `text`, if any.
    pub fn outlet_cue_in(&self, text: &str) -> Option<String> {
        let alias = match &self.outlet_cue {
            OutletCue::Regex(regex) => {
                let caps = regex.captures(text)?;
                (1..=3).find_map(|i| caps.get(i))?.as_str()
            }
            OutletCue::Prebuilt(prebuilt) => {
                let caps = prebuilt.captures(text)?;
                let span = (1..=3).find_map(|i| caps.get_group(i))?;
                text.get(span.range())?
            }
        };
        self.outlet_named(alias).map(str::to_string)
    }
}

/// The built-in rules, parsed once.
pub fn builtin_source() -> &'static RuleSource {
    static SOURCE: LazyLock<RuleSource> = LazyLock::new(|| {
        RuleSource::parse(BUILTIN_RULES, "data/boilerplate.txt").unwrap_or_default()
    });
    &SOURCE
}

/// The built-in rules, compiled once.
pub fn builtin_compiled() -> &'static Compiled {
    static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
        builtin_source()
            .compile_with(false)
            .or_else(|_| RuleSource::default().compile())
            .expect("empty rules always compile")
    });
    &COMPILED
}

/// Builds the built-in rules and loads the stored automata of those no prefilter string
/// rules out (every line of their zone tries them): the narrow form's, which most lines
/// need, where stored.
pub(crate) fn build_builtin() {
    let compiled = builtin_compiled();
    for (rule, filtered) in compiled.rules.iter().zip(&compiled.prefilter.filtered) {
        if !filtered {
            rule.prebuilt_for("");
        }
    }
}

/// Reads a user rules file.
pub fn read_user_file(path: &Path) -> Result<RuleSource> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::reading(path, e))?;
    RuleSource::parse(&text, &path.display().to_string())
}

fn outlet_alternation(outlets: &[Outlet]) -> String {
    syntax::outlet_alternation(
        outlets
            .iter()
            .flat_map(|o| o.aliases.iter().map(String::as_str)),
    )
}

/// Regex errors draw the pattern over several lines; a message is one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn malformed(origin: &str, line: usize, detail: String) -> Error {
    Error::Malformed {
        path: origin.into(),
        line: (line > 0).then_some(line),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::required::{required_prefixes, required_strings};
    use super::*;

    #[test]
    fn builtin_rules_parse_and_compile() {
        let source = RuleSource::parse(BUILTIN_RULES, "builtin").expect("parses");
        let compiled = source.compile().expect("compiles");
        assert!(compiled.rules.len() > 10);
        assert!(compiled.outlets.iter().any(|o| o.name == "TASS"));
    }

    #[test]
    fn every_builtin_rule_matches_as_a_regex_crate_regex_would() {
        // Rules are built without the lazy DFA for speed; what they match must not change.
        let lines = [
            "MOSCOW, March 6. /TASS/. Russia said on Sunday",
            "BEIRUT (Reuters) - Syrian forces",
            "By John Smith and Ali Khan",
            "Tags: Syria, Russia",
            "1 Mar, 2016 18:37",
            "Published time: 1 Mar, 2016 18:37 Edited time: 2 Mar, 2016 10:01",
            "(Reporting by Jane Doe; Editing by Ali Khan)",
            "Copyright 2016 The Associated Press. All rights reserved.",
            "… the Ukrainian crisis. Endit",
            "Ünïcödé ΜΟΣΧΑ, Μάρτιος 6 — text",
            "",
        ];
        let source = builtin_source();
        let compiled = builtin_compiled();
        let macros = syntax::expanded_macros(&outlet_alternation(&source.outlets), &source.macros);
        for (line_rule, rule) in source.rules.iter().zip(&compiled.rules) {
            let reference = Regex::new(&expand(&line_rule.pattern, &macros)).expect("compiles");
            for line in lines {
                let expected = reference.find(line).map(|m| m.range());
                let found = rule.regex().and_then(|r| r.find(line)).map(|m| m.range());
                assert_eq!(found, expected, "rule {} on {line:?}", line_rule.line);
            }
        }
    }

    /// Every line of the seed articles and ingest fixtures, and some made-up junk lines.
    fn sample_lines() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines: Vec<String> = [
            "Tags: Syria, Russia",
            "Home / World / Middle East",
            "(Photo: Reuters)",
            "© Sputnik / Mikhail Voskresenskiy",
            "Associated Press writers Jane Doe and Ali Khan contributed to this report.",
            "-- ITAR-TASS",
            "Fri 4 Mar 2016 12.30 GMT",
            "18:37 GMT, March 1, 2016",
            "Sunday, 6 March 2016, 10:01",
            "AP/dd 12",
            "KYIV -- Ukraine said",
            "MOSCOW",
            "READ MORE: something",
            "5 min read",
            "\u{212A}eywords: Syria, Russia",
            "Sub\u{17F}cribe",
            "\u{a9} SPUTNIK",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for dir in ["seeds", "fixtures/ingest"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for entry in entries.flatten() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    lines.extend(text.lines().map(|l| l.trim().to_string()));
                }
            }
        }
        lines
    }

    #[test]
    fn the_prefilter_dfa_a_corpus_run_moves_on_to_allows_the_same_rules() {
        let prefilter = &builtin_compiled().prefilter;
        let (literals, _) = prefilter
            .matcher
            .as_ref()
            .expect("built-in rules have strings");
        let strings = literals.strings();
        let nfa =
            crate::literals::automaton(strings, AhoCorasickKind::NoncontiguousNFA).expect("builds");
        let dfa = crate::literals::automaton(strings, AhoCorasickKind::DFA).expect("builds");
        let lines = sample_lines();
        let mut allowed = 0;
        for line in &lines {
            let by_nfa = prefilter.possible_with(line, Some(&nfa));
            allowed += by_nfa.iter().filter(|p| **p).count();
            assert_eq!(
                prefilter.possible_with(line, Some(&dfa)),
                by_nfa,
                "{line:?}"
            );
        }
        assert!(
            allowed > lines.len(),
            "the sample exercises the filter: {allowed}"
        );
    }

    #[test]
    fn kelvin_and_long_s_are_found_among_other_multibyte_characters() {
        for (text, expected) in [
            ("plain ASCII", false),
            (
                "\u{201C}quoted\u{201D} \u{2014} dash, \u{0141}\u{00F3}d\u{017A}",
                false,
            ),
            ("273 \u{212A}", true),
            ("Ha\u{017F}t", true),
            ("\u{2122}\u{212A}", true),
        ] {
            assert_eq!(has_kelvin_or_long_s(text), expected, "{text}");
            assert_eq!(text.contains(['\u{212A}', '\u{17F}']), expected, "{text}");
        }
    }

    #[test]
    fn the_literal_prefilter_never_skips_a_rule_that_matches() {
        let compiled = builtin_compiled();
        let lines = sample_lines();
        assert!(lines.len() > 100, "the seed articles were read");
        let references: Vec<Regex> = compiled
            .rules
            .iter()
            .map(|r| Regex::new(&r.pattern).expect("compiles"))
            .collect();
        let mut skipped = 0;
        for line in &lines {
            let possible = compiled.possible_rules(line);
            for ((rule, reference), possible) in
                compiled.rules.iter().zip(&references).zip(possible)
            {
                if reference.is_match(line) {
                    assert!(possible, "rule `{}` skipped on {line:?}", rule.pattern);
                } else if !possible {
                    skipped += 1;
                }
            }
        }
        // The filter is worth having: most rules are skipped on most lines.
        assert!(
            skipped * 2 > lines.len() * compiled.rules.len(),
            "{skipped}"
        );
    }

    #[test]
    fn every_builtin_rule_is_precompiled_except_those_no_dfa_can_answer() {
        let compiled = builtin_compiled();
        let loaded: Vec<bool> = compiled
            .rules
            .iter()
            .map(|rule| rule.prebuilt().is_some())
            .collect();
        // Only a pattern whose DFA would be too large is left to run-time compilation.
        let missing = loaded.iter().filter(|&&l| !l).count();
        assert!(missing <= 1, "{loaded:?}");
        // Every rule's stored prefilter strings are the ones its pattern gives.
        let stored = &prebuilt::stored().rules;
        assert_eq!(stored.len(), compiled.rules.len());
        assert!(matches!(compiled.outlet_cue, OutletCue::Prebuilt(_)));
        for (stored, rule) in stored.iter().zip(&compiled.rules) {
            assert_eq!(stored.pattern, rule.pattern);
            assert_eq!(
                stored.filter,
                required::filter_of(&rule.pattern),
                "{}",
                rule.pattern
            );
        }
    }

    #[test]
    fn rebuilt_dateline_nfas_are_the_compiled_ones() {
        let compiled = builtin_compiled();
        let mut rebuilt = 0;
        for rule in compiled.rules.iter().filter(|r| r.zone == Zone::Dateline) {
            let Some(Prebuilt::Groups(engines)) = rule.prebuilt() else {
                panic!("dateline rule not precompiled: {}", rule.pattern);
            };
            let nfa = regex_automata::nfa::thompson::NFA::compiler()
                .syntax(regex_automata::util::syntax::Config::new().utf8(true))
                .build(&rule.pattern)
                .expect("compiles");
            assert_eq!(format!("{:?}", engines.1.get_nfa()), format!("{nfa:?}"));
            rebuilt += 1;
        }
        assert!(rebuilt >= 5);
    }

    #[test]
    fn a_long_run_finds_the_same_datelines_as_a_short_one() {
        // A fresh rule set, so that its rules start on their stored NFAs and move to their
        // full engines after DATELINE_FULL_ENGINE_AFTER_BYTES, within this loop.
        let compiled = builtin_source().compile().expect("compiles");
        let rules: Vec<(&Rule, Regex)> = compiled
            .rules
            .iter()
            .filter(|r| r.zone == Zone::Dateline)
            .map(|r| (r, Regex::new(&r.pattern).expect("compiles")))
            .collect();
        let lines = sample_lines();
        let mut bytes = 0;
        let mut found = 0;
        while bytes < 2 * DATELINE_FULL_ENGINE_AFTER_BYTES {
            for line in &lines {
                bytes += line.len();
                for (rule, reference) in &rules {
                    let expected = reference.captures(line).map(|caps| {
                        let whole = caps.get(0).expect("match").range();
                        (whole, caps.name("dateline").map(|g| g.range()))
                    });
                    let got = rule
                        .find_dateline(line)
                        .map(|(whole, group)| (whole.range(), group.map(|g| g.range())));
                    found += usize::from(got.is_some());
                    assert_eq!(got, expected, "{} on {line:?}", rule.pattern);
                }
            }
        }
        assert!(found > 0);
        assert!(rules.iter().all(|(r, _)| r.compiled.full.get().is_some()));
    }

    #[test]
    fn precompiled_rules_match_as_the_regex_does() {
        let compiled = builtin_compiled();
        let mut lines = sample_lines();
        // Datelines and end marks as they open and close body lines.
        for line in sample_lines() {
            lines.push(format!("{line} Endit"));
            lines.push(format!("{line} (END)"));
        }
        lines.extend(
            [
                "MOSCOW, March 6. /TASS/. Russia said on Sunday",
                "Moscow/Washington, May 10 (IANS) Russia",
                "UNITED NATIONS, Oct 5 (Xinhua) -- The",
                "BEIRUT (Reuters) - Syrian forces",
                "WASHINGTON (AP) \u{2014} The",
                "ANKARA (Zaman) - The",
                "ANKARA",
                "WASHINGTON \u{2014} The",
                "BEIRUT, Oct 5 -- The",
                "S\u{e3}o Paulo, March 6 (Reuters) - x",
                "MOSCOW, March 6. /TASS/. -",
                "MOSCOW, March 6. /TASS/.:  x",
                "KYIV, Ukraine (AP) \u{2014} x",
                "\u{c9}TAT, 6 mars (AFP) - x",
                "by-lined Ünïcödé text by the Reporting by Jane \u{e9}",
                "Reporting by J\u{fc}rgen M\u{fc}ller; Editing by Ali",
                "\u{a9} 2016 R\u{e9}uters",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        let mut checked = 0;
        for rule in &compiled.rules {
            let Some(prebuilt) = rule.prebuilt() else {
                continue;
            };
            let reference = Regex::new(&rule.pattern).expect("compiles");
            for line in &lines {
                let line = line.as_str();
                if answers_as_the_regex(prebuilt, &reference, line) {
                    checked += 1;
                }
                // Whichever engine answers, the rule answers as the regex.
                assert_eq!(rule.is_match(line), reference.is_match(line));
                let expected = reference.find(line).map(|m| m.range());
                assert_eq!(rule.find(line).map(|s| s.range()), expected);
            }
        }
        assert!(checked > 1000, "{checked}");
        // The outlet cue too: the same alias group as its regex finds.
        let OutletCue::Prebuilt(cue) = &compiled.outlet_cue else {
            panic!("the outlet cue is not precompiled");
        };
        let pattern = syntax::outlet_cue_pattern(&outlet_alternation(&compiled.outlets));
        let reference = Regex::new(&pattern).expect("compiles");
        let mut cues = 0;
        for line in &lines {
            let caps = cue.captures(line).expect("an NFA");
            let found = (1..=3).find_map(|i| caps.get_group(i)).map(|s| s.range());
            let expected = reference
                .captures(line)
                .and_then(|c| (1..=3).find_map(|i| c.get(i)))
                .map(|m| m.range());
            assert_eq!(found, expected, "{line:?}");
            cues += usize::from(found.is_some());
        }
        assert!(cues > 5, "{cues}");
    }

    /// Asserts that stored automata answer as `reference` on `line` wherever they answer
    /// (match, leftmost match, dateline and its group); whether they answered the match.
    fn answers_as_the_regex(stored: &Prebuilt, reference: &Regex, line: &str) -> bool {
        let pattern = reference.as_str();
        if let Some(found) = stored.find(line) {
            let expected = reference.find(line).map(|m| m.range());
            assert_eq!(found.map(|s| s.range()), expected, "{pattern} on {line:?}");
        }
        if let Some(found) = stored.find_dateline(line) {
            let caps = reference.captures(line);
            let whole = caps.as_ref().and_then(|c| c.get(0)).map(|m| m.range());
            assert_eq!(
                found.map(|(w, _)| w.range()),
                whole,
                "{pattern} on {line:?}"
            );
            if whole.is_some_and(|w| w.start == 0) {
                let group = caps.and_then(|c| c.name("dateline")).map(|m| m.range());
                let found = found.and_then(|(_, g)| g).map(|g| g.range());
                assert_eq!(found, group, "{pattern} on {line:?}");
            }
        }
        let Some(found) = stored.is_match(line) else {
            return false;
        };
        assert_eq!(found, reference.is_match(line), "{pattern} on {line:?}");
        true
    }

    #[test]
    fn narrow_automata_answer_as_the_regex_on_the_text_they_serve() {
        let compiled = builtin_compiled();
        let mut lines = sample_lines();
        lines.extend(
            [
                "MOSCOW, March 6. /TASS/. Russia said on Sunday",
                "WASHINGTON (AP) \u{2014} The \u{201c}talks\u{201d} went on",
                "KYIV, Ukraine (AP) \u{2014} x",
                "BEIRUT, Oct 5 -- The",
                "By John Smith and Ali Khan",
                "By John O\u{2019}Neill",
                "Published time: 1 Mar, 2016 18:37 Edited time: 2 Mar, 2016 10:01",
                // Not served (a letter outside ASCII): the full automata answer.
                "S\u{e3}o Paulo, March 6 (Reuters) - x",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        let served: Vec<&str> = lines
            .iter()
            .map(String::as_str)
            .filter(|line| crate::regex_nfa::narrow_serves(line))
            .collect();
        assert!(served.len() < lines.len());
        let (mut narrowed, mut checked) = (0, 0);
        for rule in &compiled.rules {
            let Some(stored) = rule.compiled.prebuilt.filter(|s| s.has_narrow()) else {
                continue;
            };
            let narrow = stored.load_narrow().expect("the narrow automata load");
            let reference = Regex::new(&rule.pattern).expect("compiles");
            narrowed += 1;
            for &line in &served {
                if answers_as_the_regex(&narrow, &reference, line) {
                    checked += 1;
                }
            }
        }
        // Every dateline rule (the largest automata) has its narrow form stored.
        assert!(compiled
            .rules
            .iter()
            .filter(|r| r.zone == Zone::Dateline)
            .all(|r| r.compiled.prebuilt.is_some_and(|s| s.has_narrow())));
        assert!(narrowed >= 8, "{narrowed}");
        assert!(checked > 500, "{checked}");
    }

    #[test]
    fn anchored_rules_need_the_line_to_start_with_their_prefix() {
        let prefixes =
            required_prefixes(r"^(?i:tags?|topics?|related topics)\s*:\s*\S$").expect("prefixes");
        assert_eq!(prefixes, [&b"related topics"[..], b"tag", b"topic"]);
        // Not anchored, optional start, or `^` that may follow a line break: none.
        assert_eq!(required_prefixes(r"(?i:tags?)\s*:"), None);
        assert_eq!(required_prefixes(r"^(?:Source:\s*)?TASS$"), None);
        assert_eq!(required_prefixes(r"(?m)^tags:"), None);
        let compiled = RuleSource::parse("[rules]\ntags  any  ^(?i:tags?)\\s*:\\s*\\S\n", "t")
            .and_then(|source| source.compile())
            .expect("compiles");
        assert_eq!(compiled.possible_rules("Tags: Syria"), [true]);
        assert_eq!(compiled.possible_rules("The tags: Syria"), [false]);
    }

    #[test]
    fn required_strings_are_found_through_case_folding_and_alternation() {
        let set = required_strings(r"^(?i:tags?|topics?)\s*:\s*\S.{0,300}$").expect("a filter");
        assert!(
            set.contains(&b"tag"[..]) && set.contains(&b"topic"[..]),
            "{set:?}"
        );
        let set = required_strings(r"^(?i:by)\s+x").expect("a filter");
        assert!(set.contains(&b"by"[..]), "{set:?}");
        // An optional part does not require anything, nor does a class of any letter.
        assert_eq!(required_strings(r"^a?\p{Lu}*$"), None);
        // Never a product across an optional part: `cab` does not contain `cb`.
        let set = required_strings(r"ca?b").expect("a filter");
        assert!(!set.contains(&b"cb"[..]), "{set:?}");
    }

    #[test]
    fn a_bad_user_rule_reports_the_regex_error() {
        let source =
            RuleSource::parse("[rules]\nteaser any ^(unclosed\n", "mine.txt").expect("parses");
        let error = source.compile().expect_err("does not compile").to_string();
        assert!(error.contains("bad regex for `teaser`"), "{error}");
        assert!(error.contains("unclosed group"), "{error}");
    }

    #[test]
    fn outlet_cues_name_the_canonical_outlet() {
        let rules = builtin_compiled();
        assert_eq!(
            rules.outlet_cue_in("MOSCOW, March 6. /TASS/.").as_deref(),
            Some("TASS")
        );
        assert_eq!(
            rules.outlet_cue_in("BEIRUT (Reuters) -").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            rules.outlet_cue_in("Xinhua, December 16, 2015").as_deref(),
            Some("Xinhua")
        );
        assert_eq!(rules.outlet_cue_in("RT online reported"), None);
    }

    #[test]
    fn user_file_can_add_outlets_used_by_builtin_rules() {
        let mut source = builtin_source().clone();
        source.extend(
            RuleSource::parse(
                "[outlets]\nDaily Sabah = Daily Sabah | DS\n[rules]\nsign-off tail ^—\\s*[A-Z]{2,4}$\n",
                "mine",
            )
            .unwrap(),
        );
        let compiled = source.compile().unwrap();
        assert_eq!(
            compiled.outlet_cue_in("ISTANBUL (DS) - x").as_deref(),
            Some("Daily Sabah")
        );
    }

    #[test]
    fn unknown_zone_is_reported_with_its_line() {
        let err = RuleSource::parse("[rules]\nteaser somewhere ^x$\n", "mine.txt").unwrap_err();
        let message = err.to_string();
        assert!(message.contains("mine.txt:2"), "{message}");
        assert!(message.contains("unknown zone"), "{message}");
    }

    #[test]
    fn bad_user_regex_is_reported_not_panicking() {
        let source = RuleSource::parse("[rules]\nteaser any ^(unclosed\n", "mine.txt").unwrap();
        assert!(source.compile().is_err());
    }
}
