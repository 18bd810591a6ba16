//! Tunes and evaluates sentence similarity and alignment on the data we may tune on: the
//! MSRP paraphrase training file (`fixtures/msrp`) and the seeds gold.
//!
//! ```text
//! cargo run --release --example evaluate_similarity -- msrp         # MSRP figures at the defaults, 5-fold CV, ablations
//! cargo run --release --example evaluate_similarity -- train [--write] # fit the paraphrase model (5-fold CV), write data/paraphrase_model.txt
//! cargo run --release --example evaluate_similarity -- grid         # the MSRP grid of the hand combination
//! cargo run --release --example evaluate_similarity -- seeds [-v]   # seeds P/R/F1 and groups at the defaults
//! cargo run --release --example evaluate_similarity -- sweep        # seeds F1 by decision point, with ablations
//! cargo run --release --example evaluate_similarity -- seeds-grid   # seeds F1 over term weights (robustness)
//! cargo run --release --example evaluate_similarity -- clauses      # seeds F1 by clause weight, reporting-word weight and decision point
//! cargo run --release --example evaluate_similarity -- margin       # seeds F1 by the two-source group margin and decision point
//! cargo run --release --example evaluate_similarity -- sure         # diagnostic: each sure gold pair, its score, ranks and shared terms
//! cargo run --release --example evaluate_similarity -- margins      # diagnostic: mutual-best pairs, margins
//! cargo run --release --example evaluate_similarity -- json OUT     # compare-style JSON for shared/tools/score.py
//! cargo run --release --example evaluate_similarity -- bench [N S]  # time aligning N synthetic articles of S sentences
//! cargo run --release --example evaluate_similarity -- background   # rebuild data/background_df.txt
//! ```
//!
//! `seeds` also times the alignment, and reads `CLAIMDIFF_DECISION`, `CLAIMDIFF_CLAUSES`,
//! `CLAIMDIFF_FRAME` and `CLAIMDIFF_PAIR_MARGIN` to try settings without rebuilding.
//!
//! The background table stores term keys (stems, `#`-numbers, `=`-aliases): rebuild it
//! whenever tokenisation changes.

#[path = "../tests/pipeline/support.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};

use claimdiff::align::{align, AlignOptions};
use claimdiff::model::{Alignment, SentenceRef, Source};
use claimdiff::similarity::aliases::Aliases;
use claimdiff::similarity::features::{self, Model};
use claimdiff::similarity::lexical::{Agreement, Chars, Cosine, KindWeights, Measure};
use claimdiff::similarity::tokens::{TermKind, Tokenizer};
use claimdiff::similarity::{Combination, Scorer, Settings, DEFAULT_THRESHOLD};

use support::{msrp_pairs as load_msrp, root, MsrpPair as Pair};

fn background(pairs: &[Pair]) {
    let tokenizer = Tokenizer::new(Aliases::builtin());
    let mut sentences: BTreeMap<&str, &str> = BTreeMap::new();
    for p in pairs {
        sentences.insert(&p.ids.0, &p.a);
        sentences.insert(&p.ids.1, &p.b);
    }
    let mut df: BTreeMap<String, u32> = BTreeMap::new();
    for text in sentences.values() {
        let keys: BTreeSet<String> = tokenizer.terms(text).into_iter().map(|t| t.key).collect();
        for k in keys {
            *df.entry(k).or_insert(0) += 1;
        }
    }
    let mut out = String::new();
    out.push_str("# Background document frequencies: how many of the distinct sentences of the\n");
    out.push_str("# MSRP training file (fixtures/msrp) hold each term key, as `key<TAB>count`.\n");
    out.push_str("# Terms seen once are left out (unseen terms count as rare).\n");
    out.push_str(
        "# Rebuilt by `cargo run --release --example evaluate_similarity -- background`.\n",
    );
    out.push_str(&format!("# documents {}\n", sentences.len()));
    for (k, n) in df.iter().filter(|(_, n)| **n >= 2) {
        out.push_str(&format!("{k}\t{n}\n"));
    }
    std::fs::write(root().join("data/background_df.txt"), out).expect("write background");
    eprintln!("{} sentences, {} terms", sentences.len(), df.len());
}

/// Accuracy and F1 of `scores` against labels at `threshold`.
fn figures(scores: &[(f64, bool)], threshold: f64) -> (f64, f64) {
    let (mut tp, mut fp, mut tn, mut fn_) = (0.0, 0.0, 0.0, 0.0);
    for &(s, label) in scores {
        match (s >= threshold, label) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, false) => tn += 1.0,
            (false, true) => fn_ += 1.0,
        }
    }
    let accuracy = (tp + tn) / scores.len().max(1) as f64;
    let f1 = if tp > 0.0 {
        2.0 * tp / (2.0 * tp + fp + fn_)
    } else {
        0.0
    };
    (accuracy, f1)
}

fn best_threshold(scores: &[(f64, bool)]) -> (f64, f64) {
    let mut best = (0.0, 0.0);
    for t in 0..=100 {
        let t = f64::from(t) / 100.0;
        let (acc, _) = figures(scores, t);
        if acc > best.1 {
            best = (t, acc);
        }
    }
    best
}

/// 5-fold CV: the threshold is chosen on four folds and tested on the fifth. Returns mean
/// accuracy, mean F1 and mean chosen threshold.
fn cross_validate(scores: &[(f64, bool)]) -> (f64, f64, f64) {
    let (mut acc, mut f1, mut thr) = (0.0, 0.0, 0.0);
    for fold in 0..5 {
        let split = |test: bool| -> Vec<(f64, bool)> {
            scores
                .iter()
                .enumerate()
                .filter(|(i, _)| (i % 5 == fold) == test)
                .map(|(_, s)| *s)
                .collect()
        };
        let (t, _) = best_threshold(&split(false));
        let (a, f) = figures(&split(true), t);
        acc += a / 5.0;
        f1 += f / 5.0;
        thr += t / 5.0;
    }
    (acc, f1, thr)
}

/// Raw combined scores of every MSRP pair under `settings`.
fn raw_scores(pairs: &[Pair], settings: Settings) -> Vec<(f64, bool)> {
    let scorer = Scorer::default().with_settings(settings);
    pairs
        .iter()
        .map(|p| (scorer.explain(&p.a, &p.b).components.raw, p.paraphrase))
        .collect()
}

/// The default settings with the hand-set combination instead of the learned model, for
/// ablations of the measures.
fn combination_settings() -> Settings {
    Settings {
        model_alone: false,
        ..Settings::default()
    }
}

fn msrp(pairs: &[Pair]) {
    let scorer = Scorer::default();
    let scores: Vec<(f64, bool)> = pairs
        .iter()
        .map(|p| (scorer.score(&p.a, &p.b), p.paraphrase))
        .collect();
    let (acc, f1) = figures(&scores, DEFAULT_THRESHOLD);
    println!("MSRP train, {} pairs, default settings", pairs.len());
    println!("  at the default threshold {DEFAULT_THRESHOLD:.2}: accuracy {acc:.4}, F1 {f1:.4}");
    let ablations = [
        ("combination defaults (no model)", combination_settings()),
        (
            "names 1.0, actors 1.0 (no down-weighting)",
            Settings {
                kinds: KindWeights {
                    name: 1.0,
                    actor: 1.0,
                    ..KindWeights::default()
                },
                ..combination_settings()
            },
        ),
        (
            "names 0.4, actors 0.2",
            Settings {
                kinds: KindWeights {
                    name: 0.4,
                    ..KindWeights::default()
                },
                ..combination_settings()
            },
        ),
        (
            "cosine alone",
            Settings {
                combination: Combination {
                    cosine: 1.0,
                    chars: 0.0,
                    number_penalty: 0.0,
                    name_penalty: 0.0,
                    clauses: 0.0,
                },
                ..combination_settings()
            },
        ),
    ];
    let measures: [&dyn Measure; 4] = [
        &Cosine,
        &Chars,
        &Agreement(TermKind::Name),
        &Agreement(TermKind::Number),
    ];
    for measure in measures {
        let alone: Vec<(f64, bool)> = pairs
            .iter()
            .map(|p| {
                let (a, b) = (scorer.profile(&p.a), scorer.profile(&p.b));
                (measure.measure(&a, &b).unwrap_or(0.0), p.paraphrase)
            })
            .collect();
        let (cv_acc, cv_f1, cv_t) = cross_validate(&alone);
        println!(
            "  {} alone: 5-fold CV accuracy {cv_acc:.4}, F1 {cv_f1:.4} (threshold {cv_t:.2})",
            measure.name()
        );
    }
    for (name, settings) in ablations {
        let raw = raw_scores(pairs, settings);
        let (cv_acc, cv_f1, cv_t) = cross_validate(&raw);
        let (t, best) = best_threshold(&raw);
        println!(
            "  {name}: 5-fold CV accuracy {cv_acc:.4}, F1 {cv_f1:.4} (raw threshold {cv_t:.2}); best raw threshold on all {t:.2}: accuracy {best:.4}"
        );
    }
}

fn grid(pairs: &[Pair]) {
    for name in [0.4, 0.7, 1.0] {
        for actor in [0.2, 1.0] {
            for chars in [0.0, 0.35, 0.5] {
                for number_penalty in [0.0, 0.1, 0.2] {
                    let settings = Settings {
                        kinds: KindWeights {
                            name,
                            actor,
                            ..KindWeights::default()
                        },
                        combination: Combination {
                            cosine: 1.0 - chars,
                            chars,
                            number_penalty,
                            name_penalty: 0.0,
                            clauses: 0.0,
                        },
                        ..combination_settings()
                    };
                    let raw = raw_scores(pairs, settings);
                    let (cv_acc, cv_f1, cv_t) = cross_validate(&raw);
                    println!(
                        "names {name:.1} actors {actor:.1} chars {chars:.2} number penalty {number_penalty:.1}: CV accuracy {cv_acc:.4} F1 {cv_f1:.4} raw threshold {cv_t:.2}"
                    );
                }
            }
        }
    }
}

fn groups_of(alignment: &Alignment) -> Vec<Vec<SentenceRef>> {
    alignment
        .groups
        .iter()
        .map(|g| g.members.iter().map(|m| m.at).collect())
        .collect()
}

/// The default alignment options, with `CLAIMDIFF_DECISION`, `CLAIMDIFF_CLAUSES` and
/// `CLAIMDIFF_FRAME` from the environment overriding the decision point in context, the
/// clause weight and the reporting-word weight (for trying settings without rebuilding).
fn options_from_env() -> AlignOptions {
    let get = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f64>().ok());
    let mut settings = Settings::default();
    if let Some(d) = get("CLAIMDIFF_DECISION") {
        settings.decision_in_context = d;
    }
    if let Some(c) = get("CLAIMDIFF_CLAUSES") {
        settings.combination.clauses = c;
    }
    if let Some(f) = get("CLAIMDIFF_FRAME") {
        settings.kinds.frame = f;
    }
    AlignOptions {
        similarity: settings,
        pair_margin: get("CLAIMDIFF_PAIR_MARGIN").unwrap_or(AlignOptions::default().pair_margin),
        ..AlignOptions::default()
    }
}

fn seeds(sources: &[Source], verbose: bool) {
    let options = options_from_env();
    let alignment = align(sources, &options);
    let mut times: Vec<f64> = (0..21)
        .map(|_| {
            let start = std::time::Instant::now();
            std::hint::black_box(align(sources, &options));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "align on the seeds: median {:.1} ms over 21 runs",
        times[10]
    );
    let s = support::score_alignment(sources, &groups_of(&alignment));
    println!(
        "seeds gold at the defaults: P {:.3} R {:.3} F1 {:.3} ({} system pairs, {}/{} sure)",
        s.precision, s.recall, s.f1, s.system_pairs, s.hits_sure, s.sure_pairs
    );
    if !verbose {
        return;
    }
    let (sure, allowed) = support::gold_pairs(sources);
    let label = |a: SentenceRef, b: SentenceRef| {
        let p = if a <= b { (a, b) } else { (b, a) };
        if sure.contains(&p) {
            "SURE"
        } else if allowed.contains(&p) {
            "poss"
        } else {
            "----"
        }
    };
    for g in &alignment.groups {
        println!("group {} cohesion {:.3}", g.id, g.score);
        for m in &g.members {
            let text = &sources[m.at.source].sentences[m.at.sentence].text;
            let tag = if m.at == g.pivot {
                "pivot"
            } else {
                label(g.pivot, m.at)
            };
            let terms: Vec<String> = m
                .shared_terms
                .iter()
                .take(4)
                .map(|t| format!("{}:{:.2}", t.term, t.weight))
                .collect();
            println!(
                "  {tag} s{}:{} {:.3} [{}] {}",
                m.at.source,
                m.at.sentence,
                m.score,
                terms.join(" "),
                text.chars().take(90).collect::<String>()
            );
        }
    }
}

fn sweep(sources: &[Source]) {
    let variants = [
        ("defaults", Settings::default()),
        (
            "names 1.0, actors 1.0",
            Settings {
                kinds: KindWeights {
                    name: 1.0,
                    actor: 1.0,
                    ..KindWeights::default()
                },
                ..Settings::default()
            },
        ),
        (
            "names 0.4",
            Settings {
                kinds: KindWeights {
                    name: 0.4,
                    ..KindWeights::default()
                },
                ..Settings::default()
            },
        ),
        (
            "background only",
            Settings {
                local_share: 0.0,
                ..Settings::default()
            },
        ),
    ];
    for (name, settings) in variants {
        println!("{name}:");
        for d in 3..=12 {
            let decision = f64::from(d) / 100.0;
            let options = AlignOptions {
                similarity: Settings {
                    decision_in_context: decision,
                    ..settings
                },
                ..AlignOptions::default()
            };
            let alignment = align(sources, &options);
            let s = support::score_alignment(sources, &groups_of(&alignment));
            println!(
                "  decision {decision:.2}: P {:.3} R {:.3} F1 {:.3} ({} pairs, {} sure)",
                s.precision, s.recall, s.f1, s.system_pairs, s.hits_sure
            );
        }
    }
}

/// Seeds F1 over a grid of term weights: the mean over decision points 0.04–0.09 (how
/// robust) and the best.
fn seeds_grid(sources: &[Source]) {
    for local_share in [0.3, 0.5, 0.7] {
        for name in [0.55, 0.7, 0.85] {
            for actor in [0.1, 0.2, 0.3] {
                let mut f1s = Vec::new();
                for d in 4..=9 {
                    let options = AlignOptions {
                        similarity: Settings {
                            kinds: KindWeights {
                                name,
                                actor,
                                ..KindWeights::default()
                            },
                            local_share,
                            decision_in_context: f64::from(d) / 100.0,
                            ..Settings::default()
                        },
                        ..AlignOptions::default()
                    };
                    let alignment = align(sources, &options);
                    f1s.push(support::score_alignment(sources, &groups_of(&alignment)).f1);
                }
                let mean = f1s.iter().sum::<f64>() / f1s.len() as f64;
                let best = f1s.iter().cloned().fold(0.0, f64::max);
                println!("local {local_share:.1} names {name:.2} actors {actor:.1}: mean F1 {mean:.3} best {best:.3} {f1s:.2?}");
            }
        }
    }
}

/// Writes the alignment in the shape `shared/tools/score.py align` reads.
fn json(sources: &[Source], out: &str) {
    let alignment = align(sources, &AlignOptions::default());
    let value = serde_json::json!({
        "sources": sources.iter().map(|s| serde_json::json!({
            "id": s.id,
            "path": s.path,
            "sentences": s.sentences.iter().map(|x| serde_json::json!({"start": x.start, "end": x.end})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "groups": alignment.groups.iter().map(|g| serde_json::json!({
            "members": g.members.iter().map(|m| serde_json::json!({
                "source": sources[m.at.source].id,
                "sentence": m.at.sentence,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    std::fs::write(out, serde_json::to_string_pretty(&value).expect("json")).expect("write");
    let s = support::score_alignment(sources, &groups_of(&alignment));
    println!(
        "wrote {out}; Rust scorer: P {:.4} R {:.4} F1 {:.4}",
        s.precision, s.recall, s.f1
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map_or("msrp", String::as_str);
    match mode {
        "background" => background(&load_msrp()),
        "grid" => grid(&load_msrp()),
        "train" => train(
            &load_msrp(),
            args.get(1).map(String::as_str) == Some("--write"),
        ),
        "seeds" => seeds(
            &support::gold_sources(),
            args.get(1).is_some_and(|a| a == "-v"),
        ),
        "sweep" => sweep(&support::gold_sources()),
        "clauses" => clause_grid(&support::gold_sources()),
        "margin" => margin_grid(&support::gold_sources()),
        "margins" => margins(&support::gold_sources()),
        "sure" => sure_pairs(&support::gold_sources()),
        "seeds-grid" => seeds_grid(&support::gold_sources()),
        "bench" => bench(
            &load_msrp(),
            args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1000),
            args.get(2).and_then(|a| a.parse().ok()).unwrap_or(25),
        ),
        "json" => json(
            &support::gold_sources(),
            args.get(1).map_or("alignment.json", String::as_str),
        ),
        _ => msrp(&load_msrp()),
    }
}

/// Diagnostic: for every mutual-best pair, its raw score, its margin over the runner-up,
/// and its ratio to the mean score of its row and column.
#[allow(dead_code)]
fn margins(sources: &[Source]) {
    let texts = sources
        .iter()
        .flat_map(|s| s.sentences.iter().map(|x| x.text.as_str()));
    let scorer = Scorer::default().with_context(texts);
    let profiles: Vec<Vec<_>> = sources
        .iter()
        .map(|s| {
            s.sentences
                .iter()
                .map(|x| scorer.profile(&x.text))
                .collect()
        })
        .collect();
    let (sure, allowed) = support::gold_pairs(sources);
    let raw = |a: &claimdiff::similarity::lexical::Profile,
               b: &claimdiff::similarity::lexical::Profile| {
        scorer.explain_profiles(a, b).components.raw
    };
    let mut rows = Vec::new();
    for (i, _) in sources.iter().enumerate() {
        for j in i + 1..sources.len() {
            let m: Vec<Vec<f64>> = profiles[i]
                .iter()
                .map(|a| profiles[j].iter().map(|b| raw(a, b)).collect())
                .collect();
            for (x, row) in m.iter().enumerate() {
                for (y, &s) in row.iter().enumerate() {
                    let col: Vec<f64> = m.iter().map(|r| r[y]).collect();
                    let row_best = row.iter().cloned().fold(0.0, f64::max);
                    let col_best = col.iter().cloned().fold(0.0, f64::max);
                    if s < row_best || s < col_best || s <= 0.0 {
                        continue;
                    }
                    let second = |v: &[f64], skip: usize| {
                        v.iter()
                            .enumerate()
                            .filter(|(k, _)| *k != skip)
                            .map(|(_, v)| *v)
                            .fold(0.0, f64::max)
                    };
                    let margin = s - second(row, y).max(second(&col, x));
                    let mean_r = row.iter().sum::<f64>() / row.len() as f64;
                    let mean_c = col.iter().sum::<f64>() / col.len() as f64;
                    let ratio = s / (0.5 * (mean_r + mean_c) + 1e-9);
                    let a = SentenceRef {
                        source: i,
                        sentence: x,
                    };
                    let b = SentenceRef {
                        source: j,
                        sentence: y,
                    };
                    let tag = if sure.contains(&(a, b)) {
                        "SURE"
                    } else if allowed.contains(&(a, b)) {
                        "poss"
                    } else {
                        "----"
                    };
                    rows.push((s, margin, ratio, tag, a, b));
                }
            }
        }
    }
    rows.sort_by(|x, y| y.0.total_cmp(&x.0));
    for (s, margin, ratio, tag, a, b) in rows.iter().take(45) {
        println!(
            "{s:.3} margin {margin:.3} ratio {ratio:5.1} {tag} s{}:{} s{}:{}",
            a.source, a.sentence, b.source, b.sentence
        );
    }
}

/// Aligns `articles` synthetic articles of `per_article` real MSRP sentences each
/// (deterministic draw; both sentences of a paraphrase pair land in different articles
/// when drawn together) and prints the time, groups, notes and peak memory.
fn bench(pairs: &[Pair], articles: usize, per_article: usize) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut sources = Vec::with_capacity(articles);
    for i in 0..articles {
        let mut text = String::new();
        let mut sentences = Vec::with_capacity(per_article);
        for index in 0..per_article {
            let pair = &pairs[(next() % pairs.len() as u64) as usize];
            let s = if next() % 2 == 0 { &pair.a } else { &pair.b };
            let start = text.len();
            text.push_str(s);
            sentences.push(claimdiff::model::Sentence {
                index,
                text: s.clone(),
                start,
                end: text.len(),
                paragraph: index,
            });
            text.push(' ');
        }
        sources.push(Source {
            outlet: Some(format!("Outlet {i}")),
            outlet_from: claimdiff::model::OutletFrom::Label,
            ..Source::from_sentences(
                format!("s{}", i + 1),
                format!("synthetic/{i}.txt"),
                text,
                sentences,
            )
        });
    }
    let started = std::time::Instant::now();
    let alignment = align(&sources, &AlignOptions::default());
    let elapsed = started.elapsed();
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(str::to_string)
        })
        .unwrap_or_default();
    println!(
        "{articles} articles x {per_article} sentences: {:.2} s, {} groups, {} unmatched, peak memory {peak}",
        elapsed.as_secs_f64(),
        alignment.groups.len(),
        alignment.unmatched.len()
    );
    for note in &alignment.notes {
        println!("  note: {note}");
    }
}

/// Diagnostic: each sure pair of the gold with its score, its rank in each sentence's row
/// (1 = that sentence's best match in the other source), and the terms it shares.
fn sure_pairs(sources: &[Source]) {
    let texts = sources
        .iter()
        .flat_map(|s| s.sentences.iter().map(|x| x.text.as_str()));
    let scorer = Scorer::default().with_context(texts);
    let profiles: Vec<Vec<_>> = sources
        .iter()
        .map(|s| {
            s.sentences
                .iter()
                .map(|x| scorer.profile(&x.text))
                .collect()
        })
        .collect();
    let (sure, _) = support::gold_pairs(sources);
    for (a, b) in &sure {
        let pa = &profiles[a.source][a.sentence];
        let pb = &profiles[b.source][b.sentence];
        let e = scorer.explain_profiles(pa, pb);
        let rank_a = profiles[b.source]
            .iter()
            .filter(|q| scorer.score_profiles(pa, q) > e.score)
            .count()
            + 1;
        let rank_b = profiles[a.source]
            .iter()
            .filter(|q| scorer.score_profiles(q, pb) > e.score)
            .count()
            + 1;
        let terms: Vec<String> = e
            .shared_terms
            .iter()
            .take(6)
            .map(|t| format!("{}:{:.2}", t.term, t.weight))
            .collect();
        println!(
            "s{}:{} s{}:{} score {:.3} raw {:.3} ranks {rank_a}/{rank_b} [{}]",
            a.source,
            a.sentence,
            b.source,
            b.sentence,
            e.score,
            e.components.raw,
            terms.join(" ")
        );
        println!("    {}", sources[a.source].sentences[a.sentence].text);
        println!("    {}", sources[b.source].sentences[b.sentence].text);
    }
}

/// Fits the paraphrase model on MSRP train: 5-fold cross-validated accuracy and F1 at 0.5
/// (fit on four folds, measured on the fifth), then the fit on all pairs, written to
/// `data/paraphrase_model.txt` with `--write`.
fn train(pairs: &[Pair], write: bool) {
    const RIDGE: f64 = 1.0;
    let scorer = Scorer::default().with_settings(Settings {
        model_alone: false,
        ..Settings::default()
    });
    let rows: Vec<([f64; features::N], bool)> = pairs
        .iter()
        .map(|p| (scorer.features(&p.a, &p.b), p.paraphrase))
        .collect();
    let (mut acc, mut f1) = (0.0, 0.0);
    for fold in 0..5 {
        let train: Vec<_> = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 != fold)
            .map(|(_, r)| *r)
            .collect();
        let model = Model::fit(&train, RIDGE);
        let test: Vec<(f64, bool)> = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 == fold)
            .map(|(_, (x, y))| (model.probability(x), *y))
            .collect();
        let (a, f) = figures(&test, 0.5);
        println!("  fold {fold}: accuracy {a:.4} F1 {f:.4}");
        acc += a / 5.0;
        f1 += f / 5.0;
    }
    println!("5-fold CV at 0.5: accuracy {acc:.4}, F1 {f1:.4}");
    let model = Model::fit(&rows, RIDGE);
    let all: Vec<(f64, bool)> = rows
        .iter()
        .map(|(x, y)| (model.probability(x), *y))
        .collect();
    let (a, f) = figures(&all, 0.5);
    println!(
        "fit on all {} pairs: accuracy {a:.4}, F1 {f:.4}",
        rows.len()
    );
    print!("{}", model.to_text(""));
    if write {
        let header = format!(
            "Paraphrase model: logistic regression over the lexical features of\n\
             src/similarity/features.rs, fitted on the {} pairs of the MSRP training file\n\
             (fixtures/msrp), ridge {RIDGE}. 5-fold CV at 0.5: accuracy {acc:.4}, F1 {f1:.4};\n\
             on all pairs: accuracy {a:.4}, F1 {f:.4}.\n\
             Regenerate: cargo run --release --example evaluate_similarity -- train --write",
            rows.len()
        );
        std::fs::write(
            root().join("data/paraphrase_model.txt"),
            model.to_text(&header),
        )
        .expect("write data/paraphrase_model.txt");
    }
}

/// Seeds F1 by clause weight and reporting-word weight, over decision points 0.04–0.15.
fn clause_grid(sources: &[Source]) {
    for frame in [1.0, 0.3, 0.1] {
        for clauses in [0.0, 0.3, 0.4, 0.5, 0.6, 0.7] {
            let mut row = Vec::new();
            for d in 4..=15 {
                let defaults = Settings::default();
                let options = AlignOptions {
                    similarity: Settings {
                        decision_in_context: f64::from(d) / 100.0,
                        kinds: KindWeights {
                            frame,
                            ..defaults.kinds
                        },
                        combination: Combination {
                            clauses,
                            ..defaults.combination
                        },
                        ..defaults
                    },
                    ..AlignOptions::default()
                };
                let alignment = align(sources, &options);
                let s = support::score_alignment(sources, &groups_of(&alignment));
                row.push(format!("{:.2}/{}", s.f1, s.hits_sure));
            }
            println!("frame {frame:.1} clauses {clauses:.1}: {}", row.join(" "));
        }
    }
}

/// Seeds F1 by the margin two-source groups need, over decision points 0.04–0.12.
fn margin_grid(sources: &[Source]) {
    for margin in [0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12] {
        let mut row = Vec::new();
        for d in 4..=12 {
            let options = AlignOptions {
                similarity: Settings {
                    decision_in_context: f64::from(d) / 100.0,
                    ..Settings::default()
                },
                pair_margin: margin,
                ..AlignOptions::default()
            };
            let alignment = align(sources, &options);
            let s = support::score_alignment(sources, &groups_of(&alignment));
            row.push(format!("{:.2}/{}/{}", s.f1, s.hits_sure, s.system_pairs));
        }
        println!("margin {margin:.3}: {}", row.join(" "));
    }
}
