//! Layout for the terminal: styled pieces, unbreakable units, wrapping by display width
//! with a hanging indent, and colour as SGR sequences that never cross a line.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::render::escape::sanitize_for_terminal;
use crate::render::markup::{Mark, Run};

/// How a piece of text is styled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Heading,
    Outlet,
    Deleted,
    Inserted,
    MovedFrom,
    MovedTo,
    Tag,
    Dim,
    Framed,
}

impl Style {
    /// The SGR parameters: strikethrough and bold carry the difference, colour helps.
    pub(super) fn sgr(self) -> Option<&'static str> {
        match self {
            Style::Plain => None,
            Style::Heading => Some("1;4"),
            Style::Outlet => Some("1"),
            Style::Deleted => Some("9;31"),
            Style::Inserted => Some("1;36"),
            Style::MovedFrom => Some("9;35"),
            Style::MovedTo => Some("1;35"),
            Style::Tag => Some("33"),
            Style::Dim => Some("2"),
            Style::Framed => Some("4"),
        }
    }
}

/// A piece of text in one style; `text` is already safe for the terminal.
#[derive(Clone, Debug)]
pub(super) struct Piece {
    pub(super) style: Style,
    pub(super) text: String,
}

/// Pieces that must stay on one line (a word with its markers and glued punctuation).
#[derive(Clone, Debug, Default)]
pub(super) struct Unit {
    pub(super) pieces: Vec<Piece>,
    pub(super) space_before: bool,
}

impl Unit {
    pub(super) fn width(&self) -> usize {
        self.pieces.iter().map(|p| display_width(&p.text)).sum()
    }
}

/// The display width of `text`, as `unicode-width` gives it. Printable ASCII, most of a
/// report, is one column a character, counted without the crate's table lookups.
pub(super) fn display_width(text: &str) -> usize {
    if text.bytes().all(|b| matches!(b, b' '..=b'~')) {
        text.len()
    } else {
        text.width()
    }
}

/// A laid-out line and its display width.
pub(super) struct Line {
    pub(super) text: String,
    pub(super) width: usize,
}

/// Collects the pieces of one line at a time, merging neighbours of one style so that
/// each styled stretch is one escape sequence and its reset, never crossing a line.
pub(super) struct LineBuilder<'p> {
    pub(super) painter: &'p Painter,
    pub(super) indent: usize,
    pub(super) pieces: Vec<Piece>,
    pub(super) col: usize,
    pub(super) empty: bool,
    pub(super) lines: Vec<Line>,
}

impl<'p> LineBuilder<'p> {
    pub(super) fn new(painter: &'p Painter, lead: &[Piece], indent: usize) -> Self {
        let col = lead.iter().map(|p| display_width(&p.text)).sum();
        LineBuilder {
            painter,
            indent,
            pieces: lead.to_vec(),
            col,
            empty: true,
            lines: Vec::new(),
        }
    }

    pub(super) fn last_style(&self) -> Option<Style> {
        if self.empty {
            return None;
        }
        self.pieces.last().map(|p| p.style)
    }

    pub(super) fn push(&mut self, style: Style, text: &str, width: usize) {
        match self.pieces.last_mut() {
            Some(last) if last.style == style && !self.empty => last.text.push_str(text),
            _ => self.pieces.push(piece(style, text)),
        }
        self.col += width;
        self.empty = false;
    }

    pub(super) fn break_line(&mut self) {
        let pieces = std::mem::take(&mut self.pieces);
        self.lines.push(Line {
            text: self.painter.render(&pieces),
            width: self.col,
        });
        self.pieces.push(blank(self.indent));
        self.col = self.indent;
        self.empty = true;
    }

    pub(super) fn finish(mut self) -> Vec<Line> {
        let has_text = self.pieces.iter().any(|p| !p.text.trim().is_empty());
        if has_text || self.lines.is_empty() {
            let pieces = std::mem::take(&mut self.pieces);
            self.lines.push(Line {
                text: self.painter.render(&pieces),
                width: self.col,
            });
        }
        self.lines
    }
}

/// Lays out text for one report: colour on or off, at a width.
pub(super) struct Painter {
    pub(super) color: bool,
    pub(super) width: usize,
}

impl Painter {
    pub(super) fn paint(&self, style: Style, text: &str) -> String {
        match style.sgr() {
            Some(sgr) if self.color && !text.is_empty() => format!("\x1b[{sgr}m{text}\x1b[0m"),
            _ => text.to_string(),
        }
    }

    pub(super) fn render(&self, pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| self.paint(p.style, &p.text))
            .collect()
    }

    /// The markers around a run, when colour does not show it.
    pub(super) fn markers(&self, mark: Mark) -> (&'static str, &'static str) {
        if self.color {
            return ("", "");
        }
        match mark {
            Mark::Plain | Mark::Framed => ("", ""),
            Mark::Deleted => ("[-", "-]"),
            Mark::Inserted => ("{+", "+}"),
            Mark::MovedFrom => ("[>", "<]"),
            Mark::MovedTo => ("{>", "<}"),
        }
    }

    /// Runs of words as units: markers attached to a run's first and last words,
    /// punctuation glued to the word before it.
    pub(super) fn units(&self, runs: &[Run]) -> Vec<Unit> {
        let mut units: Vec<Unit> = Vec::new();
        for run in runs {
            let style = style_of(run.mark);
            let (open, close) = self.markers(run.mark);
            let count = run.words.len();
            for (i, word) in run.words.iter().enumerate() {
                let mut pieces = Vec::new();
                if i == 0 && !open.is_empty() {
                    pieces.push(Piece {
                        style,
                        text: open.into(),
                    });
                }
                pieces.push(Piece {
                    style,
                    text: sanitize_for_terminal(&word.text).into_owned(),
                });
                if i + 1 == count && !close.is_empty() {
                    pieces.push(Piece {
                        style,
                        text: close.into(),
                    });
                }
                match units.last_mut() {
                    Some(last) if !word.space_before => last.pieces.extend(pieces),
                    _ => units.push(Unit {
                        pieces,
                        space_before: true,
                    }),
                }
            }
        }
        units
    }

    /// Words of plain text as units, in one style.
    pub(super) fn text_units(&self, text: &str, style: Style) -> Vec<Unit> {
        sanitize_for_terminal(text)
            .split_whitespace()
            .map(|w| Unit {
                pieces: vec![Piece {
                    style,
                    text: w.to_string(),
                }],
                space_before: true,
            })
            .collect()
    }

    /// Wraps units into lines of at most `width` columns. The first line starts with
    /// `lead`; later lines are indented by `indent` (at most a third of the width, so
    /// some room is always left for text).
    pub(super) fn wrap(
        &self,
        units: &[Unit],
        lead: &[Piece],
        indent: usize,
        width: usize,
    ) -> Vec<Line> {
        let indent = indent.min(width / 3);
        let mut builder = LineBuilder::new(self, lead, indent);
        if builder.col > indent && builder.col + 1 >= width {
            // A lead too wide for the line stands alone.
            builder.break_line();
        }
        for unit in units {
            let w = unit.width();
            let sep = usize::from(!builder.empty && unit.space_before);
            if builder.col + sep + w > width && !builder.empty {
                builder.break_line();
            }
            let sep = usize::from(!builder.empty && unit.space_before);
            if builder.col + sep + w <= width {
                if sep == 1 {
                    // The space takes the style of the words on both sides, so a struck
                    // or underlined phrase reads as one.
                    let style = match (builder.last_style(), unit.pieces.first()) {
                        (Some(a), Some(b)) if a == b.style => a,
                        _ => Style::Plain,
                    };
                    builder.push(style, " ", 1);
                }
                for piece in &unit.pieces {
                    builder.push(piece.style, &piece.text, display_width(&piece.text));
                }
                continue;
            }
            // A unit wider than a whole line is cut by characters.
            for piece in &unit.pieces {
                for c in piece.text.chars() {
                    let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    if builder.col + cw > width && builder.col > indent {
                        builder.break_line();
                    }
                    builder.push(piece.style, c.encode_utf8(&mut [0; 4]), cw);
                }
            }
        }
        builder.finish()
    }

    pub(super) fn write_lines(&self, out: &mut dyn Write, lines: &[Line]) -> io::Result<()> {
        for line in lines {
            writeln!(out, "{}", line.text.trim_end())?;
        }
        Ok(())
    }

    pub(super) fn heading(&self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        let units = self.text_units(text, Style::Heading);
        let lines = self.wrap(&units, &[], 0, self.width);
        writeln!(out)?;
        self.write_lines(out, &lines)
    }
}

pub(super) fn style_of(mark: Mark) -> Style {
    match mark {
        Mark::Plain => Style::Plain,
        Mark::Deleted => Style::Deleted,
        Mark::Inserted => Style::Inserted,
        Mark::MovedFrom => Style::MovedFrom,
        Mark::MovedTo => Style::MovedTo,
        Mark::Framed => Style::Framed,
    }
}

/// Spaces as a lead.
pub(super) fn blank(width: usize) -> Piece {
    piece(Style::Plain, " ".repeat(width))
}

pub(super) fn piece(style: Style, text: impl Into<String>) -> Piece {
    Piece {
        style,
        text: text.into(),
    }
}

/// Plain report text (ours, not the article's) as units.
pub(super) fn words(text: &str, style: Style) -> Vec<Unit> {
    text.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| Unit {
            pieces: vec![piece(style, w)],
            space_before: true,
        })
        .collect()
}

/// An outlet name cut and padded to the outlet column.
pub(super) fn outlet_cell(name: &str, column: usize) -> String {
    let name = sanitize_for_terminal(name);
    let cut = cut_to_width(&name, column);
    let pad = column.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(pad))
}

/// At most `max` columns of `text`, with an ellipsis when cut.
pub(super) fn cut_to_width(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The ASCII shortcut counts as `unicode-width` does, for any text.
        #[test]
        fn display_width_is_unicode_width(text in "(\\PC|[ -~]|[\\x00-\\x1f\\x7f])*") {
            proptest::prop_assert_eq!(display_width(&text), text.width());
        }
    }
}
