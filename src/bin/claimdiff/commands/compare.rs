//! `claimdiff compare`: align claims across articles and report the differences.

use std::io::Write;

use anyhow::Result;
use claimdiff::render::{html, json, markdown, terminal};

use crate::args::{CompareArgs, CompareFormat};
use crate::output::Output;
use crate::settings::{self, Environment};

/// Runs `compare`.
pub fn run(args: &CompareArgs, env: &Environment) -> Result<()> {
    crate::output::refuse_input_as_output(args.output.output.as_deref(), &args.input.paths)?;
    let (_, comparison) =
        super::compare_once(&args.input, || Ok(settings::compare_options(args)?))?;
    {
        let mut stderr = std::io::stderr().lock();
        for warning in &comparison.warnings {
            writeln!(
                stderr,
                "claimdiff: warning: {}",
                claimdiff::render::escape::sanitize_for_terminal(warning)
            )?;
        }
    }
    let side_by_side = match &args.display.side_by_side {
        Some(value) => {
            if args.format != CompareFormat::Terminal {
                anyhow::bail!("--side-by-side works with the terminal format only");
            }
            Some(settings::side_by_side_pair(value, &comparison.sources)?)
        }
        None => None,
    };
    let to_file = args.output.output.is_some();
    let report = settings::report_options(&args.display, env, to_file);
    let mut output = Output::open(args.output.output.as_deref())?;
    let out = output.writer();
    match args.format {
        CompareFormat::Json => out.write_all(json::compare_to_string(&comparison).as_bytes())?,
        CompareFormat::Terminal => match side_by_side {
            Some((left, right)) => {
                terminal::write_side_by_side(out, &comparison, &report, left, right)?
            }
            None => terminal::write_report(out, &comparison, &report)?,
        },
        CompareFormat::Markdown => markdown::write_report(out, &comparison, &report)?,
        CompareFormat::Html => html::write_report(out, &comparison, &report)?,
    }
    output.finish()
}
