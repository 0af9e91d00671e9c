//! Every integration test, in one test binary (as ripgrep and mdBook do): one module per
//! subject. One binary is linked once instead of once per file, and the test threads take
//! the tests of all files together, so a slow file no longer runs alone at the end.
//!
//! One subject, one test, or the ignored ones:
//!
//! ```text
//! cargo test --test all golden::
//! cargo test --test all serve::the_preview_survives
//! cargo test --test all -- --ignored
//! ```
//!
//! The tests share one process, run on several threads: none may change what is global to
//! it. The environment and the current folder are given to each run of the binary
//! (`Command::env`, `current_dir`), never set on this process, nor is the language of the
//! library's messages (`atelier::i18n::set`); folders are temporary (`tempfile`), ports
//! chosen by the system (`127.0.0.1:0`).

mod check_site;
mod common;

mod cache;
mod cache_bodies;
mod cache_checks;
mod ci_formats;
mod ci_templates;
mod cli_build;
mod cli_check;
mod cli_init;
mod cms;
mod cms_local;
mod corpus;
mod dsfr_network;
mod file_names;
mod golden;
mod hostile;
mod hosting;
mod i18n;
mod images;
mod import;
mod output_safety;
mod pagination;
mod robustness;
mod serve;
mod shortcodes;
mod theme;
mod typography;
