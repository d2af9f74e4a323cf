//! The data files: the one place that reads `content/_data/` (language-neutral values) and
//! `content/<edition>/_data/` (each edition's text). Each file a feature has a type for is read
//! as that type and handed to its feature's checks (see the modules of `src/feature/`); every file is also
//! given to templates as `data.NAME`.

use crate::content::{read_text, DataFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::feature::corrections::Correction;
use crate::feature::finance::schema::{Finance, FinanceText};
use crate::feature::glossary::GlossaryEntry;
use crate::feature::portfolio::schema::{Portfolio, PortfolioText};
use crate::feature::progress::schema::{Progress, ProgressText};
use std::collections::BTreeMap;
use std::path::Path;

/// All typed data of a site, per edition where it is text.
#[derive(Debug, Default)]
pub(crate) struct SiteData {
    pub(crate) finance: Finance,
    pub(crate) finance_text: Vec<FinanceText>,
    pub(crate) glossary: Vec<Vec<GlossaryEntry>>,
    pub(crate) portfolio: Portfolio,
    pub(crate) portfolio_text: Vec<PortfolioText>,
    pub(crate) corrections: Vec<Vec<Correction>>,
    pub(crate) progress: Progress,
    /// Path of progress.yaml, for positioned diagnostics.
    pub(crate) progress_path: Option<std::path::PathBuf>,
    pub(crate) progress_text: Vec<ProgressText>,
    /// Which edition's file each edition's progress text came from (for "missing" reports).
    pub(crate) progress_text_own: Vec<bool>,
    /// Every data file, generic, per edition (for templates: `data.NAME`).
    pub(crate) generic: Vec<BTreeMap<String, serde_json::Value>>,
}

/// Loads the typed data for every edition; `chains` are the editions' fallback chains.
pub(crate) fn load(files: &[DataFile], chains: &[Vec<usize>], diagnostics: &Diagnostics) -> SiteData {
    let shared = |name: &str| shared_data_path(files, name);
    let mut data = SiteData {
        finance: load_shared(shared("finance"), diagnostics),
        portfolio: load_shared(shared("portfolio"), diagnostics),
        progress: load_shared(shared("progress"), diagnostics),
        progress_path: shared("progress").map(|f| f.path.clone()),
        ..SiteData::default()
    };
    if let Some(file) = shared("finance") {
        crate::feature::finance::schema::check(&data.finance, &file.path, diagnostics);
    }
    // Every edition reads the shared files again: their errors are reported once, below.
    let generic = Diagnostics::new();
    for chain in chains {
        let per = |name: &str| edition_data_path(files, name, chain);
        data.finance_text.push(load_shared(per("finance"), diagnostics));
        data.glossary.push(load_shared(per("glossary"), diagnostics));
        if let (Some(file), Some(entries)) = (per("glossary").filter(|f| f.edition == Some(chain[0])), data.glossary.last()) {
            crate::feature::glossary::check(entries, &file.path, diagnostics);
        }
        data.portfolio_text.push(load_shared(per("portfolio"), diagnostics));
        data.corrections.push(load_shared(per("corrections"), diagnostics));
        data.progress_text.push(load_shared(per("progress"), diagnostics));
        data.progress_text_own.push(per("progress").is_some_and(|f| f.edition == Some(chain[0])));
        data.generic.push(generic_data(files, chain, &generic));
    }
    // The typed files reported their errors when they were read as their type above.
    let typed: Vec<&Path> = files.iter().filter(|f| TYPED.contains(&f.name.as_str())).map(|f| f.path.as_path()).collect();
    let mut seen = std::collections::HashSet::new();
    for d in generic.into_sorted() {
        if !typed.contains(&d.path.as_path()) && seen.insert(d.to_string()) {
            diagnostics.push(d);
        }
    }
    data
}

/// The data files read as a type of their own (and reported as such).
const TYPED: [&str; 5] = ["finance", "portfolio", "progress", "glossary", "corrections"];

fn load_shared<T: serde::de::DeserializeOwned + Default>(file: Option<&DataFile>, diagnostics: &Diagnostics) -> T {
    match file {
        None => T::default(),
        Some(file) => parse_data(file).unwrap_or_else(|d| {
            diagnostics.push(d);
            T::default()
        }),
    }
}

/// The data file `name` of the first edition of `chain` (edition indexes from most to least
/// preferred) that has one.
fn edition_data_path<'a>(data: &'a [DataFile], name: &str, chain: &[usize]) -> Option<&'a DataFile> {
    chain.iter().find_map(|e| data.iter().find(|d| d.edition == Some(*e) && d.name == name))
}

/// The shared (language-neutral) data file `name`.
fn shared_data_path<'a>(data: &'a [DataFile], name: &str) -> Option<&'a DataFile> {
    data.iter().find(|d| d.edition.is_none() && d.name == name)
}

/// Loads a YAML data file into `T`, with positioned errors.
fn parse_data<T: serde::de::DeserializeOwned>(file: &DataFile) -> Result<T, Diagnostic> {
    let text = read_text(&file.path)?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(&file.path, 1, 1, "the data file is empty").with_help("remove it, or add its data"));
    }
    crate::yaml::parse(&text, &file.path, 1)
}

/// All data files as generic values for templates: `data.NAME` (shared) merged with the edition's
/// own file of the same name where one exists.
fn generic_data(data: &[DataFile], chain: &[usize], diagnostics: &Diagnostics) -> BTreeMap<String, serde_json::Value> {
    let mut out = BTreeMap::new();
    let mut names: Vec<&str> = data.iter().map(|d| d.name.as_str()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let file = edition_data_path(data, name, chain).or_else(|| shared_data_path(data, name));
        if let Some(file) = file {
            match parse_data::<serde_json::Value>(file) {
                Ok(value) => {
                    out.insert(name.to_string(), value);
                }
                Err(d) => diagnostics.push(d),
            }
        }
    }
    out
}
