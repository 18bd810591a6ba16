//! Numbers and dates in a sentence, normalised so that two outlets' figures can be
//! compared.
//!
//! Dates become ranges: `February 22`, `Feb. 22`, `22 February` and `[March] 9` are one
//! day; `late February` is the 21st to the end of the month (`early` 1–10, `mid` 11–20);
//! `February` alone is the whole month; a year alone is the whole year. Weekdays are kept
//! apart (they only compare with weekdays). Quantities are a value and a unit, the word
//! after the number (`18 months`, `fifteen members`, `two days`), compared only when the
//! units agree.

use std::sync::OnceLock;

use crate::regex_nfa::PrebuiltRegex;
use crate::segment::words::is_ascii_word_byte;
#[cfg(test)]
use patterns::{UNIT_FIRST, UNIT_REST};

mod patterns;

/// Whether `text` may hold a match of the date or number regexes: every match holds a
/// digit, or starts at a word boundary with a month, weekday or number word (or `dozen`,
/// `hundreds`, `thousands`). Most sentences hold none, and this check costs far less than
/// the regexes. Text outside ASCII always goes to the regexes (`\d` and `(?i)` reach
/// beyond ASCII: other digits, `ſ` for `s`, `K` for `k`).
fn may_hold_figure(text: &str) -> bool {
    if !text.is_ascii() || text.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let bytes = text.as_bytes();
    figure_words().find_overlapping_iter(text).any(|m| {
        m.start() == 0
            || bytes
                .get(m.start() - 1)
                .is_none_or(|b| !is_ascii_word_byte(*b))
    })
}

/// Builds the built-in automata of this module.
pub(crate) fn build_tables() {
    figure_words();
    date_regex();
    number_regex();
}

/// The words a figure without digits starts with, found in any letter case: months (their
/// three-letter starts cover names and abbreviations), weekdays and number words.
fn figure_words() -> &'static aho_corasick::AhoCorasick {
    static WORDS: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    WORDS.get_or_init(|| {
        let months = crate::english::MONTHS
            .iter()
            .map(|m| m.get(..3).unwrap_or(m));
        let words = months
            .chain(WEEKDAYS.iter().copied())
            .chain(SMALL.iter().copied())
            .chain(TENS.iter().copied())
            .chain(["dozen", "hundreds", "thousands"]);
        // A contiguous NFA, not the DFA the builder would pick: building that costs about
        // 1.3 M instructions, more than a `compare` of a few articles saves by it (a
        // corpus run's sentences pay about 1 k instructions each for the slower search).
        // The matches are the same.
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(words)
            .expect("a few plain words always build")
    })
}

/// A date as a range of days: unknown parts are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    /// The year, when given.
    pub year: Option<i32>,
    /// The month (1–12), when given.
    pub month: Option<u8>,
    /// First and last day of the month, when narrower than the month.
    pub days: Option<(u8, u8)>,
}

/// How two dates relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRelation {
    /// The same range.
    Same,
    /// One range holds the other (`February 22` is in `late February`).
    Vaguer,
    /// The ranges share no day.
    Disjoint,
}

impl DateRange {
    /// How `self` relates to `other`.
    pub fn relation(&self, other: &DateRange) -> DateRelation {
        if self == other {
            return DateRelation::Same;
        }
        let clash = |a: Option<i32>, b: Option<i32>| matches!((a, b), (Some(x), Some(y)) if x != y);
        if clash(self.year, other.year)
            || clash(self.month.map(i32::from), other.month.map(i32::from))
        {
            return DateRelation::Disjoint;
        }
        if let (Some((a1, a2)), Some((b1, b2))) = (self.days, other.days) {
            if a2 < b1 || b2 < a1 {
                return DateRelation::Disjoint;
            }
        }
        DateRelation::Vaguer
    }
}

/// What a figure is.
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// A date or a range of dates.
    Date(DateRange),
    /// A day of the week (0 = Monday).
    Weekday(u8),
    /// A quantity and the word it counts, singular and lowercase (`month`).
    Quantity {
        /// The value.
        value: f64,
        /// The unit, when a word follows the number.
        unit: Option<String>,
    },
}

/// A figure found in a sentence, with its byte range in the text given to [`find`].
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Byte offset of its start.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// Its normalised value.
    pub figure: Figure,
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
use crate::english::{NUMBER_WORDS as SMALL, TENS};

/// The date regex: precompiled by `build.rs`, or compiled on first use if that is missing.
fn date_regex() -> &'static PrebuiltRegex {
    static RE: OnceLock<PrebuiltRegex> = OnceLock::new();
    RE.get_or_init(|| PrebuiltRegex::builtin(&patterns::date_pattern()))
}

/// The quantity regex, as [`date_regex`].
fn number_regex() -> &'static PrebuiltRegex {
    static RE: OnceLock<PrebuiltRegex> = OnceLock::new();
    RE.get_or_init(|| PrebuiltRegex::builtin(&patterns::number_pattern(&TENS, &SMALL)))
}

/// Every date, weekday and quantity in `text`, in order, not overlapping.
pub fn find(text: &str, is_function_word: &dyn Fn(&str) -> bool) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    if !may_hold_figure(text) {
        return found;
    }
    for caps in date_regex().captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let figure = if let Some(wd) = caps.name("wd") {
            let day = wd.as_str().to_lowercase();
            WEEKDAYS
                .iter()
                .position(|w| *w == day)
                .map(|i| Figure::Weekday(i as u8))
        } else if let Some(y) = caps.name("year") {
            y.as_str().parse().ok().map(|year| {
                Figure::Date(DateRange {
                    year: Some(year),
                    month: None,
                    days: None,
                })
            })
        } else {
            let month_text = caps
                .name("m1")
                .or(caps.name("m2"))
                .or(caps.name("m3"))
                .map(|m| m.as_str())
                .unwrap_or("");
            let bare = caps.name("m3").is_some();
            // `May` alone is too often the verb; a bare month needs a cue or a year.
            if bare
                && month_text == "May"
                && caps.name("part").is_none()
                && caps.name("y").is_none()
            {
                None
            } else {
                let month = month_number(month_text);
                let day: Option<u8> = caps
                    .name("d1")
                    .or(caps.name("d2"))
                    .and_then(|d| d.as_str().parse().ok())
                    .filter(|d| (1..=31).contains(d));
                let days = match (day, caps.name("part").map(|p| p.as_str().to_lowercase())) {
                    (Some(d), _) => Some((d, d)),
                    (None, Some(p))
                        if p.starts_with("early")
                            || p.starts_with("beginning")
                            || p.starts_with("start") =>
                    {
                        Some((1, 10))
                    }
                    (None, Some(p)) if p.starts_with("mid") => Some((11, 20)),
                    (None, Some(_)) => Some((21, 31)),
                    (None, None) => None,
                };
                let year = caps.name("y").and_then(|y| y.as_str().parse().ok());
                month.map(|m| {
                    Figure::Date(DateRange {
                        year,
                        month: Some(m),
                        days,
                    })
                })
            }
        };
        if let Some(figure) = figure {
            found.push(Found {
                start: whole.start(),
                end: whole.end(),
                figure,
            });
        }
    }
    let dates = found.clone();
    for caps in number_regex().captures_iter(text) {
        let (Some(whole), Some(num)) = (caps.get(0), caps.name("num")) else {
            continue;
        };
        if dates
            .iter()
            .any(|d| num.start() < d.end && d.start < num.end())
        {
            continue;
        }
        // Part of a compound (`four-year-old`, `over-three-hour`): not a count.
        let touches_hyphen =
            text[..num.start()].ends_with('-') || text[num.end()..].starts_with('-');
        if touches_hyphen {
            continue;
        }
        let Some(mut value) = number_value(num.as_str()) else {
            continue;
        };
        if let Some(scale) = caps.name("scale") {
            value *= match scale.as_str().trim().to_lowercase().as_str() {
                "hundred" => 100.0,
                "thousand" => 1e3,
                "million" => 1e6,
                _ => 1e9,
            };
        }
        let mut end = caps.name("pct").map_or(num.end(), |p| p.end());
        let mut unit = if caps.name("pct").is_some() {
            Some("percent".to_string())
        } else {
            None
        };
        if unit.is_none() {
            if let Some(u) = caps.name("unit") {
                let word = u.as_str().to_lowercase();
                // A contraction (`can't`) is a verb, not something counted.
                if !is_function_word(&word) && !word.contains(['\'', '’']) {
                    unit = Some(singular(&word));
                    end = u.end();
                }
            }
        }
        // A bare word number without a unit (`one can't`) is no quantity.
        let is_word = !num.as_str().starts_with(|c: char| c.is_ascii_digit());
        if is_word && unit.is_none() {
            continue;
        }
        let _ = whole;
        found.push(Found {
            start: num.start(),
            end,
            figure: Figure::Quantity { value, unit },
        });
    }
    found.sort_by_key(|f| f.start);
    found
}

fn month_number(text: &str) -> Option<u8> {
    crate::english::month_number(text).and_then(|m| u8::try_from(m).ok())
}

fn number_value(text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        return lower.replace(',', "").parse().ok();
    }
    match lower.as_str() {
        "a dozen" => return Some(12.0),
        "dozens" => return Some(24.0),
        "hundreds" => return Some(200.0),
        "thousands" => return Some(2000.0),
        _ => {}
    }
    let (tens, ones) = match lower.split_once('-') {
        Some((t, o)) => (t, Some(o)),
        None => (lower.as_str(), None),
    };
    let base = if let Some(i) = TENS.iter().position(|t| *t == tens) {
        20 + 10 * i
    } else {
        SMALL.iter().position(|s| *s == tens)?
    };
    let extra = match ones {
        Some(o) => SMALL[1..10].iter().position(|s| *s == o)? + 1,
        None => 0,
    };
    Some((base + extra) as f64)
}

/// `months` → `month`, `regions` → `region`, `countries` → `country`.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("ss") {
        word.to_string()
    } else {
        word.strip_suffix('s').unwrap_or(word).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines that may or may not hold figures: the seeds and ingest fixtures, the MSRP
    /// sentences, and words that only look like number words.
    fn figure_samples() -> Vec<String> {
        let mut texts = crate::regex_nfa::sample_texts(&[
            "Someone often wrote it down, seventeen-fold.",
            "They met on Monday, the Tuesday after, in MARCH and in sept.",
            "A dozen, dozens, hundreds of thousands: none, nine, ninety-nine.",
            "Maybe a Decembrist, a mayor, an octet and a novel.",
        ]);
        let msrp = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/msrp/msr_paraphrase_train.txt");
        if let Ok(text) = std::fs::read_to_string(msrp) {
            texts.extend(text.lines().flat_map(|l| l.split('\t')).map(str::to_string));
        }
        texts
    }

    #[test]
    fn text_the_prefilter_passes_over_holds_no_figure() {
        let mut skipped = 0;
        for text in figure_samples() {
            if !may_hold_figure(&text) {
                skipped += 1;
                assert!(
                    date_regex().captures_iter(&text).is_empty()
                        && number_regex().captures_iter(&text).is_empty(),
                    "skipped a text with a figure: {text}"
                );
            }
        }
        assert!(skipped > 1000, "the prefilter skips many texts ({skipped})");
    }

    proptest::proptest! {
        #[test]
        fn prefilter_never_skips_a_figure(words in proptest::collection::vec(
            "(?i)(one|ten|often|someone|may|mayor|monday|sept|dozens|ninety-nine|twenty|x|_one|Ξone|ſix)",
            0..6,
        ), seps in proptest::collection::vec("[ ,._-]", 6)) {
            let text: String = words
                .iter()
                .zip(&seps)
                .flat_map(|(w, s)| [w.as_str(), s.as_str()])
                .collect();
            if !may_hold_figure(&text) {
                proptest::prop_assert!(date_regex().captures_iter(&text).is_empty());
                proptest::prop_assert!(number_regex().captures_iter(&text).is_empty());
            }
        }
    }

    #[test]
    fn precompiled_figure_regexes_match_as_the_regex_does() {
        let texts = crate::regex_nfa::sample_texts(&[
            "late February 2016, on March 9th, 22 of Feb. 2015 and [March] 9",
            "Twenty-five percent of 1,200,000 people, 3.5 million barrels, a dozen \u{3b9}\u{345}x",
            "On Monday, MONDAY and sunday; 2016; \u{661}\u{662} troops; forty-two-year-old",
            "Fifteen members, eighteen months, two days, 40% \u{fc}ber 7 \u{dc}nits",
        ]);
        crate::regex_nfa::assert_matches_regex(&patterns::date_pattern(), &texts);
        crate::regex_nfa::assert_matches_regex(&patterns::number_pattern(&TENS, &SMALL), &texts);
    }

    #[test]
    fn figure_regexes_have_a_narrow_form() {
        assert!(date_regex().has_narrow() && number_regex().has_narrow());
    }

    #[test]
    fn figures_in_every_msrp_sentence_are_the_regex_crates() {
        // Real sentences by the thousand, nearly all served by the narrow form.
        let texts = figure_samples();
        crate::regex_nfa::assert_matches_regex(&patterns::date_pattern(), &texts);
        crate::regex_nfa::assert_matches_regex(&patterns::number_pattern(&TENS, &SMALL), &texts);
    }

    proptest::proptest! {
        #[test]
        fn narrow_form_finds_what_the_unicode_regex_finds(pieces in proptest::collection::vec((
            "(January|Feb\\.|May|monday|late|mid-|end of|\\[March\\]|Sept|22nd|of|2016|1999|\
             19|3\\.5|1,200|40|%|percent|per cent|million|a dozen|twenty-one|people|units|x|_|\
             ’s|’|“|”|—|–|…|\u{a0}|\u{2009}|\u{345}|ſix|\u{212a}m|é|Ξ|Straße|people’s|١٢)",
            "( |, |\\.|-|’|\u{a0}|)",
        ), 0..8)) {
            let text: String = pieces.iter().flat_map(|(w, s)| [w.as_str(), s.as_str()]).collect();
            for regex in [date_regex(), number_regex()] {
                let (narrow, unicode) = regex.narrow_and_unicode_spans(&text);
                if crate::regex_nfa::narrow_serves(&text) {
                    proptest::prop_assert_eq!(narrow, Some(unicode.clone()), "{}", text);
                }
                let found: Vec<_> = regex.captures_iter(&text).iter().map(|g| g.get(0).map(|p| (p.start(), p.end()))).collect();
                let expected: Vec<_> = unicode.iter().map(|groups| groups[0]).collect();
                proptest::prop_assert_eq!(found, expected, "{}", text);
            }
        }
    }

    #[test]
    fn a_non_ascii_letter_keeps_text_from_the_narrow_form() {
        // `Ξ` is a word character: no word boundary before `2016` for the Unicode regex,
        // one for the narrow form, which is why it serves only text without such letters.
        let text = "Ξ2016 and 2016";
        let (narrow, unicode) = date_regex().narrow_and_unicode_spans(text);
        assert_ne!(narrow, Some(unicode.clone()));
        assert!(!crate::regex_nfa::narrow_serves(text));
        let found: Vec<_> = date_regex()
            .captures_iter(text)
            .iter()
            .map(|g| g.get(0).map(|p| p.as_str()))
            .collect();
        assert_eq!(found, [Some("2016")]);
        assert_eq!(unicode.len(), 1);
    }

    #[test]
    fn unit_classes_are_the_case_folded_letter_classes() {
        let class = |pattern: &str| format!("{:?}", regex_syntax::Parser::new().parse(pattern));
        assert_eq!(class(UNIT_FIRST), class(r"(?i)[\p{L}]"));
        assert_eq!(class(UNIT_REST), class(r"(?i)[\p{L}'’-]"));
    }

    fn figures(text: &str) -> Vec<(String, Figure)> {
        let lexicon = crate::diff::Lexicon::builtin();
        find(text, &|w| lexicon.is_function_word(w))
            .into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.figure))
            .collect()
    }

    fn day(month: u8, d1: u8, d2: u8) -> Figure {
        Figure::Date(DateRange {
            year: None,
            month: Some(month),
            days: Some((d1, d2)),
        })
    }

    #[test]
    fn date_forms_normalise_to_the_same_day() {
        for text in [
            "on February 22.",
            "on Feb. 22,",
            "on 22 February",
            "on 22nd of February",
        ] {
            assert_eq!(figures(text)[0].1, day(2, 22, 22), "{text}");
        }
        assert_eq!(
            figures("to the afternoon of [March] 9 for")[0].1,
            day(3, 9, 9)
        );
    }

    #[test]
    fn vague_dates_are_ranges() {
        let late = &figures("in late February to")[0];
        assert_eq!(late.0, "late February");
        assert_eq!(late.1, day(2, 21, 31));
        let (Figure::Date(a), Figure::Date(b)) = (&late.1, &figures("on February 22")[0].1) else {
            panic!()
        };
        assert_eq!(a.relation(b), DateRelation::Vaguer);
        let (Figure::Date(c), Figure::Date(d)) =
            (&figures("March 7")[0].1, &figures("March 9")[0].1)
        else {
            panic!()
        };
        assert_eq!(c.relation(d), DateRelation::Disjoint);
    }

    #[test]
    fn quantities_carry_their_unit() {
        let f = figures(
            "over the next 18 months, all the 15 members and fifteen members, 2,254 people and 40%",
        );
        let q: Vec<(String, f64, Option<String>)> = f
            .into_iter()
            .filter_map(|(t, fig)| match fig {
                Figure::Quantity { value, unit } => Some((t, value, unit)),
                _ => None,
            })
            .collect();
        assert_eq!(q[0], ("18 months".into(), 18.0, Some("month".into())));
        assert_eq!(q[1].1, 15.0);
        assert_eq!(
            q[2],
            ("fifteen members".into(), 15.0, Some("member".into()))
        );
        assert_eq!(q[3].1, 2254.0);
        assert_eq!(q[4].2.as_deref(), Some("percent"));
    }

    #[test]
    fn may_the_verb_and_compounds_are_not_figures() {
        let none = figures("It may be that the four-year-old crisis ends; one can't say.");
        assert!(none.is_empty(), "{none:?}");
        assert_eq!(figures("in May 2016")[0].0, "May 2016");
        // The full stop after a month ends the sentence; after `Feb` it abbreviates.
        assert_eq!(figures("on February.")[0].0, "February");
        assert_eq!(figures("on Feb. 22")[0].0, "Feb. 22");
    }
}
