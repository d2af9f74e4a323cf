//! The progress feature's data as the data files write it: read by `data` before there is a
//! site.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
/// Status of a commitment in a progress update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Status {
    Planned,
    Started,
    Done,
    Changed,
    Stopped,
}

impl Status {
    pub(crate) const ALL: [Status; 5] = [Status::Planned, Status::Started, Status::Done, Status::Changed, Status::Stopped];
    pub(crate) fn key(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Started => "started",
            Status::Done => "done",
            Status::Changed => "changed",
            Status::Stopped => "stopped",
        }
    }
}

/// `content/_data/progress.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Progress {
    #[serde(default)]
    pub(crate) updates: Vec<Update>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Update {
    pub(crate) commitment: String,
    pub(crate) date: String,
    pub(crate) status: Status,
    #[serde(default)]
    pub(crate) links: Vec<DocumentLink>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentLink {
    pub(crate) url: String,
    pub(crate) title: String,
}

/// `content/<edition>/_data/progress.yaml`: explanation per commitment and update date.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProgressText {
    #[serde(default)]
    pub(crate) explanations: BTreeMap<String, BTreeMap<String, String>>,
}
