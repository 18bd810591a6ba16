//! The word diff: an edit script from the pivot's tokens to a member's tokens.
//!
//! 1. **Diff.** `similar`'s Patience algorithm over token keys (see [`super::tokens::key`]),
//!    its steps run here around `similar`'s Myers (`patience_ops`) so that key numbers
//!    need no hash maps. Patience anchors on words that occur once in both sentences, which
//!    suits prose: repeated `the`/`,` do not pull the alignment astray.
//! 2. **Moves.** A run of pivot tokens that the diff deletes and a run of member tokens it
//!    inserts elsewhere, with the same keys, is a moved phrase when it has weight (two
//!    content words, or three tokens with one; a lone content word only when the sentences
//!    are close): both halves are split out and carry one move id.
//! 3. **Semantic clean-up.** As diff-match-patch's `cleanupSemantic`: a short equal island
//!    of function words and punctuation (at most [`Budget::island_tokens`] tokens, and no
//!    longer in characters than the changes on either side of it) between two changes is
//!    folded into one replacement, so a reworded phrase reads as one change, not five.
//!    Islands with a content word stay as anchors.
//!
//! **Budget.** A sentence over [`Budget::max_tokens`] tokens is not diffed token by token:
//! the common start and end are kept and the middle becomes one replacement, and the
//! result says so in its `fallback` note. The cap is on work, not on time: Myers' worst
//! case on two capped sentences is (1,500 + 1,500)² ≈ 9 M steps, so no clock is needed, and
//! the same input gives the same diff however busy the machine is (a wall-clock deadline
//! made reports and worksheets change under load). [`Budget::deadline`] is still there for
//! a caller who prefers speed to reproducibility. Every script replays (see [`replay`]).

use std::ops::Range;
use std::time::{Duration, Instant};

use similar::algorithms::{myers, Capture, Compact, DiffHook, NoFinishHook, Replace};
use similar::{Algorithm, DiffTag};

use crate::model::{Edit, EditKind};

/// Limits on the work of one diff.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    /// Wall-clock limit for the token diff of one pair of sentences; `None` (the default)
    /// keeps diffs reproducible, the token caps below bounding the work instead.
    pub deadline: Option<Duration>,
    /// Sentences longer than this (in tokens) get the coarse diff.
    pub max_tokens: usize,
    /// Longest equal island (in tokens) that clean-up may fold into a replacement.
    pub island_tokens: usize,
    /// Move detection is skipped when the two sentences together have more tokens.
    pub move_tokens: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            deadline: None,
            max_tokens: 1500,
            island_tokens: 3,
            move_tokens: 400,
        }
    }
}

/// An edit script and, when the budget forced a coarser diff, why.
#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    /// The edits, in order.
    pub edits: Vec<Edit>,
    /// What fallback was used, if any.
    pub fallback: Option<String>,
}

/// Diffs two key sequences. `is_content` says which keys are content words (moves need
/// one; function words and punctuation alone do not make a move).
pub fn edit_script(
    pivot: &[String],
    member: &[String],
    is_content: &dyn Fn(&str) -> bool,
    budget: &Budget,
) -> Script {
    let mut numbers = KeyNumbers::default();
    let pivot_ids = numbers.number_all(pivot);
    let member_ids = numbers.number_all(member);
    let pivot_content: Vec<bool> = pivot.iter().map(|k| is_content(k)).collect();
    let member_content: Vec<bool> = member.iter().map(|k| is_content(k)).collect();
    edit_script_of(
        Keyed {
            keys: pivot,
            ids: &pivot_ids,
            content: &pivot_content,
        },
        Keyed {
            keys: member,
            ids: &member_ids,
            content: &member_content,
        },
        budget,
    )
}

/// One side of a diff as the diff reads it: each token's key, the key's number (equal
/// keys, equal numbers, on both sides) and whether it is a content word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Keyed<'a> {
    /// Token keys ([`super::tokens::key`]).
    pub keys: &'a [String],
    /// Each key's number in one [`KeyNumbers`] shared by both sides.
    pub ids: &'a [u32],
    /// Whether each key is a content word.
    pub content: &'a [bool],
}

/// Numbers for token keys, so that the diff and the longest common runs compare
/// integers; equal keys get equal numbers.
#[derive(Clone, Debug, Default)]
pub(crate) struct KeyNumbers {
    numbers: rustc_hash::FxHashMap<String, u32>,
}

impl KeyNumbers {
    /// Numbers with room for `keys` distinct keys before the table grows.
    pub(crate) fn with_capacity(keys: usize) -> KeyNumbers {
        KeyNumbers {
            numbers: rustc_hash::FxHashMap::with_capacity_and_hasher(keys, Default::default()),
        }
    }

    /// The number of `key`, given on first sight.
    pub(crate) fn number(&mut self, key: &str) -> u32 {
        if let Some(&n) = self.numbers.get(key) {
            return n;
        }
        let n = self.numbers.len() as u32;
        self.numbers.insert(key.to_string(), n);
        n
    }

    /// The numbers of `keys`, in order.
    pub(crate) fn number_all(&mut self, keys: &[String]) -> Vec<u32> {
        keys.iter().map(|k| self.number(k)).collect()
    }

    /// How many distinct keys have a number (numbers are below this).
    pub(crate) fn len(&self) -> usize {
        self.numbers.len()
    }
}

/// [`edit_script`] over sides whose keys are already numbered and classified.
pub(crate) fn edit_script_of(pivot: Keyed, member: Keyed, budget: &Budget) -> Script {
    let (pivot_ids, member_ids) = (pivot.ids, member.ids);
    if pivot_ids.len() > budget.max_tokens || member_ids.len() > budget.max_tokens {
        return Script {
            edits: coarse(pivot_ids, member_ids),
            fallback: Some(format!(
                "a sentence has more than {} tokens: diffed as one replacement between the \
                 common start and end",
                budget.max_tokens
            )),
        };
    }
    // A sentence copied word for word is one equal run, as the full path below finds it
    // (a test checks), without hashing its words.
    if pivot_ids == member_ids && budget.deadline.is_none() {
        let n = pivot_ids.len();
        let edits = if n == 0 {
            Vec::new()
        } else {
            vec![edit(0..n, 0..n)]
        };
        let fallback = (2 * n > budget.move_tokens).then(|| {
            format!(
                "moves are not looked for in sentences of more than {} tokens together",
                budget.move_tokens
            )
        });
        return Script { edits, fallback };
    }
    full_script(pivot, member, budget)
}

/// [`edit_script_of`] without the shortcut for equal sides.
fn full_script(pivot: Keyed, member: Keyed, budget: &Budget) -> Script {
    let (pivot_ids, member_ids) = (pivot.ids, member.ids);
    let started = Instant::now();
    let deadline = budget.deadline.map(|d| started + d);
    // Patience can hand back ops that do not chain on some inputs with many repeats;
    // Myers then, and the coarse diff as the last resort, keep the script valid.
    let mut edits = [Algorithm::Patience, Algorithm::Myers]
        .into_iter()
        .find_map(|alg| {
            let ops = match (alg, deadline) {
                (Algorithm::Patience, None) => patience_ops(pivot_ids, member_ids),
                _ => similar::capture_diff_slices_deadline(alg, pivot_ids, member_ids, deadline),
            };
            chain(&ops, pivot_ids, member_ids)
        })
        .unwrap_or_else(|| coarse(pivot_ids, member_ids));
    let fallback = budget
        .deadline
        .filter(|&d| started.elapsed() >= d)
        .map(|d| {
            format!(
                "the word diff ran out of its {} ms budget: it is correct but may show more \
                 changes than needed",
                d.as_millis()
            )
        });
    let fallback = if pivot_ids.len() + member_ids.len() > budget.move_tokens {
        Some(fallback.map_or_else(
            || {
                format!(
                    "moves are not looked for in sentences of more than {} tokens together",
                    budget.move_tokens
                )
            },
            |f| format!("{f}; moves were not looked for"),
        ))
    } else {
        find_moves(&mut edits, pivot, member);
        fallback
    };
    cleanup_semantic(&mut edits, pivot, member, budget.island_tokens);
    Script { edits, fallback }
}

/// The ops of `similar`'s Patience diff of two key-number sequences, as
/// `capture_diff_slices(Algorithm::Patience, …)` gives them, found without its hash maps:
/// key numbers are small integers, so the keys that occur once are found by sorting.
///
/// The algorithm is `similar`'s: Myers' diff of the two sequences of keys that occur once
/// in their sentence; at each pair of equal such keys, the equal run before it is taken
/// and the stretch between it and the previous anchor is diffed by Myers; after the last,
/// the rest is. A test checks the ops are the same as `similar`'s.
fn patience_ops(pivot: &[u32], member: &[u32]) -> Vec<similar::DiffOp> {
    let mut hook = Compact::new(Replace::new(Capture::new()), pivot, member);
    let (pivot_once, member_once) = (occurring_once(pivot), occurring_once(member));
    let values = |s: &[u32], at: &[usize]| -> Vec<u32> { at.iter().map(|&i| s[i]).collect() };
    let (pivot_keys, member_keys) = (values(pivot, &pivot_once), values(member, &member_once));
    let mut anchored = Replace::new(Anchored {
        hook: &mut hook,
        pivot,
        member,
        pivot_once: &pivot_once,
        member_once: &member_once,
        pivot_at: 0,
        member_at: 0,
    });
    // The hooks here cannot fail (`Capture`'s error type has no values).
    let _ = myers::diff(
        &mut anchored,
        &pivot_keys,
        0..pivot_keys.len(),
        &member_keys,
        0..member_keys.len(),
    );
    hook.into_inner().into_inner().into_ops()
}

/// Positions of the items of `s` that occur once in it, ascending.
fn occurring_once(s: &[u32]) -> Vec<usize> {
    let Ok(len) = u32::try_from(s.len()) else {
        return occurring_once_by_pairs(s);
    };
    // Each item and its position in one integer, sorted by item: the runs of one item.
    let mut keyed: Vec<u64> = s
        .iter()
        .zip(0..len)
        .map(|(&item, at)| u64::from(item) << 32 | u64::from(at))
        .collect();
    keyed.sort_unstable();
    let mut once = vec![false; s.len()];
    for run in keyed.chunk_by(|a, b| a >> 32 == b >> 32) {
        if let [only] = run {
            if let Some(flag) = once.get_mut((only & 0xffff_ffff) as usize) {
                *flag = true;
            }
        }
    }
    (0..s.len()).filter(|&at| once[at]).collect()
}

/// [`occurring_once`] of a slice too long for its positions to fit 32 bits.
fn occurring_once_by_pairs(s: &[u32]) -> Vec<usize> {
    let mut by_value: Vec<(u32, usize)> = s.iter().copied().zip(0..).collect();
    by_value.sort_unstable();
    let mut once: Vec<usize> = by_value
        .chunk_by(|a, b| a.0 == b.0)
        .filter_map(|run| match run {
            [(_, at)] => Some(*at),
            _ => None,
        })
        .collect();
    once.sort_unstable();
    once
}

/// The hook that turns the diff of the keys occurring once into the diff of the
/// sentences ([`patience_ops`]).
struct Anchored<'a, D> {
    hook: &'a mut D,
    pivot: &'a [u32],
    member: &'a [u32],
    pivot_once: &'a [usize],
    member_once: &'a [usize],
    /// How far each sentence is diffed.
    pivot_at: usize,
    member_at: usize,
}

impl<D: DiffHook> DiffHook for Anchored<'_, D> {
    type Error = D::Error;

    fn equal(&mut self, pivot: usize, member: usize, len: usize) -> Result<(), D::Error> {
        for (p, m) in (pivot..pivot + len).zip(member..member + len) {
            let (p_anchor, m_anchor) = (self.pivot_once[p], self.member_once[m]);
            let (p0, m0) = (self.pivot_at, self.member_at);
            while self.pivot_at < p_anchor
                && self.member_at < m_anchor
                && self.member[self.member_at] == self.pivot[self.pivot_at]
            {
                self.pivot_at += 1;
                self.member_at += 1;
            }
            if self.pivot_at > p0 {
                self.hook.equal(p0, m0, self.pivot_at - p0)?;
            }
            myers::diff(
                &mut NoFinishHook::new(&mut *self.hook),
                self.pivot,
                self.pivot_at..p_anchor,
                self.member,
                self.member_at..m_anchor,
            )?;
            (self.pivot_at, self.member_at) = (p_anchor, m_anchor);
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), D::Error> {
        myers::diff(
            &mut *self.hook,
            self.pivot,
            self.pivot_at..self.pivot.len(),
            self.member,
            self.member_at..self.member.len(),
        )
    }
}

/// `similar`'s ops as edits, or `None` when they do not chain from start to end.
fn chain(ops: &[similar::DiffOp], pivot: &[u32], member: &[u32]) -> Option<Vec<Edit>> {
    let mut edits = Vec::new();
    let (mut p, mut m) = (0, 0);
    for op in ops {
        let (tag, pr, mr) = op.as_tag_tuple();
        if pr.start != p || mr.start != m {
            return None;
        }
        match tag {
            DiffTag::Equal => {
                if pivot.get(pr.clone())? != member.get(mr.clone())? {
                    return None;
                }
                edits.push(edit(pr.clone(), mr.clone()));
            }
            _ => push_change(&mut edits, pr.clone(), mr.clone()),
        }
        (p, m) = (pr.end, mr.end);
    }
    (p == pivot.len() && m == member.len()).then_some(edits)
}

/// An edit for the given ranges; its kind follows from which sides are empty, except
/// that two non-empty ranges passed here are equal.
fn edit(pivot: Range<usize>, member: Range<usize>) -> Edit {
    Edit {
        kind: EditKind::Equal,
        pivot,
        member,
        moved: None,
    }
}

fn change(pivot: Range<usize>, member: Range<usize>, moved: Option<usize>) -> Edit {
    let kind = match (pivot.is_empty(), member.is_empty()) {
        (false, true) => EditKind::Delete,
        (true, false) => EditKind::Insert,
        _ => EditKind::Replace,
    };
    Edit {
        kind,
        pivot,
        member,
        moved,
    }
}

/// Appends a change, merging it into a preceding unmoved change.
fn push_change(edits: &mut Vec<Edit>, p: Range<usize>, m: Range<usize>) {
    if p.is_empty() && m.is_empty() {
        return;
    }
    if let Some(last) = edits.last_mut() {
        if last.kind != EditKind::Equal && last.moved.is_none() {
            *last = change(last.pivot.start..p.end, last.member.start..m.end, None);
            return;
        }
    }
    edits.push(change(p, m, None));
}

/// Common start and end kept, the rest one replacement.
fn coarse(pivot: &[u32], member: &[u32]) -> Vec<Edit> {
    let prefix = pivot.iter().zip(member).take_while(|(a, b)| a == b).count();
    let suffix = pivot[prefix..]
        .iter()
        .rev()
        .zip(member[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut edits = Vec::new();
    if prefix > 0 {
        edits.push(edit(0..prefix, 0..prefix));
    }
    let (pe, me) = (pivot.len() - suffix, member.len() - suffix);
    push_change(&mut edits, prefix..pe, prefix..me);
    if suffix > 0 {
        edits.push(edit(pe..pivot.len(), me..member.len()));
    }
    edits
}

/// The most cells (tokens × tokens) [`longest_common_run`] examines: its table grows with
/// the product of the lengths, and beyond this (two sentences of some 3,000 tokens) it
/// reports no common run rather than stall the whole comparison.
pub(crate) const MAX_RUN_CELLS: usize = 10_000_000;

/// Longest common run of `a[ra]` and `b[rb]`: (start in a, start in b, length), the
/// first found (by `a`, then `b`) among the longest. Length 0 when there is none, or when
/// the ranges are too long to search (see [`MAX_RUN_CELLS`]). Callers pass key numbers
/// ([`KeyNumbers`]), so that each cell compares two integers.
pub(crate) fn longest_common_run<T: PartialEq>(
    a: &[T],
    ra: Range<usize>,
    b: &[T],
    rb: Range<usize>,
) -> (usize, usize, usize) {
    let (la, lb) = (ra.len(), rb.len());
    let mut best = (ra.start, rb.start, 0);
    if la.saturating_mul(lb) > MAX_RUN_CELLS {
        return best;
    }
    let (Some(sa), Some(sb)) = (a.get(ra.clone()), b.get(rb.clone())) else {
        return best;
    };
    // Copied sentences are common (wire copy): the whole is the one longest run.
    if sa == sb {
        return (ra.start, rb.start, la);
    }
    // One row of the table: the run ending at the previous word of `a` and each word of
    // `b`, updated in place from the right so that `row[j]` still holds the previous
    // row's value when `row[j + 1]` is computed.
    let mut row = vec![0usize; lb + 1];
    for (i, x) in sa.iter().enumerate() {
        // The row's longest run and the smallest `j` where it ends: ties go to the first
        // row that reaches a length, and in it to the smallest `j`.
        let (mut longest, mut at) = (0, 0);
        for (j, y) in sb.iter().enumerate().rev() {
            let run = if x == y { row[j] + 1 } else { 0 };
            row[j + 1] = run;
            if run >= longest {
                (longest, at) = (run, j);
            }
        }
        if longest > best.2 {
            best = (
                ra.start + i + 1 - longest,
                rb.start + at + 1 - longest,
                longest,
            );
        }
    }
    best
}

/// [`longest_common_run`] of the whole of `a` and `b` when it is at least `n` items long,
/// else `None` (also when the slices are too long to search, as there). Found from the
/// windows of `n` the two share, each run measured once from its first window, rather
/// than from the whole table: most pairs share a few short runs.
pub(crate) fn longest_common_run_of_at_least(
    a: &[u32],
    b: &[u32],
    n: usize,
) -> Option<(usize, usize, usize)> {
    if a.len().saturating_mul(b.len()) > MAX_RUN_CELLS {
        return None;
    }
    if n == 0 {
        return Some(longest_common_run(a, 0..a.len(), b, 0..b.len()));
    }
    if a.len() < n || b.len() < n {
        return None;
    }
    if a == b {
        return Some((0, 0, a.len()));
    }
    let mut in_b = window_hashes(b, n);
    // By hash, then by start in `b`.
    in_b.sort_unstable();
    let mut best: Option<(usize, usize, usize)> = None;
    for (h, i) in window_hashes(a, n) {
        let first = in_b.partition_point(|&(x, _)| x < h);
        for &(_, j) in in_b[first..].iter().take_while(|&&(x, _)| x == h) {
            let starts_run = i == 0 || j == 0 || a[i - 1] != b[j - 1];
            if !starts_run || a[i..i + n] != b[j..j + n] {
                continue;
            }
            let len = n + a[i + n..]
                .iter()
                .zip(&b[j + n..])
                .take_while(|(x, y)| x == y)
                .count();
            // Runs come by start in `a`, then in `b`: the first of the longest is kept, as
            // the table keeps it (all longest runs are whole runs, found here).
            if best.is_none_or(|(_, _, longest)| len > longest) {
                best = Some((i, j, len));
            }
        }
    }
    best
}

/// Polynomial hashes of every window of `n` (at least 1) items of `s` (at least `n`
/// long), rolled along it, with each window's start.
fn window_hashes(s: &[u32], n: usize) -> Vec<(u64, usize)> {
    const BASE: u64 = 0x9E37_79B9_7F4A_7C15;
    let top = (1..n).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut h = s[..n].iter().fold(0u64, |h, &x| {
        h.wrapping_mul(BASE).wrapping_add(u64::from(x) + 1)
    });
    let mut out = Vec::with_capacity(s.len() - n + 1);
    out.push((h, 0));
    for start in 1..=s.len() - n {
        let (gone, new) = (s[start - 1], s[start + n - 1]);
        h = h
            .wrapping_sub((u64::from(gone) + 1).wrapping_mul(top))
            .wrapping_mul(BASE)
            .wrapping_add(u64::from(new) + 1);
        out.push((h, start));
    }
    out
}

/// Splits the longest common runs of deleted and inserted tokens out as move pairs. A
/// single content word moves only when the sentences are close (half their tokens equal).
fn find_moves(edits: &mut Vec<Edit>, pivot: Keyed, member: Keyed) {
    let equal: usize = edits
        .iter()
        .filter(|e| e.kind == EditKind::Equal)
        .map(|e| e.pivot.len())
        .sum();
    let close = 2 * equal >= (pivot.ids.len() + member.ids.len()) / 2;
    let mut next_id = 0;
    // Each round splits out one move; the cap bounds the work on pathological input.
    for _ in 0..64 {
        let mut best: Option<(usize, usize, usize, usize, usize)> = None;
        for (di, d) in edits.iter().enumerate() {
            if d.moved.is_some() || d.pivot.is_empty() || d.kind == EditKind::Equal {
                continue;
            }
            for (ii, ins) in edits.iter().enumerate() {
                if ii == di
                    || ins.moved.is_some()
                    || ins.member.is_empty()
                    || ins.kind == EditKind::Equal
                {
                    continue;
                }
                let (ps, ms, len) =
                    longest_common_run(pivot.ids, d.pivot.clone(), member.ids, ins.member.clone());
                let content = pivot
                    .content
                    .get(ps..ps + len)
                    .map_or(0, |c| c.iter().filter(|c| **c).count());
                // In sentences worded apart, a shared word here and there is no move; a
                // phrase of some weight still is.
                let weighty = content >= 2 || (len >= 3 && content >= 1) || (close && content >= 1);
                if weighty && best.is_none_or(|b| len > b.4) {
                    best = Some((di, ii, ps, ms, len));
                }
            }
        }
        let Some((di, ii, ps, ms, len)) = best else {
            return;
        };
        let id = next_id;
        next_id += 1;
        // Split the later edit first so that the earlier index stays valid.
        let (first, second) = if di < ii { (di, ii) } else { (ii, di) };
        for at in [second, first] {
            let e = edits[at].clone();
            let pieces = if at == di {
                let mid = ps..ps + len;
                vec![
                    change(e.pivot.start..mid.start, e.member.clone(), None),
                    change(mid.clone(), e.member.end..e.member.end, Some(id)),
                    change(mid.end..e.pivot.end, e.member.end..e.member.end, None),
                ]
            } else {
                let mid = ms..ms + len;
                vec![
                    change(e.pivot.clone(), e.member.start..mid.start, None),
                    change(e.pivot.end..e.pivot.end, mid.clone(), Some(id)),
                    change(e.pivot.end..e.pivot.end, mid.end..e.member.end, None),
                ]
            };
            let pieces: Vec<Edit> = pieces
                .into_iter()
                .filter(|p| !(p.pivot.is_empty() && p.member.is_empty()))
                .collect();
            edits.splice(at..at + 1, pieces);
        }
    }
}

/// Folds short equal islands of function words and punctuation between unmoved changes
/// into one replacement. An island with a content word (`Islamic State`) stays: it is
/// what the reader anchors the two sentences on.
fn cleanup_semantic(edits: &mut Vec<Edit>, pivot: Keyed, member: Keyed, island: usize) {
    let chars = |keys: &[String], r: &Range<usize>| -> usize {
        keys.get(r.clone())
            .map_or(0, |ks| ks.iter().map(|k| k.chars().count()).sum())
    };
    let side_chars = |e: &Edit| chars(pivot.keys, &e.pivot).max(chars(member.keys, &e.member));
    loop {
        let mut changed = false;
        let mut i = 1;
        while i + 1 < edits.len() {
            let (before, eq, after) = (&edits[i - 1], &edits[i], &edits[i + 1]);
            let foldable = eq.kind == EditKind::Equal
                && before.kind != EditKind::Equal
                && after.kind != EditKind::Equal
                && before.moved.is_none()
                && after.moved.is_none()
                && eq.pivot.len() <= island
                && !pivot
                    .content
                    .get(eq.pivot.clone())
                    .is_some_and(|c| c.iter().any(|c| *c))
                && chars(pivot.keys, &eq.pivot) <= side_chars(before).min(side_chars(after));
            if foldable {
                let merged = change(
                    before.pivot.start..after.pivot.end,
                    before.member.start..after.member.end,
                    None,
                );
                edits.splice(i - 1..i + 2, [merged]);
                changed = true;
            } else {
                i += 1;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Applies an edit script: `Equal` copies the pivot's items, `Insert` and `Replace` take
/// the member's. `None` when the script does not chain (ranges out of order or out of
/// bounds, or an `Equal` whose two sides differ).
pub fn replay<T: Clone + PartialEq>(edits: &[Edit], pivot: &[T], member: &[T]) -> Option<Vec<T>> {
    let (mut p, mut m) = (0, 0);
    let mut out = Vec::with_capacity(member.len());
    for e in edits {
        if e.pivot.start != p || e.member.start != m {
            return None;
        }
        match e.kind {
            EditKind::Equal => {
                let from_pivot = pivot.get(e.pivot.clone())?;
                if from_pivot != member.get(e.member.clone())? {
                    return None;
                }
                out.extend_from_slice(from_pivot);
            }
            EditKind::Delete => {
                if !e.member.is_empty() {
                    return None;
                }
            }
            EditKind::Insert | EditKind::Replace => {
                out.extend_from_slice(member.get(e.member.clone())?);
            }
        }
        p = e.pivot.end;
        m = e.member.end;
    }
    (p == pivot.len() && m == member.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The longest common run as a plain table over the strings, first found on ties.
    fn plain_longest_common_run(a: &[String], b: &[String]) -> (usize, usize, usize) {
        let mut best = (0, 0, 0);
        let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in 0..a.len() {
            for j in 0..b.len() {
                if a[i] == b[j] {
                    table[i + 1][j + 1] = table[i][j] + 1;
                    if table[i + 1][j + 1] > best.2 {
                        let run = table[i + 1][j + 1];
                        best = (i + 1 - run, j + 1 - run, run);
                    }
                }
            }
        }
        best
    }

    proptest! {
        #[test]
        fn longest_common_run_is_the_first_longest(
            a in proptest::collection::vec("[abc]", 0..12),
            b in proptest::collection::vec("[abc]", 0..12),
        ) {
            prop_assert_eq!(
                longest_common_run(&a, 0..a.len(), &b, 0..b.len()),
                plain_longest_common_run(&a, &b)
            );
        }
    }

    fn keys(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    fn content(k: &str) -> bool {
        k.len() > 3
    }

    proptest! {
        #[test]
        fn a_common_run_of_n_is_found_when_the_longest_is_that_long(
            a in proptest::collection::vec(0u32..4, 0..40),
            b in proptest::collection::vec(0u32..4, 0..40),
            n in 0usize..8,
        ) {
            let longest = longest_common_run(&a, 0..a.len(), &b, 0..b.len()).2;
            prop_assert_eq!(longest_common_run_of_at_least(&a, &b, n).is_some(), longest >= n);
        }

        #[test]
        fn patience_ops_are_similars(
            (a, b) in prop_oneof![Just(12u32), Just(60u32)].prop_flat_map(|words| (
                proptest::collection::vec(0..words, 0..60),
                proptest::collection::vec(0..words, 0..60),
            )),
        ) {
            // Few distinct words (many repeats) and many (most words occur once).
            prop_assert_eq!(
                patience_ops(&a, &b),
                similar::capture_diff_slices(Algorithm::Patience, &a, &b)
            );
        }

        #[test]
        fn items_occurring_once_are_found_by_either_way(
            s in proptest::collection::vec(0u32..30, 0..80),
        ) {
            prop_assert_eq!(occurring_once(&s), occurring_once_by_pairs(&s));
        }

        #[test]
        fn a_run_of_at_least_n_is_the_first_longest_run_when_that_long(
            a in proptest::collection::vec(0u32..3, 0..40),
            b in proptest::collection::vec(0u32..3, 0..40),
            n in 0usize..8,
        ) {
            let longest = longest_common_run(&a, 0..a.len(), &b, 0..b.len());
            let expected = (n == 0 || longest.2 >= n).then_some(longest);
            prop_assert_eq!(longest_common_run_of_at_least(&a, &b, n), expected);
        }

        #[test]
        fn copied_sentence_is_one_equal_run_as_the_full_diff_finds(
            a in proptest::collection::vec("[a-e]{1,5}|,|the", 0..300),
        ) {
            let mut numbers = KeyNumbers::default();
            let ids = numbers.number_all(&a);
            let flags: Vec<bool> = a.iter().map(|k| content(k)).collect();
            let side = Keyed { keys: &a, ids: &ids, content: &flags };
            let budget = Budget::default();
            prop_assert_eq!(
                edit_script_of(side, side, &budget),
                full_script(side, side, &budget)
            );
            prop_assert_eq!(
                longest_common_run(&ids, 0..ids.len(), &ids, 0..ids.len()),
                plain_longest_common_run(&a, &a)
            );
        }
    }

    fn script(a: &str, b: &str) -> Script {
        edit_script(&keys(a), &keys(b), &content, &Budget::default())
    }

    #[test]
    fn reworded_phrase_is_one_change() {
        let s = script(
            "Russia brokered the ceasefire on Monday",
            "Russia announced the truce on Monday",
        );
        let changes: Vec<&Edit> = s
            .edits
            .iter()
            .filter(|e| e.kind != EditKind::Equal)
            .collect();
        assert_eq!(changes.len(), 1, "{:?}", s.edits);
    }

    #[test]
    fn moved_phrase_is_reported_as_a_move() {
        let a = keys("Russia and the United States pledged Tuesday joint efforts");
        let b = keys("Russia and the United States pledged joint efforts on Tuesday");
        let s = edit_script(&a, &b, &content, &Budget::default());
        let moved: Vec<&Edit> = s.edits.iter().filter(|e| e.moved.is_some()).collect();
        assert_eq!(moved.len(), 2, "{:?}", s.edits);
        assert_eq!(moved[0].moved, moved[1].moved);
        assert_eq!(replay(&s.edits, &a, &b), Some(b));
    }

    #[test]
    fn long_sentences_fall_back_and_say_so() {
        let budget = Budget {
            max_tokens: 3,
            ..Budget::default()
        };
        let a = keys("a b c d e");
        let b = keys("a x y e");
        let s = edit_script(&a, &b, &content, &budget);
        assert!(s.fallback.is_some());
        assert_eq!(replay(&s.edits, &a, &b), Some(b));
        assert_eq!(s.edits.len(), 3);
    }

    /// The worst case under the token cap (nothing in common, every token repeated so
    /// Patience has no anchors) is diffed in full; the only note is that moves were not
    /// looked for: the cap bounds the work, so no clock decides the output.
    #[test]
    fn worst_case_at_the_token_cap_is_diffed_in_full() {
        let cap = Budget::default().max_tokens;
        let a: Vec<String> = (0..cap).map(|i| format!("a{}", i % 7)).collect();
        let b: Vec<String> = (0..cap).map(|i| format!("b{}", i % 5)).collect();
        let s = edit_script(&a, &b, &content, &Budget::default());
        assert_eq!(
            s.fallback.as_deref(),
            Some("moves are not looked for in sentences of more than 400 tokens together")
        );
        assert_eq!(replay(&s.edits, &a, &b), Some(b));
    }

    #[test]
    fn replay_rejects_a_broken_script() {
        let a = keys("a b");
        let bad = vec![edit(0..1, 0..1)];
        assert_eq!(replay(&bad, &a, &a), None);
    }

    /// `similar`'s Patience diff returned ops that do not chain for this input (found by
    /// proptest); the script must still replay.
    #[test]
    fn patience_ops_that_do_not_chain_fall_back_to_a_valid_script() {
        let a: Vec<String> = ", , , , , the c c , the , , ba b a , , e a a e c c c"
            .split(' ')
            .map(String::from)
            .collect();
        let b: Vec<String> = "a c c c a a c c c the the c a the the the , a the the , , the , , b"
            .split(' ')
            .map(String::from)
            .collect();
        let s = edit_script(&a, &b, &content, &Budget::default());
        assert_eq!(replay(&s.edits, &a, &b), Some(b));
    }

    proptest! {
        #[test]
        fn any_script_replays_to_the_member(
            a in proptest::collection::vec("[a-e]{1,5}|,|the", 0..40),
            b in proptest::collection::vec("[a-e]{1,5}|,|the", 0..40),
        ) {
            let s = edit_script(&a, &b, &content, &Budget::default());
            prop_assert_eq!(replay(&s.edits, &a, &b), Some(b.clone()));
            // Moves come in pairs.
            let mut ids: Vec<usize> = s.edits.iter().filter_map(|e| e.moved).collect();
            ids.sort_unstable();
            for pair in ids.chunks(2) {
                prop_assert_eq!(pair.len(), 2);
                prop_assert_eq!(pair[0], pair[1]);
            }
        }
    }
}
