//! One comparison of two or three arbitrary texts through all four renderers, checking that
//! article text is inert in each: no escape sequence or BEL reaches the terminal, no markup
//! from the input reaches HTML or Markdown, and the JSON parses.
#![no_main]

use claimdiff::render::{html, json, markdown, terminal, ReportOptions};
use claimdiff_fuzz::comparison;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(comparison) = comparison(data) else {
        return;
    };

    for color in [false, true] {
        let options = ReportOptions { color, width: 80 };
        let mut out = Vec::new();
        terminal::write_report(&mut out, &comparison, &options).expect("write to memory");
        let out = String::from_utf8(out).expect("terminal output is UTF-8");
        assert!(!out.contains('\u{7}'), "BEL in terminal output");
        assert!(!out.contains(['\u{9b}', '\u{9d}']), "C1 control in terminal output");
        for (at, _) in out.match_indices('\u{1b}') {
            // Only the report's own SGR sequences (colour and style), only with colour on.
            assert!(color, "ESC in uncoloured terminal output");
            let rest = &out[at + 1..];
            let sgr = rest.strip_prefix('[').map(|params| {
                let end = params
                    .find(|c: char| !(c.is_ascii_digit() || c == ';'))
                    .unwrap_or(params.len());
                params[end..].starts_with('m')
            });
            assert_eq!(sgr, Some(true), "non-SGR escape in terminal output");
        }
    }

    let page = html::report_to_string(&comparison).to_ascii_lowercase();
    assert_eq!(page.matches("<script").count(), 1, "a script element from the input");
    assert!(!page.contains('\u{1b}'), "ESC in HTML output");

    let mut md = Vec::new();
    markdown::write_report(&mut md, &comparison, &ReportOptions::default()).expect("write");
    let md = String::from_utf8(md).expect("markdown is UTF-8").to_ascii_lowercase();
    assert!(!md.contains(['\u{1b}', '\u{7}']), "control character in Markdown");
    for (at, _) in md.match_indices('<') {
        let rest = &md[at..];
        let own_markup = ["<ins>", "</ins>", "<del>", "</del>", "<br>"]
            .iter()
            .any(|tag| rest.starts_with(tag));
        assert!(
            own_markup || md[..at].ends_with('\\'),
            "unescaped < in Markdown: {:?}",
            &rest[..rest.len().min(40)]
        );
    }

    let value: serde_json::Value =
        serde_json::from_str(&json::compare_to_string(&comparison)).expect("JSON parses");
    assert!(value.is_object());
});
