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

use crate::model::{
    Attribution, Edit, EditKind, FramingTag, SentenceRef, TagSide, Token, TokenKind,
};
use crate::similarity::aliases::Aliases;

use super::lexicon::Lexicon;

mod attribution;
mod facts;
mod figures;
mod naming;
mod omission;
mod phrases;
mod quotes;
mod reuse;

use attribution::attribution_tags;
pub use facts::Facts;
pub(crate) use facts::{moved_offset, Numbering};
pub use figures::figure_tags;
pub(crate) use figures::figure_tags_of;
use naming::naming_tags;
use omission::omission_tags;
use phrases::phrase_tags;
use quotes::quote_tags;
pub use reuse::{reuse_tag, REUSE_MIN_TOKENS};

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
    /// Each token's comparison key ([`super::tokens::key`]).
    pub keys: &'a [String],
    /// Its attribution.
    pub attribution: Option<&'a Attribution>,
    /// What is known of it beyond its tokens, found once ([`Facts`]).
    pub facts: &'a Facts,
}

impl Side<'_> {
    /// The sentence's text.
    pub(crate) fn sentence(&self) -> &str {
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
    // The same text on both sides (wire copy) names the same things and holds the same
    // list phrases, so neither search can find a difference (a test checks it). Quotation
    // marks are still looked at (a straight quote reads by what follows the sentence), and
    // attribution (a source without a word of two letters is no shared source).
    let same_text = pivot.sentence() == member.sentence();
    if !same_text {
        naming_tags(pivot, member, context.aliases, &mut tags);
    }
    attribution_tags(pivot, member, &mut tags);
    if !same_text {
        phrase_tags(pivot, member, edits, context.lexicon, &mut tags);
    }
    quote_tags(pivot, member, edits, &mut tags);
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
    let mut out = String::with_capacity(text.len() + 6);
    out.push('“');
    if is_single_spaced(text) {
        // Most spans: nothing to collapse, and splitting a long one costs more than this.
        out.push_str(text);
    } else {
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out.push('”');
    out
}

/// Whether `text` is words joined by single spaces (what joining its
/// `split_whitespace` words with one space gives back): checked on ASCII text only.
fn is_single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Folds without an early exit, which the compiler turns into wide compares: the
    // spans are whole sentences.
    let other_space = bytes.iter().fold(false, |seen, &b| {
        seen | (b'\t'..=b'\r').contains(&b) | (b >= 0x80)
    });
    let double_space = bytes
        .windows(2)
        .fold(false, |seen, pair| seen | (pair == b"  "));
    !other_space && !double_space && bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::attribution;
    use crate::diff::tokens::key;
    use crate::diff::tokens::tokenize;
    use crate::diff::words::{edit_script, Budget};
    use crate::model::TagKind;

    struct Pair {
        pivot: String,
        member: String,
        pivot_tokens: Vec<Token>,
        member_tokens: Vec<Token>,
        pivot_keys: Vec<String>,
        member_keys: Vec<String>,
        pivot_attr: Option<Attribution>,
        member_attr: Option<Attribution>,
        pivot_facts: Facts,
        member_facts: Facts,
    }

    fn pair(pivot: &str, member: &str) -> Pair {
        let lexicon = Lexicon::builtin();
        let keys = |ts: &[Token]| ts.iter().map(|t| key(&t.text)).collect::<Vec<_>>();
        let (pivot_tokens, member_tokens) = (tokenize(pivot, 0), tokenize(member, 0));
        let mut numbers = Numbering::default();
        let (pivot_keys, member_keys) = (keys(&pivot_tokens), keys(&member_tokens));
        Pair {
            pivot_facts: Facts::new(&pivot_keys, &lexicon, &mut numbers),
            member_facts: Facts::new(&member_keys, &lexicon, &mut numbers),
            pivot: pivot.into(),
            member: member.into(),
            pivot_keys,
            member_keys,
            pivot_tokens,
            member_tokens,
            pivot_attr: attribution::extract(pivot, 0, pivot.len(), &lexicon),
            member_attr: attribution::extract(member, 0, member.len(), &lexicon),
        }
    }

    impl Pair {
        /// The pivot as RT's sentence, the member as TASS's.
        fn sides(&self) -> (Side<'_>, Side<'_>) {
            (
                side(
                    0,
                    "RT",
                    &self.pivot,
                    &self.pivot_tokens,
                    &self.pivot_keys,
                    self.pivot_attr.as_ref(),
                    &self.pivot_facts,
                ),
                side(
                    1,
                    "TASS",
                    &self.member,
                    &self.member_tokens,
                    &self.member_keys,
                    self.member_attr.as_ref(),
                    &self.member_facts,
                ),
            )
        }

        /// The word diff from the pivot to the member.
        fn script(&self, lexicon: &Lexicon) -> crate::diff::words::Script {
            edit_script(
                &self.pivot_keys,
                &self.member_keys,
                &|k: &str| lexicon.is_content(k),
                &Budget::default(),
            )
        }
    }

    fn side<'a>(
        source: usize,
        outlet: &'a str,
        text: &'a str,
        tokens: &'a [Token],
        keys: &'a [String],
        a: Option<&'a Attribution>,
        facts: &'a Facts,
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
            keys,
            attribution: a,
            facts,
        }
    }

    fn tags(pivot: &str, member: &str) -> Vec<FramingTag> {
        let p = pair(pivot, member);
        let lexicon = Lexicon::builtin();
        let aliases = Aliases::builtin();
        let (a, b) = p.sides();
        let script = p.script(&lexicon);
        let context = Context {
            lexicon: &lexicon,
            aliases: &aliases,
        };
        let mut all = member_tags(&a, &b, &script.edits, &context);
        all.extend(figure_tags(&a, &b, &lexicon));
        all.extend(reuse_tag(&a, &b));
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

    proptest::proptest! {
        #[test]
        fn quoting_collapses_whitespace_as_splitting_on_it_does(
            text in "[a-c \t\n\r\u{b}\u{c}\u{1c}\u{85}\u{a0}\u{2009},.]{0,12}",
        ) {
            let slow = format!(
                "“{}”",
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            proptest::prop_assert_eq!(quoted(&text), slow);
        }
    }

    /// Why [`member_tags`] leaves naming and phrase tags out for two sentences of the same
    /// text: they find nothing there, on any seed sentence or one full of names and labels.
    #[test]
    fn the_same_text_has_no_naming_or_phrase_difference() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let sources =
            crate::pipeline::load_sources(&[seeds], &Default::default()).expect("seeds load");
        let mut texts: Vec<&str> = sources
            .iter()
            .flat_map(|s| s.sentences.iter().map(|x| x.text.as_str()))
            .collect();
        texts.push(
            "The so-called Daesh terrorists, the Takfiri regime and the US-backed rebels of \
             Islamic State reportedly shelled Damascus, Moscow and the United States, U.S. said.",
        );
        let (lexicon, aliases) = (Lexicon::builtin(), Aliases::builtin());
        let mut found_any = false;
        for text in texts {
            let p = pair(text, text);
            let (a, b) = p.sides();
            let script = p.script(&lexicon);
            found_any |= !a.mentions(&aliases).is_empty() && a.phrases(&lexicon)[0].len() > 1;
            let mut tags = Vec::new();
            naming_tags(&a, &b, &aliases, &mut tags);
            phrase_tags(&a, &b, &script.edits, &lexicon, &mut tags);
            assert!(tags.is_empty(), "{text}: {tags:#?}");
        }
        assert!(found_any, "some sentence names things and holds labels");
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
