//! `claimdiff pairs`: score `left<TAB>right` lines with the similarity `compare` uses.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use anyhow::{Context, Result};
use claimdiff::similarity::{Explanation, Scorer};

use crate::args::PairsArgs;
use crate::output::Output;
use crate::settings;

/// Runs `pairs`.
pub fn run(args: &PairsArgs) -> Result<()> {
    let threshold = settings::threshold(args.threshold)?;
    let scorer = Scorer::new(settings::aliases(args.aliases.as_deref())?);
    let name = args.input.display().to_string();
    let reader: Box<dyn Read> = if args.input.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(&args.input).with_context(|| format!("{name}: cannot open"))?)
    };
    crate::output::refuse_input_as_output(
        args.output.output.as_deref(),
        std::slice::from_ref(&args.input),
    )?;
    let mut output = Output::open(args.output.output.as_deref())?;
    let out = output.writer();
    for (i, line) in BufReader::new(reader).lines().enumerate() {
        let line =
            line.with_context(|| format!("{name}:{}: cannot read (not UTF-8 text?)", i + 1))?;
        let line = line.strip_prefix('\u{feff}').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let Some((left, right)) = line.split_once('\t') else {
            anyhow::bail!("{name}:{}: expected `left<TAB>right`, found no tab", i + 1);
        };
        let explanation = scorer.explain(left, right);
        let same = explanation.score >= threshold;
        if args.explain {
            writeln_explained(out, &explanation, same)?;
        } else {
            writeln!(out, "{:.4}\t{same}", explanation.score)?;
        }
    }
    output.finish()
}

fn writeln_explained(out: &mut dyn io::Write, e: &Explanation, same: bool) -> io::Result<()> {
    let c = &e.components;
    let opt = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
    let shared: Vec<String> = e
        .shared_terms
        .iter()
        .map(|t| {
            format!(
                "{}={:.3}",
                claimdiff::render::escape::sanitize_for_terminal(&t.term),
                t.weight
            )
        })
        .collect();
    writeln!(
        out,
        "{:.4}\t{same}\tcosine={:.4}\tchars={:.4}\tnames={}\tnumbers={}\tshared={}",
        e.score,
        c.cosine,
        c.chars,
        opt(c.names),
        opt(c.numbers),
        shared.join(",")
    )
}
