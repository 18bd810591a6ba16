//! Classroom exercises built from a finished comparison: worksheets with answer keys.
//!
//! ```no_run
//! use claimdiff::exercise::{self, ExerciseOptions, Kind};
//! use claimdiff::pipeline::{compare, CompareOptions};
//!
//! let comparison = compare(&["seeds/".into()], &CompareOptions::default())?;
//! let options = ExerciseOptions { kinds: vec![Kind::MatchOutlet], seed: 7, ..Default::default() };
//! let sheet = exercise::build(&comparison, &options)?;
//! for ex in &sheet.exercises {
//!     println!("{}: {} questions", ex.kind.title(), ex.questions.len());
//! }
//! # Ok::<(), claimdiff::Error>(())
//! ```
//!
//! Every exercise comes from the comparison itself: the passages are the articles'
//! sentences (or headlines) as written, and every answer rests on what the earlier stages
//! found: which source a sentence belongs to, the framing tags of a claim group, the
//! outlets a group leaves out, the number and date conflicts. Nothing is written per
//! article. Each answer carries its evidence (the tags, the sources) so that it can be
//! checked against the comparison it came from.
//!
//! The same comparison, options and seed give the same worksheet: choices and shuffles
//! come from a ChaCha8 generator seeded with [`ExerciseOptions::seed`], one stream per
//! kind, so asking for one more kind leaves the others unchanged.
//!
//! When the articles cannot support a kind (no number conflicts, no headlines), the
//! worksheet says so in [`Worksheet::notes`] and holds the kinds that could be made.

mod headline;
mod match_outlet;
mod missing_claim;
mod numbers;
mod random;
mod spot_difference;

use std::ops::Range;

use crate::diff::DiffOptions;
use crate::error::{Error, Result};
use crate::model::{FramingTag, SentenceRef, TagKind};
use crate::pipeline::Comparison;

use random::Shuffler;

/// The kinds of exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Versions of one claim with the outlet names hidden: which outlet wrote which?
    MatchOutlet,
    /// Two or three versions of one claim: find and name the differences.
    SpotDifference,
    /// A claim most outlets report: which outlet leaves it out, and what does that change?
    MissingClaim,
    /// A claim whose versions give different numbers or dates: find the conflict, check it.
    Numbers,
    /// The outlets' headlines for the same event, compared.
    Headline,
}

impl Kind {
    /// Every kind, in worksheet order.
    pub const ALL: [Kind; 5] = [
        Kind::MatchOutlet,
        Kind::SpotDifference,
        Kind::MissingClaim,
        Kind::Numbers,
        Kind::Headline,
    ];

    /// The name used on the command line and in output (`match-outlet`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::MatchOutlet => "match-outlet",
            Kind::SpotDifference => "spot-difference",
            Kind::MissingClaim => "missing-claim",
            Kind::Numbers => "numbers",
            Kind::Headline => "headline",
        }
    }

    /// The kind named `name` (as [`Kind::as_str`] writes it, any case).
    pub fn parse(name: &str) -> Result<Kind> {
        let wanted = name.trim();
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| Error::InvalidOption {
                option: "--kind".into(),
                detail: format!(
                    "no exercise kind “{wanted}”; choose from {}, or all",
                    Kind::ALL.map(Kind::as_str).join(", ")
                ),
            })
    }

    /// A heading for people.
    pub fn title(self) -> &'static str {
        match self {
            Kind::MatchOutlet => "Match the outlet",
            Kind::SpotDifference => "Spot the differences",
            Kind::MissingClaim => "The missing claim",
            Kind::Numbers => "Numbers and dates",
            Kind::Headline => "Headlines",
        }
    }

    /// Index into [`Kind::ALL`]; the generator stream of the kind.
    fn index(self) -> u64 {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(0) as u64
    }
}

/// How much a worksheet reveals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Level {
    /// Hints: the words that matter are highlighted, counts are given.
    Easy,
    /// Counts are given, nothing is highlighted.
    #[default]
    Medium,
    /// No hints, no counts; a missing claim is shown in one version only.
    Hard,
}

impl Level {
    /// The lowercase name (`easy`, `medium`, `hard`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Easy => "easy",
            Level::Medium => "medium",
            Level::Hard => "hard",
        }
    }

    fn highlights(self) -> bool {
        self == Level::Easy
    }

    fn tells_counts(self) -> bool {
        self != Level::Hard
    }
}

/// What to build.
#[derive(Clone, Debug)]
pub struct ExerciseOptions {
    /// The kinds wanted, in the order given (duplicates ignored). Empty means every kind.
    pub kinds: Vec<Kind>,
    /// Exercises of each kind, at most (fewer when the articles support fewer).
    pub count: usize,
    /// Seed of every choice and shuffle.
    pub seed: u64,
    /// How much is revealed.
    pub level: Level,
    /// Word lists, aliases and budget for comparing headlines (the built-in ones by
    /// default; pass those the comparison was made with).
    pub diff: DiffOptions,
}

/// Exercises of one kind made by default.
pub const DEFAULT_COUNT: usize = 2;
/// The most exercises of one kind.
pub const MAX_COUNT: usize = 50;

impl Default for ExerciseOptions {
    fn default() -> Self {
        ExerciseOptions {
            kinds: Vec::new(),
            count: DEFAULT_COUNT,
            seed: 0,
            level: Level::default(),
            diff: DiffOptions::default(),
        }
    }
}

/// A worksheet: the exercises, in order, with their answer keys.
#[derive(Clone, Debug, PartialEq)]
pub struct Worksheet {
    /// The difficulty it was made at.
    pub level: Level,
    /// The seed it was made with.
    pub seed: u64,
    /// The outlets of the comparison, by source index: the names students choose from.
    pub outlets: Vec<String>,
    /// The exercises, kinds in the order asked for.
    pub exercises: Vec<Exercise>,
    /// Kinds that could not be made, or not as many times as asked, and why.
    pub notes: Vec<KindNote>,
}

/// Why a kind was made fewer times than asked (possibly never).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindNote {
    /// The kind.
    pub kind: Kind,
    /// Exercises made.
    pub made: usize,
    /// Exercises asked for.
    pub wanted: usize,
    /// Why no more: what the articles lack, in plain words.
    pub reason: String,
}

/// One exercise: what students read, what they answer, and the key.
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// Its kind.
    pub kind: Kind,
    /// The claim group it was made from ([`crate::model::ClaimGroup::id`]); `None` for
    /// headlines.
    pub group: Option<usize>,
    /// What to do, for students.
    pub instructions: String,
    /// The texts to read.
    pub passages: Vec<Passage>,
    /// The questions.
    pub questions: Vec<Question>,
}

/// A text students read: a sentence or a headline of one article, as written.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// How the worksheet labels it: `Version A`, or the outlet's name when that is not
    /// what is asked.
    pub label: String,
    /// Whether the label names the outlet (else the outlet is the question).
    pub named: bool,
    /// The source it comes from (index into the comparison's sources).
    pub source: usize,
    /// The sentence, or `None` for a headline.
    pub at: Option<SentenceRef>,
    /// The text, exactly as the article has it (whitespace runs collapsed).
    pub text: String,
    /// Byte ranges of `text` to highlight as hints (easy level only); sorted, disjoint,
    /// on character boundaries.
    pub highlights: Vec<Range<usize>>,
}

/// A question and its answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// The question.
    pub prompt: String,
    /// Answers to choose from; empty for a question answered in words.
    pub choices: Vec<Choice>,
    /// A hint (easy level), when there is one.
    pub hint: Option<String>,
    /// The answer key.
    pub answer: Answer,
}

/// One answer to choose from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// As shown.
    pub text: String,
    /// The source it names, when it names an outlet.
    pub source: Option<usize>,
    /// The tag kind it names, when it names a kind of difference.
    pub kind: Option<TagKind>,
}

/// The key to a question.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// For a choice question, the index of the right choice.
    pub choice: Option<usize>,
    /// The answer in words.
    pub text: String,
    /// Why, point by point, in plain words.
    pub reasons: Vec<String>,
    /// The framing tags the answer rests on, as the comparison has them (for headlines, as
    /// framing finds them between the two headlines).
    pub evidence: Vec<FramingTag>,
}

impl Answer {
    /// An open answer listing the differences `tags` name: how many `noun`s there are, each
    /// tag as a reason, and the tags as evidence.
    fn listing(tags: &[&FramingTag], noun: &str) -> Answer {
        Answer {
            choice: None,
            text: format!("{}.", count_of(tags.len(), noun)),
            reasons: tags.iter().map(|t| tag_reason(t)).collect(),
            evidence: tags.iter().map(|t| (*t).clone()).collect(),
        }
    }
}

/// A tag as a reason in a key: its kind, then its explanation.
fn tag_reason(tag: &FramingTag) -> String {
    format!("{}: {}", tag.kind.as_str(), tag.explanation)
}

/// Builds a worksheet from a comparison.
///
/// Fails only on options that cannot be used (`count` of 0 or over [`MAX_COUNT`]); a
/// kind the articles cannot support is reported in [`Worksheet::notes`].
pub fn build(comparison: &Comparison, options: &ExerciseOptions) -> Result<Worksheet> {
    if options.count == 0 || options.count > MAX_COUNT {
        return Err(Error::InvalidOption {
            option: "--count".into(),
            detail: format!(
                "{} is not between 1 and {MAX_COUNT} (exercises of each kind)",
                options.count
            ),
        });
    }
    let mut kinds: Vec<Kind> = Vec::new();
    for kind in options.kinds.iter().copied() {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    if kinds.is_empty() {
        kinds = Kind::ALL.to_vec();
    }
    let context = Context::new(comparison, options);
    let mut exercises = Vec::new();
    let mut notes = Vec::new();
    for kind in kinds {
        let mut shuffler = Shuffler::new(options.seed, kind.index());
        let made = match kind {
            Kind::MatchOutlet => match_outlet::make(&context, &mut shuffler),
            Kind::SpotDifference => spot_difference::make(&context, &mut shuffler),
            Kind::MissingClaim => missing_claim::make(&context, &mut shuffler),
            Kind::Numbers => numbers::make(&context, &mut shuffler),
            Kind::Headline => headline::make(&context, &mut shuffler),
        };
        // One comparison has one set of headlines: one exercise is all there can be.
        let wanted = match kind {
            Kind::Headline => 1,
            _ => options.count,
        };
        if made.exercises.len() < wanted {
            notes.push(KindNote {
                kind,
                made: made.exercises.len(),
                wanted,
                reason: made.shortfall,
            });
        }
        exercises.extend(made.exercises);
    }
    Ok(Worksheet {
        level: options.level,
        seed: options.seed,
        outlets: context.names.clone(),
        exercises,
        notes,
    })
}

/// What a kind's maker hands back.
struct Made {
    exercises: Vec<Exercise>,
    /// Why there are not more (used when fewer than asked).
    shortfall: String,
}

/// The comparison with what every maker needs worked out once.
struct Context<'a> {
    comparison: &'a Comparison,
    options: &'a ExerciseOptions,
    /// Each source's name for people, made unique with the source id when two share one.
    names: Vec<String>,
}

impl<'a> Context<'a> {
    fn new(comparison: &'a Comparison, options: &'a ExerciseOptions) -> Self {
        let names =
            crate::model::distinct_names(&comparison.sources, |s| s.display_name().to_string());
        Context {
            comparison,
            options,
            names,
        }
    }

    fn level(&self) -> Level {
        self.options.level
    }

    fn count(&self) -> usize {
        self.options.count
    }

    fn name(&self, source: usize) -> &str {
        self.names.get(source).map_or("?", String::as_str)
    }

    /// The text of a sentence, as the article has it.
    fn sentence(&self, at: SentenceRef) -> Option<&'a str> {
        self.comparison
            .sources
            .get(at.source)
            .and_then(|s| s.sentences.get(at.sentence))
            .map(|s| s.text.as_str())
    }

    /// A passage of one sentence, highlighted at `marks` (texts to find in it) when the
    /// level gives hints.
    fn passage(
        &self,
        at: SentenceRef,
        label: String,
        named: bool,
        marks: &[&str],
    ) -> Option<Passage> {
        let text = self.sentence(at)?.to_string();
        let highlights = if self.level().highlights() {
            find_marks(&text, marks)
        } else {
            Vec::new()
        };
        Some(Passage {
            label,
            named,
            source: at.source,
            at: Some(at),
            text,
            highlights,
        })
    }

    /// Choices naming outlets, sorted by name.
    fn outlet_choices(&self, sources: impl IntoIterator<Item = usize>) -> Vec<Choice> {
        let mut choices: Vec<Choice> = sources
            .into_iter()
            .map(|s| Choice {
                text: self.name(s).to_string(),
                source: Some(s),
                kind: None,
            })
            .collect();
        choices.sort_by_key(|c| c.text.to_lowercase());
        choices.dedup_by(|a, b| a.source == b.source);
        choices
    }
}

/// `Version A`, `Version B`, … (`Version AA` after `Z`).
fn version_label(index: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let letter = |i: usize| char::from(letters[i % letters.len()]);
    if index < letters.len() {
        format!("Version {}", letter(index))
    } else {
        format!(
            "Version {}{}",
            letter(index / letters.len() - 1),
            letter(index)
        )
    }
}

/// `1 difference`, `2 differences`.
fn count_of(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Whitespace runs collapsed to one space, as sentence texts have them.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte ranges of the first occurrence of each mark in `text` (marks as tag texts have
/// them, whitespace collapsed), merged where they touch. Marks not found are skipped.
fn find_marks(text: &str, marks: &[&str]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = marks
        .iter()
        .map(|m| collapse(m))
        .filter(|m| !m.is_empty())
        .filter_map(|m| find_word(text, &m).map(|start| start..start + m.len()))
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The first occurrence of `needle` in `text` that stands as whole words (`IS` in
/// `(IS, formerly`, not in `ISSG`), else the first occurrence at all.
fn find_word(text: &str, needle: &str) -> Option<usize> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut first = None;
    for (start, _) in text.match_indices(needle) {
        first.get_or_insert(start);
        let before = text.get(..start).and_then(|t| t.chars().next_back());
        let after = text
            .get(start + needle.len()..)
            .and_then(|t| t.chars().next());
        let edge_in = |edge: Option<char>| {
            needle.chars().next().is_some_and(|c| !c.is_alphanumeric()) || !is_word(edge)
        };
        let end_in = |edge: Option<char>| {
            needle
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_alphanumeric())
                || !is_word(edge)
        };
        if edge_in(before) && end_in(after) {
            return Some(start);
        }
    }
    first
}

/// Tag kinds that tell an outlet's voice: how it names, labels, credits and hedges.
fn is_tell(kind: TagKind) -> bool {
    matches!(
        kind,
        TagKind::Naming | TagKind::Label | TagKind::Attribution | TagKind::Hedge | TagKind::Quote
    )
}

/// The text a tag points at in sentence `at`, on either side; `None` when it is not about
/// that sentence or points at nothing there.
fn tag_text_in(tag: &FramingTag, at: SentenceRef) -> Option<&str> {
    let side = if tag.member.at == at {
        Some(&tag.member)
    } else {
        tag.counterpart.as_ref().filter(|c| c.at == at)
    };
    side.map(|s| s.text.as_str())
        .filter(|t| !t.trim().is_empty())
}

/// A plain description of a tag kind, for students.
pub fn kind_meaning(kind: TagKind) -> &'static str {
    match kind {
        TagKind::Naming => "the same actor, group or place is named differently",
        TagKind::Attribution => {
            "the claim is credited to a different source, with a different verb, or to no one"
        }
        TagKind::Label => "a loaded or judging word for an actor",
        TagKind::Hedge => "a word that softens or strengthens the claim",
        TagKind::Number => "the numbers disagree",
        TagKind::Date => "the dates disagree or differ in precision",
        TagKind::Quote => "words quoted in one version are the outlet's own words in the other",
        TagKind::Omission => "one version has a phrase with content that the other leaves out",
        TagKind::Reuse => "one version repeats the other word for word, or nearly",
    }
}

/// Tags with the same kind and the same texts on both sides, after the first, dropped.
fn distinct_tags<'t>(tags: impl IntoIterator<Item = &'t FramingTag>) -> Vec<&'t FramingTag> {
    let mut seen: Vec<(TagKind, String, String)> = Vec::new();
    let mut out = Vec::new();
    for tag in tags {
        let key = (
            tag.kind,
            collapse(&tag.member.text),
            tag.counterpart
                .as_ref()
                .map(|c| collapse(&c.text))
                .unwrap_or_default(),
        );
        if !seen.contains(&key) {
            seen.push(key);
            out.push(tag);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_by_their_names_and_reject_others() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()).ok(), Some(kind));
        }
        assert_eq!(Kind::parse(" Numbers ").ok(), Some(Kind::Numbers));
        let error = Kind::parse("quiz").expect_err("unknown kind").to_string();
        assert!(
            error.contains("quiz") && error.contains("match-outlet"),
            "{error}"
        );
    }

    #[test]
    fn marks_are_found_merged_and_on_char_boundaries() {
        let text = "Press TV calls it Daesh (ISIS / ISIL) Takfiri group.";
        let ranges = find_marks(text, &["ISIS", "Daesh", "Daesh (ISIS", "missing", ""]);
        assert_eq!(ranges, std::iter::once(18..29).collect::<Vec<_>>());
        let text = "Lavrov, Пресс ТВ said";
        let ranges = find_marks(text, &["Пресс\n ТВ"]);
        assert_eq!(text.get(ranges[0].clone()), Some("Пресс ТВ"));
    }

    #[test]
    fn marks_prefer_whole_words() {
        let text = "the ISSG said IS fighters";
        assert_eq!(
            find_marks(text, &["IS"]),
            std::iter::once(14..16).collect::<Vec<_>>()
        );
        assert_eq!(find_word("ISSG", "IS"), Some(0));
    }

    #[test]
    fn version_labels_run_past_z() {
        assert_eq!(version_label(0), "Version A");
        assert_eq!(version_label(25), "Version Z");
        assert_eq!(version_label(26), "Version AA");
    }
}
