//! Time of `compare` on the inputs the budgets exist for, at growing sizes, to show it
//! grows roughly linearly: one sentence of 0.25/0.5/1 MB without punctuation (compared
//! with another such text), and articles of 25,000/50,000/100,000 sentences (compared with
//! another such article).
//!
//! ```sh
//! cargo run --release --example budgets            # both series
//! cargo run --release --example budgets -- long    # the long sentence only
//! cargo run --release --example budgets -- many    # the many sentences only
//! ```
//!
//! Prints, per size, the seconds of the whole comparison (cleaning, segmentation,
//! alignment, diff, JSON rendering) and the warnings that name the budgets reached.

use std::time::Instant;

use claimdiff::ingest::boilerplate::Rules;
use claimdiff::pipeline::{compare_sources, prepare, CompareOptions};
use claimdiff::render::json;
use claimdiff::{Document, Metadata};

/// The vocabulary of the generated text: few words, so that every sentence resembles
/// many others (the hard case for candidate search and grouping).
const VOCABULARY: &str = "the minister said that talks on syria would continue next week in \
    geneva with all parties while officials moscow washington denied reports ceasefire deal";

/// A small deterministic generator, so that runs compare alike.
struct Words {
    state: u64,
    list: Vec<&'static str>,
}

impl Words {
    fn new(seed: u64) -> Words {
        Words {
            state: seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1,
            list: VOCABULARY.split_whitespace().collect(),
        }
    }

    fn next(&mut self) -> &'static str {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.list[(self.state % self.list.len() as u64) as usize]
    }
}

fn unpunctuated(bytes: usize, seed: u64) -> String {
    let mut words = Words::new(seed);
    let mut text = String::with_capacity(bytes + 16);
    while text.len() < bytes {
        text.push_str(words.next());
        text.push(' ');
    }
    text
}

fn article(sentences: usize, seed: u64) -> String {
    let mut words = Words::new(seed);
    let mut text = String::new();
    for i in 0..sentences {
        let n = 6 + (i * 7 + seed as usize) % 14;
        let sentence: Vec<&str> = (0..n).map(|_| words.next()).collect();
        let sentence = sentence.join(" ");
        let mut chars = sentence.chars();
        if let Some(first) = chars.next() {
            text.extend(first.to_uppercase());
            text.push_str(chars.as_str());
        }
        text.push_str(if i % 5 == 4 { ".\n\n" } else { ". " });
    }
    text
}

fn time_compare(label: &str, a: String, b: String) {
    let size = a.len() + b.len();
    let started = Instant::now();
    let sources = [a, b]
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let doc = Document {
                id: format!("s{}", i + 1),
                path: format!("{label}-{}.txt", i + 1),
                body: 0..text.len(),
                text,
                encoding: "UTF-8".into(),
                meta: Metadata::default(),
            };
            prepare(doc, &Rules::builtin(), false)
        })
        .collect();
    let comparison = compare_sources(sources, &CompareOptions::default()).expect("compare");
    let out = json::compare_to_string(&comparison);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{label:>12}  {:>6.2} MB in  {seconds:>7.2} s  {:>6.2} MB JSON out  {} sentences",
        size as f64 / 1e6,
        out.len() as f64 / 1e6,
        comparison
            .sources
            .iter()
            .map(|s| s.sentences.len())
            .sum::<usize>()
    );
    for warning in &comparison.warnings {
        println!("{:>14}warning: {warning}", "");
    }
}

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    if which.is_empty() || which == "long" {
        for kib in [256, 512, 1024] {
            let bytes = kib * 1024;
            time_compare(
                &format!("{kib} KiB"),
                unpunctuated(bytes, 1),
                unpunctuated(bytes, 2),
            );
        }
    }
    if which.is_empty() || which == "many" {
        for n in [25_000, 50_000, 100_000] {
            time_compare(&format!("{n} sent."), article(n, 3), article(n, 4));
        }
    }
}
