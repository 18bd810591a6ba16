//! Event grouping: which articles of a corpus report the same event.
//!
//! Each article is reduced to a MinHash signature of its content words (the set of
//! lowercased words of its cleaned sentences, stop words and words under three letters
//! left out). Two signatures agree at a position with probability equal to the Jaccard
//! similarity of the two word sets, so the share of agreeing positions estimates it.
//!
//! Articles are then visited in date order (undated ones last, among themselves) and each
//! joins the open event holding its most similar article, when that similarity reaches
//! [`GroupingOptions::min_similarity`]; otherwise it opens a new event. An event is open
//! for [`GroupingOptions::window_days`] days after its first article, and closes early when
//! it reaches [`GroupingOptions::max_articles`]. Candidate events come from locality-
//! sensitive hashing: the signature is cut into bands of [`ROWS`] values, and only events
//! sharing a band with the article are scored, so the work grows with the articles of a
//! few days, never with all pairs.
//!
//! The result depends only on the articles and their input order: no randomness, no
//! dependence on threads.

use rustc_hash::FxHashMap;

use super::reader::Location;
use crate::similarity::tokens::is_stopword;

/// Values in a signature.
pub const SIGNATURE_LEN: usize = 64;
/// Signature values per LSH band: two rows in 32 bands make a pair at Jaccard 0.3 a
/// candidate with probability 0.95, and one at 0.1 with 0.27.
pub const ROWS: usize = 2;

/// A MinHash signature of an article's content words.
pub type Signature = [u32; SIGNATURE_LEN];

/// What grouping needs of one article.
#[derive(Clone, Debug)]
pub struct ArticleKey {
    /// Where the article is, to load it again.
    pub location: Location,
    /// Days since 1970-01-01 of its date, when it has one.
    pub day: Option<i32>,
    /// Index into the corpus' outlet names.
    pub outlet: u32,
    /// Its content words' signature.
    pub signature: Box<Signature>,
}

/// How articles are grouped into events.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupingOptions {
    /// An event holds articles dated at most this many days after its first article.
    pub window_days: u32,
    /// Estimated Jaccard similarity of content words an article needs with some article
    /// of an event to join it.
    pub min_similarity: f64,
    /// An event with this many articles takes no more (later articles open a new event);
    /// a budget on the per-event comparison, whose work grows with the square of its size.
    pub max_articles: usize,
}

impl Default for GroupingOptions {
    fn default() -> Self {
        GroupingOptions {
            window_days: 3,
            min_similarity: 0.3,
            max_articles: 64,
        }
    }
}

/// Articles that report one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Indices into the article keys, in date order (then input order).
    pub articles: Vec<u32>,
    /// The first article's day.
    pub first_day: Option<i32>,
    /// The last article's day.
    pub last_day: Option<i32>,
}

/// The MinHash signature of a text's content words.
pub fn signature<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Box<Signature> {
    let mut terms: Vec<u64> = Vec::new();
    let mut word = String::new();
    for sentence in sentences {
        for c in sentence.chars().chain(std::iter::once(' ')) {
            // ASCII first: the same test and lowercase, without the Unicode tables.
            let alphanumeric = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric()
            };
            if alphanumeric {
                if c.is_ascii() {
                    word.push(c.to_ascii_lowercase());
                } else {
                    word.extend(c.to_lowercase());
                }
            } else if !word.is_empty() {
                if word.chars().count() >= 3 && !is_stopword(&word) {
                    terms.push(mix(fnv1a(word.as_bytes())));
                }
                word.clear();
            }
        }
    }
    terms.sort_unstable();
    terms.dedup();
    let mut sig = Box::new([u32::MAX; SIGNATURE_LEN]);
    // Slot by slot, each the least hash over all the terms: the loop over the terms keeps
    // its multiplier and minimum in registers.
    for (slot, &(a, b)) in sig.iter_mut().zip(hashers().iter()) {
        // Multiply-shift hashing: a different permutation of the words per slot.
        *slot = terms
            .iter()
            .map(|term| (a.wrapping_mul(*term).wrapping_add(b) >> 32) as u32)
            .fold(u32::MAX, u32::min);
    }
    sig
}

/// The share of positions where two signatures agree: an estimate of the Jaccard
/// similarity of the two word sets.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    let same = a.iter().zip(b.iter()).filter(|(x, y)| x == y).count();
    same as f64 / SIGNATURE_LEN as f64
}

/// Days since 1970-01-01 of an ISO 8601 date (`2016-03-06`, with or without a time).
pub fn day_number(date: &str) -> Option<i32> {
    let head = date.get(..10)?;
    let mut parts = head.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The date of a day number, `YYYY-MM-DD`.
pub fn day_to_date(day: i32) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Groups articles into events (see the module docs). Events come in the order of their
/// first article (by date, then input order).
pub fn group(keys: &[ArticleKey], options: &GroupingOptions) -> Vec<Event> {
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_by_key(|&i| {
        let day = keys[i as usize].day;
        (day.is_none(), day, i)
    });
    let mut events: Vec<Event> = Vec::new();
    let mut open: Vec<u32> = Vec::new();
    // Band key → the open events with an article in that bucket. The keys are hashes
    // already, hence the plain FxHash.
    let mut index: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let mut current: Option<Option<i32>> = None;
    let window = i64::from(options.window_days);
    let max_articles = options.max_articles.max(1);
    let mut candidates: Vec<u32> = Vec::new();
    for article in order {
        let key = &keys[article as usize];
        if current != Some(key.day) {
            current = Some(key.day);
            // Close the events this day is past; undated articles start afresh.
            let mut closed: Vec<u32> = Vec::new();
            open.retain(|&e| {
                let event = &events[e as usize];
                let still_open = match (event.first_day, key.day) {
                    (Some(first), Some(day)) => i64::from(day) - i64::from(first) <= window,
                    (None, None) => true,
                    _ => false,
                };
                if !still_open {
                    closed.push(e);
                }
                still_open
            });
            // Only the closed events leave the index (rebuilding it from the open ones
            // each day cost a second on 100,000 articles); the open ones stay as they were.
            for e in closed {
                for &member in &events[e as usize].articles {
                    remove_bands(&mut index, &keys[member as usize].signature, e);
                }
            }
        }
        candidates.clear();
        for band_key in band_keys(&key.signature) {
            if let Some(found) = index.get(&band_key) {
                candidates.extend_from_slice(found);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f64, u32)> = None;
        for &e in &candidates {
            let event = &events[e as usize];
            if event.articles.len() >= max_articles {
                continue;
            }
            let score = event
                .articles
                .iter()
                .map(|&m| similarity(&key.signature, &keys[m as usize].signature))
                .fold(0.0, f64::max);
            // Ties go to the earlier event: candidates are in event order.
            if score >= options.min_similarity && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, e));
            }
        }
        let target = match best {
            Some((_, e)) => {
                let event = &mut events[e as usize];
                event.articles.push(article);
                event.last_day = key.day;
                e
            }
            None => {
                let e = events.len() as u32;
                events.push(Event {
                    articles: vec![article],
                    first_day: key.day,
                    last_day: key.day,
                });
                open.push(e);
                e
            }
        };
        add_bands(&mut index, &key.signature, target);
    }
    events
}

fn add_bands(index: &mut FxHashMap<u64, Vec<u32>>, signature: &Signature, event: u32) {
    for band_key in band_keys(signature) {
        let bucket = index.entry(band_key).or_default();
        if bucket.last() != Some(&event) {
            bucket.push(event);
        }
    }
}

/// Takes `event` out of the buckets of `signature`'s bands (and an emptied bucket out of
/// the index).
fn remove_bands(index: &mut FxHashMap<u64, Vec<u32>>, signature: &Signature, event: u32) {
    for band_key in band_keys(signature) {
        if let Some(bucket) = index.get_mut(&band_key) {
            bucket.retain(|&e| e != event);
            if bucket.is_empty() {
                index.remove(&band_key);
            }
        }
    }
}

fn band_keys(signature: &Signature) -> impl Iterator<Item = u64> + '_ {
    signature
        .chunks_exact(ROWS)
        .enumerate()
        .map(|(band, rows)| {
            rows.iter()
                .fold(mix(band as u64 + 1), |h, &v| mix(h ^ u64::from(v)))
        })
}

/// The per-slot multipliers (odd) and offsets, fixed so signatures are the same on every
/// run and machine.
fn hashers() -> &'static [(u64, u64); SIGNATURE_LEN] {
    static HASHERS: std::sync::OnceLock<[(u64, u64); SIGNATURE_LEN]> = std::sync::OnceLock::new();
    HASHERS.get_or_init(|| {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut out = [(0u64, 0u64); SIGNATURE_LEN];
        for slot in out.iter_mut() {
            state = mix(state);
            let a = state | 1;
            state = mix(state);
            *slot = (a, state);
        }
        out
    })
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// SplitMix64's finaliser: spreads every input bit over the output.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(day: Option<i32>, text: &str) -> ArticleKey {
        ArticleKey {
            location: Location {
                file: 0,
                offset: 0,
                len: 0,
                line: 0,
            },
            day,
            outlet: 0,
            signature: signature([text]),
        }
    }

    const LAVROV: &str = "Russian Foreign Minister Sergei Lavrov said after a meeting with \
        US Secretary of State John Kerry in Moscow that the two sides agreed on enforcing \
        their decisions regarding Syria within days";
    const STOCKS: &str = "Shares of the chipmaker fell sharply on Wall Street after quarterly \
        earnings missed analyst forecasts and the company cut its revenue outlook";

    #[test]
    fn dates_round_trip_through_day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2016-03-06T12:00:00Z"), day_number("2016-03-06"));
        assert_eq!(
            day_number("2016-03-01").zip(day_number("2016-02-28")),
            Some((
                day_number("2016-02-28").unwrap_or(0) + 2,
                day_number("2016-02-28").unwrap_or(0)
            ))
        );
        for day in [-1, 0, 16_866, 20_000] {
            assert_eq!(day_number(&day_to_date(day)), Some(day));
        }
        assert_eq!(day_number("March 6"), None);
        assert_eq!(day_number("2016-13-01"), None);
    }

    #[test]
    fn same_words_give_the_same_signature_and_different_words_a_low_similarity() {
        assert_eq!(signature([LAVROV]), signature([LAVROV]));
        assert!(similarity(&signature([LAVROV]), &signature([STOCKS])) < 0.1);
    }

    #[test]
    fn similar_articles_within_the_window_form_one_event() {
        let keys = vec![
            key(Some(100), LAVROV),
            key(Some(100), STOCKS),
            key(Some(102), &format!("{LAVROV} on Saturday")),
        ];
        let events = group(&keys, &GroupingOptions::default());
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].articles, vec![0, 2]);
        assert_eq!(events[0].last_day, Some(102));
        assert_eq!(events[1].articles, vec![1]);
    }

    #[test]
    fn the_same_story_outside_the_window_is_a_new_event() {
        let keys = vec![key(Some(100), LAVROV), key(Some(110), LAVROV)];
        let events = group(&keys, &GroupingOptions::default());
        assert_eq!(events.len(), 2);
    }

    #[test]
    fn undated_articles_group_among_themselves() {
        let keys = vec![key(None, LAVROV), key(Some(5), LAVROV), key(None, LAVROV)];
        let events = group(&keys, &GroupingOptions::default());
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].articles, vec![1]);
        assert_eq!(events[1].articles, vec![0, 2]);
    }

    #[test]
    fn a_full_event_takes_no_more_articles() {
        let keys = vec![
            key(Some(1), LAVROV),
            key(Some(1), LAVROV),
            key(Some(1), LAVROV),
        ];
        let options = GroupingOptions {
            max_articles: 2,
            ..GroupingOptions::default()
        };
        let events = group(&keys, &options);
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].articles, vec![2]);
    }
}
