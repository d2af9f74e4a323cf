//! plein: a static-site generator for multilingual public information.
//!
//! The pipeline runs one way, one module per stage: [`config`] → [`content`] and [`i18n`] →
//! [`data`] (with each [`feature`]) → the read-only [`site`] model → [`render`] (with [`markdown`]) → [`output`], with
//! [`check`] and [`readability`] over the result. [`build`] ties them together; `main` only parses
//! arguments and formats [`diagnostics`].

// The library is what `main`, the integration tests and the fuzz targets use; everything else is
// `pub(crate)`, so that the compiler finds dead code.
#![warn(unreachable_pub, missing_docs)]

pub(crate) mod boundary;
pub mod build;
pub(crate) mod check;
pub(crate) mod compare;
pub mod config;
pub mod content;
pub(crate) mod context;
pub(crate) mod data;
pub mod diagnostics;
pub mod feature;
pub mod i18n;
pub mod init;
pub(crate) mod job;
pub mod markdown;
pub mod minify;
pub mod output;
pub mod plan;

pub mod readability;
pub(crate) mod render;
pub(crate) mod search;
pub mod serve;
pub mod site;
pub mod status;
pub(crate) mod suggest;
pub(crate) mod template_graph;
pub mod theme;
pub(crate) mod theme_pages;
pub(crate) mod url_path;
pub mod yaml;

#[cfg(test)]
mod trimmer_tests;
