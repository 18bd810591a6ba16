//! The one-call facade over all stages.

use std::path::PathBuf;

use crate::error::Result;
use crate::ingest::boilerplate::{self, Rules};
use crate::ingest::{self, IngestOptions};
use crate::model::{Document, OutletFrom, Source};
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

/// Reads, cleans and segments every input.
pub fn load_sources(paths: &[PathBuf], options: &LoadOptions) -> Result<Vec<Source>> {
    let docs = ingest::read_inputs(paths, &options.ingest)?;
    Ok(docs
        .into_iter()
        .map(|doc| prepare(doc, &options.rules, options.raw))
        .collect())
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
