//! The HTML worksheet (`claimdiff exercise --format html`) in headless Chromium, driven
//! over WebDriver by Debian's `chromedriver` (package `chromium-driver`): the page's
//! script runs, every answer is hidden until its button is pressed, a real click on a
//! choice and on "Show the answer" reveals that answer and marks the choices, and under
//! print media no answer or button shows. Skipped like the report tests when Chromium or
//! chromedriver is missing, unless `CLAIMDIFF_REQUIRE_BROWSER=1`.

use std::ffi::OsString;
use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::{
    assert_no_external_resources, chromium_or_skip, claimdiff, file_url, out_dir, rendered_dom,
    root, screenshot, select, text_of,
};

/// The W3C key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
/// How long chromedriver may take to start.
const DRIVER_START: Duration = Duration::from_secs(20);
/// How long one WebDriver request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

fn find_chromedriver() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromedriver");
    if fixed.is_file() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromedriver"))
        .find(|candidate| candidate.is_file())
}

/// Chromium and chromedriver, or `None` after printing why the test is skipped.
fn browser_and_driver_or_skip(test: &str) -> Option<(PathBuf, PathBuf)> {
    let browser = chromium_or_skip(test)?;
    match find_chromedriver() {
        Some(driver) => Some((browser, driver)),
        None if std::env::var("CLAIMDIFF_REQUIRE_BROWSER").as_deref() == Ok("1") => {
            panic!("{test}: chromedriver not found and CLAIMDIFF_REQUIRE_BROWSER=1 (install Debian's `chromium-driver`)")
        }
        None => {
            eprintln!("{test}: skipped, chromedriver not found");
            None
        }
    }
}

/// A running chromedriver and one browser session; both end when dropped.
struct Session {
    driver: Child,
    base: String,
    id: String,
    agent: ureq::Agent,
    _profile: tempfile::TempDir,
}

impl Session {
    fn start(browser: &Path, chromedriver: &Path) -> Session {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free local port")
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let agent = ureq::AgentBuilder::new().timeout(REQUEST_TIMEOUT).build();
        let profile = tempfile::tempdir().expect("profile dir");
        let mut session = Session {
            driver,
            base,
            id: String::new(),
            agent,
            _profile: profile,
        };
        let started = Instant::now();
        loop {
            let ready = session
                .agent
                .get(&format!("{}/status", session.base))
                .call()
                .ok()
                .and_then(|r| r.into_json::<Value>().ok())
                .is_some_and(|v| v["value"]["ready"] == true);
            if ready {
                break;
            }
            assert!(
                started.elapsed() < DRIVER_START,
                "chromedriver did not start within {DRIVER_START:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": browser.display().to_string(),
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--no-default-browser-check", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-extensions",
                        "--window-size=1100,1400",
                        format!("--user-data-dir={}", session._profile.path().display()),
                    ]
                }
            } }
        });
        let reply = session.request("POST", "/session", Some(capabilities));
        session.id = reply["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        session
    }

    /// One WebDriver request; panics with the driver's message on an error.
    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let request = self.agent.request(method, &url);
        let result = match body {
            Some(body) => request.send_json(body),
            None => request.call(),
        };
        match result {
            Ok(response) => response.into_json::<Value>().expect("JSON reply")["value"].clone(),
            Err(ureq::Error::Status(code, response)) => {
                let text = response.into_string().unwrap_or_default();
                panic!("WebDriver {method} {path}: {code} {text}")
            }
            Err(e) => panic!("WebDriver {method} {path}: {e}"),
        }
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.id)
    }

    fn open(&self, url: &str) {
        self.request(
            "POST",
            &self.session_path("/url"),
            Some(json!({ "url": url })),
        );
    }

    fn script(&self, code: &str) -> Value {
        self.request(
            "POST",
            &self.session_path("/execute/sync"),
            Some(json!({ "script": code, "args": [] })),
        )
    }

    /// Element ids matching a CSS selector.
    fn find_all(&self, css: &str) -> Vec<String> {
        let found = self.request(
            "POST",
            &self.session_path("/elements"),
            Some(json!({ "using": "css selector", "value": css })),
        );
        found
            .as_array()
            .expect("elements")
            .iter()
            .map(|e| {
                e[ELEMENT]
                    .as_str()
                    .unwrap_or_else(|| panic!("element id in {e}"))
                    .to_string()
            })
            .collect()
    }

    fn find(&self, css: &str) -> String {
        self.find_all(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element matches {css}"))
    }

    fn click(&self, element: &str) {
        self.request(
            "POST",
            &self.session_path(&format!("/element/{element}/click")),
            Some(json!({})),
        );
    }

    fn displayed(&self, element: &str) -> bool {
        self.request(
            "GET",
            &self.session_path(&format!("/element/{element}/displayed")),
            None,
        )
        .as_bool()
        .expect("a boolean")
    }

    /// Emulates a media type (`print`, or `` for the screen) through the DevTools protocol.
    fn emulate_media(&self, media: &str) {
        self.request(
            "POST",
            &self.session_path("/goog/cdp/execute"),
            Some(json!({ "cmd": "Emulation.setEmulatedMedia", "params": { "media": media } })),
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.id.is_empty() {
            let _ = self
                .agent
                .delete(&format!("{}/session/{}", self.base, self.id))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Writes a worksheet of `inputs` to `target/browser/<name>.html`.
fn worksheet(inputs: &[PathBuf], name: &str, extra: &[&str]) -> PathBuf {
    let page = out_dir().join(format!("{name}.html"));
    let mut args: Vec<OsString> = vec!["exercise".into()];
    args.extend(inputs.iter().map(|p| p.clone().into_os_string()));
    args.extend(["--format", "html", "-o"].map(OsString::from));
    args.push(page.clone().into_os_string());
    args.extend(extra.iter().map(OsString::from));
    claimdiff(&args);
    page
}

#[test]
fn worksheet_answers_stay_hidden_until_revealed_and_never_print() {
    let test = "worksheet_answers_stay_hidden_until_revealed_and_never_print";
    let Some((browser, driver)) = browser_and_driver_or_skip(test) else {
        return;
    };
    let page = worksheet(
        &[root().join("seeds")],
        "worksheet",
        &["--level", "easy", "--seed", "3"],
    );
    assert_no_external_resources(&fs::read_to_string(&page).expect("worksheet"));
    screenshot(&browser, &page);
    let session = Session::start(&browser, &driver);
    session.open(&file_url(&page, ""));
    assert_eq!(
        session.script("return document.body.getAttribute('data-ready');"),
        "1",
        "the worksheet's own script did not run"
    );

    let answers = session.find_all(".question .answer");
    assert!(answers.len() > 3, "the page holds the answers");
    for answer in &answers {
        assert!(
            !session.displayed(answer),
            "an answer shows before its reveal"
        );
    }

    // A student ticks a wrong outlet, then asks for the answer.
    let question = session.script(
        "var q = document.querySelector('.question[data-answer]'); return q ? q.id : null;",
    );
    let question = question.as_str().expect("a choice question").to_string();
    let right = session.script(&format!(
        "return document.getElementById('{question}').getAttribute('data-answer');"
    ));
    let right = right.as_str().expect("the right choice").to_string();
    let wrong = session.find(&format!("#{question} input:not([value='{right}'])"));
    session.click(&wrong);
    session.click(&session.find(&format!("#{question} .reveal")));
    let answer = session.find(&format!("#{question} .answer"));
    assert!(
        session.displayed(&answer),
        "the answer shows after its reveal"
    );
    let marks = session.script(&format!(
        "var q = document.getElementById('{question}');
         return [q.querySelectorAll('label.right').length, q.querySelectorAll('label.wrong').length,
                 q.querySelector('label.right input').value];"
    ));
    assert_eq!(
        marks,
        json!([1, 1, right]),
        "the right and the chosen wrong answer are marked"
    );
    let still_hidden = answers.iter().filter(|a| !session.displayed(a)).count();
    assert_eq!(still_hidden, answers.len() - 1, "only that answer shows");

    let shot = session.request("GET", &session.session_path("/screenshot"), None);
    let revealed = page.with_file_name("worksheet_revealed.png");
    fs::write(&revealed, base64_decode(shot.as_str().expect("base64 PNG"))).expect("save");
    eprintln!("screenshot: {}", revealed.display());

    // Printed: no answer, not even the revealed one, and no button; the text stays.
    session.emulate_media("print");
    assert!(!session.displayed(&answer), "a revealed answer prints");
    for button in session.find_all("button") {
        assert!(!session.displayed(&button), "a button prints");
    }
    assert!(
        session.displayed(&session.find(".passage")),
        "passages print"
    );
    session.emulate_media("");
    assert!(
        session.displayed(&answer),
        "back on screen the answer shows again"
    );

    // The print itself (W3C print): a PDF is made, kept for people to look at.
    let pdf = session.request(
        "POST",
        &session.session_path("/print"),
        Some(json!({ "background": true })),
    );
    let bytes = base64_decode(pdf.as_str().expect("base64 PDF"));
    assert!(bytes.starts_with(b"%PDF"), "the print is a PDF");
    let path = page.with_extension("pdf");
    fs::write(&path, bytes).expect("save the PDF");
    eprintln!("printed worksheet: {}", path.display());
}

#[test]
fn worksheet_shows_injected_markup_as_text_and_runs_none_of_it() {
    let test = "worksheet_shows_injected_markup_as_text_and_runs_none_of_it";
    let Some(browser) = chromium_or_skip(test) else {
        return;
    };
    let page = worksheet(
        &[
            root().join("fixtures/report/xss_rt.txt"),
            root().join("seeds/003_3bdfc0fa5141ee29.txt"),
        ],
        "worksheet_xss",
        &["--level", "easy", "--with-answers"],
    );
    let dom = rendered_dom(&browser, &page, "");
    let body = select(&dom, "body").into_iter().next().expect("body");
    assert_eq!(body.value().attr("data-ready"), Some("1"), "script ran");
    assert_eq!(body.value().attr("data-pwned"), None, "a payload ran");
    assert!(select(&dom, "img").is_empty() && select(&dom, "#pwned").is_empty());
    assert_eq!(select(&dom, "script").len(), 1, "only the page's script");
    for element in select(&dom, "*") {
        for (name, _) in element.value().attrs() {
            assert!(!name.starts_with("on"), "an event handler: {name}");
        }
    }
    let shown: String = select(&dom, ".exercise, .key")
        .into_iter()
        .map(text_of)
        .collect();
    assert!(
        shown.contains("<b onmouseover="),
        "the outlet payload is shown as text"
    );
}

/// Standard base64, as WebDriver sends the PDF.
fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("valid base64")
}
