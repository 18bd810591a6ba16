//! The HTML report (`claimdiff compare --format html`): one self-contained file.
//!
//! Everything is inline (CSS, a small script, the charts as SVG) and a
//! Content-Security-Policy allows nothing else: no request leaves the page, and it works
//! from `file://`. Markup comes from [`maud`] templates, which escape every value by
//! default; article text additionally loses control characters and bidirectional
//! overrides. The only unescaped strings are this module's own CSS and script, whose
//! hashes the policy names, so even markup that slipped through could run no script.
//!
//! The page reads fully without the script and prints cleanly; the script adds filters
//! (outlets, tag kinds) and opens the "why grouped" notes for printing.

mod charts;
mod sentence;

use std::borrow::Cow;
use std::io::{self, Write};

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::model::{ClaimGroup, GroupDiff, GroupMember, SentenceRef, TagKind};
use crate::pipeline::Comparison;
use crate::render::page::{self, visible};
use crate::render::ReportOptions;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Writes the HTML report of a comparison: a complete document.
pub fn write_report(
    out: &mut dyn Write,
    comparison: &Comparison,
    _options: &ReportOptions,
) -> io::Result<()> {
    out.write_all(report_to_string(comparison).as_bytes())
}

/// The HTML report of a comparison as a string.
pub fn report_to_string(comparison: &Comparison) -> String {
    let view = View::new(comparison);
    view.page().into_string()
}

/// The page's Content-Security-Policy: nothing may load, and only this module's own style
/// and script (named by hash) may apply or run.
fn content_security_policy() -> String {
    page::content_security_policy(STYLE, Some(SCRIPT))
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_string(),
    }
}

/// The fragment id of a claim group's section.
fn claim_anchor(group: usize) -> String {
    format!("claim-{}", group + 1)
}

/// The sentence a group's members were diffed against.
fn pivot_of(comparison: &Comparison, group: usize) -> Option<SentenceRef> {
    comparison
        .diffs
        .iter()
        .find(|d| d.group == group)
        .map(|d| d.pivot)
}

/// One line a reader needs to know what a tag kind means.
fn kind_help(kind: TagKind) -> &'static str {
    match kind {
        TagKind::Naming => "The outlets name the same actor, group or place differently.",
        TagKind::Attribution => {
            "The claim is credited to a different source, with a different verb, or to no one."
        }
        TagKind::Label => "A loaded or evaluative word for an actor.",
        TagKind::Hedge => "A hedge or intensifier: reportedly, alleged, dramatically.",
        TagKind::Number => "The quantities disagree.",
        TagKind::Date => "The dates disagree or differ in precision.",
        TagKind::Quote => "Words quoted in one sentence, paraphrased or unquoted in the other.",
        TagKind::Omission => {
            "A phrase with content that one sentence has and the other leaves out."
        }
        TagKind::Reuse => "One outlet's sentence repeats another's word for word, or nearly.",
    }
}

/// The comparison with what every section needs worked out once.
struct View<'a> {
    comparison: &'a Comparison,
    /// Each source's name for people, made unique with the source id when two share one.
    names: Vec<String>,
    /// Tag kinds present, in the fixed order, with how many tags of each.
    kinds: Vec<(TagKind, usize)>,
}

impl<'a> View<'a> {
    fn new(comparison: &'a Comparison) -> Self {
        let names = crate::model::distinct_names(&comparison.sources, |s| {
            visible(s.display_name()).into_owned()
        });
        let all_tags = comparison
            .diffs
            .iter()
            .flat_map(|d| d.members.iter().flat_map(|m| &m.tags).chain(&d.tags));
        let mut counts = [0usize; TagKind::ALL.len()];
        for tag in all_tags {
            if let Some(i) = TagKind::ALL.iter().position(|k| *k == tag.kind) {
                counts[i] += 1;
            }
        }
        let kinds = TagKind::ALL
            .into_iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .collect();
        View {
            comparison,
            names,
            kinds,
        }
    }

    fn name(&self, source: usize) -> &str {
        self.names.get(source).map_or("?", String::as_str)
    }

    fn source_id(&self, source: usize) -> &str {
        self.comparison
            .sources
            .get(source)
            .map_or("", |s| s.id.as_str())
    }

    fn sentence_text(&self, at: SentenceRef) -> Cow<'a, str> {
        let comparison: &'a Comparison = self.comparison;
        comparison
            .sources
            .get(at.source)
            .and_then(|s| s.sentences.get(at.sentence))
            .map_or(Cow::Borrowed(""), |s| visible(&s.text))
    }

    fn page(&self) -> Markup {
        let c = self.comparison;
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(content_security_policy());
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="generator" content=(concat!("claimdiff ", env!("CARGO_PKG_VERSION")));
                    title { "claimdiff: " (c.sources.len()) " articles compared" }
                    style { (PreEscaped(STYLE)) }
                }
                body {
                    div.layout {
                        (self.header())
                        (self.panel())
                        main {
                            (self.sources_section())
                            (self.overview_section())
                            (self.headlines_section())
                            (self.claims_section())
                            (self.only_here_section())
                            (self.warnings_section())
                        }
                        footer.credit {
                            "Made by claimdiff " (env!("CARGO_PKG_VERSION")) ". "
                            "Tags point at differences in wording: prompts to look closer, not verdicts."
                        }
                    }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        }
    }

    fn header(&self) -> Markup {
        let c = self.comparison;
        html! {
            header.top {
                h1 { (c.sources.len()) " articles, one event: how each outlet tells it" }
                p.lede {
                    strong { (c.alignment.groups.len()) }
                    " claims reported by two or more outlets · "
                    strong { (c.alignment.unmatched.len()) }
                    " sentences only one outlet reports · "
                    strong { (self.kinds.iter().map(|(_, n)| n).sum::<usize>()) }
                    " framing differences tagged"
                }
            }
        }
    }

    fn panel(&self) -> Markup {
        let c = self.comparison;
        html! {
            aside.panel {
                form.filters #filters aria-label="Filters" {
                    h2 { "Show" }
                    fieldset {
                        legend { "Outlets" }
                        @for (i, source) in c.sources.iter().enumerate() {
                            @let covered = c.profiles.iter().find(|p| p.source == i).map_or(0, |p| p.claims_covered);
                            label title=(format!("{} claims shared with other outlets", covered)) {
                                input type="checkbox" name="source" value=(source.id) checked;
                                span { (self.name(i)) }
                                span.count { (covered) }
                            }
                        }
                        div.buttons {
                            button type="button" data-set="all" data-for="source" { "all" }
                            button type="button" data-set="none" data-for="source" { "none" }
                        }
                    }
                    @if !self.kinds.is_empty() {
                        fieldset {
                            legend { "Framing tags" }
                            @for (kind, n) in &self.kinds {
                                label title=(kind_help(*kind)) {
                                    input type="checkbox" name="kind" value=(kind.as_str()) checked;
                                    span class=(format!("chip k-{}", kind.as_str())) { (kind.as_str()) }
                                    span.count { (n) }
                                }
                            }
                            div.buttons {
                                button type="button" data-set="all" data-for="kind" { "all" }
                                button type="button" data-set="none" data-for="kind" { "none" }
                            }
                        }
                    }
                    fieldset {
                        legend { "Claims" }
                        label {
                            input type="checkbox" name="tagged-only";
                            span { "only those with a shown tag" }
                        }
                    }
                    p #filter-status aria-live="polite" {}
                }
                p.no-js-note { "Everything is shown; filters need JavaScript." }
                div.legend {
                    h2 { "Key" }
                    dl {
                        dt { ins { "added" } } dd { "words only this outlet has" }
                        dt { del { "dropped" } } dd { "words only the reference has" }
                        dt { ins.moved data-move="1" { "moved" } } dd { "the same words, elsewhere in the sentence" }
                        dt { span.tagged { "marked" } } dd { "words a framing tag points at (hover for why)" }
                        dt { span.chip.k-naming { "naming" } } dd { "a tagged framing difference" }
                        dt { span.role-key { "ref" } } dd { "reference sentence: the others are compared with it" }
                    }
                }
                nav aria-label="Contents" {
                    h2 { "Contents" }
                    ul {
                        li { a href="#articles" { "Articles" } }
                        li { a href="#overview" { "Overview charts" } }
                        @if c.alignment.titles.is_some() { li { a href="#headlines" { "Headlines" } } }
                        li { a href="#claims" { "Shared claims" } }
                        li { a href="#only-here" { "Claims only one outlet reports" } }
                        @if !c.warnings.is_empty() { li { a href="#warnings" { "Warnings" } } }
                    }
                }
            }
        }
    }

    fn sources_section(&self) -> Markup {
        let c = self.comparison;
        html! {
            section #articles {
                h2 { "Articles" }
                table {
                    thead { tr {
                        th { "Outlet" } th { "Date" } th { "Headline" }
                        th.num title="Body sentences" { "Sentences" }
                        th.num title="Claims this outlet shares with at least one other" { "Shared" }
                        th.num title="Sentences no other outlet has" { "Only here" }
                        th title="Claims most other outlets report that this one leaves out" { "Leaves out" }
                        th.num title="Sentences that name a source for their claim" { "Attributed" }
                    } }
                    tbody {
                        @for (i, source) in c.sources.iter().enumerate() {
                            @let profile = c.profiles.iter().find(|p| p.source == i);
                            tr.source-row data-source=(source.id) {
                                td.outlet-cell {
                                    strong { (self.name(i)) }
                                    span.small title="Where the outlet name came from" {
                                        " (" (source.outlet_from.as_str()) ")"
                                    }
                                    span.path title="The file compared" { (visible(&source.path)) }
                                }
                                td { (source.date.as_deref().map(visible).unwrap_or(Cow::Borrowed("–"))) }
                                td.headline { (source.title.as_deref().map(visible).unwrap_or(Cow::Borrowed("–"))) }
                                td.num { (source.sentences.len()) }
                                @if let Some(p) = profile {
                                    td.num { (p.claims_covered) }
                                    td.num { (p.claims_only_here.len()) }
                                    td {
                                        @if p.claims_omitted.is_empty() { "–" }
                                        @for (k, group) in p.claims_omitted.iter().enumerate() {
                                            @if k > 0 { ", " }
                                            a href=(format!("#{}", claim_anchor(*group))) { "claim " (group + 1) }
                                        }
                                    }
                                    td.num { (p.attributed_sentences) "/" (p.sentences) }
                                } @else {
                                    td.num { "–" } td.num { "–" } td { "–" } td.num { "–" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn overview_section(&self) -> Markup {
        let c = self.comparison;
        html! {
            section #overview {
                h2 { "Overview" }
                div.charts {
                    figure {
                        (charts::coverage_heat_map(c, &self.names))
                        figcaption {
                            strong { "Who reports what. " }
                            "One row per shared claim, one column per outlet. The darker the cell, the closer "
                            "the outlet's sentence is to the claim's reference sentence (ref). Click a row to "
                            "read the claim."
                        }
                    }
                    figure {
                        (charts::framing_chart(c, &self.names))
                        figcaption {
                            strong { "Framing differences per outlet. " }
                            "How many tagged differences of each kind each outlet takes part in, on either side."
                        }
                    }
                }
            }
        }
    }

    fn headlines_section(&self) -> Markup {
        let c = self.comparison;
        let Some(row) = &c.alignment.titles else {
            return html! {};
        };
        html! {
            section #headlines {
                h2 { "Headlines" }
                table {
                    thead { tr { th { "Outlet" } th { "Headline" } th.num { "Similarity to the reference" } } }
                    tbody {
                        @for (source, score) in &row.members {
                            @if let Some(title) = c.sources.get(*source).and_then(|s| s.title.as_deref()) {
                                tr.source-row data-source=(self.source_id(*source)) {
                                    td { strong { (self.name(*source)) } }
                                    td.headline { (visible(title)) }
                                    td.num {
                                        @if *source == row.pivot { "ref" } @else { (format!("{score:.2}")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn claims_section(&self) -> Markup {
        let c = self.comparison;
        html! {
            section #claims {
                h2 { "Shared claims" }
                @if c.alignment.groups.is_empty() {
                    p { "No claim is reported by more than one outlet." }
                }
                @for group in &c.alignment.groups {
                    (self.claim(group))
                }
            }
        }
    }

    fn claim(&self, group: &ClaimGroup) -> Markup {
        let c = self.comparison;
        let diff = c.diff_of(group);
        let pivot = diff.map_or(group.pivot, |d| d.pivot);
        // The reference first, then the others in source order.
        let ordered: Vec<&GroupMember> = group
            .members
            .iter()
            .filter(|m| m.at == pivot)
            .chain(group.members.iter().filter(|m| m.at != pivot))
            .collect();
        let anchor = claim_anchor(group.id);
        html! {
            article.claim id=(anchor) data-group=(group.id) {
                header {
                    h3 { a href=(format!("#{anchor}")) { "Claim " (group.id + 1) } }
                    span.small {
                        (group.members.len()) " outlets · cohesion "
                        (format!("{:.2}", group.score))
                    }
                }
                @for member in ordered {
                    (self.member(group, diff, member, pivot))
                }
                @if let Some(diff) = diff.filter(|d| !d.tags.is_empty()) {
                    div.group-tags {
                        h4 { "Across outlets" }
                        ul.tags {
                            @for tag in &diff.tags {
                                (tag_item(tag.kind, &tag.explanation))
                            }
                        }
                    }
                }
            }
        }
    }

    fn member(
        &self,
        group: &ClaimGroup,
        diff: Option<&GroupDiff>,
        member: &GroupMember,
        pivot: SentenceRef,
    ) -> Markup {
        let c = self.comparison;
        let is_pivot = member.at == pivot;
        let member_diff = diff.and_then(|d| d.members.iter().find(|m| m.member == member.at));
        let attribution = diff
            .and_then(|d| d.attributions.iter().find(|(at, _)| *at == member.at))
            .map(|(_, a)| a.as_ref());
        let position = c
            .profiles
            .iter()
            .find(|p| p.source == member.at.source)
            .and_then(|p| p.positions.iter().find(|x| x.group == group.id));
        let sides = sentence::Sides {
            member: self.name(member.at.source),
            pivot: self.name(pivot.source),
        };
        html! {
            div.member.pivot[is_pivot] data-source=(self.source_id(member.at.source)) {
                div.who {
                    span.outlet { (self.name(member.at.source)) }
                    @if is_pivot {
                        span.role title="The reference sentence: the others are compared with it." { "ref" }
                    }
                    span.where {
                        "sentence " (position.map_or(member.at.sentence + 1, |p| p.rank))
                        @if position.is_some_and(|p| p.lede) { ", lede" }
                        @if position.is_some_and(|p| p.title) { ", headline" }
                    }
                    details.why {
                        @if is_pivot {
                            summary title="Why these sentences form one claim" { "why grouped?" }
                            p {
                                "The other outlets' sentences were grouped with this one because they share "
                                "weighted terms with it (open theirs to see which). Cohesion "
                                (format!("{:.2}", group.score))
                                " is their mean similarity to it."
                            }
                        } @else {
                            summary title="Why this sentence was grouped with the reference" {
                                "similarity " (format!("{:.2}", member.score))
                            }
                            @if member.shared_terms.is_empty() {
                                p { "No shared terms recorded." }
                            } @else {
                                p { "Terms shared with " (sides.pivot) ", by weight:" }
                                ul.terms {
                                    @for term in &member.shared_terms {
                                        li { (visible(&term.term)) " " span.w { (format!("{:.3}", term.weight)) } }
                                    }
                                }
                            }
                        }
                    }
                }
                div {
                    p.sentence {
                        @let pivot_view = if is_pivot {
                            diff.and_then(|d| sentence::pivot_sentence(&c.sources, d, &sides))
                        } else {
                            None
                        };
                        @match (pivot_view, member_diff.filter(|d| !d.tokens.is_empty())) {
                            (Some(view), _) => { (view) }
                            (None, Some(d)) => {
                                @let group_tags = diff.map_or(&[][..], |d| d.tags.as_slice());
                                (sentence::diff_sentence(&c.sources, d, group_tags, &sides))
                            }
                            (None, None) => { (self.sentence_text(member.at)) }
                        }
                    }
                    @if let Some(attribution) = attribution {
                        p.attribution {
                            @match attribution {
                                Some(a) => {
                                    "Attributed to " b { (visible(&a.source)) } " (" (visible(&a.verb)) ")"
                                    @if let Some(via) = &a.via { ", via " b { (visible(via)) } }
                                }
                                None => { "No attribution: stated as the outlet's own account." }
                            }
                        }
                    }
                    @if let Some(fallback) = member_diff.and_then(|d| d.fallback.as_deref()) {
                        p.attribution { "Note: " (visible(fallback)) }
                    }
                    @if let Some(d) = member_diff.filter(|d| !d.tags.is_empty()) {
                        ul.tags {
                            @for tag in &d.tags {
                                (tag_item(tag.kind, &tag.explanation))
                            }
                        }
                    }
                }
            }
        }
    }

    fn only_here_section(&self) -> Markup {
        let c = self.comparison;
        html! {
            section #only-here {
                h2 { "Claims only one outlet reports" }
                @if c.alignment.unmatched.is_empty() {
                    p { "Every sentence belongs to a shared claim." }
                }
                @for (i, source) in c.sources.iter().enumerate() {
                    @let sentences: Vec<SentenceRef> = c.alignment.unmatched.iter().copied().filter(|at| at.source == i).collect();
                    @if !sentences.is_empty() {
                        details.only-here open data-source=(source.id) {
                            summary { "Only in " (self.name(i)) " (" (sentences.len()) ")" }
                            ol title="Numbers are the sentences' places in the article." {
                                @for at in &sentences {
                                    li value=(at.sentence + 1) { (self.sentence_text(*at)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn warnings_section(&self) -> Markup {
        let warnings = &self.comparison.warnings;
        html! {
            @if !warnings.is_empty() {
                section #warnings .warnings {
                    h2 { "Warnings" }
                    ul { @for w in warnings { li { (visible(w)) } } }
                }
            }
        }
    }
}

fn tag_item(kind: TagKind, explanation: &str) -> Markup {
    html! {
        li.tag-item data-kind=(kind.as_str()) {
            span class=(format!("chip k-{}", kind.as_str())) title=(kind_help(kind)) { (kind.as_str()) }
            span { (visible(explanation)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::page::sha256_source;

    #[test]
    fn inline_assets_cannot_close_their_own_elements() {
        // Inserted unescaped, so they must not end their <style>/<script> early.
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!STYLE.contains("url(") && !STYLE.contains("@import"));
    }

    #[test]
    fn policy_names_both_inline_assets_and_allows_nothing_else() {
        let policy = content_security_policy();
        assert!(policy.starts_with("default-src 'none';"));
        assert!(policy.contains(&sha256_source(SCRIPT)));
        assert!(policy.contains(&sha256_source(STYLE)));
        assert!(!policy.contains("unsafe"));
    }

    #[test]
    fn shorten_cuts_on_character_boundaries() {
        assert_eq!(shorten("Пресс ТВ Иран", 5), "Пресс…");
        assert_eq!(shorten("RT", 5), "RT");
    }

    #[test]
    fn control_sequences_are_dropped_from_shown_text() {
        assert_eq!(visible("a\u{1b}[31mred\u{202e}b"), "aredb");
    }
}
