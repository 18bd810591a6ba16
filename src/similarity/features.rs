//! A learned paraphrase model for sentences scored alone: lexical features of a pair
//! combined by logistic regression.
//!
//! [`features`] measures a pair of [`Profile`]s in [`FEATURES`] ways, each symmetric (the
//! order of the two sentences does not matter). [`Model`] weighs them; the built-in
//! weights (`data/paraphrase_model.txt`) were fitted on the MSRP training file by
//! [`Model::fit`] (Newton's method with a small ridge penalty), and are regenerated with
//! `cargo run --release --example evaluate_similarity -- train`. The model's probability
//! is the score of a pair scored alone, so its decision point is 0.5.

use std::collections::HashSet;
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use super::lexical::{self, Profile};
use super::tokens::TermKind;

const BUILTIN: &str = include_str!("../../data/paraphrase_model.txt");

/// The names of the features, in the order [`features`] returns them.
pub const FEATURES: [&str; 14] = [
    "cosine",
    "levenshtein",
    "terms_min",
    "terms_max",
    "weighted_min",
    "weighted_max",
    "words_jaccard",
    "bigrams_dice",
    "trigrams_dice",
    "lcs",
    "length_ratio",
    "number_conflict",
    "number_one_sided",
    "negation_mismatch",
];

/// How many features there are.
pub const N: usize = FEATURES.len();

/// Lower-cased words of a folded text, stop words included (word order and function
/// words matter for bigrams and the common subsequence).
fn words(p: &Profile) -> Vec<&str> {
    p.folded.unicode_words().collect()
}

fn ngrams<'a>(words: &[&'a str], n: usize) -> HashSet<Vec<&'a str>> {
    words.windows(n).map(<[&str]>::to_vec).collect()
}

fn dice<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

/// Length of the longest common subsequence of two word lists.
fn lcs(a: &[&str], b: &[&str]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

fn is_negation(word: &str) -> bool {
    matches!(
        word,
        "not" | "no" | "never" | "nor" | "none" | "nobody" | "nothing" | "neither" | "without"
    ) || word.ends_with("n't")
}

/// The features of a pair, each in [0, 1], in the order of [`FEATURES`].
pub fn features(a: &Profile, b: &Profile) -> [f64; N] {
    let (wa, wb) = (words(a), words(b));
    let ratio = |x: f64, y: f64| {
        if x.max(y) > 0.0 {
            x.min(y) / x.max(y)
        } else {
            1.0
        }
    };
    let mut shared = 0usize;
    let mut shared_weight_a = 0.0;
    let mut shared_weight_b = 0.0;
    lexical::for_each_shared(a, b, |x, y| {
        shared += 1;
        shared_weight_a += x.weight;
        shared_weight_b += y.weight;
    });
    let share = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
    let terms_a = share(shared as f64, a.terms.len() as f64);
    let terms_b = share(shared as f64, b.terms.len() as f64);
    let total_a: f64 = a.terms.iter().map(|t| t.weight).sum();
    let total_b: f64 = b.terms.iter().map(|t| t.weight).sum();
    let weighted_a = share(shared_weight_a, total_a);
    let weighted_b = share(shared_weight_b, total_b);
    let set_a: HashSet<&str> = wa.iter().copied().collect();
    let set_b: HashSet<&str> = wb.iter().copied().collect();
    let union = set_a.union(&set_b).count();
    let jaccard = if union > 0 {
        set_a.intersection(&set_b).count() as f64 / union as f64
    } else {
        1.0
    };
    let lcs_share = share(lcs(&wa, &wb) as f64, wa.len().max(wb.len()) as f64);
    let numbers_a = a.of_kind(TermKind::Number).next().is_some();
    let numbers_b = b.of_kind(TermKind::Number).next().is_some();
    let number_conflict = lexical::agreement(a, b, TermKind::Number).map_or(0.0, |x| 1.0 - x);
    let negated_a = wa.iter().any(|w| is_negation(w));
    let negated_b = wb.iter().any(|w| is_negation(w));
    [
        lexical::cosine(a, b),
        if a.folded.is_empty() && b.folded.is_empty() {
            1.0
        } else {
            lexical::normalized_levenshtein_exact(&a.folded, &b.folded)
        },
        terms_a.min(terms_b),
        terms_a.max(terms_b),
        weighted_a.min(weighted_b),
        weighted_a.max(weighted_b),
        jaccard,
        dice(&ngrams(&wa, 2), &ngrams(&wb, 2)),
        dice(&ngrams(&wa, 3), &ngrams(&wb, 3)),
        lcs_share,
        ratio(wa.len() as f64, wb.len() as f64),
        number_conflict,
        f64::from(u8::from(numbers_a != numbers_b)),
        f64::from(u8::from(negated_a != negated_b)),
    ]
}

/// Logistic regression over [`features`]: `P(same claim) = σ(bias + Σ weight × feature)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The intercept.
    pub bias: f64,
    /// One weight per feature, in the order of [`FEATURES`].
    pub weights: [f64; N],
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

impl Model {
    /// The built-in model, fitted on MSRP train (`data/paraphrase_model.txt`).
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::parse(BUILTIN).unwrap_or_else(Model::neutral))
    }

    /// A model that weighs the cosine alone (used if the data file were unreadable).
    fn neutral() -> Model {
        let mut weights = [0.0; N];
        weights[0] = 8.0;
        Model {
            bias: -4.0,
            weights,
        }
    }

    /// Reads `name<TAB>weight` lines (and `bias<TAB>value`); `#` lines are comments.
    /// `None` when a feature is missing or a number is malformed.
    pub fn parse(text: &str) -> Option<Model> {
        let mut bias = None;
        let mut weights = [None; N];
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line.split_once('\t')?;
            let value: f64 = value.trim().parse().ok()?;
            if name == "bias" {
                bias = Some(value);
            } else if let Some(i) = FEATURES.iter().position(|f| *f == name) {
                weights[i] = Some(value);
            }
        }
        let mut out = [0.0; N];
        for (o, w) in out.iter_mut().zip(weights) {
            *o = w?;
        }
        Some(Model {
            bias: bias?,
            weights: out,
        })
    }

    /// The model as `parse` reads it, after `header` comment lines.
    pub fn to_text(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&format!("bias\t{:.6}\n", self.bias));
        for (name, w) in FEATURES.iter().zip(self.weights) {
            out.push_str(&format!("{name}\t{w:.6}\n"));
        }
        out
    }

    /// The probability that a pair with these features states the same claim.
    pub fn probability(&self, x: &[f64; N]) -> f64 {
        let z = self.bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f64>();
        sigmoid(z)
    }

    /// Fits a model to labelled feature rows by Newton's method on the log-likelihood
    /// with an L2 penalty `ridge` on the weights (not the bias).
    pub fn fit(rows: &[([f64; N], bool)], ridge: f64) -> Model {
        const D: usize = N + 1;
        let mut beta = [0.0; D];
        for _ in 0..50 {
            let mut gradient = [0.0; D];
            let mut hessian = [[0.0; D]; D];
            for (x, label) in rows {
                let mut v = [1.0; D];
                v[1..].copy_from_slice(x);
                let z: f64 = beta.iter().zip(&v).map(|(b, x)| b * x).sum();
                let p = sigmoid(z);
                let y = f64::from(u8::from(*label));
                let w = (p * (1.0 - p)).max(1e-9);
                for i in 0..D {
                    gradient[i] += (y - p) * v[i];
                    for j in 0..D {
                        hessian[i][j] += w * v[i] * v[j];
                    }
                }
            }
            for i in 1..D {
                gradient[i] -= ridge * beta[i];
                hessian[i][i] += ridge;
            }
            let Some(step) = solve(hessian, gradient) else {
                break;
            };
            let mut change = 0.0f64;
            for (b, s) in beta.iter_mut().zip(step) {
                *b += s;
                change = change.max(s.abs());
            }
            if change < 1e-8 {
                break;
            }
        }
        let mut weights = [0.0; N];
        weights.copy_from_slice(&beta[1..]);
        Model {
            bias: beta[0],
            weights,
        }
    }
}

/// Solves `m x = v` by Gaussian elimination with partial pivoting; `None` if singular.
fn solve<const D: usize>(mut m: [[f64; D]; D], mut v: [f64; D]) -> Option<[f64; D]> {
    for col in 0..D {
        let pivot = (col..D).max_by(|&i, &j| m[i][col].abs().total_cmp(&m[j][col].abs()))?;
        if m[pivot][col].abs() < 1e-12 {
            return None;
        }
        m.swap(col, pivot);
        v.swap(col, pivot);
        let pivot_row = m[col];
        for row in col + 1..D {
            let f = m[row][col] / pivot_row[col];
            for (x, p) in m[row].iter_mut().zip(&pivot_row).skip(col) {
                *x -= f * p;
            }
            v[row] -= f * v[col];
        }
    }
    let mut x = [0.0; D];
    for row in (0..D).rev() {
        let tail: f64 = (row + 1..D).map(|k| m[row][k] * x[k]).sum();
        x[row] = (v[row] - tail) / m[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_model_file_parses() {
        let parsed = Model::parse(BUILTIN);
        assert!(parsed.is_some());
        assert_eq!(Model::builtin(), &parsed.unwrap_or_else(Model::neutral));
    }

    #[test]
    fn fitting_separable_data_orders_probabilities_by_the_signal() {
        let rows: Vec<([f64; N], bool)> = (0..40)
            .map(|i| {
                let mut x = [0.0; N];
                x[0] = f64::from(i) / 40.0;
                (x, i >= 20)
            })
            .collect();
        let model = Model::fit(&rows, 1.0);
        let mut low = [0.0; N];
        low[0] = 0.1;
        let mut high = [0.0; N];
        high[0] = 0.9;
        assert!(model.probability(&low) < 0.5 && model.probability(&high) > 0.5);
        let text = model.to_text("test");
        assert_eq!(Model::parse(&text).map(|m| m.weights.len()), Some(N));
    }

    #[test]
    fn longest_common_subsequence_counts_words_in_order() {
        assert_eq!(lcs(&["a", "b", "c", "d"], &["b", "x", "d"]), 2);
        assert_eq!(lcs(&[], &["a"]), 0);
    }

    #[test]
    fn negations_are_recognised() {
        assert!(is_negation("doesn't") && is_negation("not") && !is_negation("note"));
    }
}
