//! Errors of the library. Every variant names the input it concerns.

use std::path::PathBuf;

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, and with which input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path on the command line does not exist.
    #[error("{}: no such file or directory", .path.display())]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// Reading failed (permissions, a device, …).
    #[error("{}: cannot read: {source}", .path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A directory holds no file of a supported kind.
    #[error("{}: no supported article files in this directory (expected .txt, .html, .htm, .jsonl)", .path.display())]
    NoSupportedFiles {
        /// The directory.
        path: PathBuf,
    },
    /// The input has no text at all, or only whitespace.
    #[error("{}: the file is empty (no article text)", .path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The input looks binary (it contains NUL bytes and is not UTF-16).
    #[error("{}: binary data (NUL bytes), not an article text", .path.display())]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The bytes could not be decoded as text.
    #[error("{}: cannot decode the text: {detail}", .path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        detail: String,
    },
    /// A structured input (JSON Lines, a sidecar, a rules file) is malformed.
    #[error("{}{}: {detail}", .path.display(), .line.map(|l| format!(":{l}")).unwrap_or_default())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// The 1-based line, where known.
        line: Option<usize>,
        /// What was wrong.
        detail: String,
    },
    /// An input exceeds a size limit.
    #[error("{}: {size} bytes is over the limit of {limit} bytes (raise it with --max-bytes)", .path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// A comparison needs at least two distinct sources.
    #[error("nothing to compare: {detail}")]
    NothingToCompare {
        /// Why.
        detail: String,
    },
    /// An option has a value that cannot be used.
    #[error("invalid {option}: {detail}")]
    InvalidOption {
        /// The option.
        option: String,
        /// Why, with the valid choices.
        detail: String,
    },
    /// A path names something that is neither a regular file nor a directory (a FIFO, a
    /// device, a socket): reading it could block forever.
    #[error("{}: not a regular file or directory (devices, FIFOs and sockets are not read; use `-` for standard input)", .path.display())]
    NotAFile {
        /// The path as given.
        path: PathBuf,
    },
    /// Writing an output failed (a full disk, a closed pipe).
    #[error("{}: cannot write: {source}", .path.display())]
    Write {
        /// The output (`-` for standard output).
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The error for a failed read of `path`: [`Error::NotFound`] when it does not exist,
    /// else [`Error::Io`] with the cause.
    pub fn reading(path: &std::path::Path, source: std::io::Error) -> Error {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            Error::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }
}
