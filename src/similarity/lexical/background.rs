//! The built-in background document frequencies (`data/background_df.txt`) as a hash
//! table laid out by `build.rs`, read in place from the binary.
//!
//! Filling a hash map from the text at every start cost a short `compare` about half a
//! millisecond and 400 KB of fresh memory; the stored table costs neither, and a lookup
//! reads a few bytes of it. `build.rs` and the crate share this file: the one writes with
//! [`encode`], the other reads with [`Table`], and both hash with [`hash`].
//!
//! Layout (little-endian): [`MAGIC`]; the number of documents (`f64`); the number of
//! entries `n` and of slots (a power of two, at least twice `n`), each `u32`; the slots,
//! each 0 (empty) or an entry's index plus one (`u32`), placed by [`hash`] with linear
//! probing; the `n + 1` key offsets (`u32`) into the key bytes, entry `i`'s key being
//! bytes `offset[i]..offset[i + 1]`; the `n` counts (`u32`); the key bytes.

/// The first bytes of a table (the last is its version).
pub const MAGIC: &[u8; 8] = b"CDBGDF\x00\x01";

/// FNV-1a over the key's bytes: the same in `build.rs` and at run time, whatever the
/// platform.
pub fn hash(key: &[u8]) -> u64 {
    key.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The table of `key<TAB>count` lines, `# documents N` setting the number of documents
/// and other `#` lines skipped, as the text was always read: a later line for a key
/// replaces an earlier one, and a line without a tab or a count is skipped. Used by
/// `build.rs` (and the tests).
#[cfg_attr(not(test), allow(dead_code))]
pub fn encode(text: &str) -> Vec<u8> {
    let mut docs = 1.0f64;
    let mut keys: Vec<&str> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for line in text.lines() {
        if let Some(n) = line.strip_prefix("# documents ") {
            docs = n.trim().parse().unwrap_or(1.0);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let Some((key, count)) = line.split_once('\t') else {
            continue;
        };
        let Ok(count) = count.trim().parse::<u32>() else {
            continue;
        };
        match index.get(key) {
            Some(&i) => counts[i] = count,
            None => {
                index.insert(key, keys.len());
                keys.push(key);
                counts.push(count);
            }
        }
    }
    let slots_len = (keys.len() * 2).next_power_of_two().max(2);
    let mask = slots_len - 1;
    let mut slots = vec![0u32; slots_len];
    for (i, key) in keys.iter().enumerate() {
        let mut at = hash(key.as_bytes()) as usize & mask;
        while slots[at] != 0 {
            at = (at + 1) & mask;
        }
        slots[at] = to_u32(i + 1);
    }
    let mut out = MAGIC.to_vec();
    out.extend(docs.to_le_bytes());
    out.extend(to_u32(keys.len()).to_le_bytes());
    out.extend(to_u32(slots_len).to_le_bytes());
    for slot in slots {
        out.extend(slot.to_le_bytes());
    }
    let mut offset = 0usize;
    out.extend(0u32.to_le_bytes());
    for key in &keys {
        offset += key.len();
        out.extend(to_u32(offset).to_le_bytes());
    }
    for count in counts {
        out.extend(count.to_le_bytes());
    }
    for key in keys {
        out.extend(key.as_bytes());
    }
    out
}

#[cfg_attr(not(test), allow(dead_code))]
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("a background table of fewer than 2^32 bytes")
}

/// A table [`encode`] wrote, read where it lies.
#[derive(Clone, Copy, Debug)]
pub struct Table<'a> {
    docs: f64,
    slots: &'a [u8],
    offsets: &'a [u8],
    counts: &'a [u8],
    keys: &'a [u8],
}

impl<'a> Table<'a> {
    /// Reads the header; `None` if `bytes` are not a whole table.
    pub fn read(bytes: &'a [u8]) -> Option<Table<'a>> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (docs, rest) = rest.split_first_chunk::<8>()?;
        let (n, rest) = rest.split_first_chunk::<4>()?;
        let (slots_len, rest) = rest.split_first_chunk::<4>()?;
        let n = usize::try_from(u32::from_le_bytes(*n)).ok()?;
        let slots_len = usize::try_from(u32::from_le_bytes(*slots_len)).ok()?;
        if !slots_len.is_power_of_two() {
            return None;
        }
        let (slots, rest) = rest.split_at_checked(slots_len.checked_mul(4)?)?;
        let (offsets, rest) = rest.split_at_checked(n.checked_add(1)?.checked_mul(4)?)?;
        let (counts, keys) = rest.split_at_checked(n.checked_mul(4)?)?;
        Some(Table {
            docs: f64::from_le_bytes(*docs),
            slots,
            offsets,
            counts,
            keys,
        })
    }

    /// The number of documents counted.
    pub fn documents(&self) -> f64 {
        self.docs
    }

    /// How many documents hold `key`; `None` for a key not in the table.
    pub fn get(&self, key: &str) -> Option<u32> {
        let slots = self.slots.len() / 4;
        let mask = slots.checked_sub(1)?;
        let mut at = hash(key.as_bytes()) as usize & mask;
        // At most one round: a table without an empty slot still ends.
        for _ in 0..slots {
            // An empty slot (0) ends the probe: the key is not in the table.
            let entry = usize::try_from(u32_at(self.slots, at)?.checked_sub(1)?).ok()?;
            let start = usize::try_from(u32_at(self.offsets, entry)?).ok()?;
            let end = usize::try_from(u32_at(self.offsets, entry + 1)?).ok()?;
            if self.keys.get(start..end)? == key.as_bytes() {
                return u32_at(self.counts, entry);
            }
            at = (at + 1) & mask;
        }
        None
    }
}

/// The `index`th little-endian `u32` of `bytes`.
fn u32_at(bytes: &[u8], index: usize) -> Option<u32> {
    let start = index.checked_mul(4)?;
    let word = bytes.get(start..start.checked_add(4)?)?;
    Some(u32::from_le_bytes(word.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = include_str!("../../../data/background_df.txt");

    /// The counts as the text reads, line by line.
    fn parsed() -> std::collections::HashMap<&'static str, u32> {
        TEXT.lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('\t'))
            .filter_map(|(key, count)| Some((key, count.trim().parse().ok()?)))
            .collect()
    }

    #[test]
    fn the_stored_table_is_the_data_file_encoded() {
        assert_eq!(super::super::BACKGROUND, encode(TEXT).as_slice());
    }

    #[test]
    fn every_key_answers_its_count_and_others_none() {
        let encoded = encode(TEXT);
        let table = Table::read(&encoded).expect("a table");
        assert_eq!(table.documents(), 7817.0);
        let expected = parsed();
        assert!(expected.len() > 7000, "{}", expected.len());
        for (key, count) in &expected {
            assert_eq!(table.get(key), Some(*count), "{key}");
        }
        for absent in ["", "zzzqx", "lavrov\t", "saïd", "the the"] {
            if !expected.contains_key(absent) {
                assert_eq!(table.get(absent), None, "{absent}");
            }
        }
    }

    #[test]
    fn a_later_line_replaces_an_earlier_and_bad_lines_are_skipped() {
        let text = "# documents 10\n# comment\nsyria\t3\nno tab\nbad\tcount\nsyria\t5\nkerry\t2\n";
        let encoded = encode(text);
        let table = Table::read(&encoded).expect("a table");
        assert_eq!(table.documents(), 10.0);
        assert_eq!(table.get("syria"), Some(5));
        assert_eq!(table.get("kerry"), Some(2));
        assert_eq!(table.get("bad"), None);
        assert_eq!(table.get("no tab"), None);
    }

    #[test]
    fn an_empty_text_gives_an_empty_table() {
        let encoded = encode("");
        let table = Table::read(&encoded).expect("a table");
        assert_eq!(table.documents(), 1.0);
        assert_eq!(table.get("syria"), None);
    }

    proptest::proptest! {
        /// Cut or damaged bytes never panic or loop: a lookup answers something or `None`.
        #[test]
        fn damaged_tables_do_not_panic(cut in 0usize..200, flips in proptest::collection::vec((0usize..200, proptest::num::u8::ANY), 0..8), key in "[a-z]{0,8}") {
            let text = "# documents 10\nsyria\t3\nkerry\t2\nlavrov\t7\n";
            let mut bytes = encode(text);
            for (at, byte) in flips {
                if let Some(b) = bytes.get_mut(at) {
                    *b = byte;
                }
            }
            bytes.truncate(bytes.len().saturating_sub(cut));
            if let Some(table) = Table::read(&bytes) {
                let _ = table.get(&key);
            }
        }
    }
}
