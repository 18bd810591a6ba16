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

use crate::model::{Removal, Sentence, Source};

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
