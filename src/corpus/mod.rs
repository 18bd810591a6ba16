//! Corpus mode: the pipeline over a whole corpus (a year of several outlets), event by
//! event, on one machine or in shards on many.
//!
//! 1. **Read once, keep little.** Every article is read, cleaned and segmented once, and
//!    only a small key is kept: where it is ([`reader::Location`]), its date, its outlet
//!    and a 64-value MinHash signature of its content words ([`events::ArticleKey`], about
//!    300 bytes). Articles are then dropped.
//! 2. **Group into events** ([`events::group`]): articles whose dates fall within the window
//!    and whose content words overlap join one event; candidates come from LSH buckets, not
//!    from all pairs.
//! 3. **Compare each event** as `compare` would: its articles are read again, in date order,
//!    each its own source (an outlet with two articles in an event has two sources, as in
//!    `compare` with two of its files), and [`pipeline::compare_sources`] runs with the
//!    same [`pipeline::CompareOptions`] for every event. Events run in parallel, a few per
//!    thread at a time, and their outputs are handed on in event order, then dropped: memory
//!    holds the keys and the events in flight, never the articles already written.
//! 4. **Summarise** per outlet across events ([`summary::CorpusSummary`]).
//!
//! Sharding ([`Shard`]): every shard reads the keys of the whole corpus and forms the same
//! events, then compares only its contiguous run of them; concatenating the shards' outputs
//! in shard order gives the unsharded output, and their summaries add up
//! ([`summary::CorpusSummary::merge`]).
//!
//! ```no_run
//! use claimdiff::corpus::{self, CorpusOptions, NoProgress};
//!
//! let paths = vec!["corpus/".into()];
//! let summary = corpus::run(
//!     &paths,
//!     &CorpusOptions::default(),
//!     &NoProgress,
//!     |event, comparison| (event.id, comparison.alignment.groups.len()),
//!     |(id, groups)| {
//!         println!("event {id}: {groups} claims");
//!         Ok(())
//!     },
//! )?;
//! println!("{} events compared", summary.events_compared);
//! # Ok::<(), claimdiff::Error>(())
//! ```
//!
//! [`pipeline::compare_sources`]: crate::pipeline::compare_sources
//! [`pipeline::CompareOptions`]: crate::pipeline::CompareOptions

pub mod events;
pub mod reader;
pub mod run;
pub mod summary;

pub use events::{Event, GroupingOptions};
pub use run::{
    compare_events, group_corpus, run, CorpusOptions, EventInfo, Grouping, NoProgress, Progress,
    Shard, KEEP_PREPARED_BYTES,
};
pub use summary::{CorpusSummary, OutletSummary};
