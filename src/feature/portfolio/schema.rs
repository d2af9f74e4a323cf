//! The portfolio feature's data as the data files write it: read by `data` before there is a
//! site.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
/// `content/_data/portfolio.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Mayor,
    Alderman,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: String,
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub party: Option<String>,
    #[serde(default)]
    pub themes: Vec<String>,
}

/// `content/<edition>/_data/portfolio.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PortfolioText {
    pub members: BTreeMap<String, MemberText>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MemberText {
    pub title: String,
    #[serde(default)]
    pub portfolio: Option<String>,
    #[serde(default)]
    pub groups: Vec<TopicGroup>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TopicGroup {
    #[serde(default)]
    pub heading: Option<String>,
    pub topics: Vec<String>,
}
