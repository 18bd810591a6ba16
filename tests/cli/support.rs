//! Harness: the binary with a clean environment, and paths to the seeds.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every seed article, sorted by name.
pub fn seeds() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .expect("seeds/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
}

/// `claimdiff` with the variables that change its output cleared, run from the repo root.
pub fn claimdiff() -> Command {
    let mut cmd = Command::cargo_bin("claimdiff").expect("binary built");
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLUMNS", "TERM"] {
        cmd.env_remove(var);
    }
    cmd.current_dir(root());
    cmd
}

/// Runs and parses stdout as JSON, asserting success.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

/// A named pipe `name` made in `dir` (by `mkfifo`).
pub fn make_fifo(dir: &Path, name: &str) -> PathBuf {
    let fifo = dir.join(name);
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", fifo.display());
    fifo
}
