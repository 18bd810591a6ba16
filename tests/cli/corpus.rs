//! `claimdiff corpus`: events as JSON Lines, the summary, shards, threads, errors.

use std::path::Path;

use predicates::prelude::*;

use crate::support::claimdiff;

const MARCH: &str = "fixtures/corpus/march";
const APRIL: &str = "fixtures/corpus/april";

fn corpus_out(dir: &Path, name: &str, extra: &[&str]) -> String {
    let out = dir.join(name);
    claimdiff()
        .args(["corpus", MARCH, APRIL, "--event-similarity", "0.2", "--out"])
        .arg(&out)
        .args(extra)
        .assert()
        .success()
        .stdout("")
        // No progress bar when stderr is not a terminal.
        .stderr("");
    std::fs::read_to_string(out).expect("output written")
}

#[test]
fn corpus_writes_one_line_per_compared_event_and_a_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let summary_path = dir.path().join("summary.json");
    let events = corpus_out(
        dir.path(),
        "events.jsonl",
        &["--summary", summary_path.to_str().expect("utf-8 path")],
    );
    let lines: Vec<serde_json::Value> = events
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert!(!lines.is_empty());
    for line in &lines {
        assert_eq!(line["version"], 1);
        assert!(line["event"]["id"].as_u64().is_some());
        assert!(line["comparison"]["groups"].is_array());
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(summary_path).expect("summary written"))
            .expect("summary is JSON");
    assert_eq!(summary["articles"], 10);
    assert_eq!(summary["events_compared"], lines.len());
    assert!(summary["outlets"]["TASS"]["naming"].is_object());
}

#[test]
fn output_is_the_same_with_one_or_two_jobs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one = corpus_out(dir.path(), "one.jsonl", &["--jobs", "1"]);
    let two = corpus_out(dir.path(), "two.jsonl", &["--jobs", "2"]);
    assert_eq!(one, two);
}

#[test]
fn output_is_the_same_whether_articles_are_kept_between_passes_or_read_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(
        corpus_out(dir.path(), "kept.jsonl", &[]),
        corpus_out(dir.path(), "read-again.jsonl", &["--keep-mib", "0"])
    );
}

#[test]
fn shard_outputs_concatenate_to_the_whole_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let whole = corpus_out(dir.path(), "whole.jsonl", &[]);
    let mut joined = String::new();
    for shard in ["1/2", "2/2"] {
        joined.push_str(&corpus_out(dir.path(), "part.jsonl", &["--shard", shard]));
    }
    assert_eq!(joined, whole);
}

#[test]
fn gzip_json_lines_are_read() {
    let out = claimdiff()
        .args([
            "corpus",
            "fixtures/corpus/seeds.jsonl.gz",
            "--event-similarity",
            "0.2",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(text.contains("seeds.jsonl.gz:"), "{text}");
}

#[test]
fn markdown_report_has_the_outlet_and_naming_tables() {
    claimdiff()
        .args(["corpus", MARCH, APRIL, "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Outlets").and(predicate::str::contains("## Naming")));
}

#[test]
fn missing_input_is_one_line_naming_the_file_and_exit_2() {
    claimdiff()
        .args(["corpus", "no/such/dir"])
        .assert()
        .code(2)
        .stderr("claimdiff: no/such/dir: no such file or directory\n");
}

#[test]
fn broken_record_names_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("news.jsonl");
    std::fs::write(
        &file,
        "{\"text\": \"Moscow said so.\"}\n{\"title\": \"no text\"}\n",
    )
    .expect("write");
    claimdiff()
        .arg("corpus")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "news.jsonl:2: the record has no `text` field",
        ));
}

#[test]
fn bad_shard_is_refused() {
    claimdiff()
        .args(["corpus", MARCH, "--shard", "3/2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid --shard"));
}

#[test]
fn output_ending_in_gz_is_compressed_and_shards_still_concatenate() {
    use std::io::Read;
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = corpus_out(dir.path(), "events.jsonl", &[]);
    let mut joined = Vec::new();
    for shard in ["1/2", "2/2"] {
        let out = dir.path().join(format!("events.{}.jsonl.gz", &shard[..1]));
        claimdiff()
            .args([
                "corpus",
                MARCH,
                APRIL,
                "--event-similarity",
                "0.2",
                "--shard",
                shard,
            ])
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        joined.extend(std::fs::read(out).expect("written"));
    }
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(joined.as_slice())
        .read_to_string(&mut text)
        .expect("gzip");
    assert_eq!(text, plain);
}
