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

    /// Make classroom exercises from articles: a worksheet and its answer key.
    #[command(after_help = concat!(
        "Kinds:\n",
        "  match-outlet     versions of one claim, outlets hidden: who wrote which?\n",
        "  spot-difference  two or three versions: find and name the differences\n",
        "  missing-claim    which outlet leaves out a claim the others report?\n",
        "  numbers          versions that give different numbers or dates\n",
        "  headline         the outlets' headlines compared\n\n",
        "Examples:\n",
        "  claimdiff exercise seeds/ --answers key.md > worksheet.md\n",
        "  claimdiff exercise seeds/ --kind match-outlet,numbers --count 3 --seed 7\n",
        "  claimdiff exercise articles/ --format html --level easy -o worksheet.html\n",
        "  claimdiff exercise articles/ --kind spot-difference --with-answers\n\n",
        "The same articles and --seed give the same worksheet, byte for byte. A kind the\n",
        "articles cannot support is left out with a note on stderr saying why.\n\n",
        "Exit codes:\n",
        "  0  success (also when some kinds could not be made)\n",
        "  2  an error: a bad input or option, or no exercise at all could be made"
    ))]
    Exercise(ExerciseArgs),
    /// Compare a whole corpus: group its articles into events and compare each event.
    #[command(after_help = concat!(
        "Examples:\n",
        "  claimdiff corpus archive/ --out events.jsonl --summary summary.json\n",
        "  claimdiff corpus tass.jsonl.gz rt.jsonl.gz xinhua.jsonl.gz --out events.jsonl --jobs 2\n",
        "  claimdiff corpus archive/ --format html --out summary.html --window 2 --min-outlets 3\n",
        "  claimdiff corpus archive/ --shard 3/8 --out events.3.jsonl   (then: cat events.*.jsonl)\n\n",
        "Inputs: directories (read recursively), .jsonl and .jsonl.gz files (one article a line,\n",
        "`{\"text\", \"outlet\", \"date\", …}`), and text or HTML files (one article each).\n",
        "Each event is compared exactly as `claimdiff compare --format json` would compare its\n",
        "articles; an outlet with several articles in an event has each as its own source.\n\n",
        "Exit codes:\n",
        "  0  success\n",
        "  2  an error (the message names the file, and the line of a JSON Lines record)"
    ))]
    Corpus(CorpusArgs),
}

#[derive(Args, Debug)]
pub struct CorpusArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Where the output goes (default: stdout); replaced only when complete, and
    /// gzip-compressed when FILE ends in `.gz`.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// jsonl: one line per compared event; markdown, html: the corpus summary as a report.
    #[arg(long, value_enum, default_value_t = CorpusFormat::Jsonl)]
    pub format: CorpusFormat,

    /// Also write the corpus summary (per outlet: coverage, omissions, tags, attribution
    /// verbs, naming) as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,

    /// An event holds articles dated at most this many days after its first.
    #[arg(long, value_name = "DAYS", default_value_t = 3)]
    pub window: u32,

    /// Compare only events with articles from at least N distinct outlets.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_outlets: usize,

    /// Content-word overlap (estimated Jaccard, 0–1) an article needs with an event's
    /// article to join that event.
    #[arg(long, value_name = "SCORE", default_value_t = claimdiff::corpus::GroupingOptions::default().min_similarity)]
    pub event_similarity: f64,

    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub jobs: usize,

    /// Compare only shard I of N (from 1): every shard forms the same events and takes a
    /// contiguous run of them, so the shards' outputs concatenate to the whole output.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,

    /// Memory for articles kept, cleaned and split, from the first pass to the second;
    /// articles beyond it are read and cleaned again (0: all of them).
    #[arg(long, value_name = "MIB", default_value_t = claimdiff::corpus::KEEP_PREPARED_BYTES >> 20)]
    pub keep_mib: usize,

    #[command(flatten)]
    pub alignment: AlignmentArgs,

    /// Extra framing lexicon, in the format of the built-in `data/lexicon/*.txt`.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusFormat {
    /// One JSON object per compared event (see `claimdiff::render::corpus`).
    Jsonl,
    /// The corpus summary as a Markdown report.
    Markdown,
    /// The corpus summary as an HTML page.
    Html,
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

#[derive(Args, Debug)]
pub struct ExerciseArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Kinds of exercise, repeated or separated by commas (default: all).
    #[arg(
        long,
        value_enum,
        value_name = "KIND",
        value_delimiter = ',',
        default_value = "all"
    )]
    pub kind: Vec<ExerciseKind>,

    /// Exercises of each kind, at most.
    #[arg(long, value_name = "N", default_value_t = claimdiff::exercise::DEFAULT_COUNT)]
    pub count: usize,

    /// Seed for choosing claims and shuffling versions: the same seed, the same worksheet.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,

    /// How much is revealed: easy highlights the words to look at, hard gives no hints.
    #[arg(long, value_enum, default_value_t = ExerciseLevel::Medium)]
    pub level: ExerciseLevel,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ExerciseFormat::Markdown)]
    pub format: ExerciseFormat,

    /// Write the answer key to FILE (same format), apart from the worksheet.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Append the answer key to the worksheet, in a clearly separated last section.
    #[arg(long)]
    pub with_answers: bool,

    /// HTML: leave the answers out of the page (no "Show the answer" buttons).
    #[arg(long)]
    pub no_reveal: bool,

    #[command(flatten)]
    pub alignment: AlignmentArgs,

    /// Extra framing lexicon (labels, hedges, reporting verbs), in the format of the
    /// built-in `data/lexicon/*.txt`.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseKind {
    /// Every kind the articles support.
    All,
    /// Versions of one claim with the outlets hidden.
    MatchOutlet,
    /// Find and name the differences between versions.
    SpotDifference,
    /// Which outlet leaves out a claim the others report.
    MissingClaim,
    /// Versions that give different numbers or dates.
    Numbers,
    /// The outlets' headlines compared.
    Headline,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseLevel {
    /// Hints: the words to look at are highlighted.
    Easy,
    /// Counts given, no highlights.
    Medium,
    /// No hints, no counts.
    Hard,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseFormat {
    /// Markdown, to print or paste into a course page.
    Markdown,
    /// A self-contained interactive page: choose an answer, reveal the key.
    Html,
}
