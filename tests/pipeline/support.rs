//! Shared helpers: the seeds gold, sources built from it, and the scorer of
//! `shared/tools/score.py` ported to Rust so that tests compute the same figures.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use claimdiff::model::{OutletFrom, Sentence, SentenceRef, Source};
use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Path of a seed file.
pub fn seed_path(name: &str) -> PathBuf {
    root().join("seeds").join(name)
}

/// The five seed file names, sorted.
pub fn seed_names() -> Vec<String> {
    let mut names: Vec<String> = gold()["sources"]
        .as_object()
        .expect("gold sources")
        .keys()
        .cloned()
        .collect();
    names.sort();
    names
}

/// Every seed path, sorted, as the CLI would be given them.
pub fn seed_paths() -> Vec<PathBuf> {
    seed_names().iter().map(|n| seed_path(n)).collect()
}

/// The hand-made gold for the seeds.
pub fn gold() -> Value {
    let text = std::fs::read_to_string(root().join("fixtures/seeds.gold.json")).expect("gold");
    serde_json::from_str(&text).expect("gold parses")
}

fn file_name(path: &str) -> &str {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

/// Sources whose sentences are exactly the gold's body sentences: lets later stages be
/// tested independently of cleaning and segmentation.
pub fn gold_sources() -> Vec<Source> {
    let gold = gold();
    seed_names()
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let text = std::fs::read_to_string(seed_path(name)).expect("seed");
            let mut from = 0;
            let sentences = gold["sentences"][name.as_str()]
                .as_array()
                .expect("gold sentences")
                .iter()
                .enumerate()
                .map(|(index, s)| {
                    let s = s.as_str().expect("sentence");
                    let start = from + text[from..].find(s).expect("gold sentence in seed");
                    from = start + s.len();
                    Sentence {
                        index,
                        text: s.split_whitespace().collect::<Vec<_>>().join(" "),
                        start,
                        end: start + s.len(),
                        paragraph: index,
                    }
                })
                .collect();
            let meta = &gold["sources"][name.as_str()];
            let outlet = meta["outlet"]
                .as_str()
                .map(|o| o.split(" (").next().unwrap_or(o).to_string());
            let path = seed_path(name).display().to_string();
            Source {
                outlet,
                outlet_from: OutletFrom::Sidecar,
                date: meta["date"].as_str().map(String::from),
                title: meta["title"].as_str().map(String::from),
                dateline: meta["dateline"].as_str().map(String::from),
                ..Source::from_sentences(format!("s{}", i + 1), path, text, sentences)
            }
        })
        .collect()
}

/// The sentence of `sources` that covers most of a gold snippet, as score.py's `locate`.
pub fn locate(sources: &[Source], file: &str, snippet: &str) -> Option<SentenceRef> {
    let (si, source) = sources
        .iter()
        .enumerate()
        .find(|(_, s)| file_name(&s.path) == file)?;
    let start = source.text.find(snippet)?;
    let end = start + snippet.len();
    let mut best: Option<(usize, usize)> = None;
    for (i, s) in source.sentences.iter().enumerate() {
        let overlap = s.end.min(end) as isize - s.start.max(start) as isize;
        if overlap > 0 && best.is_none_or(|(_, b)| overlap as usize > b) {
            best = Some((i, overlap as usize));
        }
    }
    best.map(|(sentence, _)| SentenceRef {
        source: si,
        sentence,
    })
}

/// A cross-source pair, ordered.
pub type Pair = (SentenceRef, SentenceRef);

fn ordered(a: SentenceRef, b: SentenceRef) -> Pair {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Every cross-source pair within each group of sentences.
pub fn pairs_of_groups<'a>(groups: impl IntoIterator<Item = &'a [SentenceRef]>) -> BTreeSet<Pair> {
    let mut pairs = BTreeSet::new();
    for members in groups {
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                if a.source != b.source {
                    pairs.insert(ordered(*a, *b));
                }
            }
        }
    }
    pairs
}

/// The gold's sure pairs and allowed (sure ∪ possible) pairs, mapped onto `sources`.
pub fn gold_pairs(sources: &[Source]) -> (BTreeSet<Pair>, BTreeSet<Pair>) {
    let gold = gold();
    let mut sure = Vec::new();
    let mut possible = Vec::new();
    for group in gold["alignment"].as_array().expect("alignment") {
        let members: Vec<SentenceRef> = group["members"]
            .as_object()
            .expect("members")
            .iter()
            .filter_map(|(file, snippet)| locate(sources, file, snippet.as_str()?))
            .collect();
        if group["kind"].as_str() == Some("possible") {
            possible.push(members);
        } else {
            sure.push(members);
        }
    }
    let sure = pairs_of_groups(sure.iter().map(Vec::as_slice));
    let mut allowed = pairs_of_groups(possible.iter().map(Vec::as_slice));
    allowed.extend(sure.iter().copied());
    (sure, allowed)
}

/// Precision, recall and F1 as score.py computes them.
#[derive(Debug, Clone, Copy)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub system_pairs: usize,
    pub hits_sure: usize,
    pub sure_pairs: usize,
}

/// Scores system groups (lists of sentence refs) against the seeds gold.
pub fn score_alignment(sources: &[Source], groups: &[Vec<SentenceRef>]) -> Scores {
    let system = pairs_of_groups(groups.iter().map(Vec::as_slice));
    let (sure, allowed) = gold_pairs(sources);
    let hits_allowed = system.intersection(&allowed).count();
    let hits_sure = system.intersection(&sure).count();
    let precision = if system.is_empty() {
        0.0
    } else {
        hits_allowed as f64 / system.len() as f64
    };
    let recall = if sure.is_empty() {
        0.0
    } else {
        hits_sure as f64 / sure.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        precision,
        recall,
        f1,
        system_pairs: system.len(),
        hits_sure,
        sure_pairs: sure.len(),
    }
}

/// Sentence-span accuracy as score.py's `split` mode computes it: each gold sentence must
/// be a system span exactly (whitespace-trimmed), or be split at an optional split into
/// two system spans; system spans outside every gold sentence count as extra.
#[derive(Debug, Clone)]
pub struct SplitScore {
    pub correct: usize,
    pub total: usize,
    pub extra: usize,
    pub wrong: Vec<String>,
}

/// Scores the sentences of `sources` (matched to seed files by file name) against the gold.
pub fn score_split(sources: &[Source]) -> SplitScore {
    let gold = gold();
    let mut score = SplitScore {
        correct: 0,
        total: 0,
        extra: 0,
        wrong: Vec::new(),
    };
    for name in seed_names() {
        let raw = std::fs::read_to_string(seed_path(&name)).expect("seed");
        let want: Vec<(usize, usize)> = gold["sentences"][name.as_str()]
            .as_array()
            .expect("sentences")
            .iter()
            .map(|s| {
                let s = s.as_str().expect("sentence");
                let start = raw.find(s).expect("gold sentence in seed");
                (start, start + s.len())
            })
            .collect();
        let got: BTreeSet<(usize, usize)> = sources
            .iter()
            .find(|s| file_name(&s.path) == name)
            .map(|s| {
                s.sentences
                    .iter()
                    .map(|x| trim_span(&raw, x.start, x.end))
                    .collect()
            })
            .unwrap_or_default();
        let optional: Vec<(usize, usize)> = gold["optional_splits"]
            .as_array()
            .expect("optional_splits")
            .iter()
            .filter(|o| o["file"] == name.as_str())
            .filter_map(|o| {
                let before = o["before"].as_str()?;
                let after = o["after"].as_str()?;
                let cut = raw.find(&format!("{before}{after}"))?;
                Some((cut, cut + before.len()))
            })
            .collect();
        for &(a, b) in &want {
            score.total += 1;
            let exact = got.contains(&(a, b));
            let halves = optional.iter().any(|&(cut, mid)| {
                a <= cut && cut < b && {
                    let right = trim_span(&raw, mid, b);
                    got.contains(&(a, mid)) && got.contains(&right)
                }
            });
            if exact || halves {
                score.correct += 1;
            } else {
                score.wrong.push(format!("{name}: {}", &raw[a..b]));
            }
        }
        for &(a, b) in &got {
            if !want.iter().any(|&(wa, wb)| wa <= a && b <= wb) {
                score.extra += 1;
                score
                    .wrong
                    .push(format!("{name}: extra {}", raw.get(a..b).unwrap_or("?")));
            }
        }
    }
    score
}

fn trim_span(raw: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    let bytes = raw.as_bytes();
    while a < b && bytes[a].is_ascii_whitespace() {
        a += 1;
    }
    while b > a && bytes[b - 1].is_ascii_whitespace() {
        b -= 1;
    }
    (a, b)
}

/// One labelled pair of the MSRP training file.
#[derive(Debug, Clone)]
pub struct MsrpPair {
    /// Judged a paraphrase.
    pub paraphrase: bool,
    /// The two sentences' ids.
    pub ids: (String, String),
    /// The first sentence.
    pub a: String,
    /// The second sentence.
    pub b: String,
}

/// The 4,076 pairs of `fixtures/msrp/msr_paraphrase_train.txt`: UTF-8 with a BOM, CRLF line
/// ends, a header row, tab-separated columns Quality, #1 ID, #2 ID, #1 String, #2 String.
pub fn msrp_pairs() -> Vec<MsrpPair> {
    let text = std::fs::read_to_string(root().join("fixtures/msrp/msr_paraphrase_train.txt"))
        .expect("fixtures/msrp/msr_paraphrase_train.txt");
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
            match cols.as_slice() {
                [quality, id1, id2, a, b] => Some(MsrpPair {
                    paraphrase: *quality == "1",
                    ids: (id1.to_string(), id2.to_string()),
                    a: a.to_string(),
                    b: b.to_string(),
                }),
                _ => None,
            }
        })
        .collect()
}
