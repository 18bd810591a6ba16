//! Corpus mode against `compare`: a small real corpus (the seeds, twice, a month apart, in
//! `fixtures/corpus/`) run through `claimdiff::corpus`.

use std::path::PathBuf;

use claimdiff::corpus::{self, CorpusOptions, CorpusSummary, GroupingOptions, NoProgress, Shard};
use claimdiff::pipeline::{self, CompareOptions};
use claimdiff::render::{corpus as render_corpus, json};
use serde_json::Value;

use crate::support::root;

/// The seeds are five different (related) events; at the default similarity each stays
/// alone. A lower one brings three together, which is what these tests need: several
/// real articles in an event, whatever grouping decided.
fn options() -> CorpusOptions {
    CorpusOptions {
        grouping: GroupingOptions {
            min_similarity: 0.2,
            ..GroupingOptions::default()
        },
        ..CorpusOptions::default()
    }
}

fn corpus_dirs() -> Vec<PathBuf> {
    let dir = root().join("fixtures").join("corpus");
    vec![dir.join("march"), dir.join("april")]
}

/// Runs a corpus; returns its event lines and summary.
fn run(paths: &[PathBuf], options: &CorpusOptions) -> (Vec<String>, CorpusSummary) {
    let mut lines = Vec::new();
    let summary = corpus::run(
        paths,
        options,
        &NoProgress,
        render_corpus::event_line,
        |line| {
            lines.push(line);
            Ok(())
        },
    )
    .expect("corpus runs");
    (lines, summary)
}

fn parse(line: &str) -> Value {
    serde_json::from_str(line).expect("an event line is JSON")
}

fn source_paths(event: &Value) -> Vec<String> {
    event["comparison"]["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["path"].as_str().expect("path").to_string())
        .collect()
}

#[test]
fn each_event_is_exactly_compare_on_its_articles() {
    let (lines, _) = run(&corpus_dirs(), &options());
    assert!(lines.len() >= 2, "the two windows give an event each");
    let mut largest = 0;
    for line in &lines {
        let event = parse(line);
        let paths: Vec<PathBuf> = source_paths(&event).iter().map(PathBuf::from).collect();
        largest = largest.max(paths.len());
        let comparison =
            pipeline::compare(&paths, &CompareOptions::default()).expect("compare runs");
        let expected: Value =
            serde_json::from_str(&json::compare_to_string(&comparison)).expect("JSON");
        assert_eq!(event["comparison"], expected, "event {}", event["event"]);
    }
    assert!(largest >= 3, "some event brings three outlets together");
}

#[test]
fn events_stay_inside_their_date_window() {
    let (lines, _) = run(&corpus_dirs(), &options());
    for line in &lines {
        let event = parse(line);
        let paths = source_paths(&event);
        let months: Vec<bool> = paths.iter().map(|p| p.contains("march")).collect();
        assert!(
            months.iter().all(|&m| m == months[0]),
            "an event mixes March and April copies: {paths:?}"
        );
        let dates: Vec<&str> = event["comparison"]["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| s["date"].as_str().expect("dated"))
            .collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "sources come in date order");
    }
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let one = CorpusOptions {
        jobs: 1,
        ..options()
    };
    let two = CorpusOptions {
        jobs: 2,
        ..options()
    };
    let (lines_one, summary_one) = run(&corpus_dirs(), &one);
    let (lines_two, summary_two) = run(&corpus_dirs(), &two);
    assert_eq!(lines_one, lines_two);
    assert_eq!(summary_one, summary_two);
}

#[test]
fn output_does_not_depend_on_how_many_articles_are_kept_between_passes() {
    // All kept (the default here), none (every article read and cleaned again), and a
    // budget that keeps only some: the same events, line for line.
    let (kept, kept_summary) = run(&corpus_dirs(), &options());
    for budget in [0, 40_000] {
        let options = CorpusOptions {
            keep_prepared_bytes: budget,
            ..options()
        };
        let (lines, summary) = run(&corpus_dirs(), &options);
        assert_eq!(lines, kept, "budget {budget}");
        assert_eq!(summary, kept_summary, "budget {budget}");
    }
}

#[test]
fn shards_concatenate_to_the_whole_output_and_their_summaries_add_up() {
    let (whole, whole_summary) = run(&corpus_dirs(), &options());
    let mut joined = Vec::new();
    let mut merged = CorpusSummary::new();
    for index in 1..=3 {
        let options = CorpusOptions {
            shard: Shard { index, count: 3 },
            ..options()
        };
        let (lines, summary) = run(&corpus_dirs(), &options);
        joined.extend(lines);
        merged.merge(&summary);
    }
    assert_eq!(joined, whole);
    assert_eq!(merged, whole_summary);
}

#[test]
fn gzip_records_form_the_same_events_as_the_text_files() {
    let gz = vec![root().join("fixtures/corpus/seeds.jsonl.gz")];
    let (from_gz, gz_summary) = run(&gz, &options());
    let (from_text, text_summary) = run(&corpus_dirs(), &options());
    let heads = |lines: &[String]| -> Vec<Value> {
        lines.iter().map(|l| parse(l)["event"].clone()).collect()
    };
    assert_eq!(heads(&from_gz), heads(&from_text));
    let first = parse(&from_gz[0]);
    assert!(
        source_paths(&first)[0].ends_with("seeds.jsonl.gz:1"),
        "{:?}",
        source_paths(&first)
    );
    assert_eq!(gz_summary.events, text_summary.events);
    assert_eq!(gz_summary.articles, 10);
    // The same text gives the same claims, whichever the container.
    for (a, b) in from_gz.iter().zip(&from_text) {
        assert_eq!(
            parse(a)["comparison"]["groups"].as_array().map(Vec::len),
            parse(b)["comparison"]["groups"].as_array().map(Vec::len)
        );
    }
}

#[test]
fn gzip_records_read_again_from_the_spool_give_the_same_events() {
    // A gzip stream cannot be read from the middle: articles not kept between passes are
    // read back from the copy made of their lines, all of them (budget 0) or some.
    let gz = vec![root().join("fixtures/corpus/seeds.jsonl.gz")];
    let (kept, kept_summary) = run(&gz, &options());
    for budget in [0, 40_000] {
        let options = CorpusOptions {
            keep_prepared_bytes: budget,
            ..options()
        };
        let (lines, summary) = run(&gz, &options);
        assert_eq!(lines, kept, "budget {budget}");
        assert_eq!(summary, kept_summary, "budget {budget}");
    }
}

#[test]
fn summary_counts_agree_with_the_event_lines() {
    let (lines, summary) = run(&corpus_dirs(), &options());
    assert_eq!(summary.articles, 10);
    assert_eq!(summary.events_compared, lines.len());
    assert_eq!(
        summary.events,
        summary.events_compared + summary.events_skipped
    );
    let mut covered = 0;
    let mut omitted = 0;
    let mut groups = 0;
    for line in &lines {
        let event = parse(line);
        groups += event["comparison"]["groups"].as_array().map_or(0, Vec::len);
        for profile in event["comparison"]["profiles"]
            .as_array()
            .expect("profiles")
        {
            covered += profile["claims_covered"].as_u64().unwrap_or(0) as usize;
            omitted += profile["claims_omitted"].as_array().map_or(0, Vec::len);
        }
    }
    let outlets = summary.outlets.values();
    assert_eq!(
        outlets.clone().map(|o| o.claims_covered).sum::<usize>(),
        covered
    );
    assert_eq!(outlets.map(|o| o.claims_omitted).sum::<usize>(), omitted);
    assert_eq!(summary.claim_groups, groups);
    let naming: usize = summary
        .outlets
        .values()
        .flat_map(|o| o.naming.values().flat_map(|n| n.values()))
        .sum();
    assert!(naming > 0, "the seeds name Russia, the US, Lavrov …");
}

#[test]
fn metadata_from_sources_toml_reads_as_in_compare() {
    // The seeds carry no header: outlet and date come from `seeds/sources.toml`. A wide
    // window and a low similarity bring several of them into one event.
    let options = CorpusOptions {
        grouping: GroupingOptions {
            window_days: 200,
            min_similarity: 0.15,
            ..GroupingOptions::default()
        },
        ..CorpusOptions::default()
    };
    let (lines, summary) = run(&[root().join("seeds")], &options);
    assert!(!lines.is_empty());
    assert!(
        summary.outlets.contains_key("Press TV"),
        "outlet from sources.toml"
    );
    for line in &lines {
        let event = parse(line);
        let paths: Vec<PathBuf> = source_paths(&event).iter().map(PathBuf::from).collect();
        let comparison =
            pipeline::compare(&paths, &CompareOptions::default()).expect("compare runs");
        let expected: Value =
            serde_json::from_str(&json::compare_to_string(&comparison)).expect("JSON");
        assert_eq!(event["comparison"], expected, "event {}", event["event"]);
    }
}
