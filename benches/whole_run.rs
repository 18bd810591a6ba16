//! Whole-process wall time of the `claimdiff` executable on the seeds: what a user waits
//! for, start-up and exit included. The criterion groups in `stages.rs` time each stage
//! warm; a one-shot process pays for everything once.
//!
//! ```text
//! cargo bench --bench whole_run                          # 41 rounds per command
//! cargo bench --bench whole_run -- --runs 201 --base /tmp/claimdiff-old
//! ```
//!
//! Two effects would otherwise pass for a difference between builds, and each run is set
//! up against one:
//! - This machine's speed drifts within minutes: with `--base`, the builds alternate run by
//!   run, so both meet the same minutes.
//! - How the kernel happens to hold an executable's file in its page cache (in large or
//!   small folios, so fewer or more page faults to map it) moved the median of one and the
//!   same binary by up to 0.7 ms between two copies of it. Each build is therefore run from
//!   [`COPIES`] fresh copies, made together at the start, and its figures are over all of
//!   them; the spread of the copies' medians is printed too.
//!
//! Prints, per command and build, the median, first quartile, min and max. A run is timed
//! from spawning the process to reaping it (`posix_spawn`, as `hyperfine -N` does).

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

/// Fresh copies of each build run in every round.
const COPIES: usize = 3;

struct Options {
    runs: usize,
    base: Option<PathBuf>,
}

/// A build under test: its name and the copies it runs from.
struct Build {
    name: &'static str,
    copies: Vec<PathBuf>,
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
    match run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("whole_run: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: Options) -> Result<(), String> {
    let mut sources = vec![("new", PathBuf::from(env!("CARGO_BIN_EXE_claimdiff")))];
    if let Some(base) = options.base {
        sources.insert(0, ("base", base));
    }
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
    let mut builds = Vec::new();
    for (name, exe) in sources {
        let mut copies = Vec::with_capacity(COPIES);
        for copy in 0..COPIES {
            let to = dir.path().join(format!("{name}-{copy}"));
            // `fs::copy` keeps the permissions, so the copy runs.
            std::fs::copy(&exe, &to).map_err(|e| format!("cannot copy {}: {e}", exe.display()))?;
            copies.push(to);
        }
        builds.push(Build { name, copies });
    }
    // The commands name `seeds/` as the README does: run them from the repository.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR"))
        .map_err(|e| format!("cannot enter the repository: {e}"))?;
    for (label, args) in COMMANDS {
        // One run of each copy first, untimed: the page cache then holds them all.
        for build in &builds {
            for exe in &build.copies {
                run_once(exe, args).map_err(|m| format!("{} build, {label}: {m}", build.name))?;
            }
        }
        // samples[build][copy] = that copy's run times.
        let mut samples: Vec<Vec<Vec<f64>>> = builds
            .iter()
            .map(|b| vec![Vec::with_capacity(options.runs); b.copies.len()])
            .collect();
        for _ in 0..options.runs {
            for (build, times) in builds.iter().zip(&mut samples) {
                for (exe, times) in build.copies.iter().zip(times.iter_mut()) {
                    times.push(run_once(exe, args).map_err(|m| format!("{label}: {m}"))?);
                }
            }
        }
        for (build, mut per_copy) in builds.iter().zip(samples) {
            let tag = if builds.len() > 1 {
                format!(" [{}]", build.name)
            } else {
                String::new()
            };
            let copy_medians: Vec<String> = per_copy
                .iter_mut()
                .map(|times| format!("{:.2}", quantiles(times).median))
                .collect();
            let mut all: Vec<f64> = per_copy.into_iter().flatten().collect();
            let q = quantiles(&mut all);
            println!(
                "{:<33} median {:6.2} ms  p25 {:6.2}  min {:6.2}  max {:6.2}  copies {}  ({} runs)",
                format!("{label}{tag}"),
                q.median,
                q.p25,
                q.min,
                q.max,
                copy_medians.join(" / "),
                all.len()
            );
        }
    }
    Ok(())
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

struct Quantiles {
    median: f64,
    p25: f64,
    min: f64,
    max: f64,
}

/// The quantiles of `times` (which it sorts; never empty: `--runs` is at least 1).
fn quantiles(times: &mut [f64]) -> Quantiles {
    times.sort_by(f64::total_cmp);
    let n = times.len();
    let median = if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2.0
    };
    Quantiles {
        median,
        p25: times[(n - 1) / 4],
        min: times[0],
        max: times[n - 1],
    }
}
