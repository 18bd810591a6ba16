//! Where a command's output goes: stdout, a file replaced atomically, or a device or pipe
//! named as the output file.

mod direct;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Collects a command's output and delivers it whole.
///
/// Output to a file is written to a temporary file in the same directory and renamed over
/// the target only when everything was written, so a failure never leaves a half-written
/// or emptied file behind. A symbolic link is followed: the file it names is replaced and
/// the link kept. A device, pipe or socket (`/dev/null`, `/dev/stdout`, a shell's `>(…)`)
/// is written in place: there is no file to replace, and replacing the name would destroy
/// it.
pub enum Output {
    /// Standard output, block-buffered.
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file to be renamed to `target`.
    File {
        /// Writes the temporary file.
        temp: direct::BlockWriter,
        /// The temporary file's name, removed if it is dropped before being renamed.
        temp_path: tempfile::TempPath,
        /// Where it goes when done: the regular file the given name leads to.
        target: PathBuf,
        /// The name as given, for messages.
        shown: PathBuf,
    },
    /// A device, pipe or socket named as the output file, block-buffered.
    Stream {
        /// Writes it.
        stream: BufWriter<fs::File>,
        /// The name as given, for messages.
        shown: PathBuf,
    },
}

/// Refuses an output file that is one of the inputs (given itself, or a supported file in
/// a directory given): the report would replace the article it was made from.
pub fn refuse_input_as_output(target: Option<&Path>, inputs: &[PathBuf]) -> Result<()> {
    let Some(target) = target else {
        return Ok(());
    };
    // An output that does not exist yet cannot be an input.
    let Ok(canonical) = fs::canonicalize(target) else {
        return Ok(());
    };
    let supported = canonical
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| {
            claimdiff::ingest::SUPPORTED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
        });
    for input in inputs {
        let Ok(input) = fs::canonicalize(input) else {
            continue;
        };
        let inside = supported && input.is_dir() && canonical.parent() == Some(input.as_path());
        if input == canonical || inside {
            anyhow::bail!(
                "{}: is also an input; give --output another file (nothing was written)",
                target.display()
            );
        }
    }
    Ok(())
}

impl Output {
    /// Output to `path`, or to stdout when `None`.
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(shown) = path else {
            return Ok(Output::Stdout(BufWriter::new(io::stdout())));
        };
        // Through symbolic links, as a shell's `>` goes.
        let target = match fs::metadata(shown) {
            Ok(meta) if meta.is_dir() => {
                anyhow::bail!("{}: is a directory, not an output file", shown.display())
            }
            Ok(meta) if !meta.is_file() => {
                let stream = fs::OpenOptions::new()
                    .write(true)
                    .open(shown)
                    .with_context(|| format!("{}: cannot open for writing", shown.display()))?;
                return Ok(Output::Stream {
                    stream: BufWriter::new(stream),
                    shown: shown.to_path_buf(),
                });
            }
            Ok(_) => fs::canonicalize(shown).unwrap_or_else(|_| shown.to_path_buf()),
            // A new file (or a link to none): created under the name given.
            Err(_) => shown.to_path_buf(),
        };
        let target = target.as_path();
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".claimdiff-");
        // A new file gets the usual 0666-minus-umask, not the temporary file's 0600.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let temp = builder
            .tempfile_in(dir)
            .with_context(|| format!("{}: cannot create the output file", shown.display()))?;
        let (file, temp_path) = temp.into_parts();
        Ok(Output::File {
            temp: direct::BlockWriter::new(file),
            temp_path,
            target: target.to_path_buf(),
            shown: shown.to_path_buf(),
        })
    }

    /// The writer to render into.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File { temp, .. } => temp,
            Output::Stream { stream, .. } => stream,
        }
    }

    /// Flushes stdout or the stream, or moves the finished file into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush().context("cannot write to standard output"),
            Output::Stream { mut stream, shown } => stream
                .flush()
                .with_context(|| format!("{}: cannot write", shown.display())),
            Output::File {
                temp,
                temp_path,
                target,
                shown,
            } => {
                temp.finish()
                    .and_then(|file| file.sync_all())
                    .with_context(|| format!("{}: cannot write", shown.display()))?;
                // Keep the permissions of a file we replace.
                if let Ok(meta) = fs::metadata(&target) {
                    let _ = fs::set_permissions(&temp_path, meta.permissions());
                }
                temp_path
                    .persist(&target)
                    .map_err(|e| e.error)
                    .with_context(|| format!("{}: cannot write", shown.display()))
            }
        }
    }
}
