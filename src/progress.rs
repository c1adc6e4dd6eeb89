//! How far a long job has got, shared between the thread that does it (the store's) and
//! whoever shows it (the desk's popup, the command line's bar). The job only counts; it never
//! draws, so the store stays free of any terminal.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::text::T;

/// A handle to one counter. Clones share it; the default one counts for nobody.
#[derive(Clone, Default)]
pub struct Progress(Arc<Inner>);

#[derive(Default)]
struct Inner {
    /// What is running (a text key, so that each reader says it in its own language), and its
    /// total; `None` when nothing is.
    job: Mutex<Option<(T, u64)>>,
    done: AtomicU64,
    /// Bumped at every start, so that a reader can tell one job from the next.
    generation: AtomicU64,
    /// Called on the job's own thread when the outermost job ends (the command line clears its
    /// bar there, before the command prints what it did).
    on_end: Mutex<Option<Arc<dyn Fn() + Send + Sync>>>,
}

/// What a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub what: T,
    pub done: u64,
    /// 0 when the total is not known.
    pub total: u64,
    pub generation: u64,
}

impl Progress {
    /// Starts a job of `total` steps (0: unknown). The job ends when the returned guard is
    /// dropped, however the work ends (an error, a panic).
    pub fn start(&self, what: T, total: u64) -> Job<'_> {
        self.0.done.store(0, Ordering::Relaxed);
        self.0.generation.fetch_add(1, Ordering::Relaxed);
        let previous = self
            .0
            .job
            .lock()
            .map(|mut j| j.replace((what, total)))
            .unwrap_or(None);
        Job {
            progress: self,
            previous,
        }
    }

    /// Runs `f` whenever the outermost job ends.
    pub fn on_end(&self, f: Arc<dyn Fn() + Send + Sync>) {
        if let Ok(mut slot) = self.0.on_end.lock() {
            *slot = Some(f);
        }
    }

    /// The job running now, if any.
    pub fn reading(&self) -> Option<Reading> {
        let job = *self.0.job.lock().ok()?;
        let (what, total) = job?;
        Some(Reading {
            what,
            done: self.0.done.load(Ordering::Relaxed),
            total,
            generation: self.0.generation.load(Ordering::Relaxed),
        })
    }
}

/// A running job: count with `advance`; dropping it ends the job (and gives the screen back
/// to the job that started it, when one job runs inside another).
pub struct Job<'a> {
    progress: &'a Progress,
    previous: Option<(T, u64)>,
}

impl Job<'_> {
    /// `n` more steps done.
    pub fn advance(&self, n: u64) {
        self.progress.0.done.fetch_add(n, Ordering::Relaxed);
    }

    /// Sets how many steps are done.
    pub fn set(&self, done: u64) {
        self.progress.0.done.store(done, Ordering::Relaxed);
    }
}

impl Drop for Job<'_> {
    fn drop(&mut self) {
        if let Ok(mut j) = self.progress.0.job.lock() {
            *j = self.previous.take();
            if j.is_some() {
                return;
            }
        }
        let end = self.progress.0.on_end.lock().ok().and_then(|f| f.clone());
        if let Some(f) = end {
            f();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_counts_until_its_guard_is_dropped_and_an_inner_job_gives_way_back() {
        let p = Progress::default();
        assert_eq!(p.reading(), None);
        {
            let outer = p.start(T::ProgressDemo, 0);
            outer.advance(1);
            {
                let inner = p.start(T::ProgressTickets, 10);
                inner.advance(3);
                inner.advance(4);
                let r = p.reading().unwrap();
                assert_eq!((r.what, r.done, r.total), (T::ProgressTickets, 7, 10));
            }
            assert_eq!(p.reading().unwrap().what, T::ProgressDemo);
        }
        assert_eq!(p.reading(), None);
    }
}
