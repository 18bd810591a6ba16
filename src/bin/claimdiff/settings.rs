//! Turns parsed arguments into library options. The library never sees clap.

use claimdiff::ingest::boilerplate::Rules;
use claimdiff::ingest::IngestOptions;
use claimdiff::pipeline::LoadOptions;

use crate::args::InputArgs;

/// Library options for reading and preparing the inputs.
pub fn load_options(input: &InputArgs) -> claimdiff::Result<LoadOptions> {
    let rules = match &input.boilerplate {
        Some(path) => Rules::with_user_file(path)?,
        None => Rules::builtin(),
    };
    Ok(LoadOptions {
        ingest: IngestOptions {
            label: input.label.clone(),
            meta_file: input.meta.clone(),
            max_bytes: input.max_bytes,
            ..IngestOptions::default()
        },
        rules,
        raw: input.raw,
    })
}
