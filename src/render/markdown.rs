//! The Markdown report: for pasting into a document or a course page.
//!
//! GitHub-flavoured Markdown (tables, `~~strikethrough~~`): a sources table, the
//! headlines, each claim with every outlet's version and its differences marked
//! (`~~only in the base~~`, `**only in this version**`, `↷` for moved words), the claims
//! only one outlet tells, a coverage grid (claim × outlet) and a table of outlet profiles.
//!
//! Article text is untrusted: control characters and escape sequences are removed, then
//! every character Markdown gives a meaning to is backslash-escaped, so an article can
//! neither inject markup nor break a table. Where `**`/`~~` would not take effect next to
//! punctuation (CommonMark's flanking rules), the change is marked with `<ins>`/`<del>`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::{ClaimGroup, FramingTag, OutletProfile, TagKind};
use crate::pipeline::Comparison;
use crate::render::escape::sanitize_for_terminal;
use crate::render::markup::{self, Mark, Run, ShortTag};
use crate::render::ReportOptions;

/// Characters of the claim shown in a row of the coverage grid.
const GRID_CLAIM_CHARS: usize = 60;
/// Terms listed in a similarity reason.
const REASON_TERMS: usize = 5;

/// Escapes article text for Markdown: controls removed, then every character that can
/// start markup inside a line backslash-escaped (`-`, `+`, `=` and `1.` matter only at the
/// start of a line: the report guards line starts itself).
pub fn escape_markdown(text: &str) -> String {
    let clean = sanitize_for_terminal(text);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Writes the markdown report of a comparison.
pub fn write_report(
    out: &mut dyn Write,
    comparison: &Comparison,
    _options: &ReportOptions,
) -> io::Result<()> {
    let mut doc = String::new();
    Report::new(comparison).write(&mut doc);
    out.write_all(doc.as_bytes())
}

struct Report<'a> {
    comparison: &'a Comparison,
    order: Vec<&'a ClaimGroup>,
    numbers: BTreeMap<usize, usize>,
}

fn name(comparison: &Comparison, source: usize) -> String {
    escape_markdown(markup::outlet_name(&comparison.sources, source))
}

/// Unicode punctuation or symbol, as CommonMark's flanking rules count it (ASCII and the
/// common general punctuation; letters, digits and marks are not).
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '\u{2000}'..='\u{206f}' | '\u{2190}'..='\u{21ff}' | '«' | '»' | '¿' | '¡')
}

impl<'a> Report<'a> {
    fn new(comparison: &'a Comparison) -> Self {
        let order = markup::group_order(comparison);
        let numbers = markup::claim_numbers(&order);
        Report {
            comparison,
            order,
            numbers,
        }
    }

    fn write(&self, doc: &mut String) {
        let c = self.comparison;
        let unmatched: usize = c.alignment.unmatched.len();
        doc.push_str("# How the outlets tell it\n\n");
        let _ = writeln!(
            doc,
            "{} articles compared: {} {} told by more than one outlet, {} {} told by one outlet only.\n",
            c.sources.len(),
            c.alignment.groups.len(),
            if c.alignment.groups.len() == 1 { "claim" } else { "claims" },
            unmatched,
            if unmatched == 1 { "sentence" } else { "sentences" },
        );
        self.sources(doc);
        self.titles(doc);
        self.claims(doc);
        self.only_in(doc);
        self.coverage(doc);
        self.profiles(doc);
        self.notes(doc);
    }

    fn sources(&self, doc: &mut String) {
        doc.push_str(
            "## Sources\n\n| Outlet | Date | Title | Sentences | File |\n|---|---|---|--:|---|\n",
        );
        for source in &self.comparison.sources {
            let _ = writeln!(
                doc,
                "| {} | {} | {} | {} | {} |",
                escape_markdown(source.display_name()),
                source.date.as_deref().map_or("–".into(), escape_markdown),
                source.title.as_deref().map_or("–".into(), escape_markdown),
                source.sentences.len(),
                escape_markdown(&source.path),
            );
        }
        doc.push('\n');
    }

    fn titles(&self, doc: &mut String) {
        let Some(row) = &self.comparison.alignment.titles else {
            return;
        };
        doc.push_str(
            "## Headlines\n\n| Outlet | Headline | Similarity to the base |\n|---|---|--:|\n",
        );
        for &(source, score) in &row.members {
            let Some(title) = self
                .comparison
                .sources
                .get(source)
                .and_then(|s| s.title.as_deref())
            else {
                continue;
            };
            let similarity = if source == row.pivot {
                "base".to_string()
            } else {
                format!("{score:.2}")
            };
            let _ = writeln!(
                doc,
                "| {} | {} | {} |",
                name(self.comparison, source),
                escape_markdown(title),
                similarity
            );
        }
        doc.push('\n');
    }

    fn claims(&self, doc: &mut String) {
        if self.order.is_empty() {
            return;
        }
        doc.push_str("## Claims told by several outlets\n\n");
        let _ = writeln!(
            doc,
            "Each claim shows its base version, then every other outlet's version against it: \
             ~~only in the base~~, **only in this version**, ↷ moved words. Versions sharing \
             under {}% of their words with the base are shown as written.\n",
            markup::percent(markup::INLINE_DIFF_MIN_RATIO)
        );
        for (i, group) in self.order.iter().enumerate() {
            self.group(doc, i + 1, group);
        }
    }

    fn group(&self, doc: &mut String, number: usize, group: &ClaimGroup) {
        let c = self.comparison;
        let sources = &c.sources;
        let outlets: Vec<String> = group.members.iter().map(|m| name(c, m.at.source)).collect();
        let _ = writeln!(
            doc,
            "### Claim {number}: {} outlets ({})\n",
            group.members.len(),
            outlets.join(", ")
        );
        let diff = c.diff_of(group);
        let mut members: Vec<_> = group.members.iter().collect();
        members.sort_by_key(|m| (m.at != group.pivot, m.at.source));
        for member in members {
            let outlet = name(c, member.at.source);
            if member.at == group.pivot {
                let _ = writeln!(doc, "- **{outlet}** (base)\n");
                let text = escape_markdown(markup::sentence_text(sources, member.at));
                let _ = writeln!(doc, "  {}\n", guard_line_start(&text));
                continue;
            }
            let member_diff = markup::member_diff(diff, member.at);
            let mut reason = format!("similarity {:.2}", member.score);
            if let Some(d) = member_diff {
                let _ = write!(reason, ", {}% of words in common", markup::percent(d.ratio));
            }
            let terms = markup::shared_terms(group, member.at, REASON_TERMS);
            if !terms.is_empty() {
                let terms: Vec<String> = terms.iter().map(|t| escape_markdown(t)).collect();
                let _ = write!(reason, "; shared: {}", terms.join(", "));
            }
            let _ = writeln!(doc, "- **{outlet}** · {reason}\n");
            let runs = match member_diff.filter(|d| d.ratio >= markup::INLINE_DIFF_MIN_RATIO) {
                Some(d) => markup::inline_runs(sources, d),
                None => markup::plain_runs(markup::sentence_text(sources, member.at)),
            };
            let identical = member_diff.is_some_and(|d| d.ratio >= markup::INLINE_DIFF_MIN_RATIO)
                && runs.iter().all(|r| r.mark == Mark::Plain);
            if identical {
                doc.push_str("  *(the same words as the base)*\n\n");
            } else {
                let _ = writeln!(doc, "  {}\n", guard_line_start(&marked(&runs)));
            }
            if let Some(d) = member_diff {
                let tags = markup::short_tags(&d.tags);
                for (kind, items) in &tags {
                    let items: Vec<String> = items.iter().map(short_tag).collect();
                    let _ = writeln!(doc, "  - *{}*: {}", kind.as_str(), items.join("; "));
                }
                if let Some(fallback) = &d.fallback {
                    let _ = writeln!(doc, "  - *note*: {}", escape_markdown(fallback));
                }
                if !tags.is_empty() || d.fallback.is_some() {
                    doc.push('\n');
                }
            }
        }
        if let Some(d) = diff {
            self.group_tags(doc, &d.tags);
        }
    }

    /// Tags between any two members: `- *date*: RT “February 27” ↔ IANS “February”`.
    fn group_tags(&self, doc: &mut String, tags: &[FramingTag]) {
        if tags.is_empty() {
            return;
        }
        doc.push_str("- Between outlets\n\n");
        for kind in TagKind::ALL {
            let items: Vec<String> = tags
                .iter()
                .filter(|t| t.kind == kind)
                .map(|t| {
                    if kind == TagKind::Reuse {
                        // The sentences are shown above; the outlets say who repeats whom.
                        let other = t.counterpart.as_ref().map_or(String::new(), |c| {
                            format!(" ↔ {}", name(self.comparison, c.at.source))
                        });
                        return format!("{}{other}", name(self.comparison, t.member.at.source));
                    }
                    let mut item = format!(
                        "{} “{}”",
                        name(self.comparison, t.member.at.source),
                        escape_markdown(t.member.text.trim())
                    );
                    if let Some(other) = &t.counterpart {
                        let _ = write!(
                            item,
                            " ↔ {} “{}”",
                            name(self.comparison, other.at.source),
                            escape_markdown(other.text.trim())
                        );
                    }
                    item
                })
                .collect();
            if !items.is_empty() {
                let _ = writeln!(doc, "  - *{}*: {}", kind.as_str(), items.join("; "));
            }
        }
        doc.push('\n');
    }

    fn only_in(&self, doc: &mut String) {
        for (source, sentences) in markup::unmatched_by_source(self.comparison) {
            let Some(src) = self.comparison.sources.get(source) else {
                continue;
            };
            let _ = writeln!(
                doc,
                "## Only in {} ({} of {} sentences)\n",
                escape_markdown(src.display_name()),
                sentences.len(),
                src.sentences.len()
            );
            for index in sentences {
                if let Some(sentence) = src.sentences.get(index) {
                    let _ = writeln!(
                        doc,
                        "- **{}.** {}",
                        index + 1,
                        escape_markdown(&sentence.text)
                    );
                }
            }
            doc.push('\n');
        }
    }

    fn coverage(&self, doc: &mut String) {
        if self.order.is_empty() {
            return;
        }
        let sources = &self.comparison.sources;
        doc.push_str("## Coverage\n\n✓ the outlet tells the claim; – it does not.\n\n| # | Claim (base version) |");
        for s in 0..sources.len() {
            let _ = write!(doc, " {} |", name(self.comparison, s));
        }
        doc.push_str("\n|--:|---|");
        for _ in sources {
            doc.push_str(":-:|");
        }
        doc.push('\n');
        for (i, group) in self.order.iter().enumerate() {
            let text = shorten(
                markup::sentence_text(sources, group.pivot),
                GRID_CLAIM_CHARS,
            );
            let _ = write!(doc, "| {} | {} |", i + 1, escape_markdown(&text));
            for s in 0..sources.len() {
                doc.push_str(if markup::carries(group, s) {
                    " ✓ |"
                } else {
                    " – |"
                });
            }
            doc.push('\n');
        }
        doc.push('\n');
    }

    fn profiles(&self, doc: &mut String) {
        doc.push_str("## Outlets\n\n| Outlet | Claims told | Only here | Leaves out | Opens with | Attributed | Reporting verbs | Framing tags |\n|---|--:|--:|---|---|--:|---|---|\n");
        let total = self.comparison.alignment.groups.len();
        for profile in &self.comparison.profiles {
            let _ = writeln!(
                doc,
                "| {} | {} of {} | {} of {} | {} | {} | {} of {} | {} | {} |",
                escape_markdown(&profile.outlet),
                profile.claims_covered,
                total,
                profile.claims_only_here.len(),
                profile.sentences,
                dash_if_empty(markup::claim_list(&profile.claims_omitted, &self.numbers)),
                dash_if_empty(
                    markup::lede_claims(profile, &self.numbers)
                        .iter()
                        .map(usize::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                profile.attributed_sentences,
                profile.sentences,
                dash_if_empty(verbs(profile)),
                dash_if_empty(
                    markup::tag_count_list(profile)
                        .iter()
                        .map(|(k, n)| format!("{} {n}", k.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        doc.push_str("\n*Leaves out*: claims most other outlets tell. *Opens with*: claims in the first two sentences.\n");
    }

    fn notes(&self, doc: &mut String) {
        if self.comparison.warnings.is_empty() {
            return;
        }
        doc.push_str("\n## Notes\n\n");
        for warning in &self.comparison.warnings {
            let _ = writeln!(doc, "- {}", escape_markdown(warning));
        }
    }
}

fn verbs(profile: &OutletProfile) -> String {
    markup::verb_list(profile)
        .iter()
        .map(|(v, n)| format!("{} {n}", escape_markdown(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn dash_if_empty(text: String) -> String {
    if text.is_empty() {
        "–".into()
    } else {
        text
    }
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

/// A line of escaped text that must not start a block (`1. `, `- `, `+ `, `=`); `#` and
/// `>` are escaped everywhere by [`escape_markdown`].
fn guard_line_start(line: &str) -> String {
    if line.starts_with(['-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 && (rest.starts_with('.') || rest.starts_with(')')) {
        format!("{}\\{}", &line[..digits], rest)
    } else {
        line.to_string()
    }
}

/// `“here” ↔ “there”`, `**here**` (only this version) or `~~there~~` (only the base).
fn short_tag(item: &ShortTag) -> String {
    let there: Vec<String> = item
        .there
        .iter()
        .map(|t| format!("“{}”", escape_markdown(t)))
        .collect();
    match (item.here.is_empty(), there.is_empty()) {
        (false, false) => {
            let here: Vec<String> = std::iter::once(&item.here)
                .chain(&item.also)
                .map(|h| format!("“{}”", escape_markdown(h)))
                .collect();
            format!("{} ↔ {}", here.join(", "), there.join(", "))
        }
        (false, true) => format!("**{}**", escape_markdown(&item.here)),
        (true, false) => format!(
            "~~{}~~",
            item.there
                .iter()
                .map(|t| escape_markdown(t))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (true, true) => String::new(),
    }
}

/// Runs as one Markdown line with the changes marked.
fn marked(runs: &[Run]) -> String {
    let rendered: Vec<String> = runs
        .iter()
        .map(|run| {
            let text = escape_markdown(&run.text());
            match run.mark {
                Mark::MovedFrom | Mark::MovedTo => format!("↷{text}"),
                _ => text,
            }
        })
        .collect();
    let mut out = String::new();
    for (i, (run, inner)) in runs.iter().zip(&rendered).enumerate() {
        if i > 0 && run.space_before() {
            out.push(' ');
        }
        let (delimiter, open_tag, close_tag) = match run.mark {
            Mark::Plain | Mark::Framed => {
                out.push_str(inner);
                continue;
            }
            Mark::Deleted | Mark::MovedFrom => ("~~", "<del>", "</del>"),
            Mark::Inserted | Mark::MovedTo => ("**", "<ins>", "</ins>"),
        };
        let before = out.chars().next_back();
        let after = match runs.get(i + 1) {
            None => None,
            Some(next) if next.space_before() => Some(' '),
            Some(next) if !matches!(next.mark, Mark::Plain | Mark::Framed) => Some('*'),
            Some(_) => rendered.get(i + 1).and_then(|t| t.chars().next()),
        };
        let first = inner.chars().next().unwrap_or(' ');
        let last = inner.chars().next_back().unwrap_or(' ');
        let outside_ok = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || is_punctuation(c));
        let opens = !is_punctuation(first) || outside_ok(before);
        let closes = !is_punctuation(last) || outside_ok(after);
        if opens && closes && !inner.is_empty() {
            let _ = write!(out, "{delimiter}{inner}{delimiter}");
        } else {
            let _ = write!(out, "{open_tag}{inner}{close_tag}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markup::Word;

    fn run(mark: Mark, words: &[&str]) -> Run {
        Run {
            mark,
            words: words
                .iter()
                .enumerate()
                .map(|(i, w)| Word {
                    text: w.to_string(),
                    space_before: i > 0 || !w.starts_with([',', '.']),
                })
                .collect(),
        }
    }

    #[test]
    fn markdown_special_characters_in_article_text_are_escaped() {
        assert_eq!(
            escape_markdown("*Daesh* [link](x) <b>|</b> `c` _u_ # 1 & al-Nusra"),
            r"\*Daesh\* \[link\](x) \<b\>\|\</b\> \`c\` \_u\_ \# 1 \& al-Nusra"
        );
    }

    #[test]
    fn changes_are_struck_and_bolded() {
        let runs = vec![
            run(Mark::Plain, &["Attacks", "on"]),
            run(Mark::Deleted, &["Daesh"]),
            run(Mark::Inserted, &["Islamic", "State"]),
        ];
        assert_eq!(marked(&runs), "Attacks on ~~Daesh~~ **Islamic State**");
    }

    #[test]
    fn punctuation_glued_to_a_word_is_marked_with_tags() {
        // `word**,**` would not render as bold in CommonMark.
        let runs = vec![run(Mark::Plain, &["Syria"]), run(Mark::Inserted, &[","])];
        assert_eq!(marked(&runs), "Syria<ins>,</ins>");
    }

    #[test]
    fn a_line_starting_with_a_number_does_not_become_a_list() {
        assert_eq!(guard_line_start("18. regions"), "18\\. regions");
        assert_eq!(guard_line_start("18 regions"), "18 regions");
        assert_eq!(guard_line_start("- no"), "\\- no");
    }
}
