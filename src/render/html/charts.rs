//! The two overview charts, as inline SVG: which outlet reports which claim (a heat map),
//! and how many framing tags of each kind each outlet takes part in.

use maud::{html, Markup};

use crate::model::TagKind;
use crate::pipeline::Comparison;

use super::{claim_anchor, kind_help, pivot_of, shorten};

const HEAT_LABEL_W: usize = 78;
const HEAT_CELL_W: usize = 64;
const HEAT_CELL_H: usize = 22;
const HEAT_HEAD_H: usize = 30;
const HEAT_LEGEND_H: usize = 60;

/// Claims (rows) by outlets (columns). A cell's shade is the similarity of the outlet's
/// sentence to the claim's reference sentence; the number is printed too, so the shade is
/// never the only carrier. A blank cell: the outlet does not report the claim; a cross:
/// it leaves out a claim most other outlets report.
pub(super) fn coverage_heat_map(comparison: &Comparison, names: &[String]) -> Markup {
    let groups = &comparison.alignment.groups;
    let columns = names.len();
    // Wide enough for the key below the cells, however few the outlets.
    let width = (HEAT_LABEL_W + columns * HEAT_CELL_W + 4).max(340);
    let rows_h = groups.len() * HEAT_CELL_H;
    let height = HEAT_HEAD_H + rows_h + HEAT_LEGEND_H;
    let cell_x = |i: usize| HEAT_LABEL_W + i * HEAT_CELL_W;
    html! {
        svg.heatmap viewBox=(format!("0 0 {width} {height}"))
            width=(width) height=(height) role="img" aria-labelledby="heatmap-title" {
            title #heatmap-title { "Coverage: which outlet reports which claim, and how closely" }
            @for (i, name) in names.iter().enumerate() {
                text x=(cell_x(i) + HEAT_CELL_W / 2) y=(HEAT_HEAD_H - 10) text-anchor="middle"
                    font-size="12" font-weight="600" fill="#1b1f24" {
                    title { (name) }
                    (shorten(name, 9))
                }
            }
            @for (row, group) in groups.iter().enumerate() {
                @let y = HEAT_HEAD_H + row * HEAT_CELL_H;
                @let pivot = pivot_of(comparison, group.id).unwrap_or(group.pivot);
                a href=(format!("#{}", claim_anchor(group.id))) {
                    rect.row-hit x="0" y=(y) width=(width) height=(HEAT_CELL_H) fill="transparent" {}
                    text x=(HEAT_LABEL_W - 8) y=(y + 15) text-anchor="end" font-size="12" fill="#0072b2" {
                        "Claim " (group.id + 1)
                    }
                    @for (i, name) in names.iter().enumerate() {
                        @let x = cell_x(i) + 1;
                        @let member = group.members.iter().find(|m| m.at.source == i);
                        @let omitted = comparison.profiles.iter()
                            .any(|p| p.source == i && p.claims_omitted.contains(&group.id));
                        @match member {
                            Some(member) => {
                                @let is_pivot = member.at == pivot;
                                @let score = if is_pivot { 1.0 } else { member.score };
                                rect x=(x) y=(y + 1) width=(HEAT_CELL_W - 2) height=(HEAT_CELL_H - 2) rx="2"
                                    fill=(shade(score)) {
                                    title {
                                        "Claim " (group.id + 1) ", " (name) ": "
                                        @if is_pivot { "the reference sentence the others are compared with" }
                                        @else { "similarity " (format!("{:.2}", member.score)) " to the reference sentence" }
                                    }
                                }
                                text x=(x + HEAT_CELL_W / 2 - 1) y=(y + 15) text-anchor="middle" font-size="11"
                                    fill=(ink_on(score)) font-weight=[is_pivot.then_some("700")] {
                                    @if is_pivot { "ref" } @else { (format!("{:.2}", member.score)) }
                                }
                            }
                            None => {
                                rect x=(x) y=(y + 1) width=(HEAT_CELL_W - 2) height=(HEAT_CELL_H - 2) rx="2"
                                    fill="#ffffff" stroke="#d8dde3" {
                                    title {
                                        "Claim " (group.id + 1) ", " (name) ": "
                                        @if omitted { "left out, though most other outlets report it" }
                                        @else { "not reported" }
                                    }
                                }
                                @if omitted {
                                    text x=(x + HEAT_CELL_W / 2 - 1) y=(y + 15) text-anchor="middle"
                                        font-size="12" fill="#d55e00" font-weight="700" { "✕" }
                                }
                            }
                        }
                    }
                }
            }
            @let legend_y = HEAT_HEAD_H + rows_h + 14;
            text x="0" y=(legend_y + 12) font-size="11" fill="#5b6470" { "similarity" }
            @for (k, score) in [0.2, 0.4, 0.6, 0.8, 1.0].iter().enumerate() {
                @let x = 62 + k * 34;
                rect x=(x) y=(legend_y) width="32" height="16" rx="2" fill=(shade(*score)) {}
                text x=(x + 16) y=(legend_y + 12) text-anchor="middle" font-size="10" fill=(ink_on(*score)) {
                    (format!("{score:.1}"))
                }
            }
            text x="0" y=(legend_y + 34) font-size="11" fill="#5b6470" {
                "ref = reference · blank = not reported · "
                tspan fill="#d55e00" font-weight="700" { "✕" }
                " = left out"
            }
        }
    }
}

/// A light-to-dark blue ramp: one hue, so lightness alone carries the value and it reads
/// the same for every kind of colour vision.
fn shade(score: f64) -> String {
    let t = score.clamp(0.0, 1.0);
    let light = [232.0, 241.0, 250.0];
    let dark = [8.0, 69.0, 148.0];
    let c: Vec<u8> = light
        .iter()
        .zip(dark)
        .map(|(l, d)| (l + (d - l) * t).round().clamp(0.0, 255.0) as u8)
        .collect();
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn ink_on(score: f64) -> &'static str {
    if score > 0.55 {
        "#ffffff"
    } else {
        "#1b1f24"
    }
}

const FRAME_LABEL_W: usize = 92;
const FRAME_COL_W: usize = 82;
const FRAME_ROW_H: usize = 24;
const FRAME_HEAD_H: usize = 26;
const FRAME_BAR_MAX: usize = 52;

/// Outlets (rows) by tag kinds (columns): one bar per cell, its length the number of tags
/// of that kind the outlet takes part in, the number printed beside it. One colour: the
/// columns, not colours, tell the kinds apart.
pub(super) fn framing_chart(comparison: &Comparison, names: &[String]) -> Markup {
    let profiles = &comparison.profiles;
    let count = |source: usize, kind: TagKind| {
        profiles
            .iter()
            .find(|p| p.source == source)
            .and_then(|p| p.tag_counts.get(&kind).copied())
            .unwrap_or(0)
    };
    let kinds: Vec<TagKind> = TagKind::ALL
        .into_iter()
        .filter(|&k| (0..names.len()).any(|s| count(s, k) > 0))
        .collect();
    let max = kinds
        .iter()
        .flat_map(|&k| (0..names.len()).map(move |s| (s, k)))
        .map(|(s, k)| count(s, k))
        .max()
        .unwrap_or(0)
        .max(1);
    let width = FRAME_LABEL_W + kinds.len() * FRAME_COL_W;
    let height = FRAME_HEAD_H + names.len() * FRAME_ROW_H + 6;
    html! {
        @if kinds.is_empty() {
            p.small { "No framing tags in this comparison." }
        } @else {
            svg.framing viewBox=(format!("0 0 {width} {height}"))
                width=(width) height=(height) role="img" aria-labelledby="framing-title" {
                title #framing-title { "Framing tags per outlet, by kind" }
                @for (k, kind) in kinds.iter().enumerate() {
                    text x=(FRAME_LABEL_W + k * FRAME_COL_W) y=(FRAME_HEAD_H - 10) font-size="11"
                        font-weight="600" fill="#1b1f24" {
                        title { (kind_help(*kind)) }
                        (kind.as_str())
                    }
                }
                @for (row, name) in names.iter().enumerate() {
                    @let y = FRAME_HEAD_H + row * FRAME_ROW_H;
                    line x1="0" x2=(width) y1=(y) y2=(y) stroke="#eceff2" {}
                    text x=(FRAME_LABEL_W - 8) y=(y + 16) text-anchor="end" font-size="12" fill="#1b1f24" {
                        title { (name) }
                        (shorten(name, 12))
                    }
                    @for (k, kind) in kinds.iter().enumerate() {
                        @let n = count(row, *kind);
                        @let x = FRAME_LABEL_W + k * FRAME_COL_W;
                        @let bar = if n == 0 { 0 } else { (n * FRAME_BAR_MAX).div_ceil(max).max(2) };
                        @if n > 0 {
                            rect x=(x) y=(y + 6) width=(bar) height="12" rx="1" fill="#0072b2" {
                                title { (name) ": " (n) " " (kind.as_str()) " tag" @if n != 1 { "s" } }
                            }
                        }
                        text x=(x + bar + 4) y=(y + 16) font-size="11"
                            fill=(if n == 0 { "#9aa3ad" } else { "#1b1f24" }) {
                            (n)
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shade_runs_from_light_to_dark() {
        assert_eq!(shade(0.0), "#e8f1fa");
        assert_eq!(shade(1.0), "#084594");
        assert_eq!(shade(7.0), shade(1.0));
        assert_eq!(shade(f64::NAN).len(), 7);
    }
}
