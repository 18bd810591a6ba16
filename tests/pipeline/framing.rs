//! Word diffs and framing tags on the seeds, with claim groups built from the gold.

use std::sync::OnceLock;

use claimdiff::diff::profile::{profiles, profiles_with};
use claimdiff::diff::tokens::key;
use claimdiff::diff::words::replay;
use claimdiff::diff::{diff_alignment, diff_group, diff_sentences, DiffOptions};
use claimdiff::model::{
    Alignment, ClaimGroup, FramingTag, GroupMember, OutletFrom, Sentence, SentenceRef, Source,
    TagKind,
};
use proptest::prelude::*;
use serde_json::Value;

use crate::support::{gold, gold_sources, locate, root};

/// The gold's groups as claim groups over `sources`; the pivot is the member of
/// `pivot_file` when given, else the first member.
fn gold_groups(sources: &[Source], kind: Option<&str>) -> Vec<ClaimGroup> {
    let gold = gold();
    gold["alignment"]
        .as_array()
        .expect("alignment")
        .iter()
        .filter(|g| kind.is_none_or(|k| g["kind"].as_str() == Some(k)))
        .filter_map(|g| group_from_gold(sources, g))
        .enumerate()
        .map(|(id, mut g)| {
            g.id = id;
            g
        })
        .collect()
}

fn group_from_gold(sources: &[Source], group: &Value) -> Option<ClaimGroup> {
    let mut members: Vec<SentenceRef> = group["members"]
        .as_object()?
        .iter()
        .filter_map(|(file, snippet)| locate(sources, file, snippet.as_str()?))
        .collect();
    members.sort();
    let pivot = *members.first()?;
    Some(ClaimGroup {
        id: 0,
        score: 1.0,
        pivot,
        members: members
            .into_iter()
            .map(|at| GroupMember {
                at,
                score: 1.0,
                shared_terms: Vec::new(),
            })
            .collect(),
    })
}

/// The sure gold group one of whose snippets is `snippet`.
fn gold_group_with(sources: &[Source], snippet: &str) -> ClaimGroup {
    let gold = gold();
    let group = gold["alignment"]
        .as_array()
        .expect("alignment")
        .iter()
        .find(|g| {
            g["kind"].as_str() == Some("sure")
                && g["members"]
                    .as_object()
                    .is_some_and(|m| m.values().any(|v| v.as_str() == Some(snippet)))
        })
        .expect("a sure gold group with that snippet");
    group_from_gold(sources, group).expect("the group's snippets are found")
}

fn all_tags(diff: &claimdiff::model::GroupDiff) -> Vec<&FramingTag> {
    diff.members
        .iter()
        .flat_map(|m| m.tags.iter())
        .chain(diff.tags.iter())
        .collect()
}

/// Texts of tags of a kind, on both sides, lowercased.
fn tag_texts(tags: &[&FramingTag], kind: TagKind) -> Vec<String> {
    tags.iter()
        .filter(|t| t.kind == kind)
        .flat_map(|t| {
            std::iter::once(t.member.text.to_lowercase())
                .chain(t.counterpart.iter().map(|c| c.text.to_lowercase()))
        })
        .collect()
}

#[test]
fn ceasefire_exclusion_group_tags_naming_variants_and_labels() {
    let sources = gold_sources();
    let group = gold_group_with(
        &sources,
        "The Syrian ceasefire doesn’t include Islamic State",
    );
    assert_eq!(group.members.len(), 3);
    // Press TV as the base, so every other outlet's names are compared with "Daesh".
    let options = DiffOptions {
        base: Some("Press TV".into()),
        ..DiffOptions::default()
    };
    let diff = diff_group(&sources, &group, &options);
    assert_eq!(
        sources[diff.pivot.source].display_name(),
        "Press TV",
        "--base picks the pivot"
    );
    let tags = all_tags(&diff);
    let naming = tag_texts(&tags, TagKind::Naming);
    for name in [
        "daesh",
        "isis",
        "isil",
        "islamic state",
        "nusra front",
        "jabhat al-nusra",
    ] {
        assert!(
            naming.iter().any(|t| t == name),
            "naming tags should show {name:?}: {naming:?}"
        );
    }
    let labels = tag_texts(&tags, TagKind::Label);
    for label in [
        "takfiri terrorist group",
        "jihadist groups",
        "outlawed in russia",
    ] {
        assert!(
            labels.iter().any(|t| t.contains(label)),
            "label tags should show {label:?}: {labels:?}"
        );
    }
    let omissions = tag_texts(&tags, TagKind::Omission);
    assert!(
        omissions.iter().any(|t| t == "both outlawed in russia"),
        "{omissions:?}"
    );
    // Every tag explains itself in a sentence.
    assert!(tags.iter().all(|t| t.explanation.ends_with('.')));
}

#[test]
fn naming_tag_explains_which_outlet_used_which_name() {
    let sources = gold_sources();
    let group = gold_group_with(
        &sources,
        "The Syrian ceasefire doesn’t include Islamic State",
    );
    let diff = diff_group(&sources, &group, &DiffOptions::default());
    let daesh = all_tags(&diff)
        .into_iter()
        .find(|t| t.kind == TagKind::Naming && t.member.text == "Daesh")
        .expect("Press TV's Daesh is tagged against RT");
    assert!(
        daesh.explanation.contains("Press TV calls it “Daesh”"),
        "{}",
        daesh.explanation
    );
    assert!(
        daesh.explanation.contains("RT calls it"),
        "{}",
        daesh.explanation
    );
}

#[test]
fn february_22_and_late_february_flag_a_date_difference() {
    let sources = gold_sources();
    let group = gold_group_with(
        &sources,
        "The US and Russia announced a broad ceasefire agreement in late February",
    );
    let diff = diff_group(&sources, &group, &DiffOptions::default());
    let dates: Vec<&FramingTag> = diff
        .tags
        .iter()
        .filter(|t| t.kind == TagKind::Date)
        .collect();
    assert!(
        dates.iter().any(|t| {
            let texts = [
                t.member.text.as_str(),
                t.counterpart.as_ref().map_or("", |c| c.text.as_str()),
            ];
            texts.contains(&"late February") && texts.contains(&"February 22")
        }),
        "{dates:#?}"
    );
}

#[test]
fn march_7_and_march_9_disagree() {
    let text = "The talks were scheduled for March 7.\nThe talks will open on March 9.";
    let sources = vec![
        one_sentence_source("a", text, 0..37),
        one_sentence_source("b", text, 38..text.len()),
    ];
    let alignment = alignment_of_pair();
    let diffs = diff_alignment(&sources, &alignment, &DiffOptions::default());
    let date = diffs[0]
        .tags
        .iter()
        .find(|t| t.kind == TagKind::Date)
        .expect("a date tag");
    assert!(
        date.explanation.contains("disagree"),
        "{}",
        date.explanation
    );
}

fn one_sentence_source(outlet: &str, text: &str, span: std::ops::Range<usize>) -> Source {
    let sentence = Sentence {
        index: 0,
        text: text[span.clone()].to_string(),
        start: span.start,
        end: span.end,
        paragraph: 0,
    };
    Source {
        outlet: Some(outlet.into()),
        outlet_from: OutletFrom::Label,
        ..Source::from_sentences(outlet, format!("{outlet}.txt"), text, vec![sentence])
    }
}

fn alignment_of_pair() -> Alignment {
    let a = SentenceRef {
        source: 0,
        sentence: 0,
    };
    let b = SentenceRef {
        source: 1,
        sentence: 0,
    };
    Alignment {
        groups: vec![ClaimGroup {
            id: 0,
            score: 1.0,
            pivot: a,
            members: [a, b]
                .into_iter()
                .map(|at| GroupMember {
                    at,
                    score: 1.0,
                    shared_terms: Vec::new(),
                })
                .collect(),
        }],
        ..Alignment::default()
    }
}

/// Source words of two attributions match when they share a content word.
fn same_source(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '-')
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !["the", "of", "and", "a", "s"].contains(&w.as_str()))
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    wa.iter().any(|w| wb.contains(w))
}

#[test]
fn attribution_is_extracted_for_nine_in_ten_seed_sentences_that_have_one() {
    let sources = gold_sources();
    let text =
        std::fs::read_to_string(root().join("fixtures/framing/attribution.json")).expect("fixture");
    let fixture: Value = serde_json::from_str(&text).expect("fixture parses");
    let lexicon = claimdiff::diff::Lexicon::builtin();
    let (mut expected, mut extracted, mut correct) = (0, 0, 0);
    let mut misses = Vec::new();
    for row in fixture["sentences"].as_array().expect("sentences") {
        let file = row["file"].as_str().expect("file");
        let index = row["index"].as_u64().expect("index") as usize;
        let (si, source) = sources
            .iter()
            .enumerate()
            .find(|(_, s)| s.path.ends_with(file))
            .expect("seed source");
        let sentence = &source.sentences[index];
        let found = claimdiff::diff::attribution::extract(
            &source.text,
            sentence.start,
            sentence.end,
            &lexicon,
        );
        let gold = &row["attribution"];
        if found.is_some() {
            extracted += 1;
        }
        if gold.is_null() {
            if let Some(f) = &found {
                misses.push(format!(
                    "{si}:{index} spurious ({:?}, {:?})",
                    f.source, f.verb
                ));
            }
            continue;
        }
        expected += 1;
        let gold_source = gold["source"].as_str().expect("source");
        let verbs: Vec<String> = gold["verbs"]
            .as_array()
            .expect("verbs")
            .iter()
            .filter_map(|v| v.as_str().map(key))
            .collect();
        match &found {
            Some(f) if same_source(&f.source, gold_source) && verbs.contains(&key(&f.verb)) => {
                correct += 1
            }
            other => misses.push(format!(
                "{si}:{index} want ({gold_source:?}, {verbs:?}) got {:?}",
                other.as_ref().map(|f| (&f.source, &f.verb))
            )),
        }
    }
    let recall = correct as f64 / expected as f64;
    let precision = correct as f64 / extracted.max(1) as f64;
    eprintln!(
        "attribution on the seeds: recall {recall:.3} ({correct}/{expected}), precision {precision:.3} ({correct}/{extracted})"
    );
    for m in &misses {
        eprintln!("  {m}");
    }
    assert_eq!(expected, 58, "the fixture lists 58 attributed sentences");
    assert!(
        recall >= 0.9,
        "recall {recall:.3} below 0.9; misses: {misses:#?}"
    );
}

#[test]
fn every_group_of_the_gold_gets_a_diff_in_order_and_every_outlet_a_profile() {
    let sources = gold_sources();
    let groups = gold_groups(&sources, None);
    let alignment = Alignment {
        groups: groups.clone(),
        ..Alignment::default()
    };
    let diffs = diff_alignment(&sources, &alignment, &DiffOptions::default());
    assert_eq!(diffs.len(), groups.len());
    for (d, g) in diffs.iter().zip(&groups) {
        assert_eq!(d.group, g.id);
        assert_eq!(d.members.len(), g.members.len() - 1);
        assert_eq!(d.attributions.len(), g.members.len());
    }
    let profiles = profiles(&sources, &alignment, &diffs);
    assert_eq!(profiles.len(), sources.len());
    let tass = profiles
        .iter()
        .find(|p| p.outlet == "TASS")
        .expect("TASS profile");
    assert!(tass.claims_covered > 5);
    assert!(
        tass.attribution_verbs.get("say").is_some_and(|n| *n >= 5),
        "{:?}",
        tass.attribution_verbs
    );
    assert!(tass
        .tag_counts
        .get(&TagKind::Naming)
        .is_some_and(|n| *n > 0));
    // Xinhua is in none of the sure ceasefire groups that the other four share.
    let xinhua = profiles
        .iter()
        .find(|p| p.outlet == "Xinhua")
        .expect("Xinhua profile");
    assert!(xinhua.positions.iter().any(|p| p.lede));
}

#[test]
fn seed_diffs_replay_to_the_member_and_spans_slice_the_text() {
    let sources = gold_sources();
    let options = DiffOptions::default();
    for group in gold_groups(&sources, None) {
        for m in &group.members {
            let diff = diff_sentences(&sources, group.pivot, m.at, &options).expect("diff");
            let pk: Vec<String> = diff.pivot_tokens.iter().map(|t| key(&t.text)).collect();
            let mk: Vec<String> = diff.member_tokens.iter().map(|t| key(&t.text)).collect();
            assert_eq!(replay(&diff.edits, &pk, &mk), Some(mk.clone()));
            for t in &diff.tokens {
                assert_eq!(sources[t.at.source].text[t.start..t.end], t.text);
            }
            for tag in &diff.tags {
                assert_eq!(
                    sources[tag.member.at.source].text[tag.member.start..tag.member.end],
                    tag.member.text
                );
            }
        }
    }
}

/// Options built once: compiling the word lists and aliases per proptest case would
/// dominate the run.
fn shared_options() -> &'static DiffOptions {
    static OPTIONS: OnceLock<DiffOptions> = OnceLock::new();
    OPTIONS.get_or_init(DiffOptions::default)
}

fn sentence_strategy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "the",
        "Daesh",
        "Islamic",
        "State",
        "said",
        "on",
        "February",
        "22",
        ",",
        ".",
        "U.S.",
        "al-Nusra",
        "“",
        "”",
        "terrorist",
        "groups",
        "reportedly",
        "Lavrov",
        "don’t",
        "2,254",
    ]);
    prop::collection::vec(words, 0..30).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn applying_a_members_edits_to_the_pivot_reproduces_the_member(
        a in sentence_strategy(),
        b in sentence_strategy(),
    ) {
        let text = format!("{a}\n{b}");
        let sources = vec![
            one_sentence_source("a", &text, 0..a.len()),
            one_sentence_source("b", &text, a.len() + 1..text.len()),
        ];
        let at = |source| SentenceRef { source, sentence: 0 };
        let diff = diff_sentences(&sources, at(0), at(1), shared_options()).expect("diff");
        let pk: Vec<String> = diff.pivot_tokens.iter().map(|t| key(&t.text)).collect();
        let mk: Vec<String> = diff.member_tokens.iter().map(|t| key(&t.text)).collect();
        prop_assert_eq!(replay(&diff.edits, &pk, &mk), Some(mk));
        // The flat view holds every member token once, in order.
        let member_texts: Vec<&str> = diff.tokens.iter().filter(|t| t.at.source == 1).map(|t| t.text.as_str()).collect();
        let expected: Vec<&str> = diff.member_tokens.iter().map(|t| t.text.as_str()).collect();
        prop_assert_eq!(member_texts, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn no_text_makes_the_diff_or_the_profiles_panic(
        a in "\\PC{0,60}",
        b in "[\\PC“”\"'.,0-9 ]{0,60}",
    ) {
        let text = format!("{a}\n{b}");
        let sources = vec![
            one_sentence_source("a", &text, 0..a.len()),
            one_sentence_source("b", &text, a.len() + 1..text.len()),
        ];
        let alignment = alignment_of_pair();
        let options = shared_options();
        let diffs = diff_alignment(&sources, &alignment, options);
        prop_assert_eq!(diffs.len(), 1);
        let profiles = profiles_with(&sources, &alignment, &diffs, &options.lexicon);
        prop_assert_eq!(profiles.len(), 2);
    }
}

#[test]
fn references_that_point_nowhere_are_skipped() {
    let sources = gold_sources();
    let mut group = gold_group_with(
        &sources,
        "The Syrian ceasefire doesn’t include Islamic State",
    );
    group.members.push(GroupMember {
        at: SentenceRef {
            source: 9,
            sentence: 0,
        },
        score: 0.0,
        shared_terms: Vec::new(),
    });
    let diff = diff_group(&sources, &group, &DiffOptions::default());
    assert_eq!(diff.members.len(), 2);
}

#[test]
fn copied_sentence_outside_any_group_is_flagged_as_reuse_in_the_profile() {
    let copied = "The joint efforts have brought about a significant decrease in violence in a number of Syrian regions.";
    let text = format!("{copied}\n{copied}");
    let sources = vec![
        one_sentence_source("RT", &text, 0..copied.len()),
        one_sentence_source("IANS", &text, copied.len() + 1..text.len()),
    ];
    let alignment = Alignment::default();
    let profiles = profiles(&sources, &alignment, &[]);
    assert_eq!(
        profiles[1].reuse,
        vec![(
            0,
            SentenceRef {
                source: 0,
                sentence: 0
            }
        )]
    );
    assert_eq!(profiles[0].tag_counts.get(&TagKind::Reuse), Some(&1));
    assert_eq!(profiles[0].claims_covered, 0);
}

/// A group diff as plain text: the flat view with `[-deleted-]`, `{+inserted+}`,
/// `[<moved from]`, `{>moved to}`, then one line per tag.
fn readable(sources: &[Source], diff: &claimdiff::model::GroupDiff) -> String {
    use claimdiff::model::Change;
    let name = |at: SentenceRef| sources[at.source].display_name().to_string();
    let mut out = format!("pivot: {}\n", name(diff.pivot));
    for m in &diff.members {
        out.push_str(&format!("\n{} (ratio {:.2})\n", name(m.member), m.ratio));
        // Runs of one change read as one bracket: `[-The Syrian ceasefire-]`.
        let mut line: Vec<String> = Vec::new();
        let mut run: Vec<&str> = Vec::new();
        let mut current: Option<(Change, Option<usize>)> = None;
        let close = |change: Option<(Change, Option<usize>)>,
                     run: &mut Vec<&str>,
                     line: &mut Vec<String>| {
            if run.is_empty() {
                return;
            }
            let text = run.join(" ");
            line.push(match change.map(|c| c.0) {
                Some(Change::Deleted) => format!("[-{text}-]"),
                Some(Change::Inserted) => format!("{{+{text}+}}"),
                Some(Change::MovedFrom) => format!("[<{text}]"),
                Some(Change::MovedTo) => format!("{{>{text}}}"),
                _ => text,
            });
            run.clear();
        };
        for t in &m.tokens {
            let this = Some((t.change, t.moved));
            if this != current {
                close(current, &mut run, &mut line);
                current = this;
            }
            run.push(&t.text);
        }
        close(current, &mut run, &mut line);
        out.push_str(&line.join(" "));
        out.push('\n');
        for t in &m.tags {
            out.push_str(&format!("  {}: {}\n", t.kind.as_str(), t.explanation));
        }
    }
    for t in &diff.tags {
        out.push_str(&format!("group {}: {}\n", t.kind.as_str(), t.explanation));
    }
    out
}

#[test]
fn ceasefire_exclusion_group_reads_as_expected() {
    let sources = gold_sources();
    let group = gold_group_with(
        &sources,
        "The Syrian ceasefire doesn’t include Islamic State",
    );
    let diff = diff_group(&sources, &group, &DiffOptions::default());
    insta::assert_snapshot!(readable(&sources, &diff));
}

#[test]
fn late_february_group_reads_as_expected() {
    let sources = gold_sources();
    let group = gold_group_with(
        &sources,
        "The US and Russia announced a broad ceasefire agreement in late February",
    );
    let diff = diff_group(&sources, &group, &DiffOptions::default());
    insta::assert_snapshot!(readable(&sources, &diff));
}

#[test]
fn unknown_base_outlet_is_an_error_listing_the_outlets() {
    let sources = gold_sources();
    let options = DiffOptions {
        base: Some("BBC".into()),
        ..DiffOptions::default()
    };
    let err = options.check_base(&sources).unwrap_err().to_string();
    assert!(
        err.contains("BBC") && err.contains("TASS") && err.contains("Press TV"),
        "{err}"
    );
    let ok = DiffOptions {
        base: Some("tass".into()),
        ..DiffOptions::default()
    };
    assert!(ok.check_base(&sources).is_ok());
}
