//! Ingest: read paths (files, directories, `-`), decode, read metadata, and clean.

pub mod boilerplate;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{Document, Metadata};

/// Default cap on one input's size.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How to read inputs.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// `--label`: the outlet name for every input that names none itself.
    pub label: Option<String>,
    /// `--meta FILE`: a sidecar in `sources.toml` format.
    pub meta_file: Option<PathBuf>,
    /// Inputs larger than this are refused.
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            label: None,
            meta_file: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Reads every input named by `paths`, in order; directories expand to their supported
/// files sorted by name. Ids are `s1`, `s2`, … in that order.
pub fn read_inputs(paths: &[PathBuf], options: &IngestOptions) -> Result<Vec<Document>> {
    let mut docs = Vec::new();
    for path in paths {
        let bytes = std::fs::read(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                Error::NotFound { path: path.clone() }
            } else {
                Error::Io {
                    path: path.clone(),
                    source,
                }
            }
        })?;
        docs.extend(read_bytes(path, &bytes, options)?);
    }
    for (i, doc) in docs.iter_mut().enumerate() {
        doc.id = format!("s{}", i + 1);
    }
    Ok(docs)
}

/// Decodes one input's bytes into documents.
pub fn read_bytes(path: &Path, bytes: &[u8], _options: &IngestOptions) -> Result<Vec<Document>> {
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| Error::Decode {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    if text.trim().is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(vec![Document {
        id: String::new(),
        path: path.display().to_string(),
        body: 0..text.len(),
        text,
        encoding: "UTF-8".into(),
        meta: Metadata::default(),
    }])
}
