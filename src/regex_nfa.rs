//! Built-in regexes that need their groups, without compiling them at start-up: `build.rs`
//! writes each one's Thompson NFA state by state, and [`read_nfa`] rebuilds the same NFA
//! (compiling Unicode classes is most of a short run's cost; rebuilding is a copy). They
//! are searched by a bounded backtracker, or a Pike VM on long text: the regex crate's own
//! engines, leftmost-first with the same matches and groups as `regex::Regex`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};

use regex_automata::meta;

use regex_automata::nfa::thompson::backtrack::BoundedBacktracker;
use regex_automata::nfa::thompson::pikevm::PikeVM;
use regex_automata::nfa::thompson::{Builder, Transition, NFA};
use regex_automata::util::captures::Captures;
use regex_automata::util::look::Look;
use regex_automata::util::primitives::StateID;
use regex_automata::util::syntax;

/// What `build.rs` wrote: `CDREGEX` and a version byte, a count (u32), then per regex its
/// pattern and its NFA, each a u32 length and its bytes.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_regexes.nfa"));

const MAGIC: &[u8] = b"CDREGEX\x01";

/// A regex with groups, from its precompiled NFA (or compiled, if there is none).
///
/// The NFA engines cost nothing to start but search slowly; a run that searches much text
/// (a corpus, a long article) compiles the regex crate's full engine once it has searched
/// [`COMPILE_AFTER_BYTES`], and searches with that from then on: same matches and groups.
#[derive(Clone, Debug)]
pub(crate) struct PrebuiltRegex {
    backtracker: BoundedBacktracker,
    pikevm: PikeVM,
    /// The pattern, for the full engine.
    pattern: Arc<str>,
    /// The full engine (lazy DFA in front of the NFA engines), once built.
    full: Arc<OnceLock<Option<meta::Regex>>>,
    /// Bytes searched with the NFA engines so far.
    searched: Arc<AtomicUsize>,
}

/// Bytes a [`PrebuiltRegex`] searches with its NFA engines before it compiles the full
/// engine: about what compiling costs in slower searching.
const COMPILE_AFTER_BYTES: usize = 16 * 1024;

impl PrebuiltRegex {
    /// The regex of `pattern`, a built-in pattern: its NFA from `build.rs` when stored for
    /// exactly this pattern, else compiled now.
    ///
    /// # Panics
    /// If `pattern` does not compile: built-in patterns are tested to.
    pub(crate) fn builtin(pattern: &str) -> PrebuiltRegex {
        let nfa = stored()
            .iter()
            .find(|(stored, _)| *stored == pattern)
            .and_then(|(_, bytes)| read_nfa(bytes))
            .unwrap_or_else(|| {
                NFA::compiler()
                    .syntax(syntax::Config::new().utf8(true))
                    .build(pattern)
                    .expect("built-in patterns compile")
            });
        PrebuiltRegex::from_nfa(pattern, nfa).expect("a compiled NFA makes engines")
    }

    fn from_nfa(pattern: &str, nfa: NFA) -> Option<PrebuiltRegex> {
        Some(PrebuiltRegex {
            backtracker: BoundedBacktracker::new_from_nfa(nfa.clone()).ok()?,
            pikevm: PikeVM::new_from_nfa(nfa).ok()?,
            pattern: pattern.into(),
            full: Arc::default(),
            searched: Arc::default(),
        })
    }

    /// The full engine, once this regex has searched enough text to pay for compiling it.
    fn full_for(&self, text: &str) -> Option<&meta::Regex> {
        if let Some(full) = self.full.get() {
            return full.as_ref();
        }
        if !searched_past(&self.searched, text.len(), COMPILE_AFTER_BYTES) {
            return None;
        }
        self.full
            .get_or_init(|| {
                meta::Regex::builder()
                    .syntax(syntax::Config::new().utf8(true))
                    .build(&self.pattern)
                    .ok()
            })
            .as_ref()
    }

    /// Every leftmost-first match in `text` with its groups, as `regex::Regex::captures_iter`.
    pub(crate) fn captures_iter<'h>(&self, text: &'h str) -> Vec<Groups<'h>> {
        let groups = |caps: Captures| Groups { text, caps };
        if let Some(full) = self.full_for(text) {
            return full.captures_iter(text).map(groups).collect();
        }
        if text.len() <= self.backtracker.max_haystack_len() {
            let mut cache = self.backtracker.create_cache();
            let found: Option<Vec<Groups<'h>>> = self
                .backtracker
                .try_captures_iter(&mut cache, text)
                .map(|caps| caps.ok().map(groups))
                .collect();
            if let Some(found) = found {
                return found;
            }
        }
        let mut cache = self.pikevm.create_cache();
        self.pikevm
            .captures_iter(&mut cache, text)
            .map(groups)
            .collect()
    }

    /// The leftmost-first match in `text` with its groups, as `regex::Regex::captures`.
    pub(crate) fn captures<'h>(&self, text: &'h str) -> Option<Groups<'h>> {
        if let Some(full) = self.full_for(text) {
            let mut caps = full.create_captures();
            full.captures(text, &mut caps);
            return caps.is_match().then_some(Groups { text, caps });
        }
        let mut caps = self.pikevm.create_captures();
        let searched = text.len() <= self.backtracker.max_haystack_len()
            && self
                .backtracker
                .try_captures(&mut self.backtracker.create_cache(), text, &mut caps)
                .is_ok();
        if !searched {
            self.pikevm
                .captures(&mut self.pikevm.create_cache(), text, &mut caps);
        }
        caps.is_match().then_some(Groups { text, caps })
    }
}

/// Adds `bytes` to the text a pattern has searched with its cheap-to-build engine and
/// says whether the total now passes `limit`: the point where building the faster engine
/// pays. Shared by the precompiled regexes and the cleaning rules.
pub(crate) fn searched_past(searched: &AtomicUsize, bytes: usize, limit: usize) -> bool {
    searched
        .fetch_add(bytes, Ordering::Relaxed)
        .saturating_add(bytes)
        > limit
}

/// One match's groups in its text.
#[derive(Clone, Debug)]
pub(crate) struct Groups<'h> {
    text: &'h str,
    caps: Captures,
}

/// A group's text and where it is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Piece<'h> {
    /// Byte offset of the start.
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the end.
    pub(crate) fn end(&self) -> usize {
        self.end
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &'h str {
        self.text
    }
}

impl<'h> Groups<'h> {
    fn piece(&self, span: Option<regex_automata::Span>) -> Option<Piece<'h>> {
        let span = span?;
        Some(Piece {
            text: self.text.get(span.range())?,
            start: span.start,
            end: span.end,
        })
    }

    /// Group `index` (0: the whole match).
    pub(crate) fn get(&self, index: usize) -> Option<Piece<'h>> {
        self.piece(self.caps.get_group(index))
    }

    /// The group named `name`.
    pub(crate) fn name(&self, name: &str) -> Option<Piece<'h>> {
        self.piece(self.caps.get_group_by_name(name))
    }
}

/// The stored patterns and NFA bytes (none if the blob is unreadable).
fn stored() -> &'static [(&'static str, &'static [u8])] {
    static TABLE: LazyLock<Vec<(&'static str, &'static [u8])>> =
        LazyLock::new(|| read_blob(BLOB).unwrap_or_default());
    &TABLE
}

fn read_blob(blob: &'static [u8]) -> Option<Vec<(&'static str, &'static [u8])>> {
    let mut rest = blob.strip_prefix(MAGIC)?;
    let count = read_u32(&mut rest)?;
    (0..count)
        .map(|_| {
            let pattern = std::str::from_utf8(read_bytes(&mut rest)?).ok()?;
            Some((pattern, read_bytes(&mut rest)?))
        })
        .collect()
}

/// A little-endian u32 off the front of `rest`.
pub(crate) fn read_u32(rest: &mut &'static [u8]) -> Option<usize> {
    let (head, tail) = rest.split_first_chunk::<4>()?;
    *rest = tail;
    usize::try_from(u32::from_le_bytes(*head)).ok()
}

/// A u32 length and that many bytes off the front of `rest`.
pub(crate) fn read_bytes(rest: &mut &'static [u8]) -> Option<&'static [u8]> {
    let len = read_u32(rest)?;
    let (head, tail) = rest.split_at_checked(len)?;
    *rest = tail;
    Some(head)
}

/// Rebuilds the NFA `build.rs` wrote state by state (`groups_nfa` there): the same states
/// in the same order, so the same NFA as compiling the pattern gives.
pub(crate) fn read_nfa(bytes: &[u8]) -> Option<NFA> {
    let mut words = bytes
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
    let mut next = || words.next().and_then(|w| usize::try_from(w).ok());
    let id = |n: usize| StateID::new(n).ok();
    let (count, start_anchored, start_unanchored) = (next()?, id(next()?)?, id(next()?)?);
    let range = |packed: usize, to: usize| {
        Some(Transition {
            start: u8::try_from(packed >> 8).ok()?,
            end: u8::try_from(packed & 0xff).ok()?,
            next: id(to)?,
        })
    };
    let mut builder = Builder::new();
    builder.set_utf8(true);
    builder.start_pattern().ok()?;
    for _ in 0..count {
        match next()? {
            0 => builder.add_range(range(next()?, next()?)?),
            1 => {
                let len = next()?;
                let transitions = (0..len)
                    .map(|_| range(next()?, next()?))
                    .collect::<Option<Vec<_>>>()?;
                builder.add_sparse(transitions)
            }
            2 => {
                let look = Look::from_repr(u32::try_from(next()?).ok()?)?;
                builder.add_look(id(next()?)?, look)
            }
            3 => {
                let len = next()?;
                let alternates = (0..len).map(|_| id(next()?)).collect::<Option<Vec<_>>>()?;
                builder.add_union(alternates)
            }
            4 => {
                let (group, to, len) = (u32::try_from(next()?).ok()?, id(next()?)?, next()?);
                let name = (0..len)
                    .map(|_| next().and_then(|c| u8::try_from(c).ok()))
                    .collect::<Option<Vec<u8>>>()?;
                let name = (len > 0).then(|| String::from_utf8(name).ok().map(Arc::from));
                builder.add_capture_start(to, group, name.flatten())
            }
            5 => {
                let group = u32::try_from(next()?).ok()?;
                builder.add_capture_end(id(next()?)?, group)
            }
            6 => builder.add_fail(),
            7 => builder.add_match(),
            _ => return None,
        }
        .ok()?;
    }
    builder.finish_pattern(start_anchored).ok()?;
    builder.build(start_anchored, start_unanchored).ok()
}

/// Checks a built-in pattern's stored NFA and search against `regex::Regex` (the oracle).
#[cfg(test)]
pub(crate) fn assert_matches_regex(pattern: &str, texts: &[String]) {
    let stored = stored()
        .iter()
        .find(|(stored, _)| *stored == pattern)
        .and_then(|(_, bytes)| read_nfa(bytes))
        .expect("build.rs stored this pattern");
    let compiled = NFA::compiler()
        .syntax(syntax::Config::new().utf8(true))
        .build(pattern)
        .expect("compiles");
    assert_eq!(format!("{stored:?}"), format!("{compiled:?}"));
    let prebuilt = PrebuiltRegex::builtin(pattern);
    let reference = regex::Regex::new(pattern).expect("compiles");
    let spans = |groups: &Groups| -> Vec<Option<(usize, usize)>> {
        (0..groups.caps.group_len())
            .map(|i| groups.get(i).map(|p| (p.start(), p.end())))
            .collect()
    };
    let reference_spans = |caps: &regex::Captures| -> Vec<Option<(usize, usize)>> {
        caps.iter()
            .map(|m| m.map(|m| (m.start(), m.end())))
            .collect()
    };
    for text in texts {
        let found: Vec<_> = prebuilt.captures_iter(text).iter().map(spans).collect();
        let expected: Vec<_> = reference
            .captures_iter(text)
            .map(|c| reference_spans(&c))
            .collect();
        assert_eq!(found, expected, "{pattern} on {text:?}");
        let first = prebuilt.captures(text).map(|g| spans(&g));
        assert_eq!(
            first,
            reference.captures(text).map(|c| reference_spans(&c)),
            "{text:?}"
        );
    }
}

/// Real text to check regexes on: every line of the seed articles and ingest fixtures,
/// each whole file (long text), and made-up lines.
#[cfg(test)]
pub(crate) fn sample_texts(made_up: &[&str]) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = made_up.iter().map(|s| s.to_string()).collect();
    for dir in ["seeds", "fixtures/ingest"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.extend(text.lines().map(str::to_string));
                texts.push(text);
            }
        }
    }
    assert!(texts.len() > 100, "the seed articles were read");
    texts
}
