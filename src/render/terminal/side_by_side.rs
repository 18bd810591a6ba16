//! Two outlets in two columns (`claimdiff compare --side-by-side`).

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::layout::{cut_to_width, words, Line, Style};
use super::Report;
use crate::pipeline::Comparison;
use crate::render::escape::sanitize_for_terminal;
use crate::render::markup::{self, Run};
use crate::render::ReportOptions;

/// nothing for that side.
pub fn write_side_by_side(
    out: &mut dyn Write,
    comparison: &Comparison,
    options: &ReportOptions,
    left: usize,
    right: usize,
) -> io::Result<()> {
    let report = Report::new(comparison, options);
    let p = &report.painter;
    let column = options.width.saturating_sub(3).max(2) / 2;
    let sources = &comparison.sources;
    let names = [
        markup::outlet_name(sources, left),
        markup::outlet_name(sources, right),
    ];
    report.summary(out)?;
    report.legend(out)?;
    writeln!(out)?;
    let header = |name: &str| {
        let name = cut_to_width(&sanitize_for_terminal(name), column);
        Line {
            width: name.width(),
            text: p.paint(Style::Heading, &name),
        }
    };
    write_columns(out, &[header(names[0])], &[header(names[1])], column)?;
    let mut shown = 0;
    for (number, group) in report.order.iter().enumerate() {
        let left_member = group.members.iter().find(|m| m.at.source == left);
        let right_member = group.members.iter().find(|m| m.at.source == right);
        if left_member.is_none() && right_member.is_none() {
            continue;
        }
        shown += 1;
        let diff = comparison.diff_of(group);
        // A diff exists only between the base and another version: when one side is
        // the base, the other side's diff against it is the diff between the two.
        let pair_diff = match (left_member, right_member) {
            (Some(l), Some(r)) if group.pivot == l.at => {
                markup::member_diff(diff, r.at).map(|d| (d, false))
            }
            (Some(l), Some(r)) if group.pivot == r.at => {
                markup::member_diff(diff, l.at).map(|d| (d, true))
            }
            _ => None,
        };
        let plain = |m: Option<&crate::model::GroupMember>| {
            m.map(|m| report.plain(m.at)).unwrap_or_default()
        };
        let (left_runs, right_runs) = match pair_diff {
            Some((d, swapped)) if d.ratio >= markup::INLINE_DIFF_MIN_RATIO => {
                let (base, other) = markup::two_sided_runs(sources, group.pivot, d);
                if swapped {
                    (other, base)
                } else {
                    (base, other)
                }
            }
            _ => (plain(left_member), plain(right_member)),
        };
        let tags = pair_diff.map(|(d, _)| &d.tags);
        let title = format!(
            "Claim {number} · told by {} outlets · base: {}",
            group.members.len(),
            sanitize_for_terminal(markup::outlet_name(sources, group.pivot.source)),
            number = number + 1
        );
        writeln!(out)?;
        p.write_lines(
            out,
            &p.wrap(&words(&title, Style::Outlet), &[], 0, options.width),
        )?;
        let cell = |runs: &[Run]| {
            if runs.is_empty() {
                vec![Line {
                    text: p.paint(Style::Dim, "—"),
                    width: 1,
                }]
            } else {
                p.wrap(&p.units(runs), &[], 0, column)
            }
        };
        write_columns(out, &cell(&left_runs), &cell(&right_runs), column)?;
        if let Some(tags) = tags {
            report.tag_lines(out, tags, 2)?;
        }
    }
    if shown == 0 {
        writeln!(out)?;
        writeln!(out, "No claim told by {} or {}.", names[0], names[1])?;
    }
    for source in [left, right] {
        if let Some((_, sentences)) = report.unmatched.iter().find(|(s, _)| *s == source) {
            report.only_in_source(out, source, sentences)?;
        }
    }
    Ok(())
}

fn write_columns(
    out: &mut dyn Write,
    left: &[Line],
    right: &[Line],
    column: usize,
) -> io::Result<()> {
    let rows = left.len().max(right.len());
    for i in 0..rows {
        let (l, lw) = left.get(i).map_or(("", 0), |l| (l.text.as_str(), l.width));
        let r = right.get(i).map_or("", |r| r.text.trim_start());
        let pad = column.saturating_sub(lw);
        let row = format!("{l}{} │ {r}", " ".repeat(pad));
        writeln!(out, "{}", row.trim_end())?;
    }
    Ok(())
}
