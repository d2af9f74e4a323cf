//! The progress feature's data as the data files write it: read by `data` before there is a
//! site.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
/// Status of a commitment in a progress update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Planned,
    Started,
    Done,
    Changed,
    Stopped,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::Planned, Status::Started, Status::Done, Status::Changed, Status::Stopped];
    pub fn key(self) -> &'static str {
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
pub struct Progress {
    #[serde(default)]
    pub updates: Vec<Update>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    pub commitment: String,
    pub date: String,
    pub status: Status,
    #[serde(default)]
    pub links: Vec<DocumentLink>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentLink {
    pub url: String,
    pub title: String,
}

/// `content/<edition>/_data/progress.yaml`: explanation per commitment and update date.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ProgressText {
    #[serde(default)]
    pub explanations: BTreeMap<String, BTreeMap<String, String>>,
}
