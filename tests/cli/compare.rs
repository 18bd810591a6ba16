//! `claimdiff compare`: the JSON contract and the errors a user meets first.

use std::collections::BTreeSet;

use predicates::prelude::*;

use crate::support::*;

fn compare_json(args: &[&str]) -> serde_json::Value {
    json_of(
        claimdiff()
            .arg("compare")
            .args(seeds())
            .args(["--format", "json"])
            .args(args),
    )
}

#[test]
fn compare_json_reuses_the_split_sources_exactly() {
    let compare = compare_json(&[]);
    let split = json_of(
        claimdiff()
            .arg("split")
            .args(seeds())
            .args(["--format", "json"]),
    );
    assert_eq!(compare["version"], 1);
    assert_eq!(compare["sources"], split["sources"]);
}

#[test]
fn groups_hold_at_most_one_sentence_per_source_and_name_their_pivot() {
    let json = compare_json(&[]);
    let groups = json["groups"].as_array().unwrap();
    assert!(!groups.is_empty());
    for group in groups {
        let members = group["members"].as_array().unwrap();
        assert!(members.len() >= 2);
        let sources: BTreeSet<&str> = members
            .iter()
            .map(|m| m["source"].as_str().unwrap())
            .collect();
        assert_eq!(sources.len(), members.len(), "two members from one source");
        let pivot = (&group["pivot"]["source"], &group["pivot"]["sentence"]);
        assert!(members
            .iter()
            .any(|m| (&m["source"], &m["sentence"]) == pivot));
        for m in members {
            assert!(m["shared_terms"].is_array());
            let score = m["score"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&score));
        }
    }
}

#[test]
fn every_sentence_is_in_one_group_or_unmatched() {
    let json = compare_json(&[]);
    let mut seen = BTreeSet::new();
    for group in json["groups"].as_array().unwrap() {
        for m in group["members"].as_array().unwrap() {
            let key = (m["source"].to_string(), m["sentence"].as_u64().unwrap());
            assert!(seen.insert(key.clone()), "{key:?} in two groups");
        }
    }
    for u in json["unmatched"].as_array().unwrap() {
        let key = (u["source"].to_string(), u["sentence"].as_u64().unwrap());
        assert!(seen.insert(key.clone()), "{key:?} grouped and unmatched");
    }
    let total: usize = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sentences"].as_array().unwrap().len())
        .sum();
    assert_eq!(seen.len(), total);
}

#[test]
fn base_outlet_is_every_pivot_it_takes_part_in() {
    let json = compare_json(&["--base", "TASS"]);
    let tass = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["outlet"] == "TASS")
        .unwrap()["id"]
        .clone();
    for group in json["groups"].as_array().unwrap() {
        let has_tass = group["members"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["source"] == tass);
        if has_tass {
            assert_eq!(group["pivot"]["source"], tass);
        }
    }
}

#[test]
fn unknown_base_outlet_is_an_error_listing_the_outlets() {
    claimdiff()
        .arg("compare")
        .args(seeds())
        .args(["--base", "Pravda"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Pravda"))
        .stderr(predicate::str::contains("TASS"));
}

#[test]
fn one_source_is_nothing_to_compare() {
    claimdiff()
        .arg("compare")
        .arg(&seeds()[0])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("nothing to compare"));
}

#[test]
fn the_same_file_twice_is_compared_once_with_a_warning() {
    let seeds = seeds();
    let out = claimdiff()
        .arg("compare")
        .args([&seeds[0], &seeds[0], &seeds[1]])
        .args(["--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning"))
        .stderr(predicate::str::contains("more than once"))
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["sources"].as_array().unwrap().len(), 2);
}

#[test]
fn the_same_file_twice_alone_is_nothing_to_compare() {
    let seed = &seeds()[2];
    claimdiff()
        .arg("compare")
        .args([seed, seed])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to compare"));
}

#[test]
fn threshold_outside_zero_to_one_is_refused() {
    claimdiff()
        .arg("compare")
        .args(seeds())
        .args(["--threshold", "1.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--threshold"));
}

#[test]
fn a_higher_threshold_never_adds_pairs() {
    let pairs = |json: &serde_json::Value| -> usize {
        json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let n = g["members"].as_array().unwrap().len();
                n * (n - 1) / 2
            })
            .sum()
    };
    let loose = compare_json(&["--threshold", "0.3"]);
    let strict = compare_json(&["--threshold", "0.9"]);
    assert!(pairs(&strict) <= pairs(&loose));
}

#[test]
fn min_sources_keeps_only_claims_told_by_that_many_outlets() {
    let json = compare_json(&["--min-sources", "3"]);
    for group in json["groups"].as_array().unwrap() {
        assert!(group["members"].as_array().unwrap().len() >= 3);
    }
}

/// The keys of every object that starts on a line indented by `indent` spaces, in order,
/// as pretty JSON lays them out one per line.
fn keys_at_indent(pretty: &str, indent: usize) -> Vec<Vec<String>> {
    let mut objects: Vec<Vec<String>> = Vec::new();
    let open = format!("{}{{", " ".repeat(indent));
    let key_prefix = " ".repeat(indent + 2);
    for line in pretty.lines() {
        if line == open || line.ends_with(": {") && line.len() - line.trim_start().len() == indent {
            objects.push(Vec::new());
        } else if let Some(rest) = line.strip_prefix(&key_prefix) {
            if let (Some(object), Some(key)) = (
                objects.last_mut(),
                rest.strip_prefix('"').and_then(|r| r.split_once("\": ")),
            ) {
                object.push(key.0.to_string());
            }
        }
    }
    objects
}

#[test]
fn compare_json_keeps_the_documented_field_order() {
    // Readers that stream the JSON, and diffs of two runs' outputs, rely on the order the
    // contract documents (render/json), not only on the names.
    let out = claimdiff()
        .arg("compare")
        .args(seeds())
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let pretty = String::from_utf8(out.stdout).expect("UTF-8");
    let top = keys_at_indent(&pretty, 0);
    assert_eq!(
        top[0],
        [
            "version",
            "sources",
            "titles",
            "groups",
            "unmatched",
            "profiles",
            "warnings"
        ]
    );
    let groups = keys_at_indent(&pretty, 4);
    assert!(groups.contains(&vec![
        "id".to_string(),
        "score".into(),
        "pivot".into(),
        "members".into(),
        "tags".into()
    ]));
    let members = keys_at_indent(&pretty, 8);
    let member = [
        "source",
        "sentence",
        "score",
        "shared_terms",
        "attribution",
        "diff",
        "tags",
    ];
    assert!(members.iter().any(|keys| keys == &member));
    let diffs = keys_at_indent(&pretty, 10);
    assert!(diffs
        .iter()
        .any(|keys| keys == &["ratio", "tokens", "edits", "fallback"]));
}
