//! Builds a benchmark corpus of any size from real sentences, with each article's true
//! event known, and measures corpus mode's event grouping against it.
//!
//! ```text
//! cargo run --release --example make_corpus -- make 10000 /tmp/c10k.jsonl.gz [SEED]
//! cargo run --release --example make_corpus -- score /tmp/c10k.jsonl.gz [WINDOW] [SIMILARITY]
//! ```
//!
//! `make N FILE` writes about N articles as JSON Lines (gzip-compressed when FILE ends in
//! `.gz`): `{"text", "outlet", "date", "event", "id"}`, `event` being the true event.
//!
//! How an event is made, from the MSRP training sentences (`fixtures/msrp`) and the seeds'
//! sentences:
//! - its core: 24–36 sentences drawn from the pool; a third of events follow up an event of
//!   the previous days and repeat a quarter of its core (background paragraphs), the case
//!   that makes grouping hard;
//! - 3–6 of 8 outlets report it; each keeps a core sentence with probability 0.85, uses its
//!   MSRP paraphrase (a positive pair) instead with probability 0.5, swaps neighbouring
//!   sentences with probability 0.3, adds 1–4 sentences of its own, and names every entity
//!   of `data/aliases.txt` by its own preferred alias (`Daesh`, `IS`, `ISIL` …);
//! - one outlet in ten files a second, shorter article on the same event;
//! - dates: about 30 events a day; an article is dated its event's day or the next.
//!
//! `score FILE` runs corpus mode's reading and grouping ([`claimdiff::corpus::group_corpus`])
//! and prints the pair precision, recall and F1 of the events against the true ones, with
//! the time taken.

#[path = "../tests/pipeline/support.rs"]
mod support;

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use claimdiff::corpus::{self, CorpusOptions, GroupingOptions, NoProgress};
use claimdiff::pipeline::{load_sources, LoadOptions};
use claimdiff::similarity::aliases::Aliases;

const OUTLETS: [&str; 8] = [
    "TASS",
    "RT",
    "Xinhua",
    "IANS",
    "Press TV",
    "Reuters",
    "Al Jazeera",
    "Sputnik",
];

/// SplitMix64: a small, seeded, reproducible generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

/// The sentence pool and each sentence's paraphrase, when MSRP judged a pair positive.
struct Pool {
    sentences: Vec<String>,
    paraphrase: HashMap<usize, usize>,
}

fn pool() -> Pool {
    let mut sentences: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut paraphrase = HashMap::new();
    let mut add = |s: &str, sentences: &mut Vec<String>| -> usize {
        *index.entry(s.to_string()).or_insert_with(|| {
            sentences.push(s.to_string());
            sentences.len() - 1
        })
    };
    for pair in support::msrp_pairs() {
        let a = add(&pair.a, &mut sentences);
        let b = add(&pair.b, &mut sentences);
        if pair.paraphrase {
            paraphrase.insert(a, b);
            paraphrase.insert(b, a);
        }
    }
    let seeds = load_sources(&support::seed_paths(), &LoadOptions::default()).expect("seeds/");
    for source in seeds {
        for sentence in source.sentences {
            add(&sentence.text, &mut sentences);
        }
    }
    Pool {
        sentences,
        paraphrase,
    }
}

/// Rewrites every alias mention to the outlet's preferred name of that entity.
fn rename(text: &str, aliases: &Aliases, outlet: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for mention in aliases.find_mentions(text) {
        let Some(group) = aliases.groups().get(mention.group) else {
            continue;
        };
        if group.weak || mention.start < at {
            continue;
        }
        out.push_str(&text[at..mention.start]);
        // Each outlet has its own, fixed preference per entity.
        let pick = (outlet * 7 + mention.group * 3) % group.names.len();
        out.push_str(&group.names[pick]);
        at = mention.end;
    }
    out.push_str(&text[at..]);
    out
}

fn date_of(day: i64) -> String {
    corpus::events::day_to_date(16_801 + day as i32) // from 2016-01-01
}

fn make(articles: usize, path: &PathBuf, seed: u64) {
    let pool = pool();
    let aliases = Aliases::builtin();
    let mut rng = Rng(seed);
    let file = std::fs::File::create(path).expect("output file");
    let mut out: Box<dyn Write> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::write::GzEncoder::new(
            std::io::BufWriter::new(file),
            flate2::Compression::fast(),
        ))
    } else {
        Box::new(std::io::BufWriter::new(file))
    };
    let mut written = 0usize;
    let mut sentences = 0usize;
    let mut cores: Vec<(i64, Vec<usize>)> = Vec::new();
    let mut event = 0usize;
    while written < articles {
        let day = (event / 30) as i64;
        let size = rng.range(24, 36);
        let mut core: Vec<usize> = Vec::with_capacity(size);
        // A follow-up repeats part of a recent event's core.
        let recent: Vec<usize> = (0..cores.len())
            .filter(|&e| day - cores[e].0 <= 2)
            .collect();
        if !recent.is_empty() && rng.chance(0.33) {
            let earlier = &cores[recent[rng.below(recent.len())]].1;
            for _ in 0..size / 4 {
                core.push(earlier[rng.below(earlier.len())]);
            }
        }
        while core.len() < size {
            core.push(rng.below(pool.sentences.len()));
        }
        core.dedup();
        let mut reporters: Vec<usize> = (0..OUTLETS.len()).collect();
        for i in (1..reporters.len()).rev() {
            reporters.swap(i, rng.below(i + 1));
        }
        reporters.truncate(rng.range(3, 6));
        let mut jobs: Vec<(usize, f64)> = reporters.iter().map(|&o| (o, 0.85)).collect();
        for &o in &reporters {
            if rng.chance(0.1) {
                jobs.push((o, 0.5));
            }
        }
        for (n, (outlet, keep)) in jobs.into_iter().enumerate() {
            let mut body: Vec<String> = Vec::new();
            for &s in &core {
                if !rng.chance(keep) {
                    continue;
                }
                let s = match pool.paraphrase.get(&s) {
                    Some(&p) if rng.chance(0.5) => p,
                    _ => s,
                };
                body.push(rename(&pool.sentences[s], &aliases, outlet));
            }
            for i in 1..body.len() {
                if rng.chance(0.3) {
                    body.swap(i - 1, i);
                }
            }
            for _ in 0..rng.range(1, 4) {
                let s = rng.below(pool.sentences.len());
                let at = rng.below(body.len() + 1);
                body.insert(at, rename(&pool.sentences[s], &aliases, outlet));
            }
            sentences += body.len();
            let text = body
                .chunks(2)
                .map(|p| p.join(" "))
                .collect::<Vec<_>>()
                .join("\n\n");
            let record = serde_json::json!({
                "text": text,
                "outlet": OUTLETS[outlet],
                "date": date_of(day + rng.below(2) as i64),
                "event": format!("e{event}"),
                "id": format!("e{event}-{n}"),
            });
            writeln!(out, "{record}").expect("write");
            written += 1;
        }
        cores.push((day, core));
        event += 1;
    }
    out.flush().expect("flush");
    drop(out);
    eprintln!(
        "{written} articles, {event} events, {sentences} sentences (before segmentation) → {}",
        path.display()
    );
}

fn score(path: &PathBuf, grouping: GroupingOptions) {
    let options = CorpusOptions {
        grouping,
        ..CorpusOptions::default()
    };
    let started = Instant::now();
    let grouped = corpus::group_corpus(std::slice::from_ref(path), &options, &NoProgress)
        .expect("corpus reads");
    let elapsed = started.elapsed();
    // The true event of each article, from its own record.
    let locations: Vec<_> = grouped.keys.iter().map(|k| k.location).collect();
    let truth: Vec<String> = grouped
        .inputs
        .fetch(&locations)
        .expect("records")
        .iter()
        .map(|raw| {
            let record: serde_json::Value = serde_json::from_slice(&raw.line).expect("JSON");
            record["event"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as u64;
    let mut true_sizes: HashMap<&str, usize> = HashMap::new();
    for t in &truth {
        *true_sizes.entry(t).or_default() += 1;
    }
    let mut predicted = 0u64;
    let mut hits = 0u64;
    for event in &grouped.events {
        predicted += pairs(event.articles.len());
        let mut cells: HashMap<&str, usize> = HashMap::new();
        for &a in &event.articles {
            *cells.entry(truth[a as usize].as_str()).or_default() += 1;
        }
        hits += cells.values().map(|&n| pairs(n)).sum::<u64>();
    }
    let actual: u64 = true_sizes.values().map(|&n| pairs(n)).sum();
    let precision = hits as f64 / predicted.max(1) as f64;
    let recall = hits as f64 / actual.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    println!(
        "articles {} | events: true {} formed {} | pair P {:.4} R {:.4} F1 {:.4} | read+group {:.2} s | window {} similarity {}",
        truth.len(),
        true_sizes.len(),
        grouped.events.len(),
        precision,
        recall,
        f1,
        elapsed.as_secs_f64(),
        options.grouping.window_days,
        options.grouping.min_similarity,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: make_corpus make N FILE [SEED] | make_corpus score FILE [WINDOW] [SIMILARITY]";
    match args.first().map(String::as_str) {
        Some("make") if args.len() >= 3 => {
            let n: usize = args[1].parse().expect(usage);
            let seed = args.get(3).map_or(7, |s| s.parse().expect(usage));
            make(n, &PathBuf::from(&args[2]), seed);
        }
        Some("score") if args.len() >= 2 => {
            let mut grouping = GroupingOptions::default();
            if let Some(w) = args.get(2) {
                grouping.window_days = w.parse().expect(usage);
            }
            if let Some(s) = args.get(3) {
                grouping.min_similarity = s.parse().expect(usage);
            }
            score(&PathBuf::from(&args[1]), grouping);
        }
        _ => eprintln!("{usage}"),
    }
}
