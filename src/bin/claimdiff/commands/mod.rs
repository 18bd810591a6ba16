//! One module per subcommand, and how the commands that compare once read and compare.

pub mod compare;
pub mod corpus;
pub mod exercise;
pub mod pairs;
pub mod split;

use anyhow::Result;
use claimdiff::pipeline::{self, CompareOptions, Comparison};

use crate::args::InputArgs;
use crate::settings;

/// Reads and compares the inputs of a command that compares once (`compare`,
/// `exercise`): the pool reads them and builds the built-in tables while this thread
/// builds the options with `options`; what the pool has not started by then, this thread
/// does. The options come back with the comparison.
pub fn compare_once(
    input: &InputArgs,
    options: impl FnOnce() -> Result<CompareOptions>,
) -> Result<(CompareOptions, Comparison)> {
    let reading = pipeline::BackgroundRead::start(&input.paths, &settings::ingest_options(input));
    pipeline::build_builtins_in_background(!input.raw);
    let options = options()?;
    let sources = pipeline::prepare_all(reading.finish()?, &options.load);
    let comparison = pipeline::compare_sources(sources, &options)?;
    Ok((options, comparison))
}
