//! The terminal report: `claimdiff compare` without `--format`.

use unicode_width::UnicodeWidthStr;

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
const RT: &str = "seeds/001_2938f989492e409a.txt";

fn stdout_of(args: &[&str], seeds_too: bool) -> String {
    let mut cmd = claimdiff();
    cmd.arg("compare");
    if seeds_too {
        cmd.args(seeds());
    }
    cmd.args(args);
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 output")
}

/// The text without our SGR sequences (`ESC [ … m`).
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn terminal_report_of_the_seeds() {
    let out = stdout_of(&["--color", "never", "--width", "100"], true);
    insta::assert_snapshot!("terminal_seeds", out);
}

#[test]
fn report_has_sources_claims_only_in_sections_coverage_and_outlets() {
    let out = stdout_of(&["--color", "never", "--width", "100"], true);
    for heading in [
        "Sources",
        "Claim 1 ·",
        "Only in TASS",
        "Coverage",
        "Outlets",
    ] {
        assert!(out.contains(heading), "no {heading:?} in\n{out}");
    }
    // One header line per source, with its outlet and date.
    assert!(out.contains("TASS      2016-03-06"));
    assert!(out.contains("[naming]"));
}

#[test]
fn no_colour_means_no_escape_bytes() {
    let never = stdout_of(&["--color", "never"], true);
    assert!(!never.contains('\u{1b}'));
    let mut cmd = claimdiff();
    cmd.arg("compare").args(seeds()).env("NO_COLOR", "1");
    let out = cmd.assert().success().get_output().stdout.clone();
    assert!(!out.contains(&0x1b));
}

#[test]
fn colour_always_styles_differences_and_every_line_resets() {
    let out = stdout_of(&["--color", "always", "--width", "80"], true);
    assert!(out.contains("\u{1b}[1;36m"), "no insertion style");
    assert!(out.contains("\u{1b}[9;31m"), "no deletion style");
    for line in out.lines() {
        // No style is left open across a line break.
        if let Some(last) = line.rfind("\u{1b}[") {
            assert!(
                line[last..].starts_with("\u{1b}[0m"),
                "open style in {line:?}"
            );
        }
    }
    // Without colour the same differences are marked in text.
    let plain = stdout_of(&["--color", "never", "--width", "80"], true);
    assert!(plain.contains("{+") && plain.contains("+}"));
    assert!(plain.contains("[-") && plain.contains("-]"));
}

#[test]
fn lines_fit_the_width_in_display_columns() {
    for (width, colour) in [("40", "never"), ("100", "never"), ("80", "always")] {
        {
            let out = stdout_of(&["--color", colour, "--width", width], true);
            let max: usize = width.parse().unwrap();
            for line in out.lines() {
                let shown = strip_sgr(line);
                assert!(
                    shown.width() <= max,
                    "{} columns > {max}: {shown:?}",
                    shown.width()
                );
            }
        }
    }
}

#[test]
fn escape_sequences_in_articles_are_rendered_inert() {
    for colour in ["never", "always"] {
        let out = stdout_of(
            &[TASS, TAMPERED, "--color", colour, "--width", "100"],
            false,
        );
        let shown = strip_sgr(&out);
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{9d}'] {
            assert!(!shown.contains(bad), "{bad:?} reached the terminal");
        }
        assert!(!out.contains("8;;http"), "an OSC 8 hyperlink leaked");
        assert!(!out.contains("[31m") && !out.contains("[2J"));
        // The words around the payloads are kept.
        assert!(shown.contains("United States") || shown.contains("United"));
    }
}

#[test]
fn identical_sentences_say_so_instead_of_repeating() {
    let out = stdout_of(&[TASS, TAMPERED, "--color", "never"], false);
    assert!(out.contains("(the same words as the base)"));
    assert!(out.contains("[reuse]"));
}

#[test]
fn side_by_side_shows_two_columns_within_the_width() {
    let out = stdout_of(
        &[
            TASS,
            RT,
            "--side-by-side",
            "--color",
            "never",
            "--width",
            "90",
        ],
        false,
    );
    assert!(out.contains(" │ "));
    let header = out
        .lines()
        .find(|l| l.starts_with("TASS"))
        .expect("header row");
    assert!(header.contains("│ RT"));
    for line in out.lines() {
        assert!(line.width() <= 90, "too wide: {line:?}");
    }
}

#[test]
fn side_by_side_picks_two_outlets_of_a_larger_comparison() {
    let out = stdout_of(&["--side-by-side=tass,Press TV", "--color", "never"], true);
    let header = out
        .lines()
        .find(|l| l.starts_with("TASS"))
        .expect("header row");
    assert!(header.contains("│ Press TV"));
}

#[test]
fn side_by_side_of_many_articles_needs_two_names() {
    let mut cmd = claimdiff();
    cmd.arg("compare").args(seeds()).arg("--side-by-side");
    cmd.assert()
        .code(2)
        .stderr(predicates::str::contains("--side-by-side=OUTLET,OUTLET"))
        .stderr(predicates::str::contains("TASS (s4)"));
    let mut cmd = claimdiff();
    cmd.arg("compare")
        .args(seeds())
        .arg("--side-by-side=TASS,Reuters");
    cmd.assert()
        .code(2)
        .stderr(predicates::str::contains("no outlet “Reuters”"));
}

#[test]
fn side_by_side_is_refused_for_other_formats() {
    let mut cmd = claimdiff();
    cmd.args([
        "compare",
        TASS,
        RT,
        "--side-by-side",
        "--format",
        "markdown",
    ]);
    cmd.assert()
        .code(2)
        .stderr(predicates::str::contains("terminal format only"));
}
