//! Headlines: the outlets' titles for the same event, compared. The headlines are diffed
//! and tagged as sentences are (naming, labels, hedges, attribution), and each is matched
//! to the claim it states (the profiles' `title` flag).

use crate::diff::{self, numbers, PreparedTitle};
use crate::model::FramingTag;

use super::{
    distinct_tags, find_marks, Answer, Choice, Context, Exercise, Kind, Made, Passage, Question,
    Shuffler,
};

pub(super) fn make(context: &Context, _shuffler: &mut Shuffler) -> Made {
    let comparison = context.comparison;
    let lexicon = &context.options.diff.lexicon;
    let titles: Vec<PreparedTitle> = comparison
        .sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let text = s
                .title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())?;
            Some(PreparedTitle::new(i, text, lexicon))
        })
        .collect();
    let shortfall = if titles.len() < 2 {
        format!(
            "{} of the articles has a headline; comparing headlines needs two (give titles in a header, a sidecar or the page)",
            titles.len()
        )
    } else {
        "the headlines make one exercise".to_string()
    };
    let exercises = if titles.len() >= 2 {
        vec![exercise(context, &titles)]
    } else {
        Vec::new()
    };
    Made {
        exercises,
        shortfall,
    }
}

fn exercise(context: &Context, titles: &[PreparedTitle]) -> Exercise {
    let comparison = context.comparison;
    let options = &context.options.diff;
    // The reference: the title row's pivot when it has a title, else the first title.
    let pivot_source = comparison
        .alignment
        .titles
        .as_ref()
        .map(|row| row.pivot)
        .filter(|p| titles.iter().any(|t| t.source == *p))
        .unwrap_or(titles[0].source);
    let pivot = titles
        .iter()
        .find(|t| t.source == pivot_source)
        .unwrap_or(&titles[0]);

    let mut per_title_tags: Vec<(usize, Vec<FramingTag>)> = Vec::new();
    for title in titles.iter().filter(|t| t.source != pivot.source) {
        let tags = diff::title_tags(
            pivot,
            title,
            [context.name(pivot.source), context.name(title.source)],
            options,
        );
        let tags = distinct_tags(
            tags.iter()
                .filter(|t| t.kind != crate::model::TagKind::Omission),
        )
        .into_iter()
        .cloned()
        .collect();
        per_title_tags.push((title.source, tags));
    }

    let passages: Vec<Passage> = titles
        .iter()
        .map(|title| {
            let mut marks: Vec<&str> = Vec::new();
            for (_, tags) in &per_title_tags {
                for tag in tags {
                    if tag.member.at.source == title.source {
                        marks.push(&tag.member.text);
                    }
                    if let Some(c) = tag
                        .counterpart
                        .as_ref()
                        .filter(|c| c.at.source == title.source)
                    {
                        marks.push(&c.text);
                    }
                }
            }
            let highlights = if context.level().highlights() {
                find_marks(title.text, &marks)
            } else {
                Vec::new()
            };
            Passage {
                label: context.name(title.source).to_string(),
                named: true,
                source: title.source,
                at: None,
                text: title.text.to_string(),
                highlights,
            }
        })
        .collect();

    let mut questions = Vec::new();
    for (source, tags) in &per_title_tags {
        let mut reasons: Vec<String> = tags.iter().map(super::tag_reason).collect();
        reasons.extend([pivot.source, *source].map(|s| states(context, s)));
        questions.push(Question {
            prompt: format!(
                "Compare {}'s headline with {}'s. What does each put first, and which words \
                 frame the event differently?",
                context.name(*source),
                context.name(pivot.source)
            ),
            choices: Vec::new(),
            hint: None,
            answer: Answer {
                choice: None,
                text: if tags.is_empty() {
                    "No naming, label, hedge or attribution difference: compare what each chose to report."
                        .into()
                } else {
                    format!(
                        "{}, and the claims they lead with:",
                        super::count_of(tags.len(), "framing difference")
                    )
                },
                reasons,
                evidence: tags.clone(),
            },
        });
    }
    questions.extend(closest_question(context, titles, pivot.source));
    questions.extend(feature_questions(context, titles));
    Exercise {
        kind: Kind::Headline,
        group: None,
        instructions: format!(
            "These are the headlines of {} articles about the same event. A headline is what \
             most readers see: compare what each one chooses to say.",
            titles.len()
        ),
        passages,
        questions,
    }
}

/// With three or more headlines: which is closest to the reference, by the title row's
/// similarity (only when one is clearly closest).
fn closest_question(context: &Context, titles: &[PreparedTitle], pivot: usize) -> Option<Question> {
    let row = context.comparison.alignment.titles.as_ref()?;
    if row.pivot != pivot {
        return None;
    }
    let mut others: Vec<(usize, f64)> = row
        .members
        .iter()
        .copied()
        .filter(|(s, _)| *s != pivot && titles.iter().any(|t| t.source == *s))
        .collect();
    if others.len() < 2 {
        return None;
    }
    others.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let (best, best_score) = others[0];
    // A near tie is no question to ask.
    if best_score - others[1].1 < CLEAR_MARGIN {
        return None;
    }
    let choices = context.outlet_choices(others.iter().map(|(s, _)| *s));
    let scores: Vec<String> = others
        .iter()
        .map(|(s, score)| format!("{} {score:.2}", context.name(*s)))
        .collect();
    Some(Question {
        prompt: format!(
            "Which headline says the most nearly the same thing as {}'s?",
            context.name(pivot)
        ),
        hint: None,
        answer: Answer {
            choice: choices.iter().position(|c| c.source == Some(best)),
            text: context.name(best).to_string(),
            reasons: vec![format!(
                "Similarity to {}'s headline (shared words, weighted by how telling they are; 0 to 1): {}.",
                context.name(pivot),
                scores.join(", ")
            )],
            evidence: Vec::new(),
        },
        choices,
    })
}

/// How much more similar the closest headline must be than the next.
const CLEAR_MARGIN: f64 = 0.1;

/// Which shared claim a headline states, from the outlet's profile.
fn states(context: &Context, source: usize) -> String {
    let comparison = context.comparison;
    let stated = comparison
        .profiles
        .iter()
        .find(|p| p.source == source)
        .and_then(|p| p.positions.iter().find(|x| x.title));
    let name = context.name(source);
    match stated.and_then(|p| {
        let group = comparison.alignment.groups.iter().find(|g| g.id == p.group)?;
        Some((p, group))
    }) {
        Some((position, group)) => format!(
            "{name}'s headline states a claim {} outlets report; its article tells it as sentence {}: “{}”",
            group.members.len(),
            position.rank,
            comparison
                .sources
                .get(source)
                .and_then(|s| s.sentences.get(position.sentence))
                .map_or("", |s| s.text.as_str())
        ),
        None => format!("{name}'s headline states no claim the other outlets also report."),
    }
}

/// Choice questions on a feature exactly one headline has: a loaded label, a hedge or
/// intensifier, a named source, a figure.
fn feature_questions(context: &Context, titles: &[PreparedTitle]) -> Vec<Question> {
    let lexicon = &context.options.diff.lexicon;
    type Finder<'f> = Box<dyn Fn(&PreparedTitle) -> Vec<String> + 'f>;
    let words_at = |text: &str, ranges: Vec<std::ops::Range<usize>>| -> Vec<String> {
        ranges
            .into_iter()
            .filter_map(|r| text.get(r).map(str::to_string))
            .collect()
    };
    let features: Vec<(&str, Finder)> = vec![
        (
            "uses a loaded or judging word",
            Box::new(move |t: &PreparedTitle| words_at(t.text, lexicon.find_labels(t.text))),
        ),
        (
            "softens or strengthens its claim with a hedge or intensifier",
            Box::new(move |t: &PreparedTitle| {
                let mut ranges = lexicon.find_hedges(t.text);
                ranges.extend(lexicon.find_intensifiers(t.text));
                words_at(t.text, ranges)
            }),
        ),
        (
            "says who the claim comes from",
            Box::new(|t: &PreparedTitle| {
                t.attribution
                    .iter()
                    .map(|a| format!("{} {}", a.source, a.verb))
                    .collect()
            }),
        ),
        (
            "gives a number or a date",
            Box::new(move |t: &PreparedTitle| {
                let found = numbers::find(t.text, &|k| lexicon.is_function_word(k));
                words_at(t.text, found.into_iter().map(|f| f.start..f.end).collect())
            }),
        ),
    ];
    let choices: Vec<Choice> = context.outlet_choices(titles.iter().map(|t| t.source));
    let mut questions = Vec::new();
    for (what, find) in &features {
        let having: Vec<(usize, Vec<String>)> = titles
            .iter()
            .map(|t| (t.source, find(t)))
            .filter(|(_, found)| !found.is_empty())
            .collect();
        let [(source, found)] = having.as_slice() else {
            continue;
        };
        questions.push(Question {
            prompt: format!("Which headline {what}?"),
            choices: choices.clone(),
            hint: None,
            answer: Answer {
                choice: choices.iter().position(|c| c.source == Some(*source)),
                text: context.name(*source).to_string(),
                reasons: vec![format!(
                    "Only {}'s headline {what}: “{}”.",
                    context.name(*source),
                    found.join("”, “")
                )],
                evidence: Vec::new(),
            },
        });
    }
    questions
}
