//! Output safety: a closed pipe is success, and article text carrying HTML/JS or terminal
//! escape payloads is inert in every format (each renderer's own file tests its format
//! in depth; this crosses every payload fixture with every format).

use std::process::Stdio;

use crate::support::*;

/// The payload fixtures, each compared with the seed it was made from.
fn payload_runs() -> Vec<(&'static str, Vec<std::path::PathBuf>)> {
    let seeds = seeds();
    vec![
        (
            "fixtures/report/tass_escape_payloads.txt",
            vec![
                root().join("fixtures/report/tass_escape_payloads.txt"),
                seeds[3].clone(),
            ],
        ),
        (
            "fixtures/report/xss_rt.txt",
            vec![root().join("fixtures/report/xss_rt.txt"), seeds[3].clone()],
        ),
    ]
}

fn compare(paths: &[std::path::PathBuf], format: &str, color: &str) -> String {
    let out = claimdiff()
        .arg("compare")
        .args(paths)
        .args(["--format", format, "--color", color])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("output is UTF-8")
}

#[test]
fn compare_into_a_closed_pipe_exits_quietly() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdiff"))
        .arg("compare")
        .args(seeds())
        .args(["--format", "html"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimdiff starts");
    // The reader goes away before reading anything, as `| head -c0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("claimdiff ends");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn escape_payloads_reach_no_format_raw() {
    for (fixture, paths) in payload_runs() {
        for format in ["terminal", "markdown", "html", "json"] {
            let out = compare(&paths, format, "never");
            for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{9d}'] {
                assert!(
                    !out.contains(bad),
                    "{fixture} as {format}: raw {bad:?} in the output"
                );
            }
        }
        // With colour on, the only escapes are the report's own SGR sequences.
        let coloured = compare(&paths, "terminal", "always");
        for (at, _) in coloured.match_indices('\u{1b}') {
            let rest = &coloured[at + 1..];
            let params = rest.strip_prefix('[').unwrap_or_else(|| {
                panic!(
                    "{fixture}: non-CSI escape {:?}",
                    &rest[..rest.len().min(12)]
                )
            });
            let end = params
                .find(|c: char| !(c.is_ascii_digit() || c == ';'))
                .unwrap_or(params.len());
            assert!(
                params[end..].starts_with('m'),
                "{fixture}: non-SGR escape {:?}",
                &rest[..rest.len().min(12)]
            );
        }
    }
}

#[test]
fn markup_payloads_are_text_in_every_format() {
    for (fixture, paths) in payload_runs() {
        let html = compare(&paths, "html", "never").to_ascii_lowercase();
        assert_eq!(
            html.matches("<script").count(),
            1,
            "{fixture}: a second script"
        );
        for tag in [
            "<img",
            "<svg onload",
            "<b>jabhat",
            "<b onmouseover",
            "href=\"javascript:",
        ] {
            assert!(!html.contains(tag), "{fixture}: {tag} in the HTML");
        }
        let markdown = compare(&paths, "markdown", "never");
        for (at, _) in markdown.match_indices('<') {
            let rest = &markdown[at..];
            let own = ["<ins>", "</ins>", "<del>", "</del>", "<br>"]
                .iter()
                .any(|t| rest.starts_with(t));
            assert!(
                own || markdown[..at].ends_with('\\'),
                "{fixture}: unescaped < in Markdown: {:?}",
                &rest[..rest.len().min(30)]
            );
        }
        // JSON keeps the text as data: it parses, and the payload is in a string.
        let json: serde_json::Value =
            serde_json::from_str(&compare(&paths, "json", "never")).expect("JSON parses");
        let sources = json["sources"].to_string();
        assert!(
            sources.contains("\\u001b") || sources.contains("<script") || sources.contains("<img"),
            "{fixture}: the payload is kept as data in JSON"
        );
    }
}

#[test]
fn an_output_file_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::copy(&seeds[0], &a).unwrap();
    std::fs::copy(&seeds[3], &b).unwrap();
    let before = std::fs::read(&a).unwrap();
    // Given by name, or inside a directory given.
    for inputs in [vec![a.clone(), b.clone()], vec![dir.path().to_path_buf()]] {
        let out = claimdiff()
            .arg("compare")
            .args(&inputs)
            .args(["--format", "markdown", "--output"])
            .arg(&a)
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let stderr = String::from_utf8_lossy(&out);
        assert!(stderr.contains("a.txt: is also an input"), "{stderr}");
        assert_eq!(
            std::fs::read(&a).unwrap(),
            before,
            "the article is untouched"
        );
    }
    // A new report file beside the articles is fine.
    claimdiff()
        .arg("compare")
        .args([&a, &b])
        .args(["--format", "markdown", "--output"])
        .arg(dir.path().join("report.md"))
        .assert()
        .success();
}

/// `split` of the seeds as JSON, as a report a test can check.
fn split_into(output: &std::path::Path) -> assert_cmd::assert::Assert {
    claimdiff()
        .arg("split")
        .args(seeds())
        .args(["--format", "json", "--output"])
        .arg(output)
        .assert()
}

#[cfg(unix)]
#[test]
fn output_to_a_device_writes_to_it_and_leaves_the_device_in_place() {
    use std::os::unix::fs::FileTypeExt;
    // Renaming a finished file over /dev/null would replace the device for every program
    // (as root) or fail (as anyone else).
    split_into(std::path::Path::new("/dev/null")).success();
    let kind = std::fs::metadata("/dev/null").unwrap().file_type();
    assert!(kind.is_char_device(), "/dev/null is still a device");
}

#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_is_read_by_the_reader_at_the_other_end() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = make_fifo(dir.path(), "report.fifo");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(&fifo)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        })
    };
    split_into(&fifo).success();
    // Checked before waiting for the reader, which waits forever if nothing wrote.
    let kind = std::fs::metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe is still a pipe");
    let text = reader.join().unwrap();
    let report: serde_json::Value = serde_json::from_str(&text).expect("the pipe carried JSON");
    assert_eq!(report["version"], 1);
}

#[cfg(unix)]
#[test]
fn output_through_a_symbolic_link_replaces_the_file_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("reports/latest.json");
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::write(&real, "old report").unwrap();
    let link = dir.path().join("latest.json");
    std::os::unix::fs::symlink("reports/latest.json", &link).unwrap();
    split_into(&link).success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is kept"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&real).unwrap()).expect("JSON");
    assert_eq!(report["version"], 1, "the file the link names was replaced");
}
