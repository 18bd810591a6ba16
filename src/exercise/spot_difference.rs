//! Spot the differences: two or three versions of one claim; students find and name the
//! differences. The key lists each framing tag the diff found, with its kind.

use crate::model::{ClaimGroup, FramingTag, GroupDiff, MemberDiff, TagKind};

use super::{
    distinct_tags, kind_meaning, tag_text_in, Answer, Choice, Context, Exercise, Kind, Made,
    Question, Shuffler,
};

/// Differences one comparison of two versions may ask for: more is a wall of text.
const MAX_DIFFERENCES: usize = 8;

/// The kinds students choose from, in the order shown.
const NAMEABLE: [TagKind; 8] = [
    TagKind::Naming,
    TagKind::Attribution,
    TagKind::Label,
    TagKind::Hedge,
    TagKind::Number,
    TagKind::Date,
    TagKind::Quote,
    TagKind::Omission,
];

/// A member's tags students can find: distinct, and no reuse (that is no wording
/// difference).
fn differences(member: &MemberDiff) -> Vec<&FramingTag> {
    distinct_tags(member.tags.iter().filter(|t| t.kind != TagKind::Reuse))
}

pub(super) fn make(context: &Context, shuffler: &mut Shuffler) -> Made {
    let comparison = context.comparison;
    let candidates: Vec<(&ClaimGroup, &GroupDiff)> = comparison
        .alignment
        .groups
        .iter()
        .filter_map(|g| {
            let diff = comparison.diff_of(g)?;
            diff.members.iter().any(fits).then_some((g, diff))
        })
        .collect();
    let chosen = shuffler.pick(&candidates, context.count());
    let exercises = chosen
        .into_iter()
        .filter_map(|(group, diff)| exercise(context, shuffler, group, diff))
        .collect();
    Made {
        exercises,
        shortfall: format!(
            "no more claims with two versions that differ in 2 to {MAX_DIFFERENCES} tagged ways"
        ),
    }
}

fn fits(member: &MemberDiff) -> bool {
    (2..=MAX_DIFFERENCES).contains(&differences(member).len())
}

fn exercise(
    context: &Context,
    shuffler: &mut Shuffler,
    group: &ClaimGroup,
    diff: &GroupDiff,
) -> Option<Exercise> {
    let fitting: Vec<&MemberDiff> = diff.members.iter().filter(|m| fits(m)).collect();
    // Three versions when two members fit, else two.
    let compared: Vec<&MemberDiff> = shuffler.pick(&fitting, 2);
    let pivot = diff.pivot;
    let all_tags: Vec<&FramingTag> = compared.iter().flat_map(|m| differences(m)).collect();
    let pivot_marks: Vec<&str> = all_tags
        .iter()
        .filter_map(|t| tag_text_in(t, pivot))
        .collect();
    let mut passages = vec![context.passage(
        pivot,
        format!("{} (reference)", context.name(pivot.source)),
        true,
        &pivot_marks,
    )?];
    let mut questions = Vec::new();
    for member in &compared {
        let tags = differences(member);
        let marks: Vec<&str> = tags
            .iter()
            .filter_map(|t| tag_text_in(t, member.member))
            .collect();
        let name = context.name(member.member.source);
        passages.push(context.passage(member.member, name.to_string(), true, &marks)?);
        let count = if context.level().tells_counts() {
            format!(" Find {}.", super::count_of(tags.len(), "difference"))
        } else {
            String::new()
        };
        questions.push(Question {
            prompt: format!(
                "How does {name}'s version differ from {}'s? Write down each difference and \
                 name its kind (naming, attribution, label, hedge, number, date, quote, \
                 omission).{count}",
                context.name(pivot.source)
            ),
            choices: Vec::new(),
            hint: context
                .level()
                .highlights()
                .then(|| "The highlighted words in both versions are where to look.".to_string()),
            answer: Answer::listing(&tags, "difference"),
        });
    }
    if let Some(question) = name_the_kind(context, shuffler, &all_tags) {
        questions.push(question);
    }
    Some(Exercise {
        kind: Kind::SpotDifference,
        group: Some(group.id),
        instructions: format!(
            "These {} sentences tell the same claim. Compare each outlet's version with the \
             reference version: what does each say differently, and how?",
            passages.len()
        ),
        passages,
        questions,
    })
}

/// A choice question on one difference with text on both sides: which kind is it?
fn name_the_kind(
    context: &Context,
    shuffler: &mut Shuffler,
    tags: &[&FramingTag],
) -> Option<Question> {
    let two_sided: Vec<&FramingTag> = tags
        .iter()
        .copied()
        .filter(|t| t.kind != TagKind::Omission)
        .filter(|t| {
            t.counterpart
                .as_ref()
                .is_some_and(|c| !c.text.trim().is_empty())
                && !t.member.text.trim().is_empty()
        })
        .collect();
    let tag = *two_sided.get(shuffler.below(two_sided.len()))?;
    let counterpart = tag.counterpart.as_ref()?;
    let choices: Vec<Choice> = NAMEABLE
        .iter()
        .map(|k| Choice {
            text: k.as_str().to_string(),
            source: None,
            kind: Some(*k),
        })
        .collect();
    Some(Question {
        prompt: format!(
            "{} has “{}” where {} has “{}”. What kind of difference is this?",
            context.name(tag.member.at.source),
            super::collapse(&tag.member.text),
            context.name(counterpart.at.source),
            super::collapse(&counterpart.text)
        ),
        hint: context
            .level()
            .highlights()
            .then(|| "Is it the same thing named differently, a judging word, a source, a softening word, a figure?".to_string()),
        answer: Answer {
            choice: NAMEABLE.iter().position(|k| *k == tag.kind),
            text: tag.kind.as_str().to_string(),
            reasons: vec![
                format!("A {} difference: {}.", tag.kind.as_str(), kind_meaning(tag.kind)),
                tag.explanation.clone(),
            ],
            evidence: vec![tag.clone()],
        },
        choices,
    })
}
