//! Match the outlet: the versions of one claim with the outlet names hidden.
//!
//! A claim is a candidate when every version can be told apart by something: a tag that
//! marks its naming, labels, attribution, hedges or quotes, or its attribution itself.
//! The key gives each version's outlet and the tell-tale words.

use crate::model::{ClaimGroup, GroupDiff, SentenceRef};

use super::{
    distinct_tags, is_tell, tag_text_in, version_label, Answer, Context, Exercise, Kind, Level,
    Made, Question, Shuffler,
};

pub(super) fn make(context: &Context, shuffler: &mut Shuffler) -> Made {
    let comparison = context.comparison;
    let candidates: Vec<(&ClaimGroup, &GroupDiff)> = comparison
        .alignment
        .groups
        .iter()
        .filter(|g| g.members.len() >= 2)
        .filter_map(|g| {
            let diff = comparison.diff_of(g)?;
            let tells = g
                .members
                .iter()
                .filter(|m| !tells_of(diff, m.at).is_empty())
                .count();
            // Every version but at most one (found by elimination) has a tell.
            (tells + 1 >= g.members.len()).then_some((g, diff))
        })
        .collect();
    // Two versions are a coin toss: prefer claims with three or more while there are any.
    let larger: Vec<(&ClaimGroup, &GroupDiff)> = candidates
        .iter()
        .copied()
        .filter(|(g, _)| g.members.len() >= 3)
        .collect();
    let mut chosen = shuffler.pick(&larger, context.count());
    if chosen.len() < context.count() {
        let pairs: Vec<(&ClaimGroup, &GroupDiff)> = candidates
            .iter()
            .copied()
            .filter(|(g, _)| g.members.len() < 3)
            .collect();
        chosen.extend(shuffler.pick(&pairs, context.count() - chosen.len()));
    }
    let exercises = chosen
        .into_iter()
        .filter_map(|(group, diff)| exercise(context, shuffler, group, diff))
        .collect();
    Made {
        exercises,
        shortfall: if comparison.alignment.groups.is_empty() {
            "no claim is told by two or more outlets".into()
        } else {
            "no more claims whose versions differ in naming, labels, attribution, hedges or quotes"
                .into()
        },
    }
}

/// The tags that tell the outlet of sentence `at`, each with its text in that sentence.
fn tells_of(diff: &GroupDiff, at: SentenceRef) -> Vec<(&crate::model::FramingTag, &str)> {
    let tags = diff.members.iter().flat_map(|m| &m.tags).chain(&diff.tags);
    distinct_tags(tags.filter(|t| is_tell(t.kind)))
        .into_iter()
        .filter_map(|t| tag_text_in(t, at).map(|text| (t, text)))
        .collect()
}

fn exercise(
    context: &Context,
    shuffler: &mut Shuffler,
    group: &ClaimGroup,
    diff: &GroupDiff,
) -> Option<Exercise> {
    let mut order: Vec<SentenceRef> = group.members.iter().map(|m| m.at).collect();
    shuffler.shuffle(&mut order);
    // Hard: every outlet of the comparison is offered, not only those that tell the claim.
    let choices = if context.level() == Level::Hard {
        context.outlet_choices(0..context.comparison.sources.len())
    } else {
        context.outlet_choices(order.iter().map(|at| at.source))
    };
    let mut passages = Vec::new();
    let mut questions = Vec::new();
    for (i, at) in order.iter().enumerate() {
        let tells = tells_of(diff, *at);
        let marks: Vec<&str> = tells.iter().map(|(_, text)| *text).collect();
        let label = version_label(i);
        passages.push(context.passage(*at, label.clone(), false, &marks)?);
        let mut reasons: Vec<String> = Vec::new();
        let attribution_tagged = tells
            .iter()
            .any(|(t, _)| t.kind == crate::model::TagKind::Attribution);
        let attribution = diff
            .attributions
            .iter()
            .find(|(a, _)| a == at)
            .filter(|_| !attribution_tagged);
        if let Some((_, attribution)) = attribution {
            reasons.push(match attribution {
                Some(a) => format!(
                    "It credits the claim to “{}” with the verb “{}”.",
                    a.source, a.verb
                ),
                None => "It names no source: it states the claim as its own account.".into(),
            });
        }
        reasons.extend(tells.iter().map(|(tag, _)| tag.explanation.clone()));
        if tells.is_empty() {
            reasons.push(
                "Nothing in its wording marks it out: it is the version left once the others are matched."
                    .into(),
            );
        }
        let answer_index = choices.iter().position(|c| c.source == Some(at.source));
        questions.push(Question {
            prompt: format!("Which outlet wrote {label}?"),
            hint: (context.level().highlights() && !marks.is_empty()).then(|| {
                "Look at the highlighted words: how does this outlet name, label or credit?"
                    .to_string()
            }),
            choices: choices.clone(),
            answer: Answer {
                choice: answer_index,
                text: context.name(at.source).to_string(),
                reasons,
                evidence: tells.into_iter().map(|(t, _)| t.clone()).collect(),
            },
        });
    }
    Some(Exercise {
        kind: Kind::MatchOutlet,
        group: Some(group.id),
        instructions: format!(
            "These {} sentences tell the same claim, each from a different outlet. Match each \
             version to its outlet ({}).{} Look at how each one names the actors, which \
             words it uses for them, and who it says the claim comes from.",
            order.len(),
            choices
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            if choices.len() > order.len() {
                " Not every outlet wrote one."
            } else {
                ""
            }
        ),
        passages,
        questions,
    })
}
