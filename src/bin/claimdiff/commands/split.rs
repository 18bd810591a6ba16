//! `claimdiff split`: clean articles and list their sentences.

use anyhow::Result;
use claimdiff::render::{json, text};

use crate::args::{SplitArgs, SplitFormat};
use crate::output::Output;
use crate::settings;

/// Runs `split`.
pub fn run(args: &SplitArgs) -> Result<()> {
    crate::output::refuse_input_as_output(args.output.output.as_deref(), &args.input.paths)?;
    let options = settings::load_options(&args.input)?;
    let sources = claimdiff::pipeline::load_sources(&args.input.paths, &options)?;
    let mut output = Output::open(args.output.output.as_deref())?;
    let out = output.writer();
    match args.format {
        SplitFormat::Json => out.write_all(json::split_to_string(&sources).as_bytes())?,
        SplitFormat::Tsv => text::write_sentences_tsv(out, &sources)?,
        SplitFormat::Text => text::write_sentences(
            out,
            &sources,
            text::ListingOptions {
                show_removed: args.show_removed,
            },
        )?,
    }
    output.finish()
}
