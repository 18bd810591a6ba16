//! N-way claim groups from scored pairs.
//!
//! The algorithm, in three passes:
//!
//! 1. **Mutual best match.** A pair is kept only if it reaches the threshold and each
//!    sentence is the other's best counterpart in the other's source (news outlets tell
//!    a claim once; the second-best match in the same article is nearly always a
//!    different claim about the same actors). This is the main precision device.
//! 2. **Greedy max-weight merging with a conflict check.** Kept pairs are taken heaviest
//!    first; a pair joins the groups of its two sentences when the merged group still
//!    holds at most one sentence per source and its members agree with each other: the
//!    mean similarity across the two groups must reach `coherence × threshold`.
//! 3. **Moving members to better groups.** Each sentence may move to another group that
//!    has no sentence of its source, when its mean similarity to that group reaches the
//!    threshold and beats its mean similarity to its current group. Repeated until nothing
//!    moves (at most a few rounds).
//!
//! 4. **Corroboration.** A group of two sentences, a claim no third source backs, is
//!    kept only when its pair scores [`GroupOptions::pair_margin`] above the threshold:
//!    one link is weaker evidence than a group whose members all agree with each other.
//!    Most false pairs of the seeds gold were lone pairs just over the threshold about
//!    the same actors (`next … talks`, `focus … talks`).
//!
//! Means over a large group look at its first eight members only, which bounds the work of
//! one merge or move when hundreds of sources are aligned.
//!
//! **Budget.** Merging and moving are near-linear on real input, but adversarial input
//! (thousands of sources telling one claim, every pair just above the threshold) makes
//! groups large and each merge costly. All the work (members touched, fresh similarity
//! scorings) is counted against [`GroupOptions::max_work`]; when it runs out, the
//! remaining (weaker) pairs are not merged, the move pass is skipped, and
//! [`Grouping::fallback`] says so. The groups are still valid, only coarser.
//!
//! Greedy merging approximates the best partition (maximum total within-group
//! similarity under the one-per-source constraint), which is NP-hard in general; the
//! move pass repairs the commonest greedy mistake, a sentence joined early to a group
//! that fits it less well than a later one.

use rustc_hash::FxHashMap as HashMap;

/// A scored pair of flat sentence indices, `a < b`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    /// Earlier sentence.
    pub a: usize,
    /// Later sentence.
    pub b: usize,
    /// Similarity.
    pub score: f64,
}

/// The default [`GroupOptions::pair_margin`]: on the seeds gold, margins of 0.03–0.08
/// give the same F1 (0.71–0.72 at the default decision point, 0.63 without a margin).
pub const PAIR_MARGIN: f64 = 0.05;

/// Settings of grouping.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupOptions {
    /// Pairs under this score are ignored.
    pub threshold: f64,
    /// Merged groups need a mean cross similarity of `coherence × threshold`.
    pub coherence: f64,
    /// Keep only mutual best matches between two sources.
    pub mutual_best: bool,
    /// Rounds of the move pass.
    pub move_rounds: usize,
    /// A group of two sentences (no third source backs the claim) needs its pair to
    /// score this much above the threshold.
    pub pair_margin: f64,
    /// Work budget of merging and moving, in steps (a member touched is one step, a
    /// similarity scored is [`SCORING_STEPS`]); see the module's **Budget**.
    pub max_work: usize,
}

/// The default [`GroupOptions::max_work`]: about a second of grouping on one core; the
/// seeds take some thousands of steps and 1,000 articles of 25 sentences a few million.
pub const MAX_GROUP_WORK: usize = 200_000_000;

/// Steps charged for one similarity scoring (not cached yet): scoring costs about as much as
/// touching this many members.
pub const SCORING_STEPS: usize = 64;

/// Claim groups, and whether the work budget cut grouping short.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grouping {
    /// Groups of flat sentence indices, as [`group`] returns them.
    pub groups: Vec<Vec<usize>>,
    /// Why grouping fell back to coarser groups, when its budget ran out.
    pub fallback: Option<String>,
}

impl Default for GroupOptions {
    fn default() -> Self {
        GroupOptions {
            threshold: crate::similarity::DEFAULT_THRESHOLD,
            coherence: 0.8,
            mutual_best: true,
            move_rounds: 3,
            pair_margin: PAIR_MARGIN,
            max_work: MAX_GROUP_WORK,
        }
    }
}

/// Groups of flat sentence indices (each sorted), in no particular order, every group
/// with two or more members from distinct sources.
///
/// `source_of[i]` is the source of sentence `i`; `similarity(i, j)` scores any pair (it
/// is called for pairs inside candidate groups only).
pub fn group(
    source_of: &[usize],
    edges: &[Edge],
    options: &GroupOptions,
    similarity: impl FnMut(usize, usize) -> f64,
) -> Vec<Vec<usize>> {
    group_within_budget(source_of, edges, options, similarity).groups
}

/// [`group`], and the note when [`GroupOptions::max_work`] cut grouping short.
pub fn group_within_budget(
    source_of: &[usize],
    edges: &[Edge],
    options: &GroupOptions,
    mut similarity: impl FnMut(usize, usize) -> f64,
) -> Grouping {
    let n = source_of.len();
    let mut known: HashMap<(usize, usize), f64> = edges
        .iter()
        .map(|e| ((e.a.min(e.b), e.a.max(e.b)), e.score))
        .collect();
    let work = std::cell::Cell::new(0usize);
    let charge = |steps: usize| work.set(work.get().saturating_add(steps));
    let exhausted = || work.get() > options.max_work;
    let mut sim = |i: usize, j: usize| -> f64 {
        let key = (i.min(j), i.max(j));
        if let Some(s) = known.get(&key) {
            return *s;
        }
        charge(SCORING_STEPS);
        let s = similarity(key.0, key.1);
        known.insert(key, s);
        s
    };

    let above: Vec<Edge> = edges
        .iter()
        .copied()
        .filter(|e| e.score >= options.threshold && e.a < n && e.b < n)
        .filter(|e| source_of[e.a] != source_of[e.b])
        .collect();
    let mut kept = above.clone();
    if options.mutual_best {
        // best[(sentence, other source)] = the best score from that sentence into it.
        let mut best: HashMap<(usize, usize), f64> = HashMap::default();
        for e in &kept {
            for (x, y) in [(e.a, e.b), (e.b, e.a)] {
                let slot = best.entry((x, source_of[y])).or_insert(f64::MIN);
                if e.score > *slot {
                    *slot = e.score;
                }
            }
        }
        kept.retain(|e| {
            let best_a = best
                .get(&(e.a, source_of[e.b]))
                .copied()
                .unwrap_or(f64::MIN);
            let best_b = best
                .get(&(e.b, source_of[e.a]))
                .copied()
                .unwrap_or(f64::MIN);
            e.score >= best_a && e.score >= best_b
        });
    }
    kept.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });

    // Greedy merging. group_of[i] indexes `groups`; empty groups are left behind.
    let mut group_of: Vec<Option<usize>> = vec![None; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut merging_cut = false;
    for e in &kept {
        if exhausted() {
            merging_cut = true;
            break;
        }
        charge(1);
        if group_of[e.a].is_some() && group_of[e.a] == group_of[e.b] {
            continue;
        }
        let members_a = group_of[e.a].map_or_else(|| vec![e.a], |g| groups[g].clone());
        let members_b = group_of[e.b].map_or_else(|| vec![e.b], |g| groups[g].clone());
        charge(members_a.len() + members_b.len());
        if shares_a_source(&members_a, &members_b, source_of) {
            continue;
        }
        let mean = mean_similarity(&members_a, &members_b, &mut sim);
        if mean < options.coherence * options.threshold {
            continue;
        }
        let target = match (group_of[e.a], group_of[e.b]) {
            (Some(g), _) | (None, Some(g)) => g,
            (None, None) => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        // Members of the group that is absorbed leave it as a whole.
        for old in [group_of[e.a], group_of[e.b]].into_iter().flatten() {
            if old != target {
                charge(groups[old].len());
                groups[old].clear();
            }
        }
        for &x in members_a.iter().chain(&members_b) {
            if group_of[x] != Some(target) {
                group_of[x] = Some(target);
                groups[target].push(x);
            }
        }
    }

    // Move pass: a sentence goes where it fits best. Only groups holding one of its
    // neighbours (a pair at or above the threshold) can reach the threshold on average,
    // so only those are tried: the pass stays linear in the number of pairs.
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in &above {
        neighbours[e.a].push(e.b);
        neighbours[e.b].push(e.a);
    }
    let rounds = if merging_cut { 0 } else { options.move_rounds };
    let mut moving_cut = false;
    'rounds: for _ in 0..rounds {
        let mut moved = false;
        for x in 0..n {
            if exhausted() {
                moving_cut = true;
                break 'rounds;
            }
            charge(1 + neighbours[x].len());
            let current = group_of[x];
            let mut targets: Vec<usize> = neighbours[x]
                .iter()
                .filter_map(|&y| group_of[y])
                .filter(|&g| Some(g) != current)
                .collect();
            targets.sort_unstable();
            targets.dedup();
            if targets.is_empty() {
                continue;
            }
            let here = match current {
                Some(g) if groups[g].len() > 1 => {
                    charge(groups[g].len());
                    let others: Vec<usize> =
                        groups[g].iter().copied().filter(|&m| m != x).collect();
                    mean_similarity(&[x], &others, &mut sim)
                }
                _ => f64::MIN,
            };
            let mut best: Option<(usize, f64)> = None;
            for g in targets {
                let members = &groups[g];
                charge(members.len());
                if members.len() < 2 || members.iter().any(|&m| source_of[m] == source_of[x]) {
                    continue;
                }
                let mean = mean_similarity(&[x], members, &mut sim);
                if mean >= options.threshold && mean > here && best.is_none_or(|(_, b)| mean > b) {
                    best = Some((g, mean));
                }
            }
            if let Some((g, _)) = best {
                if let Some(old) = current {
                    charge(groups[old].len());
                    groups[old].retain(|&m| m != x);
                    if groups[old].len() == 1 {
                        let lone = groups[old][0];
                        groups[old].clear();
                        group_of[lone] = None;
                    }
                }
                groups[g].push(x);
                group_of[x] = Some(g);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }

    let mut out: Vec<Vec<usize>> = groups
        .into_iter()
        .filter(|g| match g.as_slice() {
            [a, b] => sim(*a, *b) >= options.threshold + options.pair_margin,
            g => g.len() >= 2,
        })
        .map(|mut g| {
            g.sort_unstable();
            g
        })
        .collect();
    out.sort();
    let fallback = if merging_cut {
        Some(format!(
            "grouping reached its work budget of {} steps: weaker pairs were not merged and \
             no sentence was moved to a better group, so some claims may be split or unmatched",
            options.max_work
        ))
    } else {
        moving_cut.then(|| {
            format!(
                "grouping reached its work budget of {} steps while moving sentences to \
                 better groups: some sentences may sit in a group that fits them less well",
                options.max_work
            )
        })
    };
    Grouping {
        groups: out,
        fallback,
    }
}

/// Whether two member lists hold sentences of the same source: a hash set once the lists
/// are long, so that merging large groups stays linear.
fn shares_a_source(a: &[usize], b: &[usize], source_of: &[usize]) -> bool {
    if a.len().saturating_mul(b.len()) <= 64 {
        return a
            .iter()
            .any(|&x| b.iter().any(|&y| source_of[x] == source_of[y]));
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let sources: std::collections::HashSet<usize> = small.iter().map(|&x| source_of[x]).collect();
    large.iter().any(|&y| sources.contains(&source_of[y]))
}

/// How many members of each side [`mean_similarity`] looks at: bounds the work of one
/// merge or move when groups grow large (hundreds of sources).
const SAMPLE: usize = 8;

/// Mean similarity across two member lists, over at most [`SAMPLE`] members of each (the
/// earliest joined, which the later ones were checked against).
fn mean_similarity(a: &[usize], b: &[usize], sim: &mut impl FnMut(usize, usize) -> f64) -> f64 {
    let (a, b) = (&a[..a.len().min(SAMPLE)], &b[..b.len().min(SAMPLE)]);
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut total = 0.0;
    for &x in a {
        for &y in b {
            total += sim(x, y);
        }
    }
    total / (a.len() * b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(a: usize, b: usize, score: f64) -> Edge {
        Edge { a, b, score }
    }

    #[test]
    fn a_group_never_holds_two_sentences_of_one_source() {
        // Sentences 0 and 1 are from source 0; both match sentence 2 of source 1.
        let sources = [0, 0, 1];
        let edges = [edge(0, 2, 0.9), edge(1, 2, 0.8)];
        let options = GroupOptions {
            mutual_best: false,
            ..GroupOptions::default()
        };
        let groups = group(&sources, &edges, &options, |_, _| 0.9);
        assert_eq!(groups, vec![vec![0, 2]]);
    }

    #[test]
    fn only_mutual_best_matches_pair_up() {
        // 0 (source 0) likes 2 best; 1 (source 0) also likes 2, less.
        let sources = [0, 0, 1];
        let edges = [edge(0, 2, 0.9), edge(1, 2, 0.7)];
        let groups = group(&sources, &edges, &GroupOptions::default(), |_, _| 0.0);
        assert_eq!(groups, vec![vec![0, 2]]);
    }

    #[test]
    fn incoherent_groups_are_not_merged() {
        // 0–1 and 1–2 match, but 0 and 2 are unrelated: the chain must not become one group.
        let sources = [0, 1, 2];
        let edges = [edge(0, 1, 0.9), edge(1, 2, 0.6)];
        let groups = group(&sources, &edges, &GroupOptions::default(), |_, _| 0.0);
        assert_eq!(groups, vec![vec![0, 1]]);
    }

    #[test]
    fn a_lone_pair_needs_the_margin_above_the_threshold() {
        let sources = [0, 1];
        let options = GroupOptions {
            pair_margin: 0.05,
            ..GroupOptions::default()
        };
        let weak = group(&sources, &[edge(0, 1, 0.52)], &options, |_, _| 0.52);
        assert!(weak.is_empty());
        let strong = group(&sources, &[edge(0, 1, 0.56)], &options, |_, _| 0.56);
        assert_eq!(strong, vec![vec![0, 1]]);
    }

    #[test]
    fn a_spent_work_budget_keeps_valid_groups_and_says_so() {
        // Six sources telling one claim; the budget allows the first merges only.
        let sources: Vec<usize> = (0..6).collect();
        let mut edges = Vec::new();
        for a in 0..6 {
            for b in a + 1..6 {
                edges.push(edge(a, b, 0.9 - 0.01 * (a + b) as f64));
            }
        }
        let options = GroupOptions {
            mutual_best: false,
            max_work: 10,
            ..GroupOptions::default()
        };
        let cut = group_within_budget(&sources, &edges, &options, |_, _| 0.9);
        let note = cut.fallback.expect("the budget note");
        assert!(note.contains("work budget of 10 steps"), "{note}");
        assert!(!cut.groups.is_empty());
        for g in &cut.groups {
            assert!(g.len() >= 2 && g.len() < 6, "{g:?}");
        }
        let full = group_within_budget(&sources, &edges, &GroupOptions::default(), |_, _| 0.9);
        assert_eq!(full.fallback, None);
        assert_eq!(full.groups, vec![(0..6).collect::<Vec<_>>()]);
    }

    #[test]
    fn merging_large_groups_checks_sources_across_both() {
        // Sentences 0..20 are of sources 0..20, 20..40 of sources 7..27, 40..60 of 100..120.
        let source_of: Vec<usize> = (0..20).chain(7..27).chain(100..120).collect();
        let first: Vec<usize> = (0..20).collect();
        let overlapping: Vec<usize> = (20..40).collect();
        let apart: Vec<usize> = (40..60).collect();
        assert!(shares_a_source(&first, &overlapping, &source_of));
        assert!(!shares_a_source(&first, &apart, &source_of));
        assert!(shares_a_source(&[7], &overlapping, &source_of));
        assert!(!shares_a_source(&[3], &apart, &source_of));
    }

    #[test]
    fn three_sources_agreeing_form_one_group() {
        let sources = [0, 1, 2];
        let edges = [edge(0, 1, 0.9), edge(1, 2, 0.8), edge(0, 2, 0.7)];
        let groups = group(&sources, &edges, &GroupOptions::default(), |_, _| 0.0);
        assert_eq!(groups, vec![vec![0, 1, 2]]);
    }
}
