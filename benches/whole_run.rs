//! Whole-process wall time of the `claimdiff` executable on the seeds: what a user waits
//! for, start-up and exit included. The criterion groups in `stages.rs` time each stage
//! warm; a one-shot process pays for everything once.
//!
//! ```text
//! cargo bench --bench whole_run                          # 41 runs per command
//! cargo bench --bench whole_run -- --runs 201 --base /tmp/claimdiff-old
//! ```
//!
//! With `--base`, the two builds alternate run by run: this machine's speed drifts within
//! minutes, so two builds are compared only when interleaved. Prints, per command and
//! build, the median, first quartile, min and max. A run is timed from spawning the
//! process to reaping it (Rust's `Command` spawns with `posix_spawn`: about 0.2 ms for a
//! static "hello world" here).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// The commands timed, as arguments after the executable.
const COMMANDS: &[(&str, &[&str])] = &[
    (
        "split seeds (json)",
        &["split", "seeds/", "--format", "json"],
    ),
    (
        "compare seeds (json)",
        &["compare", "seeds/", "--format", "json"],
    ),
    ("compare seeds (terminal)", &["compare", "seeds/"]),
];

struct Options {
    runs: usize,
    base: Option<PathBuf>,
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("whole_run: {message}");
            eprintln!("usage: cargo bench --bench whole_run -- [--runs N] [--base EXECUTABLE]");
            return ExitCode::from(2);
        }
    };
    let new = PathBuf::from(env!("CARGO_BIN_EXE_claimdiff"));
    let mut builds = vec![("new", new)];
    if let Some(base) = options.base {
        builds.insert(0, ("base", base));
    }
    // The commands name `seeds/` as the README does: run them from the repository.
    if let Err(e) = std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")) {
        eprintln!("whole_run: cannot enter the repository: {e}");
        return ExitCode::FAILURE;
    }
    for (label, args) in COMMANDS {
        // One run of each first, untimed: the page cache then holds both executables.
        for (name, exe) in &builds {
            if let Err(message) = run_once(exe, args) {
                eprintln!("whole_run: {name} build, {label}: {message}");
                return ExitCode::FAILURE;
            }
        }
        let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(options.runs); builds.len()];
        for _ in 0..options.runs {
            for ((_, exe), times) in builds.iter().zip(&mut samples) {
                match run_once(exe, args) {
                    Ok(ms) => times.push(ms),
                    Err(message) => {
                        eprintln!("whole_run: {label}: {message}");
                        return ExitCode::FAILURE;
                    }
                }
            }
        }
        for ((name, _), times) in builds.iter().zip(&mut samples) {
            let tag = if builds.len() > 1 {
                format!(" [{name}]")
            } else {
                String::new()
            };
            println!("{:<36} {}", format!("{label}{tag}"), summary(times));
        }
    }
    ExitCode::SUCCESS
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        runs: 41,
        base: None,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // cargo bench passes this to every bench target.
            "--bench" => {}
            "--runs" => {
                let value = args.next().ok_or("--runs needs a number")?;
                options.runs = value
                    .parse()
                    .ok()
                    .filter(|&runs: &usize| runs > 0)
                    .ok_or_else(|| format!("--runs: not a positive number: {value}"))?;
            }
            "--base" => {
                let value = args.next().ok_or("--base needs an executable")?;
                options.base = Some(PathBuf::from(value));
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

/// Wall time of one run in milliseconds; an error if it could not start or failed.
fn run_once(exe: &Path, args: &[&str]) -> Result<f64, String> {
    let start = Instant::now();
    let status = Command::new(exe)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if status.success() {
        Ok(ms)
    } else {
        Err(format!("{} exited with {status}", exe.display()))
    }
}

/// Median, first quartile, min and max of `times` (which it sorts).
fn summary(times: &mut [f64]) -> String {
    times.sort_by(f64::total_cmp);
    let n = times.len();
    let median = if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2.0
    };
    format!(
        "median {median:6.2} ms  p25 {:6.2}  min {:6.2}  max {:6.2}  ({n} runs)",
        times[(n - 1) / 4],
        times[0],
        times[n - 1]
    )
}
