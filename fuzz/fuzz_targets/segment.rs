//! Segmentation of arbitrary text, over the whole text and over regions the bytes choose:
//! spans in order, non-overlapping, on char boundaries, and `text` is the collapsed slice.
#![no_main]

use claimdiff::segment::segment;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first four bytes (when there are more) pick a region of the text to segment.
    let (region_bytes, text) = if data.len() > 4 {
        data.split_at(4)
    } else {
        (&[][..], data)
    };
    let text = String::from_utf8_lossy(text);
    let mut regions = vec![0..text.len()];
    if let [a, b, c, d] = *region_bytes {
        let start = usize::from(u16::from_le_bytes([a, b])) % (text.len() + 1);
        let end = usize::from(u16::from_le_bytes([c, d])) % (text.len() + 1);
        regions = vec![start..end, end..text.len()];
    }
    let sentences = segment(&text, &regions);
    let mut previous_end = 0;
    for (i, sentence) in sentences.iter().enumerate() {
        assert_eq!(sentence.index, i);
        assert!(sentence.start >= previous_end, "spans overlap or go backwards");
        assert!(sentence.start < sentence.end);
        let slice = text
            .get(sentence.start..sentence.end)
            .expect("span inside the text on char boundaries");
        let collapsed = slice.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(sentence.text, collapsed);
        previous_end = sentence.end;
    }
});
