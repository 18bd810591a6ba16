//! Candidate pairs from an inverted index, scored exactly.
//!
//! Every sentence's terms go into an index from term to sentences. For each sentence the
//! index yields the sentences of *other* sources that share a term, with the partial dot
//! product of their weights, so the cost grows with the number of related sentences, not
//! with the square of all sentences. Terms held by more than
//! [`PairOptions::max_postings`] sentences are not used to find candidates (they are
//! still counted when a pair is scored). Only the best [`PairOptions::per_sentence`]
//! candidates of each sentence are scored exactly; the work budget
//! [`PairOptions::max_comparisons`] lowers that number when the input is large, and says
//! so in a note.

use rustc_hash::FxHashMap;

use crate::model::SentenceRef;
use crate::similarity::lexical::Profile;
use crate::similarity::Scorer;

/// Limits of candidate search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairOptions {
    /// Terms in more sentences than this do not propose candidates.
    pub max_postings: usize,
    /// How many candidates of each sentence (best partial cosine first) are scored.
    pub per_sentence: usize,
    /// The most exact pair scorings in one alignment; past it, fewer candidates per
    /// sentence are scored and the alignment notes the fallback.
    pub max_comparisons: usize,
}

impl Default for PairOptions {
    fn default() -> Self {
        PairOptions {
            max_postings: 500,
            per_sentence: 24,
            max_comparisons: 2_000_000,
        }
    }
}

/// A scored pair of sentences of different sources, `a < b`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScoredPair {
    /// The earlier sentence.
    pub a: SentenceRef,
    /// The later sentence.
    pub b: SentenceRef,
    /// Their combined similarity.
    pub score: f64,
}

/// All sentences of a comparison, flattened, with their profiles. Sentences of the same
/// text (wire copy several outlets repeat) share one profile.
pub struct Sentences {
    /// Where each flat index points.
    pub refs: Vec<SentenceRef>,
    /// The profiles of the distinct texts.
    pub profiles: Vec<Profile>,
    /// For each flat index, its text's profile in [`Sentences::profiles`].
    pub profile_of: Vec<usize>,
}

impl Sentences {
    /// Sentences each with a profile of its own.
    pub fn new(refs: Vec<SentenceRef>, profiles: Vec<Profile>) -> Sentences {
        let profile_of = (0..profiles.len()).collect();
        Sentences {
            refs,
            profiles,
            profile_of,
        }
    }

    /// The flat index of a reference (sources and sentences in order).
    pub fn index_of(&self, at: SentenceRef) -> Option<usize> {
        self.refs.binary_search(&at).ok()
    }

    /// Where the profile of sentence `i` is in [`Sentences::profiles`].
    fn slot(&self, i: usize) -> Option<usize> {
        self.profile_of
            .get(i)
            .copied()
            .filter(|&k| k < self.profiles.len())
    }

    /// The profile of sentence `i` (empty for an index out of range).
    pub fn profile(&self, i: usize) -> &Profile {
        static EMPTY: Profile = Profile {
            terms: Vec::new(),
            norm: 0.0,
            folded: String::new(),
            clauses: Vec::new(),
        };
        self.slot(i).map_or(&EMPTY, |k| &self.profiles[k])
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.refs.len().min(self.profile_of.len())
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Scored candidate pairs, and notes on limits hit.
pub fn candidate_pairs(
    sentences: &Sentences,
    scorer: &Scorer,
    options: &PairOptions,
    notes: &mut Vec<String>,
) -> Vec<ScoredPair> {
    let n = sentences.len();
    let index = Index::new(sentences);
    let skipped = index
        .postings
        .iter()
        .filter(|postings| postings.len() > options.max_postings)
        .count();
    if skipped > 0 {
        notes.push(format!(
            "{skipped} terms found in more than {} sentences were not used to find candidate pairs",
            options.max_postings
        ));
    }
    let mut per_sentence = options.per_sentence.max(1);
    if n.saturating_mul(per_sentence) > options.max_comparisons {
        per_sentence = (options.max_comparisons / n.max(1)).max(1);
        notes.push(format!(
            "work budget of {} comparisons reached: only the {per_sentence} most promising candidates of each sentence were scored",
            options.max_comparisons
        ));
    }
    // Each sentence's most promising partners, then the budget over all of them in
    // sentence order, then the exact scores.
    let best = |scratch: &mut Scratch, i: usize| -> Vec<usize> {
        scratch.ranked(sentences, &index, options.max_postings, i, per_sentence)
    };
    let ranked: Vec<Vec<usize>> = crate::parallel::map_range_with(n, || Scratch::new(n), best);
    let chosen: Vec<(usize, usize)> = ranked
        .iter()
        .enumerate()
        .flat_map(|(i, js)| js.iter().map(move |&j| (i, j)))
        .take(options.max_comparisons)
        .collect();
    // Pairs of the same two texts score alike: each is scored once.
    let mut first: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut distinct: Vec<(usize, usize)> = Vec::new();
    let scored_as: Vec<usize> = chosen
        .iter()
        .map(|&(i, j)| {
            let texts = (
                sentences.slot(i).unwrap_or(usize::MAX),
                sentences.slot(j).unwrap_or(usize::MAX),
            );
            *first.entry(texts).or_insert_with(|| {
                distinct.push((i, j));
                distinct.len() - 1
            })
        })
        .collect();
    let scores = crate::parallel::map_slice(&distinct, |&(i, j)| {
        scorer.score_profiles(sentences.profile(i), sentences.profile(j))
    });
    chosen
        .iter()
        .zip(scored_as)
        .map(|(&(i, j), k)| ScoredPair {
            a: sentences.refs[i],
            b: sentences.refs[j],
            score: scores.get(k).copied().unwrap_or(0.0),
        })
        .collect()
}

/// The inverted index: for each term, the sentences holding it with its weight there, in
/// sentence order. Terms are numbered once per distinct text, so that finding a sentence's
/// postings needs no lookup by key.
struct Index {
    /// Postings by term number.
    postings: Vec<Vec<(usize, f64)>>,
    /// The term numbers of each profile of [`Sentences::profiles`], in its term order.
    terms_of: Vec<Vec<usize>>,
}

impl Index {
    fn new(sentences: &Sentences) -> Index {
        let mut number: FxHashMap<&str, usize> = FxHashMap::default();
        let terms_of: Vec<Vec<usize>> = sentences
            .profiles
            .iter()
            .map(|p| {
                p.terms
                    .iter()
                    .map(|t| {
                        let next = number.len();
                        *number.entry(t.key.as_str()).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        let mut postings: Vec<Vec<(usize, f64)>> = vec![Vec::new(); number.len()];
        for i in 0..sentences.len() {
            let p = sentences.profile(i);
            for (t, &term) in p.terms.iter().zip(Index::numbers(&terms_of, sentences, i)) {
                if let Some(list) = postings.get_mut(term) {
                    list.push((i, t.weight));
                }
            }
        }
        Index { postings, terms_of }
    }

    /// The term numbers of sentence `i`, in its profile's term order.
    fn numbers<'a>(terms_of: &'a [Vec<usize>], sentences: &Sentences, i: usize) -> &'a [usize] {
        sentences
            .slot(i)
            .and_then(|k| terms_of.get(k))
            .map_or(&[], Vec::as_slice)
    }
}

/// Partial dot products of one sentence with the others, reused from sentence to sentence.
struct Scratch {
    dots: Vec<f64>,
    seen: Vec<bool>,
    /// The sentences with a partial dot product, in first-seen order.
    touched: Vec<usize>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            dots: vec![0.0; n],
            seen: vec![false; n],
            touched: Vec::new(),
        }
    }

    /// The first `limit` of the later sentences of other sources sharing a usable term with
    /// sentence `i`, best cosine first (ties by index).
    fn ranked(
        &mut self,
        sentences: &Sentences,
        index: &Index,
        max_postings: usize,
        i: usize,
        limit: usize,
    ) -> Vec<usize> {
        for j in self.touched.drain(..) {
            self.dots[j] = 0.0;
            self.seen[j] = false;
        }
        if i >= sentences.len() {
            return Vec::new();
        }
        let p = sentences.profile(i);
        let source = sentences.refs[i].source;
        let numbers = Index::numbers(&index.terms_of, sentences, i);
        for (t, &term) in p.terms.iter().zip(numbers) {
            let Some(postings) = index.postings.get(term) else {
                continue;
            };
            if postings.len() > max_postings {
                continue;
            }
            // Postings are in sentence order: each unordered pair once, from its earlier
            // sentence.
            let later = postings.partition_point(|&(j, _)| j <= i);
            for &(j, w) in &postings[later..] {
                if sentences.refs[j].source != source {
                    if let (Some(dot), Some(seen)) = (self.dots.get_mut(j), self.seen.get_mut(j)) {
                        if !*seen {
                            *seen = true;
                            self.touched.push(j);
                        }
                        *dot += t.weight * w;
                    }
                }
            }
        }
        let mut ranked: Vec<(usize, f64)> = self
            .touched
            .iter()
            .map(|&j| {
                let norms = p.norm * sentences.profile(j).norm;
                (
                    j,
                    if norms > 0.0 {
                        self.dots[j] / norms
                    } else {
                        0.0
                    },
                )
            })
            .collect();
        ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        // Only the kept few, in a list of their own (collecting from `ranked` would reuse
        // its whole allocation): every sentence's list lives until scoring.
        let mut kept = Vec::with_capacity(limit.min(ranked.len()));
        kept.extend(ranked.iter().take(limit).map(|&(j, _)| j));
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences of three sources; the second repeats two of the first's word for word.
    const SOURCES: [&[&str]; 3] = [
        &[
            "The ceasefire in Syria took effect at midnight on Saturday.",
            "Russia and the United States brokered the truce in Munich.",
            "Aid convoys reached the besieged town of Madaya on Monday.",
        ],
        &[
            "Russia and the United States brokered the truce in Munich.",
            "The ceasefire in Syria took effect at midnight on Saturday.",
            "Rebel groups said violations continued near Aleppo.",
        ],
        &[
            "The truce in Syria began at midnight on Saturday, officials said.",
            "Moscow and Washington negotiated the ceasefire in Munich.",
            "Convoys of aid arrived in Madaya on Monday.",
        ],
    ];

    fn refs() -> Vec<SentenceRef> {
        SOURCES
            .iter()
            .enumerate()
            .flat_map(|(source, texts)| {
                (0..texts.len()).map(move |sentence| SentenceRef { source, sentence })
            })
            .collect()
    }

    #[test]
    fn repeated_sentences_sharing_a_profile_score_as_if_each_had_its_own() {
        let texts: Vec<&str> = SOURCES.iter().flat_map(|s| s.iter().copied()).collect();
        let scorer = Scorer::default().with_context(texts.iter().copied());
        let own = Sentences::new(refs(), texts.iter().map(|t| scorer.profile(t)).collect());
        let mut distinct: Vec<&str> = Vec::new();
        let profile_of = texts
            .iter()
            .map(|t| match distinct.iter().position(|d| d == t) {
                Some(k) => k,
                None => {
                    distinct.push(t);
                    distinct.len() - 1
                }
            })
            .collect();
        assert_eq!(distinct.len(), texts.len() - 2);
        let shared = Sentences {
            refs: refs(),
            profiles: distinct.iter().map(|t| scorer.profile(t)).collect(),
            profile_of,
        };
        let options = PairOptions::default();
        let pairs = candidate_pairs(&own, &scorer, &options, &mut Vec::new());
        assert!(pairs
            .iter()
            .any(|p| p.score >= crate::similarity::DEFAULT_THRESHOLD));
        assert_eq!(
            candidate_pairs(&shared, &scorer, &options, &mut Vec::new()),
            pairs
        );
    }

    #[test]
    fn a_sentence_index_out_of_range_has_an_empty_profile() {
        let sentences = Sentences::new(refs(), Vec::new());
        assert_eq!(sentences.len(), 0);
        assert!(sentences.profile(3).terms.is_empty());
    }
}
