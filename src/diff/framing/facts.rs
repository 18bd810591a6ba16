//! What framing needs to know about one sentence, found once per sentence rather than
//! once for every pair it is in: key numbers and content words eagerly, the rest (stems,
//! names, phrase-list matches, quotations) on first need.

use std::cell::OnceCell;

use rust_stemmers::{Algorithm, Stemmer};

use crate::diff::lexicon::Lexicon;
use crate::diff::words::KeyNumbers;
use crate::similarity::aliases::{Aliases, Mention};

use super::Side;

/// Facts about one sentence, shared by every pair it is in. Key numbers are comparable
/// only between sentences numbered by the same [`KeyNumbers`].
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// Each token key's number.
    pub(crate) ids: Vec<u32>,
    /// Whether each token key is a content word ([`Lexicon::is_content`]).
    pub(crate) content: Vec<bool>,
    stems: OnceCell<Stems>,
    mentions: OnceCell<Vec<Mention>>,
    phrases: OnceCell<[Vec<Phrase>; 3]>,
    quotes: OnceCell<Vec<(usize, usize)>>,
}

/// A phrase-list match: absolute byte span and its key.
pub(crate) type Phrase = (usize, usize, String);

/// Stems of a sentence's content words.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stems {
    /// Each token's stem; empty for tokens that are no content word.
    pub(crate) of_token: Vec<String>,
    /// The distinct stems, sorted.
    pub(crate) set: Vec<String>,
}

impl Stems {
    /// Whether the sentence has a content word with this stem.
    pub(crate) fn contains(&self, stem: &str) -> bool {
        self.set.binary_search_by(|s| s.as_str().cmp(stem)).is_ok()
    }
}

impl Facts {
    /// Facts of a sentence with these token keys, numbered by `numbers`.
    pub(crate) fn new(keys: &[String], lexicon: &Lexicon, numbers: &mut KeyNumbers) -> Facts {
        Facts {
            ids: numbers.number_all(keys),
            content: keys.iter().map(|k| lexicon.is_content(k)).collect(),
            ..Facts::default()
        }
    }
}

impl<'a> Side<'a> {
    /// Whether token `i` is a content word.
    pub(crate) fn is_content(&self, i: usize) -> bool {
        self.facts.content.get(i).copied().unwrap_or(false)
    }

    /// Stems of the content words (English Snowball stemmer over the keys).
    pub(crate) fn stems(&self) -> &'a Stems {
        self.facts.stems.get_or_init(|| {
            let stemmer = Stemmer::create(Algorithm::English);
            let of_token: Vec<String> = self
                .keys
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    if self.is_content(i) {
                        stemmer.stem(k).into_owned()
                    } else {
                        String::new()
                    }
                })
                .collect();
            let mut set: Vec<String> = of_token
                .iter()
                .enumerate()
                .filter(|(i, _)| self.is_content(*i))
                .map(|(_, s)| s.clone())
                .collect();
            set.sort_unstable();
            set.dedup();
            Stems { of_token, set }
        })
    }

    /// Names from the alias list in the sentence (spans relative to its start).
    pub(crate) fn mentions(&self, aliases: &Aliases) -> &'a [Mention] {
        self.facts
            .mentions
            .get_or_init(|| aliases.find_mentions(self.sentence()))
    }

    /// Label, hedge and intensifier matches, in that order.
    pub(crate) fn phrases(&self, lexicon: &Lexicon) -> &'a [Vec<Phrase>; 3] {
        self.facts.phrases.get_or_init(|| {
            let s = self.sentence();
            [
                lexicon.find_labels(s),
                lexicon.find_hedges(s),
                lexicon.find_intensifiers(s),
            ]
            .map(|ranges| {
                ranges
                    .into_iter()
                    .map(|r| {
                        let t = self.local(r);
                        let k = crate::diff::tokens::key(&t.text);
                        (t.start, t.end, k)
                    })
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
