//! The worker: store calls and file writes run on their own thread, so that the desk answers
//! keys and draws while SQLite waits (another desk's write lock, a slow disk). The UI thread
//! sends effects over a channel and takes the outcomes back as `Action::Done`, as gitui's
//! async jobs do.
//!
//! A queue's count runs on a second thread with its own read connection (`Store::reader`), so
//! that a count over a long history never holds up the next page: the page shows as soon as
//! its rows are read, its count follows.
//!
//! Latest wins: a page, count, search or poll request still waiting when a newer one of the same
//! kind arrives is dropped (the newer one answers the screen as it is now). Saves are never
//! dropped and run in the order they were asked for. Tests use `App::dispatch`, the synchronous
//! runner, so that they stay deterministic.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::time::{Duration, Instant};

use super::effects::Ctx;
use super::{BoardEffect, Effect, IntakeEffect, Outcome, QueueEffect, ReviewEffect};
use crate::records::staff::Session;

struct Job {
    session: Option<Session>,
    effect: Effect,
}

/// What comes back for each job, in order: its outcome (if it has one), or that it was
/// replaced by a newer request of the same kind.
enum Reply {
    Done(Option<Box<Outcome>>),
    Replaced,
}

/// The UI thread's handle on the worker thread.
pub struct Worker {
    jobs: Sender<Job>,
    replies: Receiver<Reply>,
    /// The counting thread (None if its connection could not be opened: counts then run in turn
    /// on the store's thread).
    counts: Option<Sender<Job>>,
    counted: Receiver<Box<Outcome>>,
    /// When each job still in flight was sent, oldest first.
    in_flight: std::collections::VecDeque<Instant>,
    alive: bool,
}

/// Requests that only read what is on screen, by kind: a newer one of the same kind replaces
/// one still waiting. Everything else (saves above all) has no kind and is never replaced.
fn replace_kind(e: &Effect) -> Option<u8> {
    match e {
        Effect::Queue(QueueEffect::Load { .. }) => Some(1),
        Effect::Board(BoardEffect::Load { .. }) => Some(2),
        Effect::LoadCounts => Some(3),
        Effect::Intake(IntakeEffect::Earlier { .. }) => Some(4),
        Effect::Poll => Some(5),
        Effect::Queue(QueueEffect::Count { .. }) => Some(6),
        Effect::Review(ReviewEffect::Load { .. }) => Some(7),
        _ => None,
    }
}

/// Which of a batch of waiting requests a later one of the same kind replaces (latest wins);
/// saves and other writes are never replaced.
fn superseded(batch: &[&Effect]) -> Vec<bool> {
    batch
        .iter()
        .enumerate()
        .map(|(i, e)| {
            replace_kind(e).is_some_and(|k| {
                batch[i + 1..]
                    .iter()
                    .any(|later| replace_kind(later) == Some(k))
            })
        })
        .collect()
}

impl Worker {
    /// Moves the context (the store) to a new thread.
    pub fn spawn(mut ctx: Ctx) -> std::io::Result<Worker> {
        let (counts, counted) = spawn_counter(&ctx)?;
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, replies) = mpsc::channel::<Reply>();
        std::thread::Builder::new()
            .name("suqiu-store".into())
            .spawn(move || {
                while let Ok(first) = inbox.recv() {
                    // Everything that is waiting, then the latest of each replaceable kind.
                    let mut batch = vec![first];
                    loop {
                        match inbox.try_recv() {
                            Ok(j) => batch.push(j),
                            Err(TryRecvError::Empty) => break,
                            Err(TryRecvError::Disconnected) => break,
                        }
                    }
                    let effects: Vec<&Effect> = batch.iter().map(|j| &j.effect).collect();
                    let replaced = superseded(&effects);
                    for (i, newer) in replaced.into_iter().enumerate() {
                        let reply = if newer {
                            Reply::Replaced
                        } else {
                            let job = std::mem::replace(
                                &mut batch[i],
                                Job {
                                    session: None,
                                    effect: Effect::Quit,
                                },
                            );
                            Reply::Done(ctx.run(job.session.as_ref(), job.effect).map(Box::new))
                        };
                        if outbox.send(reply).is_err() {
                            return;
                        }
                    }
                }
            })?;
        Ok(Worker {
            jobs,
            replies,
            counts,
            counted,
            in_flight: Default::default(),
            alive: true,
        })
    }

    /// Sends an effect to the worker.
    pub fn submit(&mut self, session: Option<&Session>, effect: Effect) {
        let job = Job {
            session: session.cloned(),
            effect,
        };
        let job = match (&self.counts, job) {
            (
                Some(counts),
                job @ Job {
                    effect: Effect::Queue(QueueEffect::Count { .. }),
                    ..
                },
            ) => {
                // A lost counting thread only loses counts; the store's thread goes on.
                if counts.send(job).is_err() {
                    self.counts = None;
                }
                return;
            }
            (_, job) => job,
        };
        if self.jobs.send(job).is_ok() {
            self.in_flight.push_back(Instant::now());
        } else {
            self.alive = false;
        }
    }

    /// The outcomes that have arrived, in order; waits at most `wait` for the first.
    pub fn outcomes(&mut self, wait: Duration) -> Vec<Box<Outcome>> {
        let mut out: Vec<Box<Outcome>> = self.counted.try_iter().collect();
        let mut next = if self.in_flight.is_empty() || wait.is_zero() {
            self.replies
                .try_recv()
                .map_err(|e| e == TryRecvError::Disconnected)
        } else {
            self.replies
                .recv_timeout(wait)
                .map_err(|e| e == mpsc::RecvTimeoutError::Disconnected)
        };
        loop {
            match next {
                Ok(r) => {
                    self.in_flight.pop_front();
                    if let Reply::Done(Some(o)) = r {
                        out.push(o);
                    }
                }
                Err(disconnected) => {
                    if disconnected && !self.in_flight.is_empty() {
                        self.alive = false;
                    }
                    break;
                }
            }
            next = self
                .replies
                .try_recv()
                .map_err(|e| e == TryRecvError::Disconnected);
        }
        out
    }

    /// How long the oldest job still in flight has waited.
    pub fn waiting(&self) -> Option<Duration> {
        self.in_flight.front().map(Instant::elapsed)
    }

    /// False once the worker thread is gone (it panicked): the desk must stop.
    pub fn alive(&self) -> bool {
        self.alive
    }
}

/// The counting thread: the latest count asked for, on its own read connection.
#[allow(clippy::type_complexity)]
fn spawn_counter(ctx: &Ctx) -> std::io::Result<(Option<Sender<Job>>, Receiver<Box<Outcome>>)> {
    let (outbox, counted) = mpsc::channel::<Box<Outcome>>();
    let Ok(reader) = ctx.store.reader() else {
        return Ok((None, counted));
    };
    let lang = ctx.lang;
    let (counts, inbox) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("suqiu-count".into())
        .spawn(move || {
            while let Ok(mut job) = inbox.recv() {
                // Only the latest: the earlier ones are for queries no longer on screen.
                while let Ok(later) = inbox.try_recv() {
                    job = later;
                }
                let (Some(session), Effect::Queue(QueueEffect::Count { query })) =
                    (job.session, job.effect)
                else {
                    continue;
                };
                let o = super::queue::count_outcome(&reader, &session.actor, query, lang);
                if outbox.send(Box::new(o)).is_err() {
                    return;
                }
            }
        })?;
    Ok((Some(counts), counted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::AdminEffect;

    #[test]
    fn the_latest_page_request_wins_and_saves_are_never_dropped() {
        let batch = [
            Effect::LoadCounts,
            Effect::Admin(AdminEffect::DeleteLimit(7)),
            Effect::Poll,
            Effect::LoadCounts,
            Effect::Admin(AdminEffect::DeleteLimit(8)),
            Effect::Poll,
        ];
        let refs: Vec<&Effect> = batch.iter().collect();
        assert_eq!(
            superseded(&refs),
            [true, false, true, false, false, false],
            "the first count and poll give way to the later ones; both writes run"
        );
        assert_eq!(superseded(&[&Effect::LoadCounts]), [false]);
        // Kinds are the pane's request, not its pane: a lookup of earlier petitions is not
        // replaced by a queue page, and two lookups keep only the later.
        let earlier = |m: &str| {
            Effect::Intake(IntakeEffect::Earlier {
                mobile: Some(m.to_string()),
                resident_id: None,
            })
        };
        let batch = [
            earlier("13800000001"),
            Effect::Admin(AdminEffect::DeleteLimit(9)),
            earlier("13800000002"),
            Effect::Admin(AdminEffect::DeleteLimit(10)),
        ];
        let refs: Vec<&Effect> = batch.iter().collect();
        assert_eq!(superseded(&refs), [true, false, false, false]);
    }
}
