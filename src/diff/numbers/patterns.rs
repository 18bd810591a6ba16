//! The regexes that find dates and quantities, as text. Shared with `build.rs`, which
//! precompiles them, so it uses nothing from the crate: the number words come as arguments.

/// A month name or abbreviation, as a regex.
pub const MONTH: &str = r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)";

/// A unit's first character and the rest, `[\p{L}]` and `[\p{L}'’-]` as `(?i)` reads them,
/// written out so that the regex need not case-fold every letter range when it compiles:
/// folding adds only U+0345 (it folds with `ι`); a test checks the classes are the same.
pub const UNIT_FIRST: &str = r"[\p{L}\u{345}]";
/// See [`UNIT_FIRST`].
pub const UNIT_REST: &str = r"[\p{L}\u{345}'’-]";

/// Dates (`part`, `m1`/`d1`, `d2`/`m2`, `m3`, `y`), years (`year`) and weekdays (`wd`).
pub fn date_pattern() -> String {
    format!(
        r"(?x)
            (?P<part>\b(?i:early|mid|late|end\ of|beginning\ of|start\ of)[-\s]+)?
            (?:
                \[?(?P<m1>{MONTH})\]?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b
              | \b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH})
              | (?P<m3>{MONTH})
            )
            (?:,?\s+(?P<y>(?:19|20)\d\d)\b)?
            |
            \b(?P<year>(?:19|20)\d\d)\b
            |
            \b(?P<wd>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"
    )
}

/// Quantities: a number (`num`) in digits or words (`tens`, `small` from zero), a scale
/// (`scale`), a percent sign or word (`pct`) and the word after (`unit`).
pub fn number_pattern(tens: &[&str], small: &[&str]) -> String {
    let words = format!(
        r"(?:(?:{})(?:-(?:{}))?|{}|a\s+dozen|dozens|hundreds|thousands)",
        tens.join("|"),
        small.get(1..10).unwrap_or_default().join("|"),
        small.join("|")
    );
    format!(
        r"(?i)\b(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{words})(?P<scale>\s+(?:hundred|thousand|million|billion))?\b(?P<pct>\s*(?:%|percent|per\s+cent))?(?:\s+(?P<unit>(?-i:{UNIT_FIRST}{UNIT_REST}*)))?"
    )
}
