//! Worksheets against the comparison they came from: every answer of every exercise is
//! checked against the alignment, the diffs and the profiles, on the seeds, at every
//! level and on several seeds.

use std::sync::OnceLock;

use claimdiff::exercise::{self, Exercise, ExerciseOptions, Kind, Level, Worksheet};
use claimdiff::model::{FramingTag, GroupDiff, SentenceRef, TagKind};
use claimdiff::pipeline::{compare, CompareOptions, Comparison};
use claimdiff::render::exercise::{markdown, WorksheetOptions};

use crate::support::{root, seed_path, seed_paths};

/// The seeds' comparison, made once.
fn seeds() -> &'static Comparison {
    static SEEDS: OnceLock<Comparison> = OnceLock::new();
    SEEDS.get_or_init(|| compare(&seed_paths(), &CompareOptions::default()).expect("seeds compare"))
}

fn sheet(comparison: &Comparison, kinds: &[Kind], seed: u64, level: Level) -> Worksheet {
    let options = ExerciseOptions {
        kinds: kinds.to_vec(),
        count: 3,
        seed,
        level,
        ..ExerciseOptions::default()
    };
    exercise::build(comparison, &options).expect("worksheet")
}

/// Every worksheet the checks run over: all kinds, three levels, several seeds.
fn sheets() -> Vec<Worksheet> {
    let mut out = Vec::new();
    for level in [Level::Easy, Level::Medium, Level::Hard] {
        for seed in [0, 1, 7, 42, 1234] {
            out.push(sheet(seeds(), &Kind::ALL, seed, level));
        }
    }
    out
}

fn of_kind(sheets: &[Worksheet], kind: Kind) -> Vec<&Exercise> {
    sheets
        .iter()
        .flat_map(|s| &s.exercises)
        .filter(|e| e.kind == kind)
        .collect()
}

fn diff_of(comparison: &Comparison, group: Option<usize>) -> &GroupDiff {
    let group = group.expect("exercise made from a claim group");
    comparison
        .diffs
        .iter()
        .find(|d| d.group == group)
        .expect("the group's diff")
}

fn all_tags(diff: &GroupDiff) -> Vec<&FramingTag> {
    diff.members
        .iter()
        .flat_map(|m| &m.tags)
        .chain(&diff.tags)
        .collect()
}

fn sentence_text(comparison: &Comparison, at: SentenceRef) -> &str {
    &comparison.sources[at.source].sentences[at.sentence].text
}

fn in_group(comparison: &Comparison, group: usize, at: SentenceRef) -> bool {
    comparison
        .alignment
        .groups
        .iter()
        .find(|g| g.id == group)
        .is_some_and(|g| g.members.iter().any(|m| m.at == at))
}

#[test]
fn every_kind_is_made_from_the_seeds() {
    let sheet = sheet(seeds(), &[], 0, Level::Medium);
    for kind in Kind::ALL {
        assert!(
            sheet.exercises.iter().any(|e| e.kind == kind),
            "no {} exercise from the seeds",
            kind.as_str()
        );
    }
}

#[test]
fn passages_are_the_articles_own_sentences() {
    for sheet in sheets() {
        check_passages(seeds(), &sheet);
    }
}

fn check_passages(c: &Comparison, sheet: &Worksheet) {
    for ex in &sheet.exercises {
        for passage in &ex.passages {
            match passage.at {
                Some(at) => {
                    assert_eq!(passage.text, sentence_text(c, at));
                    assert_eq!(passage.source, at.source);
                    assert!(in_group(c, ex.group.expect("group"), at));
                }
                None => assert_eq!(
                    Some(passage.text.as_str()),
                    c.sources[passage.source].title.as_deref().map(str::trim)
                ),
            }
            for range in &passage.highlights {
                assert!(
                    passage.text.get(range.clone()).is_some(),
                    "highlight off a character boundary"
                );
            }
            if sheet.level != Level::Easy {
                assert!(passage.highlights.is_empty(), "hints only at easy");
            }
        }
    }
}

#[test]
fn the_hidden_outlet_of_each_version_is_the_source_of_that_sentence() {
    let sheets = sheets();
    let exercises = of_kind(&sheets, Kind::MatchOutlet);
    assert!(!exercises.is_empty());
    for ex in exercises {
        check_match_outlet(seeds(), ex);
    }
}

fn check_match_outlet(c: &Comparison, ex: &Exercise) {
    assert_eq!(ex.passages.len(), ex.questions.len());
    let diff = diff_of(c, ex.group);
    let group_tags = all_tags(diff);
    for (passage, question) in ex.passages.iter().zip(&ex.questions) {
        assert!(!passage.named, "the outlet is what is asked");
        let choice = question.answer.choice.expect("a choice question");
        assert_eq!(question.choices[choice].source, Some(passage.source));
        assert_eq!(
            question.answer.text,
            c.sources[passage.source].display_name()
        );
        for tag in &question.answer.evidence {
            assert!(group_tags.contains(&tag), "evidence is a tag of the group");
            let at = passage.at.expect("a sentence");
            assert!(
                tag.member.at == at || tag.counterpart.as_ref().is_some_and(|t| t.at == at),
                "evidence concerns the version it explains"
            );
        }
    }
}

#[test]
fn every_listed_difference_is_a_tag_between_the_two_versions() {
    let sheets = sheets();
    let exercises = of_kind(&sheets, Kind::SpotDifference);
    assert!(!exercises.is_empty());
    for ex in exercises {
        check_spot_difference(seeds(), ex);
    }
}

fn check_spot_difference(c: &Comparison, ex: &Exercise) {
    let diff = diff_of(c, ex.group);
    assert!(
        (2..=3).contains(&ex.passages.len()),
        "two or three versions"
    );
    assert_eq!(ex.passages[0].at, Some(diff.pivot));
    for (passage, question) in ex.passages.iter().skip(1).zip(&ex.questions) {
        let member = diff
            .members
            .iter()
            .find(|m| Some(m.member) == passage.at)
            .expect("the version is a member of the group");
        assert!(!question.answer.evidence.is_empty());
        assert_eq!(
            question.answer.reasons.len(),
            question.answer.evidence.len()
        );
        for tag in &question.answer.evidence {
            assert!(member.tags.contains(tag), "listed difference is a tag");
            assert_ne!(tag.kind, TagKind::Reuse);
            assert!(question
                .answer
                .reasons
                .iter()
                .any(|r| r.starts_with(tag.kind.as_str())));
        }
    }
    // The kind question, when there is one, names the kind of its tag.
    for question in ex.questions.iter().filter(|q| !q.choices.is_empty()) {
        let choice = question.answer.choice.expect("right choice");
        let tag = &question.answer.evidence[0];
        assert_eq!(question.choices[choice].kind, Some(tag.kind));
        assert!(all_tags(diff).contains(&tag));
    }
}

#[test]
fn the_missing_outlet_really_has_no_sentence_in_the_claim() {
    let sheets = sheets();
    let exercises = of_kind(&sheets, Kind::MissingClaim);
    assert!(!exercises.is_empty());
    for ex in exercises {
        check_missing_claim(seeds(), ex);
    }
}

fn check_missing_claim(c: &Comparison, ex: &Exercise) {
    let group_id = ex.group.expect("group");
    let group = c
        .alignment
        .groups
        .iter()
        .find(|g| g.id == group_id)
        .expect("group");
    let question = &ex.questions[0];
    let choice = question.answer.choice.expect("a choice question");
    let missing = question.choices[choice].source.expect("an outlet");
    assert!(group.members.iter().all(|m| m.at.source != missing));
    assert!(c.profiles[missing].claims_omitted.contains(&group_id));
    // Every other choice reports the claim: the answer is the only one.
    for (i, other) in question.choices.iter().enumerate() {
        if i != choice {
            let source = other.source.expect("an outlet");
            assert!(group.members.iter().any(|m| m.at.source == source));
        }
    }
    assert!(ex.passages.iter().all(|p| p.source != missing));
}

#[test]
fn every_number_conflict_really_differs_between_versions() {
    let sheets = sheets();
    let exercises = of_kind(&sheets, Kind::Numbers);
    assert!(!exercises.is_empty());
    for ex in exercises {
        check_numbers(seeds(), ex);
    }
}

fn check_numbers(c: &Comparison, ex: &Exercise) {
    let tags = all_tags(diff_of(c, ex.group));
    let evidence = &ex.questions[0].answer.evidence;
    assert!(!evidence.is_empty());
    for tag in evidence {
        assert!(matches!(tag.kind, TagKind::Number | TagKind::Date));
        assert!(tags.contains(&tag));
        let other = tag.counterpart.as_ref().expect("two sides");
        assert_ne!(tag.member.text, other.text, "the figures differ");
        assert_ne!(tag.member.at.source, other.at.source);
        for side in [&tag.member, other] {
            assert!(
                ex.passages.iter().any(|p| p.at == Some(side.at)),
                "both versions are shown"
            );
        }
    }
}

#[test]
fn headline_differences_are_in_the_headlines() {
    let sheets = sheets();
    let exercises = of_kind(&sheets, Kind::Headline);
    assert!(!exercises.is_empty());
    for ex in exercises {
        check_headline(seeds(), ex);
    }
}

fn check_headline(c: &Comparison, ex: &Exercise) {
    assert!(ex.passages.len() >= 2);
    for question in &ex.questions {
        for tag in &question.answer.evidence {
            for side in std::iter::once(&tag.member).chain(tag.counterpart.as_ref()) {
                let title = c.sources[side.at.source]
                    .title
                    .as_deref()
                    .expect("title")
                    .trim();
                assert_eq!(title.get(side.start..side.end), Some(side.text.as_str()));
            }
        }
        if let Some(choice) = question.answer.choice {
            let source = question.choices[choice].source.expect("an outlet");
            assert!(c.sources[source].title.is_some());
            if question.prompt.contains("the most nearly the same thing") {
                let row = c.alignment.titles.as_ref().expect("title row");
                let best = row
                    .members
                    .iter()
                    .filter(|(s, _)| *s != row.pivot)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .expect("other titles");
                assert_eq!(source, best.0, "the closest headline by the title row");
            }
        }
    }
}

/// Every check, on every exercise of a worksheet.
fn check_sheet(c: &Comparison, sheet: &Worksheet) {
    check_passages(c, sheet);
    for ex in &sheet.exercises {
        match ex.kind {
            Kind::MatchOutlet => check_match_outlet(c, ex),
            Kind::SpotDifference => check_spot_difference(c, ex),
            Kind::MissingClaim => check_missing_claim(c, ex),
            Kind::Numbers => check_numbers(c, ex),
            Kind::Headline => check_headline(c, ex),
        }
    }
}

#[test]
fn answers_hold_on_every_pair_and_triple_of_seeds() {
    let paths = seed_paths();
    let n = paths.len();
    let mut subsets: Vec<Vec<std::path::PathBuf>> = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            subsets.push(vec![paths[a].clone(), paths[b].clone()]);
            for c in b + 1..n {
                subsets.push(vec![paths[a].clone(), paths[b].clone(), paths[c].clone()]);
            }
        }
    }
    let mut made = 0;
    for subset in subsets {
        let comparison = compare(&subset, &CompareOptions::default()).expect("compare");
        for (seed, level) in [(0, Level::Easy), (9, Level::Hard)] {
            let sheet = sheet(&comparison, &[], seed, level);
            made += sheet.exercises.len();
            for note in &sheet.notes {
                assert!(!note.reason.is_empty() && note.made < note.wanted);
            }
            check_sheet(&comparison, &sheet);
        }
    }
    assert!(made > 0);
}

#[test]
fn the_same_seed_gives_the_same_worksheet_and_another_seed_another() {
    let a = sheet(seeds(), &[], 7, Level::Medium);
    let b = sheet(seeds(), &[], 7, Level::Medium);
    assert_eq!(a, b);
    let c = sheet(seeds(), &[], 8, Level::Medium);
    assert_ne!(a.exercises, c.exercises);
}

#[test]
fn asking_for_one_more_kind_leaves_the_others_unchanged() {
    let alone = sheet(seeds(), &[Kind::MatchOutlet], 5, Level::Easy);
    let both = sheet(seeds(), &[Kind::Numbers, Kind::MatchOutlet], 5, Level::Easy);
    let matched: Vec<&Exercise> = both
        .exercises
        .iter()
        .filter(|e| e.kind == Kind::MatchOutlet)
        .collect();
    assert_eq!(alone.exercises.iter().collect::<Vec<_>>(), matched);
}

#[test]
fn kinds_the_articles_cannot_support_are_named_with_a_reason() {
    // Two articles without headlines: no headline exercise, no claim left out by one of
    // three; the other kinds are still made.
    let two = compare(
        &[
            seed_path("000_c276cc8304693b7a.txt"),
            seed_path("002_24d9cc06be2b6f2c.txt"),
        ],
        &CompareOptions::default(),
    )
    .expect("compare two");
    let sheet = sheet(&two, &[], 0, Level::Medium);
    let note = |kind: Kind| sheet.notes.iter().find(|n| n.kind == kind);
    let headline = note(Kind::Headline).expect("headline note");
    assert_eq!(headline.made, 0);
    assert!(headline.reason.contains("headline"), "{}", headline.reason);
    let missing = note(Kind::MissingClaim).expect("missing-claim note");
    assert_eq!(missing.made, 0);
    assert!(
        missing.reason.contains("three or more"),
        "{}",
        missing.reason
    );
    assert!(sheet.exercises.iter().all(|e| e.kind != Kind::Headline));
}

#[test]
fn a_count_of_zero_is_refused() {
    let options = ExerciseOptions {
        count: 0,
        ..ExerciseOptions::default()
    };
    let error = exercise::build(seeds(), &options).expect_err("count 0");
    assert!(error.to_string().contains("--count"), "{error}");
}

#[test]
fn injected_markup_stays_text_in_the_markdown_worksheet() {
    let payload = compare(
        &[
            root().join("fixtures/report/xss_rt.txt"),
            seed_path("003_3bdfc0fa5141ee29.txt"),
        ],
        &CompareOptions::default(),
    )
    .expect("compare payload");
    let sheet = sheet(&payload, &[], 0, Level::Easy);
    let doc = markdown::worksheet_to_string(&sheet) + &markdown::answers_to_string(&sheet);
    // Every `<` but those of the hint marks is escaped: no payload becomes markup.
    let unmarked = doc.replace("<mark>", "").replace("</mark>", "");
    for (i, _) in unmarked.match_indices('<') {
        assert_eq!(
            unmarked.get(i.saturating_sub(1)..i),
            Some("\\"),
            "unescaped markup at {}",
            &unmarked[i..(i + 40).min(unmarked.len())]
        );
    }
    assert!(doc.contains(r"\<script\>document.title='pwned'\</script\>"));
}

/// One worksheet of each kind on the seeds, with its key, as a teacher reads it.
#[test]
fn worksheet_snapshots_one_per_kind() {
    for kind in Kind::ALL {
        let options = ExerciseOptions {
            kinds: vec![kind],
            count: 1,
            seed: 1,
            level: Level::Easy,
            ..ExerciseOptions::default()
        };
        let sheet = exercise::build(seeds(), &options).expect("worksheet");
        let mut out = Vec::new();
        markdown::write_worksheet(
            &mut out,
            &sheet,
            &WorksheetOptions {
                with_answers: true,
                reveal: false,
            },
        )
        .expect("render");
        let name = format!("worksheet_{}", kind.as_str().replace('-', "_"));
        insta::assert_snapshot!(name, String::from_utf8(out).expect("UTF-8"));
    }
}
