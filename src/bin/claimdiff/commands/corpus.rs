//! `claimdiff corpus`: group a corpus into events and compare each one.

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use anyhow::{Context, Result};
use claimdiff::corpus::{self, CorpusOptions, GroupingOptions, Progress, Shard};
use claimdiff::render::corpus as render;
use flate2::write::GzEncoder;
use flate2::Compression;
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::{CorpusArgs, CorpusFormat};
use crate::output::Output;
use crate::settings;

/// Runs `corpus`.
pub fn run(args: &CorpusArgs) -> Result<()> {
    let options = corpus_options(args)?;
    if args.input.paths.iter().any(|p| p.as_os_str() == "-") {
        anyhow::bail!("corpus reads files and directories, not standard input (`-`)");
    }
    let mut output = Output::open(args.out.as_deref())?;
    let out_name = args.out.clone().unwrap_or_else(|| "-".into());
    let write_error = |source| claimdiff::Error::Write {
        path: out_name.clone(),
        source,
    };
    let progress = Bar::new();
    let jsonl = args.format == CorpusFormat::Jsonl;
    let compress = args
        .out
        .as_ref()
        .is_some_and(|p| p.to_string_lossy().to_ascii_lowercase().ends_with(".gz"));
    let mut sink = if compress {
        Sink::Gzip(GzEncoder::new(ToOutput(&mut output), Compression::fast()))
    } else {
        Sink::Plain(ToOutput(&mut output))
    };
    let summary = {
        let sink = &mut sink;
        corpus::run(
            &args.input.paths,
            &options,
            &progress,
            |event, comparison| {
                if jsonl {
                    render::event_line(event, comparison)
                } else {
                    String::new()
                }
            },
            |line| sink.write_all(line.as_bytes()).map_err(write_error),
        )?
    };
    progress.bar.finish_and_clear();
    match args.format {
        CorpusFormat::Jsonl => {}
        CorpusFormat::Markdown => {
            render::write_summary_markdown(&mut sink, &summary).map_err(write_error)?
        }
        CorpusFormat::Html => sink
            .write_all(render::summary_html(&summary).as_bytes())
            .map_err(write_error)?,
    }
    sink.finish().map_err(write_error)?;
    if let Some(path) = &args.summary {
        let mut file = Output::open(Some(path))?;
        file.writer()
            .write_all(render::summary_to_string(&summary).as_bytes())
            .with_context(|| format!("{}: cannot write", path.display()))?;
        file.finish()?;
    }
    output.finish()
}

fn corpus_options(args: &CorpusArgs) -> claimdiff::Result<CorpusOptions> {
    if !(0.0..=1.0).contains(&args.event_similarity) {
        return Err(claimdiff::Error::InvalidOption {
            option: "--event-similarity".into(),
            detail: format!("{} is not between 0 and 1", args.event_similarity),
        });
    }
    Ok(CorpusOptions {
        compare: settings::comparison_options(
            &args.input,
            &args.alignment,
            args.lexicon.as_deref(),
            None,
        )?,
        grouping: GroupingOptions {
            window_days: args.window,
            min_similarity: args.event_similarity,
            ..GroupingOptions::default()
        },
        min_outlets: args.min_outlets,
        jobs: args.jobs,
        shard: match &args.shard {
            Some(text) => Shard::parse(text)?,
            None => Shard::WHOLE,
        },
        keep_prepared_bytes: args.keep_mib.saturating_mul(1 << 20),
    })
}

/// The progress bar on stderr: articles read, then events done with rate and ETA. Hidden
/// when stderr is not a terminal.
struct Bar {
    bar: ProgressBar,
}

impl Bar {
    fn new() -> Bar {
        let bar = if std::io::stderr().is_terminal() {
            ProgressBar::new_spinner()
        } else {
            ProgressBar::hidden()
        };
        bar.set_style(
            ProgressStyle::with_template("{spinner} reading: {human_pos} articles ({per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Bar { bar }
    }
}

impl Progress for Bar {
    fn articles_read(&self, articles: u64) {
        self.bar.inc(articles);
    }

    fn events_formed(&self, events: u64, to_compare: u64) {
        let read = self.bar.position();
        self.bar.set_style(
            ProgressStyle::with_template(
                "{msg} [{bar:25}] {human_pos}/{human_len} compared ({per_sec}, ETA {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        self.bar
            .set_message(format!("{read} articles, {events} events"));
        self.bar.set_length(to_compare);
        self.bar.set_position(0);
        self.bar.reset_eta();
    }

    fn events_done(&self, events: u64) {
        self.bar.inc(events);
    }
}

/// Writes into the command's [`Output`].
struct ToOutput<'a>(&'a mut Output);

impl Write for ToOutput<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.writer().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.writer().flush()
    }
}

/// The output as written: plain, or gzip-compressed when `--out` ends in `.gz` (gzip
/// members concatenate, so shard outputs still do).
enum Sink<'a> {
    Plain(ToOutput<'a>),
    Gzip(GzEncoder<ToOutput<'a>>),
}

impl Sink<'_> {
    /// Ends the gzip stream.
    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Plain(_) => Ok(()),
            Sink::Gzip(encoder) => encoder.finish().map(drop),
        }
    }
}

impl Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
        }
    }
}
