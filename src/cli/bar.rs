//! The command line's progress bar. A job of the store (an import, an export, `gen`, the audit
//! check) that runs over a second shows a bar on stderr when stderr is a terminal; in a script
//! or a pipe nothing is drawn, and what the command prints on stdout is the same either way.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::Progress;
use crate::text::Lang;

/// The counter every store this command opens counts on.
pub(crate) fn progress() -> &'static Progress {
    static P: OnceLock<Progress> = OnceLock::new();
    P.get_or_init(Progress::default)
}

/// A job shows its bar once it has run this long.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Watches the counter while the command runs; dropping it clears the bar.
pub(crate) struct Watch {
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

/// Starts watching when stderr is a terminal; `None` (nothing drawn) otherwise.
pub(crate) fn watch(lang: Lang) -> Option<Watch> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    // The bar on screen, and the job it shows; the job's end clears it at once (on the job's
    // thread), so that what the command prints next is not drawn over.
    let slot: Arc<Mutex<Option<(u64, ProgressBar)>>> = Arc::default();
    let cleared = slot.clone();
    progress().on_end(Arc::new(move || {
        if let Ok(mut s) = cleared.lock()
            && let Some((_, bar)) = s.take()
        {
            bar.finish_and_clear();
        }
    }));
    let handle = std::thread::Builder::new()
        .name("suqiu-progress".into())
        .spawn(move || {
            let mut since: Option<(u64, Instant)> = None;
            while !stopped.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                let Some(r) = progress().reading() else {
                    since = None;
                    continue;
                };
                if since.is_none_or(|(g, _)| g != r.generation) {
                    since = Some((r.generation, Instant::now()));
                }
                let started = since.map_or_else(Instant::now, |(_, t)| t);
                if started.elapsed() < SHOW_AFTER {
                    continue;
                }
                let Ok(mut shown) = slot.lock() else { break };
                // Read again under the lock: the job may have ended (and cleared) meanwhile.
                let Some(r) = progress()
                    .reading()
                    .filter(|n| n.generation == r.generation)
                else {
                    continue;
                };
                if shown.as_ref().is_none_or(|(g, _)| *g != r.generation) {
                    if let Some((_, bar)) = shown.take() {
                        bar.finish_and_clear();
                    }
                    *shown = Some((r.generation, new_bar(r.total)));
                }
                if let Some((_, bar)) = &*shown {
                    bar.set_message(r.what.get(lang).to_string());
                    if r.total > 0 {
                        bar.set_length(r.total);
                    }
                    bar.set_position(r.done);
                }
            }
            if let Ok(mut shown) = slot.lock()
                && let Some((_, bar)) = shown.take()
            {
                bar.finish_and_clear();
            }
        })
        .ok()?;
    Some(Watch {
        stop,
        handle: Some(handle),
    })
}

fn new_bar(total: u64) -> ProgressBar {
    let bar = if total > 0 {
        ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    };
    let template = if total > 0 {
        "{msg} [{bar:30}] {pos}/{len}  {elapsed_precise} (~{eta})"
    } else {
        "{spinner} {msg} {pos}  {elapsed_precise}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("█▉ "));
    }
    bar
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
