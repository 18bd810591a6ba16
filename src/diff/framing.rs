//! Framing tags: what differs between two sentences that state the same claim, beyond
//! the words themselves.
//!
//! | kind | when |
//! | --- | --- |
//! | `naming` | both name the same actor or place, with different names from the alias list (`Daesh` / `Islamic State`; `Moscow` standing for `Russia`) |
//! | `attribution` | the claim is credited to a different source or with a different reporting verb, or one sentence credits no one |
//! | `label` | a loaded word from the label lexicon (`terrorist`, `Takfiri`, `regime`, `so-called`) is in one sentence and not the other |
//! | `hedge` | a hedge (`reportedly`, `alleged`) or intensifier (`dramatically`, `significant`) is in one sentence only |
//! | `number`, `date` | figures of the same unit, or dates, disagree or differ in precision (`February 22` / `late February`) |
//! | `quote` | words in quotation marks in one sentence are unquoted or paraphrased in the other |
//! | `omission` | a phrase with at least two content words, none of which the other sentence has |
//! | `reuse` | two outlets share a long verbatim run of words |
//!
//! Each tag says where it is in the member, what stands for it in the other sentence, and
//! explains the difference in one plain sentence.

use std::collections::{BTreeMap, BTreeSet};

use rust_stemmers::{Algorithm, Stemmer};

use crate::model::{
    Attribution, Edit, EditKind, FramingTag, SentenceRef, TagKind, TagSide, Token, TokenKind,
};
use crate::similarity::aliases::Aliases;

use super::lexicon::Lexicon;
use super::numbers::{self, DateRelation, Figure};
use super::tokens::key;

/// One sentence as framing sees it.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// Which sentence.
    pub at: SentenceRef,
    /// The outlet's name for explanations.
    pub outlet: &'a str,
    /// The whole source text (spans index into it).
    pub text: &'a str,
    /// Byte offset of the sentence's start.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its attribution.
    pub attribution: Option<&'a Attribution>,
}

impl Side<'_> {
    fn sentence(&self) -> &str {
        self.text.get(self.start..self.end).unwrap_or("")
    }

    fn span(&self, start: usize, end: usize) -> TagSide {
        TagSide {
            at: self.at,
            start,
            end,
            text: self.text.get(start..end).unwrap_or("").to_string(),
        }
    }

    /// A range relative to the sentence, as an absolute [`TagSide`].
    fn local(&self, r: std::ops::Range<usize>) -> TagSide {
        self.span(self.start + r.start, self.start + r.end)
    }

    /// Token indices overlapping an absolute byte range.
    fn token_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let first = self.tokens.iter().position(|t| t.end > start);
        let last = self.tokens.iter().rposition(|t| t.start < end);
        match (first, last) {
            (Some(f), Some(l)) if f <= l => f..l + 1,
            _ => 0..0,
        }
    }
}

/// Everything tag finding needs besides the two sentences.
pub struct Context<'a> {
    /// Word lists.
    pub lexicon: &'a Lexicon,
    /// Alias groups.
    pub aliases: &'a Aliases,
}

/// Tags of a member against the pivot, given the word diff between them; none when either
/// sentence has more than [`super::attribution::MAX_TOKENS`] tokens.
pub fn member_tags(
    pivot: &Side,
    member: &Side,
    edits: &[Edit],
    context: &Context,
) -> Vec<FramingTag> {
    let mut tags = Vec::new();
    // A "sentence" over the budget is a text without punctuation, diffed coarsely: its
    // framing is not one claim's, and the searches below are not linear in its length.
    let limit = super::attribution::MAX_TOKENS;
    if pivot.tokens.len() > limit || member.tokens.len() > limit {
        return tags;
    }
    naming_tags(pivot, member, context.aliases, &mut tags);
    attribution_tags(pivot, member, &mut tags);
    phrase_tags(pivot, member, edits, context.lexicon, &mut tags);
    quote_tags(pivot, member, edits, context.lexicon, &mut tags);
    omission_tags(pivot, member, edits, context, &mut tags);
    tags
}

/// The span of `to` that the diff aligns with `from`'s byte range.
fn aligned(
    edits: &[Edit],
    from: &Side,
    to: &Side,
    from_is_pivot: bool,
    start: usize,
    end: usize,
) -> TagSide {
    let range = from.token_range(start, end);
    let sides = |e: &Edit| {
        if from_is_pivot {
            (e.pivot.clone(), e.member.clone())
        } else {
            (e.member.clone(), e.pivot.clone())
        }
    };
    let (mut lo, mut hi) = (usize::MAX, 0usize);
    let mut position = None;
    for e in edits {
        let (f, t) = sides(e);
        let (s, x) = (range.start.max(f.start), range.end.min(f.end));
        if s >= x {
            continue;
        }
        let mapped = if e.kind == EditKind::Equal {
            t.start + (s - f.start)..t.start + (x - f.start)
        } else if let Some(id) = e.moved {
            // A moved phrase is aligned with where it went.
            edits
                .iter()
                .find(|o| o.moved == Some(id) && !std::ptr::eq(*o, e))
                .map_or(t.clone(), |o| sides(o).1)
        } else {
            t.clone()
        };
        position.get_or_insert(mapped.start);
        if !mapped.is_empty() {
            lo = lo.min(mapped.start);
            hi = hi.max(mapped.end);
        }
    }
    if lo < hi {
        if let (Some(a), Some(b)) = (to.tokens.get(lo), to.tokens.get(hi - 1)) {
            return to.span(a.start, b.end);
        }
    }
    let at = position
        .and_then(|p| to.tokens.get(p).map(|t| t.start))
        .unwrap_or(to.end);
    to.span(at, at)
}

/// As [`aligned`], but a counterpart much longer than the phrase (a whole reworded
/// clause) is no counterpart: an empty span where it starts.
fn aligned_short(
    edits: &[Edit],
    from: &Side,
    to: &Side,
    from_is_pivot: bool,
    start: usize,
    end: usize,
) -> TagSide {
    let found = aligned(edits, from, to, from_is_pivot, start, end);
    let own = from.token_range(start, end).len();
    let range = to.token_range(found.start, found.end);
    let theirs = range.len();
    let has_words = to.tokens[range]
        .iter()
        .any(|t| t.kind == TokenKind::Word && t.text.chars().any(char::is_alphabetic));
    if theirs > own + 2 || (theirs > 0 && !has_words) {
        to.span(found.start, found.start)
    } else {
        found
    }
}

fn quoted(text: &str) -> String {
    format!(
        "“{}”",
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// Same name but for case, dots, hyphens and spaces (`U.S.` / `US`, `cease-fire`), or one
/// the plain initials of the other (`UN` / `United Nations`, `IS` / `Islamic State`): a
/// short form, not a choice of name.
fn spelling_variant(a: &str, b: &str) -> bool {
    same_letters(a, b) || initials_of(a, b) || initials_of(b, a)
}

fn initials_of(short: &str, long: &str) -> bool {
    let letters: String = short.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || !letters.chars().all(char::is_uppercase) {
        return false;
    }
    let initials: String = long
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.starts_with(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect();
    initials.len() > 1 && initials == letters
}

fn same_letters(a: &str, b: &str) -> bool {
    let squash = |s: &str| -> String { key(s).chars().filter(|c| c.is_alphanumeric()).collect() };
    squash(a) == squash(b)
}

fn naming_tags(pivot: &Side, member: &Side, aliases: &Aliases, tags: &mut Vec<FramingTag>) {
    let groups = aliases.groups();
    let referent = |g: usize| groups.get(g).map(|x| x.canonical.to_lowercase());
    let weak_group = |name: &str| {
        aliases
            .find_mentions(name)
            .first()
            .and_then(|m| groups.get(m.group))
            .is_some_and(|g| g.weak)
    };
    let mentions = |side: &Side| -> BTreeMap<String, Vec<(usize, usize, String)>> {
        let mut by: BTreeMap<String, Vec<(usize, usize, String)>> = BTreeMap::new();
        for m in aliases.find_mentions(side.sentence()) {
            // `midnight Damascus time` names a time zone, not an actor.
            let rest = side.sentence().get(m.end..).unwrap_or("");
            let next_word = rest
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty());
            if rest.starts_with(char::is_whitespace) && next_word == Some("time") {
                continue;
            }
            if let Some(r) = referent(m.group) {
                let (s, e) = (side.start + m.start, side.start + m.end);
                by.entry(r)
                    .or_default()
                    .push((s, e, side.text[s..e].to_string()));
            }
        }
        by
    };
    let in_pivot = mentions(pivot);
    let in_member = mentions(member);
    for (r, member_names) in &in_member {
        let Some(pivot_names) = in_pivot.get(r) else {
            continue;
        };
        let only = |names: &[(usize, usize, String)], others: &[(usize, usize, String)]| {
            let mut seen = BTreeSet::new();
            names
                .iter()
                .filter(|(_, _, n)| !others.iter().any(|(_, _, o)| spelling_variant(n, o)))
                .filter(|(_, _, n)| seen.insert(key(n)))
                .cloned()
                .collect::<Vec<_>>()
        };
        let member_only = only(member_names, pivot_names);
        let pivot_only = only(pivot_names, member_names);
        let mut pairs = Vec::new();
        for (i, m) in member_only.iter().enumerate() {
            let p = pivot_only
                .get(i)
                .or(pivot_only.first())
                .unwrap_or(&pivot_names[0]);
            pairs.push((m.clone(), p.clone()));
        }
        // Names only the pivot uses, each shown once against the member's name.
        for p in pivot_only.iter().skip(member_only.len().max(1)) {
            let m = member_only.first().unwrap_or(&member_names[0]);
            pairs.push((m.clone(), p.clone()));
        }
        if member_only.is_empty() {
            if let Some(p) = pivot_only.first() {
                pairs.push((member_names[0].clone(), p.clone()));
            }
        }
        for ((s, e, name), (ps, pe, pname)) in pairs {
            let weak = weak_group(&name) != weak_group(&pname);
            let explanation = if weak {
                format!(
                    "{} says {}; {} says {}: one names a capital or seat of power in place of the state, which can make a government's act sound like the country's (or the reverse).",
                    pivot.outlet,
                    quoted(&pname),
                    member.outlet,
                    quoted(&name)
                )
            } else {
                format!(
                    "{} calls it {}; {} calls it {}. Different names for the same actor or thing can carry a stance.",
                    pivot.outlet,
                    quoted(&pname),
                    member.outlet,
                    quoted(&name)
                )
            };
            tags.push(FramingTag {
                kind: TagKind::Naming,
                member: member.span(s, e),
                counterpart: Some(pivot.span(ps, pe)),
                explanation,
            });
        }
    }
}

fn attribution_words(a: &Attribution) -> BTreeSet<String> {
    a.source
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(|w| w.to_lowercase())
        .filter(|w| !["the", "of", "and"].contains(&w.as_str()))
        .collect()
}

fn describe(a: &Attribution) -> String {
    let via = a
        .via
        .as_deref()
        .map(|v| format!(", relayed by {v}"))
        .unwrap_or_default();
    format!("{} ({}{via})", quoted(&a.source), a.verb.to_lowercase())
}

fn attribution_side(side: &Side, a: Option<&Attribution>) -> TagSide {
    match a {
        Some(a) => {
            let (s, e) = (
                a.source_span.start.min(a.verb_span.start),
                a.source_span.end.max(a.verb_span.end),
            );
            // Source and verb far apart (`Lavrov … , adding`): the verb alone.
            if e - s > a.source_span.len() + a.verb_span.len() + 24 {
                side.span(a.verb_span.start, a.verb_span.end)
            } else {
                side.span(s, e)
            }
        }
        None => side.span(side.end, side.end),
    }
}

fn attribution_tags(pivot: &Side, member: &Side, tags: &mut Vec<FramingTag>) {
    let explanation = match (pivot.attribution, member.attribution) {
        (None, None) => return,
        (Some(p), None) => format!(
            "{} credits this to {}; {} states it without naming a source, as its own account.",
            pivot.outlet,
            describe(p),
            member.outlet
        ),
        (None, Some(m)) => format!(
            "{} credits this to {}; {} states it without naming a source, as its own account.",
            member.outlet,
            describe(m),
            pivot.outlet
        ),
        (Some(p), Some(m)) => {
            // A pronoun (`he said`) may stand for the other's named source.
            let pronoun = |a: &Attribution| {
                ["he", "she", "they", "it", "we"].contains(&a.source.to_lowercase().as_str())
            };
            let same_source = pronoun(p)
                || pronoun(m)
                || !attribution_words(p).is_disjoint(&attribution_words(m));
            if same_source && p.verb_lemma == m.verb_lemma && p.via == m.via {
                return;
            }
            let what = if same_source {
                "The reporting verb differs: verbs such as “stressed” or “claimed” colour a statement, “said” does not."
            } else {
                "The outlets name different sources for the claim, or describe one source in different words."
            };
            format!(
                "{} credits this to {}; {} to {}. {what}",
                pivot.outlet,
                describe(p),
                member.outlet,
                describe(m)
            )
        }
    };
    tags.push(FramingTag {
        kind: TagKind::Attribution,
        member: attribution_side(member, member.attribution),
        counterpart: Some(attribution_side(pivot, pivot.attribution)),
        explanation,
    });
}

#[derive(Clone, Copy, PartialEq)]
enum Phrase {
    Label,
    Hedge,
    Intensifier,
}

fn find_phrases(side: &Side, lexicon: &Lexicon, what: Phrase) -> Vec<(usize, usize, String)> {
    let s = side.sentence();
    let ranges = match what {
        Phrase::Label => lexicon.find_labels(s),
        Phrase::Hedge => lexicon.find_hedges(s),
        Phrase::Intensifier => lexicon.find_intensifiers(s),
    };
    ranges
        .into_iter()
        .map(|r| {
            let t = side.local(r);
            let k = key(&t.text);
            (t.start, t.end, k)
        })
        .collect()
}

/// "`owner` uses “phrase”, a loaded label; where `other` has “…”." — or "has no such
/// word here" when the other sentence has nothing in its place.
fn phrase_explanation(
    noun: &str,
    owner: &Side,
    phrase: &TagSide,
    other: &Side,
    instead: &TagSide,
) -> String {
    if instead.text.trim().is_empty() {
        format!(
            "{} uses {}, {noun}; {} has no such word here.",
            owner.outlet,
            quoted(&phrase.text),
            other.outlet
        )
    } else {
        format!(
            "{} uses {}, {noun}; where {} has {}.",
            owner.outlet,
            quoted(&phrase.text),
            other.outlet,
            quoted(&instead.text)
        )
    }
}

fn phrase_tags(
    pivot: &Side,
    member: &Side,
    edits: &[Edit],
    lexicon: &Lexicon,
    tags: &mut Vec<FramingTag>,
) {
    for what in [Phrase::Label, Phrase::Hedge, Phrase::Intensifier] {
        let in_pivot = find_phrases(pivot, lexicon, what);
        let in_member = find_phrases(member, lexicon, what);
        let keys = |v: &[(usize, usize, String)]| -> BTreeSet<String> {
            v.iter().map(|x| x.2.clone()).collect()
        };
        let (pivot_keys, member_keys) = (keys(&in_pivot), keys(&in_member));
        let (kind, noun) = match what {
            Phrase::Label => (TagKind::Label, "a loaded label"),
            Phrase::Hedge => (
                TagKind::Hedge,
                "a hedge, which keeps distance from the claim",
            ),
            Phrase::Intensifier => (
                TagKind::Hedge,
                "an intensifier, which makes the claim stronger",
            ),
        };
        for (s, e, k) in &in_member {
            if pivot_keys.contains(k) {
                continue;
            }
            let counterpart = aligned_short(edits, member, pivot, false, *s, *e);
            // The same word on both sides (a shorter label inside a longer one) is no
            // difference of framing.
            if key(&counterpart.text) == *k {
                continue;
            }
            let here = member.span(*s, *e);
            let explanation = phrase_explanation(noun, member, &here, pivot, &counterpart);
            tags.push(FramingTag {
                kind,
                member: here,
                counterpart: Some(counterpart),
                explanation,
            });
        }
        for (s, e, k) in &in_pivot {
            if member_keys.contains(k) {
                continue;
            }
            let here = aligned_short(edits, pivot, member, true, *s, *e);
            if key(&here.text) == *k {
                continue;
            }
            let there = pivot.span(*s, *e);
            let explanation = phrase_explanation(noun, pivot, &there, member, &here);
            tags.push(FramingTag {
                kind,
                member: here,
                counterpart: Some(there),
                explanation,
            });
        }
    }
}

/// Byte ranges (absolute) of the quoted stretches of a sentence. A quotation left open
/// runs to the sentence's end; a closing mark with no opening one quotes from its start.
fn quote_spans(side: &Side) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut first = true;
    for t in side.tokens {
        if t.kind != TokenKind::Punct {
            continue;
        }
        let opener = t.text == "“";
        let closer = t.text == "”";
        let straight = t.text == "\"";
        if !(opener || closer || straight) {
            continue;
        }
        match open {
            None if closer
                || (straight
                    && first
                    && t.start > side.start + 1
                    && is_closing_straight(side, t)) =>
            {
                spans.push((side.start, t.start));
            }
            None => open = Some(t.end),
            Some(o) if !opener => {
                spans.push((o, t.start));
                open = None;
            }
            Some(_) => open = Some(t.end),
        }
        first = false;
    }
    if let Some(o) = open {
        spans.push((o, side.end));
    }
    spans.retain(|(s, e)| s < e);
    spans
}

/// A straight quote right after a word or punctuation, followed by space or a comma, closes.
fn is_closing_straight(side: &Side, t: &Token) -> bool {
    let before = side.text[..t.start].chars().next_back();
    let after = side.text[t.end..].chars().next();
    before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| c.is_whitespace() || c == ',' || c == '.')
}

fn quote_tags(
    pivot: &Side,
    member: &Side,
    edits: &[Edit],
    lexicon: &Lexicon,
    tags: &mut Vec<FramingTag>,
) {
    let pivot_quotes = quote_spans(pivot);
    let member_quotes = quote_spans(member);
    let inside = |spans: &[(usize, usize)], t: &TagSide| {
        spans.iter().any(|(s, e)| t.start < *e && *s < t.end)
    };
    let equal: usize = edits
        .iter()
        .filter(|e| e.kind == EditKind::Equal)
        .map(|e| e.pivot.len())
        .sum();
    let total = pivot.tokens.len() + member.tokens.len();
    // Below this share of common words the sentences are worded too differently for one
    // phrase to be a paraphrase of another.
    let close = total > 0 && 2 * equal * 10 >= 3 * total;
    for (from, to, from_quotes, to_quotes, from_is_pivot) in [
        (member, pivot, &member_quotes, &pivot_quotes, false),
        (pivot, member, &pivot_quotes, &member_quotes, true),
    ] {
        let to_keys: Vec<String> = to.tokens.iter().map(|t| key(&t.text)).collect();
        for (s, e) in from_quotes {
            let words = from.token_range(*s, *e);
            let quote_keys: Vec<String> = from.tokens[words.clone()]
                .iter()
                .map(|t| key(&t.text))
                .collect();
            let content = quote_keys.iter().filter(|k| lexicon.is_content(k)).count();
            if content == 0 {
                continue;
            }
            let quote = from.span(*s, *e);
            // The same words, unquoted, anywhere in the other sentence.
            let (_, at, len) = super::words::longest_common_run(
                &quote_keys,
                0..quote_keys.len(),
                &to_keys,
                0..to_keys.len(),
            );
            let run_content = to_keys
                .get(at..at + len)
                .map_or(0, |ks| ks.iter().filter(|k| lexicon.is_content(k)).count());
            let reused = run_content >= 2.min(content) && 2 * run_content >= content;
            let found = if reused {
                match (to.tokens.get(at), to.tokens.get(at + len.max(1) - 1)) {
                    (Some(a), Some(b)) => Some(to.span(a.start, b.end)),
                    _ => None,
                }
            } else {
                None
            };
            let (other, explanation) = match found {
                Some(other) if !inside(to_quotes, &other) => {
                    let explanation = format!(
                        "{} puts {} in quotation marks, as someone's exact words; {} has {} without quotation marks, as its own words.",
                        from.outlet,
                        quoted(&quote.text),
                        to.outlet,
                        quoted(&other.text)
                    );
                    (other, explanation)
                }
                Some(_) => continue,
                None => {
                    let other = aligned_short(edits, from, to, from_is_pivot, *s, *e);
                    if !close || other.text.trim().is_empty() || inside(to_quotes, &other) {
                        continue;
                    }
                    let explanation = format!(
                        "{} quotes {}; {} paraphrases it as {}.",
                        from.outlet,
                        quoted(&quote.text),
                        to.outlet,
                        quoted(&other.text)
                    );
                    (other, explanation)
                }
            };
            let (member_side, counterpart) = if from_is_pivot {
                (other, quote)
            } else {
                (quote, other)
            };
            tags.push(FramingTag {
                kind: TagKind::Quote,
                member: member_side,
                counterpart: Some(counterpart),
                explanation,
            });
        }
    }
}

fn stem_set(side: &Side, lexicon: &Lexicon, stemmer: &Stemmer) -> BTreeSet<String> {
    side.tokens
        .iter()
        .map(|t| key(&t.text))
        .filter(|k| lexicon.is_content(k))
        .map(|k| stemmer.stem(&k).into_owned())
        .collect()
}

/// Token indices of `side` that the other sentence already covers in another form: names
/// of a referent it also names, and the attribution (tagged on its own).
fn covered_tokens(side: &Side, other: &Side, aliases: &Aliases) -> BTreeSet<usize> {
    let referents = |x: &Side| -> BTreeSet<String> {
        aliases
            .find_mentions(x.sentence())
            .iter()
            .filter_map(|m| aliases.groups().get(m.group))
            .map(|g| g.canonical.to_lowercase())
            .collect()
    };
    let theirs = referents(other);
    let mut covered = BTreeSet::new();
    for m in aliases.find_mentions(side.sentence()) {
        let shared = aliases
            .groups()
            .get(m.group)
            .is_some_and(|g| theirs.contains(&g.canonical.to_lowercase()));
        if shared {
            covered.extend(side.token_range(side.start + m.start, side.start + m.end));
        }
    }
    if let Some(a) = side.attribution {
        covered.extend(side.token_range(a.source_span.start, a.source_span.end));
        covered.extend(side.token_range(a.verb_span.start, a.verb_span.end));
    }
    covered
}

/// Runs of tokens in `range` whose content words the other sentence lacks: (first, last)
/// token indices. A run set off by punctuation or the sentence's ends (`, both outlawed
/// in Russia,`) needs two content words. Any other run needs three, and inside a
/// replacement whose other side has words of its own (`rewords`) it is a rewording, not
/// an omission.
fn absent_runs(
    side: &Side,
    range: std::ops::Range<usize>,
    present: &dyn Fn(usize, &str) -> bool,
    rewords: bool,
    lexicon: &Lexicon,
) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    // (first token, last content token, content words)
    let mut run: Option<(usize, usize, usize)> = None;
    // A function word just before a run opens it (`both outlawed`).
    let mut opener: Option<usize> = None;
    let set_off = |i: Option<usize>| {
        i.and_then(|i| side.tokens.get(i))
            .is_none_or(|t| t.kind == TokenKind::Punct)
    };
    let flush = |run: &mut Option<(usize, usize, usize)>, runs: &mut Vec<(usize, usize)>| {
        if let Some((f, l, n)) = run.take() {
            let parenthetical = set_off(f.checked_sub(1)) && set_off(Some(l + 1));
            if (parenthetical && n >= 2) || (n >= 3 && !rewords) {
                runs.push((f, l));
            }
        }
    };
    for i in range {
        let Some(t) = side.tokens.get(i) else { break };
        let k = key(&t.text);
        if t.kind == TokenKind::Punct {
            flush(&mut run, &mut runs);
            opener = None;
        } else if !lexicon.is_content(&k) {
            if run.is_none() {
                opener = (!["and", "or", "but"].contains(&k.as_str())).then_some(i);
            }
        } else if present(i, &k) {
            flush(&mut run, &mut runs);
            opener = None;
        } else {
            run = Some(match run {
                Some((f, _, n)) => (f, i, n + 1),
                None => (opener.take().unwrap_or(i), i, 1),
            });
        }
    }
    flush(&mut run, &mut runs);
    runs
}

fn omission_tags(
    pivot: &Side,
    member: &Side,
    edits: &[Edit],
    context: &Context,
    tags: &mut Vec<FramingTag>,
) {
    let lexicon = context.lexicon;
    let stemmer = Stemmer::create(Algorithm::English);
    let pivot_stems = stem_set(pivot, lexicon, &stemmer);
    let member_stems = stem_set(member, lexicon, &stemmer);
    let pivot_covered = covered_tokens(pivot, member, context.aliases);
    let member_covered = covered_tokens(member, pivot, context.aliases);
    let in_pivot = |i: usize, k: &str| {
        member_covered.contains(&i) || pivot_stems.contains(stemmer.stem(k).as_ref())
    };
    let in_member = |i: usize, k: &str| {
        pivot_covered.contains(&i) || member_stems.contains(stemmer.stem(k).as_ref())
    };
    for e in edits
        .iter()
        .filter(|e| e.kind != EditKind::Equal && e.moved.is_none())
    {
        // Whether each side of the edit has content the other sentence lacks.
        let own_words =
            |side: &Side, range: std::ops::Range<usize>, present: &dyn Fn(usize, &str) -> bool| {
                range.clone().any(|i| {
                    side.tokens.get(i).is_some_and(|t| {
                        let k = key(&t.text);
                        lexicon.is_content(&k) && !present(i, &k)
                    })
                })
            };
        let pivot_rewords = own_words(pivot, e.pivot.clone(), &in_member);
        let member_rewords = own_words(member, e.member.clone(), &in_pivot);
        for (f, l) in absent_runs(member, e.member.clone(), &in_pivot, pivot_rewords, lexicon) {
            let (Some(a), Some(b)) = (member.tokens.get(f), member.tokens.get(l)) else {
                continue;
            };
            let here = member.span(a.start, b.end);
            let explanation = format!(
                "{} adds {}; {} does not mention it.",
                member.outlet,
                quoted(&here.text),
                pivot.outlet
            );
            let at = pivot
                .tokens
                .get(e.pivot.start)
                .map_or(pivot.end, |t| t.start);
            tags.push(FramingTag {
                kind: TagKind::Omission,
                member: here,
                counterpart: Some(pivot.span(at, at)),
                explanation,
            });
        }
        for (f, l) in absent_runs(pivot, e.pivot.clone(), &in_member, member_rewords, lexicon) {
            let (Some(a), Some(b)) = (pivot.tokens.get(f), pivot.tokens.get(l)) else {
                continue;
            };
            let there = pivot.span(a.start, b.end);
            let explanation = format!(
                "{} has {}; {} leaves it out.",
                pivot.outlet,
                quoted(&there.text),
                member.outlet
            );
            let at = member
                .tokens
                .get(e.member.start)
                .map_or(member.end, |t| t.start);
            tags.push(FramingTag {
                kind: TagKind::Omission,
                member: member.span(at, at),
                counterpart: Some(there),
                explanation,
            });
        }
    }
}

/// Number and date tags between two sentences of a group: figures of the same kind that
/// disagree, or dates where one is vaguer.
pub fn figure_tags(a: &Side, b: &Side, lexicon: &Lexicon) -> Vec<FramingTag> {
    let is_function = |w: &str| lexicon.is_function_word(w);
    let fa = numbers::find(a.sentence(), &is_function);
    let fb = numbers::find(b.sentence(), &is_function);
    let mut used_a = vec![false; fa.len()];
    let mut used_b = vec![false; fb.len()];
    let same = |x: &Figure, y: &Figure| match (x, y) {
        (Figure::Date(p), Figure::Date(q)) => p.relation(q) == DateRelation::Same,
        (Figure::Quantity { value: v, unit: u }, Figure::Quantity { value: w, unit: t }) => {
            (v - w).abs() < 1e-9 && (u == t || u.is_none() || t.is_none())
        }
        _ => x == y,
    };
    for (i, x) in fa.iter().enumerate() {
        if let Some(j) = (0..fb.len()).find(|&j| !used_b[j] && same(&x.figure, &fb[j].figure)) {
            used_a[i] = true;
            used_b[j] = true;
        }
    }
    let mut tags = Vec::new();
    // First dates that hold one another, then any two of a kind, in order.
    for pass in 0..2 {
        for (i, x) in fa.iter().enumerate() {
            if used_a[i] {
                continue;
            }
            let partner = (0..fb.len()).find(|&j| {
                !used_b[j]
                    && match (&x.figure, &fb[j].figure) {
                        (Figure::Date(p), Figure::Date(q)) => {
                            pass == 1 || p.relation(q) == DateRelation::Vaguer
                        }
                        (Figure::Weekday(_), Figure::Weekday(_)) => pass == 1,
                        (
                            Figure::Quantity { unit: Some(u), .. },
                            Figure::Quantity { unit: Some(t), .. },
                        ) => pass == 1 && u == t,
                        _ => false,
                    }
            });
            let Some(j) = partner else { continue };
            used_a[i] = true;
            used_b[j] = true;
            let (ta, tb) = (a.local(x.start..x.end), b.local(fb[j].start..fb[j].end));
            let (kind, explanation) = match (&x.figure, &fb[j].figure) {
                (Figure::Quantity { .. }, _) => (
                    TagKind::Number,
                    format!(
                        "{} says {}; {} says {}: the numbers disagree.",
                        a.outlet,
                        quoted(&ta.text),
                        b.outlet,
                        quoted(&tb.text)
                    ),
                ),
                (Figure::Date(p), Figure::Date(q)) if p.relation(q) == DateRelation::Vaguer => {
                    let (precise, vague, po, vo) = if precision(p) >= precision(q) {
                        (&ta, &tb, a.outlet, b.outlet)
                    } else {
                        (&tb, &ta, b.outlet, a.outlet)
                    };
                    (
                        TagKind::Date,
                        format!("{po} gives {}; {vo} says only {}: the dates differ in precision (check which is right).", quoted(&precise.text), quoted(&vague.text)),
                    )
                }
                (Figure::Weekday(_), _) => (
                    TagKind::Date,
                    format!(
                        "{} says {}; {} says {}: the days differ (different events, or days counted from different publication times).",
                        a.outlet,
                        quoted(&ta.text),
                        b.outlet,
                        quoted(&tb.text)
                    ),
                ),
                _ => (
                    TagKind::Date,
                    format!(
                        "{} says {}; {} says {}: the dates disagree.",
                        a.outlet,
                        quoted(&ta.text),
                        b.outlet,
                        quoted(&tb.text)
                    ),
                ),
            };
            tags.push(FramingTag {
                kind,
                member: tb,
                counterpart: Some(ta),
                explanation,
            });
        }
    }
    tags
}

fn precision(d: &numbers::DateRange) -> u8 {
    match d.days {
        Some((x, y)) if x == y => 3,
        Some(_) => 2,
        None if d.month.is_some() => 1,
        None => 0,
    }
}

/// Shortest verbatim run (in words, punctuation aside) that counts as reuse.
pub const REUSE_MIN_TOKENS: usize = 8;

/// A reuse tag when two sentences of different outlets share a long verbatim run.
pub fn reuse_tag(a: &Side, b: &Side, lexicon: &Lexicon) -> Option<FramingTag> {
    let ka: Vec<String> = a.tokens.iter().map(|t| key(&t.text)).collect();
    let kb: Vec<String> = b.tokens.iter().map(|t| key(&t.text)).collect();
    let (sa, sb, len) = super::words::longest_common_run(&ka, 0..ka.len(), &kb, 0..kb.len());
    let run = a.tokens.get(sa..sa + len)?;
    let words = run.iter().filter(|t| t.kind != TokenKind::Punct).count();
    // A shared name (`the International Syria Support Group`) is no reuse: the run needs
    // ordinary words too.
    let plain = run
        .iter()
        .filter(|t| {
            t.kind == TokenKind::Word
                && !t.text.starts_with(char::is_uppercase)
                && lexicon.is_content(&key(&t.text))
        })
        .count();
    if words < REUSE_MIN_TOKENS || plain < 2 {
        return None;
    }
    let (fa, la) = (a.tokens.get(sa)?, a.tokens.get(sa + len - 1)?);
    let (fb, lb) = (b.tokens.get(sb)?, b.tokens.get(sb + len - 1)?);
    let (ta, tb) = (a.span(fa.start, la.end), b.span(fb.start, lb.end));
    let both_quoted = [(a, &ta), (b, &tb)].iter().all(|(side, t)| {
        quote_spans(side)
            .iter()
            .any(|(s, e)| *s <= t.start && t.end <= *e)
    });
    let explanation = if both_quoted {
        format!(
            "{} and {} quote the same {len} words: {}. They may share a transcript or one may copy the other.",
            a.outlet, b.outlet, quoted(&tb.text)
        )
    } else {
        format!(
            "{} repeats {len} words of {}'s sentence word for word: {}. One outlet's text was likely reused by the other.",
            b.outlet, a.outlet, quoted(&tb.text)
        )
    };
    Some(FramingTag {
        kind: TagKind::Reuse,
        member: tb,
        counterpart: Some(ta),
        explanation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::attribution;
    use crate::diff::tokens::tokenize;
    use crate::diff::words::{edit_script, Budget};

    struct Pair {
        pivot: String,
        member: String,
        pivot_tokens: Vec<Token>,
        member_tokens: Vec<Token>,
        pivot_attr: Option<Attribution>,
        member_attr: Option<Attribution>,
    }

    fn pair(pivot: &str, member: &str) -> Pair {
        let lexicon = Lexicon::builtin();
        Pair {
            pivot: pivot.into(),
            member: member.into(),
            pivot_tokens: tokenize(pivot, 0),
            member_tokens: tokenize(member, 0),
            pivot_attr: attribution::extract(pivot, 0, pivot.len(), &lexicon),
            member_attr: attribution::extract(member, 0, member.len(), &lexicon),
        }
    }

    fn side<'a>(
        source: usize,
        outlet: &'a str,
        text: &'a str,
        tokens: &'a [Token],
        a: Option<&'a Attribution>,
    ) -> Side<'a> {
        Side {
            at: SentenceRef {
                source,
                sentence: 0,
            },
            outlet,
            text,
            start: 0,
            end: text.len(),
            tokens,
            attribution: a,
        }
    }

    fn tags(pivot: &str, member: &str) -> Vec<FramingTag> {
        let p = pair(pivot, member);
        let lexicon = Lexicon::builtin();
        let aliases = Aliases::builtin();
        let a = side(0, "RT", &p.pivot, &p.pivot_tokens, p.pivot_attr.as_ref());
        let b = side(
            1,
            "TASS",
            &p.member,
            &p.member_tokens,
            p.member_attr.as_ref(),
        );
        let keys = |ts: &[Token]| ts.iter().map(|t| key(&t.text)).collect::<Vec<_>>();
        let script = edit_script(
            &keys(&p.pivot_tokens),
            &keys(&p.member_tokens),
            &|k: &str| lexicon.is_content(k),
            &Budget::default(),
        );
        let context = Context {
            lexicon: &lexicon,
            aliases: &aliases,
        };
        let mut all = member_tags(&a, &b, &script.edits, &context);
        all.extend(figure_tags(&a, &b, &lexicon));
        all.extend(reuse_tag(&a, &b, &lexicon));
        all
    }

    fn of(tags: &[FramingTag], kind: TagKind) -> Vec<(String, String)> {
        tags.iter()
            .filter(|t| t.kind == kind)
            .map(|t| {
                (
                    t.member.text.clone(),
                    t.counterpart
                        .as_ref()
                        .map_or(String::new(), |c| c.text.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn naming_difference_is_tagged() {
        let t = tags(
            "Daesh fighters attacked the town.",
            "Islamic State fighters attacked the town.",
        );
        assert_eq!(
            of(&t, TagKind::Naming),
            vec![("Islamic State".to_string(), "Daesh".to_string())]
        );
        let naming = t.iter().find(|t| t.kind == TagKind::Naming).unwrap();
        assert_eq!(
            naming.explanation,
            "RT calls it “Daesh”; TASS calls it “Islamic State”. Different names for the same actor or thing can carry a stance."
        );
    }

    #[test]
    fn short_forms_are_not_naming_choices() {
        let t = tags(
            "The US and the UN backed the truce.",
            "The United States and the United Nations backed the truce.",
        );
        assert!(of(&t, TagKind::Naming).is_empty(), "{t:#?}");
    }

    #[test]
    fn capital_for_state_is_a_weak_naming_difference() {
        let t = tags("Russia denied the attacks.", "Moscow denied the attacks.");
        let naming = t.iter().find(|t| t.kind == TagKind::Naming).expect("tag");
        assert!(
            naming.explanation.contains("capital"),
            "{}",
            naming.explanation
        );
    }

    #[test]
    fn loaded_label_is_tagged_with_its_counterpart() {
        let t = tags(
            "The government shelled the town.",
            "The regime shelled the town.",
        );
        assert_eq!(
            of(&t, TagKind::Label),
            vec![("regime".to_string(), "government".to_string())]
        );
    }

    #[test]
    fn hedge_and_intensifier_are_tagged() {
        let t = tags(
            "Five civilians were killed in the strike.",
            "Five civilians were reportedly killed in the brutal strike.",
        );
        let hedges: Vec<String> = of(&t, TagKind::Hedge).into_iter().map(|h| h.0).collect();
        assert_eq!(hedges, vec!["reportedly", "brutal"]);
    }

    #[test]
    fn different_attribution_is_tagged() {
        let t = tags(
            "The truce is holding, the ministry said.",
            "The truce is holding, Lavrov stressed.",
        );
        let a = t
            .iter()
            .find(|t| t.kind == TagKind::Attribution)
            .expect("tag");
        assert_eq!(a.member.text, "Lavrov stressed");
        assert!(
            a.explanation.contains("different sources"),
            "{}",
            a.explanation
        );
    }

    #[test]
    fn pronoun_for_the_same_speaker_is_not_a_different_source() {
        let t = tags(
            "“The truce is holding,” Lavrov said.",
            "“The truce is holding,” he said.",
        );
        assert!(of(&t, TagKind::Attribution).is_empty(), "{t:#?}");
    }

    #[test]
    fn same_attribution_is_not_tagged() {
        let t = tags(
            "The truce is holding, the ministry said.",
            "The ceasefire is holding, the foreign ministry said.",
        );
        assert!(of(&t, TagKind::Attribution).is_empty());
    }

    #[test]
    fn omitted_phrase_is_tagged_on_the_side_that_has_it() {
        let t = tags(
            "It does not cover Islamic State and Jabhat al-Nusra, both outlawed in Russia, and other groups.",
            "It does not cover Islamic State and Jabhat al-Nusra and other groups.",
        );
        assert_eq!(
            of(&t, TagKind::Omission),
            vec![(String::new(), "both outlawed in Russia".to_string())]
        );
    }

    #[test]
    fn quoted_words_used_unquoted_are_tagged() {
        let t = tags(
            "He called for “a long term ceasefire” in Syria.",
            "He called for a long term ceasefire in Syria.",
        );
        assert_eq!(
            of(&t, TagKind::Quote),
            vec![(
                "a long term ceasefire".to_string(),
                "a long term ceasefire".to_string()
            )]
        );
    }

    #[test]
    fn numbers_of_one_unit_that_disagree_are_tagged() {
        let t = tags(
            "Elections are due within 18 months.",
            "Elections are due within fifteen months.",
        );
        assert_eq!(
            of(&t, TagKind::Number),
            vec![("fifteen months".to_string(), "18 months".to_string())]
        );
    }

    #[test]
    fn long_verbatim_run_is_reuse() {
        let text = "The Russian Federation and United States are determined to redouble efforts to reach a political settlement.";
        let t = tags(text, text);
        assert_eq!(of(&t, TagKind::Reuse).len(), 1);
        let short = tags("Lavrov met Kerry.", "Lavrov met Kerry.");
        assert!(of(&short, TagKind::Reuse).is_empty());
    }
}
