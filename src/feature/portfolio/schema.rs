//! The portfolio feature's data as the data files write it: read by `data` before there is a
//! site.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
/// `content/_data/portfolio.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Portfolio {
    pub(crate) members: Vec<Member>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Role {
    Mayor,
    Alderman,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Member {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) role: Role,
    #[serde(default)]
    pub(crate) party: Option<String>,
    #[serde(default)]
    pub(crate) themes: Vec<String>,
}

/// `content/<edition>/_data/portfolio.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct PortfolioText {
    pub(crate) members: BTreeMap<String, MemberText>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct MemberText {
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) portfolio: Option<String>,
    #[serde(default)]
    pub(crate) groups: Vec<TopicGroup>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct TopicGroup {
    #[serde(default)]
    pub(crate) heading: Option<String>,
    pub(crate) topics: Vec<String>,
}
