//! HTML pages: the article's title, metadata and body text, without scripts, styles,
//! navigation, share bars and footers.
//!
//! The body is found the way readability-style extractors do: every paragraph outside page
//! furniture scores its parent (and, half, its grandparent) by its length; the best-scoring
//! element is the article. Its text is gathered block by block, one paragraph per block,
//! paragraphs separated by a blank line.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use crate::model::{Metadata, OutletFrom};

use super::metadata::parse_date;

/// What an HTML page gave.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extracted {
    /// The article text: paragraphs separated by blank lines.
    pub text: String,
    /// Title, outlet (`og:site_name`), date, url and language found in the page's markup.
    pub meta: Metadata,
}

/// Elements that never hold article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "template",
    "select",
    "figcaption",
    "menu",
    "dialog",
    "object",
    "video",
    "audio",
    "canvas",
    "head",
    "input",
    "textarea",
    "label",
];

/// Words in a class or id that mark page furniture (`share-bar`, `site-footer`, `related`).
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "breadcrumb",
    "breadcrumbs",
    "related",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "banner",
    "cookie",
    "cookies",
    "subscribe",
    "newsletter",
    "comment",
    "comments",
    "sidebar",
    "widget",
    "popup",
    "modal",
    "toolbar",
    "tags",
    "masthead",
    "byline",
    "caption",
    "hidden",
    "sr-only",
    "print",
    "font",
    "teaser",
    "recommended",
    "trending",
    "more-news",
    "readmore",
];

/// Elements that start a new paragraph of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "figure",
    "br",
    "hr",
    "address",
    "body",
];

fn selector(css: &str) -> Selector {
    // Only called with the fixed selectors below, all valid.
    Selector::parse(css).unwrap_or_else(|_| Selector::parse("*").expect("`*` parses"))
}

static PARAGRAPHS: LazyLock<Selector> = LazyLock::new(|| selector("p"));
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));

/// The deepest nesting [`nesting_depth`] accepts. The HTML parser checks scope through
/// every open element at each tag, so its time grows with depth × tags: 100,000 nested
/// `<div>`s (1.1 MB) take about 50 s. Real pages nest tens of elements deep.
pub const MAX_NESTING: usize = 4096;

/// Container elements that are only closed by their end tag (never implicitly, as `p`,
/// `li` or `td` are), so counting their start and end tags measures nesting without
/// parsing.
const CONTAINERS: &[&str] = &[
    "div",
    "span",
    "section",
    "article",
    "main",
    "aside",
    "nav",
    "header",
    "footer",
    "figure",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "table",
    "form",
    "fieldset",
    "center",
];

/// The deepest nesting of container elements in `html`, counted from their start and end
/// tags without building a tree (comments are skipped); linear in the length.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(offset) = memchr::memchr(b'<', bytes.get(at..).unwrap_or_default()) {
        at += offset + 1;
        let rest = bytes.get(at..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            at += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let (closing, name_at) = match rest.first() {
            Some(b'/') => (true, 1),
            _ => (false, 0),
        };
        let name: Vec<u8> = rest
            .iter()
            .skip(name_at)
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .collect();
        if !CONTAINERS.iter().any(|c| c.as_bytes() == name.as_slice()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Extracts the article from an HTML page.
pub fn extract(html: &str) -> Extracted {
    let document = Html::parse_document(html);
    let meta = page_metadata(&document);
    let root = article_root(&document);
    let text = block_text(root);
    Extracted { text, meta }
}

fn is_furniture(element: ElementRef<'_>) -> bool {
    let value = element.value();
    let name = value.name();
    if SKIPPED_ELEMENTS.contains(&name) {
        return true;
    }
    if value.attr("hidden").is_some() || value.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(
        value.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "complementary" | "menu")
    ) {
        return true;
    }
    if matches!(name, "article" | "main" | "body" | "html") {
        return false;
    }
    let marked = |token: &str| {
        let lower = token.to_ascii_lowercase();
        FURNITURE_WORDS.contains(&lower.as_str())
            || lower
                .split(['-', '_'])
                .any(|part| FURNITURE_WORDS.contains(&part))
    };
    value.classes().any(marked) || value.id().is_some_and(marked)
}

fn inside_furniture(element: ElementRef<'_>) -> bool {
    std::iter::once(*element)
        .chain(element.ancestors())
        .filter_map(ElementRef::wrap)
        .any(is_furniture)
}

/// The element holding the article: the best paragraph parent, readability style.
fn article_root(document: &Html) -> ElementRef<'_> {
    let mut scores: HashMap<NodeId, usize> = HashMap::new();
    let mut add = |id: NodeId, score: usize| *scores.entry(id).or_default() += score;
    for paragraph in document.select(&PARAGRAPHS) {
        if inside_furniture(paragraph) {
            continue;
        }
        let length = paragraph.text().map(str::trim).map(str::len).sum::<usize>();
        if length < 25 {
            continue;
        }
        let mut ancestors = paragraph.ancestors();
        if let Some(parent) = ancestors.next() {
            add(parent.id(), length);
        }
        if let Some(grandparent) = ancestors.next() {
            add(grandparent.id(), length / 2);
        }
    }
    let best = scores
        .iter()
        // Ties go to the element that comes first, so the choice does not depend on hashing.
        .max_by_key(|(id, score)| (**score, std::cmp::Reverse(**id)))
        .and_then(|(id, _)| document.tree.get(*id))
        .and_then(ElementRef::wrap);
    best.or_else(|| document.select(&BODY).next())
        .unwrap_or_else(|| document.root_element())
}

/// The text of `root`, one paragraph per block, furniture left out.
fn block_text(root: ElementRef<'_>) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut skipping: Option<NodeId> = None;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let paragraph = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !paragraph.is_empty() {
            paragraphs.push(paragraph);
        }
        current.clear();
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => current.push_str(text),
                    Node::Element(element) => {
                        let is_root = node.id() == root.id();
                        if !is_root && ElementRef::wrap(node).is_some_and(is_furniture) {
                            skipping = Some(node.id());
                            continue;
                        }
                        if BLOCK_ELEMENTS.contains(&element.name()) {
                            flush(&mut current, &mut paragraphs);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_none() {
                    if let Node::Element(element) = node.value() {
                        if BLOCK_ELEMENTS.contains(&element.name()) {
                            flush(&mut current, &mut paragraphs);
                        }
                    } else if let Node::Text(_) = node.value() {
                        // Text closes where it opened; nothing to do.
                    }
                }
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    let mut text = paragraphs.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

static META_TITLE: LazyLock<Selector> = LazyLock::new(|| {
    selector(r#"meta[property="og:title"], meta[name="twitter:title"], meta[name="title"]"#)
});
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static SITE_NAME: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"meta[property="og:site_name"], meta[name="application-name"]"#));
static PUBLISHED: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        r#"meta[property="article:published_time"], meta[name="date"], meta[name="pubdate"], meta[itemprop="datePublished"], meta[name="DC.date.issued"]"#,
    )
});
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector(r#"link[rel="canonical"]"#));
static OG_URL: LazyLock<Selector> = LazyLock::new(|| selector(r#"meta[property="og:url"]"#));
static HTML: LazyLock<Selector> = LazyLock::new(|| selector("html"));

fn page_metadata(document: &Html) -> Metadata {
    let content = |sel: &Selector| {
        document
            .select(sel)
            .filter_map(|e| e.value().attr("content"))
            .map(collapse)
            .find(|s| !s.is_empty())
    };
    let text_of = |sel: &Selector| {
        document
            .select(sel)
            .map(|e| collapse(&e.text().collect::<String>()))
            .find(|s| !s.is_empty())
    };
    let mut meta = Metadata {
        title: content(&META_TITLE)
            .or_else(|| text_of(&H1))
            .or_else(|| text_of(&TITLE)),
        ..Metadata::default()
    };
    if let Some(site) = content(&SITE_NAME) {
        meta.outlet = Some(site);
        meta.outlet_from = Some(OutletFrom::Header);
    }
    meta.date = content(&PUBLISHED)
        .or_else(|| {
            document
                .select(&TIME)
                .filter_map(|e| e.value().attr("datetime"))
                .map(str::to_string)
                .next()
        })
        .and_then(|d| parse_date(&d));
    meta.url = document
        .select(&CANONICAL)
        .filter_map(|e| e.value().attr("href"))
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| content(&OG_URL));
    meta.lang = document
        .select(&HTML)
        .filter_map(|e| e.value().attr("lang"))
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_string);
    meta
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_depth_counts_containers_only() {
        assert_eq!(
            nesting_depth("<div><p>a<p>b<div><span>c</span></div></div>"),
            3
        );
        assert_eq!(nesting_depth("<ul><li>a<li>b</ul><!-- <div><div> -->"), 1);
        let deep = format!("{}x{}", "<DIV>".repeat(5000), "</div>".repeat(5000));
        assert_eq!(nesting_depth(&deep), 5000);
        assert_eq!(nesting_depth("a < b <"), 0);
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Site | Headline here</title>
<meta property="og:title" content="Headline here">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2016-03-06T10:00:00Z">
<link rel="canonical" href="https://example.com/a">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script>
</head><body>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<div class="share-bar"><a>Share on Facebook</a></div>
<article><h1>Headline here</h1>
<p>First paragraph of the article, long enough to count as body text.</p>
<p>Second paragraph, with <a href="x">a link</a> and <b>bold</b> words inside it.</p>
<div class="related"><p>Related: another story that should not be here at all.</p></div>
</article>
<footer><p>Copyright 2016 Example News, all rights reserved worldwide.</p></footer>
</body></html>"#;

    #[test]
    fn page_furniture_is_left_out() {
        let extracted = extract(PAGE);
        assert_eq!(
            extracted.text,
            "Headline here\n\nFirst paragraph of the article, long enough to count as body text.\n\n\
             Second paragraph, with a link and bold words inside it.\n"
        );
    }

    #[test]
    fn page_metadata_is_read() {
        let meta = extract(PAGE).meta;
        assert_eq!(meta.title.as_deref(), Some("Headline here"));
        assert_eq!(meta.outlet.as_deref(), Some("Example News"));
        assert_eq!(meta.date.as_deref(), Some("2016-03-06"));
        assert_eq!(meta.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(meta.lang.as_deref(), Some("en"));
    }

    #[test]
    fn page_without_paragraphs_gives_its_body_text() {
        let extracted = extract("<html><body><div>Just a line</div></body></html>");
        assert_eq!(extracted.text, "Just a line\n");
    }
}
