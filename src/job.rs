//! What a page job hands to the stages after it: the facts the checker keeps of a rendered
//! page, and the time the job spent in each of its parts. Shared by `build` (which runs the
//! jobs), `render` (which times its parts) and `check` (which reads the facts), so that none
//! of them needs another's types and the modules form no cycle (`tests/architecture.rs`).

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Timing of one stage.
#[derive(Debug, Clone)]
pub struct Stage {
    /// The stage's name (`load`, `render`, …).
    pub name: &'static str,
    /// How long it took.
    pub time: Duration,
}

/// Work done, and work taken over from an earlier build or a cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reuse {
    /// Done in this build.
    pub done: usize,
    /// Taken over instead of done again.
    pub reused: usize,
}

/// Time spent inside the page jobs, summed over all threads (the jobs run in parallel, so these
/// are CPU times, not stages of the wall clock).
#[derive(Default, Debug)]
pub(crate) struct JobTimes {
    markdown: AtomicU64,
    minify: AtomicU64,
    templates: AtomicU64,
    write: AtomicU64,
    rendered: AtomicUsize,
    reused: AtomicUsize,
}

/// Which part of a page job a time belongs to.
#[derive(Clone, Copy)]
pub(crate) enum JobPart {
    Markdown,
    Minify,
    Templates,
    Write,
}

impl JobTimes {
    /// Adds the time since `since` to `part`.
    pub(crate) fn add(&self, part: JobPart, since: Instant) {
        let nanos = u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX);
        let counter = match part {
            JobPart::Markdown => &self.markdown,
            JobPart::Minify => &self.minify,
            JobPart::Templates => &self.templates,
            JobPart::Write => &self.write,
        };
        counter.fetch_add(nanos, Ordering::Relaxed);
    }

    /// The parts with their times, for the report.
    pub(crate) fn parts(&self) -> Vec<Stage> {
        let at = |c: &AtomicU64| Duration::from_nanos(c.load(Ordering::Relaxed));
        vec![
            Stage { name: "markdown", time: at(&self.markdown) },
            Stage { name: "minify", time: at(&self.minify) },
            Stage { name: "templates", time: at(&self.templates) },
            Stage { name: "write", time: at(&self.write) },
        ]
    }

    /// Counts a page rendered.
    pub(crate) fn count_rendered(&self) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a page kept from the previous build.
    pub(crate) fn count_reused(&self) {
        self.reused.fetch_add(1, Ordering::Relaxed);
    }

    /// Pages rendered, and pages taken unchanged from the previous build.
    pub(crate) fn pages(&self) -> Reuse {
        Reuse { done: self.rendered.load(Ordering::Relaxed), reused: self.reused.load(Ordering::Relaxed) }
    }
}

/// What the checker keeps of a rendered page.
#[derive(Clone)]
pub(crate) struct PageFacts {
    pub(crate) page: usize,
    pub(crate) ids: Vec<String>,
    pub(crate) links: Vec<crate::markdown::LinkRef>,
    pub(crate) blocks: Vec<String>,
    /// All `id="…"` values in the final HTML (theme ids included).
    pub(crate) html_ids: Vec<String>,
}
