//! Corpus mode's outputs: one JSON line per event, and the corpus summary as JSON,
//! Markdown or HTML.
//!
//! An event line (`claimdiff corpus --format jsonl`) is:
//!
//! ```json
//! {"version": 1,
//!  "event": {"id": 17, "first_date": "2016-03-01" | null, "last_date": "2016-03-02" | null,
//!            "outlets": ["RT", "TASS"]},
//!  "comparison": { … exactly `claimdiff compare --format json` on the event's articles … }}
//! ```
//!
//! `id` numbers the events of the whole corpus from 1, in the order of their first
//! article (date, then input order); lines come in that order, and events that were not
//! compared have no line. Inside `comparison`, the event's articles are the sources `s1`,
//! `s2`, … in date order (then input order), with their paths as found (`dir/a.txt`,
//! `news.jsonl:42`).
//!
//! The summary's JSON is [`CorpusSummary`] as serde writes it: `version`, `articles`,
//! `events`, `events_compared`, `events_skipped`, `claim_groups`, and `outlets`: name →
//! `{articles, events, sentences, claims_covered, claims_only_here, claims_omitted,
//! attributed_sentences, tag_counts, attribution_verbs, naming: {entity: {name: count}}}`.

use std::io::{self, Write};

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::corpus::{CorpusSummary, EventInfo, OutletSummary};
use crate::pipeline::Comparison;
use crate::render::json::{write_comparison, JsonWriter, VERSION};
use crate::render::markdown::escape_markdown;
use crate::render::page::{self, visible};

/// One event's line, with its final newline.
pub fn event_line(event: &EventInfo, comparison: &Comparison) -> String {
    // A line runs to 20-35 times its articles' text (every token of every diff is an
    // object; 23 times at the median of a generated corpus, 28 at the 90th percentile):
    // room for nearly every line at once rather than a copy on regrowth.
    let text: usize = comparison.sources.iter().map(|s| s.text.len()).sum();
    let mut line = String::with_capacity(text.saturating_mul(32).saturating_add(4096));
    JsonWriter::compact(&mut line).object(|o| {
        o.field("version").uint(VERSION as usize);
        o.field("event").object(|e| {
            e.field("id").uint(event.id);
            e.field("first_date")
                .opt_string(event.first_date.as_deref());
            e.field("last_date").opt_string(event.last_date.as_deref());
            e.field("outlets")
                .array(&event.outlets, |json, outlet| json.string(outlet));
        });
        write_comparison(o.field("comparison"), comparison);
    });
    line.push('\n');
    line
}

/// The summary as pretty JSON, with a final newline.
pub fn summary_to_string(summary: &CorpusSummary) -> String {
    let mut out = serde_json::to_string_pretty(summary).expect("plain data always serialises");
    out.push('\n');
    out
}

/// Names of an outlet's most used entries, `name count, …`, most used first.
fn top(counts: &std::collections::BTreeMap<String, usize>, max: usize) -> Vec<(&str, usize)> {
    let mut list: Vec<(&str, usize)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list.truncate(max);
    list
}

fn coverage(outlet: &OutletSummary, summary: &CorpusSummary) -> String {
    if summary.events_compared == 0 {
        return "–".into();
    }
    format!(
        "{}%",
        (outlet.events as f64 * 100.0 / summary.events_compared as f64).round()
    )
}

/// Names and their counts, most used first.
type NameCounts<'a> = Vec<(&'a str, usize)>;

/// Every entity any outlet names, with each outlet's names for it: rows of the naming table.
/// Said instead of an empty naming table: no compared event named an entity of the aliases.
const NO_NAMES: &str = "No compared event names an entity of the alias list (the built-in \
    data/aliases.txt or --aliases), so there is no naming to show.";

fn naming_rows(summary: &CorpusSummary) -> Vec<(&str, Vec<(&str, NameCounts<'_>)>)> {
    let mut entities: Vec<&str> = summary
        .outlets
        .values()
        .flat_map(|o| o.naming.keys().map(String::as_str))
        .collect();
    entities.sort_unstable();
    entities.dedup();
    entities
        .into_iter()
        .map(|entity| {
            let per_outlet = summary
                .outlets
                .iter()
                .filter_map(|(name, o)| {
                    o.naming
                        .get(entity)
                        .map(|names| (name.as_str(), top(names, usize::MAX)))
                })
                .collect();
            (entity, per_outlet)
        })
        .collect()
}

fn joined(list: &[(&str, usize)]) -> String {
    list.iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The summary as a Markdown report.
pub fn write_summary_markdown(out: &mut dyn Write, summary: &CorpusSummary) -> io::Result<()> {
    writeln!(out, "# Corpus summary\n")?;
    writeln!(
        out,
        "{} articles in {} events; {} events compared ({} claims), {} not compared.\n",
        summary.articles,
        summary.events,
        summary.events_compared,
        summary.claim_groups,
        summary.events_skipped
    )?;
    writeln!(out, "## Outlets\n")?;
    writeln!(
        out,
        "| Outlet | Articles | Events (coverage) | Claims covered | Only here | Omitted | Attributed sentences | Tags | Attribution verbs |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---|---|")?;
    for (name, o) in &summary.outlets {
        writeln!(
            out,
            "| {} | {} | {} ({}) | {} | {} | {} | {} of {} | {} | {} |",
            escape_markdown(name),
            o.articles,
            o.events,
            coverage(o, summary),
            o.claims_covered,
            o.claims_only_here,
            o.claims_omitted,
            o.attributed_sentences,
            o.sentences,
            escape_markdown(&joined(&top(&o.tag_counts, usize::MAX))),
            escape_markdown(&joined(&top(&o.attribution_verbs, 5))),
        )?;
    }
    writeln!(out, "\n## Naming\n")?;
    let rows = naming_rows(summary);
    if rows.is_empty() {
        writeln!(out, "{NO_NAMES}")?;
        return Ok(());
    }
    writeln!(out, "How each outlet names each entity.\n")?;
    writeln!(out, "| Entity | Outlet | Names used |")?;
    writeln!(out, "|---|---|---|")?;
    for (entity, per_outlet) in rows {
        for (outlet, names) in per_outlet {
            writeln!(
                out,
                "| {} | {} | {} |",
                escape_markdown(entity),
                escape_markdown(outlet),
                escape_markdown(&joined(&names))
            )?;
        }
    }
    Ok(())
}

/// The summary page's style, named by hash in its Content-Security-Policy.
const SUMMARY_STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right}";

/// The summary as a self-contained HTML page (no script, no external resources).
pub fn summary_html(summary: &CorpusSummary) -> String {
    let page: Markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(page::content_security_policy(SUMMARY_STYLE, None));
                title { "Corpus summary" }
                style { (PreEscaped(SUMMARY_STYLE)) }
            }
            body {
                h1 { "Corpus summary" }
                p {
                    (summary.articles) " articles in " (summary.events) " events; "
                    (summary.events_compared) " events compared (" (summary.claim_groups)
                    " claims), " (summary.events_skipped) " not compared."
                }
                h2 { "Outlets" }
                table {
                    thead { tr {
                        th { "Outlet" } th { "Articles" } th { "Events (coverage)" }
                        th { "Claims covered" } th { "Only here" } th { "Omitted" }
                        th { "Attributed sentences" } th { "Tags" } th { "Attribution verbs" }
                    } }
                    tbody {
                        @for (name, o) in &summary.outlets {
                            tr {
                                td { (visible(name)) }
                                td.n { (o.articles) }
                                td.n { (o.events) " (" (coverage(o, summary)) ")" }
                                td.n { (o.claims_covered) }
                                td.n { (o.claims_only_here) }
                                td.n { (o.claims_omitted) }
                                td.n { (o.attributed_sentences) " of " (o.sentences) }
                                td { (joined(&top(&o.tag_counts, usize::MAX))) }
                                td { (visible(&joined(&top(&o.attribution_verbs, 5)))) }
                            }
                        }
                    }
                }
                h2 { "Naming" }
                @if naming_rows(summary).is_empty() {
                    p { (NO_NAMES) }
                } @else {
                p { "How each outlet names each entity." }
                table {
                    thead { tr { th { "Entity" } th { "Outlet" } th { "Names used" } } }
                    tbody {
                        @for (entity, per_outlet) in naming_rows(summary) {
                            @for (outlet, names) in per_outlet {
                                tr { td { (visible(entity)) } td { (visible(outlet)) } td { (visible(&joined(&names))) } }
                            }
                        }
                    }
                }
                }
            }
        }
    };
    page.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn summary() -> CorpusSummary {
        let mut summary = CorpusSummary::new();
        summary.add_event(["Press TV", "<RT>"]);
        let press = summary.outlets.entry("Press TV".into()).or_default();
        press.naming.insert(
            "Islamic State".into(),
            BTreeMap::from([("Daesh".to_string(), 41), ("Islamic State".to_string(), 3)]),
        );
        summary
    }

    #[test]
    fn naming_table_lists_each_outlets_names_most_used_first() {
        let mut out = Vec::new();
        write_summary_markdown(&mut out, &summary()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("| Islamic State | Press TV | Daesh 41, Islamic State 3 |"),
            "{text}"
        );
    }

    #[test]
    fn html_summary_escapes_outlet_names() {
        let page = summary_html(&summary());
        assert!(page.contains("&lt;RT&gt;"), "{page}");
        assert!(!page.contains("<RT>"));
    }

    #[test]
    fn no_names_says_so_instead_of_an_empty_table() {
        let mut empty = CorpusSummary::new();
        empty.add_event(["TASS", "RT"]);
        let mut out = Vec::new();
        write_summary_markdown(&mut out, &empty).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(NO_NAMES), "{text}");
        assert!(!text.contains("| Entity | Outlet | Names used |"), "{text}");
        let page = summary_html(&empty);
        assert!(page.contains("no naming to show") && !page.contains("<th>Entity</th>"));
    }

    #[test]
    fn summary_page_style_is_allowed_by_hash_not_unsafe_inline() {
        let page = summary_html(&summary());
        assert!(page.contains(&format!("<style>{SUMMARY_STYLE}</style>")));
        assert!(page.contains(&crate::render::page::sha256_source(SUMMARY_STYLE)));
        assert!(!page.contains("unsafe-inline"));
    }
}
