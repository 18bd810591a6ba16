//! Robustness of the whole pipeline: arbitrary text never panics and every renderer's
//! output holds; the budgets that cap worst cases say so in the warnings; fuzz findings are
//! pinned here as regression tests.

use claimdiff::ingest::boilerplate::Rules;
use claimdiff::pipeline::{compare_sources, prepare, CompareOptions, Comparison};
use claimdiff::render::{html, json, markdown, terminal, ReportOptions};
use claimdiff::{Document, Metadata, Source};
use proptest::prelude::*;

/// A source prepared from text as a file's would be (cleaning, segmentation).
fn source(id: usize, text: &str) -> Source {
    let doc = Document {
        id: format!("s{id}"),
        path: format!("robustness-{id}.txt"),
        body: 0..text.len(),
        text: text.to_string(),
        encoding: "UTF-8".into(),
        meta: Metadata::default(),
    };
    prepare(doc, &Rules::builtin(), false)
}

fn compare_texts(texts: &[&str]) -> claimdiff::Result<Comparison> {
    let sources = texts
        .iter()
        .enumerate()
        .map(|(i, t)| source(i + 1, t))
        .collect();
    compare_sources(sources, &CompareOptions::default())
}

/// Every renderer, with and without colour: none may fail, and the JSON must parse.
fn render_all(comparison: &Comparison) -> serde_json::Value {
    for color in [false, true] {
        let options = ReportOptions { color, width: 60 };
        let mut out = Vec::new();
        terminal::write_report(&mut out, comparison, &options).expect("terminal");
        markdown::write_report(&mut out, comparison, &options).expect("markdown");
    }
    assert!(html::report_to_string(comparison).contains("</html>"));
    serde_json::from_str(&json::compare_to_string(comparison)).expect("JSON parses")
}

/// Article-like pieces and arbitrary Unicode, so that both the real paths (sentences that
/// align) and the odd ones (controls, combining marks, RTL, astral) are reached.
fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Lavrov said the ceasefire holds. ".to_string()),
        Just("The ministry said on Sunday that 15 members backed it. ".to_string()),
        Just("“Daesh is excluded,” Kerry said.\n\n".to_string()),
        Just("\u{1b}[31m\u{7}<script>x</script> ".to_string()),
        "[a-zA-Z .,\n]{0,30}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn compare_on_arbitrary_unicode_never_panics_and_its_json_parses(
        a in article(),
        b in article(),
        c in prop::option::of(article()),
    ) {
        let mut texts = vec![a.as_str(), b.as_str()];
        if let Some(c) = &c {
            texts.push(c);
        }
        // Fewer than two distinct texts is an error, not a panic.
        if let Ok(comparison) = compare_texts(&texts) {
            let value = render_all(&comparison);
            prop_assert_eq!(
                value["sources"].as_array().map(Vec::len),
                Some(comparison.sources.len())
            );
        }
    }
}

/// Words without punctuation: one "sentence" as long as the text.
fn unpunctuated(bytes: usize, seed: usize) -> String {
    const WORDS: [&str; 12] = [
        "ceasefire",
        "talks",
        "geneva",
        "minister",
        "said",
        "syria",
        "the",
        "of",
        "rebels",
        "aleppo",
        "week",
        "parties",
    ];
    let mut text = String::with_capacity(bytes + 16);
    let mut i = seed;
    while text.len() < bytes {
        text.push_str(WORDS[i % WORDS.len()]);
        text.push(' ');
        i = i.wrapping_mul(7).wrapping_add(3);
    }
    text
}

#[test]
fn a_long_unpunctuated_sentence_is_compared_within_budgets_that_say_so() {
    let (a, b) = (unpunctuated(60_000, 1), unpunctuated(60_000, 2));
    let comparison = compare_texts(&[&a, &b]).expect("two sources");
    assert!(
        comparison
            .warnings
            .iter()
            .any(|w| w.contains("first 4000 bytes")),
        "{:?}",
        comparison.warnings
    );
    render_all(&comparison);
}

#[test]
fn a_grouping_budget_that_runs_out_is_a_warning_and_groups_stay_valid() {
    let options = claimdiff::pipeline::CompareOptions {
        align: claimdiff::align::AlignOptions {
            max_group_work: 1,
            ..Default::default()
        },
        ..Default::default()
    };
    let paths = crate::support::seed_paths();
    let full = claimdiff::pipeline::compare(&paths, &CompareOptions::default()).expect("seeds");
    let cut = claimdiff::pipeline::compare(&paths, &options).expect("seeds");
    assert!(
        !full.warnings.iter().any(|w| w.contains("grouping")),
        "the default budget is far from the seeds: {:?}",
        full.warnings
    );
    assert!(
        cut.warnings
            .iter()
            .any(|w| w.contains("grouping reached its work budget of 1 steps")),
        "{:?}",
        cut.warnings
    );
    assert!(cut.alignment.groups.len() < full.alignment.groups.len());
    for group in &cut.alignment.groups {
        let mut sources: Vec<usize> = group.members.iter().map(|m| m.at.source).collect();
        sources.dedup();
        assert_eq!(
            sources.len(),
            group.members.len(),
            "one sentence per source"
        );
    }
    render_all(&cut);
}
