//! The command-line definition (clap) and nothing else: `settings.rs` turns these into
//! library options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (also when the reader of the output goes away, as with `| head`)
  2  an error: a bad input file, a bad option, nothing to compare, or output that could not be written";

/// Show how different news outlets describe the same event.
#[derive(Parser, Debug)]
#[command(name = "claimdiff", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Clean articles and split them into sentences with exact byte offsets.
    #[command(after_help = concat!(
        "Examples:\n",
        "  claimdiff split seeds/003_3bdfc0fa5141ee29.txt\n",
        "  claimdiff split seeds/ --format json > sentences.json\n",
        "  claimdiff split article.txt --show-removed\n",
        "  curl -s … | claimdiff split - --label Reuters --format tsv\n\n",
        "Exit codes:\n",
        "  0  success\n",
        "  2  an error (the message names the file and the problem)"
    ))]
    Split(SplitArgs),
}

/// Options for reading inputs, shared by every subcommand that reads articles.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Article files, directories (their supported files, sorted by name) or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Outlet name for inputs that name none in a header or sidecar.
    #[arg(long, value_name = "NAME")]
    pub label: Option<String>,

    /// Metadata file in `sources.toml` format (file name → outlet, date, url, title).
    #[arg(long, value_name = "FILE")]
    pub meta: Option<PathBuf>,

    /// Extra cleaning rules, in the format of the built-in `data/boilerplate.txt`.
    #[arg(long, value_name = "FILE")]
    pub boilerplate: Option<PathBuf>,

    /// Turn all cleaning off: split the text as it is.
    #[arg(long)]
    pub raw: bool,

    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = claimdiff::ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// Where output goes.
#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Write to FILE instead of stdout. The file is replaced only when all output is
    /// written; on failure an existing file is left untouched.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SplitArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SplitFormat::Text)]
    pub format: SplitFormat,

    /// Also list what cleaning removed, and why (JSON always includes it).
    #[arg(long)]
    pub show_removed: bool,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitFormat {
    /// Numbered sentences per source, for reading.
    Text,
    /// The JSON contract (see `claimdiff::render::json`).
    Json,
    /// One sentence per row, tab-separated, with a header row.
    Tsv,
}
