//! Helpers shared by the fuzz targets: turning fuzzer bytes into sources and comparisons.

use std::sync::OnceLock;

use claimdiff::ingest::boilerplate::Rules;
use claimdiff::pipeline::{self, CompareOptions, Comparison};
use claimdiff::{Document, Metadata, Source};

/// The built-in cleaning rules, built once per process (building them per input would
/// spend most of each execution there).
pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(Rules::builtin)
}

/// Default comparison options (word lists, aliases), built once per process.
pub fn options() -> &'static CompareOptions {
    static OPTIONS: OnceLock<CompareOptions> = OnceLock::new();
    OPTIONS.get_or_init(CompareOptions::default)
}

/// Separates the texts of one compare input (ASCII record separator): a corpus file is
/// two or three articles joined by it.
pub const TEXT_SEPARATOR: char = '\u{1e}';

/// The article texts in one fuzz input: up to three, split at [`TEXT_SEPARATOR`].
pub fn texts(data: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(data);
    text.splitn(3, TEXT_SEPARATOR).map(str::to_owned).collect()
}

/// A source prepared from text as the pipeline prepares a file's (cleaning, segmentation),
/// without a file. The path names no real file, so duplicate detection compares text.
pub fn source(id: usize, text: String, rules: &Rules) -> Source {
    let doc = Document {
        id: format!("s{id}"),
        path: format!("fuzz-input-{id}.txt"),
        body: 0..text.len(),
        text,
        encoding: "UTF-8".into(),
        meta: Metadata::default(),
    };
    pipeline::prepare(doc, rules, false)
}

/// Compares the texts of one fuzz input. `None` when the library refuses them with an
/// error (fewer than two distinct texts), which is a correct answer, not a finding.
pub fn comparison(data: &[u8]) -> Option<Comparison> {
    let sources = texts(data)
        .into_iter()
        .enumerate()
        .map(|(i, text)| source(i + 1, text, rules()))
        .collect();
    pipeline::compare_sources(sources, options()).ok()
}
