//! Precompiles the built-in cleaning rules (`data/boilerplate.txt`) into sparse DFAs, so a
//! run does not pay for compiling their regexes (Unicode classes make that most of a short
//! run's start-up). `src/ingest/rules.rs` loads them and checks each against the pattern it
//! expands at run time; a rule missing here is compiled at run time as before.
//!
//! Blob format (little-endian): `CDRULES` and a version byte, the rule count (u32), then per
//! rule its expanded pattern, a kind byte and that kind's DFAs, each string or DFA as a u32
//! length and its bytes. Kinds: 0 none; 1 whole-line rule (forward DFA, unanchored); 2 a
//! span is needed (forward and reverse DFAs of a `dfa::regex::Regex`); 3 a dateline rule
//! `^(?P<dateline>A)B` (the whole pattern forward, then `A` forward and `B` reverse reporting
//! every match, all three anchored).

#[allow(dead_code)]
#[path = "src/ingest/rules/syntax.rs"]
mod syntax;

use regex_automata::dfa::{dense, regex::Regex, StartKind};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax as regex_syntax_config;
use regex_automata::MatchKind;
use syntax::Zone;

/// Larger DFAs are left to run-time compilation.
const DFA_SIZE_LIMIT: usize = 16 << 20;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=data/boilerplate.txt");
    println!("cargo::rerun-if-changed=src/ingest/rules/syntax.rs");
    let text = std::fs::read_to_string("data/boilerplate.txt").unwrap_or_default();
    let mut blob = b"CDRULES\x01".to_vec();
    match syntax::parse_sections(&text) {
        Ok(sections) => encode_rules(&sections, &mut blob),
        // The run-time parser reports the error; nothing is precompiled.
        Err(_) => blob.extend(0u32.to_le_bytes()),
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("builtin_rules.dfa"), blob).expect("OUT_DIR is writable");
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
        push_bytes(blob, pattern.as_bytes());
        let dfas = match rule.zone {
            Zone::Any | Zone::Head | Zone::Tail => line_dfa(&pattern).map(|dfa| (1, vec![dfa])),
            Zone::End => span_dfas(&pattern).map(|dfas| (2, dfas)),
            Zone::Dateline => dateline_dfas(&pattern).map(|dfas| (3, dfas)),
        };
        match dfas {
            Some((kind, dfas)) => {
                blob.push(kind);
                for dfa in dfas {
                    push_bytes(blob, &dfa);
                }
            }
            None => blob.push(0),
        }
    }
}

/// The `regex::Regex` syntax and engine settings a DFA needs to match as it does.
fn builder(match_kind: MatchKind, start: StartKind, reverse: bool) -> dense::Builder {
    let mut builder = dense::Builder::new();
    builder
        .configure(
            dense::Config::new()
                .match_kind(match_kind)
                .start_kind(start)
                .unicode_word_boundary(true)
                .dfa_size_limit(Some(DFA_SIZE_LIMIT))
                .determinize_size_limit(Some(DFA_SIZE_LIMIT)),
        )
        .syntax(regex_syntax_config::Config::new().utf8(true))
        .thompson(
            thompson::Config::new()
                .reverse(reverse)
                .which_captures(thompson::WhichCaptures::None),
        );
    builder
}

fn sparse_bytes(builder: &dense::Builder, pattern: &str) -> Option<Vec<u8>> {
    let dense = builder.build(pattern).ok()?;
    Some(dense.to_sparse().ok()?.to_bytes_little_endian())
}

/// Whether a line matches: one forward DFA.
fn line_dfa(pattern: &str) -> Option<Vec<u8>> {
    sparse_bytes(
        &builder(MatchKind::LeftmostFirst, StartKind::Unanchored, false),
        pattern,
    )
}

/// Where the leftmost-first match is: a forward and a reverse DFA.
fn span_dfas(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let regex = Regex::builder()
        .dense(
            dense::Config::new()
                .unicode_word_boundary(true)
                .dfa_size_limit(Some(DFA_SIZE_LIMIT))
                .determinize_size_limit(Some(DFA_SIZE_LIMIT)),
        )
        .syntax(regex_syntax_config::Config::new().utf8(true))
        .build_sparse(pattern)
        .ok()?;
    Some(vec![
        regex.forward().to_bytes_little_endian(),
        regex.reverse().to_bytes_little_endian(),
    ])
}

/// The match and where its `dateline` group ends: every end of `A` from the start and every
/// start of `B` before the match's end; where just one position is both, the group ends there.
fn dateline_dfas(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let (head, tail) = syntax::split_dateline(pattern)?;
    // Anchored at the start (`^`, no flags): a forward search from 0 finds the match.
    let mut dfas = vec![sparse_bytes(
        &builder(MatchKind::LeftmostFirst, StartKind::Anchored, false),
        pattern,
    )?];
    dfas.push(sparse_bytes(
        &builder(MatchKind::All, StartKind::Anchored, false),
        head,
    )?);
    dfas.push(sparse_bytes(
        &builder(MatchKind::All, StartKind::Anchored, true),
        tail,
    )?);
    Some(dfas)
}

fn push_u32(blob: &mut Vec<u8>, n: usize) {
    blob.extend(u32::try_from(n).expect("under 4 GiB").to_le_bytes());
}

fn push_bytes(blob: &mut Vec<u8>, bytes: &[u8]) {
    push_u32(blob, bytes.len());
    blob.extend_from_slice(bytes);
}
