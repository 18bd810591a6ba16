//! Sentence segmentation with exact byte offsets, tuned for news English.
//!
//! [`segment`] splits the regions that cleaning kept into paragraphs, and paragraphs into
//! sentences. Every sentence keeps its byte span in the source text, so later stages and
//! the reports can point back at the original.
//!
//! # Paragraphs
//!
//! News text comes in two layouts, and a line break means different things in each:
//!
//! - **Blank-line paragraphs** (web copies such as RT's and TASS's): paragraphs are
//!   separated by blank lines, and a single line break is a soft wrap inside a paragraph,
//!   joined like a space (hard-wrapped text keeps its sentences whole).
//! - **One paragraph a line** (agency wires such as IANS and Xinhua): no blank lines, and
//!   every line break ends a paragraph.
//!
//! The layout is decided once per call over the text the regions span (a per-region
//! decision would misjudge a cleaner that hands over one region per paragraph). It is
//! blank-line paragraphs if blank lines occur and at least a quarter of the single line
//! breaks, if any, interrupt a sentence (the line before does not end in `.`, `!`, `?`, `:` or
//! `;`, maybe before a closing quote; an ellipsis counts as interrupting, quotations go
//! on after one), or, with no blank lines, if most of at least three single line breaks
//! interrupt a sentence (hard-wrapped text); otherwise one paragraph a line. So a wire
//! text with one stray blank line after its headline stays line-per-paragraph. Local
//! rules refine it: in wrapped text a line that starts a list item (`1.`, `-`, `•`) after
//! a line that ends like a sentence starts a paragraph, and so does any line after an
//! unfinished line shorter than three fifths of the longest line when it starts with a
//! capital (a headline, a byline: wrapping fills lines, so a short one was not wrapped);
//! in line-per-paragraph text a line break inside a sentence (an unfinished line, then a
//! lowercase word) is a soft wrap. A
//! blank line or U+2029 always ends a paragraph; a paragraph break always ends a sentence.
//! Line breaks are LF, CR (CRLF counts once), U+2028 and U+2029; VT, FF and NEL are plain
//! whitespace. `paragraph` numbers count paragraphs that hold sentences, from 0, across
//! regions; text cut out between two regions (a dateline, a teaser line) starts a new
//! paragraph only if a paragraph break lies between the sentences around it.
//!
//! # Sentences
//!
//! The base is UAX #29 (`unicode-segmentation`): it knows closing quotes and brackets stay
//! with their sentence (`settling,” he said.`), that `3.5`, `U.S` and a full stop before a
//! lowercase word (`difficulties... in`) do not end one, that a capital after a terminator
//! does. Running it over whole texts costs more than our speed budget (~40 MB/s), and it
//! is only needed where a sentence could end, so the scanner finds terminators itself
//! (`.`, `!`, `?`, `…`, and CJK, Arabic and Devanagari full stops) and asks UAX #29 about
//! a window of a few words around each (the plainest cases, a terminator then a space and
//! an ASCII letter, are answered directly; a property test keeps that shortcut equal to
//! `unicode-segmentation`). UAX #29 alone goes wrong on news in known ways, which these
//! rules fix (in `sentences.rs`; word lists in `data/abbreviations.txt`):
//!
//! - **Abbreviations.** Titles (`Mr.`, `Gen.`, `Gov.`, `St.`, `vs.`, `e.g.`) never end a
//!   sentence; `Oct.`, `Nov.`, `No.` do not before a number; `U.S.`, `U.N.`, `a.m.`,
//!   `Inc.`, AP state abbreviations and unlisted dotted initialisms end one only before a
//!   common sentence starter (`The`, `He`, `However`), so `U.S. Secretary` stays whole.
//! - **Initials.** A single capital and a full stop (`J. R. Smith`, `S. & P.`) is an
//!   initial unless a sentence starter follows (`Plan B. The`).
//! - **Lists.** A number or letter with a full stop opening a paragraph, or a number after
//!   `:` or `;`, is a list marker, not a sentence.
//! - **`!` and `?` before a lowercase word** (`"Why now?" he asked.`) do not end the
//!   sentence; UAX #29 would split there.
//! - **Ellipses** (`...`, `…`, `. . .`) go on before a lowercase word or a number, end the
//!   sentence before a sentence starter (`days... I do hope`) but not before other capitals
//!   (`the prism of ... Sept. 11`), and a quotation opening with one (`“… we presume`)
//!   starts a sentence. Four dots are an ellipsis and a full stop: UAX #29 decides.
//! - **Missing spaces.** `said.The` splits (UAX #29 keeps it whole); decimals, `U.S`,
//!   URLs, e-mail addresses and `www.` hosts never split inside.
//! - **Quotes.** A quotation opening after a full stop and a space starts a sentence
//!   unless a lowercase word follows (`stage. "30 years we waited`); an opening quote
//!   glued to a stop (`left.“We`, or a straight `"` that
//!   opens by the count of quotes before it) goes with the next sentence; a piece with no
//!   letter or digit (a stray `"` at the end of a paragraph) stays with the sentence
//!   before it.
//! - **Brands in lower camel case** (`iPhone`, `eBay`) may start a sentence.
//!
//! Checked on the seeds gold (82/82 sentences), `fixtures/segment/hard_cases.json`, and
//! the news sentences of the MSRP paraphrase data: 11 of 8,152 single sentences split
//! (mostly at a real boundary inside a quotation, or at a tokenisation artefact such as
//! `Studio. Net`), 7 of 4,067 joined pairs not split exactly between the two (an
//! abbreviation that ends a sentence before a name: `Honda Motor Co. Lapidus expects`).
//!
//! Every scan is linear: backward and forward looks are bounded, quote parity is counted
//! incrementally, and nothing allocates but the output and one reused window buffer.

mod abbreviations;
mod sentences;
pub(crate) mod words;

use std::ops::Range;

use crate::model::Sentence;

use sentences::Scratch;

/// Builds the built-in abbreviation list.
pub(crate) fn build_tables() {
    abbreviations::Abbreviations::builtin();
}

/// Splits the given regions of `text` into sentences.
///
/// `regions` are the byte ranges left after cleaning, in order and not overlapping; no
/// sentence crosses a region's border. Ranges that are out of order, overlap an earlier
/// one, fall outside `text` or cut a character are clipped or skipped, never a panic.
///
/// Each sentence's `start`/`end` are its trimmed byte span in `text`; `text` is that
/// slice with every run of whitespace collapsed to one space; `paragraph` follows the
/// rules in the [module documentation](self).
///
/// ```
/// let text = "MOSCOW, March 6. Lavrov met U.S. Secretary of State John Kerry. They spoke.";
/// let sentences = claimdiff::segment::segment(text, &[17..text.len()]);
/// let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
/// assert_eq!(
///     texts,
///     ["Lavrov met U.S. Secretary of State John Kerry.", "They spoke."]
/// );
/// ```
pub fn segment(text: &str, regions: &[Range<usize>]) -> Vec<Sentence> {
    let regions = valid_regions(text, regions);
    let (Some(first), Some(last)) = (regions.first(), regions.last()) else {
        return Vec::new();
    };
    let layout = Layout::detect(text, first.start..last.end);
    let mut scratch = Scratch::default();
    let mut spans = Vec::new();
    let mut sentences: Vec<Sentence> = Vec::new();
    let mut paragraph = 0;
    for region in &regions {
        for para in paragraphs(text, region.clone(), layout) {
            spans.clear();
            sentences::split_paragraph(text, para, &mut scratch, &mut spans);
            for span in spans.drain(..) {
                let Some(slice) = text.get(span.clone()) else {
                    continue;
                };
                if let Some(previous) = sentences.last() {
                    if has_paragraph_break(text, previous.end..span.start, layout) {
                        paragraph += 1;
                    }
                }
                sentences.push(Sentence {
                    index: sentences.len(),
                    text: collapse_whitespace(slice),
                    start: span.start,
                    end: span.end,
                    paragraph,
                });
            }
        }
    }
    sentences
}

/// Splits all of `text` into sentences: [`segment`] with one region, for text that
/// needs no cleaning.
pub fn segment_text(text: &str) -> Vec<Sentence> {
    segment(text, std::slice::from_ref(&(0..text.len())))
}

/// The regions clipped to `text`, to char boundaries and to after the previous region.
fn valid_regions(text: &str, regions: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut valid: Vec<Range<usize>> = Vec::with_capacity(regions.len());
    let mut floor = 0;
    for region in regions {
        let mut start = region.start.max(floor);
        let mut end = region.end.min(text.len());
        while start < end && !text.is_char_boundary(start) {
            start += 1;
        }
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        if start < end {
            valid.push(start..end);
            floor = end;
        }
    }
    valid
}

/// `s` with every run of whitespace replaced by one space (whitespace as
/// [`char::is_whitespace`], the same as [`str::split_whitespace`]). Copies whole words at
/// a time: this runs over every byte of the output.
fn collapse_whitespace(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut word_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let space_len = match bytes[i] {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => 1,
            // Lead bytes of the non-ASCII whitespace characters.
            0xC2 | 0xE1 | 0xE2 | 0xE3 => s
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8),
            _ => 0,
        };
        if space_len == 0 {
            i += 1;
            continue;
        }
        push_word(&mut out, &s[word_start..i]);
        i += space_len;
        word_start = i;
    }
    push_word(&mut out, &s[word_start..]);
    out
}

fn push_word(out: &mut String, word: &str) {
    if word.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// What a single line break means in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// Blank lines separate paragraphs; a single line break is a soft wrap.
    BlankLineParagraphs {
        /// The longest line, in bytes: a line much shorter than this was not wrapped.
        width: usize,
    },
    /// Every line is a paragraph.
    LinePerParagraph,
}

impl Layout {
    /// Decides the layout from the line breaks of `text[span]`.
    fn detect(text: &str, span: Range<usize>) -> Layout {
        let mut blank_lines = 0usize;
        let mut single_breaks = 0usize;
        let mut wraps = 0usize;
        let mut width = 0;
        let mut line_start = span.start;
        for run in line_break_runs(text, span.clone()) {
            width = width.max(run.start.saturating_sub(line_start));
            line_start = run.end;
            if run.is_blank_line() {
                blank_lines += 1;
            } else {
                single_breaks += 1;
                if !line_ends_like_sentence(text, run.start) {
                    wraps += 1;
                }
            }
        }
        let wrapped_with_blank_lines = blank_lines > 0 && wraps * 4 >= single_breaks;
        let wrapped_without_blank_lines = single_breaks >= 3 && wraps * 2 > single_breaks;
        if wrapped_with_blank_lines || wrapped_without_blank_lines {
            let width = width.max(span.end.saturating_sub(line_start));
            Layout::BlankLineParagraphs { width }
        } else {
            Layout::LinePerParagraph
        }
    }
}

/// A maximal run of whitespace holding at least one line break.
#[derive(Clone, Copy, Debug)]
struct BreakRun {
    start: usize,
    end: usize,
    /// Line breaks in the run (`\r\n` counts once).
    breaks: usize,
    /// Whether the run holds U+2029 PARAGRAPH SEPARATOR.
    paragraph_separator: bool,
}

impl BreakRun {
    fn is_blank_line(&self) -> bool {
        self.breaks >= 2 || self.paragraph_separator
    }

    /// Whether this run ends a paragraph under `layout`.
    fn ends_paragraph(&self, text: &str, layout: Layout) -> bool {
        if self.is_blank_line() {
            return true;
        }
        let ended = line_ends_like_sentence(text, self.start);
        match layout {
            Layout::BlankLineParagraphs { width } => {
                if ended {
                    line_starts_list_item(text, self.end)
                } else {
                    // A short unfinished line before a capital (a headline, a byline) was
                    // not wrapped: wrapping fills lines to near the longest.
                    let line_start = memchr::memrchr2(b'\n', b'\r', &text.as_bytes()[..self.start])
                        .map_or(0, |at| at + 1);
                    let short = (self.start - line_start) * 5 < width * 3;
                    let next = text.get(self.end..).and_then(|rest| rest.chars().next());
                    short && next.is_some_and(char::is_uppercase)
                }
            }
            Layout::LinePerParagraph => {
                let next = text.get(self.end..).and_then(|rest| rest.chars().next());
                ended || !next.is_some_and(char::is_lowercase)
            }
        }
    }
}

/// Whether `c` breaks a line: LF, CR, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
/// Vertical tab, form feed and NEL (U+0085) count as plain whitespace: decoded news text
/// does not use them as line ends.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The runs of whitespace with line breaks in `text[span]`, each clipped to `span`.
fn line_break_runs(text: &str, span: Range<usize>) -> impl Iterator<Item = BreakRun> + '_ {
    let bytes = text.as_bytes();
    let mut i = span.start;
    std::iter::from_fn(move || {
        while i < span.end {
            // Every line break starts with one of these bytes (U+2028/9 with 0xE2).
            let found = memchr::memchr3(b'\n', b'\r', 0xE2, bytes.get(i..span.end)?)?;
            i += found;
            let is_break = text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(is_line_break);
            if !is_break {
                i += 1;
                continue;
            }
            let start = back_over_whitespace(text, i, span.start);
            let mut end = i;
            let mut breaks = 0;
            let mut paragraph_separator = false;
            let mut previous = ' ';
            for c in text[i..span.end].chars() {
                if !c.is_whitespace() {
                    break;
                }
                if is_line_break(c) && !(previous == '\r' && c == '\n') {
                    breaks += 1;
                }
                paragraph_separator |= c == '\u{2029}';
                previous = c;
                end += c.len_utf8();
            }
            i = end.max(i + 1);
            return Some(BreakRun {
                start,
                end,
                breaks,
                paragraph_separator,
            });
        }
        None
    })
}

fn back_over_whitespace(text: &str, to: usize, floor: usize) -> usize {
    let skipped: usize = text[floor..to]
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    to - skipped
}

/// Whether the line ending at byte `end` ends like a sentence or an introduction: `.`,
/// `!`, `?`, `:` or `;`, maybe followed by closing quotes and brackets. An ellipsis does
/// not count: a quotation often goes on after one (`difficulties...` / `in several areas`).
fn line_ends_like_sentence(text: &str, end: usize) -> bool {
    let mut last = text[..end].chars().rev().skip_while(|c| {
        matches!(
            c,
            '"' | '\'' | ')' | ']' | '\u{2019}' | '\u{201D}' | '\u{BB}'
        )
    });
    match (last.next(), last.next()) {
        (Some('.'), Some('.')) | (Some('…'), _) => false,
        (Some(c), _) => matches!(c, '.' | '!' | '?' | ':' | ';'),
        (None, _) => false,
    }
}

/// Whether the line starting at byte `start` opens a list item: a bullet or dash and a
/// space, or a number or single letter with `.` or `)` and a space.
fn line_starts_list_item(text: &str, start: usize) -> bool {
    let line = &text[start..];
    let mut chars = line.char_indices();
    let Some((_, first)) = chars.next() else {
        return false;
    };
    if matches!(first, '•' | '-' | '*' | '–' | '—' | '·') {
        return line[first.len_utf8()..].starts_with(' ');
    }
    let marker_len = if first.is_ascii_digit() {
        line.bytes().take(3).take_while(u8::is_ascii_digit).count()
    } else if first.is_ascii_alphabetic() {
        1
    } else {
        return false;
    };
    let rest = &line[marker_len..];
    rest.starts_with(". ") || rest.starts_with(") ")
}

/// The paragraphs of `region`, as byte ranges (not trimmed).
fn paragraphs(
    text: &str,
    region: Range<usize>,
    layout: Layout,
) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut runs = line_break_runs(text, region.clone());
    let mut start = Some(region.start);
    std::iter::from_fn(move || {
        let from = start?;
        for run in runs.by_ref() {
            if run.ends_paragraph(text, layout) {
                start = Some(run.end);
                return Some(from..run.start);
            }
        }
        start = None;
        Some(from..region.end)
    })
}

/// Whether a paragraph ends somewhere in `text[between]` (the text between two sentences,
/// perhaps with removed text in it).
fn has_paragraph_break(text: &str, between: Range<usize>, layout: Layout) -> bool {
    line_break_runs(text, between).any(|run| run.ends_paragraph(text, layout))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(String, usize)> {
        segment_text(text)
            .into_iter()
            .map(|s| (s.text, s.paragraph))
            .collect()
    }

    fn owned(items: &[(&str, usize)]) -> Vec<(String, usize)> {
        items.iter().map(|(s, p)| (s.to_string(), *p)).collect()
    }

    #[test]
    fn blank_line_text_joins_hard_wrapped_lines() {
        let text = "Lavrov said the talks\nwould resume on Monday. Kerry\nagreed.\n\nThe UN welcomed it.\n";
        assert_eq!(
            texts(text),
            owned(&[
                ("Lavrov said the talks would resume on Monday.", 0),
                ("Kerry agreed.", 0),
                ("The UN welcomed it.", 1),
            ])
        );
    }

    #[test]
    fn line_per_paragraph_text_ends_titles_at_the_line_break() {
        let text =
            "Russia, US pledge joint efforts\nLavrov met Kerry. They spoke.\nThe UN welcomed it.";
        assert_eq!(
            texts(text),
            owned(&[
                ("Russia, US pledge joint efforts", 0),
                ("Lavrov met Kerry.", 1),
                ("They spoke.", 1),
                ("The UN welcomed it.", 2),
            ])
        );
    }

    #[test]
    fn a_stray_blank_line_keeps_line_per_paragraph_layout() {
        let text = "Headline without a stop\n\nOne. Two.\nThree.\nFour.\nFive.\nSix.";
        let got = texts(text);
        assert_eq!(got[0], ("Headline without a stop".to_string(), 0));
        assert_eq!(got.last().map(|s| s.1), Some(5));
    }

    #[test]
    fn short_unfinished_lines_in_wrapped_text_are_paragraphs() {
        let text = "Kerry arrives in Moscow for talks\nBy a staff writer\nThe US Secretary of State John Kerry arrived in Moscow on\nTuesday for talks with Russian President Vladimir Putin on Syria.\n\nThe talks lasted four hours and both\nsides called them constructive.";
        assert_eq!(
            texts(text),
            owned(&[
                ("Kerry arrives in Moscow for talks", 0),
                ("By a staff writer", 1),
                (
                    "The US Secretary of State John Kerry arrived in Moscow on Tuesday for talks with Russian President Vladimir Putin on Syria.",
                    2
                ),
                (
                    "The talks lasted four hours and both sides called them constructive.",
                    3
                ),
            ])
        );
    }

    #[test]
    fn list_items_in_wrapped_text_are_paragraphs() {
        let text = "The plan calls for:\n1. A ceasefire.\n2. Aid access.\n\nTalks follow.";
        assert_eq!(
            texts(text),
            owned(&[
                ("The plan calls for:", 0),
                ("1. A ceasefire.", 1),
                ("2. Aid access.", 2),
                ("Talks follow.", 3),
            ])
        );
    }

    #[test]
    fn no_sentence_crosses_a_region_border() {
        let text = "MOSCOW, March 6. /TASS/. Lavrov met Kerry on Sunday.";
        let got = segment(text, &[0..10, 25..text.len()]);
        let spans: Vec<&str> = got.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(spans, ["MOSCOW, Ma", "Lavrov met Kerry on Sunday."]);
        assert_eq!(
            got[1].paragraph, 0,
            "a dateline cut mid-line is no paragraph break"
        );
    }

    #[test]
    fn bad_regions_are_clipped_not_fatal() {
        let text = "Привет. Мир.";
        let got = segment(text, &[1..5, Range { start: 3, end: 2 }, 4..999]);
        for s in &got {
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
    }

    #[test]
    fn sentence_text_collapses_every_kind_of_whitespace() {
        for s in [
            "a  b",
            "\u{a0}x\u{3000}y\u{2028}",
            "“Q,”\u{a0}he\r\n\tsaid",
            "",
            " ",
        ] {
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(s), expected, "{s:?}");
        }
    }

    #[test]
    fn crlf_and_unicode_separators_are_line_breaks() {
        let text = "One line.\r\nTwo line.\u{2029}Three.";
        let got = texts(text);
        assert_eq!(got.iter().map(|s| s.1).collect::<Vec<_>>(), [0, 1, 2]);
    }
}
