//! Built-in regexes that need their groups, without compiling them at start-up: `build.rs`
//! writes each one's Thompson NFA state by state, and [`read_nfa`] rebuilds the same NFA
//! (compiling Unicode classes is most of a short run's cost; rebuilding is a copy). They
//! are searched by a bounded backtracker, or a Pike VM on long text: the regex crate's own
//! engines, leftmost-first with the same matches and groups as `regex::Regex`.
//!
//! The figure regexes, run over every sentence, also have a narrow form (`narrow.rs`): the
//! same matches and groups on text whose non-ASCII characters are all outside `\w`, which
//! a lazy DFA can search (it gives up on Unicode `\b` at the first non-ASCII byte).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};

use regex_automata::hybrid;
use regex_automata::meta;
use regex_automata::nfa::thompson::backtrack::{self, BoundedBacktracker};
use regex_automata::nfa::thompson::pikevm::PikeVM;
use regex_automata::nfa::thompson::{Builder, Transition, NFA};
use regex_automata::util::captures::Captures;
use regex_automata::util::look::Look;
use regex_automata::util::pool::Pool;
use regex_automata::util::primitives::StateID;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchError, MatchKind};

#[cfg(test)]
mod narrow;

/// What `build.rs` wrote: `CDREGEX` and a version byte, a count (u32), then per regex its
/// pattern, its NFA and its narrow form's forward and reverse NFAs (empty for none), each
/// a u32 length and its bytes.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin_regexes.nfa"));

const MAGIC: &[u8] = b"CDREGEX\x02";

/// A regex with groups, from its precompiled NFA (or compiled, if there is none).
///
/// The NFA engines cost nothing to start but search slowly; a run that searches much text
/// (a corpus, a long article) compiles the regex crate's full engine once it has searched
/// [`COMPILE_AFTER_BYTES`], and searches with that from then on: same matches and groups.
/// Text the narrow form serves goes to that instead, from the first search.
#[derive(Clone, Debug)]
pub(crate) struct PrebuiltRegex {
    /// The pattern, for the stored NFA and the full engine.
    pattern: Arc<str>,
    /// The NFA engines, built on first use (text the narrow form serves needs none).
    nfa: Arc<OnceLock<NfaEngines>>,
    /// The full engine (lazy DFA in front of the NFA engines), once built.
    full: Arc<OnceLock<Option<meta::Regex>>>,
    /// Bytes searched with the NFA engines so far.
    searched: Arc<AtomicUsize>,
    /// The narrow form, when `build.rs` stored one.
    narrow: Option<Arc<Narrow>>,
}

#[derive(Clone, Debug)]
struct NfaEngines {
    backtracker: BoundedBacktracker,
    pikevm: PikeVM,
}

/// Bytes a [`PrebuiltRegex`] searches with its NFA engines before it compiles the full
/// engine: about what compiling costs in slower searching.
const COMPILE_AFTER_BYTES: usize = 16 * 1024;

impl PrebuiltRegex {
    /// The regex of `pattern`, a built-in pattern: its NFA from `build.rs` when stored for
    /// exactly this pattern, else compiled on first use.
    ///
    /// # Panics
    /// On first use, if `pattern` does not compile: built-in patterns are tested to.
    pub(crate) fn builtin(pattern: &str) -> PrebuiltRegex {
        let narrow = stored()
            .iter()
            .find(|entry| entry.pattern == pattern)
            .and_then(Narrow::read);
        PrebuiltRegex {
            pattern: pattern.into(),
            nfa: Arc::default(),
            full: Arc::default(),
            searched: Arc::default(),
            narrow: narrow.map(Arc::new),
        }
    }

    fn nfa_engines(&self) -> &NfaEngines {
        self.nfa.get_or_init(|| {
            let nfa = stored()
                .iter()
                .find(|entry| *entry.pattern == *self.pattern)
                .and_then(|entry| read_nfa(entry.nfa))
                .unwrap_or_else(|| {
                    NFA::compiler()
                        .syntax(syntax::Config::new().utf8(true))
                        .build(&self.pattern)
                        .expect("built-in patterns compile")
                });
            NfaEngines {
                backtracker: BoundedBacktracker::new_from_nfa(nfa.clone())
                    .expect("a compiled NFA makes a backtracker"),
                pikevm: PikeVM::new_from_nfa(nfa).expect("a compiled NFA makes a Pike VM"),
            }
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

    /// The narrow form, when there is one and it serves `text`.
    fn narrow_for(&self, text: &str) -> Option<&Narrow> {
        self.narrow.as_deref().filter(|_| narrow_serves(text))
    }

    /// Every leftmost-first match in `text` with its groups, as `regex::Regex::captures_iter`.
    pub(crate) fn captures_iter<'h>(&self, text: &'h str) -> Vec<Groups<'h>> {
        self.narrow_for(text)
            .and_then(|narrow| narrow.captures_iter(text))
            .unwrap_or_else(|| self.unicode_captures_iter(text))
    }

    /// [`Self::captures_iter`] without the narrow form.
    fn unicode_captures_iter<'h>(&self, text: &'h str) -> Vec<Groups<'h>> {
        let groups = |caps: Captures| Groups { text, caps };
        if let Some(full) = self.full_for(text) {
            return full.captures_iter(text).map(groups).collect();
        }
        let NfaEngines {
            backtracker,
            pikevm,
        } = self.nfa_engines();
        if text.len() <= backtracker.max_haystack_len() {
            let mut cache = backtracker.create_cache();
            let found: Option<Vec<Groups<'h>>> = backtracker
                .try_captures_iter(&mut cache, text)
                .map(|caps| caps.ok().map(groups))
                .collect();
            if let Some(found) = found {
                return found;
            }
        }
        let mut cache = pikevm.create_cache();
        pikevm.captures_iter(&mut cache, text).map(groups).collect()
    }

    /// The leftmost-first match in `text` with its groups, as `regex::Regex::captures`.
    pub(crate) fn captures<'h>(&self, text: &'h str) -> Option<Groups<'h>> {
        if let Some(narrow) = self.narrow_for(text) {
            let found = narrow.next_match(&mut narrow.caches.get(), text, 0);
            if let Ok(caps) = found {
                return caps.map(|caps| Groups { text, caps });
            }
        }
        if let Some(full) = self.full_for(text) {
            let mut caps = full.create_captures();
            full.captures(text, &mut caps);
            return caps.is_match().then_some(Groups { text, caps });
        }
        let NfaEngines {
            backtracker,
            pikevm,
        } = self.nfa_engines();
        let mut caps = pikevm.create_captures();
        let searched = text.len() <= backtracker.max_haystack_len()
            && backtracker
                .try_captures(&mut backtracker.create_cache(), text, &mut caps)
                .is_ok();
        if !searched {
            pikevm.captures(&mut pikevm.create_cache(), text, &mut caps);
        }
        caps.is_match().then_some(Groups { text, caps })
    }
}

/// Whether a narrow form serves `text`: every non-ASCII character in it is outside `\w`
/// (see `narrow.rs`; the build cut its classes down with the same table).
pub(crate) fn narrow_serves(text: &str) -> bool {
    text.is_ascii()
        || text
            .chars()
            .all(|c| c.is_ascii() || matches!(regex_syntax::try_is_word_character(c), Ok(false)))
}

/// A regex's narrow form: lazy DFAs find where each match is, as the full engine's do,
/// then the backtracker finds its groups within it.
#[derive(Debug)]
struct Narrow {
    spans: Arc<hybrid::regex::Regex>,
    groups: BoundedBacktracker,
    caches: Pool<NarrowCache, Box<dyn Fn() -> NarrowCache + Send + Sync>>,
}

#[derive(Debug)]
struct NarrowCache {
    spans: hybrid::regex::Cache,
    groups: backtrack::Cache,
}

impl Narrow {
    /// The narrow form stored with a regex, if any.
    fn read(entry: &Stored) -> Option<Narrow> {
        let forward = read_nfa(entry.narrow_forward?)?;
        let reverse = read_nfa_as(entry.narrow_reverse?, true)?;
        // An empty match would need the regex crate's rules for where the next search
        // starts; none of these regexes has one.
        if forward.has_empty() {
            return None;
        }
        // As `hybrid::regex::Builder` makes them (a reverse search finds the start), and,
        // as the full engine does, giving up on text that keeps the cache churning (then
        // the NFA engines answer).
        let config = || {
            hybrid::dfa::DFA::config()
                .minimum_cache_clear_count(Some(3))
                .minimum_bytes_per_state(Some(10))
        };
        let forward_dfa = hybrid::dfa::DFA::builder()
            .configure(config())
            .build_from_nfa(forward.clone())
            .ok()?;
        let reverse_dfa = hybrid::dfa::DFA::builder()
            .configure(
                config()
                    .prefilter(None)
                    .specialize_start_states(false)
                    .match_kind(MatchKind::All),
            )
            .build_from_nfa(reverse)
            .ok()?;
        let spans =
            Arc::new(hybrid::regex::Regex::builder().build_from_dfas(forward_dfa, reverse_dfa));
        let groups = BoundedBacktracker::new_from_nfa(forward).ok()?;
        let (for_spans, for_groups) = (spans.clone(), groups.clone());
        let caches = Pool::new(Box::new(move || NarrowCache {
            spans: for_spans.create_cache(),
            groups: for_groups.create_cache(),
        }) as Box<dyn Fn() -> NarrowCache + Send + Sync>);
        Some(Narrow {
            spans,
            groups,
            caches,
        })
    }

    /// Every match with its groups; `None` if an engine gave up (then the other engines
    /// answer).
    fn captures_iter<'h>(&self, text: &'h str) -> Option<Vec<Groups<'h>>> {
        let mut cache = self.caches.get();
        let mut found = Vec::new();
        let mut start = 0;
        while let Some(caps) = self.next_match(&mut cache, text, start).ok()? {
            start = caps.get_match()?.end();
            found.push(Groups { text, caps });
        }
        Some(found)
    }

    /// The leftmost-first match at or after `start`, with its groups.
    fn next_match(
        &self,
        cache: &mut NarrowCache,
        text: &str,
        start: usize,
    ) -> Result<Option<Captures>, MatchError> {
        let input = Input::new(text).span(start..text.len());
        let Some(found) = self.spans.try_search(&mut cache.spans, &input)? else {
            return Ok(None);
        };
        if found.is_empty() {
            return Err(MatchError::gave_up(found.start()));
        }
        // The preferred match starting where this one does ends where it does, so the
        // search anchored there, within it, finds it (as the full engine does).
        let within = Input::new(text).span(found.range()).anchored(Anchored::Yes);
        let mut caps = self.groups.create_captures();
        self.groups
            .try_captures(&mut cache.groups, within, &mut caps)?;
        match caps.get_match() {
            Some(m) if m.range() == found.range() => Ok(Some(caps)),
            _ => Err(MatchError::gave_up(found.start())),
        }
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

/// One regex `build.rs` stored.
struct Stored {
    pattern: &'static str,
    nfa: &'static [u8],
    narrow_forward: Option<&'static [u8]>,
    narrow_reverse: Option<&'static [u8]>,
}

/// The stored regexes (none if the blob is unreadable).
fn stored() -> &'static [Stored] {
    static TABLE: LazyLock<Vec<Stored>> = LazyLock::new(|| read_blob(BLOB).unwrap_or_default());
    &TABLE
}

fn read_blob(blob: &'static [u8]) -> Option<Vec<Stored>> {
    let mut rest = blob.strip_prefix(MAGIC)?;
    let count = read_u32(&mut rest)?;
    let optional = |bytes: &'static [u8]| (!bytes.is_empty()).then_some(bytes);
    (0..count)
        .map(|_| {
            Some(Stored {
                pattern: std::str::from_utf8(read_bytes(&mut rest)?).ok()?,
                nfa: read_bytes(&mut rest)?,
                narrow_forward: optional(read_bytes(&mut rest)?),
                narrow_reverse: optional(read_bytes(&mut rest)?),
            })
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
    read_nfa_as(bytes, false)
}

/// [`read_nfa`], for a forward or a reverse NFA.
fn read_nfa_as(bytes: &[u8], reverse: bool) -> Option<NFA> {
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
    builder.set_reverse(reverse);
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
    let entry = stored()
        .iter()
        .find(|entry| entry.pattern == pattern)
        .expect("build.rs stored this pattern");
    let stored = read_nfa(entry.nfa).expect("the stored NFA reads");
    let compiled = NFA::compiler()
        .syntax(syntax::Config::new().utf8(true))
        .build(pattern)
        .expect("compiles");
    assert_eq!(format!("{stored:?}"), format!("{compiled:?}"));
    if let (Some(forward), Some(reverse)) = (entry.narrow_forward, entry.narrow_reverse) {
        let (compiled_forward, compiled_reverse) = compile_narrow(pattern);
        let forward = read_nfa(forward).expect("the narrow NFA reads");
        let reverse = read_nfa_as(reverse, true).expect("the narrow reverse NFA reads");
        assert_eq!(format!("{forward:?}"), format!("{compiled_forward:?}"));
        assert_eq!(format!("{reverse:?}"), format!("{compiled_reverse:?}"));
        assert!(reverse.is_reverse() && !forward.is_reverse());
        assert_eq!(forward.group_info().all_names().collect::<Vec<_>>(), {
            compiled.group_info().all_names().collect::<Vec<_>>()
        });
    }
    let prebuilt = PrebuiltRegex::builtin(pattern);
    let reference = regex::Regex::new(pattern).expect("compiles");
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

/// The group spans of one match.
#[cfg(test)]
fn spans(groups: &Groups) -> Vec<Option<(usize, usize)>> {
    (0..groups.caps.group_len())
        .map(|i| groups.get(i).map(|p| (p.start(), p.end())))
        .collect()
}

/// The narrow form's NFAs as `build.rs` compiles them (forward, reverse).
#[cfg(test)]
fn compile_narrow(pattern: &str) -> (NFA, NFA) {
    use regex_automata::nfa::thompson::{Compiler, Config, WhichCaptures};
    let hir = syntax::parse_with(pattern, &syntax::Config::new().utf8(true)).expect("parses");
    let hir = narrow::narrow(&hir, &narrow::served_chars().expect("Unicode tables"));
    let forward = Compiler::new().build_from_hir(&hir).expect("compiles");
    let reverse = Compiler::new()
        .configure(
            Config::new()
                .reverse(true)
                .which_captures(WhichCaptures::None),
        )
        .build_from_hir(&hir)
        .expect("compiles");
    (forward, reverse)
}

#[cfg(test)]
impl PrebuiltRegex {
    /// Whether `build.rs` stored a narrow form that reads.
    pub(crate) fn has_narrow(&self) -> bool {
        self.narrow.is_some()
    }

    /// The group spans of every match: by the narrow form (whether or not it serves `text`;
    /// `None` if it gave up), and by the other engines.
    #[allow(clippy::type_complexity)]
    pub(crate) fn narrow_and_unicode_spans(
        &self,
        text: &str,
    ) -> (
        Option<Vec<Vec<Option<(usize, usize)>>>>,
        Vec<Vec<Option<(usize, usize)>>>,
    ) {
        let narrow = self
            .narrow
            .as_ref()
            .and_then(|narrow| narrow.captures_iter(text))
            .map(|found| found.iter().map(spans).collect());
        let unicode = self.unicode_captures_iter(text).iter().map(spans).collect();
        (narrow, unicode)
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

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::util::look::LookMatcher;

    #[test]
    fn text_the_narrow_form_serves_is_what_its_classes_and_boundaries_assume() {
        // Three tables of `\w` meet here: the one `narrow_serves` asks, the one the build
        // cut the classes down with, and the one the engines' `\b` reads. They must agree
        // on every character outside ASCII.
        let served = narrow::served_chars().expect("Unicode tables");
        let ranges: Vec<_> = served.iter().collect();
        let in_served = |c: char| {
            let at = ranges.partition_point(|r| r.end() < c);
            ranges.get(at).is_some_and(|r| r.start() <= c)
        };
        let matcher = LookMatcher::new();
        let mut buf = [0u8; 4];
        let mut outside_word = 0;
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let serves = narrow_serves(c.encode_utf8(&mut buf));
            let text = format!("a{c}");
            let boundary_after_a = matcher.matches(Look::WordUnicode, text.as_bytes(), 1);
            assert_eq!(serves, boundary_after_a, "{c:?}");
            assert_eq!(serves, in_served(c), "{c:?}");
            outside_word += usize::from(serves);
        }
        assert!(outside_word > 100_000, "{outside_word}");
    }
}
