//! What framing needs to know about one sentence, found once per sentence rather than
//! once for every pair it is in: key numbers, content words and their stems eagerly, the
//! rest (names, phrase-list matches, quotations) on first need.

use std::sync::{Arc, OnceLock};

use crate::diff::lexicon::Lexicon;
use crate::diff::phrases::{Boundaries, KeptBoundaries};
use crate::diff::words::KeyNumbers;
use crate::similarity::aliases::{Aliases, Mention};

use super::Side;

/// Facts about one sentence, shared by every pair it is in. Key and stem numbers are
/// comparable only between sentences numbered by the same `Numbering`.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// Each token key's number.
    pub(crate) ids: Vec<u32>,
    /// Whether each token key is a content word ([`Lexicon::is_content`]).
    pub(crate) content: Vec<bool>,
    stems: Stems,
    /// What is found lazily from the sentence's text alone, shared by its repeats
    /// ([`Facts::moved`]).
    of_text: Arc<TextFacts>,
    phrases: OnceLock<[Vec<Phrase>; 3]>,
    quotes: OnceLock<Vec<(usize, usize)>>,
}

/// What is found from a sentence's text alone, on first need; spans relative to the
/// sentence.
#[derive(Clone, Debug, Default)]
struct TextFacts {
    /// Word boundaries found when the sentence was prepared, for the phrase lists.
    boundaries: OnceLock<KeptBoundaries>,
    mentions: OnceLock<Vec<Mention>>,
    referents: OnceLock<super::naming::Referents>,
    phrases: OnceLock<[Vec<Phrase>; 3]>,
}

/// A phrase-list match: absolute byte span and its key.
pub(crate) type Phrase = (usize, usize, String);

/// Numbers for token keys and for the stems of content words, shared by the sentences
/// of one comparison; each distinct key is stemmed once.
#[derive(Clone, Debug, Default)]
pub(crate) struct Numbering {
    /// Key numbers.
    pub(crate) keys: KeyNumbers,
    stems: KeyNumbers,
    /// The stem number of each key number, `NO_STEM` until it is stemmed.
    stem_of_key: Vec<u32>,
    /// Whether each key number is a content word, `None` until asked.
    content_of_key: Vec<Option<bool>>,
}

/// No stem: the token is no content word (or its key is not stemmed yet).
const NO_STEM: u32 = u32::MAX;

impl Numbering {
    /// Numbering with room for about `keys` distinct keys (and as many stems).
    pub(crate) fn with_capacity(keys: usize) -> Numbering {
        Numbering {
            keys: KeyNumbers::with_capacity(keys),
            stems: KeyNumbers::with_capacity(keys),
            stem_of_key: Vec::with_capacity(keys),
            content_of_key: Vec::with_capacity(keys),
        }
    }

    /// Whether key `key`, numbered `id`, is a content word; the lexicon is asked once a
    /// key.
    fn is_content(&mut self, id: u32, key: &str, lexicon: &Lexicon) -> bool {
        let at = id as usize;
        if self.content_of_key.len() <= at {
            self.content_of_key.resize(at + 1, None);
        }
        *self.content_of_key[at].get_or_insert_with(|| lexicon.is_content(key))
    }

    /// The stem number of key `key`, numbered `id`.
    fn stem(&mut self, id: u32, key: &str) -> u32 {
        let at = id as usize;
        if self.stem_of_key.len() <= at {
            self.stem_of_key.resize(at + 1, NO_STEM);
        }
        match self.stem_of_key[at] {
            NO_STEM => {
                let stems = &mut self.stems;
                let stem = crate::similarity::tokens::with_stem(key, |stem| stems.number(stem));
                self.stem_of_key[at] = stem;
                stem
            }
            known => known,
        }
    }
}

/// Stems of a sentence's content words (English Snowball stemmer over the keys), as
/// numbers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stems {
    /// Each token's stem; `NO_STEM` for tokens that are no content word.
    pub(crate) of_token: Vec<u32>,
    /// The distinct stems, sorted.
    set: Vec<u32>,
}

impl Stems {
    /// Whether the sentence has a content word with this stem.
    pub(crate) fn contains(&self, stem: u32) -> bool {
        stem != NO_STEM && self.set.binary_search(&stem).is_ok()
    }
}

impl Facts {
    /// Facts of a sentence with these token keys, numbered by `numbering`.
    pub(crate) fn new(keys: &[String], lexicon: &Lexicon, numbering: &mut Numbering) -> Facts {
        let ids = numbering.keys.number_all(keys);
        let content: Vec<bool> = keys
            .iter()
            .zip(&ids)
            .map(|(k, &id)| numbering.is_content(id, k, lexicon))
            .collect();
        let of_token: Vec<u32> = keys
            .iter()
            .zip(&ids)
            .zip(&content)
            .map(
                |((k, &id), &c)| {
                    if c {
                        numbering.stem(id, k)
                    } else {
                        NO_STEM
                    }
                },
            )
            .collect();
        let mut set: Vec<u32> = of_token.iter().copied().filter(|&s| s != NO_STEM).collect();
        set.sort_unstable();
        set.dedup();
        Facts {
            ids,
            content,
            stems: Stems { of_token, set },
            ..Facts::default()
        }
    }
}

/// `span`, a byte offset at or after `from`, moved to the same place after `to`.
pub(crate) fn moved_offset(span: usize, from: usize, to: usize) -> usize {
    to + span.saturating_sub(from)
}

impl Facts {
    /// Keeps the word boundaries found in the sentence's text (by
    /// [`Boundaries::new`] of exactly that text) for its phrase-list matches.
    pub(crate) fn keep_boundaries(&self, boundaries: Boundaries) {
        let _ = self.of_text.boundaries.set(boundaries.keep());
    }

    /// The facts of the same sentence text standing at byte `to` of its source rather
    /// than at `from`: what depends on the text alone is copied, with absolute spans
    /// moved; the quotations, which look at the character after the sentence, are left to
    /// be found again.
    pub(crate) fn moved(&self, from: usize, to: usize) -> Facts {
        let at = |x: usize| moved_offset(x, from, to);
        let copy = Facts {
            ids: self.ids.clone(),
            content: self.content.clone(),
            stems: self.stems.clone(),
            of_text: Arc::clone(&self.of_text),
            ..Facts::default()
        };
        if let Some(lists) = self.phrases.get() {
            let lists = lists.clone().map(|list| {
                list.into_iter()
                    .map(|(s, e, k)| (at(s), at(e), k))
                    .collect()
            });
            let _ = copy.phrases.set(lists);
        }
        copy
    }
}

impl<'a> Side<'a> {
    /// Whether token `i` is a content word.
    pub(crate) fn is_content(&self, i: usize) -> bool {
        self.facts.content.get(i).copied().unwrap_or(false)
    }

    /// Stems of the content words.
    pub(crate) fn stems(&self) -> &'a Stems {
        &self.facts.stems
    }

    /// Names from the alias list in the sentence (spans relative to its start).
    pub(crate) fn mentions(&self, aliases: &Aliases) -> &'a [Mention] {
        self.facts
            .of_text
            .mentions
            .get_or_init(|| aliases.find_mentions(self.sentence()))
    }

    /// The names of the sentence's referents ([`super::naming::referents`]).
    pub(crate) fn referents(&self, aliases: &Aliases) -> &'a super::naming::Referents {
        self.facts.of_text.referents.get_or_init(|| {
            super::naming::referents(self.sentence(), self.mentions(aliases), aliases)
        })
    }

    /// Label, hedge and intensifier matches, in that order.
    pub(crate) fn phrases(&self, lexicon: &Lexicon) -> &'a [Vec<Phrase>; 3] {
        self.facts.phrases.get_or_init(|| {
            let relative = self.facts.of_text.phrases.get_or_init(|| {
                // One walk over the sentence's word boundaries for the three lists.
                let sentence = self.sentence();
                let boundaries = match self.facts.of_text.boundaries.get() {
                    Some(kept) => Boundaries::of_kept(sentence, kept),
                    None => Boundaries::new(sentence),
                };
                [
                    lexicon.find_labels_in(&boundaries),
                    lexicon.find_hedges_in(&boundaries),
                    lexicon.find_intensifiers_in(&boundaries),
                ]
                .map(|ranges| {
                    ranges
                        .into_iter()
                        .map(|r| {
                            let k = crate::diff::tokens::key(sentence.get(r.clone()).unwrap_or(""));
                            (r.start, r.end, k)
                        })
                        .collect()
                })
            });
            relative.clone().map(|list| {
                list.into_iter()
                    .map(|(s, e, k)| (self.start + s, self.start + e, k))
                    .collect()
            })
        })
    }

    /// Spans inside quotation marks ([`super::quotes::quote_spans`]).
    pub(crate) fn quotes(&self) -> &'a [(usize, usize)] {
        self.facts
            .quotes
            .get_or_init(|| super::quotes::quote_spans(self))
    }
}
