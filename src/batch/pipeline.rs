//! An ordered parallel map: work on every core, results handed over in input order.
//!
//! Workers take small chunks of items from a shared iterator in turn (so locking costs
//! little even when an item takes microseconds) and may run at most a window of chunks
//! ahead of the oldest one not yet handed over. Memory therefore stays bounded however many
//! items there are, and the first results reach the caller while later items are still
//! being read. If the caller stops (for example on a closed pipe) the workers stop too.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

/// Items a worker takes at once.
const CHUNK: usize = 16;
/// How many chunks workers may run ahead of the output, per worker.
const AHEAD_PER_WORKER: usize = 4;

/// Runs `work` on each item with `jobs` threads and passes the results to `sink` in order.
/// Items are taken from `items` only as workers become free. Stops early, returning its
/// error, if `sink` fails.
pub fn run<T, R, E>(
    items: impl Iterator<Item = T> + Send,
    jobs: usize,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let mut items = items;
    if jobs <= 1 {
        return items.try_for_each(|item| sink(work(item)));
    }
    let window = jobs * AHEAD_PER_WORKER;
    // The items not yet taken, and the number of the next chunk.
    let next = Mutex::new((items, 0usize));
    // The number of the oldest chunk not yet handed to `sink`.
    let handed = Mutex::new(0usize);
    let moved = Condvar::new();
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Vec<R>)>();

    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (work, next, handed, moved, stop) = (&work, &next, &handed, &moved, &stop);
            scope.spawn(move || {
                loop {
                    let (c, chunk) = {
                        let mut n = next.lock().unwrap_or_else(PoisonError::into_inner);
                        let chunk: Vec<T> = n.0.by_ref().take(CHUNK).collect();
                        if chunk.is_empty() {
                            break;
                        }
                        n.1 += 1;
                        (n.1 - 1, chunk)
                    };
                    {
                        let mut h = handed.lock().unwrap_or_else(PoisonError::into_inner);
                        while c >= *h + window && !stop.load(Ordering::Relaxed) {
                            h = moved.wait(h).unwrap_or_else(PoisonError::into_inner);
                        }
                    }
                    let mut results = Vec::with_capacity(chunk.len());
                    for item in chunk {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        results.push(work(item));
                    }
                    if tx.send((c, results)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);

        let mut pending = BTreeMap::new();
        let mut expected = 0usize;
        let mut result = Ok(());
        'receive: for (c, results) in rx.iter() {
            pending.insert(c, results);
            while let Some(results) = pending.remove(&expected) {
                for r in results {
                    if let Err(e) = sink(r) {
                        result = Err(e);
                        break 'receive;
                    }
                }
                expected += 1;
                *handed.lock().unwrap_or_else(PoisonError::into_inner) = expected;
                moved.notify_all();
            }
        }
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
            // Take the lock so no worker misses the wake-up between its check and its wait.
            drop(handed.lock().unwrap_or_else(PoisonError::into_inner));
            moved.notify_all();
        }
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_timing() {
        let mut got = Vec::new();
        let r: Result<(), ()> = run(
            0..500u64,
            4,
            |i| {
                // Later items finish first now and then.
                if i % 7 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                i * 2
            },
            |r| {
                got.push(r);
                Ok(())
            },
        );
        assert_eq!(r, Ok(()));
        assert_eq!(got, (0..500).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_failing_sink_stops_the_workers_and_returns_its_error() {
        let done = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = 0;
        let r = run(
            0..100_000u32,
            2,
            |_| {
                done.fetch_add(1, Ordering::Relaxed);
            },
            |()| {
                seen += 1;
                if seen == 10 { Err("closed") } else { Ok(()) }
            },
        );
        assert_eq!(r, Err("closed"));
        assert!(
            done.load(Ordering::Relaxed) <= (2 * AHEAD_PER_WORKER + 2 + 1) * CHUNK,
            "workers stop within the window"
        );
    }

    #[test]
    fn one_job_and_no_items_work() {
        let mut got = Vec::new();
        let r: Result<(), ()> = run(
            1..4,
            1,
            |i| i,
            |r| {
                got.push(r);
                Ok(())
            },
        );
        assert_eq!((r, got), (Ok(()), vec![1, 2, 3]));
        let r: Result<(), ()> = run(std::iter::empty::<u8>(), 4, |i| i, |_| Ok(()));
        assert_eq!(r, Ok(()));
    }
}
