//! plein: a static-site generator for multilingual public information.
//!
//! The pipeline runs one way, one module per stage: [`config`] → [`content`] and [`i18n`] →
//! [`data`] (with each [`feature`]) → the read-only [`site`] model → [`render`] (with [`markdown`]) → [`output`], with
//! [`check`] and [`readability`] over the result. [`build`] ties them together; `main` only parses
//! arguments and formats [`diagnostics`].

pub mod boundary;
pub mod build;
pub mod check;
pub mod compare;
pub mod config;
pub mod content;
pub(crate) mod context;
pub mod data;
pub mod diagnostics;
pub mod feature;
pub mod i18n;
pub mod init;
pub mod job;
pub mod markdown;
pub mod minify;
pub mod output;
pub mod plan;

pub mod readability;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod status;
pub mod suggest;
pub mod template_cycles;
pub mod theme;
pub(crate) mod theme_pages;
pub mod yaml;
