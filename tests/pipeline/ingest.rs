//! Ingest and cleaning against the seeds gold, every input kind, and every input error.

use std::path::{Path, PathBuf};

use claimdiff::ingest::boilerplate::{self, is_boilerplate_reason, Rules};
use claimdiff::ingest::{self, IngestOptions};
use claimdiff::model::{Cleaned, Document, OutletFrom};
use claimdiff::Error;

use crate::support::{gold, root, seed_names, seed_path};

fn fixture(name: &str) -> PathBuf {
    root().join("fixtures/ingest").join(name)
}

fn read_one(path: &Path) -> Document {
    let mut docs = ingest::read_inputs(&[path.to_path_buf()], &IngestOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(docs.len(), 1, "{}", path.display());
    docs.remove(0)
}

fn read_err(path: &Path) -> Error {
    match ingest::read_inputs(&[path.to_path_buf()], &IngestOptions::default()) {
        Ok(docs) => panic!("{} read as {} documents", path.display(), docs.len()),
        Err(e) => e,
    }
}

fn clean(doc: &Document) -> Cleaned {
    boilerplate::clean(doc, &Rules::builtin())
}

fn gold_str(value: &serde_json::Value) -> Option<&str> {
    value.as_str()
}

/// How a seed reached the cleaner.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    /// As plain text, boilerplate and all.
    Text,
    /// Inside an HTML page: the title comes from the markup and page furniture (the gold
    /// boilerplate among it) never reaches the text.
    Page,
}

/// Everything wrong with how `cleaned` handles seed `name`, as a gold match is defined:
/// the title and dateline equal the gold's; each gold boilerplate snippet lies in exactly
/// one boilerplate removal and each such removal holds exactly one snippet; the standfirst
/// is removed as such; every gold sentence is kept and nothing else is.
fn gold_mismatches(name: &str, doc: &Document, cleaned: &Cleaned, form: Form) -> Vec<String> {
    let gold = gold();
    let source = &gold["sources"][name];
    let mut problems = Vec::new();
    let title = match form {
        Form::Text => cleaned.title.as_deref(),
        Form::Page => doc.meta.title.as_deref(),
    };
    if title != gold_str(&source["title"]) {
        problems.push(format!("title {title:?} != gold {:?}", source["title"]));
    }
    if cleaned.dateline.as_deref() != gold_str(&source["dateline"]) {
        problems.push(format!(
            "dateline {:?} != gold {:?}",
            cleaned.dateline, source["dateline"]
        ));
    }
    if form == Form::Text {
        let snippets: Vec<&str> = source["boilerplate"]
            .as_array()
            .expect("gold boilerplate")
            .iter()
            .filter_map(|s| s.as_str())
            .collect();
        let junk: Vec<_> = cleaned
            .removed
            .iter()
            .filter(|r| is_boilerplate_reason(&r.reason))
            .collect();
        for snippet in &snippets {
            let holders = junk.iter().filter(|r| r.text.contains(snippet)).count();
            if holders != 1 {
                problems.push(format!(
                    "gold boilerplate {snippet:?} is in {holders} removals"
                ));
            }
        }
        for removal in &junk {
            let held = snippets
                .iter()
                .filter(|s| removal.text.contains(*s))
                .count();
            if held != 1 {
                problems.push(format!(
                    "removal {:?} ({}) holds {held} gold snippets",
                    removal.text, removal.reason
                ));
            }
        }
    }
    if let Some(standfirst) = gold_str(&source["standfirst"]).filter(|_| form == Form::Text) {
        let removed = cleaned
            .removed
            .iter()
            .any(|r| r.reason == "standfirst" && r.text.trim() == standfirst.trim());
        if !removed {
            problems.push(format!(
                "standfirst {standfirst:?} not removed as `standfirst`"
            ));
        }
    }
    // Gold sentences, located in order, must each lie inside one kept range …
    let mut spans = Vec::new();
    let mut from = doc.body.start;
    for sentence in gold["sentences"][name].as_array().expect("gold sentences") {
        let sentence = sentence.as_str().expect("sentence");
        let Some(at) = doc.text[from..].find(sentence) else {
            problems.push(format!("gold sentence not in text: {sentence:?}"));
            continue;
        };
        let span = from + at..from + at + sentence.len();
        from = span.end;
        if !cleaned
            .kept
            .iter()
            .any(|k| k.start <= span.start && span.end <= k.end)
        {
            problems.push(format!("gold sentence not kept: {sentence:?}"));
        }
        spans.push(span);
    }
    // … and nothing else may be kept.
    for kept in &cleaned.kept {
        for (offset, ch) in doc.text[kept.clone()].char_indices() {
            let at = kept.start + offset;
            if !ch.is_whitespace() && !spans.iter().any(|s| s.contains(&at)) {
                let end = doc.text[at..]
                    .char_indices()
                    .nth(40)
                    .map_or(doc.text.len(), |(i, _)| at + i);
                problems.push(format!(
                    "kept text outside gold sentences: {:?}",
                    &doc.text[at..end]
                ));
                break;
            }
        }
    }
    problems
}

#[test]
fn seeds_title_dateline_boilerplate_and_body_match_gold_exactly() {
    let mut problems = Vec::new();
    for name in seed_names() {
        let doc = read_one(&seed_path(&name));
        let cleaned = clean(&doc);
        for problem in gold_mismatches(&name, &doc, &cleaned, Form::Text) {
            problems.push(format!("{name}: {problem}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn headline_printed_twice_is_title_then_duplicate() {
    let doc = read_one(&seed_path("001_2938f989492e409a.txt"));
    let cleaned = clean(&doc);
    let reasons: Vec<&str> = cleaned
        .removed
        .iter()
        .filter(|r| r.text.starts_with("Russia, US stress need"))
        .map(|r| r.reason.as_str())
        .collect();
    assert_eq!(reasons, ["title", "duplicate-title"]);
}

#[test]
fn standfirst_repeated_in_body_keeps_the_body_occurrence() {
    let doc = read_one(&seed_path("003_3bdfc0fa5141ee29.txt"));
    let cleaned = clean(&doc);
    let body_copy = "Apart from that, Lavrov and Kerry expressed concern over humanitarian consequences of the conflict in Yemen.";
    let at = doc.text.find(body_copy).expect("body copy");
    assert!(cleaned
        .kept
        .iter()
        .any(|k| k.start <= at && at + body_copy.len() <= k.end));
}

#[test]
fn removals_record_exact_source_text_and_spans() {
    for name in seed_names() {
        let doc = read_one(&seed_path(&name));
        let cleaned = clean(&doc);
        let mut last_end = 0;
        for removal in &cleaned.removed {
            assert_eq!(doc.text[removal.start..removal.end], removal.text, "{name}");
            assert!(removal.start >= last_end, "{name}: removals overlap");
            last_end = removal.end;
        }
        let mut last = 0;
        for kept in &cleaned.kept {
            assert!(
                kept.start >= last && kept.start < kept.end,
                "{name}: kept out of order"
            );
            last = kept.end;
        }
    }
}

#[test]
fn seeds_dates_and_outlet_cues_come_from_the_text() {
    let cases = [
        ("000_c276cc8304693b7a.txt", Some("IANS"), None),
        ("001_2938f989492e409a.txt", None, Some("2016-03-01")),
        ("002_24d9cc06be2b6f2c.txt", None, None),
        ("003_3bdfc0fa5141ee29.txt", Some("TASS"), None),
        (
            "004_24517e343194237b.txt",
            Some("Xinhua"),
            Some("2015-12-16"),
        ),
    ];
    for (name, cue, date) in cases {
        let cleaned = clean(&read_one(&seed_path(name)));
        assert_eq!(cleaned.outlet_cue.as_deref(), cue, "{name}");
        assert_eq!(cleaned.date.as_deref(), date, "{name}");
    }
}

#[test]
fn seeds_directory_reads_sidecar_outlets_and_dates_matching_gold() {
    let docs = ingest::read_inputs(&[root().join("seeds")], &IngestOptions::default()).unwrap();
    let names: Vec<String> = docs
        .iter()
        .map(|d| {
            Path::new(&d.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        names,
        seed_names(),
        "directory files, sorted, sources.toml not an article"
    );
    let gold = gold();
    for (doc, name) in docs.iter().zip(&names) {
        let source = &gold["sources"][name.as_str()];
        let gold_outlet = source["outlet"].as_str().unwrap();
        let gold_outlet = gold_outlet.split(" (").next().unwrap();
        assert_eq!(doc.meta.outlet.as_deref(), Some(gold_outlet), "{name}");
        assert_eq!(doc.meta.outlet_from, Some(OutletFrom::Sidecar), "{name}");
        assert_eq!(doc.meta.date.as_deref(), source["date"].as_str(), "{name}");
    }
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["s1", "s2", "s3", "s4", "s5"]);
}

#[test]
fn html_page_gives_title_metadata_and_seed_body_without_furniture() {
    let doc = read_one(&fixture("tass_page.html"));
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Lavrov, Kerry note ceasefire progress in Syria - Russian foreign ministry")
    );
    assert_eq!(doc.meta.outlet.as_deref(), Some("TASS"));
    assert_eq!(doc.meta.date.as_deref(), Some("2016-03-06"));
    assert_eq!(
        doc.meta.url.as_deref(),
        Some("https://tass.com/politics/860760")
    );
    assert_eq!(doc.meta.lang.as_deref(), Some("en"));
    for furniture in [
        "Facebook",
        "dataLayer",
        "Tracking pixel",
        "Related news",
        "Copying is prohibited",
        "font-family",
        "All news",
    ] {
        assert!(
            !doc.text.contains(furniture),
            "{furniture} leaked into {:?}",
            doc.text
        );
    }
    let cleaned = clean(&doc);
    let problems = gold_mismatches("003_3bdfc0fa5141ee29.txt", &doc, &cleaned, Form::Page);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn html_page_without_paragraphs_falls_back_to_its_text_blocks() {
    let doc = read_one(&fixture("xinhua_page.html"));
    for furniture in ["Business", "fontSize", "Facebook", "Copyright"] {
        assert!(
            !doc.text.contains(furniture),
            "{furniture} leaked into {:?}",
            doc.text
        );
    }
    assert_eq!(doc.meta.outlet_from, Some(OutletFrom::Filename));
    let cleaned = clean(&doc);
    assert_eq!(cleaned.date.as_deref(), Some("2015-12-16"));
    let problems = gold_mismatches("004_24517e343194237b.txt", &doc, &cleaned, Form::Text);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn json_lines_records_are_articles_with_metadata() {
    let path = fixture("seeds.jsonl");
    let docs = ingest::read_inputs(std::slice::from_ref(&path), &IngestOptions::default()).unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0].path, format!("{}:1", path.display()));
    assert_eq!(docs[1].meta.outlet.as_deref(), Some("Xinhua"));
    assert_eq!(docs[1].meta.outlet_from, Some(OutletFrom::Header));
    assert_eq!(
        docs[1].meta.extra.get("id").map(String::as_str),
        Some("xinhua-1")
    );
    assert!(docs[1]
        .meta
        .url
        .as_deref()
        .unwrap()
        .starts_with("http://www.china.org.cn/"));
    for (doc, name) in docs.iter().zip([
        "000_c276cc8304693b7a.txt",
        "004_24517e343194237b.txt",
        "002_24d9cc06be2b6f2c.txt",
    ]) {
        let problems = gold_mismatches(name, doc, &clean(doc), Form::Text);
        assert!(problems.is_empty(), "{name}: {}", problems.join("\n"));
    }
}

#[test]
fn utf16_and_windows_1252_seeds_decode_and_clean_like_the_originals() {
    let cases = [
        ("xinhua_utf16le.txt", "UTF-16LE", "004_24517e343194237b.txt"),
        ("ians_utf16be.txt", "UTF-16BE", "000_c276cc8304693b7a.txt"),
        (
            "rt_windows1252.txt",
            "windows-1252",
            "001_2938f989492e409a.txt",
        ),
    ];
    for (file, encoding, seed) in cases {
        let doc = read_one(&fixture(file));
        assert_eq!(doc.encoding, encoding, "{file}");
        assert_eq!(
            doc.text,
            std::fs::read_to_string(seed_path(seed)).unwrap(),
            "{file}"
        );
        let problems = gold_mismatches(seed, &doc, &clean(&doc), Form::Text);
        assert!(problems.is_empty(), "{file}: {}", problems.join("\n"));
    }
}

#[test]
fn utf8_bom_and_crlf_keep_file_offsets() {
    let path = fixture("presstv_bom_crlf.txt");
    let doc = read_one(&path);
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(doc.body.start, 3, "body starts after the BOM");
    assert_eq!(
        doc.text.as_bytes(),
        std::fs::read(&path).unwrap().as_slice()
    );
    let cleaned = clean(&doc);
    let sign_off = cleaned.removed.last().unwrap();
    assert_eq!(
        (sign_off.text.as_str(), sign_off.reason.as_str()),
        ("S/SH 11", "sign-off")
    );
    assert!(cleaned.title.is_none());
}

#[test]
fn header_gives_metadata_and_body_starts_after_it() {
    let doc = read_one(&fixture("tass_header.txt"));
    assert_eq!(doc.meta.outlet.as_deref(), Some("TASS"));
    assert_eq!(doc.meta.outlet_from, Some(OutletFrom::Header));
    assert_eq!(doc.meta.date.as_deref(), Some("2016-03-06"));
    assert_eq!(doc.meta.lang.as_deref(), Some("en"));
    assert_eq!(
        doc.meta.extra.get("section").map(String::as_str),
        Some("Politics")
    );
    assert!(doc.text[doc.body.clone()].starts_with("All news"));
    let cleaned = clean(&doc);
    assert_eq!(cleaned.removed[0].reason, "header");
    let problems = gold_mismatches("003_3bdfc0fa5141ee29.txt", &doc, &cleaned, Form::Text);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn header_outlet_wins_over_sidecar_and_sidecar_over_label() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sources.toml"),
        "[\"a.txt\"]\noutlet = \"Sidecar Outlet\"\ndate = \"2016-01-02\"\n[\"b.txt\"]\noutlet = \"B Outlet\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "outlet: Header Outlet\n---\nBody one.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), "Body two.\n").unwrap();
    std::fs::write(dir.path().join("c.txt"), "Body three.\n").unwrap();
    let options = IngestOptions {
        label: Some("Label Outlet".into()),
        ..IngestOptions::default()
    };
    let docs = ingest::read_inputs(&[dir.path().to_path_buf()], &options).unwrap();
    let outlets: Vec<(Option<&str>, Option<OutletFrom>)> = docs
        .iter()
        .map(|d| (d.meta.outlet.as_deref(), d.meta.outlet_from))
        .collect();
    assert_eq!(
        outlets,
        [
            (Some("Header Outlet"), Some(OutletFrom::Header)),
            (Some("B Outlet"), Some(OutletFrom::Sidecar)),
            (Some("Label Outlet"), Some(OutletFrom::Label)),
        ]
    );
    assert_eq!(
        docs[0].meta.date.as_deref(),
        Some("2016-01-02"),
        "fields merge one by one"
    );
}

#[test]
fn meta_option_names_outlets_for_files_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let meta = dir.path().join("mine.toml");
    std::fs::write(
        &meta,
        "[\"rt_windows1252.txt\"]\noutlet = \"RT\"\ndate = \"2016-03-01\"\n",
    )
    .unwrap();
    let options = IngestOptions {
        meta_file: Some(meta),
        ..IngestOptions::default()
    };
    let docs = ingest::read_inputs(&[fixture("rt_windows1252.txt")], &options).unwrap();
    assert_eq!(docs[0].meta.outlet_from, Some(OutletFrom::Sidecar));
    assert_eq!(docs[0].meta.date.as_deref(), Some("2016-03-01"));
}

#[test]
fn file_name_names_the_outlet_when_nothing_else_does() {
    let doc = read_one(&fixture("rt_windows1252.txt"));
    assert_eq!(doc.meta.outlet.as_deref(), Some("RT"));
    assert_eq!(doc.meta.outlet_from, Some(OutletFrom::Filename));
}

#[test]
fn user_boilerplate_file_adds_rules() {
    let dir = tempfile::tempdir().unwrap();
    let rules_file = dir.path().join("rules.txt");
    std::fs::write(
        &rules_file,
        "[rules]\nsource-note any ^Lavrov pointed out\n",
    )
    .unwrap();
    let doc = read_one(&seed_path("001_2938f989492e409a.txt"));
    let mut extended = Rules::builtin();
    extended.extend_from_file(&rules_file).unwrap();
    for rules in [Rules::with_user_file(&rules_file).unwrap(), extended] {
        let cleaned = boilerplate::clean(&doc, &rules);
        assert!(cleaned
            .removed
            .iter()
            .any(|r| r.reason == "source-note" && r.text.starts_with("Lavrov pointed out")));
        assert!(
            cleaned.removed.iter().any(|r| r.reason == "teaser"),
            "built-in rules stay"
        );
    }
}

#[test]
fn bad_user_boilerplate_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let rules_file = dir.path().join("rules.txt");
    std::fs::write(&rules_file, "[rules]\nteaser any ^(READ\n").unwrap();
    let message = Rules::with_user_file(&rules_file).unwrap_err().to_string();
    assert!(message.contains("rules.txt:2"), "{message}");
    assert!(matches!(
        Rules::with_user_file(&dir.path().join("missing.txt")),
        Err(Error::NotFound { .. })
    ));
}

/// An error message is one line that names the file.
fn assert_one_line_naming(error: &Error, path: &Path) {
    let message = error.to_string();
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
}

#[test]
fn nonexistent_path_is_not_found() {
    let path = fixture("no_such_file.txt");
    let error = read_err(&path);
    assert!(matches!(error, Error::NotFound { .. }), "{error}");
    assert_one_line_naming(&error, &path);
}

#[test]
fn directory_without_articles_is_an_error() {
    let path = fixture("no_articles");
    let error = read_err(&path);
    assert!(matches!(error, Error::NoSupportedFiles { .. }), "{error}");
    assert_one_line_naming(&error, &path);
}

#[test]
fn empty_and_whitespace_only_files_are_errors() {
    for name in ["empty.txt", "whitespace.txt"] {
        let path = fixture(name);
        let error = read_err(&path);
        assert!(matches!(error, Error::Empty { .. }), "{error}");
        assert_one_line_naming(&error, &path);
    }
}

#[test]
fn binary_file_is_an_error() {
    let path = fixture("binary.txt");
    let error = read_err(&path);
    assert!(matches!(error, Error::Binary { .. }), "{error}");
    assert_one_line_naming(&error, &path);
}

#[test]
fn undecodable_bytes_are_an_error() {
    let path = fixture("broken_utf8.txt");
    let error = read_err(&path);
    assert!(matches!(error, Error::Decode { .. }), "{error}");
    assert_one_line_naming(&error, &path);
}

#[test]
fn file_over_the_size_limit_is_refused() {
    let path = seed_path("000_c276cc8304693b7a.txt");
    let options = IngestOptions {
        max_bytes: 100,
        ..IngestOptions::default()
    };
    let error = ingest::read_inputs(std::slice::from_ref(&path), &options).unwrap_err();
    assert!(
        matches!(error, Error::TooLarge { limit: 100, .. }),
        "{error}"
    );
    assert_one_line_naming(&error, &path);
}

#[test]
fn json_lines_record_without_text_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    std::fs::write(&path, "{\"text\": \"Fine.\"}\n{\"title\": \"no text\"}\n").unwrap();
    let error = read_err(&path);
    assert!(
        matches!(error, Error::Malformed { line: Some(2), .. }),
        "{error}"
    );
    assert_one_line_naming(&error, &path);
}

#[test]
fn malformed_sidecar_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sources.toml"), "[\"a.txt\"\noutlet = 1\n").unwrap();
    std::fs::write(dir.path().join("a.txt"), "Body.\n").unwrap();
    let error = read_err(&dir.path().join("a.txt"));
    assert!(matches!(error, Error::Malformed { .. }), "{error}");
    assert_one_line_naming(&error, &dir.path().join("sources.toml"));
}

#[cfg(unix)]
#[test]
fn fifo_is_refused_rather_than_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let error = read_err(&path);
    assert!(matches!(error, Error::NotAFile { .. }), "{error}");
    assert_one_line_naming(&error, &path);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Lines mixing body text with the shapes cleaning looks for, in any order.
    fn article_line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("MOSCOW, March 6. /TASS/. Lavrov said.".to_string()),
            Just("BEIRUT (Reuters) - ".to_string()),
            Just("READ MORE: something".to_string()),
            Just("1 Mar, 2016 18:37".to_string()),
            Just("S/SH 11".to_string()),
            Just("The talks went on. Endit".to_string()),
            Just("Headline without a period".to_string()),
            Just("---".to_string()),
            Just("outlet: TASS".to_string()),
            Just(String::new()),
            "\\PC{0,40}",
            "[ \t\u{a0}\u{feff}éё’“”—]{0,6}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn cleaning_any_text_gives_ordered_spans_on_char_boundaries(
            lines in proptest::collection::vec(article_line(), 0..12),
            crlf in any::<bool>(),
        ) {
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            let start = text.find("---\n").map_or(0, |at| at + 4);
            let doc = Document {
                id: "s1".into(),
                path: "p.txt".into(),
                body: start..text.len(),
                text,
                encoding: "UTF-8".into(),
                meta: Default::default(),
            };
            let cleaned = clean(&doc);
            let mut last = 0;
            for removal in &cleaned.removed {
                prop_assert!(removal.start >= last && removal.start <= removal.end);
                prop_assert!(doc.text.is_char_boundary(removal.start));
                prop_assert!(doc.text.is_char_boundary(removal.end));
                prop_assert_eq!(&doc.text[removal.start..removal.end], removal.text.as_str());
                last = removal.end;
            }
            let mut last = doc.body.start;
            for kept in &cleaned.kept {
                prop_assert!(kept.start >= last && kept.start < kept.end && kept.end <= doc.body.end);
                prop_assert!(doc.text.is_char_boundary(kept.start));
                prop_assert!(doc.text.is_char_boundary(kept.end));
                prop_assert!(!cleaned
                    .removed
                    .iter()
                    .any(|r| r.start < kept.end && kept.start < r.end));
                last = kept.end;
            }
        }

        #[test]
        fn any_bytes_read_as_a_document_or_a_one_line_error(
            bytes in proptest::collection::vec(any::<u8>(), 0..300),
            kind in 0..3usize,
        ) {
            let name = ["x.txt", "x.html", "x.jsonl"][kind];
            match ingest::read_bytes(Path::new(name), &bytes, &IngestOptions::default()) {
                Ok(docs) => {
                    for doc in docs {
                        prop_assert!(doc.text.get(doc.body.clone()).is_some());
                        let _ = clean(&doc);
                    }
                }
                Err(error) => prop_assert_eq!(error.to_string().lines().count(), 1),
            }
        }
    }
}

#[test]
fn a_background_read_gives_what_reading_here_gives() {
    let paths = [root().join("seeds"), fixture("tass_page.html")];
    let options = IngestOptions::default();
    let here = ingest::read_inputs(&paths, &options).unwrap();
    // On a pool whose thread may take the read, and on the calling thread alone.
    for threads in [2, 1] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let read = pool.install(|| {
            let reading = claimdiff::pipeline::BackgroundRead::start(&paths, &options);
            reading.finish().unwrap()
        });
        assert_eq!(read, here, "{threads} threads");
    }
    // Without waiting on a pool: the caller reads.
    let reading = claimdiff::pipeline::BackgroundRead::start(&paths, &options);
    assert_eq!(reading.finish().unwrap(), here);
}

#[test]
fn a_background_read_reports_the_error_reading_here_reports() {
    let paths = [
        root().join("seeds"),
        root().join("fixtures/no_such_article.txt"),
    ];
    let options = IngestOptions::default();
    let here = ingest::read_inputs(&paths, &options)
        .unwrap_err()
        .to_string();
    let reading = claimdiff::pipeline::BackgroundRead::start(&paths, &options);
    let background = reading.finish().unwrap_err().to_string();
    assert_eq!(background, here);
    assert!(here.contains("no_such_article.txt"), "{here}");
}
