//! Alignment and similarity against the seeds gold and the MSRP paraphrase file.

use std::collections::BTreeSet;

use claimdiff::align::{align, AlignOptions};
use claimdiff::model::{Alignment, OutletFrom, Sentence, SentenceRef, Source};
use claimdiff::similarity::{Scorer, DEFAULT_THRESHOLD};

use crate::support::*;

fn groups_of(alignment: &Alignment) -> Vec<Vec<SentenceRef>> {
    alignment
        .groups
        .iter()
        .map(|g| g.members.iter().map(|m| m.at).collect())
        .collect()
}

/// A source made of the given sentences, one per line of its text.
fn source(id: &str, outlet: &str, title: Option<&str>, sentences: &[&str]) -> Source {
    let mut text = String::new();
    let mut list = Vec::new();
    for (index, s) in sentences.iter().enumerate() {
        let start = text.len();
        text.push_str(s);
        list.push(Sentence {
            index,
            text: s.to_string(),
            start,
            end: text.len(),
            paragraph: index,
        });
        text.push('\n');
    }
    Source {
        outlet: Some(outlet.into()),
        outlet_from: OutletFrom::Label,
        title: title.map(String::from),
        ..Source::from_sentences(id, format!("{id}.txt"), text, list)
    }
}

#[test]
fn seeds_gold_pair_f1_with_default_settings() {
    let sources = gold_sources();
    let alignment = align(&sources, &AlignOptions::default());
    let scores = score_alignment(&sources, &groups_of(&alignment));
    println!(
        "seeds gold: precision {:.3} recall {:.3} F1 {:.3} ({} system pairs, {}/{} sure)",
        scores.precision,
        scores.recall,
        scores.f1,
        scores.system_pairs,
        scores.hits_sure,
        scores.sure_pairs
    );
    // The acceptance level; the defaults reach 0.720 (P 0.643, R 0.818; see
    // src/align/mod.rs).
    assert!(scores.f1 >= 0.70, "{scores:?}");
    assert!(scores.recall >= 0.8, "{scores:?}");
    assert!(scores.precision >= 0.6, "{scores:?}");
}

#[test]
fn msrp_accuracy_at_the_default_threshold() {
    let pairs = msrp_pairs();
    assert_eq!(pairs.len(), 4076);
    let scorer = Scorer::default();
    let (mut tp, mut fp, mut tn, mut fn_) = (0usize, 0usize, 0usize, 0usize);
    for pair in &pairs {
        match (
            scorer.score(&pair.a, &pair.b) >= DEFAULT_THRESHOLD,
            pair.paraphrase,
        ) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, false) => tn += 1,
            (false, true) => fn_ += 1,
        }
    }
    let accuracy = (tp + tn) as f64 / pairs.len() as f64;
    let f1 = 2.0 * tp as f64 / (2 * tp + fp + fn_) as f64;
    println!("MSRP train at the default threshold: accuracy {accuracy:.4}, F1 {f1:.4}");
    // The target is 0.75 (the learned model reaches 0.758 on all pairs, 0.755
    // 5-fold cross-validated); unigram Jaccard reaches 0.728 with its best threshold,
    // MiniLM cosine 0.734.
    assert!(accuracy >= 0.75, "accuracy {accuracy:.4}");
    assert!(f1 >= 0.82, "F1 {f1:.4}");
}

#[test]
fn a_claim_inside_a_long_sentence_aligns_by_its_clause() {
    // IANS wraps "a significant decrease in violence" in a statement that also carries a
    // second claim; RT and TASS report the decrease in their own words and frames.
    let sources = gold_sources();
    let at = |file: &str, snippet: &str| locate(&sources, file, snippet).expect(snippet);
    let ians = at(
        "000_c276cc8304693b7a.txt",
        "have brought about a significant decrease in violence",
    );
    let rt = at(
        "001_2938f989492e409a.txt",
        "stressed that a decrease in violence was registered",
    );
    let tass = at(
        "003_3bdfc0fa5141ee29.txt",
        "has helped to dramatically decrease violence",
    );
    let alignment = align(&sources, &AlignOptions::default());
    let group = groups_of(&alignment)
        .into_iter()
        .find(|g| g.contains(&ians))
        .expect("the IANS sentence is in a group");
    assert!(group.contains(&rt) && group.contains(&tass), "{group:?}");
}

#[test]
fn alignment_is_deterministic() {
    let sources = gold_sources();
    let options = AlignOptions::default();
    assert_eq!(align(&sources, &options), align(&sources, &options));
}

#[test]
fn a_group_holds_at_most_one_sentence_per_source() {
    let sources = gold_sources();
    for threshold in [0.2, 0.35, DEFAULT_THRESHOLD] {
        let alignment = align(
            &sources,
            &AlignOptions {
                threshold,
                ..AlignOptions::default()
            },
        );
        for g in &alignment.groups {
            let sources_in: BTreeSet<usize> = g.members.iter().map(|m| m.at.source).collect();
            assert_eq!(sources_in.len(), g.members.len(), "{g:?}");
            assert!(g.members.len() >= 2);
            assert!(g.members.iter().any(|m| m.at == g.pivot));
        }
    }
}

#[test]
fn unmatched_lists_exactly_the_sentences_in_no_group() {
    let sources = gold_sources();
    let alignment = align(&sources, &AlignOptions::default());
    let grouped: BTreeSet<SentenceRef> = alignment
        .groups
        .iter()
        .flat_map(|g| g.members.iter().map(|m| m.at))
        .collect();
    let all: BTreeSet<SentenceRef> = sources
        .iter()
        .enumerate()
        .flat_map(|(source, s)| {
            (0..s.sentences.len()).map(move |sentence| SentenceRef { source, sentence })
        })
        .collect();
    let unmatched: BTreeSet<SentenceRef> = alignment.unmatched.iter().copied().collect();
    assert_eq!(unmatched.len(), alignment.unmatched.len(), "no duplicates");
    assert_eq!(
        unmatched,
        all.difference(&grouped).copied().collect::<BTreeSet<_>>()
    );
}

#[test]
fn groups_carried_by_more_sources_come_first_and_are_numbered_in_order() {
    let alignment = align(&gold_sources(), &AlignOptions::default());
    for (i, g) in alignment.groups.iter().enumerate() {
        assert_eq!(g.id, i);
    }
    assert!(alignment
        .groups
        .windows(2)
        .all(|w| w[0].members.len() >= w[1].members.len()));
}

#[test]
fn min_sources_drops_smaller_groups_into_unmatched() {
    let sources = gold_sources();
    let all = align(&sources, &AlignOptions::default());
    let three = align(
        &sources,
        &AlignOptions {
            min_sources: 3,
            ..AlignOptions::default()
        },
    );
    assert!(three.groups.iter().all(|g| g.members.len() >= 3));
    let kept = all.groups.iter().filter(|g| g.members.len() >= 3).count();
    assert_eq!(three.groups.len(), kept);
    let dropped = all
        .groups
        .iter()
        .filter(|g| g.members.len() < 3)
        .map(|g| g.members.len())
        .sum::<usize>();
    assert_eq!(three.unmatched.len(), all.unmatched.len() + dropped);
}

#[test]
fn titles_are_aligned_as_their_own_row() {
    let sources = gold_sources();
    let alignment = align(&sources, &AlignOptions::default());
    let titles = alignment.titles.expect("three seeds have titles");
    let titled: Vec<usize> = sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.title.is_some())
        .map(|(i, _)| i)
        .collect();
    let members: Vec<usize> = titles.members.iter().map(|(s, _)| *s).collect();
    assert_eq!(members, titled);
    assert!(titled.contains(&titles.pivot));
    for (source, score) in &titles.members {
        assert!((0.0..=1.0).contains(score));
        if *source == titles.pivot {
            assert_eq!(*score, 1.0);
        }
    }
}

#[test]
fn no_titles_row_with_fewer_than_two_titles() {
    let a = source("s1", "A", Some("Truce holds"), &["The truce holds."]);
    let b = source("s2", "B", None, &["The truce holds."]);
    assert_eq!(align(&[a, b], &AlignOptions::default()).titles, None);
}

#[test]
fn base_outlet_is_the_pivot_of_every_group_it_is_in() {
    let sources = gold_sources();
    let alignment = align(
        &sources,
        &AlignOptions {
            base: Some("tass".into()),
            ..AlignOptions::default()
        },
    );
    let tass = sources
        .iter()
        .position(|s| s.outlet.as_deref() == Some("TASS"))
        .expect("a TASS seed");
    let mut seen = 0;
    for g in &alignment.groups {
        if g.members.iter().any(|m| m.at.source == tass) {
            assert_eq!(g.pivot.source, tass, "{g:?}");
            seen += 1;
        }
    }
    assert!(seen > 0);
    if let Some(titles) = &alignment.titles {
        assert_eq!(titles.pivot, tass);
    }
}

#[test]
fn pivot_scores_and_shared_terms_are_consistent() {
    let alignment = align(&gold_sources(), &AlignOptions::default());
    for g in &alignment.groups {
        for m in &g.members {
            if m.at == g.pivot {
                assert_eq!(m.score, 1.0);
                continue;
            }
            assert!(m.score >= 0.0 && m.score <= 1.0);
            let total: f64 = m.shared_terms.iter().map(|t| t.weight).sum();
            assert!(total > 0.0 && total <= 1.0 + 1e-9, "{m:?}");
            assert!(m
                .shared_terms
                .windows(2)
                .all(|w| w[0].weight >= w[1].weight));
        }
    }
}

#[test]
fn daesh_and_islamic_state_sentences_align() {
    let a = source(
        "s1",
        "Press TV",
        None,
        &[
            "Under the truce, attacks are allowed on Daesh.",
            "Aid convoys reached the besieged town of Madaya.",
        ],
    );
    let b = source(
        "s2",
        "TASS",
        None,
        &[
            "Parliament approved the annual budget on Friday.",
            "The truce does not cover the Islamic State group.",
        ],
    );
    let alignment = align(&[a, b], &AlignOptions::default());
    let groups = groups_of(&alignment);
    assert!(
        groups.contains(&vec![
            SentenceRef {
                source: 0,
                sentence: 0
            },
            SentenceRef {
                source: 1,
                sentence: 1
            }
        ]),
        "{alignment:?}"
    );
}

#[test]
fn a_tiny_work_budget_is_noted_and_still_gives_a_valid_alignment() {
    let sources = gold_sources();
    let alignment = align(
        &sources,
        &AlignOptions {
            max_comparisons: 50,
            ..AlignOptions::default()
        },
    );
    assert!(
        alignment.notes.iter().any(|n| n.contains("work budget")),
        "{:?}",
        alignment.notes
    );
    for g in &alignment.groups {
        let sources_in: BTreeSet<usize> = g.members.iter().map(|m| m.at.source).collect();
        assert_eq!(sources_in.len(), g.members.len());
    }
}

#[test]
fn empty_and_single_sources_align_to_nothing() {
    assert_eq!(align(&[], &AlignOptions::default()), Alignment::default());
    let a = source("s1", "A", None, &["One claim.", "Another claim."]);
    let alignment = align(std::slice::from_ref(&a), &AlignOptions::default());
    assert!(alignment.groups.is_empty());
    assert_eq!(alignment.unmatched.len(), 2);
    let empty = source("s2", "B", None, &[]);
    let alignment = align(&[a, empty], &AlignOptions::default());
    assert!(alignment.groups.is_empty());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Short sentences over a small vocabulary (so that pairs do match), with odd
    /// characters mixed in.
    fn sentence() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "truce",
                "Daesh",
                "Islamic State",
                "held",
                "February",
                "22",
                "fifteen",
                "U.S.",
                "Moscow",
                "violence",
                "decrease",
                "é\u{301}",
                "“",
                "—",
                "co-chairs",
                "minister",
                "Lavrov",
                "said",
                "'s",
                "\u{FEFF}",
                "Feb.",
            ]),
            0..12,
        )
        .prop_map(|words| words.join(" "))
    }

    fn sources() -> impl Strategy<Value = Vec<Source>> {
        prop::collection::vec(prop::collection::vec(sentence(), 0..6), 0..5).prop_map(|articles| {
            articles
                .iter()
                .enumerate()
                .map(|(i, sentences)| {
                    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
                    source(&format!("s{}", i + 1), &format!("Outlet {i}"), None, &refs)
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_input_gives_groups_one_per_source_and_a_complete_unmatched_list(
            sources in sources(),
            threshold in 0.0f64..1.0,
        ) {
            let alignment = align(&sources, &AlignOptions { threshold, ..AlignOptions::default() });
            let mut seen = BTreeSet::new();
            for g in &alignment.groups {
                let in_group: BTreeSet<usize> = g.members.iter().map(|m| m.at.source).collect();
                prop_assert_eq!(in_group.len(), g.members.len());
                for m in &g.members {
                    prop_assert!(seen.insert(m.at), "a sentence in two groups");
                    prop_assert!((0.0..=1.0).contains(&m.score));
                }
            }
            for r in &alignment.unmatched {
                prop_assert!(seen.insert(*r), "an unmatched sentence in a group");
            }
            let total: usize = sources.iter().map(|s| s.sentences.len()).sum();
            prop_assert_eq!(seen.len(), total);
        }
    }
}
