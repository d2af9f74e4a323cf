//! Corrections: the source's misprints and what the site prints instead
//! (`content/<edition>/_data/corrections.yaml`). The corrections page is a page template of the
//! theme (`corrections.html` reads `data.corrections`); the engine does not name it.

use serde::{Deserialize, Serialize};

/// One entry of `content/<edition>/_data/corrections.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Correction {
    pub(crate) source: String,
    pub(crate) corrected: String,
    pub(crate) page: String,
    #[serde(default)]
    pub(crate) note: Option<String>,
}
