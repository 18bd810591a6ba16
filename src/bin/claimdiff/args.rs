//! The command-line definition (clap) and nothing else: `settings.rs` turns these into
//! library options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (also when the reader of the output goes away, as with `| head`)
  2  an error: a bad input file, a bad option, nothing to compare, output not written
An error is one line on stderr naming the file and the problem; the README's table
\"Exit codes and bad input\" lists what each kind of bad input gives.";

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

    /// Align the claims of several articles and show how each outlet tells them.
    #[command(after_help = concat!(
        "Examples:\n",
        "  claimdiff compare seeds/*.txt\n",
        "  claimdiff compare seeds/ --format json > comparison.json\n",
        "  claimdiff compare tass.txt rt.txt --base TASS --threshold 0.6\n",
        "  claimdiff compare articles/ --format html -o report.html\n\n",
        "Exit codes:\n",
        "  0  success\n",
        "  2  an error: a bad input, fewer than two distinct articles, a bad option"
    ))]
    Compare(CompareArgs),

    /// Score sentence pairs: reads `left<TAB>right` lines, writes `score<TAB>true|false`.
    #[command(after_help = concat!(
        "Examples:\n",
        "  printf 'Daesh was excluded.\\tIslamic State was excluded.\\n' | claimdiff pairs\n",
        "  claimdiff pairs pairs.tsv --explain\n\n",
        "A pair is `true` when its score reaches the threshold `compare` uses by default.\n\n",
        "Exit codes:\n",
        "  0  success\n",
        "  2  an error (a line without a tab is reported with its line number)"
    ))]
    Pairs(PairsArgs),
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Terminal)]
    pub format: CompareFormat,

    #[command(flatten)]
    pub alignment: AlignmentArgs,

    /// Extra framing lexicon (labels, hedges, reporting verbs), in the format of the
    /// built-in `data/lexicon/*.txt`.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,

    /// Diff every claim against this outlet's version when it has one (default: the most
    /// central version of each claim).
    #[arg(long, value_name = "OUTLET")]
    pub base: Option<String>,

    #[command(flatten)]
    pub display: DisplayArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options of sentence similarity and alignment.
#[derive(Args, Debug, Clone)]
pub struct AlignmentArgs {
    /// Similarity (0–1) at which two sentences count as the same claim.
    #[arg(long, value_name = "SCORE", default_value_t = claimdiff::similarity::DEFAULT_THRESHOLD)]
    pub threshold: f64,

    /// Show only claims reported by at least N outlets.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_sources: usize,

    /// Extra aliases (names for one thing), in the format of the built-in `data/aliases.txt`.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
}

/// How the terminal report looks.
#[derive(Args, Debug, Clone)]
pub struct DisplayArgs {
    /// When to use colour: auto (a terminal, unless NO_COLOR or TERM=dumb), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Wrap at this many columns (default: the terminal's width, then COLUMNS, then 80).
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<usize>,

    /// Show two outlets in two columns (terminal format). Alone it needs exactly two
    /// articles; with `=OUTLET,OUTLET` (outlet names or source ids such as `s2`) it picks
    /// two of a larger comparison.
    #[arg(
        long,
        value_name = "OUTLET,OUTLET",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = ""
    )]
    pub side_by_side: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareFormat {
    /// A report for reading in the terminal.
    Terminal,
    /// The JSON contract (see `claimdiff::render::json`).
    Json,
    /// A Markdown report for documents and course pages.
    Markdown,
    /// A self-contained HTML report.
    Html,
}

#[derive(Args, Debug)]
pub struct PairsArgs {
    /// A file of `left<TAB>right` lines, or `-` (the default) for stdin.
    #[arg(value_name = "FILE", default_value = "-")]
    pub input: PathBuf,

    /// Add the measures and the shared terms with their weights.
    #[arg(long)]
    pub explain: bool,

    /// Similarity (0–1) at which a pair counts as the same claim.
    #[arg(long, value_name = "SCORE", default_value_t = claimdiff::similarity::DEFAULT_THRESHOLD)]
    pub threshold: f64,

    /// Extra aliases (names for one thing), in the format of the built-in `data/aliases.txt`.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,
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

    /// Refuse any one input larger than this many bytes (16 MiB by default: far more than
    /// an article; raise it for a large JSON Lines batch).
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
