//! `compare --format html`: one self-contained, escaped document that shows what the
//! JSON report holds. (The same report in a real browser: `tests/browser/`.)

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use base64::Engine;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::support::{claimdiff, json_of, root};

/// A report as HTML text, and the JSON report of the same inputs.
struct Reports {
    html: String,
    json: Value,
}

fn reports_of(inputs: &[PathBuf]) -> Reports {
    let out = claimdiff()
        .arg("compare")
        .args(inputs)
        .args(["--format", "html"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).expect("UTF-8 HTML");
    let json = json_of(
        claimdiff()
            .arg("compare")
            .args(inputs)
            .args(["--format", "json"]),
    );
    Reports { html, json }
}

/// The seeds, compared once for all tests here (a comparison takes a while unoptimised).
fn seeds() -> &'static Reports {
    static SEEDS: OnceLock<Reports> = OnceLock::new();
    SEEDS.get_or_init(|| reports_of(&[root().join("seeds")]))
}

/// The RT seed with script payloads injected, compared with the TASS seed.
fn payloads() -> &'static Reports {
    static PAYLOADS: OnceLock<Reports> = OnceLock::new();
    PAYLOADS.get_or_init(|| {
        reports_of(&[
            root().join("fixtures/report/xss_rt.txt"),
            root().join("seeds/003_3bdfc0fa5141ee29.txt"),
        ])
    })
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("selector");
    doc.select(&selector).collect()
}

fn json_tags(json: &Value) -> Vec<&Value> {
    let groups = json["groups"].as_array().expect("groups");
    groups
        .iter()
        .flat_map(|g| {
            let members = g["members"].as_array().expect("members");
            members
                .iter()
                .flat_map(|m| m["tags"].as_array().expect("tags"))
                .chain(g["tags"].as_array().expect("group tags"))
        })
        .collect()
}

#[test]
fn html_report_is_one_self_contained_document() {
    let html = &seeds().html;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert_eq!(html.matches("<html").count(), 1);
    let doc = Html::parse_document(html);
    for element in select(&doc, "*") {
        for (name, value) in element.value().attrs() {
            if matches!(
                name,
                "href"
                    | "src"
                    | "srcset"
                    | "xlink:href"
                    | "action"
                    | "formaction"
                    | "poster"
                    | "data"
            ) {
                assert!(
                    value.starts_with('#'),
                    "<{}> {name}=\"{value}\" points outside the page",
                    element.value().name()
                );
            }
        }
    }
    assert_eq!(select(&doc, "script").len(), 1);
    assert_eq!(select(&doc, "style").len(), 1);
    assert!(!html.contains("url(") && !html.contains("@import"));
    assert!(
        select(&doc, "link").is_empty(),
        "no linked stylesheet or icon"
    );
}

#[test]
fn content_security_policy_allows_only_the_reports_own_script() {
    let doc = Html::parse_document(&seeds().html);
    let policy = select(&doc, "meta[http-equiv=\"Content-Security-Policy\"]")
        .first()
        .and_then(|m| m.value().attr("content"))
        .expect("a CSP meta element")
        .to_string();
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let script: String = select(&doc, "script")[0].text().collect();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()));
    assert!(
        policy.contains(&format!("script-src 'sha256-{hash}'")),
        "the policy must name the inline script's hash, or the filters would never run: {policy}"
    );
}

#[test]
fn html_report_shows_every_claim_group_of_the_json() {
    let Reports { html, json } = seeds();
    let doc = Html::parse_document(html);
    let claims = select(&doc, "article.claim");
    let groups = json["groups"].as_array().expect("groups");
    assert!(!groups.is_empty());
    assert_eq!(claims.len(), groups.len());
    for (claim, group) in claims.iter().zip(groups) {
        let id = group["id"].as_u64().expect("id");
        assert_eq!(
            claim.value().id(),
            Some(format!("claim-{}", id + 1).as_str())
        );
        let members = Selector::parse(".member").expect("selector");
        assert_eq!(
            claim.select(&members).count(),
            group["members"].as_array().expect("members").len(),
            "members of claim {}",
            id + 1
        );
    }
    assert_eq!(
        select(&doc, "#only-here li").len(),
        json["unmatched"].as_array().expect("unmatched").len()
    );
}

#[test]
fn every_tag_of_the_json_has_a_chip_and_a_filter() {
    let Reports { html, json } = seeds();
    let doc = Html::parse_document(html);
    let tags = json_tags(json);
    assert!(!tags.is_empty());
    assert_eq!(select(&doc, ".tag-item").len(), tags.len());
    let kinds: BTreeSet<&str> = tags.iter().filter_map(|t| t["kind"].as_str()).collect();
    let filters: BTreeSet<&str> = select(&doc, "input[name=kind]")
        .iter()
        .filter_map(|i| i.value().attr("value"))
        .collect();
    assert_eq!(filters, kinds);
    let outlets: Vec<&str> = select(&doc, "input[name=source]")
        .iter()
        .filter_map(|i| i.value().attr("value"))
        .collect();
    let sources: Vec<&str> = json["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(outlets, sources);
}

#[test]
fn differences_are_marked_by_line_style_not_only_colour() {
    let doc = Html::parse_document(&seeds().html);
    assert!(!select(&doc, ".claim del").is_empty() && !select(&doc, ".claim ins").is_empty());
    let css: String = select(&doc, "style")[0].text().collect();
    assert!(css.contains("ins { text-decoration: underline"));
    assert!(css.contains("del { text-decoration: line-through"));
    assert!(css.contains("@media print"));
}

#[test]
fn html_escapes_article_text() {
    let Reports { html, json } = payloads();
    assert!(!json["groups"].as_array().expect("groups").is_empty());
    assert!(html.contains(
        "&lt;script&gt;document.body.setAttribute('data-pwned','script')&lt;/script&gt;"
    ));
    assert!(html.contains(
        "&lt;img src=x onerror=&quot;document.body.setAttribute('data-pwned','img')&quot;&gt;"
    ));
    assert!(
        html.contains("RT&lt;img src=x onerror="),
        "the outlet name is escaped"
    );
    assert!(html.contains("&lt;/title&gt;&lt;script&gt;document.title='pwned'"));
    let doc = Html::parse_document(html);
    for element in select(&doc, "*") {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "event handler {name} on <{}>",
                element.value().name()
            );
            assert!(
                !value
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:"),
                "javascript: URL in {name}"
            );
        }
    }
    assert_eq!(select(&doc, "script").len(), 1);
    assert!(select(&doc, "img").is_empty());
    assert!(select(&doc, "b[onmouseover]").is_empty());
    assert!(select(&doc, "#pwned").is_empty());
}
