//! Progress per commitment: validation of `content/_data/progress.yaml` and the Atom feeds.

use crate::diagnostics::Diagnostics;
use crate::site::Site;

/// Checks progress updates against the site's commitments (unknown ids, statuses, dates).
pub fn validate(_site: &Site, _diagnostics: &Diagnostics) {}

/// Atom feeds of status changes, one per edition: (output path, XML).
pub fn feeds(_site: &Site) -> Vec<(String, String)> {
    Vec::new()
}
