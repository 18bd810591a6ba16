//! Sentence segmentation with exact byte offsets.

use std::ops::Range;

use crate::model::Sentence;

/// Splits the given regions of `text` into sentences.
///
/// `regions` are the byte ranges left after cleaning, in order and not overlapping; no
/// sentence crosses a region's border.
pub fn segment(text: &str, regions: &[Range<usize>]) -> Vec<Sentence> {
    // Placeholder until the segmenter lands: one sentence per non-empty line.
    let mut out = Vec::new();
    for region in regions {
        let mut at = region.start;
        for line in text[region.clone()].split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let start = at + (line.len() - line.trim_start().len());
                out.push(Sentence {
                    index: out.len(),
                    text: trimmed.split_whitespace().collect::<Vec<_>>().join(" "),
                    start,
                    end: start + trimmed.len(),
                    paragraph: out.len(),
                });
            }
            at += line.len();
        }
    }
    out
}
