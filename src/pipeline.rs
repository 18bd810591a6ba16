//! The one-call facade over all stages.
//!
//! ```no_run
//! use claimdiff::pipeline::{compare, CompareOptions};
//!
//! let paths = vec!["seeds/".into()];
//! let comparison = compare(&paths, &CompareOptions::default())?;
//! for group in &comparison.alignment.groups {
//!     println!("claim {} told by {} outlets", group.id, group.members.len());
//! }
//! # Ok::<(), claimdiff::Error>(())
//! ```

use std::collections::HashSet;
use std::path::PathBuf;

use crate::align::{self, AlignOptions};
use crate::diff::{self, DiffOptions};
use crate::error::{Error, Result};
use crate::ingest::boilerplate::{self, Rules};
use crate::ingest::{self, IngestOptions};
use crate::model::{Alignment, Document, GroupDiff, OutletFrom, OutletProfile, Source};
use crate::segment;

/// Options for reading and preparing sources.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// How inputs are read.
    pub ingest: IngestOptions,
    /// Cleaning rules.
    pub rules: Rules,
    /// Turn all cleaning off (segmentation only).
    pub raw: bool,
}

/// Makes the calling thread one of the threads of rayon's global pool (its size is
/// rayon's default), so that it works on a comparison's parallel steps instead of waiting
/// while the pool's threads do, and the pool starts one thread fewer. For a process that
/// compares once, before anything uses the pool; `false` if the pool was already built
/// (nothing changes then). Results never depend on it.
pub fn join_global_pool() -> bool {
    crate::parallel::join_global_pool()
}

/// Starts building, on rayon's global pool, the built-in tables a comparison uses (the
/// cleaning rules unless `rules` is false, the abbreviations, the scoring tables, the
/// number automata), and returns at once: a process that compares once calls it first, and
/// a pool thread builds them while it parses its options and reads its inputs, instead
/// of each stage building them on its way. Results never depend on it.
///
/// The pool thread builds them in the order they are needed; a thread with nothing else
/// to do yet calls [`build_builtins_here`] to take the last ones.
pub fn build_builtins_in_background(rules: bool) {
    rayon::spawn(move || {
        for step in builtin_steps(rules) {
            step.build_unless_claimed();
        }
    });
}

/// Builds on this thread those of the tables [`build_builtins_in_background`] builds that
/// no other thread has started, the last needed first, so that the two threads meet in
/// the middle. For a thread that would otherwise wait for the first ones (the cleaning
/// rules, say). Results never depend on it.
pub fn build_builtins_here(rules: bool) {
    for step in builtin_steps(rules).iter().rev() {
        step.build_unless_claimed();
    }
}

/// One built-in table and whether a thread has started building it.
struct BuiltinStep {
    claimed: &'static std::sync::atomic::AtomicBool,
    build: fn(),
}

impl BuiltinStep {
    /// Builds the table unless another thread started it (which finishes it: its users
    /// wait for it there).
    fn build_unless_claimed(&self) {
        if first_to_claim(self.claimed) {
            (self.build)();
        }
    }
}

/// Whether the calling thread is the first to claim a piece of start-up work that any of
/// the threads may do (it then does it; the others go on to other work).
fn first_to_claim(claimed: &std::sync::atomic::AtomicBool) -> bool {
    !claimed.swap(true, std::sync::atomic::Ordering::Relaxed)
}

/// The built-in tables in the order a comparison first needs them.
fn builtin_steps(rules: bool) -> Vec<BuiltinStep> {
    use std::sync::atomic::AtomicBool;
    static RULES: AtomicBool = AtomicBool::new(false);
    static SEGMENT: AtomicBool = AtomicBool::new(false);
    static SIMILARITY: AtomicBool = AtomicBool::new(false);
    static NUMBERS: AtomicBool = AtomicBool::new(false);
    let mut steps = Vec::with_capacity(4);
    if rules {
        steps.push(BuiltinStep {
            claimed: &RULES,
            build: crate::ingest::rules::build_builtin,
        });
    }
    steps.extend([
        BuiltinStep {
            claimed: &SEGMENT,
            build: crate::segment::build_tables,
        },
        BuiltinStep {
            claimed: &SIMILARITY,
            build: crate::similarity::build_tables,
        },
        BuiltinStep {
            claimed: &NUMBERS,
            build: crate::diff::numbers::build_tables,
        },
    ]);
    steps
}

/// Reads, cleans and segments every input.
pub fn load_sources(paths: &[PathBuf], options: &LoadOptions) -> Result<Vec<Source>> {
    let docs = ingest::read_inputs(paths, &options.ingest)?;
    Ok(prepare_all(docs, options))
}

/// Cleans and segments documents already read (by [`ingest::read_inputs`] or a
/// [`BackgroundRead`]), in parallel, in order.
pub fn prepare_all(docs: Vec<Document>, options: &LoadOptions) -> Vec<Source> {
    crate::parallel::map(docs, |doc| prepare(doc, &options.rules, options.raw))
}

/// The inputs of a comparison, read on the rayon pool while the caller builds its
/// options: a pool thread that has nothing else to do yet reads them, and
/// [`BackgroundRead::finish`] reads them itself if none has started. The documents and
/// errors are those of [`ingest::read_inputs`] either way.
#[must_use = "finish() gives the documents"]
pub struct BackgroundRead {
    shared: std::sync::Arc<Reading>,
}

struct Reading {
    paths: Vec<PathBuf>,
    options: IngestOptions,
    claimed: std::sync::atomic::AtomicBool,
    /// The documents once read, until [`BackgroundRead::finish`] takes them.
    read: std::sync::Mutex<Option<Result<Vec<Document>>>>,
    done: std::sync::Condvar,
}

impl Reading {
    /// Reads the inputs unless another thread started.
    fn read_unless_claimed(&self) {
        if !first_to_claim(&self.claimed) {
            return;
        }
        let docs = ingest::read_inputs(&self.paths, &self.options);
        *self.slot() = Some(docs);
        self.done.notify_all();
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Result<Vec<Document>>>> {
        self.read
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl BackgroundRead {
    /// Starts reading `paths` on the pool and returns at once. Call it before
    /// [`build_builtins_in_background`]: the pool takes the older job first, and reading
    /// is needed first.
    pub fn start(paths: &[PathBuf], options: &IngestOptions) -> BackgroundRead {
        let shared = std::sync::Arc::new(Reading {
            paths: paths.to_vec(),
            options: options.clone(),
            claimed: std::sync::atomic::AtomicBool::new(false),
            read: std::sync::Mutex::new(None),
            done: std::sync::Condvar::new(),
        });
        let on_pool = std::sync::Arc::clone(&shared);
        rayon::spawn(move || on_pool.read_unless_claimed());
        BackgroundRead { shared }
    }

    /// The documents read, or the first error; waits for a pool thread that is reading
    /// them, or reads them here if none started.
    pub fn finish(self) -> Result<Vec<Document>> {
        self.shared.read_unless_claimed();
        let mut slot = self.shared.slot();
        loop {
            // Only `finish`, which consumes `self`, takes the documents.
            if let Some(read) = slot.take() {
                return read;
            }
            slot = self
                .shared
                .done
                .wait(slot)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }
}

/// Cleans and segments one document.
pub fn prepare(doc: Document, rules: &Rules, raw: bool) -> Source {
    let cleaned = if raw {
        crate::model::Cleaned {
            kept: vec![doc.body.clone()],
            ..Default::default()
        }
    } else {
        boilerplate::clean(&doc, rules)
    };
    let sentences = segment::segment(&doc.text, &cleaned.kept);
    let meta = doc.meta;
    // A file name is the weakest evidence of the outlet: a cue in the text beats it.
    let (outlet, outlet_from) = match (meta.outlet, meta.outlet_from, cleaned.outlet_cue) {
        (Some(_), Some(OutletFrom::Filename), Some(cue)) => (Some(cue), OutletFrom::Cue),
        (Some(o), from, _) => (Some(o), from.unwrap_or(OutletFrom::Header)),
        (None, _, Some(cue)) => (Some(cue), OutletFrom::Cue),
        (None, _, None) => (None, OutletFrom::Unknown),
    };
    Source {
        id: doc.id,
        path: doc.path,
        outlet,
        outlet_from,
        date: meta.date.or(cleaned.date),
        title: meta.title.or(cleaned.title),
        url: meta.url,
        lang: meta.lang,
        encoding: doc.encoding,
        dateline: cleaned.dateline,
        extra: meta.extra,
        removed: cleaned.removed,
        sentences,
        text: doc.text,
    }
}

/// Options for a whole comparison: reading, alignment and diff.
#[derive(Clone, Debug, Default)]
pub struct CompareOptions {
    /// How sources are read and prepared.
    pub load: LoadOptions,
    /// How sentences are aligned into claim groups.
    pub align: AlignOptions,
    /// How group members are diffed and tagged.
    pub diff: DiffOptions,
}

/// Everything a comparison found: the sources, the claim groups, their diffs and tags, and
/// one profile per outlet. Every renderer works from this.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The sources compared, in input order (duplicates dropped).
    pub sources: Vec<Source>,
    /// Claim groups, unmatched sentences and the title row.
    pub alignment: Alignment,
    /// One diff per claim group, in the order of `alignment.groups`.
    pub diffs: Vec<GroupDiff>,
    /// One profile per source.
    pub profiles: Vec<OutletProfile>,
    /// Things the user should know (a file given twice, a budget hit).
    pub warnings: Vec<String>,
}

impl Comparison {
    /// The diff of a claim group, if it has one.
    pub fn diff_of(&self, group: &crate::model::ClaimGroup) -> Option<&GroupDiff> {
        self.diffs.iter().find(|d| d.group == group.id)
    }
}

/// Reads the inputs and compares them.
pub fn compare(paths: &[PathBuf], options: &CompareOptions) -> Result<Comparison> {
    let sources = load_sources(paths, &options.load)?;
    compare_sources(sources, options)
}

/// Compares sources already loaded (for example by [`load_sources`]).
///
/// A file given twice, or two inputs with the same text, is compared once, with a warning.
/// Fewer than two distinct sources is [`Error::NothingToCompare`].
pub fn compare_sources(sources: Vec<Source>, options: &CompareOptions) -> Result<Comparison> {
    let (sources, mut warnings) = drop_duplicates(sources);
    if sources.len() < 2 {
        let detail = match sources.first() {
            Some(only) => format!(
                "only one article ({}); give two or more articles about the same event",
                only.path
            ),
            None => "no articles; give two or more articles about the same event".into(),
        };
        return Err(Error::NothingToCompare { detail });
    }
    options.diff.check_base(&sources)?;
    let alignment = align::align(&sources, &options.align);
    let (diffs, profiles) = diff::diff_and_profile(&sources, &alignment, &options.diff);
    warnings.extend(alignment.notes.iter().cloned());
    if diff::reuse_search_is_capped(&sources) {
        warnings.push(format!(
            "the search for sentences copied between outlets outside claim groups stopped \
             after {} sentence pairs: later copies may not be flagged",
            diff::REUSE_MAX_PAIRS
        ));
    }
    warnings.extend(
        diffs
            .iter()
            .flat_map(|d| d.members.iter())
            .filter_map(|m| m.fallback.clone()),
    );
    Ok(Comparison {
        sources,
        alignment,
        diffs,
        profiles,
        warnings,
    })
}

/// Drops a source whose file was already given (same canonical path) or whose text equals
/// an earlier source's; ids stay those of the kept sources' first reading.
fn drop_duplicates(sources: Vec<Source>) -> (Vec<Source>, Vec<String>) {
    let mut kept: Vec<Source> = Vec::with_capacity(sources.len());
    let mut warnings = Vec::new();
    let mut seen_paths = HashSet::new();
    for source in sources {
        let canonical = std::fs::canonicalize(&source.path).ok();
        if let Some(path) = &canonical {
            if !seen_paths.insert(path.clone()) {
                warnings.push(format!(
                    "{}: given more than once; compared once",
                    source.path
                ));
                continue;
            }
        }
        if let Some(first) = kept.iter().find(|k| k.text == source.text) {
            warnings.push(format!(
                "{}: same text as {}; compared once",
                source.path, first.path
            ));
            continue;
        }
        kept.push(source);
    }
    (kept, warnings)
}
