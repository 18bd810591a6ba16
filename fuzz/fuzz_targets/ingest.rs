//! Bytes → articles: decoding, header parsing, HTML extraction, JSON Lines, then cleaning
//! and segmentation of every article read. The first byte picks the file kind.
#![no_main]

use std::path::Path;

use claimdiff::ingest::{read_bytes, IngestOptions};
use claimdiff::pipeline::prepare;
use claimdiff_fuzz::rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = match kind % 3 {
        0 => "article.txt",
        1 => "article.html",
        _ => "articles.jsonl",
    };
    let Ok(docs) = read_bytes(Path::new(name), bytes, &IngestOptions::default()) else {
        return;
    };
    for doc in docs {
        assert!(doc.body.start <= doc.body.end && doc.body.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(doc.body.start));
        let source = prepare(doc, rules(), false);
        for sentence in &source.sentences {
            assert!(source.text.get(sentence.start..sentence.end).is_some());
        }
    }
});
