//! Literal strings found by Aho-Corasick (ASCII case-insensitive, every overlapping match
//! reported), built cheap first and fast once that pays.
//!
//! One `compare` searches a few articles, where building a DFA costs more than it saves; a
//! corpus run searches megabytes. So [`Literals`] searches with an NFA, cheap to build, and
//! builds the DFA once [`DFA_AFTER_BYTES`] have been searched. An Aho-Corasick automaton's
//! kind changes its speed, not its matches (the alias and cleaning-rule tests check both).

use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// Text searched with the first automaton before the DFA is built: building it costs about
/// as much as the NFA's extra work over this much text.
const DFA_AFTER_BYTES: usize = 256 * 1024;

/// A set of literal strings and the automata that find them. Clones share the automata
/// and the count of bytes searched.
#[derive(Clone, Debug)]
pub(crate) struct Literals {
    /// Pattern `i` is `strings[i]`, in the kind the set was made with.
    first: AhoCorasick,
    /// The same automaton as a DFA, once built.
    dfa: Arc<OnceLock<Option<AhoCorasick>>>,
    searched: Arc<AtomicUsize>,
    /// The strings, to build the DFA from.
    strings: Arc<Vec<Vec<u8>>>,
}

impl Literals {
    /// The set of `strings`, first searched by an automaton of kind `first` (an NFA);
    /// `None` if the automaton cannot be built.
    pub(crate) fn new(strings: Vec<Vec<u8>>, first: AhoCorasickKind) -> Option<Literals> {
        Some(Literals {
            first: automaton(&strings, first)?,
            dfa: Arc::new(OnceLock::new()),
            searched: Arc::new(AtomicUsize::new(0)),
            strings: Arc::new(strings),
        })
    }

    /// The automaton to search `bytes` more bytes with: the DFA once enough text has been
    /// searched, the first one before (and if the DFA cannot be built).
    pub(crate) fn for_search(&self, bytes: usize) -> &AhoCorasick {
        if crate::regex_nfa::searched_past(&self.searched, bytes, DFA_AFTER_BYTES) {
            let dfa = self
                .dfa
                .get_or_init(|| automaton(&self.strings, AhoCorasickKind::DFA));
            if let Some(dfa) = dfa.as_ref() {
                return dfa;
            }
        }
        &self.first
    }

    /// The strings, in pattern order.
    #[cfg(test)]
    pub(crate) fn strings(&self) -> &[Vec<u8>] {
        &self.strings
    }
}

/// An automaton of `kind` over `strings`, with the options every [`Literals`] uses.
pub(crate) fn automaton(strings: &[Vec<u8>], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(kind))
        .dense_depth(dense_depth(kind))
        .build(strings)
        .ok()
}

/// Below what depth the automaton's states get a full transition table. The first
/// automata (NFAs) keep only the start state dense: the dense tables of the states one and
/// two bytes deep were hundreds of KB that a short run builds and then touches once, more
/// than their faster transitions save before the DFA takes over (`compare seeds/`:
/// 53.0 -> 52.7 M instructions, a 2 MiB huge page fewer; benches/README.md). The DFA, dense
/// throughout, is built with the crate's default.
fn dense_depth(kind: AhoCorasickKind) -> usize {
    match kind {
        AhoCorasickKind::DFA => 3,
        _ => 1,
    }
}
