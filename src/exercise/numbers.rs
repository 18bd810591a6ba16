//! Numbers and dates: a claim whose versions give different figures. Students find the
//! conflict and say how they would check it. The key lists the number and date tags.

use std::collections::BTreeSet;

use crate::model::{ClaimGroup, FramingTag, GroupDiff, SentenceRef, TagKind};

use super::{distinct_tags, Answer, Context, Exercise, Kind, Made, Question, Shuffler};

fn is_figure(tag: &FramingTag) -> bool {
    matches!(tag.kind, TagKind::Number | TagKind::Date)
}

/// The number and date conflicts of a group: group-wide tags and member tags, distinct.
fn conflicts(diff: &GroupDiff) -> Vec<&FramingTag> {
    distinct_tags(
        diff.tags
            .iter()
            .chain(diff.members.iter().flat_map(|m| &m.tags))
            .filter(|t| is_figure(t)),
    )
}

pub(super) fn make(context: &Context, shuffler: &mut Shuffler) -> Made {
    let comparison = context.comparison;
    let candidates: Vec<(&ClaimGroup, &GroupDiff)> = comparison
        .alignment
        .groups
        .iter()
        .filter_map(|g| {
            let diff = comparison.diff_of(g)?;
            (!conflicts(diff).is_empty()).then_some((g, diff))
        })
        .collect();
    let exercises = shuffler
        .pick(&candidates, context.count())
        .into_iter()
        .filter_map(|(group, diff)| exercise(context, group, diff))
        .collect();
    Made {
        exercises,
        shortfall: if candidates.is_empty() {
            "no claim has versions that give different numbers or dates".into()
        } else {
            "no more claims whose versions give different numbers or dates".into()
        },
    }
}

fn exercise(context: &Context, group: &ClaimGroup, diff: &GroupDiff) -> Option<Exercise> {
    let tags = conflicts(diff);
    let involved: BTreeSet<SentenceRef> = tags
        .iter()
        .flat_map(|t| std::iter::once(t.member.at).chain(t.counterpart.as_ref().map(|c| c.at)))
        .collect();
    let passages = involved
        .iter()
        .map(|at| {
            let marks: Vec<&str> = tags
                .iter()
                .filter_map(|t| super::tag_text_in(t, *at))
                .collect();
            context.passage(*at, context.name(at.source).to_string(), true, &marks)
        })
        .collect::<Option<Vec<_>>>()?;
    let count = if context.level().tells_counts() {
        format!(" Find {}.", super::count_of(tags.len(), "conflict"))
    } else {
        String::new()
    };
    let check_reasons: Vec<String> = involved
        .iter()
        .filter_map(|at| {
            let (_, attribution) = diff.attributions.iter().find(|(a, _)| a == at)?;
            Some(match attribution {
                Some(a) => format!(
                    "{} credits it to “{}”: find what that source itself said.",
                    context.name(at.source),
                    a.source
                ),
                None => format!(
                    "{} names no source for it: look for one of the outlets that does.",
                    context.name(at.source)
                ),
            })
        })
        .chain(std::iter::once(
            "Check an original document (the statement, the agreement, an official record), \
             and see whether a figure is only less precise (“February”) or really different."
                .to_string(),
        ))
        .collect();
    Some(Exercise {
        kind: Kind::Numbers,
        group: Some(group.id),
        instructions: format!(
            "These {} sentences tell the same claim, but not with the same numbers or dates.",
            passages.len()
        ),
        passages,
        questions: vec![
            Question {
                prompt: format!(
                    "Which numbers or dates do the versions give differently? For each, say \
                     which outlets disagree and whether one is just less precise.{count}"
                ),
                choices: Vec::new(),
                hint: context
                    .level()
                    .highlights()
                    .then(|| "The figures are highlighted.".to_string()),
                answer: Answer::listing(&tags, "conflict"),
            },
            Question {
                prompt: "How could you check which figure is right?".into(),
                choices: Vec::new(),
                hint: None,
                answer: Answer {
                    choice: None,
                    text: "Open answer; points to discuss:".into(),
                    reasons: check_reasons,
                    evidence: Vec::new(),
                },
            },
        ],
    })
}
