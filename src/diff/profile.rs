//! Per-outlet profiles: what each outlet covered, left out, put first, and how it framed
//! it.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Alignment, ClaimPosition, FramingTag, GroupDiff, OutletProfile, Source, TagKind,
};

use super::tokens::{key, tokenize};
use super::Lexicon;

/// Sentences counted as the lede.
pub const LEDE_SENTENCES: usize = 2;

/// One profile per source, in source order.
pub fn profiles(
    sources: &[Source],
    alignment: &Alignment,
    diffs: &[GroupDiff],
) -> Vec<OutletProfile> {
    let lexicon = Lexicon::builtin();
    profiles_with(sources, alignment, diffs, &lexicon)
}

/// As [`profiles`], with the lexicon the diffs were made with (it decides which title
/// words count as content).
pub fn profiles_with(
    sources: &[Source],
    alignment: &Alignment,
    diffs: &[GroupDiff],
    lexicon: &Lexicon,
) -> Vec<OutletProfile> {
    profiles_in(
        &mut super::Sentences::new(sources, lexicon),
        alignment,
        diffs,
    )
}

/// [`profiles_with`] over sentences already prepared (or prepared now and kept) in
/// `sentences`, with its sources and lexicon.
pub(super) fn profiles_in(
    sentences: &mut super::Sentences,
    alignment: &Alignment,
    diffs: &[GroupDiff],
) -> Vec<OutletProfile> {
    let sources = sentences.sources;
    let lexicon = sentences.lexicon;
    let reuse_pairs = super::reuse_pairs_in(sentences);
    let group_sources: Vec<BTreeSet<usize>> = alignment
        .groups
        .iter()
        .map(|g| g.members.iter().map(|m| m.at.source).collect())
        .collect();
    sources
        .iter()
        .enumerate()
        .map(|(si, source)| {
            let title_words = title_words(source, lexicon);
            let mut positions = Vec::new();
            for g in &alignment.groups {
                for m in g.members.iter().filter(|m| m.at.source == si) {
                    let sentence = m.at.sentence;
                    positions.push(ClaimPosition {
                        group: g.id,
                        sentence,
                        rank: sentence + 1,
                        lede: sentence < LEDE_SENTENCES,
                        title: states_title(&title_words, sentences, m.at),
                    });
                }
            }
            let claims_covered = group_sources.iter().filter(|s| s.contains(&si)).count();
            let claims_only_here = alignment
                .unmatched
                .iter()
                .filter(|u| u.source == si)
                .map(|u| u.sentence)
                .collect();
            // "Most others": more than half of the other sources report it.
            let others = sources.len().saturating_sub(1);
            let claims_omitted = alignment
                .groups
                .iter()
                .zip(&group_sources)
                .filter(|(_, s)| !s.contains(&si) && others > 0 && s.len() * 2 > others)
                .map(|(g, _)| g.id)
                .collect();
            let mut tag_counts: BTreeMap<TagKind, usize> = BTreeMap::new();
            let mut reuse = Vec::new();
            // A tag counts for both outlets it compares.
            let count = |tag: &FramingTag, tag_counts: &mut BTreeMap<TagKind, usize>| {
                let involved = tag.member.at.source == si
                    || tag.counterpart.as_ref().is_some_and(|c| c.at.source == si);
                if involved {
                    *tag_counts.entry(tag.kind).or_default() += 1;
                }
            };
            for d in diffs {
                for m in &d.members {
                    for t in &m.tags {
                        count(t, &mut tag_counts);
                    }
                }
                for t in d.tags.iter().filter(|t| t.kind != TagKind::Reuse) {
                    count(t, &mut tag_counts);
                }
            }
            // Reuse is looked for between all sentences, grouped or not.
            for &(member, counterpart) in &reuse_pairs {
                if member.source == si {
                    reuse.push((member.sentence, counterpart));
                } else if counterpart.source == si {
                    reuse.push((counterpart.sentence, member));
                } else {
                    continue;
                }
                *tag_counts.entry(TagKind::Reuse).or_default() += 1;
            }
            let mut attribution_verbs: BTreeMap<String, usize> = BTreeMap::new();
            let mut attributed = BTreeSet::new();
            for d in diffs {
                for (at, a) in &d.attributions {
                    if at.source == si {
                        if let Some(a) = a {
                            if attributed.insert(at.sentence) {
                                *attribution_verbs.entry(a.verb_lemma.clone()).or_default() += 1;
                            }
                        }
                    }
                }
            }
            // Sentences outside any group are attributed too: the profile covers the article.
            for (i, s) in source.sentences.iter().enumerate() {
                if attributed.contains(&i) {
                    continue;
                }
                // Every sentence was prepared for reuse, its attribution with it.
                let at = crate::model::SentenceRef {
                    source: si,
                    sentence: i,
                };
                let attribution = match sentences.prepared(at) {
                    Some(prepared) => prepared.attribution.clone(),
                    None => super::attribution::extract(&source.text, s.start, s.end, lexicon),
                };
                if let Some(a) = attribution {
                    attributed.insert(i);
                    *attribution_verbs.entry(a.verb_lemma).or_default() += 1;
                }
            }
            reuse.sort();
            reuse.dedup();
            OutletProfile {
                source: si,
                outlet: source.display_name().to_string(),
                claims_covered,
                claims_only_here,
                claims_omitted,
                positions,
                tag_counts,
                attribution_verbs,
                attributed_sentences: attributed.len(),
                sentences: source.sentences.len(),
                reuse,
            }
        })
        .collect()
}

/// The distinct content words of a source's title (none without a title).
fn title_words(source: &Source, lexicon: &Lexicon) -> BTreeSet<String> {
    let Some(title) = &source.title else {
        return BTreeSet::new();
    };
    tokenize(title, 0)
        .into_iter()
        .map(|t| key(&t.text))
        .filter(|k| lexicon.is_content(k))
        .collect()
}

/// Whether most of the title's content words (`title_words`) are in the sentence at `at`.
fn states_title(
    title_words: &BTreeSet<String>,
    sentences: &super::Sentences,
    at: crate::model::SentenceRef,
) -> bool {
    if title_words.is_empty() {
        return false;
    }
    let Some(side) = sentences.side(at) else {
        return false;
    };
    let shared = title_words
        .iter()
        .filter(|w| {
            side.keys
                .iter()
                .enumerate()
                .any(|(i, k)| k == *w && side.is_content(i))
        })
        .count();
    shared * 2 > title_words.len()
}
