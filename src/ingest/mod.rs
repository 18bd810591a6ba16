//! Ingest: read paths (files, directories, `-`), decode, read metadata, and clean.
//!
//! - [`read_inputs`] turns command-line paths into [`Document`]s: plain text (any encoding
//!   [`text::decode`] detects, with an optional `key: value` header), HTML pages
//!   ([`html::extract`]) and JSON Lines ([`json::read_records`]).
//! - Metadata comes, strongest first, from the file's own header (or JSON record), a
//!   `--meta` file, a `sources.toml` beside the file, `--label`, and the file name.
//! - [`boilerplate::clean`] then finds what is not article text, by the rules in
//!   `data/boilerplate.txt` ([`boilerplate::Rules`]).

pub mod boilerplate;
pub mod html;
pub mod json;
pub mod metadata;
pub mod rules;
pub mod text;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{Document, Metadata, OutletFrom};

use self::metadata::{fill_from, outlet_from_file_name, Sidecar, SIDECAR_NAME};

/// Default cap on one input's size (`--max-bytes`): 16 MiB, hundreds of times a long
/// article, so that a stray log, dump or one-line blob is refused at once with a message
/// instead of being worked through for minutes. Large JSON Lines batches raise it.
pub const DEFAULT_MAX_BYTES: u64 = 16 * 1024 * 1024;

/// File extensions read from a directory (and understood anywhere), lowercase.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["txt", "html", "htm", "jsonl"];

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

/// What kind of input a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// Plain text, with an optional header.
    Text,
    /// An HTML page.
    Html,
    /// JSON Lines, one article per line.
    JsonLines,
}

impl InputKind {
    /// The kind a file name says (`.html`, `.htm`, `.jsonl`; anything else is text).
    pub fn of_path(path: &Path) -> InputKind {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("html" | "htm" | "xhtml") => InputKind::Html,
            Some("jsonl" | "ndjson") => InputKind::JsonLines,
            _ => InputKind::Text,
        }
    }

    /// The kind the content looks like, for standard input, which has no name.
    pub fn sniff(bytes: &[u8]) -> InputKind {
        let head = &bytes[..bytes.len().min(1024)];
        let head = String::from_utf8_lossy(head).to_ascii_lowercase();
        let trimmed = head.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") {
            InputKind::Html
        } else if trimmed.starts_with('{') && trimmed.contains("\"text\"") {
            InputKind::JsonLines
        } else {
            InputKind::Text
        }
    }
}

/// Reads every input named by `paths`, in order; directories expand to their supported
/// files sorted by name, and `-` is standard input. Ids are `s1`, `s2`, … in that order.
pub fn read_inputs(paths: &[PathBuf], options: &IngestOptions) -> Result<Vec<Document>> {
    let explicit = match &options.meta_file {
        Some(file) => Some(Sidecar::read(file)?),
        None => None,
    };
    let mut sidecars: HashMap<PathBuf, Option<Sidecar>> = HashMap::new();
    let mut docs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let bytes = read_stdin(path, options.max_bytes)?;
            let read = read_kind(path, &bytes, InputKind::sniff(&bytes))?;
            docs.extend(finish(path, read, explicit.as_ref(), None, options));
            continue;
        }
        for file in expand(path)? {
            let dir = file.parent().unwrap_or(Path::new("")).to_path_buf();
            let sidecar = match sidecars.get(&dir) {
                Some(found) => found.clone(),
                None => {
                    let candidate = dir.join(SIDECAR_NAME);
                    let found = if candidate.is_file() {
                        Some(Sidecar::read(&candidate)?)
                    } else {
                        None
                    };
                    sidecars.insert(dir, found.clone());
                    found
                }
            };
            let bytes = read_file(&file, options.max_bytes)?;
            let read = read_kind(&file, &bytes, InputKind::of_path(&file))?;
            docs.extend(finish(
                &file,
                read,
                explicit.as_ref(),
                sidecar.as_ref(),
                options,
            ));
        }
    }
    for (i, doc) in docs.iter_mut().enumerate() {
        doc.id = format!("s{}", i + 1);
    }
    Ok(docs)
}

/// Decodes one input's bytes into documents, by its file name's kind. Sidecars, labels and
/// file names are not consulted: that is [`read_inputs`]' job.
pub fn read_bytes(path: &Path, bytes: &[u8], _options: &IngestOptions) -> Result<Vec<Document>> {
    let read = read_kind(path, bytes, InputKind::of_path(path))?;
    Ok(read
        .into_iter()
        .map(|(mut doc, page)| {
            fill_from(&mut doc.meta, &page);
            doc
        })
        .collect())
}

/// Reads one file as [`read_inputs`] does, given the `--meta` sidecar and the sidecar of
/// the file's directory already read: corpus mode reads many files of one directory, and
/// must not parse their `sources.toml` once per file.
pub fn read_file_with_sidecars(
    file: &Path,
    explicit: Option<&Sidecar>,
    sidecar: Option<&Sidecar>,
    options: &IngestOptions,
) -> Result<Vec<Document>> {
    let bytes = read_file(file, options.max_bytes)?;
    let read = read_kind(file, &bytes, InputKind::of_path(file))?;
    Ok(finish(file, read, explicit, sidecar, options).collect())
}

/// A document, and metadata from page markup that yields to sidecars.
type ReadDocs = Vec<(Document, Metadata)>;

fn read_kind(path: &Path, bytes: &[u8], kind: InputKind) -> Result<ReadDocs> {
    let declared = match kind {
        InputKind::Html => text::declared_html_charset(bytes),
        _ => None,
    };
    let decoded = text::decode_with_hint(path, bytes, declared)?;
    let empty = || Error::Empty {
        path: path.to_path_buf(),
    };
    let content = decoded.text.get(decoded.start..).unwrap_or_default();
    if content.trim().is_empty() {
        return Err(empty());
    }
    match kind {
        InputKind::Text => {
            let (meta, body_start) = match text::parse_header(&decoded.text, decoded.start) {
                Some(header) => (header.meta, header.end),
                None => (Metadata::default(), decoded.start),
            };
            if decoded.text[body_start..].trim().is_empty() {
                return Err(empty());
            }
            Ok(vec![(
                Document {
                    id: String::new(),
                    path: path.display().to_string(),
                    body: body_start..decoded.text.len(),
                    text: decoded.text,
                    encoding: decoded.encoding,
                    meta,
                },
                Metadata::default(),
            )])
        }
        InputKind::Html => {
            let depth = html::nesting_depth(content);
            if depth > html::MAX_NESTING {
                return Err(Error::Malformed {
                    path: path.to_path_buf(),
                    line: None,
                    detail: format!(
                        "HTML nested {depth} elements deep (the limit is {}): not an article page",
                        html::MAX_NESTING
                    ),
                });
            }
            let extracted = html::extract(content);
            if extracted.text.trim().is_empty() {
                return Err(Error::Empty {
                    path: path.to_path_buf(),
                });
            }
            Ok(vec![(
                Document {
                    id: String::new(),
                    path: path.display().to_string(),
                    body: 0..extracted.text.len(),
                    text: extracted.text,
                    encoding: decoded.encoding,
                    meta: Metadata::default(),
                },
                extracted.meta,
            )])
        }
        InputKind::JsonLines => Ok(json::read_records(path, content, &decoded.encoding)?
            .into_iter()
            .map(|doc| (doc, Metadata::default()))
            .collect()),
    }
}

/// Completes each document's metadata: its own first, then `--meta`, the sidecar beside it,
/// page markup, `--label`, and the file name.
fn finish<'a>(
    path: &'a Path,
    read: ReadDocs,
    explicit: Option<&'a Sidecar>,
    sidecar: Option<&'a Sidecar>,
    options: &'a IngestOptions,
) -> impl Iterator<Item = Document> + 'a {
    read.into_iter().map(move |(mut doc, page)| {
        complete_metadata(&mut doc, path, [explicit, sidecar], Some(&page), options);
        doc
    })
}

/// Completes a document's metadata from the evidence outside its own text, strongest
/// first, each filling only what is still missing: `--meta` and the sidecar beside the
/// file (`sidecars`, in that order), the page's markup, `--label`, and the file name.
/// Corpus mode completes the records it reads again the same way.
pub fn complete_metadata(
    doc: &mut Document,
    path: &Path,
    sidecars: [Option<&Sidecar>; 2],
    page: Option<&Metadata>,
    options: &IngestOptions,
) {
    for found in sidecars.into_iter().flatten() {
        if let Some(entry) = found.lookup(path) {
            fill_from(&mut doc.meta, entry);
        }
    }
    if let Some(page) = page {
        fill_from(&mut doc.meta, page);
    }
    if doc.meta.outlet.is_none() {
        if let Some(label) = &options.label {
            doc.meta.outlet = Some(label.clone());
            doc.meta.outlet_from = Some(OutletFrom::Label);
        }
    }
    if doc.meta.outlet.is_none() {
        if let Some(name) = outlet_from_file_name(path, rules::builtin_compiled()) {
            doc.meta.outlet = Some(name);
            doc.meta.outlet_from = Some(OutletFrom::Filename);
        }
    }
}

/// The files a command-line path stands for: itself, or a directory's supported files
/// sorted by name (not recursive; hidden files skipped).
fn expand(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::reading(path, e))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    if !meta.is_dir() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let entries = std::fs::read_dir(path).map_err(|e| Error::reading(path, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::reading(path, e))?;
        let name = entry.file_name();
        let Some(name_str) = name.to_str() else {
            continue;
        };
        if name_str.starts_with('.') {
            continue;
        }
        let file = entry.path();
        let supported = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SUPPORTED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if supported && std::fs::metadata(&file).is_ok_and(|m| m.is_file()) {
            files.push((name, file));
        }
    }
    if files.is_empty() {
        return Err(Error::NoSupportedFiles {
            path: path.to_path_buf(),
        });
    }
    files.sort();
    Ok(files.into_iter().map(|(_, file)| file).collect())
}

fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::reading(path, e))?;
    read_capped(path, file, max_bytes)
}

fn read_stdin(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    read_capped(path, std::io::stdin().lock(), max_bytes)
}

/// Reads at most `max_bytes` (one more to tell that there was more).
fn read_capped(path: &Path, reader: impl Read, max_bytes: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::reading(path, e))?;
    let size = bytes.len() as u64;
    if size > max_bytes {
        let size = std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map_or(size, |m| m.len());
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_extensions_and_default_to_text() {
        assert_eq!(InputKind::of_path(Path::new("a.HTML")), InputKind::Html);
        assert_eq!(
            InputKind::of_path(Path::new("a.jsonl")),
            InputKind::JsonLines
        );
        assert_eq!(InputKind::of_path(Path::new("a.md")), InputKind::Text);
        assert_eq!(InputKind::of_path(Path::new("README")), InputKind::Text);
    }

    #[test]
    fn standard_input_is_sniffed() {
        assert_eq!(InputKind::sniff(b"  <!DOCTYPE html><p>x"), InputKind::Html);
        assert_eq!(
            InputKind::sniff(b"{\"text\": \"x\"}\n"),
            InputKind::JsonLines
        );
        assert_eq!(InputKind::sniff(b"MOSCOW, March 6."), InputKind::Text);
    }

    #[test]
    fn stream_over_the_limit_is_too_large_and_under_it_is_read_whole() {
        let data = vec![b'a'; 101];
        let err = read_capped(Path::new("-"), data.as_slice(), 100).unwrap_err();
        assert!(
            matches!(
                err,
                Error::TooLarge {
                    size: 101,
                    limit: 100,
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(
            read_capped(Path::new("-"), &data[..100], 100)
                .unwrap()
                .len(),
            100
        );
    }

    #[test]
    fn header_sets_body_after_dashes() {
        let docs = read_bytes(
            Path::new("a.txt"),
            b"outlet: TASS\n---\nBody text.\n",
            &IngestOptions::default(),
        )
        .unwrap();
        assert_eq!(&docs[0].text[docs[0].body.clone()], "Body text.\n");
        assert_eq!(docs[0].meta.outlet_from, Some(OutletFrom::Header));
    }

    #[test]
    fn header_without_body_is_empty() {
        let err = read_bytes(
            Path::new("a.txt"),
            b"outlet: TASS\n---\n  \n",
            &IngestOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(err, Error::Empty { .. }), "{err}");
    }
}
