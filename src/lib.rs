//! atelier: the static site generator of L'Atelier numérique du ministère de la Culture.
//!
//! The pipeline flows one way: [`content`] loads files, [`site`] models them (pure),
//! [`render`] turns the model into pages in memory, [`output`] writes them. Every problem
//! is a [`diagnostic::Diagnostic`] that names its file, line and column.

pub mod assets;
pub mod build;
pub mod cache;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod cms;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostic;
pub mod fs;
pub mod hosting;
pub mod html_nesting;
pub mod i18n;
pub mod images;
pub mod import;
#[cfg(test)]
mod layers;
pub mod markdown;
pub mod output;
pub mod phase;
pub mod pipeline;
pub mod project;
pub mod raw_html;
pub mod render;
pub mod report;
pub mod serve;
pub mod site;
pub mod slug;
pub mod text;
pub mod thematique;
pub mod theme;
pub mod typography;
pub mod url_policy;
pub mod utf8;
