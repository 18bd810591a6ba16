//! The `claimdiff` command: parses arguments and hands them to the library.

mod args;
mod commands;
mod output;
mod settings;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Faster than the system allocator for the many small, short-lived vectors of a comparison,
/// most of all across threads in corpus mode (see benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, documented in `--help` and the README.
mod exit_codes {
    /// Success.
    pub const SUCCESS: u8 = 0;
    /// Any error: bad input, bad usage, nothing to compare, output not written.
    pub const ERROR: u8 = 2;
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print and succeed; usage errors exit 2.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(exit_codes::ERROR)
            } else {
                ExitCode::from(exit_codes::SUCCESS)
            };
        }
    };
    if !matches!(cli.command, Command::Corpus(_)) {
        // One comparison: this thread works in rayon's pool rather than sleeping while two
        // others do (on two cores, 12 against 16 ms for `compare seeds/`). Corpus mode
        // builds its own pool of `--jobs` threads.
        claimdiff::pipeline::join_global_pool();
    }
    let env = settings::Environment::read();
    let result = match &cli.command {
        Command::Split(a) => commands::split::run(a),
        Command::Compare(a) => commands::compare::run(a, &env),
        Command::Pairs(a) => commands::pairs::run(a),
        Command::Exercise(a) => commands::exercise::run(a),
        Command::Corpus(a) => commands::corpus::run(a),
    };
    match result {
        Ok(()) => ExitCode::from(exit_codes::SUCCESS),
        // The reader went away (`claimdiff … | head`): not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::from(exit_codes::SUCCESS),
        Err(e) => {
            let mut stderr = io::stderr().lock();
            let _ = writeln!(stderr, "claimdiff: {}", one_line(&e));
            ExitCode::from(exit_codes::ERROR)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes on one line, without repeating a cause the message already
/// contains.
fn one_line(e: &anyhow::Error) -> String {
    let mut line = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !line.contains(&cause) {
            line.push_str(": ");
            line.push_str(&cause);
        }
    }
    line.replace('\n', " ")
}
