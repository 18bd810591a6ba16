//! Word diffs inside claim groups, and the framing tags that explain them.
//!
//! For each claim group of an [`Alignment`], every member is diffed against the group's
//! pivot (the alignment's most central member, or the outlet named by
//! [`DiffOptions::base`]).
//!
//! # How the diff works
//!
//! Sentences are cut into tokens ([`tokens`]): words (`U.S.`, `al-Nusra`, `don’t` and
//! `2,254` are one each) and punctuation marks, each with its exact byte span in
//! [`Source::text`]. Whitespace is no token. Tokens are compared case-insensitively with
//! typographic quotes folded. [`words`] then
//!
//! 1. diffs the two token sequences with `similar`'s Patience algorithm, its work capped
//!    by a token budget rather than a clock, so output does not depend on machine load;
//! 2. pairs a deleted run with an equal inserted run elsewhere as a **move** (both halves
//!    share a move id, and the flat view shows them as `moved_from` / `moved_to`);
//! 3. folds short equal islands (`the`, `,`) between two changes into one replacement, as
//!    diff-match-patch's semantic clean-up does, so a reworded phrase is one change.
//!
//! The edits replay: applied to the pivot's tokens they give the member's
//! ([`words::replay`]). A sentence over the token budget falls back to a coarser diff and
//! says so in [`MemberDiff::fallback`].
//!
//! # Framing tags
//!
//! [`framing`] lists the tag kinds and when each is given. Tags between a member and the
//! pivot are on the [`MemberDiff`]; number and date conflicts and reuse, found between any
//! two members, are on the [`GroupDiff`]. [`attribution`] extracts who each sentence
//! credits and with which verb. The word lists live in `data/lexicon/` ([`Lexicon`]); alias
//! groups in `data/aliases.txt` ([`Aliases`]).
//!
//! [`profile::profiles`] sums it all up per outlet.

pub mod attribution;
pub mod framing;
pub mod lexicon;
pub mod numbers;
mod phrases;
pub mod profile;
pub mod tokens;
pub mod words;

use crate::model::{
    Alignment, Attribution, Change, ClaimGroup, DiffToken, EditKind, FramingTag, GroupDiff,
    MemberDiff, SentenceRef, Source, Token,
};
use crate::similarity::aliases::Aliases;

pub use lexicon::Lexicon;
pub use words::Budget;

use framing::{Context, Facts, Numbering, Side};
use words::Keyed;

/// What the diff stage needs: word lists, aliases, budget and an optional base outlet.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// Labels, hedges, reporting verbs, function words.
    pub lexicon: Lexicon,
    /// Names that refer to one thing.
    pub aliases: Aliases,
    /// Limits on the word diff.
    pub budget: Budget,
    /// Diff every group against this outlet's sentence when it has one (`--base`);
    /// compared case-insensitively with [`Source::display_name`].
    pub base: Option<String>,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            lexicon: Lexicon::builtin(),
            aliases: Aliases::builtin(),
            budget: Budget::default(),
            base: None,
        }
    }
}

impl DiffOptions {
    /// Checks that [`DiffOptions::base`], when set, names an outlet of `sources`; the error
    /// lists the outlets that can be chosen.
    pub fn check_base(&self, sources: &[Source]) -> crate::Result<()> {
        let Some(base) = &self.base else {
            return Ok(());
        };
        let names: Vec<&str> = sources.iter().map(Source::display_name).collect();
        if names.iter().any(|n| n.eq_ignore_ascii_case(base.trim())) {
            return Ok(());
        }
        Err(crate::Error::InvalidOption {
            option: "--base".into(),
            detail: format!(
                "no source is from outlet `{base}`; choose one of: {}",
                names.join(", ")
            ),
        })
    }
}

/// A sentence prepared once: its span, tokens (and their keys), attribution and the facts
/// framing reads.
struct Prepared {
    start: usize,
    end: usize,
    tokens: Vec<Token>,
    /// Shared by the repeats of the sentence's text.
    keys: std::sync::Arc<[String]>,
    attribution: Option<Attribution>,
    facts: Facts,
}

impl Prepared {
    /// The same sentence text standing at byte `start` of its source: everything but the
    /// spans depends on the text alone (the tokenizer, attribution and facts look at
    /// nothing outside the sentence), and the spans move with it.
    fn moved_to(&self, start: usize) -> Prepared {
        let at = |x: usize| framing::moved_offset(x, self.start, start);
        Prepared {
            start,
            end: at(self.end),
            tokens: self
                .tokens
                .iter()
                .map(|t| Token {
                    start: at(t.start),
                    end: at(t.end),
                    text: t.text.clone(),
                    kind: t.kind,
                })
                .collect(),
            keys: std::sync::Arc::clone(&self.keys),
            attribution: self.attribution.as_ref().map(|a| Attribution {
                source_span: at(a.source_span.start)..at(a.source_span.end),
                verb_span: at(a.verb_span.start)..at(a.verb_span.end),
                ..a.clone()
            }),
            facts: self.facts.moved(self.start, start),
        }
    }
}

/// What preparing a sentence finds from its text alone: all of it but the key and stem
/// numbers, which depend on the order sentences are prepared in.
struct Read<'a> {
    tokens: Vec<Token>,
    /// Found once for attribution and the phrase lists framing matches later.
    boundaries: phrases::Boundaries<'a>,
    attribution: Option<Attribution>,
    keys: Vec<String>,
}

impl<'a> Read<'a> {
    /// Reads the sentence `text`, at `start..end` of `source`.
    fn of(source: &Source, start: usize, end: usize, text: &'a str, lexicon: &Lexicon) -> Self {
        let tokens = tokens::tokenize_range(&source.text, start, end);
        let boundaries = phrases::Boundaries::new(text);
        let attribution = attribution::extract_from_tokens(
            &source.text,
            start,
            end,
            &tokens,
            &boundaries,
            lexicon,
        );
        let keys = tokens.iter().map(|t| tokens::key(&t.text)).collect();
        Read {
            tokens,
            boundaries,
            attribution,
            keys,
        }
    }
}

/// Caches per-sentence work across groups (a sentence may be in several).
struct Sentences<'a> {
    sources: &'a [Source],
    lexicon: &'a Lexicon,
    /// Prepared sentences by source, then sentence; `None` until prepared.
    cache: Vec<Vec<Option<Prepared>>>,
    /// What preparing a sentence finds from its text alone, found ahead in parallel
    /// ([`Sentences::read_ahead`]) and taken when the sentence is prepared.
    ahead: Vec<Vec<Option<Read<'a>>>>,
    /// Figures of the sentences compared with another outlet's, found on first need.
    figures: Vec<Vec<Option<Vec<numbers::Found>>>>,
    /// Numbers for every token key (and stem) of the prepared sentences.
    numbers: Numbering,
    /// Whether reuse was found between the sentence pairs of claim groups, for the search
    /// over all pairs to take rather than find again.
    reuse: rustc_hash::FxHashMap<(SentenceRef, SentenceRef), bool>,
    /// The first sentence prepared with each text: wire copy repeats sentences word for
    /// word across outlets, and a repeat is prepared by copying rather than anew.
    by_text: rustc_hash::FxHashMap<&'a str, SentenceRef>,
}

impl<'a> Sentences<'a> {
    fn new(sources: &'a [Source], lexicon: &'a Lexicon) -> Self {
        Sentences {
            sources,
            lexicon,
            cache: slots(sources),
            // Filled by `read_ahead` only.
            ahead: Vec::new(),
            figures: slots(sources),
            // About four distinct keys a sentence (3.7 content words in the c300 corpus): the
            // tables are sized once rather than grown through every power of two.
            numbers: Numbering::with_capacity(
                sources.iter().map(|s| s.sentences.len()).sum::<usize>() * 4,
            ),
            reuse: Default::default(),
            by_text: Default::default(),
        }
    }

    fn prepared(&self, at: SentenceRef) -> Option<&Prepared> {
        self.cache.get(at.source)?.get(at.sentence)?.as_ref()
    }

    fn figures_of(&self, at: SentenceRef) -> Option<&[numbers::Found]> {
        self.figures.get(at.source)?.get(at.sentence)?.as_deref()
    }

    /// The figures of a prepared sentence, found once for each sentence text (their
    /// spans are relative to the sentence).
    fn prepare_figures(&mut self, at: SentenceRef) {
        if self.figures_of(at).is_some() {
            return;
        }
        let Some(sentence) = self.sentence_text(at) else {
            return;
        };
        let copied = self
            .by_text
            .get(sentence)
            .filter(|first| **first != at)
            .and_then(|first| self.figures_of(*first))
            .map(<[numbers::Found]>::to_vec);
        let found = copied.unwrap_or_else(|| figures_in(sentence, self.lexicon));
        self.set_figures(at, found);
    }

    /// [`Sentences::prepare_figures`] of every prepared sentence of `refs`, the figures of
    /// each distinct text found in parallel: what the figures of one text are does not
    /// depend on where it stands.
    fn prepare_figures_of_all(&mut self, refs: impl IntoIterator<Item = SentenceRef>) {
        let mut texts: Vec<&str> = Vec::new();
        let mut text_index: rustc_hash::FxHashMap<&str, usize> = Default::default();
        let mut todo: Vec<(SentenceRef, usize)> = Vec::new();
        for at in refs {
            if self.figures_of(at).is_some() {
                continue;
            }
            let Some(text) = self.sentence_text(at) else {
                continue;
            };
            let index = *text_index.entry(text).or_insert_with(|| {
                texts.push(text);
                texts.len() - 1
            });
            todo.push((at, index));
        }
        let lexicon = self.lexicon;
        let found = crate::parallel::map_slice(&texts, |text| figures_in(text, lexicon));
        for (at, index) in todo {
            if let Some(found) = found.get(index) {
                self.set_figures(at, found.clone());
            }
        }
    }

    /// The text of a prepared sentence, as [`Side::sentence`] gives it.
    fn sentence_text(&self, at: SentenceRef) -> Option<&'a str> {
        let prepared = self.prepared(at)?;
        let source = self.sources.get(at.source)?;
        Some(source.text.get(prepared.start..prepared.end).unwrap_or(""))
    }

    fn set_figures(&mut self, at: SentenceRef, found: Vec<numbers::Found>) {
        if let Some(slot) = self
            .figures
            .get_mut(at.source)
            .and_then(|s| s.get_mut(at.sentence))
        {
            *slot = Some(found);
        }
    }

    /// Prepares a sentence; `false` when the reference points nowhere.
    fn prepare(&mut self, at: SentenceRef) -> bool {
        match self.cache.get(at.source).and_then(|s| s.get(at.sentence)) {
            None => return false,
            Some(Some(_)) => return true,
            Some(None) => {}
        }
        let sources = self.sources;
        let Some(source) = sources.get(at.source) else {
            return false;
        };
        let Some(s) = source.sentences.get(at.sentence) else {
            return false;
        };
        let Some(text) = source.text.get(s.start..s.end) else {
            return false;
        };
        let copy = self
            .by_text
            .get(text)
            .and_then(|first| self.prepared(*first))
            .map(|p| p.moved_to(s.start));
        let prepared = match copy {
            Some(p) => p,
            None => {
                self.by_text.insert(text, at);
                let ahead = self
                    .ahead
                    .get_mut(at.source)
                    .and_then(|s| s.get_mut(at.sentence))
                    .and_then(Option::take);
                let Read {
                    tokens,
                    boundaries,
                    attribution,
                    keys,
                } = ahead.unwrap_or_else(|| Read::of(source, s.start, s.end, text, self.lexicon));
                // The key and stem numbers follow the order sentences are prepared in.
                let facts = Facts::new(&keys, self.lexicon, &mut self.numbers);
                facts.keep_boundaries(boundaries);
                Prepared {
                    start: s.start,
                    end: s.end,
                    facts,
                    keys: keys.into(),
                    tokens,
                    attribution,
                }
            }
        };
        if let Some(slot) = self
            .cache
            .get_mut(at.source)
            .and_then(|s| s.get_mut(at.sentence))
        {
            *slot = Some(prepared);
        }
        true
    }

    /// Reads every sentence ahead ([`Read`]), in parallel, unless already on one of
    /// several workers: the profiles prepare every sentence, so none of it is wasted but
    /// for a text repeated word for word, read once, at its first place.
    fn read_ahead(&mut self) {
        if !crate::parallel::spreads() {
            return;
        }
        let sources = self.sources;
        let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
        let firsts: Vec<(SentenceRef, &Source, &'a str, usize, usize)> = sources
            .iter()
            .enumerate()
            .flat_map(|(si, source)| {
                source
                    .sentences
                    .iter()
                    .enumerate()
                    .filter_map(move |(i, s)| {
                        let text = source.text.get(s.start..s.end)?;
                        let at = SentenceRef {
                            source: si,
                            sentence: i,
                        };
                        Some((at, source, text, s.start, s.end))
                    })
            })
            .filter(|(_, _, text, _, _)| seen.insert(text))
            .collect();
        let lexicon = self.lexicon;
        let read = crate::parallel::map_slice(&firsts, |&(_, source, text, start, end)| {
            Read::of(source, start, end, text, lexicon)
        });
        self.ahead = slots(sources);
        for ((at, ..), read) in firsts.into_iter().zip(read) {
            if let Some(slot) = self
                .ahead
                .get_mut(at.source)
                .and_then(|s| s.get_mut(at.sentence))
            {
                *slot = Some(read);
            }
        }
    }

    /// The reuse tag of a pair of prepared sentences ([`framing::reuse_tag`]); whether
    /// there is one is kept for the profiles' search ([`reuse_pairs_in`]).
    fn reuse_between(&mut self, a: SentenceRef, b: SentenceRef) -> Option<FramingTag> {
        let found = match (self.side(a), self.side(b)) {
            (Some(sa), Some(sb)) => framing::reuse_tag(&sa, &sb),
            _ => None,
        };
        self.reuse.insert((a, b), found.is_some());
        found
    }

    /// Whether a pair of prepared sentences has a reuse tag, found anew (what
    /// [`Sentences::reuse_between`] kept is taken by [`reuse_pairs_in`]).
    fn reused_uncached(&self, a: SentenceRef, b: SentenceRef) -> bool {
        match (self.side(a), self.side(b)) {
            (Some(sa), Some(sb)) => framing::reuse_tag(&sa, &sb).is_some(),
            _ => false,
        }
    }

    fn side(&self, at: SentenceRef) -> Option<Side<'_>> {
        let p = self.prepared(at)?;
        let source = self.sources.get(at.source)?;
        Some(Side {
            at,
            outlet: source.display_name(),
            text: &source.text,
            start: p.start,
            end: p.end,
            tokens: &p.tokens,
            keys: &p.keys[..],
            attribution: p.attribution.as_ref(),
            facts: &p.facts,
        })
    }
}

/// One empty slot per sentence of each source.
fn slots<T>(sources: &[Source]) -> Vec<Vec<Option<T>>> {
    sources
        .iter()
        .map(|s| s.sentences.iter().map(|_| None).collect())
        .collect()
}

/// Diffs every claim group: one [`GroupDiff`] per group, in the alignment's order.
pub fn diff_alignment(
    sources: &[Source],
    alignment: &Alignment,
    options: &DiffOptions,
) -> Vec<GroupDiff> {
    let mut sentences = Sentences::new(sources, &options.lexicon);
    alignment
        .groups
        .iter()
        .map(|g| diff_group_with(&mut sentences, g, options))
        .collect()
}

/// Diffs every claim group and profiles every outlet: [`diff_alignment`] then
/// [`profile::profiles_with`] with `options.lexicon`, the same result, each sentence
/// tokenized and searched for attribution once for both.
pub fn diff_and_profile(
    sources: &[Source],
    alignment: &Alignment,
    options: &DiffOptions,
) -> (Vec<GroupDiff>, Vec<crate::model::OutletProfile>) {
    let mut sentences = Sentences::new(sources, &options.lexicon);
    sentences.read_ahead();
    let diffs = diff_groups(&mut sentences, alignment, options);
    let profiles = profile::profiles_in(&mut sentences, alignment, &diffs);
    (diffs, profiles)
}

/// The figures (numbers, dates) of a sentence's text; the lexicon's function words do not
/// start one.
fn figures_in(text: &str, lexicon: &Lexicon) -> Vec<numbers::Found> {
    numbers::find(text, &|w| lexicon.is_function_word(w))
}

/// Diffs every claim group with the sentences prepared (and kept) in `sentences`.
///
/// Every group's members are prepared first, in the order a group at a time would
/// prepare them (the key and stem numbers follow that order); then the member diffs,
/// which read prepared sentences only, run in parallel; then each group is finished
/// (figures, reuse) in order, as before.
fn diff_groups(
    sentences: &mut Sentences,
    alignment: &Alignment,
    options: &DiffOptions,
) -> Vec<GroupDiff> {
    let planned: Vec<Planned> = alignment
        .groups
        .iter()
        .map(|g| plan_group(sentences, g, options))
        .collect();
    let jobs: Vec<(SentenceRef, SentenceRef)> = planned
        .iter()
        .flat_map(|p| p.diffed().map(move |m| (p.pivot, m)))
        .collect();
    // The figures every group's pairs compare, found ahead in parallel.
    sentences.prepare_figures_of_all(planned.iter().flat_map(|p| p.members.iter().copied()));
    let context = Context {
        lexicon: &options.lexicon,
        aliases: &options.aliases,
    };
    let shared = &*sentences;
    let mut member_diffs = crate::parallel::map_slice(&jobs, |&(pivot, member)| {
        match (shared.side(pivot), shared.side(member)) {
            (Some(pivot), Some(member)) => {
                Some(diff_sides(&pivot, &member, &context, &options.budget))
            }
            _ => None,
        }
    })
    .into_iter();
    alignment
        .groups
        .iter()
        .zip(planned)
        .map(|(group, planned)| {
            let diffs = member_diffs
                .by_ref()
                .take(planned.diffed().count())
                .flatten()
                .collect();
            finish_group(sentences, group, planned, diffs)
        })
        .collect()
}

/// Diffs one claim group.
pub fn diff_group(sources: &[Source], group: &ClaimGroup, options: &DiffOptions) -> GroupDiff {
    let mut sentences = Sentences::new(sources, &options.lexicon);
    diff_group_with(&mut sentences, group, options)
}

/// The pivot a group is diffed against: the `base` outlet's member when there is one,
/// else the group's own pivot, else its first member.
pub fn choose_pivot(
    sources: &[Source],
    group: &ClaimGroup,
    base: Option<&str>,
) -> Option<SentenceRef> {
    let members: Vec<SentenceRef> = group.members.iter().map(|m| m.at).collect();
    if let Some(base) = base {
        let chosen = members.iter().find(|m| {
            sources
                .get(m.source)
                .is_some_and(|s| s.display_name().eq_ignore_ascii_case(base.trim()))
        });
        if let Some(m) = chosen {
            return Some(*m);
        }
    }
    if members.contains(&group.pivot) || members.is_empty() {
        return Some(group.pivot);
    }
    members.first().copied()
}

/// A group's pivot and its members that could be prepared (the pivot among them).
struct Planned {
    pivot: SentenceRef,
    members: Vec<SentenceRef>,
}

impl Planned {
    /// The members diffed against the pivot, in order, when the pivot is prepared.
    fn diffed(&self) -> impl Iterator<Item = SentenceRef> + '_ {
        let pivot_prepared = self.members.contains(&self.pivot);
        self.members
            .iter()
            .copied()
            .filter(move |m| pivot_prepared && *m != self.pivot)
    }
}

/// Chooses a group's pivot and prepares its members.
fn plan_group(sentences: &mut Sentences, group: &ClaimGroup, options: &DiffOptions) -> Planned {
    let pivot =
        choose_pivot(sentences.sources, group, options.base.as_deref()).unwrap_or(group.pivot);
    let mut members: Vec<SentenceRef> = group.members.iter().map(|m| m.at).collect();
    if !members.contains(&pivot) {
        members.insert(0, pivot);
    }
    members.retain(|m| sentences.prepare(*m));
    Planned { pivot, members }
}

fn diff_group_with(
    sentences: &mut Sentences,
    group: &ClaimGroup,
    options: &DiffOptions,
) -> GroupDiff {
    let planned = plan_group(sentences, group, options);
    let context = Context {
        lexicon: &options.lexicon,
        aliases: &options.aliases,
    };
    let diffs = match sentences.side(planned.pivot) {
        Some(pivot_side) => planned
            .diffed()
            .filter_map(|m| {
                let member_side = sentences.side(m)?;
                Some(diff_sides(
                    &pivot_side,
                    &member_side,
                    &context,
                    &options.budget,
                ))
            })
            .collect(),
        None => Vec::new(),
    };
    finish_group(sentences, group, planned, diffs)
}

/// A group's diff from its members' diffs against the pivot ([`diff_sides`], in member
/// order): their attributions, and the figure and reuse tags of each pair.
fn finish_group(
    sentences: &mut Sentences,
    group: &ClaimGroup,
    planned: Planned,
    member_diffs: Vec<MemberDiff>,
) -> GroupDiff {
    let Planned { pivot, members } = planned;
    let mut out = GroupDiff {
        group: group.id,
        pivot,
        members: Vec::new(),
        attributions: Vec::new(),
        tags: Vec::new(),
    };
    for m in &members {
        if let Some(side) = sentences.side(*m) {
            out.attributions.push((*m, side.attribution.cloned()));
        }
    }
    if sentences.side(pivot).is_none() {
        return out;
    }
    out.members = member_diffs;
    let mut pairs = Vec::new();
    for (i, a) in members.iter().enumerate() {
        for b in &members[i + 1..] {
            if a.source == b.source {
                continue;
            }
            // The pivot first, so that tags read "pivot says …; member says …".
            pairs.push(if *b == pivot { (*b, *a) } else { (*a, *b) });
        }
    }
    for &(a, b) in &pairs {
        sentences.prepare_figures(a);
        sentences.prepare_figures(b);
    }
    for (a, b) in pairs {
        if let (Some(sa), Some(sb), Some(fa), Some(fb)) = (
            sentences.side(a),
            sentences.side(b),
            sentences.figures_of(a),
            sentences.figures_of(b),
        ) {
            out.tags.extend(framing::figure_tags_of(&sa, fa, &sb, fb));
        } else {
            continue;
        }
        out.tags.extend(sentences.reuse_between(a, b));
    }
    out
}

/// Reuse between any two sentences of different sources, grouped or not: a verbatim run
/// of at least [`framing::REUSE_MIN_TOKENS`] tokens. Pairs sharing too few words are
/// skipped before the run is measured.
pub fn find_reuse(sources: &[Source], lexicon: &Lexicon) -> Vec<crate::model::FramingTag> {
    let mut sentences = Sentences::new(sources, lexicon);
    let pairs = reuse_candidates(&mut sentences);
    let sentences = &sentences;
    crate::parallel::map_slice(&pairs, |&(a, b)| {
        framing::reuse_tag(&sentences.side(a)?, &sentences.side(b)?)
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The reuse [`find_reuse`] finds, as the pairs of sentences it joins (the tag's member,
/// then its counterpart), with sentences prepared (and kept) in `sentences`: what the
/// profiles count, without the tags' texts.
fn reuse_pairs_in(sentences: &mut Sentences) -> Vec<(SentenceRef, SentenceRef)> {
    // The groups' diffs answered some pairs already; the rest are searched in parallel.
    let pairs: Vec<((SentenceRef, SentenceRef), Option<bool>)> = reuse_candidates(sentences)
        .into_iter()
        .map(|pair| (pair, sentences.reuse.remove(&pair)))
        .collect();
    let sentences = &*sentences;
    let reused = crate::parallel::map_slice(&pairs, |&((a, b), known)| {
        known.unwrap_or_else(|| sentences.reused_uncached(a, b))
    });
    // A tag of the pair (a, b) is on b's words, against a's.
    pairs
        .into_iter()
        .zip(reused)
        .filter_map(|(((a, b), _), reused)| reused.then_some((b, a)))
        .collect()
}

/// The pairs of sentences of different sources [`find_reuse`] looks at, in order, with
/// every sentence prepared (and kept) in `sentences`.
///
/// Only pairs sharing [`REUSE_MIN_SHARED_WORDS`] content words can hold a run of
/// [`framing::REUSE_MIN_TOKENS`] words with two content words in it, so the pairs are
/// found from an index of which sentences hold each content word rather than by looking
/// at every pair; they come in the order of the plain loop over all pairs, and
/// [`REUSE_MAX_PAIRS`] counts every pair that loop would have looked at.
fn reuse_candidates(sentences: &mut Sentences) -> Vec<(SentenceRef, SentenceRef)> {
    let sources = sentences.sources;
    let mut refs = Vec::new();
    for (si, source) in sources.iter().enumerate() {
        for i in 0..source.sentences.len() {
            let at = SentenceRef {
                source: si,
                sentence: i,
            };
            if sentences.prepare(at) {
                refs.push(at);
            }
        }
    }
    // Each sentence's content words as sorted, distinct key numbers.
    let words: Vec<Vec<u32>> = refs
        .iter()
        .map(|at| {
            let Some(p) = sentences.prepared(*at) else {
                return Vec::new();
            };
            let mut set: Vec<u32> = p
                .facts
                .ids
                .iter()
                .zip(&p.facts.content)
                .filter(|(_, content)| **content)
                .map(|(id, _)| *id)
                .collect();
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect();
    // Which sentences (positions in `refs`, ascending) hold each content word.
    let mut holders: Vec<Vec<u32>> = vec![Vec::new(); sentences.numbers.keys.len()];
    for (r, set) in words.iter().enumerate() {
        for &w in set {
            if let Some(h) = holders.get_mut(w as usize) {
                h.push(r as u32);
            }
        }
    }
    // `refs` runs source by source: where each sentence's source ends in it, and how many
    // cross-source pairs the plain loop looks at before each sentence's first pair.
    let mut source_end = vec![0usize; refs.len()];
    let mut start = 0;
    while start < refs.len() {
        let end = refs[start..]
            .iter()
            .position(|r| r.source != refs[start].source)
            .map_or(refs.len(), |n| start + n);
        source_end[start..end].fill(end);
        start = end;
    }
    let mut pairs_before = Vec::with_capacity(refs.len());
    let mut total = 0usize;
    for end in &source_end {
        pairs_before.push(total);
        total = total.saturating_add(refs.len() - end);
    }

    let mut all_found = Vec::new();
    let mut shared = vec![0usize; refs.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    for (i, a) in refs.iter().enumerate() {
        // The plain loop's pair (i, j) is its `pairs_before[i] + (j - source_end[i])`th.
        if pairs_before[i] >= REUSE_MAX_PAIRS {
            break;
        }
        let last_allowed = source_end[i].saturating_add(REUSE_MAX_PAIRS - pairs_before[i]);
        for &w in &words[i] {
            let Some(h) = holders.get(w as usize) else {
                continue;
            };
            let from = h.partition_point(|&r| (r as usize) < source_end[i]);
            for &j in &h[from..] {
                let j = j as usize;
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
                if shared[j] == REUSE_MIN_SHARED_WORDS && j < last_allowed {
                    candidates.push(j);
                }
            }
        }
        for j in touched.drain(..) {
            shared[j] = 0;
        }
        candidates.sort_unstable();
        all_found.extend(candidates.drain(..).map(|j| (*a, refs[j])));
    }
    all_found
}

/// Content words two sentences must share before their longest common run is measured.
const REUSE_MIN_SHARED_WORDS: usize = 4;

/// The most sentence pairs of different sources searched for copied sentences outside
/// claim groups: the search looks at every such pair, so it is capped; past the cap,
/// pairs are looked at in input order and the rest are left (the comparison's warnings
/// say so; see [`reuse_search_is_capped`]).
pub const REUSE_MAX_PAIRS: usize = 1_000_000;

/// Whether the search for copied sentences outside claim groups stops at
/// [`REUSE_MAX_PAIRS`] for these sources.
pub fn reuse_search_is_capped(sources: &[Source]) -> bool {
    let counts: Vec<usize> = sources.iter().map(|s| s.sentences.len()).collect();
    let total: usize = counts.iter().sum();
    let same_source: usize = counts.iter().map(|n| n.saturating_mul(*n)).sum();
    let cross = total.saturating_mul(total).saturating_sub(same_source) / 2;
    cross > REUSE_MAX_PAIRS
}

/// The `sentence` of a [`SentenceRef`] that points at a source's title: a title is no
/// body sentence, so tags on titles carry this index and spans into the title's text.
pub const TITLE_SENTENCE: usize = usize::MAX;

/// A source's title prepared as the diff prepares a sentence: tokens, their keys and its
/// attribution.
#[derive(Clone, Debug)]
pub struct PreparedTitle<'a> {
    /// The source the title belongs to.
    pub source: usize,
    /// The title's text.
    pub text: &'a str,
    tokens: Vec<Token>,
    keys: Vec<String>,
    /// Who the title says the claim comes from, if anyone.
    pub attribution: Option<Attribution>,
}

/// A title with the facts framing reads, numbered for one comparison.
struct TitleFacts<'t, 'a> {
    title: &'t PreparedTitle<'a>,
    facts: Facts,
}

impl<'a> PreparedTitle<'a> {
    /// Prepares the title `text` of source `source`.
    pub fn new(source: usize, text: &'a str, lexicon: &Lexicon) -> Self {
        let tokens = tokens::tokenize(text, 0);
        PreparedTitle {
            source,
            text,
            keys: tokens.iter().map(|t| tokens::key(&t.text)).collect(),
            tokens,
            attribution: attribution::extract(text, 0, text.len(), lexicon),
        }
    }

    fn with_facts<'t>(&'t self, lexicon: &Lexicon, numbers: &mut Numbering) -> TitleFacts<'t, 'a> {
        TitleFacts {
            title: self,
            facts: Facts::new(&self.keys, lexicon, numbers),
        }
    }
}

impl TitleFacts<'_, '_> {
    fn side<'s>(&'s self, outlet: &'s str) -> Side<'s> {
        let title = self.title;
        Side {
            at: SentenceRef {
                source: title.source,
                sentence: TITLE_SENTENCE,
            },
            outlet,
            text: title.text,
            start: 0,
            end: title.text.len(),
            tokens: &title.tokens,
            keys: &title.keys,
            attribution: title.attribution.as_ref(),
            facts: &self.facts,
        }
    }
}

/// The framing tags of `member`'s title against `pivot`'s, found as for two sentences of a
/// claim group; `outlets` are the two outlets' names for the explanations.
pub fn title_tags(
    pivot: &PreparedTitle,
    member: &PreparedTitle,
    outlets: [&str; 2],
    options: &DiffOptions,
) -> Vec<FramingTag> {
    let mut numbers = Numbering::default();
    let pivot = pivot.with_facts(&options.lexicon, &mut numbers);
    let member = member.with_facts(&options.lexicon, &mut numbers);
    let (pivot, member) = (pivot.side(outlets[0]), member.side(outlets[1]));
    let script = words::edit_script_of(keyed(&pivot), keyed(&member), &options.budget);
    let context = Context {
        lexicon: &options.lexicon,
        aliases: &options.aliases,
    };
    framing::member_tags(&pivot, &member, &script.edits, &context)
}

/// The diff of two sentences, each given as a [`SentenceRef`] into `sources`; `None` when
/// either points nowhere.
pub fn diff_sentences(
    sources: &[Source],
    pivot: SentenceRef,
    member: SentenceRef,
    options: &DiffOptions,
) -> Option<MemberDiff> {
    let mut sentences = Sentences::new(sources, &options.lexicon);
    if !(sentences.prepare(pivot) && sentences.prepare(member)) {
        return None;
    }
    let context = Context {
        lexicon: &options.lexicon,
        aliases: &options.aliases,
    };
    Some(diff_sides(
        &sentences.side(pivot)?,
        &sentences.side(member)?,
        &context,
        &options.budget,
    ))
}

/// A side as the word diff reads it.
fn keyed<'s>(side: &Side<'s>) -> Keyed<'s> {
    Keyed {
        keys: side.keys,
        ids: &side.facts.ids,
        content: &side.facts.content,
    }
}

fn diff_sides(pivot: &Side, member: &Side, context: &Context, budget: &Budget) -> MemberDiff {
    let (pk, mk) = (pivot.keys, member.keys);
    let script = words::edit_script_of(keyed(pivot), keyed(member), budget);
    let flat = flatten(pivot, member, &script.edits);
    let equal: usize = script
        .edits
        .iter()
        .filter(|e| e.kind == EditKind::Equal)
        .map(|e| e.pivot.len())
        .sum();
    let total = pk.len() + mk.len();
    let ratio = if total == 0 {
        1.0
    } else {
        2.0 * equal as f64 / total as f64
    };
    let tags = framing::member_tags(pivot, member, &script.edits, context);
    MemberDiff {
        member: member.at,
        pivot_tokens: pivot.tokens.to_vec(),
        member_tokens: member.tokens.to_vec(),
        edits: script.edits,
        tokens: flat,
        ratio,
        tags,
        fallback: script.fallback,
    }
}

/// The member's tokens in order, with the pivot's deleted tokens where they stood.
fn flatten(pivot: &Side, member: &Side, edits: &[crate::model::Edit]) -> Vec<DiffToken> {
    // Every member token, and the pivot's that are not equal to one.
    let deleted: usize = edits
        .iter()
        .filter(|e| e.kind != EditKind::Equal)
        .map(|e| e.pivot.len())
        .sum();
    let mut out = Vec::with_capacity(member.tokens.len() + deleted);
    let push = |out: &mut Vec<DiffToken>,
                side: &Side,
                range: std::ops::Range<usize>,
                change: Change,
                moved: Option<usize>| {
        for t in side.tokens.get(range).unwrap_or(&[]) {
            out.push(DiffToken {
                change,
                at: side.at,
                start: t.start,
                end: t.end,
                text: t.text.clone(),
                moved,
            });
        }
    };
    for e in edits {
        match e.kind {
            EditKind::Equal => push(&mut out, member, e.member.clone(), Change::Equal, None),
            EditKind::Delete => {
                let change = if e.moved.is_some() {
                    Change::MovedFrom
                } else {
                    Change::Deleted
                };
                push(&mut out, pivot, e.pivot.clone(), change, e.moved);
            }
            EditKind::Insert => {
                let change = if e.moved.is_some() {
                    Change::MovedTo
                } else {
                    Change::Inserted
                };
                push(&mut out, member, e.member.clone(), change, e.moved);
            }
            EditKind::Replace => {
                push(&mut out, pivot, e.pivot.clone(), Change::Deleted, None);
                push(&mut out, member, e.member.clone(), Change::Inserted, None);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seeds, loaded as `compare` loads them.
    fn seed_sources() -> Vec<Source> {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        crate::pipeline::load_sources(&[seeds], &Default::default()).expect("seeds load")
    }

    /// What the diff reads of one prepared sentence, in a form that compares.
    fn everything_known(sentences: &mut Sentences, at: SentenceRef) -> String {
        sentences.prepare_figures(at);
        let lexicon = sentences.lexicon;
        let aliases = Aliases::builtin();
        let side = sentences.side(at).expect("prepared");
        format!(
            "{:?}",
            (
                side.start,
                side.end,
                side.tokens,
                side.keys,
                side.attribution,
                &side.facts.ids,
                &side.facts.content,
                side.stems(),
                side.phrases(lexicon),
                side.mentions(&aliases),
                side.quotes(),
                sentences.figures_of(at),
            )
        )
    }

    #[test]
    fn reuse_the_profiles_count_is_where_the_reuse_tags_are() {
        let mut sources = seed_sources();
        // An outlet that copies one article whole, and one that copies half of another.
        let mut copy = sources[0].clone();
        copy.id = "copy".into();
        copy.outlet = Some("Copy Agency".into());
        let mut half = sources[1].clone();
        half.id = "half".into();
        half.outlet = Some("Half Agency".into());
        half.sentences.truncate(half.sentences.len() / 2);
        sources.extend([copy, half]);
        let alignment = crate::align::align(&sources, &Default::default());
        let options = DiffOptions::default();
        let fresh = reuse_pairs_in(&mut Sentences::new(&sources, &options.lexicon));
        // As `diff_and_profile`: the groups' pairs are searched first and remembered.
        let mut sentences = Sentences::new(&sources, &options.lexicon);
        for g in &alignment.groups {
            diff_group_with(&mut sentences, g, &options);
        }
        let pairs = reuse_pairs_in(&mut sentences);
        let tags: Vec<(SentenceRef, SentenceRef)> = find_reuse(&sources, &options.lexicon)
            .iter()
            .filter_map(|t| Some((t.member.at, t.counterpart.as_ref()?.at)))
            .collect();
        assert!(!tags.is_empty(), "the copies share sentences");
        assert_eq!(pairs, tags);
        assert_eq!(fresh, tags);
    }

    #[test]
    fn a_repeated_sentence_is_prepared_as_if_anew() {
        let sources = seed_sources();
        let lexicon = Lexicon::builtin();
        for original in &sources {
            // The same article further on in a text: every sentence repeats at new offsets.
            let lead = "“Earlier, ";
            let mut moved = original.clone();
            moved.text = format!("{lead}{}", original.text);
            for s in &mut moved.sentences {
                s.start += lead.len();
                s.end += lead.len();
            }
            let pair = [original.clone(), moved];
            let mut copying = Sentences::new(&pair, &lexicon);
            let mut fresh = Sentences::new(&pair[1..], &lexicon);
            for i in 0..original.sentences.len() {
                let at = |source| SentenceRef {
                    source,
                    sentence: i,
                };
                assert!(copying.prepare(at(0)));
                // Some facts are found lazily: the copy is taken once they are known.
                everything_known(&mut copying, at(0));
                assert!(copying.prepare(at(1)));
                assert!(fresh.prepare(at(0)));
                let copied = everything_known(&mut copying, at(1));
                let found = everything_known(&mut fresh, at(0));
                assert_eq!(copied.replace("source: 1", "source: 0"), found);
            }
        }
    }

    #[test]
    fn a_sentence_read_ahead_is_prepared_as_one_read_when_prepared() {
        let sources = seed_sources();
        let lexicon = Lexicon::builtin();
        let mut ahead = Sentences::new(&sources, &lexicon);
        ahead.read_ahead();
        assert!(ahead.ahead.iter().flatten().any(Option::is_some));
        let mut plain = Sentences::new(&sources, &lexicon);
        // Backwards, so that the numbering order differs from the reading order.
        for (si, source) in sources.iter().enumerate().rev() {
            for i in (0..source.sentences.len()).rev() {
                let at = SentenceRef {
                    source: si,
                    sentence: i,
                };
                assert!(ahead.prepare(at));
                assert!(plain.prepare(at));
                assert_eq!(
                    everything_known(&mut ahead, at),
                    everything_known(&mut plain, at)
                );
            }
        }
    }

    #[test]
    fn diffing_and_profiling_together_gives_what_each_gives_alone() {
        let sources = seed_sources();
        let alignment = crate::align::align(&sources, &Default::default());
        let options = DiffOptions::default();
        let (diffs, profiles) = diff_and_profile(&sources, &alignment, &options);
        let alone = diff_alignment(&sources, &alignment, &options);
        assert!(!diffs.is_empty());
        assert_eq!(diffs, alone);
        assert_eq!(
            profiles,
            profile::profiles_with(&sources, &alignment, &alone, &options.lexicon)
        );
        // On a worker (corpus mode) every step runs on that one thread; off one (a single
        // comparison) the read-ahead, figures, member diffs and reuse search spread: the
        // same results.
        assert!(crate::parallel::spreads() || rayon::current_num_threads() == 1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("a pool");
        let on_a_worker = pool.install(|| {
            assert!(!crate::parallel::spreads());
            diff_and_profile(&sources, &alignment, &options)
        });
        assert_eq!(on_a_worker, (diffs, profiles));
    }
}
