//! Cleaning: remove what is not article text, keeping a record of every removal.
//!
//! Cleaning works line by line: one pass over the text, and per line the anchored rule
//! regexes until one matches (a body line fails each within a few bytes), so its cost
//! grows linearly with the text (about 300 MB/s on one core for the seeds):
//!
//! 1. **Head**: from the top, lines that match a rule (`any` or `head` zone) are removed;
//!    the first short line without a final period that is followed by more text is the
//!    headline (`title`), the same line again is a `duplicate-title`, and one summary line
//!    after the headline is the `standfirst`. The first other line starts the body.
//! 2. **Tail**: from the bottom, lines matching `any` or `tail` rules (sign-offs, credits).
//! 3. **Body**: lines matching `any` rules (teasers, icon junk, time stamps).
//! 4. **Dateline** at the start of the first body line (`MOSCOW, March 6. /TASS/.`) and
//!    **end mark** at the end of the last (` Endit`) are cut out of their lines.
//!
//! The rules are data (`data/boilerplate.txt`, see [`super::rules`]); users add their own
//! with [`Rules::with_user_file`], in the same format:
//!
//! ```text
//! [outlets]
//! Daily Sabah = Daily Sabah | DS
//!
//! [rules]
//! # reason     zone  regex (matched against the line without surrounding whitespace)
//! promo        any   ^(?i:subscribe to our (?:channel|newsletter))\b
//! sign-off     tail  ^—\s*[A-Z]{2,4}$
//! ```
//!
//! ```
//! use claimdiff::ingest::boilerplate::{clean, Rules};
//! use claimdiff::model::{Document, Metadata};
//!
//! let text = "Talks resume in Geneva\n\nGENEVA (Reuters) - Talks resumed on Monday.\n";
//! let doc = Document {
//!     id: "s1".into(),
//!     path: "a.txt".into(),
//!     body: 0..text.len(),
//!     text: text.into(),
//!     encoding: "UTF-8".into(),
//!     meta: Metadata::default(),
//! };
//! let cleaned = clean(&doc, &Rules::builtin());
//! assert_eq!(cleaned.title.as_deref(), Some("Talks resume in Geneva"));
//! assert_eq!(cleaned.dateline.as_deref(), Some("GENEVA (Reuters)"));
//! assert_eq!(cleaned.outlet_cue.as_deref(), Some("Reuters"));
//! assert_eq!(&text[cleaned.kept[0].clone()], "Talks resumed on Monday.");
//! ```

use std::ops::Range;
use std::path::Path;

use crate::error::Result;
use crate::model::{Cleaned, Document, Removal};

use super::metadata::parse_date;
use super::rules::{self, Compiled, RuleSource, Zone};

/// Removal reasons that are structure rather than boilerplate: the removed text is
/// metadata (or the header it came from), not junk.
pub const STRUCTURAL_REASONS: &[&str] = &[
    "header",
    "title",
    "duplicate-title",
    "standfirst",
    "dateline",
];

/// Whether a removal reason is boilerplate (junk) rather than structure.
pub fn is_boilerplate_reason(reason: &str) -> bool {
    !STRUCTURAL_REASONS.contains(&reason)
}

/// The cleaning rules in force.
#[derive(Clone, Debug)]
pub struct Rules {
    source: RuleSource,
    compiled: Compiled,
}

impl Default for Rules {
    /// The built-in rules.
    fn default() -> Self {
        Rules::builtin()
    }
}

impl Rules {
    /// The built-in rules (`data/boilerplate.txt`).
    pub fn builtin() -> Rules {
        Rules {
            source: rules::builtin_source().clone(),
            compiled: rules::builtin_compiled().clone(),
        }
    }

    /// The built-in rules plus a user's rules file (`--boilerplate FILE`), in the same format.
    pub fn with_user_file(path: &Path) -> Result<Rules> {
        Rules::builtin().extended(rules::read_user_file(path)?)
    }

    /// The built-in rules plus rules given as text; `origin` names them in errors.
    pub fn with_user_text(text: &str, origin: &str) -> Result<Rules> {
        Rules::builtin().extended(RuleSource::parse(text, origin)?)
    }

    /// Adds a user's rules file (`--boilerplate FILE`) to these rules.
    pub fn extend_from_file(&mut self, path: &Path) -> Result<()> {
        let more = rules::read_user_file(path)?;
        *self = self.clone().extended(more)?;
        Ok(())
    }

    fn extended(self, more: RuleSource) -> Result<Rules> {
        let mut source = self.source;
        source.extend(more);
        let compiled = source.compile()?;
        Ok(Rules { source, compiled })
    }

    /// The outlet a cue in `text` names (`/TASS/`, `(IANS)`, `Xinhua,` at a line's start).
    pub fn outlet_cue_in(&self, text: &str) -> Option<String> {
        self.compiled.outlet_cue_in(text)
    }
}

/// One line of the body: it starts at `start`; `next` is just after its line break.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    next: usize,
    /// The line without surrounding whitespace.
    content_start: usize,
    content_end: usize,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.content_start == self.content_end
    }
}

fn lines_of(text: &str, body: &Range<usize>) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut at = body.start;
    let Some(slice) = text.get(body.clone()) else {
        return lines;
    };
    for raw in slice.split_inclusive('\n') {
        let without_break = raw.trim_end_matches(['\n', '\r']);
        let leading = without_break.len() - without_break.trim_start().len();
        let content = without_break.trim();
        let content_start = at + leading;
        lines.push(Line {
            start: at,
            next: at + raw.len(),
            content_start,
            content_end: content_start + content.len(),
        });
        at += raw.len();
    }
    lines
}

/// Cleans one document.
pub fn clean(doc: &Document, rules: &Rules) -> Cleaned {
    Cleaner::new(doc, &rules.compiled).run()
}

struct Cleaner<'a> {
    text: &'a str,
    body: Range<usize>,
    known_title: Option<String>,
    rules: &'a Compiled,
    lines: Vec<Line>,
    marks: Vec<Option<String>>,
    removed: Vec<Removal>,
    /// The last line that is not blank.
    last_text_line: Option<usize>,
}

impl<'a> Cleaner<'a> {
    fn new(doc: &'a Document, rules: &'a Compiled) -> Self {
        let text = doc.text.as_str();
        let valid = doc.body.start <= doc.body.end
            && text.is_char_boundary(doc.body.start)
            && text.is_char_boundary(doc.body.end)
            && doc.body.end <= text.len();
        let body = if valid {
            doc.body.clone()
        } else {
            0..text.len()
        };
        let lines = lines_of(text, &body);
        let last_text_line = lines.iter().rposition(|l| !l.is_blank());
        Cleaner {
            last_text_line,
            text,
            marks: vec![None; lines.len()],
            lines,
            body,
            known_title: doc.meta.title.as_deref().map(normalise),
            rules,
            removed: Vec::new(),
        }
    }

    fn content(&self, i: usize) -> &'a str {
        let line = self.lines[i];
        self.text
            .get(line.content_start..line.content_end)
            .unwrap_or_default()
    }

    /// The first rule of an allowed zone that matches the whole line.
    fn line_rule(&self, content: &str, zones: &[Zone]) -> Option<String> {
        // One anchored regex at a time, stopping at the first hit: each gives up within a
        // few bytes on a body line, where a RegexSet of them all falls back to a slow NFA.
        // Rules whose required strings are not in the line are skipped, and never compiled.
        let possible = self.rules.possible_rules(content);
        self.rules
            .line_rules
            .iter()
            .filter(|&&r| possible.get(r).copied().unwrap_or(true))
            .filter_map(|&r| self.rules.rules.get(r))
            .filter(|rule| zones.contains(&rule.zone))
            .find(|rule| rule.is_match(content))
            .map(|rule| rule.reason.clone())
    }

    fn mark(&mut self, i: usize, reason: &str) {
        self.marks[i] = Some(reason.to_string());
    }

    fn has_text_after(&self, i: usize) -> bool {
        self.last_text_line.is_some_and(|last| i < last)
    }

    fn run(mut self) -> Cleaned {
        let mut cleaned = Cleaned::default();
        self.remove_header();
        let body_first = self.scan_head(&mut cleaned);
        let body_last = self.scan_tail(body_first);
        for i in body_first..body_last.min(self.lines.len()) {
            if self.marks[i].is_none() && !self.lines[i].is_blank() {
                if let Some(reason) = self.line_rule(self.content(i), &[Zone::Any]) {
                    self.mark(i, &reason);
                }
            }
        }
        for (i, mark) in self.marks.iter().enumerate() {
            if let Some(reason) = mark {
                let line = self.lines[i];
                self.removed
                    .push(removal(self.text, line.start..line.next, reason));
            }
        }
        let dateline_end = self.cut_dateline(body_first, body_last, &mut cleaned);
        self.cut_end_mark(body_first, body_last, dateline_end);
        self.removed.sort_by_key(|r| (r.start, r.end));
        cleaned.kept = self.kept();
        cleaned.date = self
            .removed
            .iter()
            .filter(|r| matches!(r.reason.as_str(), "dateline" | "timestamp" | "credit"))
            .find_map(|r| parse_date(&r.text));
        if cleaned.outlet_cue.is_none() {
            cleaned.outlet_cue = self
                .removed
                .iter()
                .filter(|r| r.reason == "credit")
                .find_map(|r| self.rules.outlet_cue_in(&r.text));
        }
        cleaned.removed = self.removed;
        cleaned
    }

    fn remove_header(&mut self) {
        let content_start = if self.text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        if self.body.start > content_start {
            self.removed
                .push(removal(self.text, content_start..self.body.start, "header"));
        }
    }

    /// Marks headline, standfirst and junk above the body; returns the body's first line.
    fn scan_head(&mut self, cleaned: &mut Cleaned) -> usize {
        let mut title: Option<String> = self.known_title.clone();
        let mut title_seen = false;
        let mut standfirst_seen = false;
        let mut i = 0;
        while i < self.lines.len() {
            if self.lines[i].is_blank() {
                i += 1;
                continue;
            }
            let content = self.content(i);
            if let Some(reason) = self.line_rule(content, &[Zone::Any, Zone::Head]) {
                self.mark(i, &reason);
                i += 1;
                continue;
            }
            // A dateline starts the body, an end mark closes it: neither is a headline.
            if self.dateline_at(content).is_some()
                || self.end_mark_at(content).is_some()
                || !self.has_text_after(i)
            {
                break;
            }
            // One word above the headline is a section label ("Politics", "World"): a
            // body never starts with one (a place alone is a dateline, tested above).
            if title.is_none() && is_section_label(content) {
                self.mark(i, "section");
                i += 1;
                continue;
            }
            let normalised = normalise(content);
            if title
                .as_deref()
                .is_some_and(|t| same_headline(t, &normalised))
            {
                self.mark(
                    i,
                    if title_seen {
                        "duplicate-title"
                    } else {
                        "title"
                    },
                );
                if !title_seen {
                    cleaned.title = Some(collapse(content));
                }
                title_seen = true;
            } else if title.is_none() && is_headline(content) {
                self.mark(i, "title");
                cleaned.title = Some(collapse(content));
                title = Some(normalised);
                title_seen = true;
            } else if title.is_some() && !standfirst_seen && self.is_standfirst(i, content) {
                self.mark(i, "standfirst");
                standfirst_seen = true;
            } else {
                break;
            }
            i += 1;
        }
        i
    }

    /// A summary line under the headline: no final period, or printed again in the body.
    fn is_standfirst(&self, i: usize, content: &str) -> bool {
        if is_headline(content) && content.split_whitespace().count() >= 4 {
            return true;
        }
        let core = content.trim_end_matches(['.', ' ']);
        core.len() >= 40
            && self
                .text
                .get(self.lines[i].next..self.body.end)
                .is_some_and(|rest| rest.contains(core))
    }

    /// Marks junk below the body; returns one past the body's last line.
    fn scan_tail(&mut self, body_first: usize) -> usize {
        let mut end = self.lines.len();
        while end > body_first + 1 {
            let i = end - 1;
            if self.lines[i].is_blank() {
                end -= 1;
                continue;
            }
            match self.line_rule(self.content(i), &[Zone::Any, Zone::Tail]) {
                Some(reason) => {
                    self.mark(i, &reason);
                    end -= 1;
                }
                None => break,
            }
        }
        end
    }

    /// The dateline match at the start of `content`: (match length, dateline text).
    fn dateline_at(&self, content: &str) -> Option<(usize, String)> {
        let possible = self.rules.possible_rules(content);
        self.rules
            .rules
            .iter()
            .zip(possible)
            .filter(|(r, possible)| *possible && r.zone == Zone::Dateline)
            .find_map(|(rule, _)| {
                let (whole, group) = rule.find_dateline(content)?;
                let whole_text = content.get(whole.range())?;
                if whole.start != 0 || whole_text.trim().is_empty() {
                    return None;
                }
                let shown = group
                    .and_then(|group| content.get(group.range()))
                    .unwrap_or(whole_text);
                Some((whole.end, collapse(shown)))
            })
    }

    /// An agency end mark at the end of `content`.
    fn end_mark_at(&self, content: &str) -> Option<regex_automata::Span> {
        let possible = self.rules.possible_rules(content);
        self.rules
            .rules
            .iter()
            .zip(possible)
            .filter(|(r, possible)| *possible && r.zone == Zone::End)
            .find_map(|(rule, _)| rule.find(content))
    }

    fn first_body_line(&self, from: usize, to: usize) -> Option<usize> {
        (from..to).find(|&i| self.marks[i].is_none() && !self.lines[i].is_blank())
    }

    fn cut_dateline(
        &mut self,
        body_first: usize,
        body_last: usize,
        cleaned: &mut Cleaned,
    ) -> usize {
        let Some(i) = self.first_body_line(body_first, body_last) else {
            return 0;
        };
        let line = self.lines[i];
        let content = self.content(i);
        let Some((length, dateline)) = self.dateline_at(content) else {
            return 0;
        };
        // A dateline alone on its line takes the line break with it.
        let end = if line.content_start + length >= line.content_end {
            line.next
        } else {
            line.content_start + length
        };
        self.removed
            .push(removal(self.text, line.content_start..end, "dateline"));
        cleaned.outlet_cue = self
            .rules
            .outlet_cue_in(&dateline)
            .or_else(|| unknown_agency(&dateline));
        cleaned.dateline = Some(dateline);
        end
    }

    fn cut_end_mark(&mut self, body_first: usize, body_last: usize, not_before: usize) {
        let Some(i) = (body_first..body_last)
            .rev()
            .find(|&i| self.marks[i].is_none() && !self.lines[i].is_blank())
        else {
            return;
        };
        let line = self.lines[i];
        let content = self.content(i);
        if let Some(m) = self.end_mark_at(content) {
            let start = line.content_start + m.start;
            if start >= not_before && m.start > 0 {
                self.removed
                    .push(removal(self.text, start..line.content_end, "end-mark"));
            }
        }
    }

    /// The body minus every removal, each piece trimmed of whitespace, empty pieces dropped.
    fn kept(&self) -> Vec<Range<usize>> {
        let mut kept = Vec::new();
        let mut at = self.body.start;
        let mut push = |range: Range<usize>| {
            let Some(piece) = self.text.get(range.clone()) else {
                return;
            };
            let start = range.start + (piece.len() - piece.trim_start().len());
            let end = range.start + piece.trim_end().len();
            if start < end {
                kept.push(start..end);
            }
        };
        for r in &self.removed {
            if r.end <= self.body.start || r.start >= self.body.end {
                continue;
            }
            let start = r.start.max(self.body.start);
            if start > at {
                push(at..start);
            }
            at = at.max(r.end.min(self.body.end));
        }
        if at < self.body.end {
            push(at..self.body.end);
        }
        kept
    }
}

fn removal(text: &str, range: Range<usize>, reason: &str) -> Removal {
    Removal {
        text: text.get(range.clone()).unwrap_or_default().to_string(),
        reason: reason.to_string(),
        start: range.start,
        end: range.end,
    }
}

/// A short line without a sentence's final punctuation: how headlines are printed.
fn is_headline(content: &str) -> bool {
    let words = content.split_whitespace().count();
    if !(2..=30).contains(&words) || content.len() > 250 {
        return false;
    }
    if content.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let mut chars = content.chars().rev();
    let Some(last) = chars.next() else {
        return false;
    };
    let closes_quote = matches!(last, '"' | '”' | '’' | '»' | ')' | '\'');
    let last_word_char = if closes_quote {
        chars.next()
    } else {
        Some(last)
    };
    match last_word_char {
        Some('.' | ',' | ';' | ':') => false,
        Some('!' | '?') if closes_quote => false,
        Some('!' | '?') => words <= 20,
        Some(_) => true,
        None => false,
    }
}

/// A single word without sentence punctuation.
fn is_section_label(content: &str) -> bool {
    content.split_whitespace().count() == 1
        && content.chars().count() <= 30
        && content.starts_with(|c: char| c.is_alphabetic())
        && !content.ends_with(['.', ',', ';', ':'])
}

/// A name in the dateline's last parentheses, for agencies the rules do not list.
fn unknown_agency(dateline: &str) -> Option<String> {
    let inner = dateline.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let name = inner.get(open + 1..)?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Whether two normalised lines are the same headline: equal, or one printed inside the
/// other ("Headline" and "Headline - Site name").
fn same_headline(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.split_whitespace().count() >= 3 && long.contains(short)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalise(text: &str) -> String {
    collapse(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Metadata;

    fn doc(text: &str) -> Document {
        Document {
            id: "s1".into(),
            path: "t.txt".into(),
            text: text.into(),
            body: 0..text.len(),
            encoding: "UTF-8".into(),
            meta: Metadata::default(),
        }
    }

    fn kept_text(d: &Document, c: &Cleaned) -> String {
        c.kept
            .iter()
            .map(|r| &d.text[r.clone()])
            .collect::<Vec<_>>()
            .join("|")
    }

    fn reasons(c: &Cleaned) -> Vec<&str> {
        c.removed.iter().map(|r| r.reason.as_str()).collect()
    }

    #[test]
    fn reuters_dateline_becomes_metadata_and_outlet_cue() {
        let d = doc("BEIRUT (Reuters) - Syrian forces advanced on Monday.\nMore text here.\n");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(c.dateline.as_deref(), Some("BEIRUT (Reuters)"));
        assert_eq!(c.outlet_cue.as_deref(), Some("Reuters"));
        assert_eq!(
            kept_text(&d, &c),
            "Syrian forces advanced on Monday.\nMore text here."
        );
    }

    #[test]
    fn xinhua_dateline_with_date_and_double_dash() {
        let d =
            doc("UNITED NATIONS, Oct 5 (Xinhua) -- The UN chief said on Monday that talks resume.");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(
            c.dateline.as_deref(),
            Some("UNITED NATIONS, Oct 5 (Xinhua)")
        );
        assert_eq!(c.outlet_cue.as_deref(), Some("Xinhua"));
        assert_eq!(
            kept_text(&d, &c),
            "The UN chief said on Monday that talks resume."
        );
    }

    #[test]
    fn ap_dateline_with_em_dash() {
        let d = doc("WASHINGTON (AP) — The Senate voted on Tuesday.");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(c.dateline.as_deref(), Some("WASHINGTON (AP)"));
        assert_eq!(c.outlet_cue.as_deref(), Some("AP"));
    }

    #[test]
    fn unlisted_agency_in_dateline_is_still_a_cue() {
        let d = doc("ANKARA (Zaman) - Turkish officials said on Friday that talks went well.");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(c.outlet_cue.as_deref(), Some("Zaman"));
    }

    #[test]
    fn first_body_sentence_is_not_taken_for_a_headline() {
        let d = doc("Russian Foreign Minister Sergei Lavrov said on Saturday that talks went well.\nHe added more.\n");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(c.title, None);
        assert!(c.removed.is_empty(), "{:?}", c.removed);
    }

    #[test]
    fn headline_then_standfirst_then_body() {
        let d = doc("Talks resume in Geneva\n\nEnvoy hopes for progress on a ceasefire deal\n\nGENEVA (AFP) - Talks resumed on Monday.\n");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(c.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(reasons(&c), ["title", "standfirst", "dateline"]);
        assert_eq!(kept_text(&d, &c), "Talks resumed on Monday.");
    }

    #[test]
    fn a_single_line_is_body_even_without_a_period() {
        let d = doc("Talks resume in Geneva");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(c.title, None);
        assert_eq!(kept_text(&d, &c), "Talks resume in Geneva");
    }

    #[test]
    fn quoted_headline_is_a_headline() {
        assert!(is_headline("Lavrov: \"We will not back down\""));
        assert!(!is_headline("He said: \"We will not back down.\""));
        assert!(!is_headline("the lower-case start of a wrapped sentence"));
    }

    #[test]
    fn reporting_credit_and_end_mark_at_the_bottom() {
        let d = doc("Body sentence one. Body sentence two. (END)\n\n(Reporting by Jane Doe; Editing by John Roe)\n");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(reasons(&c), ["end-mark", "credit"]);
        assert_eq!(kept_text(&d, &c), "Body sentence one. Body sentence two.");
    }

    #[test]
    fn user_rules_add_to_builtin() {
        let rules =
            Rules::with_user_text("[rules]\npromo any ^Subscribe to our channel$\n", "mine")
                .unwrap();
        let d = doc("Body sentence one.\nSubscribe to our channel\nBody sentence two.\n");
        let c = clean(&d, &rules);
        assert_eq!(reasons(&c), ["promo"]);
        assert_eq!(kept_text(&d, &c), "Body sentence one.|Body sentence two.");
    }

    #[test]
    fn header_is_recorded_and_title_from_header_is_not_body() {
        let text = "title: Talks resume\n---\nTalks resume\n\nThe talks resumed on Monday.\n";
        let mut d = doc(text);
        d.body = text.find("---\n").unwrap() + 4..text.len();
        d.meta.title = Some("Talks resume".into());
        let c = clean(&d, &Rules::builtin());
        assert_eq!(reasons(&c), ["header", "title"]);
        assert_eq!(kept_text(&d, &c), "The talks resumed on Monday.");
    }

    #[test]
    fn ap_story_loses_byline_date_separator_and_contributor_line() {
        let d = doc(
            "US, Russia agree on Syria truce terms\nBy MATTHEW LEE\nFebruary 22, 2016\n\
            WASHINGTON (AP) — The United States and Russia announced a truce on Monday.\n\
            The deal takes effect on Saturday.\n___\n\
            Associated Press writer Vladimir Isachenkov in Moscow contributed to this report.\n\
            Copyright 2016 The Associated Press. All rights reserved.\n",
        );
        let c = clean(&d, &Rules::builtin());
        assert_eq!(
            c.title.as_deref(),
            Some("US, Russia agree on Syria truce terms")
        );
        assert_eq!(c.date.as_deref(), Some("2016-02-22"));
        assert_eq!(
            reasons(&c),
            [
                "title",
                "byline",
                "timestamp",
                "dateline",
                "separator",
                "credit",
                "credit"
            ]
        );
        assert_eq!(
            kept_text(&d, &c),
            "The United States and Russia announced a truce on Monday.\nThe deal takes effect on Saturday."
        );
    }

    #[test]
    fn al_jazeera_story_loses_standfirst_stamp_and_source_line() {
        let d = doc("Russia and US agree Syria ceasefire\n\nDeal excludes ISIL and al-Nusra Front fighters\n\n\
            Published On 22 Feb 2016\n\nThe US and Russia have agreed on a ceasefire in Syria.\n\n\
            Source: Al Jazeera and news agencies\n");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(reasons(&c), ["title", "standfirst", "timestamp", "credit"]);
        assert_eq!(c.date.as_deref(), Some("2016-02-22"));
        assert_eq!(
            kept_text(&d, &c),
            "The US and Russia have agreed on a ceasefire in Syria."
        );
    }

    #[test]
    fn cgtn_and_press_tv_stamps_with_times_first_or_weekdays() {
        let d = doc("Updated 18:37, 01-Mar-2016\nSat Mar 26, 2016 4:51PM\nHome / Middle East\nThe talks went on.\n");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(reasons(&c), ["timestamp", "timestamp", "navigation"]);
        assert_eq!(c.date.as_deref(), Some("2016-03-01"));
    }

    #[test]
    fn reuters_staff_byline_and_read_time_do_not_hide_the_dateline() {
        let d = doc(
            "Syria's Assad says ready for talks\nReuters Staff\n3 Min Read\n\
            BEIRUT (Reuters) - Syrian President Bashar al-Assad said he was ready.\n",
        );
        let c = clean(&d, &Rules::builtin());
        assert_eq!(reasons(&c), ["title", "byline", "navigation", "dateline"]);
        assert_eq!(c.outlet_cue.as_deref(), Some("Reuters"));
    }

    #[test]
    fn ians_closing_marks_are_removed() {
        let d = doc(
            "New Delhi, May 10 (IANS) India said on Tuesday it backs the talks.\n--IANS\nksk/ash\n",
        );
        let c = clean(&d, &Rules::builtin());
        assert_eq!(reasons(&c), ["dateline", "end-mark", "sign-off"]);
        assert_eq!(
            kept_text(&d, &c),
            "India said on Tuesday it backs the talks."
        );
    }

    #[test]
    fn section_label_and_yearless_stamp_above_a_tass_story() {
        let d = doc(
            "Politics\n\nMarch 6, 21:17 UTC+3\n\nLavrov, Kerry note progress\n\n\
            MOSCOW, March 6. /TASS/. Lavrov and Kerry spoke.\n",
        );
        let c = clean(&d, &Rules::builtin());
        assert_eq!(reasons(&c), ["section", "timestamp", "title", "dateline"]);
    }

    #[test]
    fn rt_published_and_edited_stamp_is_one_line() {
        let d = doc(
            "Published time: 1 Mar, 2016 18:37 Edited time: 2 Mar, 2016 07:05\nBody text here.\n",
        );
        let c = clean(&d, &Rules::builtin());
        assert_eq!(reasons(&c), ["timestamp"]);
        assert_eq!(c.date.as_deref(), Some("2016-03-01"));
    }

    #[test]
    fn place_alone_on_the_first_body_line_is_a_dateline() {
        let d = doc("Turkey shells Kurdish positions\n\nANKARA\nTurkish artillery shelled positions on Sunday.\n");
        let c = clean(&d, &Rules::builtin());
        assert_eq!(c.dateline.as_deref(), Some("ANKARA"));
        assert_eq!(
            kept_text(&d, &c),
            "Turkish artillery shelled positions on Sunday."
        );
    }

    #[test]
    fn headline_with_site_suffix_matches_known_title() {
        let mut d = doc("Talks resume in Geneva - Example News\n\nThe talks resumed on Monday.\n");
        d.meta.title = Some("Talks resume in Geneva".into());
        let c = clean(&d, &Rules::builtin());
        assert_eq!(reasons(&c), ["title"]);
    }

    #[test]
    fn many_repeated_headlines_clean_in_linear_time() {
        let text = "Same headline here\n".repeat(20_000) + "Body sentence.\n";
        let c = clean(&doc(&text), &Rules::builtin());
        assert_eq!(c.removed.len(), 20_000);
    }

    #[test]
    fn kept_ranges_never_split_a_character() {
        let d = doc("«Заголовок новости»\n\nМОСКВА, 6 марта. /ТАСС/. Текст статьи.\n");
        let c = clean(&d, &Rules::builtin());
        for r in &c.kept {
            assert!(d.text.is_char_boundary(r.start) && d.text.is_char_boundary(r.end));
        }
    }
}
