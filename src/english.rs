//! English words more than one stage reads: month names and number words.
//!
//! Ingest reads dates in datelines and time stamps, similarity normalises numbers and dates
//! into terms, and framing compares them; all three share these lists.

/// The months, in order, lowercase.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The number words from zero to nineteen, at their value's index.
pub const NUMBER_WORDS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// The tens from twenty to ninety: index `i` names `20 + 10 × i`.
pub const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The month (1–12) a name or abbreviation names: `February`, `Feb`, `Feb.`, `Sept`, in any
/// case. An abbreviation has three or four letters. Whether `May` is the month or the verb
/// is the caller's to decide.
pub fn month_number(word: &str) -> Option<u32> {
    let lower = word.trim_end_matches('.').to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let index = MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() <= 4 && m.starts_with(lower.as_str())))?;
    u32::try_from(index + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_by_name_and_abbreviation() {
        assert_eq!(month_number("February"), Some(2));
        assert_eq!(month_number("Feb."), Some(2));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("dec"), Some(12));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Marching"), None);
    }

    #[test]
    fn number_words_stand_at_their_value() {
        assert_eq!(NUMBER_WORDS[15], "fifteen");
        assert_eq!(TENS[2], "forty");
    }
}
