//! Data parallelism inside one comparison, which does not nest.
//!
//! A single `compare` has a few independent steps worth spreading over the cores: each
//! article's cleaning, each sentence's terms, each candidate pair's score. Corpus mode
//! already compares whole events in parallel on a rayon pool; there, splitting each
//! event's steps again only adds overhead, so work that starts on a rayon worker thread
//! stays on it. Results are in input order either way, so output never depends on it.

use rayon::prelude::*;

/// Whether the caller is already one of several parallel workers.
fn nested() -> bool {
    rayon::current_thread_index().is_some()
}

/// Whether work started here is spread over the cores: not already on a worker, and
/// more than one thread to spread it over.
pub(crate) fn spreads() -> bool {
    !nested() && rayon::current_num_threads() > 1
}

/// `items` mapped by `f`, in order; in parallel unless already on a worker.
pub(crate) fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < 2 || nested() {
        items.into_iter().map(f).collect()
    } else {
        items.into_par_iter().map(f).collect()
    }
}

/// The items of `items` mapped by `f`, in order; in parallel unless already on a worker.
pub(crate) fn map_slice<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    if items.len() < 2 || nested() {
        items.iter().map(f).collect()
    } else {
        items.par_iter().map(f).collect()
    }
}

/// `f(state, i)` for `i` in `0..n`, in order, each worker with its own `init()` state;
/// in parallel unless already on a worker.
pub(crate) fn map_range_with<S, R: Send>(
    n: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, usize) -> R + Sync + Send,
) -> Vec<R> {
    if n < 2 || nested() {
        let mut state = init();
        (0..n).map(|i| f(&mut state, i)).collect()
    } else {
        (0..n).into_par_iter().map_init(init, f).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_input_order_on_and_off_a_worker() {
        let items: Vec<u32> = (0..1000).collect();
        let expected: Vec<u32> = items.iter().map(|x| x * 3).collect();
        assert_eq!(map_slice(&items, |x| x * 3), expected);
        assert_eq!(map(items.clone(), |x| x * 3), expected);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        assert_eq!(pool.install(|| map(items.clone(), |x| x * 3)), expected);
        let counted = map_range_with(
            1000,
            || 0u32,
            |calls, i| {
                *calls += 1;
                i as u32 * 3
            },
        );
        assert_eq!(counted, expected);
    }
}
