//! A corpus run: read every article once into a small key, group the keys into events,
//! then load, compare and hand on each event's articles in event order, in parallel.

use rayon::prelude::*;

use super::events::{self, day_to_date, ArticleKey, Event, GroupingOptions};
use super::reader::{Inputs, Location, RawArticle};
use super::summary::CorpusSummary;
use crate::error::{Error, Result};
use crate::model::Source;
use crate::pipeline::{self, compare_sources, CompareOptions, Comparison};

/// Articles parsed per batch in the first pass.
const READ_BATCH: usize = 2048;

/// Options of a corpus run.
#[derive(Clone, Debug)]
pub struct CorpusOptions {
    /// How each event's articles are read and compared: the same options for every event.
    pub compare: CompareOptions,
    /// How articles are grouped into events.
    pub grouping: GroupingOptions,
    /// Events with articles from fewer distinct outlets are not compared.
    pub min_outlets: usize,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// The part of the events this run compares.
    pub shard: Shard,
    /// How many bytes of articles the first pass keeps, cleaned and split, for the second
    /// to compare without reading and cleaning them again; articles beyond it are read
    /// again. Memory is bounded by it, not by the size of the corpus.
    pub keep_prepared_bytes: usize,
}

/// [`CorpusOptions::keep_prepared_bytes`] by default: a 100,000-article corpus of news
/// stories fits (about 8 KiB each), a laptop's memory too.
pub const KEEP_PREPARED_BYTES: usize = 1 << 30;

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            compare: CompareOptions::default(),
            grouping: GroupingOptions::default(),
            min_outlets: 2,
            jobs: 0,
            shard: Shard::WHOLE,
            keep_prepared_bytes: KEEP_PREPARED_BYTES,
        }
    }
}

/// Shard `index` (from 1) of `count`: a contiguous run of the events, so that the outputs
/// of shards 1 to `count`, concatenated in order, are the output of the whole run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub index: usize,
    /// How many shards.
    pub count: usize,
}

impl Shard {
    /// The whole corpus as one shard.
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// Parses `I/N` (`2/8`), with 1 ≤ I ≤ N.
    pub fn parse(text: &str) -> Result<Shard> {
        let invalid = |detail: String| Error::InvalidOption {
            option: "--shard".into(),
            detail,
        };
        let (i, n) = text
            .split_once('/')
            .ok_or_else(|| invalid(format!("{text:?} is not of the form I/N, such as 2/8")))?;
        let index: usize = i
            .trim()
            .parse()
            .map_err(|_| invalid(format!("{i:?} is not a shard number")))?;
        let count: usize = n
            .trim()
            .parse()
            .map_err(|_| invalid(format!("{n:?} is not a number of shards")))?;
        if count == 0 || index == 0 || index > count {
            return Err(invalid(format!(
                "{text}: shards are numbered from 1 to N, and N is at least 1"
            )));
        }
        Ok(Shard { index, count })
    }

    /// This shard's events, of `total`.
    pub fn range(self, total: usize) -> std::ops::Range<usize> {
        let count = self.count.max(1);
        let index = self.index.clamp(1, count);
        (total * (index - 1) / count)..(total * index / count)
    }
}

/// Told how a run advances; the binary draws a progress bar from it. Every method may be
/// called from several threads.
pub trait Progress: Sync {
    /// `articles` more articles were read in the first pass.
    fn articles_read(&self, _articles: u64) {}
    /// Grouping formed `events` events, of which `to_compare` are this shard's.
    fn events_formed(&self, _events: u64, _to_compare: u64) {}
    /// `events` more events were done (compared or skipped).
    fn events_done(&self, _events: u64) {}
}

/// A [`Progress`] that ignores everything.
pub struct NoProgress;

impl Progress for NoProgress {}

/// The corpus read and grouped: enough to load any event's articles.
#[derive(Debug)]
pub struct Grouping {
    /// The input files.
    pub inputs: Inputs,
    /// One key per article, in input order.
    pub keys: Vec<ArticleKey>,
    /// Outlet names, indexed by [`ArticleKey::outlet`].
    pub outlets: Vec<String>,
    /// The events, in order.
    pub events: Vec<Event>,
    /// Articles the first pass kept prepared (by index into `keys`), within
    /// [`CorpusOptions::keep_prepared_bytes`]; comparing an event takes its articles out.
    prepared: std::sync::Mutex<Vec<Option<Source>>>,
}

/// An event as its output line describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventInfo {
    /// Its number among all events of the corpus, from 1 (the same in every shard).
    pub id: usize,
    /// Its first article's date.
    pub first_date: Option<String>,
    /// Its last article's date.
    pub last_date: Option<String>,
    /// Its distinct outlets, in name order.
    pub outlets: Vec<String>,
}

/// Reads every article once and groups the corpus into events.
pub fn group_corpus(
    paths: &[std::path::PathBuf],
    options: &CorpusOptions,
    progress: &dyn Progress,
) -> Result<Grouping> {
    with_pool(options.jobs, || group_in_pool(paths, options, progress))
}

fn group_in_pool(
    paths: &[std::path::PathBuf],
    options: &CorpusOptions,
    progress: &dyn Progress,
) -> Result<Grouping> {
    let load = &options.compare.load;
    let inputs = Inputs::discover(paths, &load.ingest)?;
    let mut keys: Vec<ArticleKey> = Vec::new();
    let mut outlets: Vec<String> = Vec::new();
    let mut outlet_ids: rustc_hash::FxHashMap<String, u32> = Default::default();
    let mut prepared: Vec<Option<Source>> = Vec::new();
    let mut kept_bytes = 0usize;
    let mut take_batch = |batch: Vec<RawArticle>| -> Result<()> {
        let read: Vec<Result<(ArticleKey, Source)>> = batch
            .par_iter()
            .map(|raw| {
                let source = prepare(&inputs, raw, options)?;
                let key = ArticleKey {
                    location: raw.location,
                    day: source.date.as_deref().and_then(events::day_number),
                    outlet: 0,
                    signature: events::signature(source.sentences.iter().map(|s| s.text.as_str())),
                };
                Ok((key, source))
            })
            .collect();
        for (raw, item) in batch.iter().zip(read) {
            let (mut key, source) = item?;
            let outlet = source.display_name();
            key.outlet = match outlet_ids.get(outlet) {
                Some(&id) => id,
                None => {
                    let id = outlets.len() as u32;
                    outlets.push(outlet.to_string());
                    outlet_ids.insert(outlet.to_string(), id);
                    id
                }
            };
            let size = heap_size(&source);
            if kept_bytes.saturating_add(size) <= options.keep_prepared_bytes {
                kept_bytes += size;
                prepared.push(Some(source));
            } else {
                // Read again in pass 2: a gzip input's line is copied out for that now.
                key.location = inputs.spool(raw)?;
                prepared.push(None);
            }
            keys.push(key);
        }
        progress.articles_read(batch.len() as u64);
        Ok(())
    };
    // One thread reads the inputs (decompressing, splitting lines) while the workers
    // prepare the batch before: reading alone left the workers idle a quarter of pass 1.
    let (to_workers, batches) = std::sync::mpsc::sync_channel::<Vec<RawArticle>>(1);
    std::thread::scope(|scope| -> Result<()> {
        let inputs = &inputs;
        let reader = scope.spawn(move || {
            inputs.stream(READ_BATCH, |_, batch| {
                // Closed when the workers stopped on an error: theirs is the one reported.
                to_workers.send(batch).map_err(|_| Error::Io {
                    path: Default::default(),
                    source: std::io::Error::other("reading stopped"),
                })
            })
        });
        let mut taken = Ok(());
        for batch in &batches {
            taken = take_batch(batch);
            if taken.is_err() {
                break;
            }
        }
        drop(batches);
        let streamed = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // An error in a batch comes first: the reader was past it.
        taken.and(streamed)
    })?;
    let events = events::group(&keys, &options.grouping);
    Ok(Grouping {
        inputs,
        keys,
        outlets,
        events,
        prepared: std::sync::Mutex::new(prepared),
    })
}

/// Roughly the heap memory a prepared article holds (its text, sentences and removals).
fn heap_size(source: &Source) -> usize {
    let sentences: usize = source
        .sentences
        .iter()
        .map(|s| std::mem::size_of_val(s) + s.text.len())
        .sum();
    let removed: usize = source
        .removed
        .iter()
        .map(|r| std::mem::size_of_val(r) + r.text.len() + r.reason.len())
        .sum();
    std::mem::size_of::<Source>() + source.text.len() + source.path.len() + sentences + removed
}

/// Runs a corpus: groups it, then compares this shard's events, each with the same
/// options, in parallel. `render` turns an event's comparison into its output (it runs on
/// worker threads); `sink` receives the outputs in event order, each as soon as the events
/// before it are done, so memory holds only the events in flight. Returns the summary of
/// this shard's events.
pub fn run<T: Send>(
    paths: &[std::path::PathBuf],
    options: &CorpusOptions,
    progress: &dyn Progress,
    render: impl Fn(&EventInfo, &Comparison) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<()> + Send,
) -> Result<CorpusSummary> {
    with_pool(options.jobs, || {
        let grouping = group_in_pool(paths, options, progress)?;
        compare_events(&grouping, options, progress, &render, &mut sink)
    })
}

/// The results of a chunk of events, in order: each event's output (none when skipped)
/// and its part of the summary.
type Done<T> = Vec<Result<(Option<T>, CorpusSummary)>>;

/// Compares this shard's events of a grouped corpus (see [`run`]).
///
/// Events go to the workers in chunks; while the workers compare one chunk, a writer
/// thread hands the previous chunk's outputs to `sink` in event order, so writing (and
/// compressing) the output overlaps comparing instead of leaving the workers idle.
pub fn compare_events<T: Send>(
    grouping: &Grouping,
    options: &CorpusOptions,
    progress: &dyn Progress,
    render: &(impl Fn(&EventInfo, &Comparison) -> T + Sync),
    sink: &mut (impl FnMut(T) -> Result<()> + Send),
) -> Result<CorpusSummary> {
    let range = options.shard.range(grouping.events.len());
    progress.events_formed(grouping.events.len() as u64, range.len() as u64);
    // Many events per chunk, so that one long event leaves little of a chunk waiting on it.
    let chunk_len = (rayon::current_num_threads() * 16).max(32);
    let ids: Vec<usize> = range.collect();
    // One chunk waits while the writer works on another: memory holds at most three.
    let (to_writer, chunks) = std::sync::mpsc::sync_channel::<Done<T>>(1);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<CorpusSummary> {
            let mut summary = CorpusSummary::new();
            for done in chunks {
                for item in done {
                    let (output, part) = item?;
                    summary.merge(&part);
                    if let Some(output) = output {
                        sink(output)?;
                    }
                    progress.events_done(1);
                }
            }
            Ok(summary)
        });
        let mut compared = Ok(());
        for chunk in ids.chunks(chunk_len) {
            let done = match compare_chunk(grouping, options, chunk, render) {
                Ok(done) => done,
                Err(e) => {
                    compared = Err(e);
                    break;
                }
            };
            // A closed channel means the writer stopped on an error, which it returns.
            if to_writer.send(done).is_err() {
                break;
            }
        }
        drop(to_writer);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // The writer's error comes first: it is about an earlier event.
        let summary = written?;
        compared.map(|()| summary)
    })
}

/// Reads the articles of a chunk of events and compares the events in parallel; the
/// results are in the chunk's order.
fn compare_chunk<T: Send>(
    grouping: &Grouping,
    options: &CorpusOptions,
    chunk: &[usize],
    render: &(impl Fn(&EventInfo, &Comparison) -> T + Sync),
) -> Result<Done<T>> {
    // The articles the first pass kept, taken out (each event is compared once); the
    // others are read again.
    let kept: Vec<(u32, Option<Source>)> = {
        let mut prepared = grouping
            .prepared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        chunk
            .iter()
            .flat_map(|&e| grouping.events[e].articles.iter())
            .map(|&a| (a, prepared.get_mut(a as usize).and_then(Option::take)))
            .collect()
    };
    let locations: Vec<Location> = kept
        .iter()
        .filter(|(_, source)| source.is_none())
        .map(|&(a, _)| grouping.keys[a as usize].location)
        .collect();
    // One article per location, in their order.
    let mut raws = grouping.inputs.fetch(&locations)?.into_iter();
    let mut articles = Vec::with_capacity(kept.len());
    for (a, source) in kept {
        articles.push(match source {
            Some(source) => Article::Prepared(Box::new(source)),
            None => Article::Raw(raws.next().ok_or_else(|| {
                let location = grouping.keys[a as usize].location;
                not_read_again(&grouping.inputs, location)
            })?),
        });
    }
    let mut articles = articles.into_iter();
    let work: Vec<(usize, Vec<Article>)> = chunk
        .iter()
        .map(|&e| {
            (
                e,
                articles
                    .by_ref()
                    .take(grouping.events[e].articles.len())
                    .collect(),
            )
        })
        .collect();
    Ok(work
        .into_par_iter()
        .map(|(e, articles)| compare_event(grouping, options, e, articles, render))
        .collect())
}

/// The error for an article that could not be read again in the second pass.
fn not_read_again(inputs: &Inputs, location: Location) -> Error {
    let path = inputs
        .files()
        .nth(location.file as usize)
        .map_or_else(Default::default, |(path, _)| path.to_path_buf());
    Error::Io {
        path,
        source: std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            format!(
                "the article at byte {} could not be read again",
                location.offset
            ),
        ),
    }
}

/// An article of an event being compared: kept from the first pass, or read again.
enum Article {
    Prepared(Box<Source>),
    Raw(RawArticle),
}

/// Compares one event; `None` when it was skipped.
fn compare_event<T>(
    grouping: &Grouping,
    options: &CorpusOptions,
    index: usize,
    articles: Vec<Article>,
    render: &impl Fn(&EventInfo, &Comparison) -> T,
) -> Result<(Option<T>, CorpusSummary)> {
    let event = &grouping.events[index];
    let mut summary = CorpusSummary::new();
    let names: Vec<&str> = event
        .articles
        .iter()
        .map(|&a| {
            let outlet = grouping.keys[a as usize].outlet as usize;
            grouping.outlets.get(outlet).map_or("", String::as_str)
        })
        .collect();
    summary.add_event(names.iter().copied());
    let mut outlets: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    outlets.sort();
    outlets.dedup();
    if outlets.len() < options.min_outlets.max(1) || event.articles.len() < 2 {
        summary.add_skipped();
        return Ok((None, summary));
    }
    let mut sources = Vec::with_capacity(articles.len());
    for (n, article) in articles.into_iter().enumerate() {
        let mut source = match article {
            Article::Prepared(source) => *source,
            Article::Raw(raw) => prepare(&grouping.inputs, &raw, options)?,
        };
        source.id = format!("s{}", n + 1);
        sources.push(source);
    }
    let comparison = match compare_sources(sources, &options.compare) {
        Ok(comparison) => comparison,
        Err(Error::NothingToCompare { .. }) => {
            summary.add_skipped();
            return Ok((None, summary));
        }
        Err(e) => return Err(e),
    };
    summary.add_comparison(&comparison, &options.compare.align.aliases);
    let info = EventInfo {
        id: index + 1,
        first_date: event.first_day.map(day_to_date),
        last_date: event.last_day.map(day_to_date),
        outlets,
    };
    Ok((Some(render(&info, &comparison)), summary))
}

fn prepare(inputs: &Inputs, raw: &RawArticle, options: &CorpusOptions) -> Result<Source> {
    let doc = inputs.read(raw)?;
    let load = &options.compare.load;
    Ok(pipeline::prepare(doc, &load.rules, load.raw))
}

/// Runs `work` on a pool of `jobs` threads (0: one per core).
fn with_pool<R: Send>(jobs: usize, work: impl FnOnce() -> Result<R> + Send) -> Result<R> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::InvalidOption {
            option: "--jobs".into(),
            detail: format!("cannot start {jobs} worker threads: {e}"),
        })?;
    pool.install(work)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_every_event_once_in_order() {
        for total in [0, 1, 7, 100] {
            for count in 1..=5 {
                let mut next = 0;
                for index in 1..=count {
                    let range = Shard { index, count }.range(total);
                    assert_eq!(range.start, next);
                    next = range.end;
                }
                assert_eq!(next, total);
            }
        }
    }

    #[test]
    fn shard_is_parsed_from_i_of_n() {
        assert_eq!(Shard::parse("2/8").ok(), Some(Shard { index: 2, count: 8 }));
        for bad in ["0/2", "3/2", "2", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}
