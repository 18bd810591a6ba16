//! A phrase list matched without compiling a regex.
//!
//! A list used to be one case-insensitive regex, `(?i)\b(?:p1|p2|…)\b`, the phrases longest
//! first; compiling the lexicon's lists that way cost more than half of a `compare` run's
//! start-up. [`PhraseSet`] finds exactly what that regex finds, with the regex's rules done
//! by hand: Unicode simple case folding, Unicode word boundaries, words joined by any run
//! of whitespace or hyphens, an optional plural ending (`s`, then `es`) after a word that
//! ends in a letter, `*` for any one word, and leftmost-first choice (the earliest start;
//! there the first phrase in the order that matches; within it the first way the regex's
//! backtracking would try). The tests check it against the regex.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, HirKind};

/// A word to match literally: per character, every character it matches
/// case-insensitively; and, when the word is ASCII, its bytes, compared without the
/// per-character sets wherever the text is ASCII too.
#[derive(Clone, Debug)]
struct Literal {
    chars: Vec<Variants>,
    ascii: Option<Box<[u8]>>,
}

impl Literal {
    fn new(word: &str) -> Literal {
        Literal {
            chars: word.chars().map(case_variants).collect(),
            ascii: word.is_ascii().then(|| word.as_bytes().into()),
        }
    }

    /// The end of the word matched at `pos`.
    fn match_at(&self, text: &str, pos: usize) -> Option<usize> {
        if let Some(word) = &self.ascii {
            // `n` characters take at least `n` bytes; when those are ASCII they are the
            // `n` characters, and an ASCII character's ASCII variants are its two cases.
            let bytes = text.as_bytes().get(pos..pos + word.len())?;
            if bytes.is_ascii() {
                return bytes.eq_ignore_ascii_case(word).then_some(pos + word.len());
            }
        }
        match_literal(&self.chars, text, pos)
    }
}

/// One word of a phrase.
#[derive(Clone, Debug)]
enum Part {
    /// A literal word, and whether it may take a plural ending.
    Word { literal: Literal, plural: bool },
    /// `*`: any one word (letters and digits, inner `'’.-`).
    AnyWord,
}

/// A phrase list, matched case-insensitively on word boundaries. A clone shares the
/// tables (the lexicon is cloned into every comparison's options).
#[derive(Clone, Debug, Default)]
pub(crate) struct PhraseSet(Arc<Tables>);

impl PhraseSet {
    /// The set of `phrases`; `plurals` lets every word ending in a letter take `s`/`es`.
    pub(crate) fn new(phrases: Vec<String>, plurals: bool) -> PhraseSet {
        PhraseSet(Arc::new(Tables::new(phrases, plurals)))
    }

    /// Every match in `text`, left to right, not overlapping.
    pub(crate) fn find(&self, text: &str) -> Vec<Range<usize>> {
        if self.0.phrases.is_empty() {
            return Vec::new();
        }
        self.0.find_in(&Boundaries::new(text))
    }

    /// Every match in the text of `boundaries`, left to right, not overlapping.
    pub(crate) fn find_in(&self, boundaries: &Boundaries) -> Vec<Range<usize>> {
        self.0.find_in(boundaries)
    }
}

/// What a [`PhraseSet`] matches with.
#[derive(Debug, Default)]
struct Tables {
    /// Each phrase's words, longest phrase first, as the regex alternation was ordered.
    phrases: Vec<Vec<Part>>,
    /// Phrases by an ASCII character their first word can start with, in order.
    by_ascii_first: Vec<Vec<usize>>,
    /// Phrases by any other character their first word can start with, in order.
    by_first: HashMap<char, Vec<usize>>,
    /// Phrases starting with `*`, in order.
    any_first: Vec<usize>,
    /// Per phrase, the characters its second character can be when its first word has
    /// two or more: most phrases tried at a word start fail there, found without a call.
    second: Vec<Option<Variants>>,
    /// Whether every phrase starts with a word character: then only the boundaries where
    /// a word starts are tried, not those where one ends.
    word_first_only: bool,
    /// Per phrase, its first bytes as [`Prefix`]: most phrases tried at a word start
    /// fail in their first word, found without a call.
    prefixes: Vec<Prefix>,
    /// For a word start at ASCII `c` followed by ASCII `n`, at `c * 128 + n`: which of
    /// [`Tables::pair_lists`] holds the phrases that can start there (0: none). Most
    /// word starts are ASCII, and most have no phrase: passed over with one lookup.
    pair_slot: Vec<u16>,
    /// The phrases that can start with a pair of ASCII characters, in order; the first
    /// list is empty.
    pair_lists: Vec<Box<[usize]>>,
}

/// Up to four ASCII bytes a phrase starts with, as a mask and the value the text's next
/// four bytes take under it (`0xdf` at a letter, where case does not matter). Only an
/// ASCII text can be told apart so: elsewhere `K` also matches the Kelvin sign.
#[derive(Clone, Copy, Debug, Default)]
struct Prefix {
    mask: u32,
    value: u32,
}

impl Prefix {
    fn of(first: &Part) -> Prefix {
        let Part::Word { literal, .. } = first else {
            // `*`: anything.
            return Prefix::default();
        };
        let mut prefix = Prefix::default();
        let word = literal.chars.iter().map_while(|variants| variants.first());
        for (i, &c) in word.take(4).enumerate() {
            // `variants.first()` of an ASCII letter is its upper case, of other ASCII itself.
            let Ok(b) = u8::try_from(c) else { break };
            if !b.is_ascii() {
                break;
            }
            let byte_mask: u8 = if b.is_ascii_alphabetic() { 0xdf } else { 0xff };
            prefix.mask |= u32::from(byte_mask) << (8 * i);
            prefix.value |= u32::from(b & byte_mask) << (8 * i);
        }
        prefix
    }

    /// Whether a phrase with this prefix can match at a text whose next four bytes (zeros
    /// past the end) are `window`, all ASCII.
    fn admits(self, window: u32) -> bool {
        window & self.mask == self.value
    }
}

/// The four bytes at `pos` as one number, zeros past the end; `None` when one of them is
/// not ASCII.
fn ascii_window(text: &str, pos: usize) -> Option<u32> {
    let rest = text.as_bytes().get(pos..).unwrap_or_default();
    let mut window = [0u8; 4];
    let n = rest.len().min(4);
    window[..n].copy_from_slice(&rest[..n]);
    let window = u32::from_le_bytes(window);
    (window & 0x8080_8080 == 0).then_some(window)
}

/// Entries of [`Tables::pair_slot`]: one per pair of ASCII characters.
const ASCII_PAIRS: usize = 128 * 128;

/// Where phrases can start in a text: every character at which the regex's `\b` holds,
/// with the character after it. Found once for all the lists matched in one sentence.
/// They alternate: a word's start (the first), its end, the next word's start, and so on.
#[derive(Clone, Debug)]
pub(crate) struct Boundaries<'t> {
    text: &'t str,
    starts: Cow<'t, [Start]>,
}

/// A text's boundaries kept without the text, to match in that same text again
/// ([`Boundaries::keep`], [`Boundaries::of_kept`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct KeptBoundaries(Vec<Start>);

/// A character at a word boundary.
#[derive(Clone, Copy, Debug)]
struct Start {
    pos: usize,
    /// `c * 128 + n` for the ASCII character `c` there and the ASCII character `n` after
    /// it ([`Tables::pair_slot`]), else [`NOT_ASCII_PAIR`].
    pair: u16,
}

/// [`Start::pair`] of a character or next character that is not ASCII, or no next one.
const NOT_ASCII_PAIR: u16 = u16::MAX;

impl<'t> Boundaries<'t> {
    /// The boundaries of `text`.
    pub(crate) fn new(text: &'t str) -> Boundaries<'t> {
        let bytes = text.as_bytes();
        // About two boundaries a word.
        let mut starts = Vec::with_capacity(bytes.len() / 2);
        let mut after_word = false;
        if text.is_ascii() {
            // Most sentences: one table lookup a byte.
            for (pos, &b) in bytes.iter().enumerate() {
                let word = matches!(BYTE_CLASS[usize::from(b)], ByteClass::Word);
                if word != after_word {
                    after_word = word;
                    let pair = bytes
                        .get(pos + 1)
                        .map_or(NOT_ASCII_PAIR, |&n| u16::from(b) * 128 + u16::from(n));
                    starts.push(Start { pos, pair });
                }
            }
            return Boundaries {
                text,
                starts: Cow::Owned(starts),
            };
        }
        for (pos, &b) in bytes.iter().enumerate() {
            // ASCII by a table, without decoding.
            let word = match BYTE_CLASS[usize::from(b)] {
                ByteClass::Word => true,
                ByteClass::Other => false,
                ByteClass::Continuation => continue,
                ByteClass::Lead => match char_at(text, pos) {
                    Some(c) => is_word(c),
                    None => continue,
                },
            };
            // A word character after a non-word one, or the reverse.
            if word != after_word {
                after_word = word;
                let pair = match bytes.get(pos + 1) {
                    Some(&n) if b.is_ascii() && n.is_ascii() => u16::from(b) * 128 + u16::from(n),
                    _ => NOT_ASCII_PAIR,
                };
                starts.push(Start { pos, pair });
            }
        }
        Boundaries {
            text,
            starts: Cow::Owned(starts),
        }
    }

    /// The boundaries without the text, for [`Boundaries::of_kept`].
    pub(crate) fn keep(self) -> KeptBoundaries {
        KeptBoundaries(self.starts.into_owned())
    }

    /// The boundaries of `text` from those [`Boundaries::keep`] kept of the same text.
    pub(crate) fn of_kept(text: &'t str, kept: &'t KeptBoundaries) -> Boundaries<'t> {
        Boundaries {
            text,
            starts: Cow::Borrowed(&kept.0),
        }
    }

    /// The text.
    pub(crate) fn text(&self) -> &'t str {
        self.text
    }
}

/// What a byte of UTF-8 text says about the `\b` between characters.
#[derive(Clone, Copy)]
enum ByteClass {
    /// An ASCII word character.
    Word,
    /// Any other ASCII character.
    Other,
    /// The first byte of a longer character.
    Lead,
    /// A later byte of a longer character.
    Continuation,
}

/// [`ByteClass`] by byte.
static BYTE_CLASS: [ByteClass; 256] = {
    let mut table = [ByteClass::Other; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() || byte == b'_' {
            ByteClass::Word
        } else if byte.is_ascii() {
            ByteClass::Other
        } else if byte < 0xc0 {
            ByteClass::Continuation
        } else {
            ByteClass::Lead
        };
        b += 1;
    }
    table
};

/// The character starting at byte `pos` (a character boundary), without decoding ASCII.
fn char_at(text: &str, pos: usize) -> Option<char> {
    match *text.as_bytes().get(pos)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text.get(pos..)?.chars().next(),
    }
}

impl Tables {
    /// The tables of `phrases`; `plurals` lets every word ending in a letter take `s`/`es`.
    fn new(phrases: Vec<String>, plurals: bool) -> Tables {
        let mut sorted = phrases;
        // Longest first, so that `moderate opposition` wins over a shorter phrase.
        sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        sorted.dedup();
        let mut set = Tables {
            by_ascii_first: vec![Vec::new(); 128],
            ..Tables::default()
        };
        for phrase in sorted {
            let parts: Vec<Part> = phrase
                .split_whitespace()
                .map(|word| part(word, plurals))
                .collect();
            // An empty phrase (a bare `!` line) could only match nothing.
            let Some(first) = parts.first() else { continue };
            let index = set.phrases.len();
            set.prefixes.push(Prefix::of(first));
            set.second.push(match first {
                Part::Word { literal, .. } => literal.chars.get(1).cloned(),
                Part::AnyWord => None,
            });
            match first {
                Part::AnyWord => set.any_first.push(index),
                Part::Word { literal, .. } => {
                    for &c in literal.chars.first().map_or(&[][..], |c| &c[..]) {
                        match set.by_ascii_first.get_mut(c as usize) {
                            Some(list) => list.push(index),
                            None => set.by_first.entry(c).or_default().push(index),
                        }
                    }
                }
            }
            set.phrases.push(parts);
        }
        set.word_first_only = set.phrases.iter().all(|parts| match parts.first() {
            Some(Part::Word { literal, .. }) => literal
                .chars
                .first()
                .is_some_and(|variants| variants.iter().all(|&c| is_word(c))),
            _ => false,
        });
        set.build_pair_lists();
        set
    }

    /// Fills [`Tables::pair_slot`] and [`Tables::pair_lists`]: per ASCII first
    /// character, one list for the second characters some phrase names and one shared by
    /// every other second character.
    fn build_pair_lists(&mut self) {
        let mut pair_slot = vec![0; ASCII_PAIRS];
        let mut pair_lists: Vec<Box<[usize]>> = vec![Box::default()];
        let mut known: HashMap<Vec<usize>, u16> = HashMap::new();
        known.insert(Vec::new(), 0);
        for c in (0..128u8).map(char::from) {
            let starting = self.by_ascii_first.get(c as usize).map_or(&[][..], |l| l);
            // A `*` phrase can start only at a letter or digit.
            let any: &[usize] = if is_edge(c) { &self.any_first } else { &[] };
            if starting.is_empty() && any.is_empty() {
                continue;
            }
            let list_for = |n: Option<char>| -> Vec<usize> {
                let mut list: Vec<usize> = starting
                    .iter()
                    .copied()
                    .filter(|&i| match self.second.get(i) {
                        Some(Some(second)) => n.is_some_and(|n| second.contains(&n)),
                        _ => true,
                    })
                    .chain(any.iter().copied())
                    .collect();
                list.sort_unstable();
                list
            };
            let mut named: Vec<char> = starting
                .iter()
                .filter_map(|&i| self.second.get(i).and_then(Option::as_deref))
                .flatten()
                .copied()
                .filter(char::is_ascii)
                .collect();
            named.sort_unstable();
            named.dedup();
            let mut slot_of = |list: Vec<usize>, lists: &mut Vec<Box<[usize]>>| -> u16 {
                let next = u16::try_from(lists.len()).unwrap_or(u16::MAX);
                *known.entry(list).or_insert_with_key(|list| {
                    lists.push(list.as_slice().into());
                    next
                })
            };
            let other = slot_of(list_for(None), &mut pair_lists);
            let row = c as usize * 128;
            if let Some(slots) = pair_slot.get_mut(row..row + 128) {
                slots.fill(other);
            }
            for n in named {
                let slot = slot_of(list_for(Some(n)), &mut pair_lists);
                if let Some(entry) = pair_slot.get_mut(row + n as usize) {
                    *entry = slot;
                }
            }
        }
        self.pair_slot = pair_slot;
        self.pair_lists = pair_lists;
    }

    /// Every match in the text of `boundaries`, left to right, not overlapping.
    fn find_in(&self, boundaries: &Boundaries) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        if self.phrases.is_empty() {
            return found;
        }
        let text = boundaries.text;
        let mut candidates: Vec<usize> = Vec::new();
        // No match starts before the end of the last one.
        let mut resume = 0;
        // Boundaries alternate, a word's start first (see `Boundaries::new`).
        let step = if self.word_first_only { 2 } else { 1 };
        for &Start { pos, pair } in boundaries.starts.iter().step_by(step) {
            if pos < resume {
                continue;
            }
            let in_order: &[usize] = match self.pair_slot.get(usize::from(pair)) {
                Some(&slot) => match self.pair_lists.get(usize::from(slot)) {
                    Some(list) if !list.is_empty() => list,
                    _ => continue,
                },
                None => {
                    // Rare (a non-ASCII character, the text's last one): filtered here.
                    let Some(c) = char_at(text, pos) else {
                        continue;
                    };
                    let next = char_at(text, pos + c.len_utf8());
                    let starting = match self.by_ascii_first.get(c as usize) {
                        Some(list) => list.as_slice(),
                        None => self.by_first.get(&c).map_or(&[][..], Vec::as_slice),
                    };
                    candidates.clear();
                    candidates.extend(starting.iter().copied().filter(
                        |&i| match self.second.get(i) {
                            Some(Some(second)) => next.is_some_and(|n| second.contains(&n)),
                            _ => true,
                        },
                    ));
                    candidates.extend_from_slice(&self.any_first);
                    candidates.sort_unstable();
                    &candidates
                }
            };
            let window = ascii_window(text, pos);
            let matched = in_order
                .iter()
                .filter(|&&i| match (window, self.prefixes.get(i)) {
                    (Some(window), Some(prefix)) => prefix.admits(window),
                    _ => true,
                })
                .filter_map(|&i| self.phrases.get(i))
                .find_map(|parts| match_parts(parts, text, pos));
            if let Some(end) = matched {
                found.push(pos..end);
                resume = end;
            }
        }
        found
    }
}

/// A phrase's word as a part; with `plurals`, a word ending in a letter may take `s`/`es`.
fn part(word: &str, plurals: bool) -> Part {
    if word == "*" {
        return Part::AnyWord;
    }
    Part::Word {
        literal: Literal::new(word),
        plural: plurals && word.chars().last().is_some_and(char::is_alphabetic),
    }
}

/// Every character `c` matches under Unicode simple case folding (`k`: k, K and the Kelvin
/// sign), as the regex's `(?i)` does.
fn case_variants(c: char) -> Variants {
    // ASCII from a table built at compile time (a test checks it against the folding
    // tables): the lists hold thousands of ASCII characters.
    if let Some((variants, n)) = ASCII_VARIANTS.get(c as usize) {
        return Variants::Borrowed(variants.get(..usize::from(*n)).unwrap_or_default());
    }
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    Variants::Owned(class.iter().flat_map(|r| r.start()..=r.end()).collect())
}

/// The characters one character of a phrase matches ([`case_variants`]).
type Variants = Cow<'static, [char]>;

/// [`case_variants`] of each ASCII character, and how many there are: upper and lower
/// case of a letter (and the Kelvin sign for `k`, the long s for `s`), else the character.
static ASCII_VARIANTS: [([char; 3], u8); 128] = {
    let mut table = [(['\0'; 3], 0u8); 128];
    let mut b = 0u8;
    while b < 128 {
        let (upper, lower) = (
            b.to_ascii_uppercase() as char,
            b.to_ascii_lowercase() as char,
        );
        table[b as usize] = match lower {
            'k' => (['K', 'k', '\u{212a}'], 3),
            's' => (['S', 's', '\u{17f}'], 3),
            'a'..='z' => ([upper, lower, '\0'], 2),
            _ => ([b as char, '\0', '\0'], 1),
        };
        b += 1;
    }
    table
};

/// Whether `c` is a word character for the regex's `\b` (Unicode `\w`).
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::is_word_character(c)
    }
}

/// Where the regex's `\b` holds: a word character on exactly one side.
fn at_boundary(text: &str, pos: usize) -> bool {
    let before = text
        .get(..pos)
        .and_then(|t| t.chars().next_back())
        .is_some_and(is_word);
    let after = text
        .get(pos..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_word);
    before != after
}

/// The end of the first way `parts` match at `pos` followed by a word boundary, in the
/// order a backtracking regex tries them.
fn match_parts(parts: &[Part], text: &str, pos: usize) -> Option<usize> {
    let Some((first, rest)) = parts.split_first() else {
        return at_boundary(text, pos).then_some(pos);
    };
    // What follows one word: the end, or a separator run and the next word.
    let then = |end: usize| -> Option<usize> {
        if rest.is_empty() {
            return at_boundary(text, end).then_some(end);
        }
        // `[\s\-]+`, greedy: the longest run first, then shorter ones.
        let after = text.get(end..).unwrap_or_default();
        let run_len = after
            .char_indices()
            .find(|&(_, c)| !(c.is_whitespace() || c == '-'))
            .map_or(after.len(), |(i, _)| i);
        after
            .get(..run_len)
            .unwrap_or_default()
            .char_indices()
            .rev()
            .find_map(|(i, c)| match_parts(rest, text, end + i + c.len_utf8()))
    };
    match first {
        Part::Word { literal, plural } => {
            let end = literal.match_at(text, pos)?;
            if *plural {
                // `(?:s|es)?`: `s`, then `es`, then nothing.
                [&*PLURAL_S, &*PLURAL_ES]
                    .iter()
                    .filter_map(|ending| ending.match_at(text, end))
                    .chain([end])
                    .find_map(then)
            } else {
                then(end)
            }
        }
        Part::AnyWord => any_word_ends(text, pos).into_iter().find_map(then),
    }
}

/// `s` and `es` as literal parts.
static PLURAL_S: LazyLock<Literal> = LazyLock::new(|| Literal::new("s"));
static PLURAL_ES: LazyLock<Literal> = LazyLock::new(|| Literal::new("es"));

/// The end of `chars` matched at `pos`.
fn match_literal(chars: &[Variants], text: &str, pos: usize) -> Option<usize> {
    let mut rest = text.get(pos..)?.chars();
    let mut end = pos;
    for variants in chars {
        let c = rest.next()?;
        if !variants.contains(&c) {
            return None;
        }
        end += c.len_utf8();
    }
    Some(end)
}

/// The ends a `*` word can take at `pos`, in the regex's order: for
/// `[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]`, the longest two-or-more
/// character word first, the one-character word last.
fn any_word_ends(text: &str, pos: usize) -> Vec<usize> {
    let mut chars = text.get(pos..).unwrap_or_default().char_indices();
    let Some((_, first)) = chars.next() else {
        return Vec::new();
    };
    if !is_edge(first) {
        return Vec::new();
    }
    let mut ends: Vec<usize> = chars
        .take_while(|&(_, c)| is_inner(c))
        .filter(|&(_, c)| is_edge(c))
        .map(|(i, c)| pos + i + c.len_utf8())
        .collect();
    ends.reverse();
    ends.push(pos + first.len_utf8());
    ends
}

/// Whether `c` may start or end a `*` word (`[\p{L}\p{N}]`); ASCII without the class
/// tables, which are then built only for text that needs them (a test checks both agree).
fn is_edge(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        WORD_CLASSES.edge.contains(c)
    }
}

/// Whether `c` may stand inside a `*` word (`[\p{L}\p{N}'’.-]`), as [`is_edge`].
fn is_inner(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '\'' | '.' | '-')
    } else {
        c == '’' || WORD_CLASSES.inner.contains(c)
    }
}

/// A `*` word's character classes, case-folded as under `(?i)`.
struct WordClasses {
    /// `[\p{L}\p{N}]`: its first and last character.
    edge: ClassSet,
    /// `[\p{L}\p{N}'’.-]`: the characters between.
    inner: ClassSet,
}

/// Sorted, disjoint character ranges.
struct ClassSet(Vec<(char, char)>);

impl ClassSet {
    /// The class of a regex bracket expression, as the regex crate reads it.
    fn parse(pattern: &str) -> ClassSet {
        let ranges = regex_syntax::Parser::new()
            .parse(pattern)
            .ok()
            .and_then(|hir| match hir.into_kind() {
                HirKind::Class(Class::Unicode(class)) => {
                    Some(class.iter().map(|r| (r.start(), r.end())).collect())
                }
                _ => None,
            })
            .unwrap_or_default();
        ClassSet(ranges)
    }

    fn contains(&self, c: char) -> bool {
        self.0
            .binary_search_by(|&(start, end)| {
                if end < c {
                    std::cmp::Ordering::Less
                } else if start > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// `[\p{L}\p{N}]` and `[\p{L}\p{N}'’.-]` as `(?i)` reads them, written out to spare case
/// folding every letter range: folding adds only U+0345 (it folds with `ι`); a test
/// checks the classes are the same.
const EDGE_CLASS: &str = r"[\p{L}\p{N}\u{345}]";
const INNER_CLASS: &str = r"[\p{L}\p{N}\u{345}'’.-]";

static WORD_CLASSES: LazyLock<WordClasses> = LazyLock::new(|| WordClasses {
    edge: ClassSet::parse(EDGE_CLASS),
    inner: ClassSet::parse(INNER_CLASS),
});

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::{Regex, RegexBuilder};

    /// The regex the set replaces, built as before.
    fn reference(phrases: &[&str], plurals: bool) -> Option<Regex> {
        let mut sorted: Vec<String> = phrases.iter().map(|p| p.to_string()).collect();
        sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        sorted.dedup();
        let alternatives: Vec<String> = sorted
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|phrase| {
                phrase
                    .split_whitespace()
                    .map(|w| {
                        let p = if w == "*" {
                            r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]".to_string()
                        } else if plurals && w.chars().last().is_some_and(char::is_alphabetic) {
                            format!("{}(?:s|es)?", regex::escape(w))
                        } else {
                            regex::escape(w)
                        };
                        format!("(?:{p})")
                    })
                    .collect::<Vec<_>>()
                    .join(r"[\s\-]+")
            })
            .collect();
        if alternatives.is_empty() {
            return None;
        }
        RegexBuilder::new(&format!(r"(?i)\b(?:{})\b", alternatives.join("|")))
            .build()
            .ok()
    }

    #[test]
    fn word_class_shortcuts_agree_with_the_classes() {
        for c in (0..=0x7f_u8)
            .map(char::from)
            .chain(['’', 'é', '\u{345}', '“', '\u{212a}'])
        {
            assert_eq!(is_edge(c), WORD_CLASSES.edge.contains(c), "{c:?}");
            assert_eq!(is_inner(c), WORD_CLASSES.inner.contains(c), "{c:?}");
        }
    }

    #[test]
    fn classes_and_ascii_variants_are_what_case_folding_gives() {
        let class = |pattern: &str| ClassSet::parse(pattern).0;
        assert_eq!(class(EDGE_CLASS), class(r"(?i)[\p{L}\p{N}]"));
        assert_eq!(class(INNER_CLASS), class(r"(?i)[\p{L}\p{N}'’.-]"));
        for c in (0..128u8).map(char::from) {
            let mut folded = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
            folded.case_fold_simple();
            let expected: Vec<char> = folded.iter().flat_map(|r| r.start()..=r.end()).collect();
            assert_eq!(case_variants(c).to_vec(), expected, "{c:?}");
        }
    }

    fn check(phrases: &[&str], plurals: bool, text: &str) {
        let set = PhraseSet::new(phrases.iter().map(|p| p.to_string()).collect(), plurals);
        let expected: Vec<Range<usize>> = reference(phrases, plurals)
            .map(|re| re.find_iter(text).map(|m| m.range()).collect())
            .unwrap_or_default();
        assert_eq!(set.find(text), expected, "{phrases:?} {plurals} {text:?}");
    }

    const PHRASES: [&str; 12] = [
        "regime",
        "terror group",
        "so-called",
        "outlawed in *",
        "* backed",
        "group",
        "es",
        "s",
        "K-9 unit",
        "café",
        "U.S.",
        "don’t",
    ];

    #[test]
    fn plurals_case_and_separators_match_as_the_regex_did() {
        for plurals in [false, true] {
            for text in [
                "The REGIMES and regimeses; Terror-groups, terror \t- group.",
                "so-called so - called So-Calledes outlawed in Russia-based, outlawed in X.",
                "outlawed in Russia's, outlawed in 'x', outlawed in U.S.A. and US-backed allies",
                "K-9 UNITS, \u{212a}-9 unit, ſ, es, ES, eſ, CAFÉ, Café, u.s. don’t DON’T",
                "",
                "-",
                "grouped groups group_ group1 ågroup",
            ] {
                check(&PHRASES, plurals, text);
            }
        }
    }

    #[test]
    fn phrases_starting_with_punctuation_match_as_the_regex_did() {
        // Such a phrase starts where a word ends, not where one starts.
        let phrases = ["-backed", "'s", ".com", "regime"];
        for plurals in [false, true] {
            for text in [
                "US-backed, Russia's, x.com regime -backed 's",
                "-backed",
                "a-backed-backed's.com's",
                "regime's-backed",
            ] {
                check(&phrases, plurals, text);
            }
        }
    }

    #[test]
    fn builtin_lists_match_as_the_regex_did_on_the_seeds() {
        for entry in std::fs::read_dir("seeds").unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for (set, reference) in BUILTIN_LISTS.iter() {
                let expected: Vec<Range<usize>> = reference
                    .as_ref()
                    .map(|re| re.find_iter(&text).map(|m| m.range()).collect())
                    .unwrap_or_default();
                assert_eq!(set.find(&text), expected);
            }
        }
    }

    /// The built-in lists as (phrases, plurals), each with the regex it replaces.
    static BUILTIN_LISTS: LazyLock<Vec<(PhraseSet, Option<Regex>)>> = LazyLock::new(|| {
        let lexicon = super::super::Lexicon::builtin();
        let verbs: Vec<String> = lexicon
            .section("speech_verbs")
            .iter()
            .flat_map(|line| line.split('|').map(|f| f.trim().to_string()))
            .collect();
        let labels = lexicon.section("labels");
        let lists: [(&[String], bool); 6] = [
            (labels, true),
            (lexicon.section("label_heads"), true),
            (lexicon.section("hedges"), false),
            (lexicon.section("intensifiers"), false),
            (lexicon.section("source_markers"), false),
            (&verbs, false),
        ];
        lists
            .into_iter()
            .map(|(list, plurals)| {
                let phrases: Vec<&str> = list.iter().map(|p| p.trim_start_matches('!')).collect();
                let set = PhraseSet::new(phrases.iter().map(|p| p.to_string()).collect(), plurals);
                (set, reference(&phrases, plurals))
            })
            .collect()
    });

    /// Words of the built-in phrases, cut and in other cases, and characters at the edges
    /// of the matching rules: text where the lists nearly match.
    fn near_phrase_words() -> Vec<String> {
        let lexicon = super::super::Lexicon::builtin();
        let mut words: Vec<String> = [
            "labels",
            "label_heads",
            "hedges",
            "intensifiers",
            "source_markers",
            "speech_verbs",
        ]
        .iter()
        .flat_map(|name| lexicon.section(name).to_vec())
        .flat_map(|line| {
            line.split(|c: char| c.is_whitespace() || c == '|')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
        let cut: Vec<String> = words
            .iter()
            .filter_map(|w| w.char_indices().nth(2).map(|(i, _)| w[..i].to_string()))
            .collect();
        let upper: Vec<String> = words.iter().map(|w| w.to_uppercase()).collect();
        words.extend(cut);
        words.extend(upper);
        words.extend(["s", "es", "ſ", "\u{212a}", "é", "ͅ", "_", "1", "x", "*"].map(str::to_string));
        words.sort();
        words.dedup();
        words
    }

    proptest! {
        #[test]
        fn builtin_lists_match_as_the_regex_on_near_phrases(
            words in proptest::collection::vec(
                (
                    proptest::sample::select(near_phrase_words()),
                    proptest::sample::select(vec![
                        " ", " ", " ", "", "  ", "-", " - ", "\t", "\n", ", ", ".", "“", "”",
                        "’", "'", "\u{a0}",
                    ]),
                ),
                0..16,
            ),
        ) {
            let text: String = words.iter().flat_map(|(w, s)| [w.as_str(), s]).collect();
            let boundaries = Boundaries::new(&text);
            for (set, regex) in BUILTIN_LISTS.iter() {
                let expected: Vec<Range<usize>> = regex
                    .as_ref()
                    .map(|re| re.find_iter(&text).map(|m| m.range()).collect())
                    .unwrap_or_default();
                prop_assert_eq!(&set.find_in(&boundaries), &expected, "{:?}", text);
                prop_assert_eq!(set.find(&text), expected, "{:?}", text);
            }
        }

        #[test]
        fn same_matches_as_the_regex(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "regime", "Regimes", "terror", "GROUP", "groupes", "so", "called", "-",
                    " ", "\t", "  - ", "outlawed", "in", "Russia", "x", "U.S.", "u.s", ".",
                    "'", "’", "don", "t", "K", "\u{212a}", "-9", "unit", "ſ", "es", "café",
                    "CAFÉ", "backed", "1", "_", "é", "ͅ", "ι",
                ]),
                0..14,
            ),
            plurals in proptest::bool::ANY,
        ) {
            let text: String = words.concat();
            let set = PhraseSet::new(PHRASES.iter().map(|p| p.to_string()).collect(), plurals);
            let expected: Vec<Range<usize>> = reference(&PHRASES, plurals)
                .map(|re| re.find_iter(&text).map(|m| m.range()).collect())
                .unwrap_or_default();
            prop_assert_eq!(set.find(&text), expected, "{:?}", text);
        }
    }
}
