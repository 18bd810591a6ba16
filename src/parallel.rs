//! Data parallelism inside one comparison, which does not nest.
//!
//! A single `compare` has a few independent steps worth spreading over the cores: each
//! article's cleaning, each sentence's terms, each candidate pair's score. Corpus mode
//! already compares whole events in parallel on a rayon pool; there, splitting each
//! event's steps again only adds overhead, so work that starts on a rayon worker thread
//! stays on it. Results are in input order either way, so output never depends on it.
//!
//! A process that compares once can make its own thread one of the global pool's
//! ([`join_global_pool`]): it then works on the items it spreads instead of sleeping
//! while the workers do, and the pool spawns one thread fewer.

use std::cell::Cell;

use rayon::prelude::*;

thread_local! {
    /// This thread is the global pool's thread 0 by [`join_global_pool`]: being in the
    /// pool does not make it one of several workers.
    static JOINED: Cell<bool> = const { Cell::new(false) };
    /// This thread is running an item of a parallel map.
    static IN_ITEM: Cell<bool> = const { Cell::new(false) };
}

/// Makes the calling thread one of the threads of rayon's global pool (its thread 0; the
/// pool's size is rayon's default, `RAYON_NUM_THREADS` or the cores). `false` if the
/// global pool was already built, and then nothing changes.
pub(crate) fn join_global_pool() -> bool {
    let joined = rayon::ThreadPoolBuilder::new()
        .use_current_thread()
        .build_global()
        .is_ok();
    if joined {
        JOINED.set(true);
    }
    joined
}

/// Whether the caller is already one of several parallel workers: on a pool's thread,
/// unless it is the thread that joined the pool and is not running a parallel item.
fn nested() -> bool {
    rayon::current_thread_index().is_some() && (!JOINED.get() || IN_ITEM.get())
}

/// `f(item)`, marked as a parallel item for [`nested`].
fn as_item<R>(f: impl FnOnce() -> R) -> R {
    let outer = IN_ITEM.replace(true);
    let result = f();
    IN_ITEM.set(outer);
    result
}

/// Whether work started here is spread over the cores: not already on a worker, and
/// more than one thread to spread it over.
pub(crate) fn spreads() -> bool {
    !nested() && rayon::current_num_threads() > 1
}

/// `items` mapped by `f`, in order; in parallel where [`spreads`].
pub(crate) fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < 2 || !spreads() {
        items.into_iter().map(f).collect()
    } else {
        items
            .into_par_iter()
            .map(|item| as_item(|| f(item)))
            .collect()
    }
}

/// The items of `items` mapped by `f`, in order; in parallel where [`spreads`].
pub(crate) fn map_slice<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    if items.len() < 2 || !spreads() {
        items.iter().map(f).collect()
    } else {
        items.par_iter().map(|item| as_item(|| f(item))).collect()
    }
}

/// `f(state, i)` for `i` in `0..n`, in order, each worker with its own `init()` state;
/// in parallel where [`spreads`].
pub(crate) fn map_range_with<S, R: Send>(
    n: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, usize) -> R + Sync + Send,
) -> Vec<R> {
    if n < 2 || !spreads() {
        let mut state = init();
        (0..n).map(|i| f(&mut state, i)).collect()
    } else {
        (0..n)
            .into_par_iter()
            .map_init(init, |state, i| as_item(|| f(state, i)))
            .collect()
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

    #[test]
    fn a_thread_that_joined_the_pool_spreads_its_items_but_not_an_item_again() {
        // Its own thread, so that this test thread is never marked as joined.
        std::thread::spawn(|| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .use_current_thread()
                .build()
                .unwrap();
            JOINED.set(true);
            assert_eq!(rayon::current_thread_index(), Some(0));
            assert!(!nested());
            let items: Vec<u32> = (0..40).collect();
            let seen = map(items.clone(), |x| {
                // Slow enough items that the other thread takes some.
                std::thread::sleep(std::time::Duration::from_millis(1));
                (x, rayon::current_thread_index(), nested())
            });
            assert_eq!(seen.iter().map(|s| s.0).collect::<Vec<_>>(), items);
            assert!(seen.iter().all(|&(_, _, nested)| nested));
            assert!(seen.iter().any(|&(_, thread, _)| thread == Some(0)));
            assert!(seen.iter().any(|&(_, thread, _)| thread == Some(1)));
            assert!(!nested());
            drop(pool);
        })
        .join()
        .unwrap();
    }
}
