//! The terminal report: the default output of `claimdiff compare`.
//!
//! Sections, in reading order: the sources (one line each), the claims told by several
//! outlets (most outlets first) with each outlet's version against the base version, the
//! claims only one outlet tells, a coverage grid (claim × outlet) and a summary per outlet.
//!
//! Differences are marked in text as well as in colour, so the report reads the same when
//! piped, printed or seen without colour: `[-only in the base-]`, `{+only in this
//! version+}`, `[>moved from here<]`, `{>moved to here<}`. Colour, when on, adds
//! strikethrough for deletions and bold for insertions, so no difference depends on telling
//! red from green. Lines wrap on word boundaries at [`ReportOptions::width`] columns,
//! measured in display width; no escape sequence ever spans a line break. Article text goes
//! through [`sanitize_for_terminal`] word by word as it is laid out, so no control
//! character or escape sequence from an article reaches the terminal.

mod layout;
mod side_by_side;

use std::collections::BTreeMap;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::model::{ClaimGroup, FramingTag, Source, TagKind};
use crate::pipeline::Comparison;
use crate::render::escape::sanitize_for_terminal;
use crate::render::markup::{self, Mark, Run, ShortTag};
use crate::render::ReportOptions;

/// Widest outlet column; longer names are cut.
const MAX_OUTLET_COLUMN: usize = 14;
/// Terms listed in a similarity reason.
const REASON_TERMS: usize = 5;

use layout::{blank, cut_to_width, outlet_cell, piece, style_of, words, Painter, Style, Unit};
pub use side_by_side::write_side_by_side;

/// Writes the terminal report of a comparison.
pub fn write_report(
    out: &mut dyn Write,
    comparison: &Comparison,
    options: &ReportOptions,
) -> io::Result<()> {
    let report = Report::new(comparison, options);
    report.summary(out)?;
    report.source_lines(out)?;
    report.headlines(out)?;
    report.legend(out)?;
    // The claims and the claims only one outlet tells are most of the report: laid out
    // in parallel, each into its own buffer, and written in order.
    let sections: Vec<Option<(usize, &ClaimGroup)>> = report
        .order
        .iter()
        .enumerate()
        .map(|(number, group)| Some((number + 1, *group)))
        .chain([None])
        .collect();
    let laid_out = crate::parallel::map_slice(&sections, |section| {
        let mut text = Vec::new();
        match section {
            Some((number, group)) => report.group(&mut text, *number, group)?,
            None => report.only_in(&mut text)?,
        }
        Ok::<_, io::Error>(text)
    });
    for text in laid_out {
        out.write_all(&text?)?;
    }
    report.coverage(out)?;
    report.outlets(out)?;
    report.notes(out)
}

/// Writes two outlets of a comparison side by side: each claim either tells, in two
/// columns, with the differences marked when one of them is the claim's base version.
///
/// `left` and `right` index into `comparison.sources`; an index out of range writes
/// One report being written: the comparison, the painter and the reading order.
struct Report<'a> {
    comparison: &'a Comparison,
    painter: Painter,
    order: Vec<&'a ClaimGroup>,
    numbers: BTreeMap<usize, usize>,
    unmatched: Vec<(usize, Vec<usize>)>,
    outlet_column: usize,
}

impl<'a> Report<'a> {
    fn new(comparison: &'a Comparison, options: &ReportOptions) -> Self {
        let order = markup::group_order(comparison);
        let numbers = markup::claim_numbers(&order);
        let outlet_column = comparison
            .sources
            .iter()
            .map(|s| sanitize_for_terminal(s.display_name()).width())
            .max()
            .unwrap_or(4)
            .clamp(4, MAX_OUTLET_COLUMN);
        Report {
            comparison,
            painter: Painter {
                color: options.color,
                width: options.width.max(20),
            },
            order,
            numbers,
            unmatched: markup::unmatched_by_source(comparison),
            outlet_column,
        }
    }

    fn sources(&self) -> &[Source] {
        &self.comparison.sources
    }

    fn plain(&self, at: crate::model::SentenceRef) -> Vec<Run> {
        markup::plain_runs(markup::sentence_text(self.sources(), at))
    }

    /// The hanging indent of text beside the outlet column.
    fn text_indent(&self) -> usize {
        2 + self.outlet_column + 2
    }

    fn summary(&self, out: &mut dyn Write) -> io::Result<()> {
        let c = self.comparison;
        let unmatched: usize = self.unmatched.iter().map(|(_, v)| v.len()).sum();
        let text = format!(
            "{} articles compared: {} {} told by more than one outlet, {} {} told by one outlet only.",
            c.sources.len(),
            c.alignment.groups.len(),
            plural(c.alignment.groups.len(), "claim", "claims"),
            unmatched,
            plural(unmatched, "sentence", "sentences"),
        );
        let p = &self.painter;
        p.write_lines(out, &p.wrap(&words(&text, Style::Plain), &[], 0, p.width))
    }

    /// One line per source: outlet, date, sentences, title (cut to the line).
    fn source_lines(&self, out: &mut dyn Write) -> io::Result<()> {
        let p = &self.painter;
        p.heading(out, "Sources")?;
        let count_width = self
            .sources()
            .iter()
            .map(|s| s.sentences.len().to_string().len())
            .max()
            .unwrap_or(1);
        for source in self.sources() {
            let lead = format!(
                "  {}  {:<10}  {:>count_width$} sent.  ",
                outlet_cell(source.display_name(), self.outlet_column),
                sanitize_for_terminal(source.date.as_deref().unwrap_or("no date")),
                source.sentences.len(),
            );
            let room = p.width.saturating_sub(lead.width());
            let title = match &source.title {
                // Too narrow for a useful title: leave it to the claims.
                _ if room < 8 => String::new(),
                Some(t) => cut_to_width(&sanitize_for_terminal(t), room),
                None => cut_to_width(&sanitize_for_terminal(&source.path), room),
            };
            let title_style = if source.title.is_some() {
                Style::Plain
            } else {
                Style::Dim
            };
            writeln!(
                out,
                "{}{}",
                p.paint(Style::Plain, &lead),
                p.paint(title_style, &title)
            )?;
        }
        Ok(())
    }

    /// The titles in full, when two or more sources have one: headlines frame a story
    /// as much as any sentence.
    fn headlines(&self, out: &mut dyn Write) -> io::Result<()> {
        let Some(row) = &self.comparison.alignment.titles else {
            return Ok(());
        };
        let p = &self.painter;
        let sources = self.sources();
        p.heading(out, "Headlines")?;
        for &(source, score) in &row.members {
            let Some(title) = sources.get(source).and_then(|s| s.title.as_deref()) else {
                continue;
            };
            let lead = vec![piece(
                Style::Outlet,
                format!(
                    "  {}  ",
                    outlet_cell(markup::outlet_name(sources, source), self.outlet_column)
                ),
            )];
            let mut units = p.text_units(title, Style::Plain);
            if source != row.pivot {
                units.push(Unit {
                    pieces: vec![piece(Style::Dim, format!("(similarity {score:.2})"))],
                    space_before: true,
                });
            }
            p.write_lines(out, &p.wrap(&units, &lead, self.text_indent(), p.width))?;
        }
        Ok(())
    }

    fn legend(&self, out: &mut dyn Write) -> io::Result<()> {
        let p = &self.painter;
        // A sample is one unit, so a marked phrase never breaks across lines.
        let sample = |mark: Mark, text: &str, after: &str| {
            let (open, close) = p.markers(mark);
            Unit {
                pieces: vec![
                    piece(style_of(mark), format!("{open}{text}{close}")),
                    piece(Style::Plain, after),
                ],
                space_before: true,
            }
        };
        let mut units = words(
            "Each claim shows its base version, then every other outlet's version against it:",
            Style::Plain,
        );
        units.push(sample(Mark::Deleted, "only in the base", ","));
        units.push(sample(Mark::Inserted, "only in this version", ","));
        units.push(sample(Mark::MovedFrom, "moved from", ","));
        units.push(sample(Mark::MovedTo, "moved to", "."));
        if p.color {
            units.push(sample(Mark::Framed, "Underlined", ":"));
            units.extend(words("words a framing tag points at.", Style::Plain));
        }
        units.extend(words(
            &format!(
                "Versions sharing under {}% of their words with the base are shown as written.",
                markup::percent(markup::INLINE_DIFF_MIN_RATIO)
            ),
            Style::Plain,
        ));
        writeln!(out)?;
        p.write_lines(out, &p.wrap(&units, &[], 0, p.width))
    }

    fn group(&self, out: &mut dyn Write, number: usize, group: &ClaimGroup) -> io::Result<()> {
        let p = &self.painter;
        let sources = self.sources();
        let base = markup::outlet_name(sources, group.pivot.source);
        p.heading(
            out,
            &format!(
                "Claim {number} · told by {} outlets · base: {}",
                group.members.len(),
                base
            ),
        )?;
        let diff = self.comparison.diff_of(group);
        // The base first, then the others in source order.
        let mut members: Vec<_> = group.members.iter().collect();
        members.sort_by_key(|m| (m.at != group.pivot, m.at.source));
        for member in members {
            let lead = vec![piece(
                Style::Outlet,
                format!(
                    "  {}  ",
                    outlet_cell(
                        markup::outlet_name(sources, member.at.source),
                        self.outlet_column
                    )
                ),
            )];
            let indent = self.text_indent();
            if member.at == group.pivot {
                let runs = diff
                    .and_then(|d| markup::framed_pivot_runs(sources, d))
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| self.plain(member.at));
                let units = p.units(&runs);
                p.write_lines(out, &p.wrap(&units, &lead, indent, p.width))?;
                continue;
            }
            let member_diff = markup::member_diff(diff, member.at);
            let inline = member_diff.filter(|d| d.ratio >= markup::INLINE_DIFF_MIN_RATIO);
            let runs = match (inline, member_diff) {
                (Some(d), _) => markup::inline_runs(sources, d),
                (None, Some(d)) => Some(markup::framed_member_runs(sources, d))
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| self.plain(member.at)),
                (None, None) => self.plain(member.at),
            };
            if inline.is_some() && runs.iter().all(|r| r.mark == Mark::Plain) {
                // Repeating a sentence word for word would hide that it is a repeat.
                let units = words("(the same words as the base)", Style::Dim);
                p.write_lines(out, &p.wrap(&units, &lead, indent, p.width))?;
            } else {
                p.write_lines(out, &p.wrap(&p.units(&runs), &lead, indent, p.width))?;
            }
            // Why it is in the group.
            let mut reason = format!("similarity {:.2}", member.score);
            if let Some(d) = member_diff {
                reason.push_str(&format!(
                    ", {}% of words in common",
                    markup::percent(d.ratio)
                ));
            }
            let terms = markup::shared_terms(group, member.at, REASON_TERMS);
            let mut units = words(&reason, Style::Dim);
            if !terms.is_empty() {
                if let Some(last) = units.last_mut() {
                    last.pieces.push(piece(Style::Dim, ";"));
                }
                units.extend(words("shared:", Style::Dim));
                let count = terms.len();
                for (i, term) in terms.iter().enumerate() {
                    let mut unit = self.painter.text_units(term, Style::Plain);
                    if i + 1 < count {
                        if let Some(last) = unit.last_mut() {
                            last.pieces.push(piece(Style::Plain, ","));
                        }
                    }
                    units.extend(unit);
                }
            }
            p.write_lines(out, &p.wrap(&units, &[blank(indent)], indent, p.width))?;
            if let Some(d) = member_diff {
                self.tag_lines(out, &d.tags, indent)?;
                if let Some(fallback) = &d.fallback {
                    let units = self
                        .painter
                        .text_units(&format!("note: {fallback}"), Style::Dim);
                    p.write_lines(out, &p.wrap(&units, &[blank(indent)], indent, p.width))?;
                }
            }
        }
        if let Some(d) = diff {
            self.group_tag_lines(out, &d.tags)?;
        }
        Ok(())
    }

    /// A member's tags, one line per kind: `[naming] “Islamic State” ↔ “Daesh”`.
    fn tag_lines(&self, out: &mut dyn Write, tags: &[FramingTag], indent: usize) -> io::Result<()> {
        let p = &self.painter;
        for (kind, items) in markup::short_tags(tags) {
            let mut units = vec![Unit {
                pieces: vec![piece(Style::Tag, format!("[{}]", kind.as_str()))],
                space_before: true,
            }];
            let count = items.len();
            for (i, item) in items.iter().enumerate() {
                let mut item_units = self.short_tag_units(item);
                if i + 1 < count {
                    if let Some(last) = item_units.last_mut() {
                        last.pieces.push(piece(Style::Plain, ";"));
                    }
                }
                units.extend(item_units);
            }
            let lead = vec![piece(Style::Plain, " ".repeat(indent))];
            let hang = indent + kind.as_str().len() + 3;
            p.write_lines(out, &p.wrap(&units, &lead, hang, p.width))?;
        }
        Ok(())
    }

    /// `“here” ↔ “there”`, `{+here+}` or `[-there-]`.
    fn short_tag_units(&self, item: &ShortTag) -> Vec<Unit> {
        let p = &self.painter;
        let quoted = |text: &str| {
            let mut units = self.painter.text_units(text, Style::Plain);
            if let Some(first) = units.first_mut() {
                first.pieces.insert(0, piece(Style::Plain, "“"));
            }
            if let Some(last) = units.last_mut() {
                last.pieces.push(piece(Style::Plain, "”"));
            }
            units
        };
        match (item.here.is_empty(), item.there.is_empty()) {
            (false, false) => {
                let mut units = quoted(&item.here);
                for also in &item.also {
                    if let Some(last) = units.last_mut() {
                        last.pieces.push(piece(Style::Plain, ","));
                    }
                    units.extend(quoted(also));
                }
                units.push(Unit {
                    pieces: vec![piece(Style::Plain, "↔")],
                    space_before: true,
                });
                let count = item.there.len();
                for (i, there) in item.there.iter().enumerate() {
                    let mut q = quoted(there);
                    if i + 1 < count {
                        if let Some(last) = q.last_mut() {
                            last.pieces.push(piece(Style::Plain, ","));
                        }
                    }
                    units.extend(q);
                }
                units
            }
            (false, true) => p.units(&[Run {
                mark: Mark::Inserted,
                words: markup::plain_runs(&item.here)
                    .into_iter()
                    .flat_map(|r| r.words)
                    .collect(),
            }]),
            (true, false) => p.units(&[Run {
                mark: Mark::Deleted,
                words: item
                    .there
                    .iter()
                    .flat_map(|t| markup::plain_runs(t))
                    .flat_map(|r| r.words)
                    .collect(),
            }]),
            (true, true) => Vec::new(),
        }
    }

    /// Tags between any two members (conflicting numbers and dates, reuse), with outlets.
    fn group_tag_lines(&self, out: &mut dyn Write, tags: &[FramingTag]) -> io::Result<()> {
        if tags.is_empty() {
            return Ok(());
        }
        let p = &self.painter;
        let sources = self.sources();
        let indent = self.text_indent();
        let lead = vec![piece(
            Style::Outlet,
            // "Between" (outlets) when the column holds it, else an arrow.
            format!(
                "  {}  ",
                outlet_cell(
                    if self.outlet_column >= "Between".len() {
                        "Between"
                    } else {
                        "↔"
                    },
                    self.outlet_column
                )
            ),
        )];
        let mut first = true;
        for kind in TagKind::ALL {
            let of_kind: Vec<&FramingTag> = tags.iter().filter(|t| t.kind == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            let mut units = vec![Unit {
                pieces: vec![piece(Style::Tag, format!("[{}]", kind.as_str()))],
                space_before: true,
            }];
            let count = of_kind.len();
            for (i, tag) in of_kind.iter().enumerate() {
                let side = |name: &str, text: &str| {
                    let mut u = words(&sanitize_for_terminal(name), Style::Outlet);
                    if kind == TagKind::Reuse {
                        // The sentences are shown above; the outlets say who repeats whom.
                        return u;
                    }
                    let mut q = self.painter.text_units(text, Style::Plain);
                    if let Some(f) = q.first_mut() {
                        f.pieces.insert(0, piece(Style::Plain, "“"));
                    }
                    if let Some(l) = q.last_mut() {
                        l.pieces.push(piece(Style::Plain, "”"));
                    }
                    u.extend(q);
                    u
                };
                units.extend(side(
                    markup::outlet_name(sources, tag.member.at.source),
                    &tag.member.text,
                ));
                if let Some(c) = &tag.counterpart {
                    units.push(Unit {
                        pieces: vec![piece(Style::Plain, "↔")],
                        space_before: true,
                    });
                    units.extend(side(markup::outlet_name(sources, c.at.source), &c.text));
                }
                if i + 1 < count {
                    if let Some(last) = units.last_mut() {
                        last.pieces.push(piece(Style::Plain, ";"));
                    }
                }
            }
            let this_lead = if first {
                lead.clone()
            } else {
                vec![piece(Style::Plain, " ".repeat(indent))]
            };
            first = false;
            let hang = indent + kind.as_str().len() + 3;
            p.write_lines(out, &p.wrap(&units, &this_lead, hang, p.width))?;
        }
        Ok(())
    }

    fn only_in(&self, out: &mut dyn Write) -> io::Result<()> {
        for (source, sentences) in &self.unmatched {
            self.only_in_source(out, *source, sentences)?;
        }
        Ok(())
    }

    /// The sentences of one outlet that no other outlet tells, numbered as in the article.
    fn only_in_source(
        &self,
        out: &mut dyn Write,
        source: usize,
        sentences: &[usize],
    ) -> io::Result<()> {
        let p = &self.painter;
        let Some(src) = self.sources().get(source) else {
            return Ok(());
        };
        p.heading(
            out,
            &format!(
                "Only in {} · {} of {} sentences",
                src.display_name(),
                sentences.len(),
                src.sentences.len()
            ),
        )?;
        let number_width = src.sentences.len().to_string().len();
        for &index in sentences {
            let Some(sentence) = src.sentences.get(index) else {
                continue;
            };
            let lead = vec![piece(
                Style::Dim,
                format!("  {:>number_width$}  ", index + 1),
            )];
            let units = self.painter.text_units(&sentence.text, Style::Plain);
            p.write_lines(out, &p.wrap(&units, &lead, number_width + 4, p.width))?;
        }
        Ok(())
    }

    /// Claim × outlet: which outlet tells which claim.
    fn coverage(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.order.is_empty() {
            return Ok(());
        }
        let p = &self.painter;
        let sources = self.sources();
        p.heading(
            out,
            "Coverage · ✓ the outlet tells the claim, · it does not",
        )?;
        let number_width = self.order.len().to_string().len();
        // Columns as wide as the names, cut until the claims keep some room.
        let cut_names = |max: usize| -> Vec<String> {
            sources
                .iter()
                .map(|s| cut_to_width(&sanitize_for_terminal(s.display_name()), max))
                .collect()
        };
        let fixed = number_width + 4;
        let grid = |names: &[String]| -> usize { names.iter().map(|n| n.width().max(1) + 2).sum() };
        let mut max_name = (p.width / 2 / sources.len().max(1)).max(3);
        let mut names = cut_names(max_name);
        while max_name > 3 && fixed + grid(&names) + 8 > p.width {
            max_name -= 1;
            names = cut_names(max_name);
        }
        let label_width = p.width.saturating_sub(fixed + grid(&names)).max(4);
        let mut header = " ".repeat(2 + number_width + 2 + label_width);
        for name in &names {
            header.push_str("  ");
            header.push_str(&p.paint(Style::Outlet, name));
        }
        writeln!(out, "{}", header.trim_end())?;
        for (i, group) in self.order.iter().enumerate() {
            let label = cut_to_width(
                &sanitize_for_terminal(markup::sentence_text(sources, group.pivot)),
                label_width,
            );
            let mut line = format!(
                "  {:>number_width$}  {label}{}",
                i + 1,
                " ".repeat(label_width.saturating_sub(label.width()))
            );
            for (s, name) in names.iter().enumerate() {
                let w = name.width().max(1);
                let (mark, style) = if markup::carries(group, s) {
                    ("✓", Style::Inserted)
                } else {
                    ("·", Style::Dim)
                };
                let left = (w - 1) / 2;
                line.push_str("  ");
                line.push_str(&" ".repeat(left));
                line.push_str(&p.paint(style, mark));
                line.push_str(&" ".repeat(w - 1 - left));
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// One short paragraph per outlet from its profile.
    fn outlets(&self, out: &mut dyn Write) -> io::Result<()> {
        let p = &self.painter;
        p.heading(out, "Outlets")?;
        let total = self.comparison.alignment.groups.len();
        for profile in &self.comparison.profiles {
            let mut parts = vec![format!(
                "tells {} of {} shared claims;",
                profile.claims_covered, total
            )];
            parts.push(format!(
                "{} of {} sentences only here;",
                profile.claims_only_here.len(),
                profile.sentences
            ));
            if !profile.claims_omitted.is_empty() {
                parts.push(format!(
                    "leaves out claims {} that most others tell;",
                    markup::claim_list(&profile.claims_omitted, &self.numbers)
                ));
            }
            let lede = markup::lede_claims(profile, &self.numbers);
            if !lede.is_empty() {
                parts.push(format!(
                    "opens with claim {};",
                    lede.iter()
                        .map(usize::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            parts.push(format!(
                "attributes {} of {} sentences",
                profile.attributed_sentences, profile.sentences
            ));
            let verbs = markup::verb_list(profile);
            if verbs.is_empty() {
                if let Some(last) = parts.last_mut() {
                    last.push(';');
                }
            } else {
                if let Some(last) = parts.last_mut() {
                    last.push_str(&format!(
                        " ({});",
                        verbs
                            .iter()
                            .map(|(v, n)| format!("{} {n}", sanitize_for_terminal(v)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
            let tags = markup::tag_count_list(profile);
            if tags.is_empty() {
                parts.push("no framing tags.".into());
            } else {
                parts.push(format!(
                    "tags: {}.",
                    tags.iter()
                        .map(|(k, n)| format!("{} {n}", k.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if !profile.reuse.is_empty() {
                parts.push(format!(
                    "{} {} nearly word for word from another outlet.",
                    profile.reuse.len(),
                    plural(profile.reuse.len(), "sentence repeats", "sentences repeat")
                ));
            }
            let lead = vec![piece(
                Style::Outlet,
                format!("  {}  ", outlet_cell(&profile.outlet, self.outlet_column)),
            )];
            let units = words(&parts.join(" "), Style::Plain);
            p.write_lines(out, &p.wrap(&units, &lead, self.text_indent(), p.width))?;
        }
        Ok(())
    }

    fn notes(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.comparison.warnings.is_empty() {
            return Ok(());
        }
        let p = &self.painter;
        p.heading(out, "Notes")?;
        for warning in &self.comparison.warnings {
            let units = self.painter.text_units(warning, Style::Plain);
            let lead = vec![piece(Style::Dim, "  - ")];
            p.write_lines(out, &p.wrap(&units, &lead, 4, p.width))?;
        }
        Ok(())
    }
}

fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::boilerplate::Rules;
    use crate::model::{Document, Metadata, OutletFrom};
    use crate::pipeline::{compare_sources, prepare, CompareOptions};

    /// Two short articles from the TASS seed's sentences, the second reworded by hand the
    /// way another outlet would.
    fn comparison() -> Comparison {
        let texts = [
            ("TASS", "This does not cover terrorist groups such as Islamic State and Jabhat al-Nusra, both outlawed in Russia, and other groups recognized as terrorist by the United Nations Security Council.\n\nThe document was initiated by Russia and the United States and won support from all the 15 members of the United Nations Security Council.\n"),
            ("Other", "This does not cover terrorist groups such as Daesh and Jabhat al-Nusra, and other groups recognized as terrorist by the United Nations Security Council.\n\nLavrov and Kerry also discussed the conflict in Yemen.\n"),
        ];
        let sources = texts
            .iter()
            .enumerate()
            .map(|(i, (outlet, text))| {
                prepare(
                    Document {
                        id: format!("s{}", i + 1),
                        path: format!("{outlet}.txt"),
                        text: text.to_string(),
                        body: 0..text.len(),
                        encoding: "UTF-8".into(),
                        meta: Metadata {
                            outlet: Some(outlet.to_string()),
                            outlet_from: Some(OutletFrom::Header),
                            ..Metadata::default()
                        },
                    },
                    &Rules::builtin(),
                    true,
                )
            })
            .collect();
        compare_sources(sources, &CompareOptions::default()).expect("two sources")
    }

    fn report(color: bool, width: usize) -> String {
        let mut out = Vec::new();
        write_report(&mut out, &comparison(), &ReportOptions { color, width }).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn close_versions_are_shown_as_an_inline_diff_with_text_markers() {
        let text = report(false, 80);
        assert!(text.contains("[-Islamic State-]"), "{text}");
        assert!(text.contains("{+Daesh+}"), "{text}");
        assert!(text.contains("[-both outlawed in Russia,-]"), "{text}");
        assert!(text.contains("[naming]"), "{text}");
    }

    #[test]
    fn colour_replaces_the_markers_with_strikethrough_and_bold() {
        let text = report(true, 80);
        assert!(!text.contains("[-Islamic"), "{text}");
        assert!(
            text.contains("\u{1b}[9;31mIslamic State\u{1b}[0m"),
            "{text}"
        );
        assert!(text.contains("\u{1b}[1;36mDaesh\u{1b}[0m"), "{text}");
    }

    #[test]
    fn claims_only_one_outlet_tells_are_listed_under_it() {
        let text = report(false, 80);
        assert!(text.contains("Only in Other · 1 of 2 sentences"), "{text}");
        assert!(text.contains("Lavrov and Kerry also discussed the conflict in Yemen."));
    }

    fn painter(color: bool) -> Painter {
        Painter { color, width: 30 }
    }

    #[test]
    fn wrapping_keeps_to_the_width_and_hangs_the_indent() {
        let p = painter(false);
        let units = p.text_units(
            "Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry",
            Style::Plain,
        );
        let lines = p.wrap(&units, &[blank(6)], 6, 30);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.text.width() <= 30, "{:?}", line.text);
            assert!(line.text.starts_with("      "), "{:?}", line.text);
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let p = painter(false);
        let units = p.text_units(&"x".repeat(70), Style::Plain);
        let lines = p.wrap(&units, &[], 0, 30);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| l.text.width() <= 30));
    }

    #[test]
    fn wide_characters_count_double() {
        let p = painter(false);
        let units = p.text_units("東京 東京 東京 東京 東京 東京 東京 東京", Style::Plain);
        for line in p.wrap(&units, &[], 0, 12) {
            assert!(line.text.width() <= 12, "{:?}", line.text);
        }
    }

    #[test]
    fn styles_never_span_a_line_break() {
        let p = painter(true);
        let runs = markup::plain_runs("one two three four five six seven eight nine ten");
        let runs: Vec<Run> = runs
            .into_iter()
            .map(|r| Run {
                mark: Mark::Deleted,
                ..r
            })
            .collect();
        let lines = p.wrap(&p.units(&runs), &[], 0, 20);
        assert!(lines.len() > 1);
        for line in lines {
            assert!(line.text.starts_with("\u{1b}[9;31m"), "{:?}", line.text);
            assert!(line.text.ends_with("\u{1b}[0m"), "{:?}", line.text);
        }
    }

    #[test]
    fn article_control_characters_never_reach_the_output() {
        let p = painter(false);
        let units = p.text_units("a\u{1b}[2Jb \u{1b}]0;title\u{7}c", Style::Plain);
        let lines = p.wrap(&units, &[], 0, 30);
        assert_eq!(lines[0].text, "ab c");
    }
}
