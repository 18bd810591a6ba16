//! The worksheet and its answer key in Markdown (GitHub-flavoured: task-list boxes for the
//! choices, `<mark>` for the hints).
//!
//! Every string that can hold article text (passages, outlet names, explanations quoting
//! the articles) goes through [`escape_markdown`] and a guard at the line start, so an
//! article can neither inject markup nor start a list or heading.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::exercise::{Exercise, Question, Worksheet};
use crate::render::markdown::escape_markdown;

use super::{runs, title, WorksheetOptions};

/// The line that separates the worksheet from the key in one document.
pub const KEY_SEPARATOR: &str = "<!-- answer key: cut here -->";

/// Writes the worksheet; with [`WorksheetOptions::with_answers`] the key follows after a
/// page rule and [`KEY_SEPARATOR`].
pub fn write_worksheet(
    out: &mut dyn Write,
    sheet: &Worksheet,
    options: &WorksheetOptions,
) -> io::Result<()> {
    let mut doc = worksheet_to_string(sheet);
    if options.with_answers {
        doc.push_str("\n---\n\n");
        doc.push_str(KEY_SEPARATOR);
        doc.push_str("\n\n");
        doc.push_str(&answers_to_string(sheet));
    }
    out.write_all(doc.as_bytes())
}

/// Writes the answer key alone.
pub fn write_answers(out: &mut dyn Write, sheet: &Worksheet) -> io::Result<()> {
    out.write_all(answers_to_string(sheet).as_bytes())
}

/// Text escaped for Markdown that cannot open a block at a line start.
fn inline(text: &str) -> String {
    guard_line_start(escape_markdown(text))
}

/// Backslash-escapes a leading `-`, `+`, `=` or an ordered-list marker (`1.`), which
/// [`escape_markdown`] leaves alone.
fn guard_line_start(text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after_digits = text.get(digits..).and_then(|rest| rest.chars().next());
    if text.starts_with(['-', '+', '=']) {
        format!("\\{text}")
    } else if digits > 0 && matches!(after_digits, Some('.') | Some(')')) {
        format!("{}\\{}", &text[..digits], &text[digits..])
    } else {
        text
    }
}

/// The worksheet alone, without any answer.
pub fn worksheet_to_string(sheet: &Worksheet) -> String {
    let mut doc = String::new();
    let _ = writeln!(doc, "# {}\n", title(sheet));
    let outlets: Vec<String> = sheet.outlets.iter().map(|o| inline(o)).collect();
    let _ = writeln!(
        doc,
        "Outlets compared: {}. Level: {}. Seed: {}.\n",
        outlets.join(", "),
        sheet.level.as_str(),
        sheet.seed
    );
    if sheet.exercises.is_empty() {
        doc.push_str("No exercise could be made from these articles.\n\n");
    }
    write_notes(&mut doc, sheet);
    for (n, exercise) in sheet.exercises.iter().enumerate() {
        write_exercise(&mut doc, n + 1, exercise);
    }
    doc
}

fn write_notes(doc: &mut String, sheet: &Worksheet) {
    if sheet.notes.is_empty() {
        return;
    }
    doc.push_str("> **Not made as asked:**\n");
    for note in &sheet.notes {
        let _ = writeln!(
            doc,
            "> - {}: {} of {} made: {}.",
            note.kind.as_str(),
            note.made,
            note.wanted,
            inline(&note.reason)
        );
    }
    doc.push('\n');
}

fn write_exercise(doc: &mut String, number: usize, exercise: &Exercise) {
    let _ = writeln!(doc, "## Exercise {number}: {}\n", exercise.kind.title());
    let _ = writeln!(doc, "{}\n", inline(&exercise.instructions));
    for passage in &exercise.passages {
        let _ = writeln!(doc, "**{}**\n", inline(&passage.label));
        let mut text = String::new();
        for (marked, run) in runs(passage) {
            if marked {
                let _ = write!(text, "<mark>{}</mark>", escape_markdown(run));
            } else {
                text.push_str(&escape_markdown(run));
            }
        }
        let _ = writeln!(doc, "> {}\n", guard_line_start(text));
    }
    for (q, question) in exercise.questions.iter().enumerate() {
        write_question(doc, number, q + 1, question);
    }
}

fn write_question(doc: &mut String, exercise: usize, number: usize, question: &Question) {
    let _ = writeln!(
        doc,
        "**{exercise}.{number}** {}\n",
        inline(&question.prompt)
    );
    if question.choices.is_empty() {
        doc.push_str("Answer:\n\n&nbsp;\n\n&nbsp;\n\n");
    } else {
        for choice in &question.choices {
            let _ = writeln!(doc, "- [ ] {}", inline(&choice.text));
        }
        doc.push('\n');
    }
    if let Some(hint) = &question.hint {
        let _ = writeln!(doc, "*Hint: {}*\n", inline(hint));
    }
}

/// The answer key alone.
pub fn answers_to_string(sheet: &Worksheet) -> String {
    let mut doc = String::new();
    let _ = writeln!(doc, "# Answer key: {}\n", title(sheet));
    let _ = writeln!(
        doc,
        "Level: {}. Seed: {}. For the teacher: the answers come from claimdiff's comparison \
         of the articles; its tags point at differences in wording, prompts to discuss rather \
         than verdicts.\n",
        sheet.level.as_str(),
        sheet.seed
    );
    for (n, exercise) in sheet.exercises.iter().enumerate() {
        let _ = writeln!(doc, "## Exercise {}: {}\n", n + 1, exercise.kind.title());
        for (q, question) in exercise.questions.iter().enumerate() {
            let _ = writeln!(
                doc,
                "**{}.{}** {}\n",
                n + 1,
                q + 1,
                inline(&question.prompt)
            );
            let _ = writeln!(doc, "Answer: **{}**\n", inline(&question.answer.text));
            for reason in &question.answer.reasons {
                let _ = writeln!(doc, "- {}", inline(reason));
            }
            if !question.answer.reasons.is_empty() {
                doc.push('\n');
            }
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_that_open_blocks_are_escaped() {
        assert_eq!(guard_line_start("- a".into()), "\\- a");
        assert_eq!(guard_line_start("2016. It".into()), "2016\\. It");
        assert_eq!(guard_line_start("2016 was".into()), "2016 was");
        assert_eq!(inline("# not a heading"), "\\# not a heading");
    }
}
