//! `claimdiff exercise`: classroom exercises, with the answer key apart.

use std::io::Write;

use anyhow::{Context, Result};
use claimdiff::exercise::{self, ExerciseOptions, Kind, Level, Worksheet};
use claimdiff::pipeline::CompareOptions;
use claimdiff::render::escape::sanitize_for_terminal;
use claimdiff::render::exercise::{html, markdown, WorksheetOptions};

use crate::args::{ExerciseArgs, ExerciseFormat, ExerciseKind, ExerciseLevel};
use crate::output::Output;
use crate::settings;

/// Runs `exercise`.
pub fn run(args: &ExerciseArgs) -> Result<()> {
    if let (Some(answers), Some(output)) = (&args.answers, &args.output.output) {
        if same_file(answers, output) {
            anyhow::bail!(
                "{}: --answers and -o name the same file; the key must go to a file of its own",
                answers.display()
            );
        }
    }
    let (options, comparison) = super::compare_once(&args.input, || compare_options(args))?;
    let exercise_options = ExerciseOptions {
        kinds: kinds(&args.kind),
        count: args.count,
        seed: args.seed,
        level: match args.level {
            ExerciseLevel::Easy => Level::Easy,
            ExerciseLevel::Medium => Level::Medium,
            ExerciseLevel::Hard => Level::Hard,
        },
        diff: options.diff.clone(),
    };
    let sheet = exercise::build(&comparison, &exercise_options)?;
    report_notes(&comparison.warnings, &sheet)?;
    if sheet.exercises.is_empty() {
        let why: Vec<String> = sheet
            .notes
            .iter()
            .map(|n| format!("{}: {}", n.kind.as_str(), n.reason))
            .collect();
        anyhow::bail!(
            "no exercise can be made from these articles ({})",
            sanitize_for_terminal(&why.join("; "))
        );
    }
    let render = WorksheetOptions {
        with_answers: args.with_answers,
        reveal: !args.no_reveal,
    };
    // Both files are rendered before either is moved into place: an error leaves both
    // untouched.
    let mut key = match &args.answers {
        Some(path) => {
            let mut key = Output::open(Some(path))?;
            match args.format {
                ExerciseFormat::Markdown => markdown::write_answers(key.writer(), &sheet)?,
                ExerciseFormat::Html => html::write_answers(key.writer(), &sheet)?,
            }
            Some(key)
        }
        None => None,
    };
    let mut output = Output::open(args.output.output.as_deref())?;
    match args.format {
        ExerciseFormat::Markdown => markdown::write_worksheet(output.writer(), &sheet, &render)?,
        ExerciseFormat::Html => html::write_worksheet(output.writer(), &sheet, &render)?,
    }
    if let Some(key) = key.take() {
        key.finish()?;
    }
    output.finish()
}

/// The kinds asked for; `all` (alone or among others) means every kind.
fn kinds(asked: &[ExerciseKind]) -> Vec<Kind> {
    if asked.contains(&ExerciseKind::All) {
        return Kind::ALL.to_vec();
    }
    asked
        .iter()
        .filter_map(|k| match k {
            ExerciseKind::All => None,
            ExerciseKind::MatchOutlet => Some(Kind::MatchOutlet),
            ExerciseKind::SpotDifference => Some(Kind::SpotDifference),
            ExerciseKind::MissingClaim => Some(Kind::MissingClaim),
            ExerciseKind::Numbers => Some(Kind::Numbers),
            ExerciseKind::Headline => Some(Kind::Headline),
        })
        .collect()
}

fn compare_options(args: &ExerciseArgs) -> Result<CompareOptions> {
    Ok(settings::comparison_options(
        &args.input,
        &args.alignment,
        args.lexicon.as_deref(),
        None,
    )?)
}

/// Warnings of the comparison and the kinds not made as asked, on stderr.
fn report_notes(warnings: &[String], sheet: &Worksheet) -> Result<()> {
    let mut stderr = std::io::stderr().lock();
    for warning in warnings {
        writeln!(
            stderr,
            "claimdiff: warning: {}",
            sanitize_for_terminal(warning)
        )?;
    }
    for note in &sheet.notes {
        writeln!(
            stderr,
            "claimdiff: note: {}: {} of {} made: {}",
            note.kind.as_str(),
            note.made,
            note.wanted,
            sanitize_for_terminal(&note.reason)
        )
        .context("cannot write to standard error")?;
    }
    Ok(())
}

/// Whether two paths name the same file (or would, once created).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    if a == b {
        return true;
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
