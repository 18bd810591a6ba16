//! The HTML report in a real headless Chromium.
//!
//! Run with `cargo test --test browser`. The report of the seeds and of the XSS fixture
//! (`fixtures/report/xss_rt.txt`, compared with the TASS seed) is loaded from `file://`;
//! the test reads the DOM after scripts ran and saves screenshots to
//! `target/browser/*.png`. Without Chromium (`/usr/bin/chromium`, or `chromium` or
//! `chromium-browser` on PATH) the tests print a skip note and pass, unless
//! `CLAIMDIFF_REQUIRE_BROWSER=1` (as `.ci/run` sets), which makes a missing browser a
//! failure. `worksheet.rs` drives the HTML worksheet over WebDriver (chromedriver).

use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use scraper::{Html, Selector};

mod worksheet;

/// How long one Chromium run may take before it is killed.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(60);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `target/browser/`, where reports and screenshots are kept for people to look at.
fn out_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(&tmp).join("browser");
    fs::create_dir_all(&dir).expect("create target/browser");
    dir
}

fn find_chromium() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser, or `None` after printing why the test is skipped. Panics instead when
/// `CLAIMDIFF_REQUIRE_BROWSER=1`.
fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        if std::env::var("CLAIMDIFF_REQUIRE_BROWSER").as_deref() == Ok("1") {
            panic!("{test}: Chromium not found and CLAIMDIFF_REQUIRE_BROWSER=1 (install Debian's `chromium`)");
        }
        eprintln!(
            "{test}: skipped, Chromium not found (set CLAIMDIFF_REQUIRE_BROWSER=1 to fail instead)"
        );
    }
    found
}

fn claimdiff(args: &[OsString]) -> std::process::Output {
    let output = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .output()
        .expect("run claimdiff");
    assert!(
        output.status.success(),
        "claimdiff {:?} failed: {}",
        args,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Writes the HTML report of `inputs` to `target/browser/<name>.html` and returns its path
/// and the JSON report of the same inputs.
fn report(inputs: &[PathBuf], name: &str) -> (PathBuf, serde_json::Value) {
    let html = out_dir().join(format!("{name}.html"));
    let mut args: Vec<OsString> = vec!["compare".into()];
    args.extend(inputs.iter().map(|p| p.clone().into_os_string()));
    let mut html_args = args.clone();
    html_args.extend([
        "--format".into(),
        "html".into(),
        "-o".into(),
        html.clone().into_os_string(),
    ]);
    claimdiff(&html_args);
    let mut json_args = args;
    json_args.extend(["--format".into(), "json".into()]);
    let json: serde_json::Value =
        serde_json::from_slice(&claimdiff(&json_args).stdout).expect("JSON report");
    (html, json)
}

fn group_count(json: &serde_json::Value) -> usize {
    json["groups"].as_array().expect("groups").len()
}

/// The seeds' report, made once for the tests that share it.
fn seeds_report() -> &'static (PathBuf, serde_json::Value) {
    static SEEDS: OnceLock<(PathBuf, serde_json::Value)> = OnceLock::new();
    SEEDS.get_or_init(|| report(&[root().join("seeds")], "seeds"))
}

/// The page's `file://` URL; the path is percent-encoded where a URL needs it.
fn file_url(path: &Path, fragment: &str) -> String {
    let absolute = fs::canonicalize(path).expect("report path");
    let mut url = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url.push_str(fragment);
    url
}

/// Runs headless Chromium with `extra` arguments on `url`; returns its stdout. A new
/// profile directory per run; killed after [`BROWSER_TIMEOUT`]; one retry when a run
/// fails, as a first start can crash on a cold machine.
fn run_chromium(
    browser: &Path,
    extra: &[String],
    url: &str,
    done: impl Fn(&str) -> bool,
) -> String {
    let mut last_error = String::new();
    for attempt in 1..=2 {
        match run_chromium_once(browser, extra, url) {
            Ok(stdout) if done(&stdout) => return stdout,
            Ok(stdout) => {
                last_error = format!(
                    "attempt {attempt}: incomplete output ({} bytes)",
                    stdout.len()
                )
            }
            Err(error) => last_error = format!("attempt {attempt}: {error}"),
        }
    }
    panic!("Chromium did not render {url}: {last_error}");
}

fn run_chromium_once(browser: &Path, extra: &[String], url: &str) -> Result<String, String> {
    let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
    let logs = tempfile::tempdir().map_err(|e| e.to_string())?;
    let stdout_path = logs.path().join("stdout");
    let stderr_path = logs.path().join("stderr");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--disable-extensions",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout_path).map_err(|e| e.to_string())?)
        .stderr(fs::File::create(&stderr_path).map_err(|e| e.to_string())?)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", browser.display()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) => break status,
            None if started.elapsed() > BROWSER_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {BROWSER_TIMEOUT:?}"));
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    let mut stdout = String::new();
    fs::File::open(&stdout_path)
        .and_then(|mut f| f.read_to_string(&mut stdout))
        .map_err(|e| e.to_string())?;
    if !status.success() {
        let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
        let tail: String = stderr.lines().rev().take(5).collect::<Vec<_>>().join(" | ");
        return Err(format!("exit {status}: {tail}"));
    }
    Ok(stdout)
}

/// The DOM after the page's scripts ran, the page opened at `fragment` (may be empty).
fn rendered_dom(browser: &Path, page: &Path, fragment: &str) -> Html {
    let url = file_url(page, fragment);
    let dom = run_chromium(browser, &["--dump-dom".to_string()], &url, |out| {
        out.contains("</html>")
    });
    Html::parse_document(&dom)
}

/// Saves a screenshot next to the report and checks it is a PNG.
fn screenshot(browser: &Path, page: &Path) -> PathBuf {
    let png = page.with_extension("png");
    let _ = fs::remove_file(&png);
    let args = [
        format!("--screenshot={}", png.display()),
        "--window-size=1280,2000".to_string(),
        "--hide-scrollbars".to_string(),
    ];
    run_chromium(browser, &args, &file_url(page, ""), |_| png.is_file());
    let bytes = fs::read(&png).expect("screenshot written");
    assert!(
        bytes.starts_with(b"\x89PNG"),
        "{} is not a PNG",
        png.display()
    );
    eprintln!("screenshot: {}", png.display());
    png
}

fn select<'a>(dom: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("selector");
    dom.select(&selector).collect()
}

fn text_of(element: scraper::ElementRef<'_>) -> String {
    element.text().collect()
}

/// Every URL-bearing attribute points inside the page, and the style loads nothing.
fn assert_no_external_resources(html: &str) {
    let doc = Html::parse_document(html);
    for element in select(&doc, "*") {
        for (name, value) in element.value().attrs() {
            if matches!(
                name,
                "href"
                    | "src"
                    | "xlink:href"
                    | "action"
                    | "formaction"
                    | "poster"
                    | "data"
                    | "srcset"
            ) {
                assert!(
                    value.starts_with('#'),
                    "<{}> {name}=\"{value}\" points outside the page",
                    element.value().name()
                );
            }
        }
    }
    for style in select(&doc, "style") {
        let css = text_of(style);
        assert!(
            !css.contains("url(") && !css.contains("@import"),
            "the style loads something"
        );
    }
}

fn assert_script_ran_and_groups_shown(dom: &Html, groups: usize) {
    let body = select(dom, "body").into_iter().next().expect("body");
    assert_eq!(
        body.value().attr("data-ready"),
        Some("1"),
        "the report's own script did not run"
    );
    assert_eq!(
        select(dom, "article.claim").len(),
        groups,
        "claim groups in the page vs the JSON"
    );
    let status = select(dom, "#filter-status")
        .into_iter()
        .next()
        .expect("filter status");
    assert_eq!(
        text_of(status),
        format!("{groups} of {groups} claims shown")
    );
}

#[test]
fn seeds_report_renders_every_claim_group_in_chromium() {
    let Some(browser) = chromium_or_skip("seeds_report_renders_every_claim_group_in_chromium")
    else {
        return;
    };
    let (page, json) = seeds_report();
    let groups = group_count(json);
    assert!(groups > 0, "the seeds have shared claims");
    assert_no_external_resources(&fs::read_to_string(page).expect("report"));
    let dom = rendered_dom(&browser, page, "");
    assert_script_ran_and_groups_shown(&dom, groups);
    assert!(!select(&dom, ".heatmap").is_empty(), "coverage heat map");
    assert!(!select(&dom, ".framing").is_empty(), "framing chart");
    assert!(
        !select(&dom, "del").is_empty() && !select(&dom, "ins").is_empty(),
        "word diff marks"
    );
    screenshot(&browser, page);
}

#[test]
fn injected_markup_in_articles_shows_as_text_and_never_runs() {
    let Some(browser) =
        chromium_or_skip("injected_markup_in_articles_shows_as_text_and_never_runs")
    else {
        return;
    };
    // The file name carries a payload too; it is made here because such a name is not
    // fit to commit.
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = dir
        .path()
        .join("<svg onload=document.body.setAttribute('data-pwned','path')>.txt");
    fs::copy(root().join("fixtures/report/xss_rt.txt"), &hostile).expect("copy fixture");
    let tass = root().join("seeds/003_3bdfc0fa5141ee29.txt");
    let (page, json) = report(&[hostile, tass], "xss");
    let groups = group_count(&json);
    assert!(groups > 0, "the payload sentences align with TASS's");
    assert_no_external_resources(&fs::read_to_string(&page).expect("report"));

    let dom = rendered_dom(&browser, &page, "");
    assert_script_ran_and_groups_shown(&dom, groups);
    let body = select(&dom, "body").into_iter().next().expect("body");
    assert_eq!(body.value().attr("data-pwned"), None, "a payload ran");
    assert!(
        select(&dom, "#pwned").is_empty(),
        "a payload ran and made #pwned"
    );
    let title = select(&dom, "title")
        .into_iter()
        .next()
        .map(text_of)
        .unwrap_or_default();
    assert_ne!(title, "pwned", "a payload set the title");
    // No payload became markup: no event handler, no javascript: link, one script.
    for element in select(&dom, "*") {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "<{}> has an event handler {name}",
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
    assert_eq!(
        select(&dom, "script").len(),
        1,
        "only the report's own script"
    );
    assert!(select(&dom, "img").is_empty() && select(&dom, "b[onmouseover]").is_empty());

    // The payloads are shown as the text they are: in the sentences (in a claim group or
    // among the claims only one outlet reports, as alignment decides), the outlet name and
    // the file path.
    let sentences: String = select(&dom, "#claims, #only-here")
        .into_iter()
        .map(text_of)
        .collect();
    assert!(
        sentences
            .contains("<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"),
        "img payload shown as text"
    );
    let articles: String = select(&dom, "#articles").into_iter().map(text_of).collect();
    assert!(
        articles.contains("<b onmouseover="),
        "outlet payload shown as text"
    );
    assert!(
        articles.contains("<svg onload=document.body.setAttribute('data-pwned','path')>.txt"),
        "path payload shown as text"
    );
    assert!(
        articles.contains("</title><script>document.title='pwned'</script>"),
        "title payload shown as text"
    );
    let only_here: String = select(&dom, "#only-here")
        .into_iter()
        .map(text_of)
        .collect();
    assert!(
        only_here.contains("<script>document.body.setAttribute('data-pwned','script')</script>")
    );
    screenshot(&browser, &page);
}

#[test]
fn filters_in_the_address_hide_an_outlet_and_tag_kinds() {
    let Some(browser) = chromium_or_skip("filters_in_the_address_hide_an_outlet_and_tag_kinds")
    else {
        return;
    };
    let (page, json) = seeds_report();
    let groups = json["groups"].as_array().expect("groups");
    let tags_of = |group: &serde_json::Value| -> Vec<(String, String)> {
        // (source of the member the tag is listed under, or "" for group tags; kind)
        let members = group["members"].as_array().expect("members");
        let member_tags = members.iter().flat_map(|m| {
            let source = m["source"].as_str().unwrap_or("").to_string();
            m["tags"]
                .as_array()
                .expect("tags")
                .iter()
                .map(move |t| (source.clone(), t["kind"].as_str().unwrap_or("").to_string()))
        });
        let group_tags = group["tags"]
            .as_array()
            .expect("group tags")
            .iter()
            .map(|t| (String::new(), t["kind"].as_str().unwrap_or("").to_string()));
        member_tags.chain(group_tags).collect()
    };
    // Hide the first outlet and every tag kind but one; keep only claims with a shown tag.
    let hidden_source = json["sources"][0]["id"]
        .as_str()
        .expect("source id")
        .to_string();
    let kept_kind = "label";
    let mut hidden_kinds: Vec<String> = groups
        .iter()
        .flat_map(|g| tags_of(g).into_iter().map(|(_, kind)| kind))
        .filter(|kind| kind != kept_kind)
        .collect();
    hidden_kinds.sort();
    hidden_kinds.dedup();
    let expected = groups
        .iter()
        .filter(|group| {
            let members = group["members"].as_array().expect("members");
            let any_shown = members
                .iter()
                .any(|m| m["source"] != hidden_source.as_str());
            let shown_tags = tags_of(group)
                .iter()
                .filter(|(source, kind)| *source != hidden_source && kind == kept_kind)
                .count();
            any_shown && shown_tags > 0
        })
        .count();
    assert!(
        0 < expected && expected < groups.len(),
        "the filter must change something"
    );

    let fragment = format!(
        "#filter?hide={hidden_source},{}&tagged-only",
        hidden_kinds.join(",")
    );
    let dom = rendered_dom(&browser, page, &fragment);
    assert_eq!(select(&dom, "article.claim:not([hidden])").len(), expected);
    let status = select(&dom, "#filter-status")
        .into_iter()
        .next()
        .map(text_of)
        .unwrap_or_default();
    assert_eq!(
        status,
        format!("{expected} of {} claims shown", groups.len())
    );
    for member in select(&dom, &format!(".member[data-source={hidden_source}]")) {
        assert!(
            member.value().attr("hidden").is_some(),
            "a member of the hidden outlet shows"
        );
    }
    for item in select(&dom, ".tag-item") {
        let shown = item.value().attr("hidden").is_none();
        assert_eq!(
            shown,
            item.value().attr("data-kind") == Some(kept_kind),
            "tag filter"
        );
    }
}
