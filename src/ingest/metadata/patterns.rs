//! The regexes that read a date with a year. Shared with `build.rs`, which precompiles
//! them, so it uses nothing from the crate.

/// `2016-03-06`, `2016/3/6`, `2016.03.06`, `2016-03-06T…`: year, month, day.
pub const ISO_DATE: &str = r"\b((?:19|20)\d\d)[-/.]([01]?\d)[-/.]([0-3]?\d)(?:\b|T)";
/// `1 Mar, 2016`, `6-March-2016`: day, month name, year.
pub const DAY_MONTH_YEAR: &str =
    r"\b([0-3]?\d)(?:st|nd|rd|th)?(?:\s+|-|/)([A-Za-z]{3,9})\.?,?(?:\s+|-|/)((?:19|20)\d\d)\b";
/// `06.03.2016`: day, month, year.
pub const DOTTED_DAY_MONTH_YEAR: &str = r"\b([0-3]?\d)\.([01]?\d)\.((?:19|20)\d\d)\b";
/// `December 16, 2015`: month name, day, year.
pub const MONTH_DAY_YEAR: &str =
    r"\b([A-Za-z]{3,9})\.?\s+([0-3]?\d)(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b";

/// Every pattern above.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and a test use it
pub const ALL: [&str; 4] = [
    ISO_DATE,
    DAY_MONTH_YEAR,
    DOTTED_DAY_MONTH_YEAR,
    MONTH_DAY_YEAR,
];
