//! Sentence boundaries inside one paragraph: UAX #29 candidates, then the news rules.
//!
//! The scanner walks the paragraph's bytes looking for sentence terminators (`.`, `!`, `?`,
//! `…` and a few non-Latin full stops). At each one it measures the terminator run, the
//! closing quotes and brackets after it, and the whitespace after those, and asks
//! [`BoundaryRules::decides_break`] whether a sentence ends there. That asks UAX #29
//! (`unicode-segmentation`) on a small window around the terminator for the base answer,
//! then applies the news rules listed in the parent module's documentation.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::abbreviations::{AbbreviationKind, Abbreviations};

/// Bytes scanned back from a terminator for the word it ends.
const MAX_BACK: usize = 48;
/// Bytes of context after a terminator's whitespace handed to UAX #29.
const MAX_AHEAD: usize = 64;
/// Bytes of a whitespace-delimited token looked at around a terminator (to tell URLs).
const MAX_TOKEN: usize = 256;

/// Reusable buffers, so that segmenting allocates only for its output.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    window: String,
}

/// What kind of terminator run ends a candidate sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RunKind {
    /// One full stop: may be an abbreviation, an initial, a list number.
    FullStop,
    /// `!`, `?` and other sentence terminators that are never abbreviations.
    Exclamation,
    /// `...`, `…` or a mix: mid-sentence before a lowercase word.
    Ellipsis,
}

/// A terminator run and what follows it, as byte offsets into the text.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    /// First byte of the terminator run.
    start: usize,
    /// One past the terminator run; closing quotes and brackets start here.
    run_end: usize,
    /// One past the closing quotes and brackets; whitespace starts here.
    close_end: usize,
    /// First byte after that whitespace.
    next: usize,
    kind: RunKind,
    /// Whether the run's last terminator is a full stop (UAX #29 `ATerm`: `.`, `…`, `．`),
    /// which goes on before a lowercase word; the others (`STerm`) do not.
    ends_with_full_stop: bool,
    /// Full stops in the run (`…` counts three): four or more are an ellipsis that ends a
    /// sentence (`the investigation. . . . Weber said`).
    dots: usize,
}

/// Splits `text[paragraph]` (a paragraph whose remaining line breaks are soft wraps) into
/// sentences and appends their spans, whitespace trimmed, to `out`.
pub(crate) fn split_paragraph(
    text: &str,
    paragraph: Range<usize>,
    scratch: &mut Scratch,
    out: &mut Vec<Range<usize>>,
) {
    let rules = BoundaryRules {
        text,
        quotes_seen: std::cell::Cell::new((paragraph.start, 0)),
        start: paragraph.start,
        end: paragraph.end,
        list: Abbreviations::builtin(),
    };
    let bytes = text.as_bytes();
    let first = out.len();
    let mut sentence_start = paragraph.start;
    let mut i = paragraph.start;
    while i < paragraph.end {
        if !MAY_START_TERMINATOR[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let Some(candidate) = candidate_at(text, i, paragraph.end) else {
            i += 1;
            continue;
        };
        i = candidate.close_end;
        if candidate.next >= paragraph.end {
            continue; // the paragraph's end closes the sentence anyway
        }
        if let Some(cut) = rules.decides_break(&candidate, scratch) {
            push_trimmed(text, sentence_start..cut, first, out);
            sentence_start = cut;
        }
    }
    push_trimmed(text, sentence_start..paragraph.end, first, out);
}

/// The terminator run starting at byte `i` and what follows it, up to `end`.
fn candidate_at(text: &str, i: usize, end: usize) -> Option<Candidate> {
    let (len, mut kind) = terminator_at(text, i)?;
    let mut run_end = i + len;
    let mut terminators = 1;
    let mut dots = dot_count(kind);
    let mut ends_with_full_stop = kind != RunKind::Exclamation;
    while run_end < end {
        // A spaced ellipsis (`. . .`) is one run.
        let spaced_dot = kind != RunKind::Exclamation
            && text.as_bytes().get(run_end..run_end + 2) == Some(b" .")
            && run_end + 2 <= end;
        if spaced_dot {
            run_end += 1;
        }
        let Some((len, more)) = terminator_at(text, run_end) else {
            break;
        };
        kind = merge_kinds(kind, more);
        ends_with_full_stop = more != RunKind::Exclamation;
        run_end += len;
        terminators += 1;
        dots += dot_count(more);
    }
    if kind == RunKind::FullStop && terminators > 1 {
        kind = RunKind::Ellipsis;
    }
    let close_end = skip_while(text, run_end, end, is_closing_punctuation);
    Some(Candidate {
        start: i,
        run_end,
        close_end,
        next: skip_while(text, close_end, end, char::is_whitespace),
        kind,
        ends_with_full_stop,
        dots,
    })
}

/// Full stops a terminator stands for: `…` is three.
fn dot_count(kind: RunKind) -> usize {
    match kind {
        RunKind::FullStop => 1,
        RunKind::Ellipsis => 3,
        RunKind::Exclamation => 0,
    }
}

/// Appends `range` with surrounding whitespace trimmed, unless nothing is left. A piece
/// with no letter or digit (a stray closing quote: `he vowed. "`) joins the sentence
/// before it in the paragraph, whose spans start at `out[first..]`.
fn push_trimmed(text: &str, range: Range<usize>, first: usize, out: &mut Vec<Range<usize>>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let trimmed_start = slice.trim_start();
    let start = range.start + (slice.len() - trimmed_start.len());
    let end = start + trimmed_start.trim_end().len();
    if start >= end {
        return;
    }
    let wordless = !trimmed_start.chars().any(char::is_alphanumeric);
    let joins_previous = wordless && out.len() > first;
    match out.last_mut() {
        Some(previous) if joins_previous => previous.end = end,
        _ => out.push(start..end),
    }
}

/// Bytes that can begin a terminator: the ASCII ones and the lead bytes of the others.
static MAY_START_TERMINATOR: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    table[0xD8] = true; // U+061F ARABIC QUESTION MARK
    table[0xE0] = true; // U+0964/U+0965 DEVANAGARI DANDA
    table[0xE2] = true; // U+2026 ellipsis, U+203C, U+2047–U+2049
    table[0xE3] = true; // U+3002 IDEOGRAPHIC FULL STOP
    table[0xEF] = true; // fullwidth ！ ． ？ ｡
    table
};

/// The terminator starting at byte `i`, with its length.
fn terminator_at(text: &str, i: usize) -> Option<(usize, RunKind)> {
    match text.as_bytes().get(i)? {
        b'.' => Some((1, RunKind::FullStop)),
        b'!' | b'?' => Some((1, RunKind::Exclamation)),
        byte if *byte >= 0x80 => {
            let c = text.get(i..)?.chars().next()?;
            let kind = match c {
                '\u{2026}' => RunKind::Ellipsis,
                '\u{FF0E}' => RunKind::FullStop,
                '\u{203C}' | '\u{2047}' | '\u{2048}' | '\u{2049}' | '\u{3002}' | '\u{FF01}'
                | '\u{FF1F}' | '\u{FF61}' | '\u{061F}' | '\u{0964}' | '\u{0965}' => {
                    RunKind::Exclamation
                }
                _ => return None,
            };
            Some((c.len_utf8(), kind))
        }
        _ => None,
    }
}

fn merge_kinds(a: RunKind, b: RunKind) -> RunKind {
    match (a, b) {
        (RunKind::Ellipsis, _) | (_, RunKind::Ellipsis) => RunKind::Ellipsis,
        (RunKind::Exclamation, _) | (_, RunKind::Exclamation) => RunKind::Exclamation,
        _ => RunKind::FullStop,
    }
}

/// Closing punctuation that stays with the sentence before it (UAX #29 `Close`): quotes
/// and brackets of either direction; [`is_opening_punctuation`] tells which open.
fn is_closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '('
            | '['
            | '{'
            | '\u{2018}'..='\u{201F}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{FF09}'
            | '\u{FF3D}'
            | '\u{FF5D}'
            | '\u{3009}'..='\u{3011}'
    )
}

/// Punctuation that opens a quotation or bracket and so belongs to what follows it.
fn is_opening_punctuation(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{201E}'
            | '\u{201A}'
            | '\u{201F}'
            | '\u{201B}'
            | '\u{00AB}'
            | '\u{2039}'
            | '\u{FF08}'
            | '\u{FF3B}'
            | '\u{FF5B}'
    )
}

/// Quotes that may open the next sentence: [`is_opening_punctuation`] plus straight quotes.
fn may_open(c: char) -> bool {
    is_opening_punctuation(c) || c == '"' || c == '\''
}

/// Byte offset after the chars from `from` (up to `limit`) for which `keep` holds.
fn skip_while(text: &str, from: usize, limit: usize, keep: impl Fn(char) -> bool) -> usize {
    let Some(rest) = text.get(from..limit) else {
        return from;
    };
    let skipped: usize = rest
        .chars()
        .take_while(|c| keep(*c))
        .map(char::len_utf8)
        .sum();
    from + skipped
}

/// Byte offset of the first char before `to` (down to `limit`) for which `keep` fails,
/// plus one char: the start of the run of `keep` chars ending at `to`.
fn skip_back_while(text: &str, to: usize, limit: usize, keep: impl Fn(char) -> bool) -> usize {
    let Some(before) = text.get(limit..to) else {
        return to;
    };
    let skipped: usize = before
        .chars()
        .rev()
        .take_while(|c| keep(*c))
        .map(char::len_utf8)
        .sum();
    to - skipped
}

/// `at - max` (not below `floor`), moved forward to a char boundary: a bound for
/// backward scans that keeps every rule linear in the text.
fn back_bound(text: &str, at: usize, max: usize, floor: usize) -> usize {
    let mut bound = at.saturating_sub(max).max(floor);
    while bound < at && !text.is_char_boundary(bound) {
        bound += 1;
    }
    bound
}

/// `at + max` (not past `ceiling`), moved back to a char boundary.
fn ahead_bound(text: &str, at: usize, max: usize, ceiling: usize) -> usize {
    let mut bound = at.saturating_add(max).min(ceiling);
    while bound > at && !text.is_char_boundary(bound) {
        bound -= 1;
    }
    bound
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Whether `word` is a dotted initialism such as `U.S` or `a.m` (without the final stop).
fn is_dotted_initialism(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
        })
}

/// Whether `word` starts lowercase and has a capital later (`iPhone`, `eBay`, `iOS`).
fn is_lower_camel_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_lowercase) && chars.any(char::is_uppercase)
}

/// Whether a whitespace-delimited token is a URL, an e-mail address or a `www.` host.
fn looks_like_address(token: &str) -> bool {
    token.contains("://")
        || token.contains('@')
        || token
            .get(..4)
            .is_some_and(|head| head.eq_ignore_ascii_case("www."))
}

/// The rules, bound to one paragraph.
struct BoundaryRules<'a> {
    text: &'a str,
    /// Straight double quotes counted so far: (up to this byte, how many). Candidates come
    /// in text order, so counting on from here keeps quote parity linear.
    quotes_seen: std::cell::Cell<(usize, usize)>,
    start: usize,
    end: usize,
    list: &'a Abbreviations,
}

/// The word after a candidate boundary, past any opening quotes and brackets.
#[derive(Clone, Copy, Debug)]
struct NextWord<'a> {
    /// The run of letters (or digits) starting the next sentence, if any.
    word: &'a str,
    /// The first char after the opening punctuation.
    first: Option<char>,
    /// Whether the word is followed by a full stop (`R.` in `J. R. Smith`).
    then_full_stop: bool,
}

impl<'a> BoundaryRules<'a> {
    /// Where the sentence ends if it ends at `c`: `Some(cut)` with the byte offset at which
    /// the next sentence starts (trailing whitespace is trimmed later), `None` to go on.
    fn decides_break(&self, c: &Candidate, scratch: &mut Scratch) -> Option<usize> {
        let next_char = char_at(self.text, c.next)?;
        if terminator_at(self.text, c.next).is_some() {
            return None; // `. . .` and `?!` spaced out: the run goes on
        }
        let has_space = c.next > c.close_end;
        if !has_space && next_char.is_alphanumeric() {
            return self.missing_space_break(c).then(|| self.cut(c));
        }
        let base = self.uax29_breaks(c, scratch);
        let next = self.next_word(c.next);
        let breaks = match c.kind {
            // Four dots are an ellipsis and a full stop: UAX #29 decides.
            RunKind::Ellipsis if c.dots >= 4 => base,
            // Before a capital an ellipsis ends the sentence only if a sentence starter
            // follows (`days... I do hope`); a name may go on with it (`the prism of ...
            // Sept. 11`). A number after one goes on too (`100 Years ... 100 Heroes`).
            RunKind::Ellipsis => match next.first {
                Some(ch) if ch.is_uppercase() => base && self.starts_sentence(&next),
                Some(ch) if ch.is_numeric() => false,
                _ => base,
            },
            // UAX #29 breaks after `?` and `!` whatever follows; news quotes go on in
            // lowercase: `"Why now?" he asked.`
            RunKind::Exclamation => base && !next.first.is_some_and(char::is_lowercase),
            RunKind::FullStop => self.full_stop_breaks(c, base, &next),
        };
        breaks.then(|| self.cut(c))
    }

    /// The news rules for a single full stop, given UAX #29's answer `base`.
    fn full_stop_breaks(&self, c: &Candidate, base: bool, next: &NextWord<'_>) -> bool {
        let floor = back_bound(self.text, c.start, MAX_TOKEN, self.start);
        let token_start = skip_back_while(self.text, c.start, floor, |ch| !ch.is_whitespace());
        if self
            .text
            .get(token_start..c.start)
            .is_some_and(looks_like_address)
        {
            return base;
        }
        let word = self.word_before(c.start);
        if word.is_empty() {
            return base;
        }
        if self.is_list_marker(word, c.start - word.len()) {
            return false;
        }
        let starts_sentence = self.starts_sentence(next);
        // A single capital is an initial (`Edward P. Jones`, `S. & P.`), even where the
        // list has the letter in lowercase (`p.` for page).
        let mut chars = word.chars();
        if matches!((chars.next(), chars.next()), (Some(ch), None) if ch.is_uppercase()) {
            return base && starts_sentence;
        }
        match self.list.kind(word) {
            Some(AbbreviationKind::Title) => return false,
            Some(AbbreviationKind::BeforeNumber) => {
                return base && !next.first.is_some_and(|ch| ch.is_ascii_digit());
            }
            Some(AbbreviationKind::MayEndSentence) => return base && starts_sentence,
            None => {}
        }
        if is_dotted_initialism(word) {
            return base && starts_sentence;
        }
        // Two openings UAX #29 reads as the sentence going on: a brand in lower camel case
        // (`iPhone`, `eBay`) and a quotation that opens on a number.
        let has_space = c.next > c.close_end;
        base || (has_space && is_lower_camel_case(next.word))
            || (has_space && self.quote_opens_sentence(c.next, next))
    }

    /// Whether a quotation opens at `at` (after a full stop and a space) with anything but
    /// a lowercase word: `wept. "30 years waiting," she said` starts a sentence, which
    /// UAX #29 misses when a lowercase letter follows the digits.
    fn quote_opens_sentence(&self, at: usize, next: &NextWord<'_>) -> bool {
        let opens = match char_at(self.text, at) {
            Some('"') => self.straight_quote_opens(at),
            Some(ch) => is_opening_punctuation(ch) && ch != '(' && ch != '[' && ch != '{',
            None => false,
        };
        opens && !next.first.is_some_and(char::is_lowercase)
    }

    /// Whether the next word is a capitalised common sentence starter (`The`, `He`) and
    /// not itself an initial or an abbreviation before a number (`Inc. No. 1 Chevrolet`).
    fn starts_sentence(&self, next: &NextWord<'_>) -> bool {
        if !next.first.is_some_and(char::is_uppercase) || !self.list.is_sentence_starter(next.word)
        {
            return false;
        }
        let abbreviated = next.then_full_stop
            && (next.word.chars().count() == 1
                || self.list.kind(next.word) == Some(AbbreviationKind::BeforeNumber));
        !abbreviated
    }

    /// A sentence glued to the next by a missing space (`said.The`), which UAX #29 keeps
    /// together; decimals, `U.S`, addresses and `...` between words stay joined.
    fn missing_space_break(&self, c: &Candidate) -> bool {
        if c.kind == RunKind::Ellipsis {
            return false;
        }
        let mut after = self.text.get(c.next..self.end).unwrap_or("").chars();
        let (Some(first), Some(second)) = (after.next(), after.next()) else {
            return false;
        };
        if !(first.is_uppercase() && second.is_lowercase()) {
            return false;
        }
        let floor = back_bound(self.text, c.start, MAX_TOKEN, self.start);
        let ceiling = ahead_bound(self.text, c.next, MAX_TOKEN, self.end);
        let token_start = skip_back_while(self.text, c.start, floor, |ch| !ch.is_whitespace());
        let token_end = skip_while(self.text, c.next, ceiling, |ch| !ch.is_whitespace());
        if self
            .text
            .get(token_start..token_end)
            .is_none_or(looks_like_address)
        {
            return false;
        }
        let word = self.word_before(c.start);
        if word.is_empty() {
            // `(ISSG).The`: a closing bracket or quote before the stop.
            return char_before(self.text, c.start).is_some_and(is_closing_punctuation);
        }
        match c.kind {
            RunKind::FullStop => {
                word.chars().nth(1).is_some()
                    && !word.contains('.')
                    && self.list.kind(word).is_none()
            }
            _ => true,
        }
    }

    /// Where the next sentence starts: after the closing punctuation, but before any of it
    /// that opens (`said.“We` or, by the parity of straight quotes, `said."We`).
    fn cut(&self, c: &Candidate) -> usize {
        let has_space = c.next > c.close_end;
        let mut at = c.run_end;
        for ch in self.text.get(c.run_end..c.close_end).unwrap_or("").chars() {
            let opens = is_opening_punctuation(ch)
                || (!has_space && ch == '"' && self.straight_quote_opens(at));
            if opens {
                return at;
            }
            at += ch.len_utf8();
        }
        c.close_end
    }

    /// A straight double quote opens if an even number of them come before it in the
    /// paragraph.
    fn straight_quote_opens(&self, at: usize) -> bool {
        let (mut counted_to, mut count) = self.quotes_seen.get();
        if at < counted_to {
            (counted_to, count) = (self.start, 0);
        }
        let more = self.text.get(counted_to..at).unwrap_or("");
        count += more.bytes().filter(|b| *b == b'"').count();
        self.quotes_seen.set((at, count));
        count % 2 == 0
    }

    /// The letters, digits and inner full stops right before byte `at` (`U.S` in `U.S.`).
    fn word_before(&self, at: usize) -> &'a str {
        let floor = back_bound(self.text, at, MAX_BACK, self.start);
        let from = skip_back_while(self.text, at, floor, |ch| ch.is_alphanumeric() || ch == '.');
        let word = self.text.get(from..at).unwrap_or("");
        // A word starts with a letter or digit, never with a stray full stop.
        word.trim_start_matches('.')
    }

    /// `1.` or `a.` opening a paragraph, or a number right after `:` or `;` (`steps: 1.`).
    fn is_list_marker(&self, word: &str, word_start: usize) -> bool {
        let numeric = word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit());
        let letter = word.len() == 1 && word.bytes().all(|b| b.is_ascii_alphabetic());
        if !numeric && !letter {
            return false;
        }
        let before = skip_back_while(self.text, word_start, self.start, |ch| {
            ch.is_whitespace() || may_open(ch) || matches!(ch, '•' | '-' | '*' | '–' | '—')
        });
        if before == self.start {
            return true;
        }
        numeric && matches!(char_before(self.text, before), Some(':' | ';'))
    }

    /// The word that would start the next sentence.
    fn next_word(&self, from: usize) -> NextWord<'a> {
        let word_start = skip_while(self.text, from, self.end, may_open);
        let ceiling = ahead_bound(self.text, word_start, MAX_BACK + 1, self.end);
        let word_end = skip_while(self.text, word_start, ceiling, char::is_alphanumeric);
        let word = if word_end - word_start <= MAX_BACK {
            self.text.get(word_start..word_end).unwrap_or("")
        } else {
            ""
        };
        NextWord {
            word,
            first: char_at(self.text, word_start),
            then_full_stop: self.text.as_bytes().get(word_end) == Some(&b'.'),
        }
    }

    /// UAX #29's answer: is there a sentence boundary between the terminator and the next
    /// word? Asked on a window from the start of the terminator's word to the first word
    /// after it, with soft line breaks as spaces and `…` as `...` (which UAX #29 does not
    /// count as a terminator), byte for byte so that offsets carry over.
    fn uax29_breaks(&self, c: &Candidate, scratch: &mut Scratch) -> bool {
        if let Some(answer) = uax29_shortcut(self.text, c) {
            return answer;
        }
        self.uax29_window_breaks(c, scratch)
    }

    /// [`Self::uax29_breaks`] asked of `unicode-segmentation` itself.
    fn uax29_window_breaks(&self, c: &Candidate, scratch: &mut Scratch) -> bool {
        let floor = back_bound(self.text, c.start, MAX_BACK, self.start);
        let window_start = skip_back_while(self.text, c.start, floor, |ch| !ch.is_whitespace());
        // Take words up to the first one with a letter: UAX #29 looks past digits and
        // punctuation for a lowercase letter (`Oct. 30 and`).
        let ceiling = ahead_bound(self.text, c.next, MAX_AHEAD, self.end);
        let mut window_end = c.next;
        while window_end < ceiling {
            let word_end = skip_while(self.text, window_end, ceiling, |ch| !ch.is_whitespace());
            let has_letter = self
                .text
                .get(window_end..word_end)
                .is_some_and(|w| w.chars().any(char::is_alphabetic));
            window_end = skip_while(self.text, word_end, ceiling, char::is_whitespace);
            if has_letter || word_end == window_end {
                window_end = word_end;
                break;
            }
        }
        let Some(window) = self.text.get(window_start..window_end) else {
            return true;
        };
        let buffer = &mut scratch.window;
        buffer.clear();
        for ch in window.chars() {
            match ch {
                '\u{2026}' => buffer.push_str("..."),
                // Within a paragraph every line break is a soft wrap: a space to UAX #29.
                ch if ch.is_whitespace() && ch != ' ' => {
                    buffer.extend(std::iter::repeat_n(' ', ch.len_utf8()));
                }
                ch => buffer.push(ch),
            }
        }
        let from = c.start - window_start;
        let to = c.next - window_start;
        buffer
            .split_sentence_bound_indices()
            .any(|(at, _)| at > from && at <= to)
    }
}

/// UAX #29's answer where it is plain, without running it: after a terminator, closing
/// punctuation and whitespace, an ASCII capital starts a sentence (SB11) and an ASCII
/// lowercase letter goes on only after a full stop (SB8). This is most candidates in
/// English text and saves the window; a test checks it against `unicode-segmentation`.
fn uax29_shortcut(text: &str, c: &Candidate) -> Option<bool> {
    if c.next == c.close_end {
        return None;
    }
    let next = *text.as_bytes().get(c.next)?;
    if next.is_ascii_uppercase() {
        Some(true)
    } else if next.is_ascii_lowercase() {
        Some(!c.ends_with_full_stop)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        split_paragraph(text, 0..text.len(), &mut Scratch::default(), &mut spans);
        spans.into_iter().map(|r| &text[r]).collect()
    }

    proptest::proptest! {
        #[test]
        fn shortcut_agrees_with_unicode_segmentation(
            text in "[A-Za-z]{0,4}[.?!\u{2026}\u{FF0E}]{1,3}[\"'\u{201D}\u{2019})\\]]{0,2}[ \n\u{A0}]{1,2}[A-Za-z0-9]{1,4}"
        ) {
            let start = text
                .char_indices()
                .find(|(at, _)| terminator_at(&text, *at).is_some())
                .map(|(at, _)| at);
            let candidate = start.and_then(|at| candidate_at(&text, at, text.len()));
            if let Some(candidate) = candidate {
                let rules = BoundaryRules {
                    text: &text,
                    quotes_seen: std::cell::Cell::new((0, 0)),
                    start: 0,
                    end: text.len(),
                    list: Abbreviations::builtin(),
                };
                if let Some(answer) = uax29_shortcut(&text, &candidate) {
                    let full = rules.uax29_window_breaks(&candidate, &mut Scratch::default());
                    proptest::prop_assert_eq!(answer, full, "{:?}", text);
                }
            }
        }
    }

    #[test]
    fn plain_sentences_split_after_the_full_stop() {
        assert_eq!(
            split("The talks ended. Both sides left."),
            ["The talks ended.", "Both sides left."]
        );
    }

    #[test]
    fn titles_never_end_a_sentence() {
        assert_eq!(
            split("Gen. Smith met Gov. Brown. They spoke."),
            ["Gen. Smith met Gov. Brown.", "They spoke."]
        );
    }

    #[test]
    fn month_abbreviation_before_a_day_does_not_split() {
        assert_eq!(
            split("Talks on Oct. 30 and Nov. 14, he said. Next came more."),
            ["Talks on Oct. 30 and Nov. 14, he said.", "Next came more."]
        );
    }

    #[test]
    fn us_splits_only_before_a_sentence_starter() {
        assert_eq!(
            split("He met U.S. Secretary Kerry in the U.S. The talks went well."),
            [
                "He met U.S. Secretary Kerry in the U.S.",
                "The talks went well."
            ]
        );
    }

    #[test]
    fn initials_stay_with_the_name() {
        assert_eq!(
            split("J. R. Smith said so. George W. Bush agreed."),
            ["J. R. Smith said so.", "George W. Bush agreed."]
        );
    }

    #[test]
    fn ellipsis_before_lowercase_goes_on_and_before_capital_splits() {
        assert_eq!(
            split("There were difficulties… in some areas. We will see... The end."),
            [
                "There were difficulties… in some areas.",
                "We will see...",
                "The end."
            ]
        );
    }

    #[test]
    fn question_in_a_quote_followed_by_lowercase_does_not_split() {
        assert_eq!(
            split("\"Why now?\" he asked. Nobody knew."),
            ["\"Why now?\" he asked.", "Nobody knew."]
        );
    }

    #[test]
    fn missing_space_after_full_stop_splits_but_decimals_and_hosts_do_not() {
        assert_eq!(
            split("Prices rose 3.5 percent.The rise, reported on tass.ru, was small."),
            [
                "Prices rose 3.5 percent.",
                "The rise, reported on tass.ru, was small."
            ]
        );
    }

    #[test]
    fn opening_quote_after_a_glued_stop_goes_with_the_next_sentence() {
        assert_eq!(
            split("He left.“We stay,” she said."),
            ["He left.", "“We stay,” she said."]
        );
        assert_eq!(
            split("He left.\"We stay,\" she said."),
            ["He left.", "\"We stay,\" she said."]
        );
    }

    #[test]
    fn list_numbers_after_a_colon_do_not_end_sentences() {
        assert_eq!(
            split("The plan has steps: 1. Stop fire; 2. Open roads. It failed."),
            [
                "The plan has steps: 1. Stop fire; 2. Open roads.",
                "It failed."
            ]
        );
    }

    #[test]
    fn a_number_ending_a_sentence_still_splits() {
        assert_eq!(
            split("The toll rose to 12. The army denied it."),
            ["The toll rose to 12.", "The army denied it."]
        );
    }

    #[test]
    fn dotted_initialisms_and_addresses_are_recognised() {
        assert!(is_dotted_initialism("U.S"));
        assert!(is_dotted_initialism("a.m"));
        assert!(!is_dotted_initialism("tass.com"));
        assert!(looks_like_address("https://x.org/a.b"));
        assert!(looks_like_address("press@un.org"));
        assert!(!looks_like_address("U.S."));
    }
}
