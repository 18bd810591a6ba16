//! The scorer port agrees with the gold on the gold itself.

use crate::support::*;

#[test]
fn gold_groups_score_perfect_recall() {
    let sources = gold_sources();
    let gold = gold();
    let groups: Vec<Vec<_>> = gold["alignment"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["kind"] == "sure")
        .map(|g| {
            g["members"]
                .as_object()
                .unwrap()
                .iter()
                .filter_map(|(f, s)| locate(&sources, f, s.as_str().unwrap()))
                .collect()
        })
        .collect();
    let scores = score_alignment(&sources, &groups);
    assert_eq!(scores.sure_pairs, 11);
    assert_eq!(scores.hits_sure, 11);
    assert!((scores.f1 - 1.0).abs() < 1e-9, "{scores:?}");
}

#[test]
fn seed_sentences_come_out_with_the_gold_spans() {
    let options = claimdiff::pipeline::LoadOptions::default();
    let sources = claimdiff::pipeline::load_sources(&seed_paths(), &options).expect("seeds load");
    let score = score_split(&sources);
    println!(
        "seeds sentences: {}/{} exact, {} extra",
        score.correct, score.total, score.extra
    );
    assert_eq!(score.total, 82);
    assert!(
        score.correct == score.total && score.extra == 0,
        "{:#?}",
        score.wrong
    );
}
