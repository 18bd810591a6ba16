//! The shared vocabulary: plain types handed from one stage to the next.
//!
//! Byte offsets (`start`, `end`) always index into [`Source::text`], the decoded text of
//! the source. For UTF-8 text files that is the file's own bytes.

use std::collections::BTreeMap;
use std::ops::Range;

/// How the outlet of a source was determined, from most to least trustworthy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutletFrom {
    /// A `outlet:` line in the file's own header, or the `outlet` field of a JSON Lines record.
    Header,
    /// A `sources.toml` sidecar or a `--meta` file.
    Sidecar,
    /// The `--label` command-line option.
    Label,
    /// A cue in the text itself, such as `/TASS/`, `(IANS)` or `Xinhua,`.
    Cue,
    /// The file name.
    Filename,
    /// Nothing said which outlet this is.
    Unknown,
}

impl OutletFrom {
    /// The lowercase name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            OutletFrom::Header => "header",
            OutletFrom::Sidecar => "sidecar",
            OutletFrom::Label => "label",
            OutletFrom::Cue => "cue",
            OutletFrom::Filename => "filename",
            OutletFrom::Unknown => "unknown",
        }
    }
}

/// What is known about a source before its text is read: from a header, a sidecar, a
/// JSON Lines record or the command line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    /// The outlet (agency, channel, paper) that published the article.
    pub outlet: Option<String>,
    /// Where [`Metadata::outlet`] came from; `None` while no outlet is known.
    pub outlet_from: Option<OutletFrom>,
    /// Publication date, ISO 8601 (`2016-03-06`).
    pub date: Option<String>,
    /// The article's headline.
    pub title: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Language tag (`en`).
    pub lang: Option<String>,
    /// Any other `key: value` pairs of a header or record.
    pub extra: BTreeMap<String, String>,
}

/// One article as read from disk, decoded but not yet cleaned.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Stable id within one run (`s1`, `s2`, … in input order).
    pub id: String,
    /// The path as given (or `-` for standard input; `file.jsonl:3` for a JSON Lines record).
    pub path: String,
    /// The decoded text. All offsets of later stages index into this string.
    pub text: String,
    /// The byte range of `text` that holds the article (after a metadata header).
    pub body: Range<usize>,
    /// The encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub encoding: String,
    /// Metadata known before cleaning.
    pub meta: Metadata,
}

/// A piece of text that cleaning removed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removal {
    /// The removed text, exactly as in the source.
    pub text: String,
    /// Why it was removed: the rule's reason (`navigation`, `teaser`, `dateline`, `title`, …).
    pub reason: String,
    /// Byte offset of the first removed byte.
    pub start: usize,
    /// Byte offset one past the last removed byte.
    pub end: usize,
}

/// What cleaning found and kept.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cleaned {
    /// Everything removed, in text order.
    pub removed: Vec<Removal>,
    /// Byte ranges of body text left after cleaning, in order, not overlapping.
    pub kept: Vec<Range<usize>>,
    /// A headline found in the text.
    pub title: Option<String>,
    /// A dateline found in the text (`MOSCOW, March 6. /TASS/.`).
    pub dateline: Option<String>,
    /// The outlet named by a cue in the text (`TASS` from `/TASS/`).
    pub outlet_cue: Option<String>,
    /// A date (ISO 8601) read from the dateline or a time-stamp line, when it has a year.
    pub date: Option<String>,
}

/// One body sentence of a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Position among the source's sentences, from 0.
    pub index: usize,
    /// The sentence with every run of whitespace (line breaks included) collapsed to one space.
    pub text: String,
    /// Byte offset of the sentence's first non-whitespace byte.
    pub start: usize,
    /// Byte offset one past its last non-whitespace byte.
    pub end: usize,
    /// Index of the paragraph it stands in, from 0.
    pub paragraph: usize,
}

/// An article after ingest, cleaning and segmentation: what every later stage works on.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Stable id within one run (`s1`, `s2`, …).
    pub id: String,
    /// The path as given on the command line.
    pub path: String,
    /// The outlet, if known.
    pub outlet: Option<String>,
    /// How the outlet was found.
    pub outlet_from: OutletFrom,
    /// Publication date, ISO 8601.
    pub date: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Language tag.
    pub lang: Option<String>,
    /// The encoding the file was decoded from.
    pub encoding: String,
    /// The dateline removed from the body, if any.
    pub dateline: Option<String>,
    /// Other metadata.
    pub extra: BTreeMap<String, String>,
    /// What cleaning removed.
    pub removed: Vec<Removal>,
    /// The body sentences.
    pub sentences: Vec<Sentence>,
    /// The decoded text that all offsets index into.
    pub text: String,
}

impl Source {
    /// A short name for people: the outlet, else the file name.
    pub fn display_name(&self) -> &str {
        match &self.outlet {
            Some(outlet) => outlet,
            None => self
                .path
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(self.path.as_str()),
        }
    }
}

// --- alignment (align/) ---

/// A sentence of a comparison: an index into its sources and one into that source's
/// sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SentenceRef {
    /// Index into the comparison's sources.
    pub source: usize,
    /// Index into that source's sentences.
    pub sentence: usize,
}

/// A term two sentences share, with the weight it added to their similarity.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedTerm {
    /// The term as people read it (the canonical alias or the most common surface form).
    pub term: String,
    /// Its contribution to the score.
    pub weight: f64,
}

/// One sentence of a claim group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupMember {
    /// Which sentence.
    pub at: SentenceRef,
    /// Similarity to the group's pivot (1.0 for the pivot itself).
    pub score: f64,
    /// Terms shared with the pivot, heaviest first.
    pub shared_terms: Vec<SharedTerm>,
}

/// Sentences of different sources that state the same claim: at most one per source.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimGroup {
    /// Position in the comparison's list of groups, from 0.
    pub id: usize,
    /// The group's cohesion: mean similarity of its members to the pivot.
    pub score: f64,
    /// The member the others are diffed against.
    pub pivot: SentenceRef,
    /// All members, the pivot included, in source order.
    pub members: Vec<GroupMember>,
}

/// The outcome of aligning the sentences of several sources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// Claim groups, those carried by most sources first.
    pub groups: Vec<ClaimGroup>,
    /// Sentences in no group: claims only one source reports.
    pub unmatched: Vec<SentenceRef>,
    /// The titles aligned as a row of their own, when two or more sources have one.
    pub titles: Option<TitleRow>,
    /// Notes on budgets hit and fallbacks taken, for the report.
    pub notes: Vec<String>,
}

/// The sources' titles, aligned as one row.
#[derive(Clone, Debug, PartialEq)]
pub struct TitleRow {
    /// The source whose title the others are compared with.
    pub pivot: usize,
    /// Each source with a title, and its title's similarity to the pivot's.
    pub members: Vec<(usize, f64)>,
}
