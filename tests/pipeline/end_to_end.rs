//! The whole pipeline on the seeds, as `claimdiff compare` runs it: the framing a teacher
//! points at must come out of real alignment, not only out of gold-built groups.

use claimdiff::diff::DiffOptions;
use claimdiff::model::{FramingTag, TagKind};
use claimdiff::pipeline::{compare, CompareOptions, Comparison};

use crate::support::{locate, seed_paths};

fn seeds_compared_against(base: Option<&str>) -> Comparison {
    let options = CompareOptions {
        diff: DiffOptions {
            base: base.map(String::from),
            ..DiffOptions::default()
        },
        ..CompareOptions::default()
    };
    compare(&seed_paths(), &options).expect("the seeds compare")
}

/// The group holding the sentence of `file` that contains `snippet`, with all its tags.
fn tags_of_group_with<'a>(
    comparison: &'a Comparison,
    file: &str,
    snippet: &str,
) -> (usize, Vec<&'a FramingTag>) {
    let at = locate(&comparison.sources, file, snippet).expect("snippet in a seed sentence");
    let group = comparison
        .alignment
        .groups
        .iter()
        .find(|g| g.members.iter().any(|m| m.at == at))
        .unwrap_or_else(|| panic!("no claim group holds {snippet:?}"));
    let diff = comparison
        .diffs
        .iter()
        .find(|d| d.group == group.id)
        .expect("every group has a diff");
    let tags = diff
        .tags
        .iter()
        .chain(diff.members.iter().flat_map(|m| m.tags.iter()))
        .collect();
    (group.members.len(), tags)
}

fn texts(tags: &[&FramingTag], kind: TagKind) -> Vec<String> {
    tags.iter()
        .filter(|t| t.kind == kind)
        .flat_map(|t| std::iter::once(&t.member).chain(t.counterpart.iter()))
        .map(|side| side.text.to_lowercase())
        .collect()
}

#[test]
fn ceasefire_exclusion_claim_is_found_and_its_naming_and_labels_tagged() {
    let comparison = seeds_compared_against(Some("Press TV"));
    let (members, tags) = tags_of_group_with(
        &comparison,
        "002_24d9cc06be2b6f2c.txt",
        "Under the truce agreement, attacks are allowed on the Daesh",
    );
    assert!(members >= 3, "RT, Press TV and TASS tell this claim");
    let naming = texts(&tags, TagKind::Naming);
    for name in ["daesh", "islamic state", "nusra front", "jabhat al-nusra"] {
        assert!(naming.iter().any(|t| t == name), "{name}: {naming:?}");
    }
    let labels = texts(&tags, TagKind::Label);
    for label in ["takfiri", "jihadist", "outlawed in russia"] {
        assert!(
            labels.iter().any(|t| t.contains(label)),
            "{label}: {labels:?}"
        );
    }
}

#[test]
fn late_february_claim_flags_the_date_difference() {
    let comparison = seeds_compared_against(None);
    let (_, tags) = tags_of_group_with(
        &comparison,
        "003_3bdfc0fa5141ee29.txt",
        "A ceasefire regime brokered by Russia and the United States on February 22",
    );
    let dates = texts(&tags, TagKind::Date);
    assert!(
        dates.iter().any(|t| t.contains("late february"))
            && dates.iter().any(|t| t.contains("february 22")),
        "{dates:?}"
    );
}

#[test]
fn no_label_or_hedge_tag_pairs_a_word_with_itself() {
    for base in [
        None,
        Some("IANS"),
        Some("RT"),
        Some("Press TV"),
        Some("TASS"),
        Some("Xinhua"),
    ] {
        assert_no_self_paired_label(&seeds_compared_against(base));
    }
}

fn assert_no_self_paired_label(comparison: &Comparison) {
    for diff in &comparison.diffs {
        for tag in diff.members.iter().flat_map(|m| m.tags.iter()) {
            if !matches!(tag.kind, TagKind::Label | TagKind::Hedge) {
                continue;
            }
            if let Some(other) = &tag.counterpart {
                assert_ne!(
                    tag.member.text.to_lowercase(),
                    other.text.to_lowercase(),
                    "{}",
                    tag.explanation
                );
            }
        }
    }
}
