//! The interactive HTML worksheet: one self-contained file.
//!
//! As the HTML report: inline style and script only, named by hash in a
//! Content-Security-Policy that allows nothing else; [`maud`] escapes every value, and
//! article text also loses control characters and bidirectional overrides. Students tick
//! an answer and press "Show the answer"; the key of each question is in the page, hidden
//! until then (left out entirely without [`WorksheetOptions::reveal`]). Printed, the page
//! shows the questions and empty boxes, never an answer.

use std::io::{self, Write};

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::exercise::{Exercise, Question, Worksheet};
use crate::render::page::{self, visible};

use super::{runs, title, WorksheetOptions};

const STYLE: &str = include_str!("worksheet.css");
const SCRIPT: &str = include_str!("worksheet.js");

/// Writes the worksheet as a complete HTML document.
pub fn write_worksheet(
    out: &mut dyn Write,
    sheet: &Worksheet,
    options: &WorksheetOptions,
) -> io::Result<()> {
    out.write_all(worksheet_to_string(sheet, options).as_bytes())
}

/// Writes the answer key alone as a complete HTML document (nothing interactive).
pub fn write_answers(out: &mut dyn Write, sheet: &Worksheet) -> io::Result<()> {
    let page = page(
        &format!("Answer key: {}", title(sheet)),
        html! { (key_section(sheet)) },
    );
    out.write_all(page.into_string().as_bytes())
}

/// The worksheet as a string.
pub fn worksheet_to_string(sheet: &Worksheet, options: &WorksheetOptions) -> String {
    let body = html! {
        header {
            h1 { (title(sheet)) }
            p.meta {
                "Outlets compared: " (visible(&sheet.outlets.join(", "))) ". "
                "Level: " (sheet.level.as_str()) ". Seed: " (sheet.seed) "."
            }
        }
        @if options.reveal && sheet.exercises.iter().any(|e| !e.questions.is_empty()) {
            div.toolbar role="group" aria-label="Answers" {
                button type="button" data-all="show" { "Show all answers" }
                button type="button" data-all="hide" { "Hide all answers" }
            }
        }
        @if sheet.exercises.is_empty() {
            p { "No exercise could be made from these articles." }
        }
        @if !sheet.notes.is_empty() {
            aside.notes {
                strong { "Not made as asked:" }
                ul {
                    @for note in &sheet.notes {
                        li { (note.kind.as_str()) ": " (note.made) " of " (note.wanted) " made: " (visible(&note.reason)) "." }
                    }
                }
            }
        }
        @for (n, exercise) in sheet.exercises.iter().enumerate() {
            (exercise_section(n + 1, exercise, options))
        }
        @if options.with_answers {
            (key_section(sheet))
        }
    };
    page(&title(sheet), body).into_string()
}

fn page(heading: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(content_security_policy());
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(concat!("claimdiff ", env!("CARGO_PKG_VERSION")));
                title { (heading) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (body)
                footer {
                    "Made by claimdiff " (env!("CARGO_PKG_VERSION")) " from the articles' own text. "
                    "Tags point at differences in wording: prompts to look closer, not verdicts."
                }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
}

fn exercise_section(number: usize, exercise: &Exercise, options: &WorksheetOptions) -> Markup {
    html! {
        section.exercise id=(format!("exercise-{number}")) data-kind=(exercise.kind.as_str()) {
            h2 { "Exercise " (number) ": " (exercise.kind.title()) }
            p.instructions { (visible(&exercise.instructions)) }
            @for passage in &exercise.passages {
                blockquote.passage data-named=(if passage.named { "1" } else { "0" }) {
                    span.label { (visible(&passage.label)) }
                    p.text {
                        @for (marked, run) in runs(passage) {
                            @if marked { mark { (visible(run)) } } @else { (visible(run)) }
                        }
                    }
                }
            }
            @for (q, question) in exercise.questions.iter().enumerate() {
                (question_block(number, q + 1, question, options))
            }
        }
    }
}

fn question_block(
    exercise: usize,
    number: usize,
    question: &Question,
    options: &WorksheetOptions,
) -> Markup {
    let id = format!("q-{exercise}-{number}");
    // The right choice is written only when the page holds the key.
    let answer_attr = question
        .answer
        .choice
        .filter(|_| options.reveal)
        .map(|c| c.to_string());
    html! {
        div.question id=(id) data-answer=[answer_attr] {
            p.prompt { (exercise) "." (number) " " (visible(&question.prompt)) }
            @if question.choices.is_empty() {
                textarea.write-in aria-label=(format!("Your answer to {exercise}.{number}")) {}
            } @else {
                ul.choices {
                    @for (i, choice) in question.choices.iter().enumerate() {
                        li { label {
                            input type="radio" name=(id) value=(i);
                            span { (visible(&choice.text)) }
                        } }
                    }
                }
            }
            @if let Some(hint) = &question.hint {
                p.hint { "Hint: " (visible(hint)) }
            }
            @if options.reveal {
                button.reveal type="button" aria-expanded="false" aria-controls=(format!("{id}-answer")) { "Show the answer" }
                div.answer id=(format!("{id}-answer")) hidden {
                    (answer_body(question))
                }
            }
        }
    }
}

fn answer_body(question: &Question) -> Markup {
    html! {
        p.verdict { "Answer: " (visible(&question.answer.text)) }
        @if !question.answer.reasons.is_empty() {
            ul { @for reason in &question.answer.reasons { li { (visible(reason)) } } }
        }
    }
}

fn key_section(sheet: &Worksheet) -> Markup {
    html! {
        section.key #answer-key {
            h2 { "Answer key" }
            p.meta {
                "For the teacher. Level: " (sheet.level.as_str()) ". Seed: " (sheet.seed) ". "
                "The answers come from claimdiff's comparison of the articles."
            }
            @for (n, exercise) in sheet.exercises.iter().enumerate() {
                h3 { "Exercise " (n + 1) ": " (exercise.kind.title()) }
                @for (q, question) in exercise.questions.iter().enumerate() {
                    div.key-item {
                        p { strong { (n + 1) "." (q + 1) } " " (visible(&question.prompt)) }
                        (answer_body(question))
                    }
                }
            }
        }
    }
}

/// Nothing may load; only this module's style and script (named by hash) apply or run.
fn content_security_policy() -> String {
    page::content_security_policy(STYLE, Some(SCRIPT))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::page::sha256_source;

    #[test]
    fn inline_assets_cannot_close_their_own_elements_or_load_anything() {
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!STYLE.contains("url(") && !STYLE.contains("@import"));
    }

    #[test]
    fn policy_names_both_inline_assets_and_allows_nothing_else() {
        let policy = content_security_policy();
        assert!(policy.starts_with("default-src 'none';"));
        assert!(policy.contains(&sha256_source(SCRIPT)));
        assert!(policy.contains(&sha256_source(STYLE)));
        assert!(!policy.contains("unsafe"));
    }

    #[test]
    fn print_style_hides_answers_and_buttons() {
        let print = STYLE.split("@media print").nth(1).expect("a print section");
        assert!(print.contains(".answer") && print.contains(".reveal"));
    }
}
