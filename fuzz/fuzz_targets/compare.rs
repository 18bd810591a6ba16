//! Compare two or three arbitrary texts: never panics, and every offset and reference the
//! comparison holds points inside its sources.
#![no_main]

use claimdiff_fuzz::comparison;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(comparison) = comparison(data) else {
        return;
    };
    let sources = &comparison.sources;
    assert_eq!(comparison.diffs.len(), comparison.alignment.groups.len());
    for group in &comparison.alignment.groups {
        for member in group.members.iter().map(|m| m.at).chain([group.pivot]) {
            let source = sources.get(member.source).expect("member source exists");
            assert!(source.sentences.get(member.sentence).is_some());
        }
    }
    for at in &comparison.alignment.unmatched {
        let source = sources.get(at.source).expect("unmatched source exists");
        assert!(source.sentences.get(at.sentence).is_some());
    }
});
