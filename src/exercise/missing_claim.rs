//! The missing claim: a claim most outlets report that one leaves out (the outlet
//! profiles' `claims_omitted`). Students find the outlet, then think about what its
//! readers do not learn.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{ClaimGroup, GroupDiff, TagKind};

use super::{version_label, Answer, Context, Exercise, Kind, Level, Made, Question, Shuffler};

pub(super) fn make(context: &Context, shuffler: &mut Shuffler) -> Made {
    let comparison = context.comparison;
    // Each claim once, with every outlet that leaves it out.
    let mut omitted: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for profile in &comparison.profiles {
        for group in &profile.claims_omitted {
            omitted.entry(*group).or_default().push(profile.source);
        }
    }
    let candidates: Vec<(usize, Vec<usize>)> = omitted.into_iter().collect();
    let chosen = shuffler.pick(&candidates, context.count());
    let exercises = chosen
        .into_iter()
        .filter_map(|(group, missing)| {
            let group = comparison.alignment.groups.iter().find(|g| g.id == group)?;
            let diff = comparison.diff_of(group)?;
            // One outlet is the answer; the others that leave it out are not offered.
            let asked = *missing.get(shuffler.below(missing.len()))?;
            let others: Vec<usize> = missing.iter().copied().filter(|s| *s != asked).collect();
            exercise(context, shuffler, group, diff, asked, &others)
        })
        .collect();
    Made {
        exercises,
        shortfall: if comparison.sources.len() < 3 {
            "a claim left out needs three or more articles (two others that report it)".into()
        } else {
            "no more claims that most outlets report and some leave out".into()
        },
    }
}

fn exercise(
    context: &Context,
    shuffler: &mut Shuffler,
    group: &ClaimGroup,
    diff: &GroupDiff,
    missing: usize,
    also_missing: &[usize],
) -> Option<Exercise> {
    let comparison = context.comparison;
    if group.members.iter().any(|m| m.at.source == missing) {
        return None;
    }
    let level = context.level();
    let mut shown: Vec<_> = group.members.iter().map(|m| m.at).collect();
    shuffler.shuffle(&mut shown);
    if level == Level::Hard {
        shown.retain(|at| *at == diff.pivot);
    }
    let named = level == Level::Easy;
    let passages = shown
        .iter()
        .enumerate()
        .map(|(i, at)| {
            let label = if named {
                context.name(at.source).to_string()
            } else {
                version_label(i)
            };
            context.passage(*at, label, named, &[])
        })
        .collect::<Option<Vec<_>>>()?;
    let reporters: BTreeSet<usize> = group.members.iter().map(|m| m.at.source).collect();
    let reporter_names: Vec<&str> = reporters.iter().map(|s| context.name(*s)).collect();
    let choices = context.outlet_choices(reporters.iter().copied().chain([missing]));
    let choice_names: Vec<String> = choices.iter().map(|c| c.text.clone()).collect();

    let mut where_reasons = Vec::new();
    for source in &reporters {
        let position = comparison
            .profiles
            .iter()
            .find(|p| p.source == *source)
            .and_then(|p| p.positions.iter().find(|x| x.group == group.id));
        if let Some(p) = position {
            let place = if p.title {
                "in its headline and ".to_string()
            } else {
                String::new()
            };
            let lede = if p.lede { ", in its lede" } else { "" };
            where_reasons.push(format!(
                "{} reports it {place}as sentence {}{lede}.",
                context.name(*source),
                p.rank
            ));
        }
    }
    let mut which_reasons = vec![format!(
        "{} of the {} outlets report it ({}); {} has no sentence that states it.",
        reporters.len(),
        comparison.sources.len(),
        reporter_names.join(", "),
        context.name(missing)
    )];
    which_reasons.extend(where_reasons);
    if !also_missing.is_empty() {
        let names: Vec<&str> = also_missing.iter().map(|s| context.name(*s)).collect();
        which_reasons.push(format!(
            "{} leaves it out too (not among the choices).",
            names.join(", ")
        ));
    }

    let pivot_text = context.sentence(diff.pivot).unwrap_or_default();
    let mut change_reasons = vec![format!(
        "Readers of {} do not learn that: “{}”",
        context.name(missing),
        pivot_text
    )];
    let tag_kinds: BTreeSet<TagKind> = diff
        .members
        .iter()
        .flat_map(|m| &m.tags)
        .chain(&diff.tags)
        .map(|t| t.kind)
        .filter(|k| *k != TagKind::Omission && *k != TagKind::Reuse)
        .collect();
    if !tag_kinds.is_empty() {
        change_reasons.push(format!(
            "The outlets that report it differ in {} here: leaving a claim out is also a way of framing the event.",
            tag_kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(profile) = comparison.profiles.iter().find(|p| p.source == missing) {
        if !profile.claims_only_here.is_empty() {
            change_reasons.push(format!(
                "{} has {} sentences no other outlet has: it spends its space on other things.",
                context.name(missing),
                profile.claims_only_here.len()
            ));
        }
    }
    if let Some(first) = comparison
        .sources
        .get(missing)
        .and_then(|s| s.sentences.first())
    {
        change_reasons.push(format!(
            "{} opens instead with: “{}”",
            context.name(missing),
            first.text
        ));
    }

    let count_hint = format!(
        "{} of these {} outlets report it.",
        reporters.len(),
        choices.len()
    );
    let questions = vec![
        Question {
            prompt: format!(
                "Which of these outlets does not report this claim: {}?",
                choice_names.join(", ")
            ),
            hint: match level {
                Level::Easy => Some(format!(
                    "The versions are named: the missing outlet is the one not among them. {count_hint}"
                )),
                Level::Medium => Some(count_hint),
                Level::Hard => None,
            },
            answer: Answer {
                choice: choices.iter().position(|c| c.source == Some(missing)),
                text: context.name(missing).to_string(),
                reasons: which_reasons,
                evidence: Vec::new(),
            },
            choices,
        },
        Question {
            prompt: "What might leaving it out change for that outlet's readers?".into(),
            choices: Vec::new(),
            hint: None,
            answer: Answer {
                choice: None,
                text: "Open answer; points to discuss:".into(),
                reasons: change_reasons,
                evidence: Vec::new(),
            },
        },
    ];
    let instructions = if level == Level::Hard {
        format!(
            "Here is one outlet's version of a claim. Of {}, all but one report it. Use the \
             full articles to find the one that leaves it out.",
            choice_names.join(", ")
        )
    } else {
        format!(
            "Here are the versions of one claim. Of {}, all but one report it.",
            choice_names.join(", ")
        )
    };
    Some(Exercise {
        kind: Kind::MissingClaim,
        group: Some(group.id),
        instructions,
        passages,
        questions,
    })
}
