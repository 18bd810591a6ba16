//! The Markdown report: `claimdiff compare --format markdown`.

use std::path::PathBuf;

use crate::support::{claimdiff, root};

/// The seeds as relative paths (run from the repository root), so reports name no
/// machine-specific directory.
fn seeds() -> Vec<PathBuf> {
    crate::support::seeds()
        .into_iter()
        .map(|p| p.strip_prefix(root()).map(PathBuf::from).unwrap_or(p))
        .collect()
}

const TAMPERED: &str = "fixtures/report/tass_escape_payloads.txt";
const TASS: &str = "seeds/003_3bdfc0fa5141ee29.txt";

fn markdown_of(args: &[&str], seeds_too: bool) -> String {
    let mut cmd = claimdiff();
    cmd.arg("compare").arg("--format").arg("markdown");
    if seeds_too {
        cmd.args(seeds());
    }
    cmd.args(args);
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 output")
}

#[test]
fn markdown_report_of_the_seeds() {
    insta::assert_snapshot!("markdown_seeds", markdown_of(&[], true));
}

#[test]
fn markdown_has_tables_for_sources_coverage_and_outlets() {
    let md = markdown_of(&[], true);
    assert!(md.contains("| Outlet | Date | Title | Sentences | File |"));
    assert!(md.contains("## Coverage"));
    assert!(md.contains("| # | Claim (base version) | IANS | RT | Press TV | TASS | Xinhua |"));
    assert!(md.contains("| Outlet | Claims told | Only here |"));
    assert!(md.contains("## Headlines"));
    // Every table row has as many cells as its header.
    let mut columns = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let cells = line.replace("\\|", "").matches('|').count();
            match columns {
                None => columns = Some(cells),
                Some(n) => assert_eq!(n, cells, "ragged row: {line}"),
            }
        } else {
            columns = None;
        }
    }
}

#[test]
fn article_text_cannot_inject_markdown_or_escape_sequences() {
    let md = markdown_of(&[TASS, TAMPERED], false);
    for bad in ['\u{1b}', '\u{7}'] {
        assert!(!md.contains(bad), "{bad:?} in the Markdown");
    }
    // `*terrorist*`, `[Islamic State](…)`, `<b>`, `|`, backticks: shown, never markup.
    // (The diff may mark the injected characters as insertions, so they are checked
    // one by one.)
    assert!(md.contains(r"\*terrorist") || md.contains(r"\*</ins>terrorist"));
    assert!(!md.contains(" *terrorist*"));
    assert!(md.contains(r"\](http://evil.example/)"));
    assert!(!md.contains("[Islamic State]("));
    assert!(md.contains(r"\<b\>") && md.contains(r"\</b\>"));
    assert!(md.contains(r"\|"));
    assert!(md.contains(r"\`Russia"));
    assert!(!md.contains("<b>"));
}

#[test]
fn differences_are_struck_through_and_bold() {
    let md = markdown_of(&[TASS, TAMPERED], false);
    // The tampered copy's sentence diffs against the seed's: some change is marked.
    assert!(md.contains("~~") || md.contains("<del>"));
    assert!(md.contains("**") || md.contains("<ins>"));
    assert!(md.contains("*(the same words as the base)*"));
}
