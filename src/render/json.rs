//! The JSON wire format: a contract. Fields may be added, never renamed or removed.
//!
//! `claimdiff split --format json` prints:
//!
//! ```json
//! {"version": 1, "sources": [{
//!   "id": "s1",                 // stable within one run, in input order
//!   "path": "seeds/003_….txt",  // as given on the command line
//!   "outlet": "TASS",           // or null
//!   "outlet_from": "sidecar",   // header | sidecar | label | cue | filename | unknown
//!   "date": "2016-03-06",       // ISO 8601, or null
//!   "title": "…", "url": null,
//!   "encoding": "UTF-8",
//!   "dateline": "MOSCOW, March 6. /TASS/.",
//!   "lang": null, "extra": {},
//!   "removed": [{"text", "reason", "start", "end"}],
//!   "sentences": [{"index", "text", "start", "end", "paragraph"}]
//! }]}
//! ```
//!
//! `start`/`end` are byte offsets into the decoded text (for UTF-8 input, the file's own
//! bytes); a sentence's span has its surrounding whitespace trimmed, and its `text` has
//! every run of whitespace collapsed to one space.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{ClaimGroup, Removal, Sentence, SentenceRef, Source, TitleRow};

/// The version of the wire format.
pub const VERSION: u32 = 1;

/// One source on the wire.
#[derive(Serialize)]
pub struct SourceJson<'a> {
    id: &'a str,
    path: &'a str,
    outlet: Option<&'a str>,
    outlet_from: &'static str,
    date: Option<&'a str>,
    title: Option<&'a str>,
    url: Option<&'a str>,
    encoding: &'a str,
    dateline: Option<&'a str>,
    lang: Option<&'a str>,
    extra: &'a BTreeMap<String, String>,
    removed: Vec<RemovalJson<'a>>,
    sentences: Vec<SentenceJson<'a>>,
}

#[derive(Serialize)]
struct RemovalJson<'a> {
    text: &'a str,
    reason: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SentenceJson<'a> {
    index: usize,
    text: &'a str,
    start: usize,
    end: usize,
    paragraph: usize,
}

impl<'a> SourceJson<'a> {
    /// The wire form of a source.
    pub fn new(source: &'a Source) -> Self {
        SourceJson {
            id: &source.id,
            path: &source.path,
            outlet: source.outlet.as_deref(),
            outlet_from: source.outlet_from.as_str(),
            date: source.date.as_deref(),
            title: source.title.as_deref(),
            url: source.url.as_deref(),
            encoding: &source.encoding,
            dateline: source.dateline.as_deref(),
            lang: source.lang.as_deref(),
            extra: &source.extra,
            removed: source.removed.iter().map(RemovalJson::new).collect(),
            sentences: source.sentences.iter().map(SentenceJson::new).collect(),
        }
    }
}

impl<'a> RemovalJson<'a> {
    fn new(r: &'a Removal) -> Self {
        RemovalJson {
            text: &r.text,
            reason: &r.reason,
            start: r.start,
            end: r.end,
        }
    }
}

impl<'a> SentenceJson<'a> {
    fn new(s: &'a Sentence) -> Self {
        SentenceJson {
            index: s.index,
            text: &s.text,
            start: s.start,
            end: s.end,
            paragraph: s.paragraph,
        }
    }
}

#[derive(Serialize)]
struct SplitJson<'a> {
    version: u32,
    sources: Vec<SourceJson<'a>>,
}

/// The output of `claimdiff split --format json`, pretty-printed, with a final newline.
pub fn split_to_string(sources: &[Source]) -> String {
    let doc = SplitJson {
        version: VERSION,
        sources: sources.iter().map(SourceJson::new).collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("plain data always serialises");
    out.push('\n');
    out
}

/// A sentence reference on the wire: a source id and a sentence index.
#[derive(Serialize)]
pub struct SentenceRefJson<'a> {
    source: &'a str,
    sentence: usize,
}

impl<'a> SentenceRefJson<'a> {
    /// The wire form of `at` within `sources`.
    pub fn new(sources: &'a [Source], at: SentenceRef) -> Self {
        SentenceRefJson {
            source: sources.get(at.source).map_or("", |s| s.id.as_str()),
            sentence: at.sentence,
        }
    }
}

#[derive(Serialize)]
struct SharedTermJson<'a> {
    term: &'a str,
    weight: f64,
}

#[derive(Serialize)]
struct MemberJson<'a> {
    source: &'a str,
    sentence: usize,
    score: f64,
    shared_terms: Vec<SharedTermJson<'a>>,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    id: usize,
    score: f64,
    pivot: SentenceRefJson<'a>,
    members: Vec<MemberJson<'a>>,
}

#[derive(Serialize)]
struct TitleMemberJson<'a> {
    source: &'a str,
    title: &'a str,
    score: f64,
}

#[derive(Serialize)]
struct TitlesJson<'a> {
    pivot: &'a str,
    members: Vec<TitleMemberJson<'a>>,
}

/// Rounds a score for output: four decimals are plenty and keep snapshots stable.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn group_json<'a>(sources: &'a [Source], group: &'a ClaimGroup) -> GroupJson<'a> {
    GroupJson {
        id: group.id,
        score: round(group.score),
        pivot: SentenceRefJson::new(sources, group.pivot),
        members: group
            .members
            .iter()
            .map(|m| MemberJson {
                source: sources.get(m.at.source).map_or("", |s| s.id.as_str()),
                sentence: m.at.sentence,
                score: round(m.score),
                shared_terms: m
                    .shared_terms
                    .iter()
                    .map(|t| SharedTermJson {
                        term: &t.term,
                        weight: round(t.weight),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn titles_json<'a>(sources: &'a [Source], row: &'a TitleRow) -> TitlesJson<'a> {
    TitlesJson {
        pivot: sources.get(row.pivot).map_or("", |s| s.id.as_str()),
        members: row
            .members
            .iter()
            .filter_map(|&(i, score)| {
                let source = sources.get(i)?;
                Some(TitleMemberJson {
                    source: &source.id,
                    title: source.title.as_deref()?,
                    score: round(score),
                })
            })
            .collect(),
    }
}
