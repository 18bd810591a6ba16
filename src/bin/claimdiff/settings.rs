//! Turns parsed arguments and the environment into library options. The library never
//! sees clap, and renderers never look at the environment.

use std::io::IsTerminal;
use std::path::Path;

use claimdiff::align::AlignOptions;
use claimdiff::diff::{DiffOptions, Lexicon};
use claimdiff::ingest::boilerplate::Rules;
use claimdiff::ingest::IngestOptions;
use claimdiff::pipeline::{CompareOptions, LoadOptions};
use claimdiff::render::ReportOptions;
use claimdiff::similarity::aliases::Aliases;
use claimdiff::Source;

use crate::args::{AlignmentArgs, ColorChoice, CompareArgs, DisplayArgs, InputArgs};

/// The environment variables and terminal facts that change output, read once.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// `TERM=dumb`.
    pub dumb_terminal: bool,
    /// `COLUMNS`, when it is a positive number.
    pub columns: Option<usize>,
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// The terminal's width, when standard output is one.
    pub terminal_width: Option<usize>,
}

impl Environment {
    /// Reads the real environment.
    pub fn read() -> Environment {
        let stdout_is_terminal = std::io::stdout().is_terminal();
        Environment {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            dumb_terminal: std::env::var("TERM").is_ok_and(|t| t == "dumb"),
            columns: std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse().ok())
                .filter(|&c| c > 0),
            stdout_is_terminal,
            terminal_width: if stdout_is_terminal {
                terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
            } else {
                None
            },
        }
    }
}

/// Library options for reading and preparing the inputs.
pub fn load_options(input: &InputArgs) -> claimdiff::Result<LoadOptions> {
    let rules = match &input.boilerplate {
        Some(path) => Rules::with_user_file(path)?,
        None => Rules::builtin(),
    };
    Ok(LoadOptions {
        ingest: ingest_options(input),
        rules,
        raw: input.raw,
    })
}

/// How the inputs are read, from `--label`, `--meta` and `--max-bytes`.
pub fn ingest_options(input: &InputArgs) -> IngestOptions {
    IngestOptions {
        label: input.label.clone(),
        meta_file: input.meta.clone(),
        max_bytes: input.max_bytes,
    }
}

/// The built-in aliases plus a user file.
pub fn aliases(extra: Option<&Path>) -> claimdiff::Result<Aliases> {
    let mut aliases = Aliases::builtin();
    if let Some(path) = extra {
        aliases.extend_from_file(path)?;
    }
    Ok(aliases)
}

/// Checks a similarity threshold given on the command line.
pub fn threshold(value: f64) -> claimdiff::Result<f64> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(claimdiff::Error::InvalidOption {
            option: "--threshold".into(),
            detail: format!("{value} is not between 0 and 1"),
        })
    }
}

/// Library options for alignment, with the limits checked.
pub fn align_options(
    args: &AlignmentArgs,
    aliases: Aliases,
    base: Option<String>,
) -> claimdiff::Result<AlignOptions> {
    if args.min_sources < 2 {
        return Err(claimdiff::Error::InvalidOption {
            option: "--min-sources".into(),
            detail: format!(
                "{} is less than 2: a claim group needs two outlets",
                args.min_sources
            ),
        });
    }
    Ok(AlignOptions {
        threshold: threshold(args.threshold)?,
        min_sources: args.min_sources,
        base,
        aliases,
        ..AlignOptions::default()
    })
}

/// Library options for a whole comparison.
pub fn compare_options(args: &CompareArgs) -> claimdiff::Result<CompareOptions> {
    comparison_options(
        &args.input,
        &args.alignment,
        args.lexicon.as_deref(),
        args.base.clone(),
    )
}

/// The options of a comparison from the flags `compare`, `exercise` and `corpus` share:
/// inputs, alignment, `--lexicon`, and the base outlet where the command has one.
pub fn comparison_options(
    input: &InputArgs,
    alignment: &AlignmentArgs,
    lexicon_file: Option<&std::path::Path>,
    base: Option<String>,
) -> claimdiff::Result<CompareOptions> {
    let aliases = aliases(alignment.aliases.as_deref())?;
    let mut lexicon = Lexicon::builtin();
    if let Some(path) = lexicon_file {
        lexicon.extend_from_file(path)?;
    }
    // For `compare` and `exercise` the cleaning rules (next) are likely still being built
    // on the pool: take the other built-in tables rather than wait. (For `corpus`, which
    // builds none ahead, this builds them all before its pool starts.)
    claimdiff::pipeline::build_builtins_here(!input.raw);
    Ok(CompareOptions {
        load: load_options(input)?,
        align: align_options(alignment, aliases.clone(), base.clone())?,
        diff: DiffOptions {
            lexicon,
            aliases,
            base,
            ..DiffOptions::default()
        },
    })
}

/// Colour and width for a report, from the flags and the environment.
///
/// Colour: `--color always|never` decide; `auto` means colour only on a terminal, and not
/// with `NO_COLOR` or `TERM=dumb`. Width: `--width`, then the terminal, then `COLUMNS`,
/// then 80.
pub fn report_options(display: &DisplayArgs, env: &Environment, to_file: bool) -> ReportOptions {
    let color = match display.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file && env.stdout_is_terminal && !env.no_color && !env.dumb_terminal
        }
    };
    let width = display
        .width
        .or(if to_file { None } else { env.terminal_width })
        .or(env.columns)
        .unwrap_or(80)
        .clamp(40, 1000);
    ReportOptions { color, width }
}

/// The two sources `--side-by-side` shows: the only two, or the two it names (by outlet,
/// case-insensitive, or by source id).
pub fn side_by_side_pair(value: &str, sources: &[Source]) -> claimdiff::Result<(usize, usize)> {
    let invalid = |detail: String| claimdiff::Error::InvalidOption {
        option: "--side-by-side".into(),
        detail,
    };
    let choices = || {
        sources
            .iter()
            .map(|s| format!("{} ({})", s.display_name(), s.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if value.trim().is_empty() {
        return match sources.len() {
            2 => Ok((0, 1)),
            n => Err(invalid(format!(
                "{n} articles are compared; name two with --side-by-side=OUTLET,OUTLET (choices: {})",
                choices()
            ))),
        };
    }
    let find = |wanted: &str| {
        let wanted = wanted.trim();
        sources
            .iter()
            .position(|s| s.id == wanted)
            .or_else(|| {
                sources
                    .iter()
                    .position(|s| s.display_name().eq_ignore_ascii_case(wanted))
            })
            .ok_or_else(|| invalid(format!("no outlet “{wanted}”; choices: {}", choices())))
    };
    match value.split(',').collect::<Vec<_>>().as_slice() {
        [left, right] => {
            let (l, r) = (find(left)?, find(right)?);
            if l == r {
                return Err(invalid("the two outlets are the same source".into()));
            }
            Ok((l, r))
        }
        _ => Err(invalid(format!(
            "“{value}” is not two outlets separated by a comma (choices: {})",
            choices()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn display(color: ColorChoice, width: Option<usize>) -> DisplayArgs {
        DisplayArgs {
            color,
            width,
            side_by_side: None,
        }
    }

    #[test]
    fn auto_colour_needs_a_terminal_and_respects_no_color_and_dumb() {
        let tty = Environment {
            stdout_is_terminal: true,
            ..Environment::default()
        };
        assert!(report_options(&display(ColorChoice::Auto, None), &tty, false).color);
        assert!(!report_options(&display(ColorChoice::Auto, None), &tty, true).color);
        let no_color = Environment {
            no_color: true,
            ..tty.clone()
        };
        assert!(!report_options(&display(ColorChoice::Auto, None), &no_color, false).color);
        let dumb = Environment {
            dumb_terminal: true,
            ..tty.clone()
        };
        assert!(!report_options(&display(ColorChoice::Auto, None), &dumb, false).color);
        assert!(report_options(&display(ColorChoice::Always, None), &dumb, false).color);
        let pipe = Environment::default();
        assert!(!report_options(&display(ColorChoice::Auto, None), &pipe, false).color);
    }

    #[test]
    fn width_comes_from_flag_then_terminal_then_columns_then_80() {
        let env = Environment {
            columns: Some(100),
            terminal_width: Some(120),
            stdout_is_terminal: true,
            ..Environment::default()
        };
        let d = |w| display(ColorChoice::Never, w);
        assert_eq!(report_options(&d(Some(60)), &env, false).width, 60);
        assert_eq!(report_options(&d(None), &env, false).width, 120);
        let no_tty = Environment {
            terminal_width: None,
            ..env.clone()
        };
        assert_eq!(report_options(&d(None), &no_tty, false).width, 100);
        assert_eq!(
            report_options(&d(None), &Environment::default(), false).width,
            80
        );
    }
}
