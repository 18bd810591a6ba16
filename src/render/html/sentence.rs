//! A member's sentence as a word diff against the reference sentence: runs of equal,
//! inserted, deleted and moved words, with the words a framing tag points at highlighted.

use maud::{html, Markup};

use crate::model::{
    Change, DiffToken, FramingTag, GroupDiff, MemberDiff, Source, TagKind, TagSide,
};

use crate::render::page::visible;

/// The outlets on either side of a diff, as the reader knows them.
pub(super) struct Sides<'a> {
    /// The member's outlet.
    pub member: &'a str,
    /// The reference (pivot) sentence's outlet.
    pub pivot: &'a str,
}

/// A stretch of tokens shown as one element: same change, same move, same tags.
struct Run<'a> {
    change: Change,
    moved: Option<usize>,
    kinds: Vec<TagKind>,
    notes: Vec<&'a str>,
    text: String,
    space_before: bool,
}

/// The flat view of `diff` as inline HTML. `group_tags` are the group-level tags; only
/// their sides in this member's sentence are highlighted here.
pub(super) fn diff_sentence(
    sources: &[Source],
    diff: &MemberDiff,
    group_tags: &[FramingTag],
    sides: &Sides<'_>,
) -> Markup {
    let marks = tag_marks(diff, group_tags);
    let runs = runs(sources, &diff.tokens, &marks);
    render_runs(&runs, sides)
}

fn render_runs(runs: &[Run<'_>], sides: &Sides<'_>) -> Markup {
    html! {
        @for run in runs {
            @if run.space_before { " " }
            @let kinds = kinds_attr(&run.kinds);
            @let title = title(run, sides);
            @let moved = run.moved.map(|m| (m + 1).to_string());
            @match run.change {
                Change::Equal => {
                    @if let Some(kinds) = kinds {
                        span.tagged data-kinds=(kinds) title=(title) { (run.text) }
                    } @else {
                        (run.text)
                    }
                }
                Change::Inserted | Change::MovedTo => {
                    ins class=[classes(run)] data-kinds=[kinds] data-move=[moved] title=(title) { (run.text) }
                }
                Change::Deleted | Change::MovedFrom => {
                    del class=[classes(run)] data-kinds=[kinds] data-move=[moved] title=(title) { (run.text) }
                }
            }
        }
    }
}

/// The reference sentence, with the words that tags of any member point at highlighted
/// (`None` when no member was diffed, so its tokens are unknown).
pub(super) fn pivot_sentence(
    sources: &[Source],
    diff: &GroupDiff,
    sides: &Sides<'_>,
) -> Option<Markup> {
    let tokens: Vec<DiffToken> = diff
        .members
        .first()?
        .pivot_tokens
        .iter()
        .map(|t| DiffToken {
            change: Change::Equal,
            at: diff.pivot,
            start: t.start,
            end: t.end,
            text: t.text.clone(),
            moved: None,
        })
        .collect();
    let marks: Vec<(&TagSide, &FramingTag)> = diff
        .members
        .iter()
        .flat_map(|m| &m.tags)
        .chain(&diff.tags)
        .filter(|t| highlights_words(t.kind))
        .flat_map(|tag| {
            std::iter::once(&tag.member)
                .chain(tag.counterpart.as_ref())
                .filter(|side| side.at == diff.pivot)
                .map(move |side| (side, tag))
        })
        .collect();
    let runs = runs(sources, &tokens, &marks);
    Some(render_runs(&runs, sides))
}

/// Whether a tag's words are highlighted in the sentence. An omission's words are
/// already marked as inserted or deleted, and reuse spans the whole sentence: boxing them
/// too would only hide the tags that point at a few words.
fn highlights_words(kind: TagKind) -> bool {
    !matches!(kind, TagKind::Omission | TagKind::Reuse)
}

/// The tag sides that point into this diff's sentences, each with its tag.
fn tag_marks<'a>(
    diff: &'a MemberDiff,
    group_tags: &'a [FramingTag],
) -> Vec<(&'a TagSide, &'a FramingTag)> {
    let mut marks = Vec::new();
    for tag in diff.tags.iter().filter(|t| highlights_words(t.kind)) {
        marks.push((&tag.member, tag));
        if let Some(counterpart) = &tag.counterpart {
            marks.push((counterpart, tag));
        }
    }
    for tag in group_tags.iter().filter(|t| highlights_words(t.kind)) {
        for side in std::iter::once(&tag.member).chain(tag.counterpart.as_ref()) {
            if side.at == diff.member {
                marks.push((side, tag));
            }
        }
    }
    marks
}

fn covers(side: &TagSide, token: &DiffToken) -> bool {
    side.at == token.at && side.start < side.end && side.start < token.end && token.start < side.end
}

fn runs<'a>(
    sources: &[Source],
    tokens: &[DiffToken],
    marks: &[(&'a TagSide, &'a FramingTag)],
) -> Vec<Run<'a>> {
    let mut runs: Vec<Run<'a>> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let mut kinds = Vec::new();
        let mut notes = Vec::new();
        for (side, tag) in marks {
            if covers(side, token) {
                if !kinds.contains(&tag.kind) {
                    kinds.push(tag.kind);
                }
                if !notes.contains(&tag.explanation.as_str()) {
                    notes.push(tag.explanation.as_str());
                }
            }
        }
        kinds.sort();
        let space_before = i > 0 && preceded_by_space(sources, token);
        let text = visible(&token.text);
        match runs.last_mut() {
            Some(run)
                if run.change == token.change && run.moved == token.moved && run.kinds == kinds =>
            {
                if space_before {
                    run.text.push(' ');
                }
                run.text.push_str(&text);
                for note in notes {
                    if !run.notes.contains(&note) {
                        run.notes.push(note);
                    }
                }
            }
            _ => runs.push(Run {
                change: token.change,
                moved: token.moved,
                kinds,
                notes,
                text: text.into_owned(),
                space_before,
            }),
        }
    }
    runs
}

/// Tokens carry no whitespace; a space goes before a token that has one before it in its
/// own source, so `Syria,` stays together while deleted and inserted words stay apart.
fn preceded_by_space(sources: &[Source], token: &DiffToken) -> bool {
    sources
        .get(token.at.source)
        .and_then(|s| s.text.get(..token.start))
        .and_then(|before| before.chars().next_back())
        .is_some_and(char::is_whitespace)
}

fn kinds_attr(kinds: &[TagKind]) -> Option<String> {
    if kinds.is_empty() {
        return None;
    }
    Some(
        kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn classes(run: &Run<'_>) -> Option<String> {
    let mut class = String::new();
    if matches!(run.change, Change::MovedFrom | Change::MovedTo) {
        class.push_str("moved");
    }
    if !run.kinds.is_empty() {
        if !class.is_empty() {
            class.push(' ');
        }
        class.push_str("tagged");
    }
    (!class.is_empty()).then_some(class)
}

/// What a hover over the run says: which side has the words, and the tags' explanations.
fn title(run: &Run<'_>, sides: &Sides<'_>) -> String {
    let what = match run.change {
        Change::Equal => String::new(),
        Change::Inserted => format!("Only {} has these words.", sides.member),
        Change::Deleted => format!("Only {} (the reference) has these words.", sides.pivot),
        Change::MovedTo => format!(
            "Moved: {} has these words elsewhere in its sentence.",
            sides.pivot
        ),
        Change::MovedFrom => format!(
            "Moved: {} has these words elsewhere in its sentence.",
            sides.member
        ),
    };
    let mut lines: Vec<String> = Vec::new();
    if !what.is_empty() {
        lines.push(visible(&what).into_owned());
    }
    lines.extend(run.notes.iter().map(|note| visible(note).into_owned()));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SentenceRef;

    fn source(text: &str) -> Source {
        Source::from_sentences("s", "p", text, Vec::new())
    }

    fn token(change: Change, source: usize, text: &str, all: &str) -> DiffToken {
        let start = all.find(text).expect("token in text");
        DiffToken {
            change,
            at: SentenceRef {
                source,
                sentence: 0,
            },
            start,
            end: start + text.len(),
            text: text.into(),
            moved: None,
        }
    }

    #[test]
    fn runs_keep_the_sources_spacing_and_mark_changes_and_tags() {
        let pivot = "Moscow said Daesh fled.";
        let member = "Moscow stressed IS fled.";
        let sources = vec![source(pivot), source(member)];
        let at = |source| SentenceRef {
            source,
            sentence: 0,
        };
        let naming = FramingTag {
            kind: TagKind::Naming,
            member: TagSide {
                at: at(1),
                start: 16,
                end: 18,
                text: "IS".into(),
            },
            counterpart: None,
            explanation: "RT calls it “IS” <b>".into(),
        };
        let diff = MemberDiff {
            member: at(1),
            pivot_tokens: Vec::new(),
            member_tokens: Vec::new(),
            edits: Vec::new(),
            tokens: vec![
                token(Change::Equal, 1, "Moscow", member),
                token(Change::Deleted, 0, "said", pivot),
                token(Change::Inserted, 1, "stressed", member),
                token(Change::Deleted, 0, "Daesh", pivot),
                token(Change::Inserted, 1, "IS", member),
                token(Change::Equal, 1, "fled", member),
                token(Change::Equal, 1, ".", member),
            ],
            ratio: 0.5,
            tags: vec![naming],
            fallback: None,
        };
        let sides = Sides {
            member: "RT",
            pivot: "TASS",
        };
        let html = diff_sentence(&sources, &diff, &[], &sides).into_string();
        assert_eq!(
            html,
            "Moscow <del title=\"Only TASS (the reference) has these words.\">said</del> \
             <ins title=\"Only RT has these words.\">stressed</ins> \
             <del title=\"Only TASS (the reference) has these words.\">Daesh</del> \
             <ins class=\"tagged\" data-kinds=\"naming\" title=\"Only RT has these words.\n\
             RT calls it “IS” &lt;b&gt;\">IS</ins> fled."
        );
    }
}
