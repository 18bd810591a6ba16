//! The lexical measures: weighted term cosine, character similarity, and agreement of
//! names and numbers. Each takes two [`Profile`]s, built once per sentence.

use std::sync::OnceLock;

use super::tokens::{fold, Term, TermKind};

mod background;

/// `data/background_df.txt` as `build.rs` stored it ([`background`]).
static BACKGROUND: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/background_df.table"));

/// How many sentences contain each term: a built-in background table, optionally mixed
/// with the sentences at hand.
///
/// The background (`data/background_df.txt`) counts terms over the 7,817 distinct
/// sentences of the MSRP training file, news sentences of 2003–04; it lets two short articles already give
/// sensible weights. The sentences at hand add what is common *in this comparison*: the
/// actors every outlet names ("Lavrov", "Kerry", "Syria") weigh little there even when
/// they are rare in general.
#[derive(Clone, Debug)]
pub struct DocumentFrequencies {
    background: Option<background::Table<'static>>,
    background_docs: f64,
    local: rustc_hash::FxHashMap<String, LocalCount>,
    local_docs: f64,
    local_share: f64,
}

/// How many local documents hold a term, and the last document that counted it (so that
/// a term a document repeats counts once).
#[derive(Clone, Copy, Debug)]
struct LocalCount {
    documents: u32,
    last: u64,
}

/// Share of the local (comparison) frequencies in the mix, when there are enough sentences.
pub const DEFAULT_LOCAL_SHARE: f64 = 0.3;
/// Fewer local sentences than this and only the background counts.
const MIN_LOCAL_DOCS: f64 = 4.0;

/// Builds the built-in tables of this module (the reporting words; the background table
/// needs no building).
pub(crate) fn build_tables() {
    is_reporting("");
}

/// The built-in background table; `None` only if `build.rs` stored none readable.
fn background() -> Option<background::Table<'static>> {
    background::Table::read(BACKGROUND)
}

impl Default for DocumentFrequencies {
    fn default() -> Self {
        DocumentFrequencies::builtin()
    }
}

impl DocumentFrequencies {
    /// The built-in background table alone.
    pub fn builtin() -> DocumentFrequencies {
        let table = background();
        DocumentFrequencies {
            background: table,
            background_docs: table.map_or(1.0, |t| t.documents()),
            local: Default::default(),
            local_docs: 0.0,
            local_share: DEFAULT_LOCAL_SHARE,
        }
    }

    /// Sets the share of local frequencies in the mix (0 = background only, 1 = local only).
    pub fn set_local_share(&mut self, share: f64) {
        self.local_share = share.clamp(0.0, 1.0);
    }

    /// Whether enough local documents were added for them to count.
    pub fn has_context(&self) -> bool {
        self.local_docs >= MIN_LOCAL_DOCS
    }

    /// Adds the sentences at hand: each is one document (its distinct terms count once).
    pub fn add_documents<'a>(&mut self, documents: impl IntoIterator<Item = &'a [Term]>) {
        self.add_repeated_documents(documents.into_iter().map(|terms| (terms, 1)));
    }

    /// [`DocumentFrequencies::add_documents`] of documents each given with how many times
    /// it occurs (a sentence several outlets repeat word for word), counted as often.
    pub fn add_repeated_documents<'a>(
        &mut self,
        documents: impl IntoIterator<Item = (&'a [Term], u32)>,
    ) {
        let documents = documents.into_iter();
        // Room for every term at once rather than growing the table step by step.
        let (at_least, _) = documents.size_hint();
        self.local.reserve(at_least.saturating_mul(4));
        for (terms, times) in documents {
            if times == 0 {
                continue;
            }
            // Documents are numbered by the count so far, which only grows.
            let document = self.local_docs.to_bits();
            for t in terms {
                match self.local.get_mut(t.key.as_str()) {
                    // A term this document already counted.
                    Some(count) if count.last == document => {}
                    Some(count) => {
                        count.documents += times;
                        count.last = document;
                    }
                    None => {
                        let count = LocalCount {
                            documents: times,
                            last: document,
                        };
                        self.local.insert(t.key.clone(), count);
                    }
                }
            }
            // Whole numbers: adding them at once is exact, as adding each is.
            self.local_docs += f64::from(times);
        }
    }

    /// How many local documents hold `key`.
    pub fn local_count(&self, key: &str) -> u32 {
        self.local.get(key).map_or(0, |count| count.documents)
    }

    /// Number of local documents added.
    pub fn local_documents(&self) -> usize {
        self.local_docs as usize
    }

    /// Inverse document frequency: `ln(1 / p)` where `p` is the smoothed share of documents
    /// holding the term: the background share, mixed with the local share (by default
    /// 70:30) once there are enough local documents.
    pub fn idf(&self, key: &str) -> f64 {
        let df = self.background.and_then(|t| t.get(key)).unwrap_or(0) as f64;
        let p_background = (df + 0.5) / (self.background_docs + 1.0);
        let p = if self.has_context() {
            let p_local = self.local_count(key) as f64 / self.local_docs;
            (1.0 - self.local_share) * p_background + self.local_share * p_local
        } else {
            p_background
        };
        (1.0 / p.max(1e-9)).ln().max(0.0)
    }
}

/// How much each kind of term weighs relative to a content word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KindWeights {
    /// Names (capitalised words, alias names of actors).
    pub name: f64,
    /// Numbers and dates.
    pub number: f64,
    /// Extra factor for metonyms (`Moscow` for Russia).
    pub weak: f64,
    /// Actors: office words and the names beside them.
    pub actor: f64,
    /// Reporting and attribution words (`said`, `according`, `added`;
    /// `data/reporting.txt`): the frame of a claim, not the claim.
    pub frame: f64,
}

impl Default for KindWeights {
    fn default() -> Self {
        KindWeights {
            name: 0.85,
            number: 1.0,
            weak: 0.6,
            actor: 0.3,
            frame: 0.3,
        }
    }
}

/// One weighted term of a [`Profile`].
#[derive(Clone, Debug, PartialEq)]
pub struct WeightedTerm {
    /// The comparison key.
    pub key: String,
    /// The first surface form seen, for explanations.
    pub surface: String,
    /// What the term is.
    pub kind: TermKind,
    /// Its weight in this sentence.
    pub weight: f64,
    /// Evidence of what is claimed: a word, name or number that is neither a reporting
    /// word, an actor nor a metonym.
    pub content: bool,
    /// The key's first eight bytes as a big-endian number ([`key_prefix`]): comparing it
    /// first orders two keys as comparing the strings would, mostly without reading them.
    prefix: u64,
}

/// The first eight bytes of `key` (zero-padded) as a big-endian number. When two keys'
/// prefixes differ, they order the keys as the strings order: at the first differing
/// byte both have a byte, or the shorter key's padding 0 sorts first, as its end does.
fn key_prefix(key: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = key.len().min(8);
    bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// Orders two weighted terms by key.
fn key_order(x: &WeightedTerm, y: &WeightedTerm) -> std::cmp::Ordering {
    x.prefix.cmp(&y.prefix).then_with(|| {
        // Equal prefixes of two keys of at most eight bytes: the shorter key's bytes
        // start the longer one's, whose extra bytes are zero, so the shorter comes first.
        if x.key.len() <= 8 && y.key.len() <= 8 {
            x.key.len().cmp(&y.key.len())
        } else {
            x.key.cmp(&y.key)
        }
    })
}

/// The fewest terms a clause holds; shorter stretches join their neighbour.
pub const MIN_CLAUSE_TERMS: usize = 3;

/// The fewest content terms two clauses share for their cosine to count: one shared
/// word (`forces`, `meanwhile`) is a coincidence more often than a claim.
pub const MIN_CLAUSE_SHARED: usize = 2;

const REPORTING: &str = include_str!("../../data/reporting.txt");

/// Whether `surface` is a reporting or attribution word (`data/reporting.txt`).
pub fn is_reporting(surface: &str) -> bool {
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        REPORTING
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });
    super::tokens::with_lowercase(surface, |lower| set.contains(lower))
}

/// A sentence prepared for comparison: weighted terms sorted by key, and its folded text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// Distinct terms, sorted by key.
    pub terms: Vec<WeightedTerm>,
    /// Euclidean norm of the weights.
    pub norm: f64,
    /// Lower-cased, folded text for character similarity.
    pub folded: String,
    /// The sentence's clauses, each weighed alone (empty when it is one clause or
    /// clauses were not asked for); see [`crate::similarity::tokens::clause_starts`].
    pub clauses: Vec<Profile>,
}

/// One term's weight in its sentence and whether it is evidence of what is claimed
/// ([`WeightedTerm::content`]): a function of the term alone, so computed once for a
/// sentence and all its clauses.
#[derive(Clone, Copy, Debug)]
struct TermWeight {
    weight: f64,
    content: bool,
}

/// The [`TermWeight`] of each of `terms`.
fn term_weights(
    terms: &[Term],
    frequencies: &DocumentFrequencies,
    kinds: &KindWeights,
) -> Vec<TermWeight> {
    terms
        .iter()
        .map(|term| {
            let reporting = term.kind == TermKind::Word && is_reporting(&term.surface);
            let content = term.kind != TermKind::Actor && !term.weak && !reporting;
            let factor = match term.kind {
                TermKind::Word => 1.0,
                TermKind::Name => kinds.name,
                TermKind::Number => kinds.number,
                TermKind::Actor => kinds.actor,
            } * if term.weak { kinds.weak } else { 1.0 }
                * if reporting { kinds.frame } else { 1.0 };
            TermWeight {
                weight: frequencies.idf(&term.key) * factor,
                content,
            }
        })
        .collect()
}

/// Where a [`Profile`] gets the strings of its terms.
#[derive(Clone, Copy, Debug)]
enum Strings {
    /// Takes each key and surface out of its term (the sentence's own profile, built last).
    Take,
    /// Copies the keys, leaves the surfaces empty (clauses).
    KeysOnly,
}

impl Profile {
    /// Weighs `terms` of `text` by `idf` and the kind weights.
    pub fn new(
        text: &str,
        terms: &[Term],
        frequencies: &DocumentFrequencies,
        kinds: &KindWeights,
    ) -> Profile {
        Profile::of_folded(&fold(text).0, terms, frequencies, kinds)
    }

    /// [`Profile::new`] of a text already folded by [`fold`] (as
    /// [`crate::similarity::tokens::Tokenizer::terms_and_folded`] gives it), which saves
    /// folding it a second time.
    pub fn of_folded(
        folded: &str,
        terms: &[Term],
        frequencies: &DocumentFrequencies,
        kinds: &KindWeights,
    ) -> Profile {
        Profile::of_folded_owned(folded, terms.to_vec(), frequencies, kinds)
    }

    /// [`Profile::of_folded`] of terms it may take the strings of.
    pub(crate) fn of_folded_owned(
        folded: &str,
        mut terms: Vec<Term>,
        frequencies: &DocumentFrequencies,
        kinds: &KindWeights,
    ) -> Profile {
        let weights = term_weights(&terms, frequencies, kinds);
        Profile::of_folded_weighted(folded, &mut terms, &weights)
    }

    /// [`Profile::of_folded_owned`] with the clauses of [`Profile::with_clauses`], each
    /// term weighed once for the sentence and its clauses.
    pub(crate) fn of_folded_with_clauses(
        folded: &str,
        starts: &[usize],
        mut terms: Vec<Term>,
        frequencies: &DocumentFrequencies,
        kinds: &KindWeights,
    ) -> Profile {
        let weights = term_weights(&terms, frequencies, kinds);
        // The clauses copy their keys first; the sentence then takes the strings.
        let clauses = Profile::weighted_clauses(starts, &mut terms, &weights);
        let mut profile = Profile::of_folded_weighted(folded, &mut terms, &weights);
        profile.clauses = clauses;
        profile
    }

    /// The profile of all `terms`, taking their keys and surfaces.
    fn of_folded_weighted(folded: &str, terms: &mut [Term], weights: &[TermWeight]) -> Profile {
        let all = (0..terms.len()).collect();
        let mut profile = Profile::of_terms(all, terms, weights, Strings::Take);
        profile.folded = folded.to_lowercase();
        profile
    }

    /// The profile of the terms at `order` (indices into `terms` and `weights`), without
    /// folded text, its strings got from the terms as `strings` says.
    fn of_terms(
        mut order: Vec<usize>,
        terms: &mut [Term],
        weights: &[TermWeight],
        strings: Strings,
    ) -> Profile {
        let mut weighted: Vec<WeightedTerm> = Vec::with_capacity(order.len());
        order.retain(|&i| i < terms.len() && i < weights.len());
        // By key then kind, a stable sort of indices in the terms' order (ties keep that
        // order); the key's prefix orders most pairs as the keys do without reading them.
        let mut keyed: Vec<(u64, usize)> = order
            .into_iter()
            .map(|i| (key_prefix(&terms[i].key), i))
            .collect();
        keyed.sort_by(|&(pa, a), &(pb, b)| {
            pa.cmp(&pb)
                .then_with(|| terms[a].key.cmp(&terms[b].key))
                .then(terms[a].kind.cmp(&terms[b].kind))
        });
        for (prefix, i) in keyed {
            let &TermWeight { weight, content } = &weights[i];
            let term = &mut terms[i];
            match weighted.last_mut() {
                // A repeated term counts once, at its heaviest (a name written once in
                // capitals and once not is still one term).
                Some(last) if last.prefix == prefix && last.key == term.key => {
                    if weight > last.weight {
                        last.weight = weight;
                        last.kind = term.kind;
                        last.content = content;
                    }
                }
                _ => {
                    // Taking a key is safe: a later term with the same key compares with
                    // this one's copy in `weighted`.
                    let (key, surface) = match strings {
                        Strings::Take => (
                            std::mem::take(&mut term.key),
                            std::mem::take(&mut term.surface),
                        ),
                        Strings::KeysOnly => (term.key.clone(), String::new()),
                    };
                    weighted.push(WeightedTerm {
                        prefix,
                        key,
                        surface,
                        kind: term.kind,
                        weight,
                        content,
                    });
                }
            }
        }
        let norm = weighted
            .iter()
            .map(|t| t.weight * t.weight)
            .sum::<f64>()
            .sqrt();
        Profile {
            terms: weighted,
            norm,
            folded: String::new(),
            clauses: Vec::new(),
        }
    }

    /// Adds the profiles of the clauses of `text` (starting at byte offsets `starts`, as
    /// [`crate::similarity::tokens::clause_starts`] gives them), each made of the terms
    /// whose start falls inside it. Clause profiles carry no folded text and no surfaces
    /// (explanations show the sentence's terms).
    pub fn with_clauses(
        mut self,
        starts: &[usize],
        terms: &[Term],
        frequencies: &DocumentFrequencies,
        kinds: &KindWeights,
    ) -> Profile {
        if starts.len() < 2 {
            return self;
        }
        let weights = term_weights(terms, frequencies, kinds);
        let clauses = Profile::weighted_clauses(starts, &mut terms.to_vec(), &weights);
        if !clauses.is_empty() {
            self.clauses = clauses;
        }
        self
    }

    /// The clause profiles of [`Profile::with_clauses`]; none when the sentence is one
    /// clause. The terms keep their strings.
    fn weighted_clauses(
        starts: &[usize],
        terms: &mut [Term],
        weights: &[TermWeight],
    ) -> Vec<Profile> {
        if starts.len() < 2 {
            return Vec::new();
        }
        // Terms of each clause; a clause of fewer than MIN_CLAUSE_TERMS terms joins the
        // next (the last joins the one before), so that no clause is a lone word.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut pending: Vec<usize> = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(usize::MAX);
            pending.extend(
                terms
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.start >= start && t.start < end)
                    .map(|(i, _)| i),
            );
            if pending.len() >= MIN_CLAUSE_TERMS {
                groups.push(std::mem::take(&mut pending));
            }
        }
        match groups.last_mut() {
            Some(last) => last.append(&mut pending),
            None => return Vec::new(),
        }
        if groups.len() < 2 {
            return Vec::new();
        }
        groups
            .into_iter()
            .map(|g| Profile::of_terms(g, terms, weights, Strings::KeysOnly))
            .collect()
    }

    /// The best cosine between a clause of one and a clause of the other (a sentence
    /// without clauses counts as one clause).
    pub fn best_clause_cosine(&self, other: &Profile) -> f64 {
        let mine = if self.clauses.is_empty() {
            std::slice::from_ref(self)
        } else {
            &self.clauses
        };
        let theirs = if other.clauses.is_empty() {
            std::slice::from_ref(other)
        } else {
            &other.clauses
        };
        let mut best = 0.0f64;
        for a in mine {
            for b in theirs {
                // One merge for both: the same as `shared_content` and `cosine`.
                let (dot, content) = dot_and_content(a, b);
                if content >= MIN_CLAUSE_SHARED {
                    best = best.max(cosine_of_dot(a, b, dot));
                }
            }
        }
        best
    }

    /// Terms of one kind.
    pub fn of_kind(&self, kind: TermKind) -> impl Iterator<Item = &WeightedTerm> {
        self.terms.iter().filter(move |t| t.kind == kind)
    }
}

/// One way of comparing two prepared sentences. [`crate::similarity::Scorer`] combines
/// several; each can also be used alone.
pub trait Measure {
    /// A short name for reports (`cosine`, `chars`, `names`, `numbers`).
    fn name(&self) -> &'static str;
    /// Similarity in [0, 1]; `None` when there is nothing to compare.
    fn measure(&self, a: &Profile, b: &Profile) -> Option<f64>;
}

/// [`cosine`] as a [`Measure`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Cosine;

/// [`chars`] as a [`Measure`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Chars;

/// [`agreement`] of one kind of term as a [`Measure`].
#[derive(Clone, Copy, Debug)]
pub struct Agreement(pub TermKind);

impl Measure for Cosine {
    fn name(&self) -> &'static str {
        "cosine"
    }
    fn measure(&self, a: &Profile, b: &Profile) -> Option<f64> {
        Some(cosine(a, b))
    }
}

impl Measure for Chars {
    fn name(&self) -> &'static str {
        "chars"
    }
    fn measure(&self, a: &Profile, b: &Profile) -> Option<f64> {
        Some(chars(a, b))
    }
}

impl Measure for Agreement {
    fn name(&self) -> &'static str {
        match self.0 {
            TermKind::Word => "words",
            TermKind::Name => "names",
            TermKind::Number => "numbers",
            TermKind::Actor => "actors",
        }
    }
    fn measure(&self, a: &Profile, b: &Profile) -> Option<f64> {
        agreement(a, b, self.0)
    }
}

/// Calls `f` with each pair of terms the two profiles share (merge of sorted lists).
pub fn for_each_shared(a: &Profile, b: &Profile, mut f: impl FnMut(&WeightedTerm, &WeightedTerm)) {
    let (mut xs, mut ys) = (a.terms.iter(), b.terms.iter());
    let (mut next_x, mut next_y) = (xs.next(), ys.next());
    while let (Some(x), Some(y)) = (next_x, next_y) {
        match key_order(x, y) {
            std::cmp::Ordering::Less => next_x = xs.next(),
            std::cmp::Ordering::Greater => next_y = ys.next(),
            std::cmp::Ordering::Equal => {
                f(x, y);
                next_x = xs.next();
                next_y = ys.next();
            }
        }
    }
}

/// How many content terms ([`WeightedTerm::content`]) two profiles share.
pub fn shared_content(a: &Profile, b: &Profile) -> usize {
    let mut n = 0;
    for_each_shared(a, b, |x, y| n += usize::from(x.content && y.content));
    n
}

/// Weighted cosine of the two term vectors, in [0, 1].
pub fn cosine(a: &Profile, b: &Profile) -> f64 {
    if a.norm <= 0.0 || b.norm <= 0.0 {
        return 0.0;
    }
    let mut dot = 0.0;
    for_each_shared(a, b, |x, y| dot += x.weight * y.weight);
    cosine_of_dot(a, b, dot)
}

/// [`cosine`] of two profiles whose shared weights multiply up to `dot` (summed in key
/// order, as [`for_each_shared`] visits them).
fn cosine_of_dot(a: &Profile, b: &Profile, dot: f64) -> f64 {
    if a.norm <= 0.0 || b.norm <= 0.0 {
        return 0.0;
    }
    (dot / (a.norm * b.norm)).clamp(0.0, 1.0)
}

/// The dot product of two profiles and how many content terms they share, in one merge.
fn dot_and_content(a: &Profile, b: &Profile) -> (f64, usize) {
    let (mut dot, mut content) = (0.0, 0);
    for_each_shared(a, b, |x, y| {
        dot += x.weight * y.weight;
        content += usize::from(x.content && y.content);
    });
    (dot, content)
}

/// What two profiles share, gathered in one merge of their terms: every measure of a pair
/// from it equals the measure's own function ([`cosine`], [`shared_content`],
/// [`agreement`]), each sum taken in the same order.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Overlap {
    dot: f64,
    content: usize,
    names: f64,
    numbers: f64,
}

impl Overlap {
    /// Merges the terms of `a` and `b` once.
    pub fn of(a: &Profile, b: &Profile) -> Overlap {
        let mut o = Overlap::default();
        for_each_shared(a, b, |x, y| {
            o.dot += x.weight * y.weight;
            o.content += usize::from(x.content && y.content);
            if x.kind == y.kind {
                match x.kind {
                    TermKind::Name => o.names += x.weight.min(y.weight),
                    TermKind::Number => o.numbers += x.weight.min(y.weight),
                    TermKind::Word | TermKind::Actor => {}
                }
            }
        });
        o
    }

    /// [`cosine`] of the two profiles.
    pub fn cosine(&self, a: &Profile, b: &Profile) -> f64 {
        cosine_of_dot(a, b, self.dot)
    }

    /// [`shared_content`] of the two profiles.
    pub fn shared_content(&self) -> usize {
        self.content
    }

    /// [`agreement`] of names or numbers of the two profiles (`None` for other kinds).
    pub fn agreement(&self, a: &Profile, b: &Profile, kind: TermKind) -> Option<f64> {
        let shared = match kind {
            TermKind::Name => self.names,
            TermKind::Number => self.numbers,
            TermKind::Word | TermKind::Actor => return None,
        };
        agreement_of_shared(a, b, kind, shared)
    }
}

/// Character similarity of the folded texts: normalised Levenshtein, in [0, 1]. Only
/// near-verbatim sentences score high; it catches what stemming and stop words hide
/// (word order kept, small edits).
pub fn chars(a: &Profile, b: &Profile) -> f64 {
    let (la, lb) = (a.folded.len(), b.folded.len());
    if la == 0 && lb == 0 {
        return 1.0;
    }
    // Levenshtein is quadratic; a length ratio under one half cannot be near-verbatim,
    // and then the ratio itself bounds the similarity from above.
    let ratio = la.min(lb) as f64 / la.max(lb) as f64;
    if ratio < 0.5 {
        return 0.0;
    }
    // Unrelated sentences of similar length already score 0.3–0.5; only the excess over
    // one half says "near-verbatim".
    let lev = normalized_levenshtein(&a.folded, &b.folded);
    ((lev - 0.5) / 0.5).clamp(0.0, 1.0)
}

/// Sentences longer than this many characters get no character similarity: no
/// near-verbatim sentence is that long, and the edit distance grows with the product of the
/// lengths.
pub const MAX_CHARS_FOR_EDIT_DISTANCE: usize = 20_000;

/// `1 − Levenshtein distance / longer length`, counted in characters: the same value as
/// `strsim::normalized_levenshtein`, computed with the bit-parallel algorithm of
/// `rapidfuzz` (64 characters per machine word) and a cut-off at half the longer length,
/// since [`chars`] maps every similarity at or under one half to 0. That makes it some
/// thirty times cheaper on news sentences; it is the largest cost of an alignment.
pub fn normalized_levenshtein(a: &str, b: &str) -> f64 {
    levenshtein_similarity(a, b, true)
}

/// The exact `1 − distance / longer length` at every value (no cut-off), for measures that
/// use the whole range; [`MAX_CHARS_FOR_EDIT_DISTANCE`] still applies.
pub fn normalized_levenshtein_exact(a: &str, b: &str) -> f64 {
    levenshtein_similarity(a, b, false)
}

fn levenshtein_similarity(a: &str, b: &str, cut_at_half: bool) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb);
    if longest == 0 {
        return 1.0;
    }
    if longest > MAX_CHARS_FOR_EDIT_DISTANCE {
        return 0.0;
    }
    let cutoff = if cut_at_half {
        longest / 2 + 1
    } else {
        longest
    };
    let args = rapidfuzz::distance::levenshtein::Args::default().score_cutoff(cutoff);
    // ASCII text has one byte per character: the same distance, without decoding.
    let distance = if a.is_ascii() && b.is_ascii() {
        rapidfuzz::distance::levenshtein::distance_with_args(a.bytes(), b.bytes(), &args)
    } else {
        rapidfuzz::distance::levenshtein::distance_with_args(a.chars(), b.chars(), &args)
    };
    match distance {
        Some(distance) => 1.0 - distance as f64 / longest as f64,
        // Farther apart than the cut-off: at most one half similar.
        None => 0.0,
    }
}

/// Weighted agreement of the terms of one kind: shared weight over the smaller side's
/// weight. `None` when either side has no such term (nothing to agree or disagree on).
pub fn agreement(a: &Profile, b: &Profile, kind: TermKind) -> Option<f64> {
    let mut shared = 0.0;
    for_each_shared(a, b, |x, y| {
        if x.kind == kind && y.kind == kind {
            shared += x.weight.min(y.weight);
        }
    });
    agreement_of_shared(a, b, kind, shared)
}

/// [`agreement`] of two profiles whose shared terms of `kind` weigh `shared` (summed in
/// key order).
fn agreement_of_shared(a: &Profile, b: &Profile, kind: TermKind, shared: f64) -> Option<f64> {
    let total_a: f64 = a.of_kind(kind).map(|t| t.weight).sum();
    let total_b: f64 = b.of_kind(kind).map(|t| t.weight).sum();
    if total_a <= 0.0 || total_b <= 0.0 {
        return None;
    }
    Some((shared / total_a.min(total_b)).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::similarity::tokens::Tokenizer;

    fn profile(text: &str) -> Profile {
        let terms = Tokenizer::default().terms(text);
        Profile::new(
            text,
            &terms,
            &DocumentFrequencies::builtin(),
            &KindWeights::default(),
        )
    }

    proptest::proptest! {
        #[test]
        fn key_order_is_string_order(a in "\\PC{0,12}|[a\\x00]{0,10}", b in "\\PC{0,12}|[a\\x00]{0,10}") {
            let term = |key: &str| WeightedTerm {
                key: key.to_string(),
                surface: String::new(),
                kind: TermKind::Word,
                weight: 1.0,
                content: true,
                prefix: key_prefix(key),
            };
            proptest::prop_assert_eq!(key_order(&term(&a), &term(&b)), a.cmp(&b));
        }
    }

    #[test]
    fn identical_sentences_have_cosine_one() {
        let a = profile("The truce started on February 27.");
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-9);
        assert!((chars(&a, &a) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn rare_terms_weigh_more_than_common_ones() {
        let f = DocumentFrequencies::builtin();
        assert!(f.idf("ceasefir") > f.idf("said"));
    }

    #[test]
    fn local_frequencies_lower_the_weight_of_terms_everyone_uses() {
        let tokenizer = Tokenizer::default();
        let docs: Vec<Vec<Term>> = (0..10)
            .map(|i| tokenizer.terms(&format!("Lavrov spoke about topic{i}")))
            .collect();
        let mut f = DocumentFrequencies::builtin();
        let before = f.idf("lavrov");
        f.add_documents(docs.iter().map(Vec::as_slice));
        assert!(f.idf("lavrov") < before);
    }

    #[test]
    fn reporting_words_weigh_less_than_claim_words() {
        let p = profile("The ministry said violence fell.");
        let weight = |key: &str| p.terms.iter().find(|t| t.key == key).map(|t| t.weight);
        let said = weight("said").expect("said is a term");
        assert!(said < 0.5 * DocumentFrequencies::builtin().idf("said") + 1e-9);
        assert!(!p.terms.iter().any(|t| t.key == "said" && t.content));
        assert!(weight("violenc").is_some_and(|w| w > said));
    }

    #[test]
    fn clauses_are_weighed_alone_and_matched_by_their_best_pair() {
        let text =
            "Officials met in Vienna on Monday, saying the ceasefire sharply reduced violence.";
        let terms = Tokenizer::default().terms(text);
        let f = DocumentFrequencies::builtin();
        let k = KindWeights::default();
        let long = Profile::new(text, &terms, &f, &k).with_clauses(
            &crate::similarity::tokens::clause_starts(text),
            &terms,
            &f,
            &k,
        );
        assert_eq!(long.clauses.len(), 2);
        let short = profile("The ceasefire sharply reduced violence.");
        assert!(long.best_clause_cosine(&short) > cosine(&long, &short));
    }

    #[test]
    fn numbers_disagree_when_different() {
        let a = profile("Prices rose 5 percent.");
        let b = profile("Prices rose 7 percent.");
        assert_eq!(agreement(&a, &b, TermKind::Number), Some(0.0));
        assert_eq!(
            agreement(&a, &profile("Prices rose."), TermKind::Number),
            None
        );
    }
}

#[cfg(test)]
mod edit_distance_tests {
    use super::normalized_levenshtein;
    use proptest::prelude::*;

    proptest! {
        /// Wherever the value matters to `chars` (above one half), it is strsim's.
        #[test]
        fn agrees_with_strsim_above_one_half(a in "[a-dé ]{0,90}", b in "[a-dé ]{0,90}") {
            let ours = normalized_levenshtein(&a, &b);
            let theirs = strsim::normalized_levenshtein(&a, &b);
            if theirs > 0.5 {
                prop_assert!((ours - theirs).abs() < 1e-12, "{ours} vs {theirs}");
            } else {
                prop_assert!(ours <= 0.5 + 1e-12);
            }
        }

        #[test]
        fn agrees_with_strsim_on_near_copies(a in "[a-z ,.]{1,200}", cut in 0usize..10) {
            let b: String = a.chars().skip(cut).collect();
            let ours = normalized_levenshtein(&a, &b);
            let theirs = strsim::normalized_levenshtein(&a, &b);
            if theirs > 0.5 {
                prop_assert!((ours - theirs).abs() < 1e-12);
            }
        }
    }

    proptest! {
        #[test]
        fn exact_form_is_strsim_everywhere(a in "[a-dé ]{0,90}", b in "[a-dé ]{0,90}") {
            let ours = super::normalized_levenshtein_exact(&a, &b);
            prop_assert!((ours - strsim::normalized_levenshtein(&a, &b)).abs() < 1e-12);
        }
    }

    #[test]
    fn empty_strings_are_identical() {
        assert_eq!(normalized_levenshtein("", ""), 1.0);
    }
}
