//! `claimdiff split`.

use predicates::prelude::*;

use crate::support::*;

#[test]
fn split_json_follows_the_contract() {
    let json = json_of(
        claimdiff()
            .arg("split")
            .args(seeds())
            .args(["--format", "json"]),
    );
    assert_eq!(json["version"], 1);
    let sources = json["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 5);
    for (i, source) in sources.iter().enumerate() {
        assert_eq!(source["id"], format!("s{}", i + 1));
        for key in [
            "path",
            "outlet",
            "outlet_from",
            "date",
            "title",
            "url",
            "encoding",
            "removed",
        ] {
            assert!(source.get(key).is_some(), "source lacks {key}");
        }
        let sentences = source["sentences"].as_array().unwrap();
        assert!(!sentences.is_empty());
        for (j, s) in sentences.iter().enumerate() {
            assert_eq!(s["index"], j);
            for key in ["text", "start", "end", "paragraph"] {
                assert!(s.get(key).is_some(), "sentence lacks {key}");
            }
        }
    }
}

#[test]
fn sentence_offsets_slice_the_file_bytes() {
    let path = &seeds()[3];
    let raw = std::fs::read(path).unwrap();
    let json = json_of(
        claimdiff()
            .arg("split")
            .arg(path)
            .args(["--format", "json"]),
    );
    for s in json["sources"][0]["sentences"].as_array().unwrap() {
        let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        let slice = std::str::from_utf8(&raw[start as usize..end as usize]).unwrap();
        let collapsed = slice.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(collapsed, s["text"].as_str().unwrap());
    }
}

#[test]
fn tsv_has_a_header_and_one_row_per_sentence() {
    let json = json_of(
        claimdiff()
            .arg("split")
            .args(seeds())
            .args(["--format", "json"]),
    );
    let total: usize = json["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["sentences"].as_array().unwrap().len())
        .sum();
    let out = claimdiff()
        .arg("split")
        .args(seeds())
        .args(["--format", "tsv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("source\toutlet\tindex"));
    assert_eq!(lines.count(), total);
}

#[test]
fn missing_path_is_one_line_naming_it_and_exit_2() {
    claimdiff()
        .args(["split", "no/such/article.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no/such/article.txt"))
        .stderr(predicate::function(|s: &str| {
            s.trim_end().lines().count() == 1
        }));
}

#[test]
fn empty_file_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.txt");
    std::fs::write(&path, " \n\t\n").unwrap();
    claimdiff()
        .arg("split")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty.txt"));
}

#[test]
fn existing_output_file_survives_a_failed_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    std::fs::write(&out, "precious").unwrap();
    claimdiff()
        .args([
            "split",
            "no/such/article.txt",
            "--format",
            "json",
            "--output",
        ])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    // Nothing else was left in the directory.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn output_file_receives_the_whole_result() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sentences.json");
    claimdiff()
        .arg("split")
        .args(seeds())
        .args(["--format", "json", "--output"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["sources"].as_array().unwrap().len(), 5);
}

#[test]
fn help_shows_examples() {
    claimdiff()
        .args(["split", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}
