//! Reading a corpus: find the input files, stream their articles once, and load any one
//! article again later by its [`Location`].
//!
//! Inputs are directories (recursively, files sorted by path), JSON Lines (`.jsonl`,
//! `.ndjson`), gzip-compressed JSON Lines (`.jsonl.gz`) and single articles (text with an
//! optional header, HTML). JSON Lines are read a line at a time, never whole, so a file of
//! any size streams. A gzip stream cannot be read from the middle, so a line to be read
//! again is first copied to an unnamed temporary file (the spool, [`Inputs::spool`]) and
//! loaded again from there; a run that keeps its articles prepared copies none.
//!
//! A single-article file is read by [`ingest::read_file_with_sidecars`] (the sidecars read
//! once per run, not once per file), and a JSON Lines record gets its metadata completed
//! as [`ingest::read_inputs`] would (its own fields, then `--meta`, the
//! `sources.toml` beside the file, `--label`, the file name), so that an article reads the
//! same in `corpus` as in `compare`.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::ingest::metadata::{Sidecar, SIDECAR_NAME};
use crate::ingest::{self, json, IngestOptions, SUPPORTED_EXTENSIONS};
use crate::model::Document;

/// How one input file holds its articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// One article (text or HTML).
    Article,
    /// JSON Lines, one article a line.
    Lines,
    /// Gzip-compressed JSON Lines.
    GzipLines,
}

impl FileKind {
    /// The kind a file name says, or `None` for a file a directory scan skips.
    pub fn of_path(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
            return Some(FileKind::GzipLines);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Some(FileKind::Lines),
            _ if SUPPORTED_EXTENSIONS.contains(&ext.as_str()) => Some(FileKind::Article),
            _ => None,
        }
    }
}

/// Where an article can be read again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// Index into the corpus' input files.
    pub file: u32,
    /// Byte offset of the record's line in the file; for gzip input, in the decompressed
    /// stream as read, and in the spool once [`Inputs::spool`] copied the line there.
    pub offset: u64,
    /// Length of the line in bytes (0 for a whole-file article).
    pub len: u32,
    /// 1-based line number in the (decompressed) file.
    pub line: u32,
}

/// The input files of a corpus, in reading order, and what is needed to read them.
#[derive(Debug)]
pub struct Inputs {
    files: Vec<(PathBuf, FileKind)>,
    ingest: IngestOptions,
    explicit: Option<Sidecar>,
    sidecars: HashMap<PathBuf, Option<Sidecar>>,
    /// Lines of gzip inputs, copied out as they were streamed. Behind a lock so that the
    /// inputs can be streamed on one thread while articles are read on others.
    spool: Mutex<Spool>,
}

/// The temporary file gzip inputs' lines are copied to. Buffered: one write per 64 KiB
/// rather than one per line (the writes were the largest part of reading a `.jsonl.gz`
/// input); flushed when streaming ends.
#[derive(Debug, Default)]
struct Spool {
    file: Option<BufWriter<File>>,
    len: u64,
}

/// An article read from the corpus, with where to find it again.
#[derive(Debug)]
pub struct ReadArticle {
    /// Where it is.
    pub location: Location,
    /// The document, metadata complete.
    pub doc: Document,
}

impl Inputs {
    /// Finds the files `paths` stand for: files as given (any name), and the supported
    /// files of directories, recursively, sorted by path, hidden entries skipped. The
    /// `--meta` file and every `sources.toml` beside an input are read here.
    pub fn discover(paths: &[PathBuf], ingest: &IngestOptions) -> Result<Inputs> {
        let mut files = Vec::new();
        for path in paths {
            let meta = std::fs::metadata(path).map_err(|e| Error::reading(path, e))?;
            if meta.is_file() {
                let kind = FileKind::of_path(path).unwrap_or(FileKind::Article);
                files.push((path.clone(), kind));
            } else if meta.is_dir() {
                let before = files.len();
                walk(path, &mut files)?;
                if files.len() == before {
                    return Err(Error::NoSupportedFiles { path: path.clone() });
                }
            } else {
                return Err(Error::NotAFile { path: path.clone() });
            }
        }
        let explicit = match &ingest.meta_file {
            Some(file) => Some(Sidecar::read(file)?),
            None => None,
        };
        let mut sidecars = HashMap::new();
        for (file, _) in &files {
            let dir = file.parent().unwrap_or(Path::new("")).to_path_buf();
            if sidecars.contains_key(&dir) {
                continue;
            }
            let candidate = dir.join(SIDECAR_NAME);
            let found = if candidate.is_file() {
                Some(Sidecar::read(&candidate)?)
            } else {
                None
            };
            sidecars.insert(dir, found);
        }
        Ok(Inputs {
            files,
            ingest: ingest.clone(),
            explicit,
            sidecars,
            spool: Mutex::default(),
        })
    }

    /// The input files, in reading order.
    pub fn files(&self) -> impl Iterator<Item = (&Path, FileKind)> {
        self.files.iter().map(|(p, k)| (p.as_path(), *k))
    }

    /// Streams every article of every input, in order, to `visit`, in batches of at most
    /// `batch` articles (a single-article file is one article). Only one batch is held at
    /// a time. Articles can be read ([`Inputs::read`]) meanwhile, on other threads; read
    /// back ([`Inputs::fetch`]) only once streaming is done.
    pub fn stream(
        &self,
        batch: usize,
        mut visit: impl FnMut(&Inputs, Vec<RawArticle>) -> Result<()>,
    ) -> Result<()> {
        let batch = batch.max(1);
        let mut pending: Vec<RawArticle> = Vec::with_capacity(batch);
        for index in 0..self.files.len() {
            let (path, kind) = self.files[index].clone();
            let file_id = u32::try_from(index).map_err(|_| too_many(&path))?;
            match kind {
                FileKind::Article => {
                    pending.push(RawArticle {
                        location: Location {
                            file: file_id,
                            offset: 0,
                            len: 0,
                            line: 0,
                        },
                        line: Vec::new(),
                    });
                    if pending.len() >= batch {
                        visit(self, std::mem::take(&mut pending))?;
                    }
                }
                FileKind::Lines | FileKind::GzipLines => {
                    let file = File::open(&path).map_err(|e| Error::reading(&path, e))?;
                    let reader: Box<dyn Read> = if kind == FileKind::GzipLines {
                        Box::new(flate2::read::MultiGzDecoder::new(file))
                    } else {
                        Box::new(file)
                    };
                    let mut reader = BufReader::with_capacity(1 << 16, reader);
                    let mut offset = 0u64;
                    let mut line_no = 0u32;
                    loop {
                        let mut line = Vec::new();
                        let read = reader
                            .read_until(b'\n', &mut line)
                            .map_err(|e| Error::reading(&path, e))?;
                        if read == 0 {
                            break;
                        }
                        line_no = line_no.checked_add(1).ok_or_else(|| too_many(&path))?;
                        let start = offset;
                        offset += read as u64;
                        if line.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        let len = u32::try_from(line.len()).map_err(|_| Error::TooLarge {
                            path: path.clone(),
                            size: line.len() as u64,
                            limit: u64::from(u32::MAX),
                        })?;
                        let location = Location {
                            file: file_id,
                            offset: start,
                            len,
                            line: line_no,
                        };
                        pending.push(RawArticle { location, line });
                        if pending.len() >= batch {
                            visit(self, std::mem::take(&mut pending))?;
                        }
                    }
                }
            }
        }
        if !pending.is_empty() {
            visit(self, pending)?;
        }
        Ok(())
    }

    /// Where [`Inputs::fetch`] finds `raw` again: for a gzip input's line, a copy in the
    /// spool, made now; for any other article, where it was read.
    pub fn spool(&self, raw: &RawArticle) -> Result<Location> {
        let (path, kind) = self.file(raw.location.file)?;
        if kind != FileKind::GzipLines {
            return Ok(raw.location);
        }
        Ok(Location {
            offset: self.spool_line(path, &raw.line)?,
            ..raw.location
        })
    }

    /// Copies a gzip input's line to the spool; returns its offset there.
    fn spool_line(&self, path: &Path, line: &[u8]) -> Result<u64> {
        let mut spool = self.lock_spool();
        let Spool { file, len } = &mut *spool;
        let writer = match file {
            Some(writer) => writer,
            None => {
                let created = tempfile::tempfile().map_err(|e| Error::reading(path, e))?;
                file.insert(BufWriter::with_capacity(1 << 16, created))
            }
        };
        let at = *len;
        writer
            .write_all(line)
            .map_err(|e| Error::reading(path, e))?;
        *len += line.len() as u64;
        Ok(at)
    }

    fn lock_spool(&self) -> std::sync::MutexGuard<'_, Spool> {
        // A panic while holding it left at worst a partly written line, never read back.
        self.spool
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The bytes of the records at `locations` (empty for whole-file articles), read in
    /// file order, returned in the given order. A gzip input's line must have been
    /// spooled: its location is the one [`Inputs::spool`] returned.
    pub fn fetch(&self, locations: &[Location]) -> Result<Vec<RawArticle>> {
        let mut order: Vec<usize> = (0..locations.len()).collect();
        order.sort_by_key(|&i| (locations[i].file, locations[i].offset));
        let mut out: Vec<Option<RawArticle>> = (0..locations.len()).map(|_| None).collect();
        let mut open: Option<(u32, File)> = None;
        let mut spool = self.lock_spool();
        if let Some(file) = &mut spool.file {
            // Every spooled line on disk before any is read back.
            file.flush().map_err(|e| {
                let path = self
                    .files
                    .iter()
                    .find(|(_, kind)| *kind == FileKind::GzipLines)
                    .map_or_else(Default::default, |(path, _)| path.clone());
                Error::reading(&path, e)
            })?;
        }
        for i in order {
            let location = locations[i];
            let (path, kind) = self.file(location.file)?;
            let mut line = vec![0u8; location.len as usize];
            if kind != FileKind::Article {
                let reader = match kind {
                    FileKind::GzipLines => spool
                        .file
                        .as_ref()
                        .map(BufWriter::get_ref)
                        .ok_or_else(|| spool_gone(path))?,
                    _ => {
                        if open.as_ref().map(|(f, _)| *f) != Some(location.file) {
                            let file = File::open(path).map_err(|e| Error::reading(path, e))?;
                            open = Some((location.file, file));
                        }
                        match &open {
                            Some((_, file)) => file,
                            None => return Err(spool_gone(path)),
                        }
                    }
                };
                let mut reader = reader;
                reader
                    .seek(SeekFrom::Start(location.offset))
                    .and_then(|_| reader.read_exact(&mut line))
                    .map_err(|e| Error::reading(path, e))?;
            }
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(RawArticle { location, line });
            }
        }
        Ok(out.into_iter().flatten().collect())
    }

    /// Reads one article: a whole file, or a record's line (from [`Inputs::stream`] or
    /// [`Inputs::fetch`]). The document's id is left empty.
    pub fn read(&self, raw: &RawArticle) -> Result<Document> {
        let (path, kind) = self.file(raw.location.file)?;
        if kind == FileKind::Article {
            let dir = path.parent().unwrap_or(Path::new(""));
            let sidecar = self.sidecars.get(dir).and_then(Option::as_ref);
            let mut docs = ingest::read_file_with_sidecars(
                path,
                self.explicit.as_ref(),
                sidecar,
                &self.ingest,
            )?;
            let doc = docs.pop().ok_or_else(|| Error::Empty {
                path: path.to_path_buf(),
            })?;
            return Ok(Document {
                id: String::new(),
                ..doc
            });
        }
        let line_path = || PathBuf::from(format!("{}:{}", path.display(), raw.location.line));
        let text = std::str::from_utf8(&raw.line).map_err(|e| Error::Decode {
            path: line_path(),
            detail: format!("JSON Lines must be UTF-8: {e}"),
        })?;
        let mut docs = json::read_records(path, text, "UTF-8").map_err(|e| match e {
            // The record was read alone: give the line it has in its file.
            Error::Malformed { detail, .. } => Error::Malformed {
                path: path.to_path_buf(),
                line: Some(raw.location.line as usize),
                detail,
            },
            Error::Empty { .. } => Error::Empty { path: line_path() },
            Error::Binary { .. } => Error::Binary { path: line_path() },
            other => other,
        })?;
        let mut doc = docs
            .pop()
            .ok_or_else(|| Error::Empty { path: line_path() })?;
        doc.path = format!("{}:{}", path.display(), raw.location.line);
        self.finish_meta(path, &mut doc);
        Ok(doc)
    }

    /// Completes a record's metadata as [`ingest::read_inputs`] does for JSON Lines.
    fn finish_meta(&self, path: &Path, doc: &mut Document) {
        let dir = path.parent().unwrap_or(Path::new(""));
        let sidecar = self.sidecars.get(dir).and_then(Option::as_ref);
        ingest::complete_metadata(
            doc,
            path,
            [self.explicit.as_ref(), sidecar],
            None,
            &self.ingest,
        );
    }

    fn file(&self, index: u32) -> Result<(&Path, FileKind)> {
        self.files
            .get(index as usize)
            .map(|(p, k)| (p.as_path(), *k))
            .ok_or_else(|| Error::InvalidOption {
                option: "corpus".into(),
                detail: format!("no input file number {index}"),
            })
    }
}

/// An article's place and, for a record, its line's bytes: what [`Inputs::read`] parses.
#[derive(Debug)]
pub struct RawArticle {
    /// Where it is.
    pub location: Location,
    /// The record's line (empty for a whole-file article).
    pub line: Vec<u8>,
}

/// Adds the supported files under `dir` to `files`, sorted by path, recursively.
fn walk(dir: &Path, files: &mut Vec<(PathBuf, FileKind)>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::reading(dir, e))?;
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::reading(dir, e))?;
        let name = entry.file_name();
        if name.to_str().is_none_or(|n| n.starts_with('.')) {
            continue;
        }
        found.push(entry.path());
    }
    found.sort();
    for path in found {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, files)?;
        } else if meta.is_file() {
            if let Some(kind) = FileKind::of_path(&path) {
                files.push((path, kind));
            }
        }
    }
    Ok(())
}

fn too_many(path: &Path) -> Error {
    Error::TooLarge {
        path: path.to_path_buf(),
        size: u64::from(u32::MAX) + 1,
        limit: u64::from(u32::MAX),
    }
}

fn spool_gone(path: &Path) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other("the copy of this gzip input is no longer open"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_names_and_skip_unknown_files() {
        assert_eq!(
            FileKind::of_path(Path::new("a.JSONL.gz")),
            Some(FileKind::GzipLines)
        );
        assert_eq!(
            FileKind::of_path(Path::new("a.jsonl")),
            Some(FileKind::Lines)
        );
        assert_eq!(
            FileKind::of_path(Path::new("a.txt")),
            Some(FileKind::Article)
        );
        assert_eq!(FileKind::of_path(Path::new("a.gz")), None);
        assert_eq!(FileKind::of_path(Path::new("sources.toml")), None);
    }
}
