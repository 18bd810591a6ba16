//! `claimdiff pairs`: sentence pairs scored with the similarity `compare` uses.

use predicates::prelude::*;

use crate::support::*;

/// Two real pairs from the seeds (same claim) and one unrelated pair.
const PAIRS: &str = "\
Since the beginning of this year humanitarian access was secured to all the 18 besieged regions.\tThe Russian foreign minister and the U.S. secretary of state noted considerable progress in the situation over humanitarian access to Syria’s besieged regions.
The Syrian ceasefire doesn’t include Islamic State and Jabhat Al-Nusra jihadist groups.\tThis does not cover terrorist groups such as Daesh and Jabhat al-Nusra, both outlawed in Russia.
De Mistura expressed hope that the Syrian sides will focus on constitutional reform.\tKerry's visit is the second in two years as U.S.-Russia relations has significantly deteriorated over the Ukrainian crisis.
";

fn rows(stdout: &[u8]) -> Vec<(f64, bool)> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| {
            let mut cols = l.split('\t');
            let score: f64 = cols.next().unwrap().parse().unwrap();
            let same: bool = cols.next().unwrap().parse().unwrap();
            (score, same)
        })
        .collect()
}

#[test]
fn one_row_per_pair_with_a_score_and_the_default_decision() {
    let out = claimdiff()
        .arg("pairs")
        .write_stdin(PAIRS)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let rows = rows(&out);
    assert_eq!(rows.len(), 3);
    for (score, same) in &rows {
        assert!((0.0..=1.0).contains(score));
        assert_eq!(
            *same,
            *score >= claimdiff::similarity::DEFAULT_THRESHOLD,
            "the decision is the default threshold compare uses"
        );
    }
    assert!(rows[2].0 < rows[0].0 && rows[2].0 < rows[1].0);
    assert!(!rows[2].1, "unrelated sentences are not one claim");
}

#[test]
fn explain_adds_measures_and_shared_terms() {
    claimdiff()
        .args(["pairs", "--explain"])
        .write_stdin(PAIRS)
        .assert()
        .success()
        .stdout(predicate::str::contains("cosine="))
        .stdout(predicate::str::contains("shared="))
        .stdout(predicate::str::contains("humanitarian"));
}

#[test]
fn aliases_are_one_term_in_the_explanation() {
    let out = claimdiff()
        .args(["pairs", "--explain"])
        .write_stdin(
            "Daesh was not part of the truce.\tIslamic State was not part of the ceasefire.\n",
        )
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let shared = text.split("shared=").nth(1).unwrap();
    assert!(
        shared.contains('=') && shared.split(',').count() >= 2,
        "{text}"
    );
}

#[test]
fn a_line_without_a_tab_is_an_error_with_its_line_number() {
    claimdiff()
        .arg("pairs")
        .write_stdin("left\tright\nno tab here\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(":2:"));
}
