//! The built-in rules as sparse DFAs (or, where a group is needed, an NFA), precompiled by
//! `build.rs`: loading one costs a check of its bytes, not a regex compilation. Each
//! answers exactly as the rule's regex would, or says it cannot (a DFA quits on a non-ASCII
//! byte where the pattern has a Unicode word boundary), and the caller then uses the regex.
//!
//! Where the pattern's narrow form (`src/regex_nfa/narrow.rs`) gives smaller automata,
//! those are stored too: on a text the narrow form serves they answer as the full ones,
//! and a run over English news lines mostly loads only them (a dateline rule's NFA is a
//! tenth of the size without the Unicode letter classes).

use std::sync::LazyLock;

use regex_automata::dfa::regex::Regex as DfaRegex;
use regex_automata::dfa::{sparse, Automaton};
use regex_automata::nfa::thompson::backtrack::BoundedBacktracker;
use regex_automata::nfa::thompson::pikevm::PikeVM;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, Span};

use super::required::RuleFilter;
use crate::regex_nfa::{read_bytes, read_nfa, read_u32};

/// What `build.rs` wrote (its doc describes the format).
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_rules.dfa"));

const MAGIC: &[u8] = b"CDRULES\x03";

type Dfa = sparse::DFA<&'static [u8]>;

/// One built-in rule's DFAs as stored, not yet checked.
#[derive(Debug)]
pub(super) struct Stored {
    /// The expanded pattern they were built from.
    pub(super) pattern: &'static str,
    /// Its prefilter strings.
    pub(super) filter: RuleFilter,
    kind: u8,
    dfas: Vec<&'static [u8]>,
    /// The narrow form's automata, of the same kind (none where they would not be smaller).
    narrow: Vec<&'static [u8]>,
}

/// What `build.rs` stored: each built-in rule's automata in file order, then the outlet
/// cue's (nothing if the blob is unreadable).
#[derive(Debug, Default)]
pub(super) struct Table {
    /// The built-in rules.
    pub(super) rules: Vec<Stored>,
    /// The outlet cue regex.
    pub(super) outlet_cue: Option<Stored>,
}

/// The stored automata of the built-in rules and outlet cue.
pub(super) fn stored() -> &'static Table {
    static TABLE: LazyLock<Table> = LazyLock::new(|| read_blob(BLOB).unwrap_or_default());
    &TABLE
}

fn read_blob(blob: &'static [u8]) -> Option<Table> {
    let mut rest = blob.strip_prefix(MAGIC)?;
    let count = read_u32(&mut rest)?;
    let rules = (0..count)
        .map(|_| read_entry(&mut rest))
        .collect::<Option<Vec<_>>>()?;
    let outlet_cue = if rest.is_empty() {
        None
    } else {
        read_entry(&mut rest)
    };
    Some(Table { rules, outlet_cue })
}

fn read_entry(rest: &mut &'static [u8]) -> Option<Stored> {
    let pattern = std::str::from_utf8(read_bytes(rest)?).ok()?;
    let filter = RuleFilter {
        set: read_strings(rest)?.map(|strings| strings.into_iter().collect()),
        prefixes: read_strings(rest)?,
    };
    let (&kind, after) = rest.split_first()?;
    *rest = after;
    let dfa_count = match kind {
        1 => 1,
        2 => 2,
        3 => 1,
        _ => 0,
    };
    let dfas = (0..dfa_count)
        .map(|_| read_bytes(rest))
        .collect::<Option<Vec<_>>>()?;
    let narrow_count = read_u32(rest)?;
    let narrow = (0..narrow_count)
        .map(|_| read_bytes(rest))
        .collect::<Option<Vec<_>>>()?;
    Some(Stored {
        pattern,
        filter,
        kind,
        dfas,
        narrow,
    })
}

/// A list of strings, or `None` (a count of `u32::MAX`).
fn read_strings(rest: &mut &'static [u8]) -> Option<Option<Vec<Vec<u8>>>> {
    let count = read_u32(rest)?;
    if count == u32::MAX as usize {
        return Some(None);
    }
    let strings = (0..count)
        .map(|_| read_bytes(rest).map(<[u8]>::to_vec))
        .collect::<Option<Vec<_>>>()?;
    Some(Some(strings))
}

/// A rule's loaded automata.
#[derive(Clone, Debug)]
pub(super) enum Prebuilt {
    /// Whether a line matches.
    Line(Box<Dfa>),
    /// Where the match is.
    Span(Box<DfaRegex<Dfa>>),
    /// Where the match and its groups are: the pattern's NFA, searched by a bounded
    /// backtracker, or a Pike VM on text too long for it.
    Groups(Box<(BoundedBacktracker, PikeVM)>),
}

impl Stored {
    /// The automata, checked; `None` if they do not load (the rule then compiles its regex).
    pub(super) fn load(&self) -> Option<Prebuilt> {
        load(self.kind, &self.dfas)
    }

    /// Whether the narrow form's automata are stored.
    pub(super) fn has_narrow(&self) -> bool {
        !self.narrow.is_empty()
    }

    /// The narrow form's automata, checked: they answer as [`Stored::load`]'s only on a
    /// text [`crate::regex_nfa::narrow_serves`]. `None` if there are none or they do not
    /// load.
    pub(super) fn load_narrow(&self) -> Option<Prebuilt> {
        load(self.kind, &self.narrow)
    }
}

/// The automata of `kind` stored in `automata`, checked.
fn load(kind: u8, automata: &[&'static [u8]]) -> Option<Prebuilt> {
    let dfa = |index: usize| -> Option<Dfa> {
        sparse::DFA::from_bytes(automata.get(index)?)
            .ok()
            .map(|(dfa, _)| dfa)
    };
    Some(match kind {
        1 => Prebuilt::Line(Box::new(dfa(0)?)),
        2 => Prebuilt::Span(Box::new(
            DfaRegex::builder().build_from_dfas(dfa(0)?, dfa(1)?),
        )),
        3 => {
            let nfa = read_nfa(automata.first()?)?;
            let backtracker = BoundedBacktracker::new_from_nfa(nfa.clone()).ok()?;
            Prebuilt::Groups(Box::new((backtracker, PikeVM::new_from_nfa(nfa).ok()?)))
        }
        _ => return None,
    })
}

impl Prebuilt {
    /// Whether the rule matches in `haystack`; `None`: the DFA cannot tell.
    pub(super) fn is_match(&self, haystack: &str) -> Option<bool> {
        match self {
            Prebuilt::Line(dfa) => {
                // Only whether there is one: the earliest end will do.
                let input = Input::new(haystack).earliest(true);
                dfa.try_search_fwd(&input).ok().map(|end| end.is_some())
            }
            _ => self.find(haystack).map(|found| found.is_some()),
        }
    }

    /// The leftmost-first match; `None`: the automata cannot tell.
    pub(super) fn find(&self, haystack: &str) -> Option<Option<Span>> {
        match self {
            // A forward search alone gives no start.
            Prebuilt::Line(_) => None,
            Prebuilt::Span(regex) => regex
                .try_search(&Input::new(haystack))
                .ok()
                .map(|m| m.map(|m| m.span())),
            Prebuilt::Groups(_) => self
                .find_dateline(haystack)
                .map(|m| m.map(|(whole, _)| whole)),
        }
    }

    /// The leftmost-first match and its `dateline` group; `None`: the automata cannot tell.
    pub(super) fn find_dateline(&self, haystack: &str) -> Option<Option<(Span, Option<Span>)>> {
        let caps = self.captures(haystack)?;
        Some(
            caps.get_match()
                .map(|whole| (whole.span(), caps.get_group_by_name("dateline"))),
        )
    }

    /// The leftmost-first match's groups; `None`: no NFA to tell.
    pub(super) fn captures(&self, haystack: &str) -> Option<Captures> {
        let Prebuilt::Groups(engines) = self else {
            return None;
        };
        let (backtracker, vm) = &**engines;
        // A pattern that starts with `^` (no `m` flag) matches only at the start: an
        // anchored search finds the same, without trying every later position.
        let anchored = if vm.get_nfa().is_always_start_anchored() {
            Anchored::Yes
        } else {
            Anchored::No
        };
        let input = Input::new(haystack).anchored(anchored);
        let mut caps = vm.create_captures();
        let searched = haystack.len() <= backtracker.max_haystack_len()
            && backtracker
                .try_search(&mut backtracker.create_cache(), &input, &mut caps)
                .is_ok();
        if !searched {
            vm.search(&mut vm.create_cache(), &input, &mut caps);
        }
        Some(caps)
    }
}
