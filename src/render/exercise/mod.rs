//! Worksheets ([`crate::exercise::Worksheet`]) as Markdown or HTML, with the answer key
//! apart.
//!
//! The worksheet and the key are separate documents: [`markdown::write_worksheet`] and
//! [`markdown::write_answers`] (or one document with the key in a clearly separated final
//! section, [`WorksheetOptions::with_answers`]). The HTML worksheet is interactive:
//! students choose an answer and reveal the key question by question; printed, it shows
//! no answers. Article text is untrusted and escaped here, as in the reports.

pub mod html;
pub mod markdown;

use std::ops::Range;

use crate::exercise::{Passage, Worksheet};

/// How a worksheet is rendered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorksheetOptions {
    /// Append the answer key after the worksheet, in a clearly separated section.
    pub with_answers: bool,
    /// HTML only: keep each answer in the page, hidden until revealed. Off, the page holds
    /// no answer at all (for a copy handed out as a file).
    pub reveal: bool,
}

/// A passage's text cut into runs, each highlighted or not, in order.
fn runs(passage: &Passage) -> Vec<(bool, &str)> {
    let text = passage.text.as_str();
    let mut out = Vec::new();
    let mut at = 0;
    for Range { start, end } in passage.highlights.iter().cloned() {
        let (Some(before), Some(marked)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        if !before.is_empty() {
            out.push((false, before));
        }
        if !marked.is_empty() {
            out.push((true, marked));
        }
        at = end;
    }
    if let Some(rest) = text.get(at..) {
        if !rest.is_empty() {
            out.push((false, rest));
        }
    }
    out
}

/// The worksheet's heading.
fn title(sheet: &Worksheet) -> String {
    format!("Worksheet: one event, {} outlets", sheet.outlets.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(text: &str, highlights: Vec<Range<usize>>) -> Passage {
        Passage {
            label: "A".into(),
            named: false,
            source: 0,
            at: None,
            text: text.into(),
            highlights,
        }
    }

    #[test]
    fn runs_cover_the_text_and_mark_the_highlights() {
        let p = passage(
            "They call it Daesh today.",
            std::iter::once(13..18).collect(),
        );
        assert_eq!(
            runs(&p),
            vec![
                (false, "They call it "),
                (true, "Daesh"),
                (false, " today.")
            ]
        );
    }

    #[test]
    fn ranges_off_character_boundaries_are_skipped_not_panicking() {
        let p = passage("Пресс ТВ", std::iter::once(1..3).collect());
        let joined: String = runs(&p).into_iter().map(|(_, t)| t).collect();
        assert_eq!(joined, "Пресс ТВ");
    }
}
