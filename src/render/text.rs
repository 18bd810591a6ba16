//! Plain-text and TSV listings of sources and their sentences (`claimdiff split`).

use std::io::{self, Write};

use crate::model::Source;
use crate::render::escape::sanitize_for_terminal as clean;

/// What to show in a sentence listing.
#[derive(Clone, Copy, Debug, Default)]
pub struct ListingOptions {
    /// Also list what cleaning removed, with the reason.
    pub show_removed: bool,
}

/// One block per source: a header line, then its sentences numbered from 1.
pub fn write_sentences(
    out: &mut dyn Write,
    sources: &[Source],
    options: ListingOptions,
) -> io::Result<()> {
    for (i, source) in sources.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "== {} {}", source.id, clean(&source.path))?;
        let outlet = source.outlet.as_deref().unwrap_or("unknown outlet");
        writeln!(
            out,
            "   outlet: {} (from {})   date: {}   encoding: {}",
            clean(outlet),
            source.outlet_from.as_str(),
            source.date.as_deref().unwrap_or("-"),
            source.encoding,
        )?;
        if let Some(title) = &source.title {
            writeln!(out, "   title: {}", clean(title))?;
        }
        if let Some(dateline) = &source.dateline {
            writeln!(out, "   dateline: {}", clean(dateline))?;
        }
        if options.show_removed {
            for removal in &source.removed {
                writeln!(
                    out,
                    "   removed [{}] {}..{}: {}",
                    removal.reason,
                    removal.start,
                    removal.end,
                    shorten(&clean(removal.text.trim()), 100)
                )?;
            }
        }
        let width = source.sentences.len().to_string().len();
        let mut paragraph = None;
        for sentence in &source.sentences {
            if paragraph.is_some() && paragraph != Some(sentence.paragraph) {
                writeln!(out)?;
            }
            paragraph = Some(sentence.paragraph);
            writeln!(
                out,
                "{:>width$}  {}",
                sentence.index + 1,
                clean(&sentence.text)
            )?;
        }
    }
    Ok(())
}

/// One row per sentence: `source  index  start  end  paragraph  text`, with a header row.
/// Sentence text never holds tabs or line breaks (whitespace is collapsed).
pub fn write_sentences_tsv(out: &mut dyn Write, sources: &[Source]) -> io::Result<()> {
    writeln!(out, "source\toutlet\tindex\tstart\tend\tparagraph\ttext")?;
    for source in sources {
        let outlet = clean(source.outlet.as_deref().unwrap_or(""));
        for s in &source.sentences {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                source.id,
                outlet,
                s.index,
                s.start,
                s.end,
                s.paragraph,
                clean(&s.text)
            )?;
        }
    }
    Ok(())
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}
