//! Per-stage benchmarks: one criterion group per pipeline stage.
//!
//! Inputs are built once, outside the timed loop, from the seed articles (real article
//! text) repeated to a fixed size, and throughput is reported in bytes so that stages
//! compare in MB/s. Add a stage by writing a `fn bench_<stage>(c: &mut Criterion)` that
//! uses [`seed_corpus`] and listing it in `criterion_group!` at the bottom.
//!
//! Run one stage: `cargo bench --bench stages -- segment`; the `compare` stages on the
//! five seeds: `cargo bench --bench stages -- compare_`.

// criterion's macros define public functions without docs.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use claimdiff::ingest::boilerplate::{self, Rules};
use claimdiff::ingest::rules;
use claimdiff::model::{Document, Metadata};
use claimdiff::pipeline::{self, CompareOptions};
use claimdiff::similarity::aliases::Aliases;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Size of the repeated-seeds corpus, in bytes (at least this much).
const CORPUS_BYTES: usize = 10 * 1024 * 1024;

/// The seed files, sorted by name.
fn seed_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds directory")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths
}

/// The seed articles' text, each followed by a blank line, repeated to at least `bytes`.
fn seed_corpus(bytes: usize) -> String {
    let mut one = String::new();
    for path in seed_paths() {
        one.push_str(&std::fs::read_to_string(&path).expect("seed text"));
        one.push_str("\n\n");
    }
    let mut corpus = String::with_capacity(bytes + one.len());
    while corpus.len() < bytes {
        corpus.push_str(&one);
    }
    corpus
}

/// The seed articles as documents (as ingest hands them over), repeated until their text
/// adds up to at least `bytes`.
fn seed_documents(bytes: usize) -> Vec<Document> {
    let seeds: Vec<(String, String)> = seed_paths()
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("seed text");
            (path.display().to_string(), text)
        })
        .collect();
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        for (path, text) in &seeds {
            total += text.len();
            docs.push(Document {
                id: format!("s{}", docs.len() + 1),
                path: path.clone(),
                text: text.clone(),
                body: 0..text.len(),
                encoding: "UTF-8".into(),
                meta: Metadata::default(),
            });
        }
    }
    docs
}

/// `segment` over the repeated seeds: once as one big region, and with one region per
/// blank-line-separated block (as cleaning hands over many kept ranges).
fn bench_segment(c: &mut Criterion) {
    let corpus = seed_corpus(CORPUS_BYTES);
    let whole_range = 0..corpus.len();
    let whole = std::slice::from_ref(&whole_range);
    let mut per_block = Vec::new();
    let mut start = 0;
    for (at, _) in corpus.match_indices("\n\n") {
        if at > start {
            per_block.push(start..at);
        }
        start = at + 2;
    }
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(corpus.len() as u64));
    group.sample_size(10);
    group.bench_function("seeds_10MB_one_region", |b| {
        b.iter(|| claimdiff::segment::segment(black_box(&corpus), black_box(whole)))
    });
    group.bench_function("seeds_10MB_region_per_block", |b| {
        b.iter(|| claimdiff::segment::segment(black_box(&corpus), black_box(&per_block)))
    });
    group.finish();
}

/// Cleaning then segmentation of every document, as `pipeline::prepare` runs them: the
/// throughput a comparison sees before alignment.
fn bench_clean_segment(c: &mut Criterion) {
    let docs = seed_documents(CORPUS_BYTES);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let rules = Rules::default();
    let mut group = c.benchmark_group("clean_segment");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("seeds_10MB_per_document", |b| {
        b.iter(|| {
            let mut sentences = 0;
            for doc in &docs {
                let cleaned = boilerplate::clean(black_box(doc), &rules);
                sentences += claimdiff::segment::segment(&doc.text, &cleaned.kept).len();
            }
            sentences
        })
    });
    group.finish();
}

/// What `compare` builds before reading a file: the options (built-in rules, lexicon and
/// aliases, compiled once per process and cloned after), and, cold, the compilations that
/// the first `CompareOptions::default()` of a process pays for.
fn bench_compare_setup(c: &mut Criterion) {
    let alias_groups = Aliases::builtin().groups().to_vec();
    let mut group = c.benchmark_group("compare_setup");
    group.sample_size(10);
    group.bench_function("options_default_warm", |b| b.iter(CompareOptions::default));
    group.bench_function("rules_compile_cold", |b| {
        b.iter(|| rules::builtin_source().compile())
    });
    group.bench_function("aliases_build_cold", |b| {
        b.iter(|| Aliases::from_groups(black_box(alias_groups.clone())))
    });
    group.finish();
}

/// The stages of `claimdiff compare seeds/` one by one, each from the previous stage's
/// output built outside the timed loop, and the whole comparison (options built once).
fn bench_compare_stages(c: &mut Criterion) {
    let paths = seed_paths();
    let options = CompareOptions::default();
    let sources = pipeline::load_sources(&paths, &options.load).expect("seeds load");
    let alignment = claimdiff::align::align(&sources, &options.align);
    let diffs = claimdiff::diff::diff_alignment(&sources, &alignment, &options.diff);
    let mut group = c.benchmark_group("compare_stages");
    group.sample_size(10);
    group.bench_function("seeds_load", |b| {
        b.iter(|| pipeline::load_sources(black_box(&paths), &options.load))
    });
    group.bench_function("seeds_align", |b| {
        b.iter(|| claimdiff::align::align(black_box(&sources), &options.align))
    });
    group.bench_function("seeds_diff", |b| {
        b.iter(|| claimdiff::diff::diff_alignment(black_box(&sources), &alignment, &options.diff))
    });
    group.bench_function("seeds_profiles", |b| {
        b.iter(|| {
            claimdiff::diff::profile::profiles_with(
                black_box(&sources),
                &alignment,
                &diffs,
                &options.diff.lexicon,
            )
        })
    });
    group.bench_function("seeds_whole_compare", |b| {
        b.iter(|| pipeline::compare(black_box(&paths), &options))
    });
    group.finish();
}

criterion_group!(
    stages,
    bench_segment,
    bench_clean_segment,
    bench_compare_setup,
    bench_compare_stages
);
criterion_main!(stages);
