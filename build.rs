//! Precompiles the built-in cleaning rules (`data/boilerplate.txt`) into sparse DFAs and
//! prefilter strings, so a
//! run does not pay for compiling their regexes (Unicode classes make that most of a short
//! run's start-up). `src/ingest/rules.rs` loads them and checks each against the pattern it
//! expands at run time; a rule missing here is compiled at run time as before.
//!
//! Blob format (little-endian): `CDRULES` and a version byte, the rule count (u32), then per
//! rule its expanded pattern, its prefilter strings (the set every match contains, then the
//! prefixes, each a count, `u32::MAX` for none, and the strings), a kind byte and that
//! kind's DFAs; each string or DFA is a u32 length and its bytes. After the rules, one more
//! entry of the same form: the outlet cue regex. Kinds: 0 none; 1 whole-line rule (forward DFA, unanchored); 2 a
//! span is needed (forward and reverse DFAs of a `dfa::regex::Regex`); 3 groups are needed
//! (a dateline rule, the outlet cue): its Thompson NFA, see `groups_nfa`. After a rule's
//! automata, a count (u32) and the automata of the same kind built from the pattern's
//! narrow form (`src/regex_nfa/narrow.rs`), stored only where they are smaller: on the
//! text a narrow form serves (most English news lines) they answer as the full ones, and
//! a smaller automaton is cheaper to check, rebuild and search.
//!
//! It also lays out the background document frequencies (`data/background_df.txt`) as the
//! hash table `src/similarity/lexical/background.rs` reads in place (`background_df.table`).

#[allow(dead_code)]
#[path = "src/ingest/rules/syntax.rs"]
mod syntax;

#[allow(dead_code)]
#[path = "src/ingest/rules/required.rs"]
mod required;

#[allow(dead_code)]
#[path = "src/english.rs"]
mod english;

#[allow(dead_code)]
#[path = "src/diff/numbers/patterns.rs"]
mod number_patterns;

#[allow(dead_code)]
#[path = "src/ingest/metadata/patterns.rs"]
mod date_patterns;

#[path = "src/regex_nfa/narrow.rs"]
mod narrow;

#[allow(dead_code)]
#[path = "src/similarity/lexical/background.rs"]
mod background;

use regex_automata::dfa::{dense, StartKind};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax as regex_syntax_config;
use regex_automata::MatchKind;
use regex_syntax::hir::Hir;
use syntax::Zone;

/// Larger DFAs are left to run-time compilation.
const DFA_SIZE_LIMIT: usize = 16 << 20;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=data/boilerplate.txt");
    println!("cargo::rerun-if-changed=src/ingest/rules/syntax.rs");
    println!("cargo::rerun-if-changed=src/ingest/rules/required.rs");
    println!("cargo::rerun-if-changed=src/english.rs");
    println!("cargo::rerun-if-changed=src/diff/numbers/patterns.rs");
    println!("cargo::rerun-if-changed=src/ingest/metadata/patterns.rs");
    println!("cargo::rerun-if-changed=src/regex_nfa/narrow.rs");
    println!("cargo::rerun-if-changed=data/background_df.txt");
    println!("cargo::rerun-if-changed=src/similarity/lexical/background.rs");
    let text = std::fs::read_to_string("data/boilerplate.txt").unwrap_or_default();
    let mut blob = b"CDRULES\x03".to_vec();
    match syntax::parse_sections(&text) {
        Ok(sections) => encode_rules(&sections, &mut blob),
        // The run-time parser reports the error; nothing is precompiled.
        Err(_) => blob.extend(0u32.to_le_bytes()),
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("builtin_rules.dfa"), blob).expect("OUT_DIR is writable");
    std::fs::write(out.join("builtin_regexes.nfa"), regexes_blob()).expect("OUT_DIR is writable");
    let background_df = std::fs::read_to_string("data/background_df.txt").unwrap_or_default();
    std::fs::write(
        out.join("background_df.table"),
        background::encode(&background_df),
    )
    .expect("OUT_DIR is writable");
}

/// The other built-in regexes whose groups are needed (`src/regex_nfa.rs`): `CDREGEX` and
/// a version byte, a count (u32), then per regex its pattern, its NFA (`groups_nfa`), and
/// the forward and reverse NFAs of its narrow form (`src/regex_nfa/narrow.rs`; empty for
/// none), each a u32 length and its bytes. A pattern that does not compile is left out.
/// Only the figure regexes, searched over every sentence, have a narrow form.
fn regexes_blob() -> Vec<u8> {
    let figures = [
        number_patterns::date_pattern(),
        number_patterns::number_pattern(&english::TENS, &english::NUMBER_WORDS),
    ];
    let dates = date_patterns::ALL.iter().map(|p| p.to_string());
    let patterns = figures.into_iter().map(|p| (p, true));
    let patterns: Vec<(String, bool)> = patterns.chain(dates.map(|p| (p, false))).collect();
    let mut blob = b"CDREGEX\x02".to_vec();
    let compiled: Vec<_> = patterns
        .iter()
        .filter_map(|(pattern, narrow)| {
            let nfa = groups_nfa(pattern)?;
            let narrow = narrow.then(|| narrow_nfas(pattern)).flatten();
            Some((pattern, nfa, narrow.unwrap_or_default()))
        })
        .collect();
    push_u32(&mut blob, compiled.len());
    for (pattern, nfa, (narrow_forward, narrow_reverse)) in compiled {
        push_bytes(&mut blob, pattern.as_bytes());
        push_bytes(&mut blob, &nfa);
        push_bytes(&mut blob, &narrow_forward);
        push_bytes(&mut blob, &narrow_reverse);
    }
    blob
}

/// `pattern` parsed with the syntax every stored automaton uses.
fn full_hir(pattern: &str) -> Option<Hir> {
    regex_syntax_config::parse_with(pattern, &regex_syntax_config::Config::new().utf8(true)).ok()
}

/// The narrow form of `pattern` (`src/regex_nfa/narrow.rs`).
fn narrow_hir(pattern: &str) -> Option<Hir> {
    Some(narrow::narrow(
        &full_hir(pattern)?,
        &narrow::served_chars()?,
    ))
}

/// The narrow form's NFA with its groups, as `groups_nfa` writes the full one.
fn narrow_groups_nfa(pattern: &str) -> Option<Vec<u8>> {
    groups_nfa_of(&narrow_hir(pattern)?)
}

/// The narrow form's forward DFA, as `line_dfa` builds the full one.
fn narrow_line_dfa(pattern: &str) -> Option<Vec<u8>> {
    line_dfa_of(&narrow_hir(pattern)?)
}

/// The narrow form's forward and reverse DFAs, as `span_dfas` builds the full ones.
fn narrow_span_dfas(pattern: &str) -> Option<Vec<Vec<u8>>> {
    span_dfas_of(&narrow_hir(pattern)?)
}

/// The narrow form's NFAs: forward with groups (for the groups of a match), reverse
/// without (for where a match starts), as `groups_nfa` writes them.
fn narrow_nfas(pattern: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    let hir = narrow_hir(pattern)?;
    let reverse = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .reverse(true)
                .which_captures(thompson::WhichCaptures::None),
        )
        .build_from_hir(&hir)
        .ok()?;
    Some((groups_nfa_of(&hir)?, nfa_words(&reverse)?))
}

fn encode_rules(sections: &syntax::Sections, blob: &mut Vec<u8>) {
    let alternation = syntax::outlet_alternation(
        sections
            .outlets
            .iter()
            .flat_map(|(_, aliases)| aliases.iter().map(String::as_str)),
    );
    let macros = syntax::expanded_macros(&alternation, &sections.macros);
    push_u32(blob, sections.rules.len());
    for rule in &sections.rules {
        let pattern = syntax::expand(&rule.pattern, &macros);
        let filter = required::filter_of(&pattern);
        let (automata, narrow) = match rule.zone {
            Zone::Any | Zone::Head | Zone::Tail => (
                line_dfa(&pattern).map(|dfa| (1, vec![dfa])),
                narrow_line_dfa(&pattern).map(|dfa| vec![dfa]),
            ),
            Zone::End => (
                span_dfas(&pattern).map(|dfas| (2, dfas)),
                narrow_span_dfas(&pattern),
            ),
            Zone::Dateline => (
                groups_nfa(&pattern).map(|nfa| (3, vec![nfa])),
                narrow_groups_nfa(&pattern).map(|nfa| vec![nfa]),
            ),
        };
        let narrow = narrow.filter(|narrow| {
            let size = |automata: &[Vec<u8>]| automata.iter().map(Vec::len).sum::<usize>();
            automata
                .as_ref()
                .is_some_and(|(_, full)| size(narrow) < size(full))
        });
        push_entry(blob, &pattern, Some(filter), automata);
        push_automata(blob, &narrow.unwrap_or_default());
    }
    // After the rules, the outlet cue regex (its groups name the alias).
    let cue = syntax::outlet_cue_pattern(&alternation);
    let automata = groups_nfa(&cue).map(|nfa| (3, vec![nfa]));
    push_entry(blob, &cue, None, automata);
    push_automata(blob, &[]);
}

/// A count and that many automata.
fn push_automata(blob: &mut Vec<u8>, automata: &[Vec<u8>]) {
    push_u32(blob, automata.len());
    for automaton in automata {
        push_bytes(blob, automaton);
    }
}

/// One pattern: the pattern, its prefilter strings, and its kind and automata.
fn push_entry(
    blob: &mut Vec<u8>,
    pattern: &str,
    filter: Option<required::RuleFilter>,
    automata: Option<(u8, Vec<Vec<u8>>)>,
) {
    push_bytes(blob, pattern.as_bytes());
    let filter = filter.unwrap_or_default();
    push_strings(blob, filter.set.map(|set| set.into_iter().collect()));
    push_strings(blob, filter.prefixes);
    match automata {
        Some((kind, automata)) => {
            blob.push(kind);
            for automaton in automata {
                push_bytes(blob, &automaton);
            }
        }
        None => blob.push(0),
    }
}

/// The limits and word boundaries of every stored DFA.
fn dfa_config() -> dense::Config {
    dense::Config::new()
        .unicode_word_boundary(true)
        .minimize(true)
        .dfa_size_limit(Some(DFA_SIZE_LIMIT))
        .determinize_size_limit(Some(DFA_SIZE_LIMIT))
}

/// Whether a line matches: one forward DFA.
fn line_dfa(pattern: &str) -> Option<Vec<u8>> {
    line_dfa_of(&full_hir(pattern)?)
}

/// [`line_dfa`] of a parsed pattern.
fn line_dfa_of(hir: &Hir) -> Option<Vec<u8>> {
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
        .build_from_hir(hir)
        .ok()?;
    let dense = dense::Builder::new()
        .configure(
            dfa_config()
                .match_kind(MatchKind::LeftmostFirst)
                .start_kind(StartKind::Unanchored),
        )
        .build_from_nfa(&nfa)
        .ok()?;
    Some(dense.to_sparse().ok()?.to_bytes_little_endian())
}

/// Where the leftmost-first match is: a forward and a reverse DFA.
fn span_dfas(pattern: &str) -> Option<Vec<Vec<u8>>> {
    span_dfas_of(&full_hir(pattern)?)
}

/// [`span_dfas`] of a parsed pattern, configured as regex-automata's
/// `dfa::regex::Builder::build_many` configures a `dfa::regex::Regex`'s.
fn span_dfas_of(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    // DFAs have no groups: their NFAs are built without (as `dense::Builder` does).
    let nfa = |reverse: bool| {
        thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(reverse)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_from_hir(hir)
            .ok()
    };
    let (forward_nfa, reverse_nfa) = (nfa(false)?, nfa(true)?);
    let forward = dense::Builder::new()
        .configure(dfa_config())
        .build_from_nfa(&forward_nfa)
        .ok()?;
    let reverse = dense::Builder::new()
        .configure(
            dfa_config()
                .prefilter(None)
                .specialize_start_states(false)
                .start_kind(StartKind::Anchored)
                .match_kind(MatchKind::All),
        )
        .build_from_nfa(&reverse_nfa)
        .ok()?;
    Some(vec![
        forward.to_sparse().ok()?.to_bytes_little_endian(),
        reverse.to_sparse().ok()?.to_bytes_little_endian(),
    ])
}

/// A pattern whose groups are needed (a dateline rule, the outlet cue), which no DFA
/// reports: its Thompson NFA (with captures), state by state, as u32 words.
/// `src/ingest/rules/prebuilt.rs` rebuilds it.
fn groups_nfa(pattern: &str) -> Option<Vec<u8>> {
    groups_nfa_of(&full_hir(pattern)?)
}

/// [`groups_nfa`] of a parsed pattern.
fn groups_nfa_of(hir: &Hir) -> Option<Vec<u8>> {
    nfa_words(&thompson::Compiler::new().build_from_hir(hir).ok()?)
}

/// A one-pattern NFA, state by state, as u32 words (see `groups_nfa`).
fn nfa_words(nfa: &thompson::NFA) -> Option<Vec<u8>> {
    if nfa.pattern_len() != 1 {
        return None;
    }
    let mut words: Vec<u32> = vec![
        u32::try_from(nfa.states().len()).ok()?,
        nfa.start_anchored().as_u32(),
        nfa.start_unanchored().as_u32(),
    ];
    let range =
        |t: &thompson::Transition| [u32::from(t.start) << 8 | u32::from(t.end), t.next.as_u32()];
    for state in nfa.states() {
        match state {
            thompson::State::ByteRange { trans } => {
                words.push(0);
                words.extend(range(trans));
            }
            thompson::State::Sparse(sparse) => {
                words.extend([1, u32::try_from(sparse.transitions.len()).ok()?]);
                for trans in sparse.transitions.iter() {
                    words.extend(range(trans));
                }
            }
            thompson::State::Look { look, next } => {
                words.extend([2, look.as_repr(), next.as_u32()]);
            }
            thompson::State::Union { alternates } => {
                words.extend([3, u32::try_from(alternates.len()).ok()?]);
                words.extend(alternates.iter().map(|id| id.as_u32()));
            }
            thompson::State::BinaryUnion { alt1, alt2 } => {
                words.extend([3, 2, alt1.as_u32(), alt2.as_u32()]);
            }
            thompson::State::Capture {
                next,
                pattern_id,
                group_index,
                slot,
            } => {
                if slot.as_usize() % 2 == 0 {
                    words.extend([4, group_index.as_u32(), next.as_u32()]);
                    let name = nfa
                        .group_info()
                        .to_name(*pattern_id, group_index.as_usize())
                        .unwrap_or_default();
                    words.push(u32::try_from(name.len()).ok()?);
                    words.extend(name.bytes().map(u32::from));
                } else {
                    words.extend([5, group_index.as_u32(), next.as_u32()]);
                }
            }
            thompson::State::Fail => words.push(6),
            thompson::State::Match { .. } => words.push(7),
            // Never made by the compiler.
            thompson::State::Dense(_) => return None,
        }
    }
    Some(words.into_iter().flat_map(u32::to_le_bytes).collect())
}

/// A list of strings, `None` as a count of `u32::MAX`.
fn push_strings(blob: &mut Vec<u8>, strings: Option<Vec<Vec<u8>>>) {
    match strings {
        Some(strings) => {
            push_u32(blob, strings.len());
            for string in strings {
                push_bytes(blob, &string);
            }
        }
        None => blob.extend(u32::MAX.to_le_bytes()),
    }
}

fn push_u32(blob: &mut Vec<u8>, n: usize) {
    blob.extend(u32::try_from(n).expect("under 4 GiB").to_le_bytes());
}

fn push_bytes(blob: &mut Vec<u8>, bytes: &[u8]) {
    push_u32(blob, bytes.len());
    blob.extend_from_slice(bytes);
}
