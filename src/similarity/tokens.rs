//! From a raw sentence to the terms similarity compares.
//!
//! Steps, in order: Unicode NFKC per grapheme; quotes, apostrophes and dashes folded to
//! their ASCII forms; alias names found and kept as one term each (`Daesh` and
//! `Islamic State` both become the term `=islamic state`); the rest split into words with
//! `unicode-segmentation`; stop words dropped; numbers, number words and month names
//! normalised (`Feb.` = `February` → `#m2`, `fifteen` = `15` → `#15`); every other word
//! lower-cased and stemmed (Porter 2, `rust-stemmers`).
//!
//! Each term remembers what it is ([`TermKind`]): similarity weighs what a sentence claims
//! (words, numbers) over who it names (capitalised words and alias names of actors).

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::aliases::Aliases;

const STOPWORDS: &str = include_str!("../../data/stopwords.txt");
const TITLES: &str = include_str!("../../data/titles.txt");

/// What a term is, which decides how much it weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TermKind {
    /// A content word: an event, object or predicate (`decrease`, `violence`, `truce`).
    Word,
    /// A name: a capitalised word inside a sentence or an alias of a named actor
    /// (`Lavrov`, `=united states`).
    Name,
    /// A number, a number word or a month (`#27`, `#m2`).
    Number,
    /// Who speaks or acts rather than what is claimed: an office word (`minister`,
    /// `envoy`) and the names next to it (`Russian Foreign Minister Sergei Lavrov`).
    Actor,
}

/// One term of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// What similarity compares: the stem, `#`-number, or `=`-alias canonical name.
    pub key: String,
    /// What the term is.
    pub kind: TermKind,
    /// A metonym (`Moscow` for Russia): weaker evidence than the name itself.
    pub weak: bool,
    /// The words as written in the sentence (after normalisation).
    pub surface: String,
    /// Byte offset of the term's start in the sentence given to [`Tokenizer::terms`].
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

/// Turns sentences into [`Term`]s. Cheap to clone; build once per comparison.
#[derive(Clone, Debug)]
pub struct Tokenizer {
    aliases: Aliases,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer::new(Aliases::builtin())
    }
}

/// Builds the built-in tables of this module.
pub(crate) fn build_tables() {
    stopwords();
    office_words();
    stemmer();
}

fn stopwords() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

fn titles() -> &'static FxHashSet<&'static str> {
    &office_words().words
}

/// The office words (`data/titles.txt`), and the shapes they have, to rule most words out
/// without a lookup.
struct OfficeWords {
    words: FxHashSet<&'static str>,
    /// Bit `n` of `lengths[c]`: some office word of `n` bytes starts with the ASCII
    /// letter `c` in either case (bit 0: one of 32 bytes or more).
    lengths: [u32; 128],
    /// Whether some office word does not start with an ASCII letter.
    other_starts: bool,
}

impl OfficeWords {
    /// Whether `word` may be an office word once lower-cased: false only when none has its
    /// first letter and length.
    fn may_hold(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&b) if b.is_ascii_alphabetic() => {
                let bit = if word.len() < 32 { word.len() } else { 0 };
                self.lengths[usize::from(b.to_ascii_lowercase())] & (1 << bit) != 0
            }
            _ => self.other_starts,
        }
    }
}

fn office_words() -> &'static OfficeWords {
    static WORDS: OnceLock<OfficeWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let words: FxHashSet<&'static str> = TITLES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut lengths = [0u32; 128];
        let mut other_starts = false;
        for w in &words {
            match w.as_bytes().first() {
                Some(&b) if b.is_ascii_alphabetic() => {
                    let bit = if w.len() < 32 { w.len() } else { 0 };
                    // A word's lower-case form starts with the lower-case letter.
                    lengths[usize::from(b.to_ascii_lowercase())] |= 1 << bit;
                }
                _ => other_starts = true,
            }
        }
        OfficeWords {
            words,
            lengths,
            other_starts,
        }
    })
}

/// Whether any word of `text` is an office word (`minister`, `Secretary of State`).
pub fn names_an_office(text: &str) -> bool {
    // Most terms are one plain ASCII word: look it up without segmenting.
    if text.bytes().all(|b| b.is_ascii_alphabetic()) && !text.is_empty() {
        // Lower-casing ASCII letters keeps the length and the first letter's place.
        return office_words().may_hold(text) && with_lowercase(text, |w| titles().contains(w));
    }
    // Office words are ASCII letters, and in ASCII text a word of ASCII letters is a whole
    // run of them (UAX #29 never breaks between two letters): without such a run among
    // the office words (`27`, `1,000`, `Russia's`), no word can be one.
    let is_office = |run: &str| {
        !run.is_empty()
            && office_words().may_hold(run)
            && with_lowercase(run, |w| titles().contains(w))
    };
    if text.is_ascii()
        && !text
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(is_office)
    {
        return false;
    }
    text.unicode_words()
        .any(|w| with_lowercase(w, |w| titles().contains(w)))
}

/// `f` of `text` lower-cased (as [`str::to_lowercase`] gives it), without allocating for
/// short ASCII text.
pub(crate) fn with_lowercase<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; MAX_ASCII_LOOKUP];
    if let Some(lower) = buffer.get_mut(..text.len()).filter(|_| text.is_ascii()) {
        lower.copy_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    f(&text.to_lowercase())
}

/// Longest ASCII text [`with_lowercase`] lowercases on the stack.
const MAX_ASCII_LOOKUP: usize = 32;

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Distinct words a thread remembers the stems of before it starts afresh.
const STEM_CACHE_WORDS: usize = 1 << 16;

thread_local! {
    /// Stems already computed on this thread. News text repeats its words, and the Porter
    /// stemmer costs far more than a lookup; a corpus run stems the same words in event
    /// after event.
    static STEMS: std::cell::RefCell<FxHashMap<String, String>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// The Porter 2 (English) stem of a lower-case word, as `rust-stemmers` gives it,
/// remembered per thread.
pub fn stem(word: &str) -> String {
    with_stem(word, str::to_string)
}

/// `f` of [`stem`]`(word)`, without copying a remembered stem. Both the similarity and the
/// diff stage stem through this one per-thread cache.
pub fn with_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(stem) = cache.get(word) {
            return f(stem);
        }
        let stem = stemmer().stem(word).into_owned();
        let out = f(&stem);
        if cache.len() >= STEM_CACHE_WORDS {
            cache.clear();
        }
        cache.insert(word.to_string(), stem);
        out
    })
}

/// Words that open a new clause after a comma: reporting (`, saying`), contrast
/// (`, but`) and relative clauses (`, which`).
const CLAUSE_OPENERS: &[&str] = &[
    "saying",
    "adding",
    "noting",
    "stressing",
    "but",
    "while",
    "whereas",
    "which",
    "who",
    "although",
    "though",
    "according",
    "after",
    "when",
    "where",
    "as",
];

/// Byte offsets in `sentence` where its clauses start, the first being 0: after quote
/// marks, brackets, semicolons, colons and dashes, at a comma before a clause opener
/// (`, saying`, `, which`) and before ` but `. A claim is often one clause of a long
/// sentence that wraps it in attribution or adds a second claim.
pub fn clause_starts(sentence: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut push = |at: usize| {
        if at < sentence.len() && starts.last().is_some_and(|&l| at > l) {
            starts.push(at);
        }
    };
    let bytes = sentence.as_bytes();
    // Byte by byte: every mark is ASCII or a three-byte character starting with 0xE2
    // (a lead byte, so always at a character boundary).
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b';' | b':' | b'(' | b')' | b'"' => push(i + 1),
            0xE2 => {
                // “ ” — –
                if matches!(
                    bytes.get(i + 1..i + 3),
                    Some([0x80, 0x9C | 0x9D | 0x94 | 0x93])
                ) {
                    push(i + 3);
                }
            }
            b',' => {
                let rest = sentence.get(i + 1..).unwrap_or_default().trim_start();
                let end = rest
                    .char_indices()
                    .find(|(_, c)| !c.is_alphabetic())
                    .map_or(rest.len(), |(k, _)| k);
                let word = rest.get(..end).unwrap_or_default();
                let opens = if word.is_ascii() {
                    CLAUSE_OPENERS.iter().any(|o| o.eq_ignore_ascii_case(word))
                } else {
                    let lower: String = word.chars().flat_map(char::to_lowercase).collect();
                    CLAUSE_OPENERS.contains(&lower.as_str())
                };
                if opens {
                    push(i + 1);
                }
            }
            b' ' if bytes.get(i..i + 5) == Some(b" but ") => push(i + 1),
            _ => {}
        }
    }
    starts
}

/// Whether `word` (lower case, folded) is a stop word.
pub fn is_stopword(word: &str) -> bool {
    stopwords().contains(word)
}

/// NFKC and folding of quotes, apostrophes and dashes, with a map from each byte of the
/// result back to the byte of `text` it came from.
pub fn fold(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Fast path: an ASCII character followed by another (or the end) is a grapheme
        // of its own that NFKC leaves alone (CR LF is one grapheme: LF maps to the CR).
        // Such characters come in runs, copied whole: every ASCII byte up to the end, or
        // up to the one before the first non-ASCII byte (which may start its grapheme).
        let ascii_end = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|b| !b.is_ascii()))
            .map_or(bytes.len(), |n| (at + n).saturating_sub(1));
        if ascii_end > at {
            fold_ascii(text, at, ascii_end, &mut out, &mut origin);
            at = ascii_end;
            continue;
        }
        let Some(grapheme) = text.get(at..).and_then(|rest| rest.graphemes(true).next()) else {
            break;
        };
        fold_grapheme(grapheme, at, &mut out, &mut origin);
        at += grapheme.len();
    }
    (out, origin)
}

/// Folds one grapheme starting at byte `at` onto `out` and `origin` as [`fold`] does:
/// NFKC, quotes to `'` and `"`, dashes to `-`, whitespace to a space; every character
/// written maps back to `at`.
fn fold_grapheme(grapheme: &str, at: usize, out: &mut String, origin: &mut Vec<usize>) {
    for c in grapheme.nfkc() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                '\''
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        let before = out.len();
        out.push(c);
        origin.extend(std::iter::repeat_n(at, out.len() - before));
    }
}

/// Folds the ASCII bytes `text[from..to]`, each a grapheme NFKC leaves alone, onto
/// `out` and `origin` as [`fold`] does: a backtick becomes an apostrophe, whitespace
/// and vertical tab a space, and a LF after a CR maps back to the CR. Bytes needing none
/// of that are copied in stretches.
fn fold_ascii(text: &str, from: usize, to: usize, out: &mut String, origin: &mut Vec<usize>) {
    let Some(run) = text.get(from..to) else {
        return;
    };
    let changes = |b: u8| b == b'`' || (b != b' ' && (b.is_ascii_whitespace() || b == 0x0B));
    let mut copied = from;
    for (k, &b) in run.as_bytes().iter().enumerate() {
        if !changes(b) {
            continue;
        }
        let at = from + k;
        out.push_str(text.get(copied..at).unwrap_or_default());
        origin.extend(copied..at);
        out.push(if b == b'`' { '\'' } else { ' ' });
        let from_cr = b == b'\n' && at > 0 && text.as_bytes().get(at - 1) == Some(&b'\r');
        origin.push(if from_cr { at - 1 } else { at });
        copied = at + 1;
    }
    out.push_str(text.get(copied..to).unwrap_or_default());
    origin.extend(copied..to);
}

/// The value of a number word (`fifteen` → 15), for words that name a whole number.
fn number_word(word: &str) -> Option<u32> {
    use crate::english::{NUMBER_WORDS, TENS};
    const ORDINALS: [&str; 12] = [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "twelfth",
    ];
    if let Some(n) = NUMBER_WORDS.iter().position(|w| *w == word) {
        return u32::try_from(n).ok();
    }
    if let Some(n) = TENS.iter().position(|w| *w == word) {
        return u32::try_from(n * 10 + 20).ok();
    }
    // "thirty-five" arrives as one word only when not split; handle the split form too.
    if let Some((tens, unit)) = word.split_once('-') {
        let t = TENS.iter().position(|w| *w == tens)?;
        let u = NUMBER_WORDS[1..10].iter().position(|w| *w == unit)?;
        return u32::try_from(t * 10 + 20 + u + 1).ok();
    }
    // "second" is more often time or order than a quantity; keep ordinals from third on.
    ORDINALS
        .iter()
        .position(|w| *w == word)
        .filter(|n| *n >= 3)
        .and_then(|n| u32::try_from(if n == 11 { 12 } else { n }).ok())
}

/// The month a capitalised word names (`Feb`, `February` → 2). `May` counts only before a
/// number (`May 10`), since it is also a verb.
fn month(word: &str, next_is_number: bool) -> Option<u32> {
    let n = crate::english::month_number(word)?;
    if n == 5 && !next_is_number {
        return None;
    }
    Some(n)
}

/// The digits of a numeric word, without thousands separators or ordinal suffixes
/// (`1,000` → `1000`, `27th` → `27`, `2.50` → `2.5`).
fn numeric(word: &str) -> Option<String> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let core = word
        .trim_end_matches(|c: char| c.is_alphabetic())
        .replace(',', "");
    if core.is_empty() || !core.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Some(word.to_lowercase());
    }
    let core = if core.contains('.') {
        core.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        core
    };
    Some(core)
}

impl Tokenizer {
    /// A tokenizer that treats the names of each alias group as one term.
    pub fn new(aliases: Aliases) -> Tokenizer {
        Tokenizer { aliases }
    }

    /// The alias groups in use.
    pub fn aliases(&self) -> &Aliases {
        &self.aliases
    }

    /// The terms of `sentence`, in order. Offsets index into `sentence`.
    pub fn terms(&self, sentence: &str) -> Vec<Term> {
        self.terms_and_folded(sentence).0
    }

    /// [`Tokenizer::terms`], and the sentence [`fold`]ed as the terms were read from it
    /// (for [`crate::similarity::lexical::Profile::of_folded`], which then need not fold
    /// it again).
    pub fn terms_and_folded(&self, sentence: &str) -> (Vec<Term>, String) {
        let (folded, origin) = fold(sentence);
        let back = |i: usize| origin.get(i).copied().unwrap_or(sentence.len());
        let mentions = self.aliases.find_mentions(&folded);
        let groups = self.aliases.groups();
        let words = join_hyphenated(&folded);
        let mut terms = Vec::with_capacity(words.len());
        let mut next_mention = 0;
        let mut emitted_mention = None;
        let mut first_word = true;
        for (i, &(at, raw)) in words.iter().enumerate() {
            // Alias names first: a mention covering this word becomes one term.
            while next_mention < mentions.len() && mentions[next_mention].end <= at {
                next_mention += 1;
            }
            if let Some(m) = mentions.get(next_mention) {
                if m.start <= at && at < m.end {
                    if emitted_mention != Some(next_mention) {
                        emitted_mention = Some(next_mention);
                        if let Some(group) = groups.get(m.group) {
                            let name_like = group.canonical.starts_with(char::is_uppercase);
                            terms.push(Term {
                                key: format!("={}", group.canonical.to_lowercase()),
                                kind: if name_like {
                                    TermKind::Name
                                } else {
                                    TermKind::Word
                                },
                                weak: group.weak,
                                surface: folded[m.start..m.end].to_string(),
                                start: back(m.start),
                                end: back(m.end),
                            });
                        }
                    }
                    first_word = false;
                    continue;
                }
            }
            let is_first = std::mem::replace(&mut first_word, false);
            let end = at + raw.len();
            // Most words are already lower-case ASCII: borrow them.
            let lower: std::borrow::Cow<str> =
                if raw.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                    std::borrow::Cow::Borrowed(raw)
                } else {
                    std::borrow::Cow::Owned(raw.to_lowercase())
                };
            let lower = lower
                .strip_suffix("'s")
                .filter(|w| !w.is_empty())
                .unwrap_or(&lower);
            let capitalised = raw.starts_with(char::is_uppercase);
            let next_is_number = words
                .get(i + 1)
                .is_some_and(|(_, w)| w.starts_with(|c: char| c.is_ascii_digit()));
            let (key, kind) = if let Some(digits) = numeric(lower) {
                (format!("#{digits}"), TermKind::Number)
            } else if let Some(m) = capitalised.then(|| month(raw, next_is_number)).flatten() {
                (format!("#m{m}"), TermKind::Number)
            } else if is_stopword(lower) {
                continue;
            } else if let Some(n) = number_word(lower) {
                (format!("#{n}"), TermKind::Number)
            } else {
                // A compound (`co-chairs`) is one term; its last part is stemmed.
                let stem = match lower.rsplit_once('-') {
                    Some((head, last)) => format!("{head}-{}", stem(last)),
                    None => stem(lower),
                };
                let kind = if capitalised && !is_first {
                    TermKind::Name
                } else {
                    TermKind::Word
                };
                (stem, kind)
            };
            terms.push(Term {
                key,
                kind,
                weak: false,
                surface: raw.to_string(),
                start: back(at),
                end: back(end),
            });
        }
        mark_actors(sentence, &mut terms);
        (terms, folded)
    }
}

/// The words of `text` with hyphenated compounds (`co-chairs`, `al-Nusra`) kept whole.
fn join_hyphenated(text: &str) -> Vec<(usize, &str)> {
    let mut words: Vec<(usize, &str)> = Vec::new();
    for (at, word) in text.unicode_word_indices() {
        if let Some((start, last)) = words.last_mut() {
            let end = *start + last.len();
            let joined = end + 1 == at
                && text.as_bytes().get(end) == Some(&b'-')
                && !word.starts_with(|c: char| c.is_ascii_digit());
            if joined {
                if let Some(compound) = text.get(*start..at + word.len()) {
                    *last = compound;
                    continue;
                }
            }
        }
        words.push((at, word));
    }
    words
}

/// Marks office words, and the names in one run with them, as [`TermKind::Actor`]:
/// `Russian Foreign Minister Sergei Lavrov`, `UN Syria envoy, Staffan de Mistura`.
fn mark_actors(sentence: &str, terms: &mut [Term]) {
    let office: Vec<bool> = terms.iter().map(|t| names_an_office(&t.surface)).collect();
    let member: Vec<bool> = terms
        .iter()
        .zip(&office)
        // A capitalised first word (`Russian Foreign Minister …`) counts as a name here.
        .map(|(t, &o)| {
            o || t.kind == TermKind::Name
                || (t.kind == TermKind::Word && t.surface.starts_with(char::is_uppercase))
        })
        .collect();
    // Names and office words separated only by spaces and punctuation form one run.
    let adjacent = |x: &Term, y: &Term| {
        sentence
            .get(x.end..y.start)
            .is_some_and(|gap| !gap.chars().any(char::is_alphanumeric))
    };
    let mut i = 0;
    while i < terms.len() {
        if !member[i] {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < terms.len() && member[i] && adjacent(&terms[i - 1], &terms[i]) {
            i += 1;
        }
        if office[start..i].iter().any(|&o| o) {
            for t in &mut terms[start..i] {
                t.kind = TermKind::Actor;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`fold`] one character at a time, as it was before ASCII runs were copied whole (the
    /// graphemes beyond ASCII folded by the same [`fold_grapheme`]).
    fn fold_char_by_char(text: &str) -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut origin = Vec::new();
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii() && bytes.get(at + 1).is_none_or(u8::is_ascii) {
                out.push(match b {
                    b'`' => '\'',
                    b if b.is_ascii_whitespace() || b == 0x0B => ' ',
                    b => char::from(b),
                });
                let from_cr = b == b'\n' && at > 0 && bytes.get(at - 1) == Some(&b'\r');
                origin.push(if from_cr { at - 1 } else { at });
                at += 1;
                continue;
            }
            let Some(grapheme) = text.get(at..).and_then(|rest| rest.graphemes(true).next()) else {
                break;
            };
            fold_grapheme(grapheme, at, &mut out, &mut origin);
            at += grapheme.len();
        }
        (out, origin)
    }

    proptest::proptest! {
        #[test]
        fn folding_ascii_runs_equals_folding_each_character(
            text in "([a-z `\t\r\n\x0B\x0C.,']|\u{301}|\u{2019}|\u{FB01}|\u{E9}|\u{201C}|\u{2014}|\u{A0}){0,40}",
        ) {
            proptest::prop_assert_eq!(fold(&text), fold_char_by_char(&text));
        }

        #[test]
        fn folding_any_text_equals_folding_each_character(text in "\\PC{0,30}|[\r\n\x0B a-c]{0,12}") {
            proptest::prop_assert_eq!(fold(&text), fold_char_by_char(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn offices_are_found_as_by_every_word(
            text in "((?i)minister|envoy|king|aides?|x|[.',\\- 0-9]|\u{E9}|\u{301}){0,8}",
        ) {
            let by_every_word = text
                .unicode_words()
                .any(|w| titles().contains(w.to_lowercase().as_str()));
            proptest::prop_assert_eq!(names_an_office(&text), by_every_word);
        }
    }

    /// [`clause_starts`] character by character, as it was before it read bytes.
    fn clause_starts_by_char(sentence: &str) -> Vec<usize> {
        let mut starts = vec![0];
        let mut push = |at: usize| {
            if at < sentence.len() && starts.last().is_some_and(|&l| at > l) {
                starts.push(at);
            }
        };
        for (i, c) in sentence.char_indices() {
            match c {
                ';' | ':' | '(' | ')' | '"' | '\u{201C}' | '\u{201D}' | '\u{2014}' | '\u{2013}' => {
                    push(i + c.len_utf8())
                }
                ',' => {
                    let rest = sentence[i + 1..].trim_start();
                    let word: String = rest
                        .chars()
                        .take_while(|c| c.is_alphabetic())
                        .flat_map(char::to_lowercase)
                        .collect();
                    if CLAUSE_OPENERS.contains(&word.as_str()) {
                        push(i + 1);
                    }
                }
                ' ' if sentence[i..].starts_with(" but ") => push(i + 1),
                _ => {}
            }
        }
        starts
    }

    proptest::proptest! {
        #[test]
        fn clause_starts_read_bytes_as_characters(
            parts in proptest::collection::vec(
                "(?i)saying|but|which|as|x|[ ,;:()\"]|\u{201C}|\u{201D}|\u{2014}|\u{2013}|\u{2012}|\u{E2}|\u{2022}|\u{A0}|\u{130}|\u{212A}",
                0..16,
            ),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(clause_starts(&text), clause_starts_by_char(&text));
        }
    }

    #[test]
    fn folding_ascii_fast_path_matches_the_grapheme_path() {
        let text = "A\r\nb\t`c` e\u{301} \u{201C}d\u{201D} x\u{000B}y";
        let (out, origin) = fold(text);
        assert_eq!(out, "A  b 'c' \u{e9} \"d\" x y");
        assert_eq!(origin.len(), out.len());
        // CR LF is one grapheme: both map to the CR.
        assert_eq!(&origin[..3], &[0, 1, 1]);
        assert!(origin.iter().all(|&i| text.is_char_boundary(i)));
    }

    #[test]
    fn clauses_start_after_quotes_and_before_reporting_openers() {
        let s = "The truce holds, saying \u{201C}violence fell\u{201D}; talks resume.";
        let starts = clause_starts(s);
        assert_eq!(starts[0], 0);
        assert!(starts.len() >= 3, "{starts:?}");
        assert!(starts.iter().all(|&i| s.is_char_boundary(i)));
        assert_eq!(clause_starts("One clause only."), vec![0]);
    }

    fn keys(text: &str) -> Vec<String> {
        Tokenizer::default()
            .terms(text)
            .into_iter()
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn dates_written_differently_give_the_same_terms() {
        assert_eq!(keys("on Feb. 22"), keys("on February 22nd"));
        assert_eq!(keys("on Feb. 22"), vec!["#m2", "#22"]);
    }

    #[test]
    fn number_words_equal_digits() {
        assert_eq!(keys("fifteen members"), keys("15 members"));
        assert_eq!(keys("1,000 troops"), vec!["#1000", "troop"]);
    }

    #[test]
    fn may_is_a_month_only_before_a_number() {
        assert_eq!(keys("talks on May 10"), vec!["talk", "#m5", "#10"]);
        assert_eq!(keys("talks May resume"), vec!["talk", "resum"]);
    }

    #[test]
    fn curly_and_straight_apostrophes_fold_together() {
        assert_eq!(
            keys("Russia\u{2019}s truce doesn\u{2019}t hold"),
            keys("Russia's truce doesn't hold")
        );
    }

    #[test]
    fn aliases_become_one_term_with_offsets_into_the_sentence() {
        let text = "\u{201C}Daesh\u{201D} and the Islamic State group";
        let terms = Tokenizer::default().terms(text);
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[0].key, terms[1].key);
        assert_eq!(&text[terms[0].start..terms[0].end], "Daesh");
        assert_eq!(&text[terms[1].start..terms[1].end], "Islamic State group");
    }

    #[test]
    fn capitalised_words_inside_a_sentence_are_names() {
        let terms = Tokenizer::default().terms("Rebels said Lavrov agreed");
        let kinds: Vec<TermKind> = terms.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                TermKind::Word,
                TermKind::Word,
                TermKind::Name,
                TermKind::Word
            ]
        );
    }

    #[test]
    fn offices_and_the_names_beside_them_are_actors() {
        let terms = Tokenizer::default()
            .terms("Russian Foreign Minister Sergei Lavrov said the truce holds, the envoy added");
        let actors: Vec<&str> = terms
            .iter()
            .filter(|t| t.kind == TermKind::Actor)
            .map(|t| t.surface.as_str())
            .collect();
        assert_eq!(
            actors,
            vec!["Russian", "Foreign Minister", "Sergei Lavrov", "envoy"]
        );
    }

    #[test]
    fn hyphenated_compounds_are_one_term() {
        assert_eq!(keys("the co-chairs agreed"), vec!["co-chair", "agre"]);
    }

    #[test]
    fn metonyms_are_weak() {
        let terms = Tokenizer::default().terms("Moscow agreed");
        assert!(terms[0].weak);
        assert_eq!(terms[0].key, "=russia");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "\u{0301}",
            "e\u{0301}\u{2019}s",
            "1,,,",
            "--",
            "'s",
            "\u{FB01}",
        ] {
            let _ = keys(text);
        }
    }
}
