//! The built-in rules as sparse DFAs, precompiled by `build.rs`: loading one costs a check
//! of its bytes, not a regex compilation. Each answers exactly as the rule's regex would, or
//! says it cannot (a DFA quits on a non-ASCII byte where the pattern has a Unicode word
//! boundary; a dateline group that no DFA pins down), and the caller then uses the regex.

use std::sync::{LazyLock, OnceLock};

use regex_automata::dfa::regex::Regex as DfaRegex;
use regex_automata::dfa::{sparse, Automaton};
use regex_automata::{Anchored, Input, Span};

/// What `build.rs` wrote (its doc describes the format).
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_rules.dfa"));

const MAGIC: &[u8] = b"CDRULES\x01";

type Dfa = sparse::DFA<&'static [u8]>;

/// One built-in rule's DFAs as stored, not yet checked.
#[derive(Debug)]
pub(super) struct Stored {
    /// The expanded pattern they were built from.
    pub(super) pattern: &'static str,
    kind: u8,
    dfas: Vec<&'static [u8]>,
}

/// The stored DFAs of every built-in rule, in file order (empty if the blob is unreadable).
pub(super) fn stored() -> &'static [Stored] {
    static TABLE: LazyLock<Vec<Stored>> = LazyLock::new(|| read_blob(BLOB).unwrap_or_default());
    &TABLE
}

fn read_blob(blob: &'static [u8]) -> Option<Vec<Stored>> {
    let mut rest = blob.strip_prefix(MAGIC)?;
    let count = read_u32(&mut rest)?;
    let mut table = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        let pattern = std::str::from_utf8(read_bytes(&mut rest)?).ok()?;
        let (&kind, after) = rest.split_first()?;
        rest = after;
        let dfa_count = match kind {
            1 => 1,
            2 => 2,
            3 => 3,
            _ => 0,
        };
        let dfas = (0..dfa_count)
            .map(|_| read_bytes(&mut rest))
            .collect::<Option<Vec<_>>>()?;
        table.push(Stored {
            pattern,
            kind,
            dfas,
        });
    }
    Some(table)
}

fn read_u32(rest: &mut &'static [u8]) -> Option<usize> {
    let (head, tail) = rest.split_first_chunk::<4>()?;
    *rest = tail;
    usize::try_from(u32::from_le_bytes(*head)).ok()
}

fn read_bytes(rest: &mut &'static [u8]) -> Option<&'static [u8]> {
    let len = read_u32(rest)?;
    let (head, tail) = rest.split_at_checked(len)?;
    *rest = tail;
    Some(head)
}

/// A rule's loaded DFAs.
#[derive(Clone, Debug)]
pub(super) enum Prebuilt {
    /// Whether a line matches.
    Line(Dfa),
    /// Where the match is.
    Span(DfaRegex<Dfa>),
    /// `^(?P<dateline>A)B`: where the match ends (it starts the text), and, loaded once a
    /// match needs them, every end of `A` from the start (forward) and every start of `B`
    /// (reverse, from the match's end).
    Dateline {
        whole: Dfa,
        split: OnceLock<Option<(Dfa, Dfa)>>,
        stored: &'static Stored,
    },
}

impl Stored {
    fn dfa(&self, index: usize) -> Option<Dfa> {
        sparse::DFA::from_bytes(self.dfas.get(index)?)
            .ok()
            .map(|(dfa, _)| dfa)
    }

    /// The DFAs, checked; `None` if they do not load (the rule then compiles its regex).
    pub(super) fn load(&'static self) -> Option<Prebuilt> {
        Some(match self.kind {
            1 => Prebuilt::Line(self.dfa(0)?),
            2 => Prebuilt::Span(DfaRegex::builder().build_from_dfas(self.dfa(0)?, self.dfa(1)?)),
            3 => Prebuilt::Dateline {
                whole: self.dfa(0)?,
                split: OnceLock::new(),
                stored: self,
            },
            _ => return None,
        })
    }
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

    /// The leftmost-first match; `None`: the DFAs cannot tell.
    pub(super) fn find(&self, haystack: &str) -> Option<Option<Span>> {
        match self {
            // A forward search alone gives no start.
            Prebuilt::Line(_) => None,
            Prebuilt::Span(regex) => regex
                .try_search(&Input::new(haystack))
                .ok()
                .map(|m| m.map(|m| m.span())),
            Prebuilt::Dateline { whole, .. } => {
                let input = Input::new(haystack).anchored(Anchored::Yes);
                let end = whole.try_search_fwd(&input).ok()?;
                Some(end.map(|end| Span::from(0..end.offset())))
            }
        }
    }

    /// The leftmost-first match and its `dateline` group; `None`: the DFAs cannot tell.
    pub(super) fn find_dateline(&self, haystack: &str) -> Option<Option<(Span, Option<Span>)>> {
        let Prebuilt::Dateline { split, stored, .. } = self else {
            return None;
        };
        let Some(whole) = self.find(haystack)? else {
            return Some(None);
        };
        let (head, tail) = split
            .get_or_init(|| Some((stored.dfa(1)?, stored.dfa(2)?)))
            .as_ref()?;
        let group_end = group_end(head, tail, haystack, whole.end)?;
        Some(Some((whole, Some(Span::from(0..group_end)))))
    }
}

/// Where the group `A` of a match `[0, end)` of `^(?P<dateline>A)B` ends: the one position
/// where `A` can end (matching from the start) and `B` can start (matching up to `end`).
/// The regex's own split is such a position, so a single one is it; `None` when there are
/// several (the regex's priorities would have to choose) or a DFA quits.
fn group_end(head: &Dfa, tail: &Dfa, haystack: &str, end: usize) -> Option<usize> {
    let bytes = haystack.as_bytes();
    let mut head_ends = vec![false; end + 1];
    // A match state is entered one byte after the match ends (the DFA sees the next byte
    // or the end of the text first, for look-arounds).
    let mut state = head
        .start_state_forward(&Input::new(haystack).anchored(Anchored::Yes))
        .ok()?;
    for (at, slot) in head_ends.iter_mut().enumerate() {
        state = match bytes.get(at) {
            Some(&byte) => head.next_state(state, byte),
            None => head.next_eoi_state(state),
        };
        if head.is_special_state(state) {
            if head.is_match_state(state) {
                *slot = true;
            } else if head.is_dead_state(state) {
                break;
            } else if head.is_quit_state(state) {
                return None;
            }
        }
    }
    let mut split = None;
    let mut state = tail
        .start_state_reverse(&Input::new(haystack).range(..end).anchored(Anchored::Yes))
        .ok()?;
    for at in (0..=end).rev() {
        // Reverse: after the byte before `at` (or the start of the text), a match state
        // says `B` matches `[at, end)`.
        state = match at.checked_sub(1).and_then(|before| bytes.get(before)) {
            Some(&byte) => tail.next_state(state, byte),
            None => tail.next_eoi_state(state),
        };
        if tail.is_special_state(state) {
            if tail.is_match_state(state) {
                if head_ends.get(at).copied().unwrap_or(false) {
                    if split.is_some() {
                        return None;
                    }
                    split = Some(at);
                }
            } else if tail.is_dead_state(state) {
                break;
            } else if tail.is_quit_state(state) {
                return None;
            }
        }
    }
    split
}
