//! Metadata from outside the text: sidecar files (`sources.toml`, `--meta`), file names,
//! and the date formats articles print.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use crate::regex_nfa::PrebuiltRegex;

use crate::error::{Error, Result};
use crate::model::{Metadata, OutletFrom};

use super::rules::Compiled;

mod patterns;

/// The sidecar's file name, picked up beside the articles.
pub const SIDECAR_NAME: &str = "sources.toml";

/// A sidecar: metadata for files that cannot carry a header, keyed by file name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sidecar {
    entries: BTreeMap<String, Metadata>,
}

impl Sidecar {
    /// Reads a sidecar in `sources.toml` format.
    pub fn read(path: &Path) -> Result<Sidecar> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::reading(path, e))?;
        Sidecar::parse(&text, path)
    }

    /// Parses sidecar text: one table per file, `["name.txt"]` with `outlet`, `date`, `url`,
    /// `title`, `lang`; other keys are kept as extra metadata.
    pub fn parse(text: &str, path: &Path) -> Result<Sidecar> {
        let table: toml::Table = toml::from_str(text).map_err(|e| Error::Malformed {
            path: path.to_path_buf(),
            line: line_of_toml_error(text, &e),
            detail: first_line(&e.to_string()),
        })?;
        let mut entries = BTreeMap::new();
        for (name, value) in table {
            let toml::Value::Table(fields) = value else {
                return Err(Error::Malformed {
                    path: path.to_path_buf(),
                    line: None,
                    detail: format!(
                        "`{name}` should be a table such as [\"{name}\"] with outlet = \"…\""
                    ),
                });
            };
            let mut meta = Metadata::default();
            for (key, value) in fields {
                let value = match value {
                    toml::Value::String(s) => s,
                    toml::Value::Datetime(d) => d.to_string(),
                    other => other.to_string(),
                };
                set_field(&mut meta, &key, value, OutletFrom::Sidecar);
            }
            entries.insert(name, meta);
        }
        Ok(Sidecar { entries })
    }

    /// The entry for `path`: looked up by the path as given, then by file name.
    pub fn lookup(&self, path: &Path) -> Option<&Metadata> {
        self.entries.get(&path.display().to_string()).or_else(|| {
            path.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| self.entries.get(n))
        })
    }

    /// Whether the sidecar lists no file.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Sets one metadata field from a `key: value` pair; unknown keys go to `extra`.
/// Dates are normalised to ISO 8601 when they can be read.
pub fn set_field(meta: &mut Metadata, key: &str, value: String, from: OutletFrom) {
    let key = key.trim().to_ascii_lowercase();
    let value = value.trim().to_string();
    if value.is_empty() {
        return;
    }
    match key.as_str() {
        "outlet" | "source" | "publisher" => {
            meta.outlet = Some(value);
            meta.outlet_from = Some(from);
        }
        "date" | "published" => meta.date = Some(parse_date(&value).unwrap_or(value)),
        "title" | "headline" => meta.title = Some(value),
        "url" | "link" => meta.url = Some(value),
        "lang" | "language" => meta.lang = Some(value),
        _ => {
            meta.extra.insert(key, value);
        }
    }
}

/// Fills every field of `meta` that is empty from `fallback`.
pub fn fill_from(meta: &mut Metadata, fallback: &Metadata) {
    if meta.outlet.is_none() && fallback.outlet.is_some() {
        meta.outlet.clone_from(&fallback.outlet);
        meta.outlet_from = fallback.outlet_from;
    }
    if meta.date.is_none() {
        meta.date.clone_from(&fallback.date);
    }
    if meta.title.is_none() {
        meta.title.clone_from(&fallback.title);
    }
    if meta.url.is_none() {
        meta.url.clone_from(&fallback.url);
    }
    if meta.lang.is_none() {
        meta.lang.clone_from(&fallback.lang);
    }
    for (key, value) in &fallback.extra {
        meta.extra
            .entry(key.clone())
            .or_insert_with(|| value.clone());
    }
}

/// The outlet a file name names, as a whole word (`tass_syria.txt` → TASS).
pub fn outlet_from_file_name(path: &Path, rules: &Compiled) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // Multi-word aliases ("Press TV") match consecutive words; longer aliases first.
    let mut best: Option<(usize, &str)> = None;
    for outlet in &rules.outlets {
        for alias in &outlet.aliases {
            let parts: Vec<&str> = alias
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            if parts.is_empty() {
                continue;
            }
            let hit = words.windows(parts.len()).any(|window| {
                window
                    .iter()
                    .zip(&parts)
                    .all(|(w, p)| w.eq_ignore_ascii_case(p))
            });
            if hit && best.is_none_or(|(len, _)| parts.len() > len) {
                best = Some((parts.len(), outlet.name.as_str()));
            }
        }
    }
    best.map(|(_, name)| name.to_string())
}

// Precompiled by `build.rs` (compiled on first use if missing).
static ISO_DATE: LazyLock<PrebuiltRegex> =
    LazyLock::new(|| PrebuiltRegex::builtin(patterns::ISO_DATE));
static DAY_MONTH_YEAR: LazyLock<PrebuiltRegex> =
    LazyLock::new(|| PrebuiltRegex::builtin(patterns::DAY_MONTH_YEAR));
static DOTTED_DAY_MONTH_YEAR: LazyLock<PrebuiltRegex> =
    LazyLock::new(|| PrebuiltRegex::builtin(patterns::DOTTED_DAY_MONTH_YEAR));
static MONTH_DAY_YEAR: LazyLock<PrebuiltRegex> =
    LazyLock::new(|| PrebuiltRegex::builtin(patterns::MONTH_DAY_YEAR));

/// Reads a date with a year from text as articles print it ("1 Mar, 2016 18:37",
/// "December 16, 2015", "2016-03-06") and gives it as ISO 8601 (`2016-03-01`).
pub fn parse_date(text: &str) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    if let Some(c) = ISO_DATE.captures(text) {
        if let (Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3)) {
            let month = m.as_str().parse().ok();
            let day = d.as_str().parse().ok();
            if let Some(iso) = iso(y.as_str(), month, day) {
                found.push((c.get(0).map_or(0, |m| m.start()), iso));
            }
        }
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(text) {
        if let (Some(d), Some(m), Some(y)) = (c.get(1), c.get(2), c.get(3)) {
            if let Some(iso) = iso(
                y.as_str(),
                month_number(m.as_str()),
                d.as_str().parse().ok(),
            ) {
                found.push((c.get(0).map_or(0, |m| m.start()), iso));
            }
        }
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(text) {
        if let (Some(m), Some(d), Some(y)) = (c.get(1), c.get(2), c.get(3)) {
            if let Some(iso) = iso(
                y.as_str(),
                month_number(m.as_str()),
                d.as_str().parse().ok(),
            ) {
                found.push((c.get(0).map_or(0, |m| m.start()), iso));
            }
        }
    }
    // Dots mean day.month.year (European style); slashes are left alone as ambiguous.
    if let Some(c) = DOTTED_DAY_MONTH_YEAR.captures(text) {
        if let (Some(d), Some(m), Some(y)) = (c.get(1), c.get(2), c.get(3)) {
            if let Some(iso) = iso(y.as_str(), m.as_str().parse().ok(), d.as_str().parse().ok()) {
                found.push((c.get(0).map_or(0, |m| m.start()), iso));
            }
        }
    }
    // The earliest date in the text is the one it leads with.
    found.into_iter().min_by_key(|(at, _)| *at).map(|(_, d)| d)
}

fn iso(year: &str, month: Option<u32>, day: Option<u32>) -> Option<String> {
    let (month, day) = (month?, day?);
    let year: u32 = year.parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn month_number(name: &str) -> Option<u32> {
    crate::english::month_number(name)
}

fn first_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(text)
        .to_string()
}

fn line_of_toml_error(text: &str, error: &toml::de::Error) -> Option<usize> {
    let span = error.span()?;
    let before = text.get(..span.start)?;
    Some(before.matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precompiled_date_regexes_match_as_the_regex_does() {
        let texts = crate::regex_nfa::sample_texts(&[
            "1 Mar, 2016 18:37",
            "Published 2016-03-06T10:00",
            "06.03.2016 and 2016/3/6 and 12th-December-2015",
            "December 16, 2015; Dec. 1st 2015",
            "\u{661}\u{662}.03.2016 \u{e9}t\u{e9} 3 mars 2016",
        ]);
        for pattern in patterns::ALL {
            crate::regex_nfa::assert_matches_regex(pattern, &texts);
        }
    }
    use crate::ingest::rules::builtin_compiled;

    #[test]
    fn dates_in_article_formats_become_iso() {
        assert_eq!(
            parse_date("1 Mar, 2016 18:37").as_deref(),
            Some("2016-03-01")
        );
        assert_eq!(
            parse_date("Xinhua, December 16, 2015 Adjust font size:").as_deref(),
            Some("2015-12-16")
        );
        assert_eq!(parse_date("2016-03-06").as_deref(), Some("2016-03-06"));
        assert_eq!(
            parse_date("2016-03-06T10:00:00Z").as_deref(),
            Some("2016-03-06")
        );
        assert_eq!(parse_date("Oct. 5, 2017").as_deref(), Some("2017-10-05"));
        assert_eq!(
            parse_date("Updated 18:37, 01-Mar-2016").as_deref(),
            Some("2016-03-01")
        );
        assert_eq!(
            parse_date("Ali Veli |01.03.2016").as_deref(),
            Some("2016-03-01")
        );
        assert_eq!(parse_date("March 6"), None);
        assert_eq!(parse_date("31 Feb 2016"), None);
    }

    #[test]
    fn sidecar_maps_file_names_to_metadata() {
        let text = "[\"a.txt\"]\noutlet = \"TASS\"\ndate = \"2016-03-06\"\nauthor = \"X\"\n";
        let sidecar = Sidecar::parse(text, Path::new("sources.toml")).unwrap();
        let meta = sidecar.lookup(Path::new("dir/a.txt")).unwrap();
        assert_eq!(meta.outlet.as_deref(), Some("TASS"));
        assert_eq!(meta.outlet_from, Some(OutletFrom::Sidecar));
        assert_eq!(meta.date.as_deref(), Some("2016-03-06"));
        assert_eq!(meta.extra.get("author").map(String::as_str), Some("X"));
        assert!(sidecar.lookup(Path::new("b.txt")).is_none());
    }

    #[test]
    fn malformed_sidecar_names_file_and_line() {
        let err = Sidecar::parse("[\"a.txt\"]\noutlet = \n", Path::new("sources.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("sources.toml:"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }

    #[test]
    fn file_name_words_name_an_outlet() {
        let rules = builtin_compiled();
        assert_eq!(
            outlet_from_file_name(Path::new("x/tass_syria.txt"), rules).as_deref(),
            Some("TASS")
        );
        assert_eq!(
            outlet_from_file_name(Path::new("press-tv-2016.txt"), rules).as_deref(),
            Some("Press TV")
        );
        assert_eq!(outlet_from_file_name(Path::new("partial.txt"), rules), None);
    }
}
