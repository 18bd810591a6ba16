//! `claimdiff exercise`: worksheets, answer keys, determinism, errors.

use std::fs;

use predicates::prelude::*;

use crate::support::{claimdiff, root, seeds};

fn stdout_of(args: &[&str]) -> Vec<u8> {
    claimdiff()
        .arg("exercise")
        .args(seeds())
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

#[test]
fn the_same_seed_gives_a_byte_identical_worksheet() {
    for format in ["markdown", "html"] {
        let args = ["--format", format, "--seed", "11", "--with-answers"];
        let first = stdout_of(&args);
        assert!(!first.is_empty());
        assert_eq!(first, stdout_of(&args), "{format} differs between runs");
    }
}

#[test]
fn another_seed_gives_another_worksheet() {
    let a = stdout_of(&["--seed", "1"]);
    let b = stdout_of(&["--seed", "2"]);
    assert_ne!(a, b);
}

#[test]
fn an_unknown_kind_is_a_usage_error_listing_the_kinds() {
    claimdiff()
        .args(["exercise", "seeds/", "--kind", "quiz"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("quiz").and(predicate::str::contains("match-outlet")));
}

#[test]
fn kinds_can_be_repeated_or_comma_separated() {
    let comma = stdout_of(&["--kind", "numbers,headline"]);
    let repeated = stdout_of(&["--kind", "numbers", "--kind", "headline"]);
    assert_eq!(comma, repeated);
    let text = String::from_utf8(comma).expect("UTF-8");
    assert!(text.contains("Numbers and dates") && text.contains("Headlines"));
    assert!(!text.contains("Match the outlet"));
}

#[test]
fn a_kind_the_articles_cannot_support_is_named_and_the_others_are_made() {
    // IANS and Press TV: no headlines in either.
    claimdiff()
        .args([
            "exercise",
            "seeds/000_c276cc8304693b7a.txt",
            "seeds/002_24d9cc06be2b6f2c.txt",
            "--kind",
            "headline,match-outlet",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("note: headline: 0 of 1 made"))
        .stdout(predicate::str::contains("Match the outlet"));
}

#[test]
fn no_exercise_at_all_is_an_error() {
    claimdiff()
        .args([
            "exercise",
            "seeds/000_c276cc8304693b7a.txt",
            "seeds/002_24d9cc06be2b6f2c.txt",
            "--kind",
            "headline",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no exercise can be made")
                .and(predicate::str::contains("headline")),
        );
}

#[test]
fn the_answer_key_goes_to_its_own_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = dir.path().join("sheet.md");
    let key = dir.path().join("key.md");
    claimdiff()
        .arg("exercise")
        .args(seeds())
        .arg("--answers")
        .arg(&key)
        .arg("-o")
        .arg(&sheet)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let sheet = fs::read_to_string(sheet).expect("worksheet");
    let key = fs::read_to_string(key).expect("key");
    assert!(sheet.contains("## Exercise 1"));
    assert!(!sheet.contains("Answer key") && !sheet.contains("Answer: **"));
    assert!(key.starts_with("# Answer key") && key.contains("Answer: **"));
}

#[test]
fn an_html_answer_key_is_a_page_of_its_own_without_buttons() {
    let dir = tempfile::tempdir().expect("temp dir");
    let key = dir.path().join("key.html");
    let sheet = stdout_of(&["--format", "html", "--answers", key.to_str().expect("path")]);
    let sheet = String::from_utf8(sheet).expect("UTF-8");
    let key = fs::read_to_string(key).expect("key");
    assert!(key.starts_with("<!DOCTYPE html>") && key.contains("Answer key"));
    assert!(!key.contains("<button") && key.contains("Answer: "));
    assert!(sheet.contains("Show the answer") && !sheet.contains("id=\"answer-key\""));
}

#[test]
fn with_answers_appends_a_separated_key() {
    let text = String::from_utf8(stdout_of(&["--with-answers"])).expect("UTF-8");
    let (sheet, key) = text
        .split_once("<!-- answer key: cut here -->")
        .expect("a separator");
    assert!(!sheet.contains("Answer: **"));
    assert!(key.contains("# Answer key") && key.contains("Answer: **"));
}

#[test]
fn answers_and_output_must_be_different_files() {
    claimdiff()
        .args([
            "exercise",
            "seeds/",
            "--answers",
            "same.md",
            "-o",
            "same.md",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("same file"));
}

#[test]
fn a_failed_run_leaves_existing_files_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sheet = dir.path().join("sheet.md");
    fs::write(&sheet, "old worksheet").expect("write");
    // The key cannot be written (its directory does not exist): neither file changes.
    claimdiff()
        .args(["exercise", "seeds/", "--answers"])
        .arg(dir.path().join("missing/key.md"))
        .arg("-o")
        .arg(&sheet)
        .assert()
        .code(2);
    assert_eq!(fs::read_to_string(&sheet).expect("read"), "old worksheet");
    // A bad input: nothing is written either.
    let key = dir.path().join("key.md");
    fs::write(&key, "old key").expect("write");
    claimdiff()
        .args(["exercise", "seeds/", "no-such-article.txt", "--answers"])
        .arg(&key)
        .arg("-o")
        .arg(&sheet)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-article.txt"));
    assert_eq!(fs::read_to_string(&sheet).expect("read"), "old worksheet");
    assert_eq!(fs::read_to_string(&key).expect("read"), "old key");
}

#[test]
fn html_worksheet_shows_payloads_as_text_and_runs_only_its_script() {
    let out = claimdiff()
        .args([
            "exercise",
            "--format",
            "html",
            "--level",
            "easy",
            "--with-answers",
        ])
        .arg(root().join("fixtures/report/xss_rt.txt"))
        .arg(root().join("seeds/003_3bdfc0fa5141ee29.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).expect("UTF-8");
    assert_eq!(html.matches("<script").count(), 1, "only the page's script");
    assert!(!html.contains("<img") && !html.contains("<b onmouseover"));
    assert!(html.contains("&lt;img src=x onerror="));
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn no_reveal_leaves_every_answer_out_of_the_page() {
    let html = String::from_utf8(stdout_of(&["--format", "html", "--no-reveal"])).expect("UTF-8");
    assert!(!html.contains("class=\"answer\"") && !html.contains("data-answer="));
    assert!(!html.contains("Answer:"));
}

#[test]
fn help_lists_the_kinds_and_examples() {
    claimdiff()
        .args(["exercise", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("missing-claim")
                .and(predicate::str::contains("Examples:"))
                .and(predicate::str::contains("--answers")),
        );
}
