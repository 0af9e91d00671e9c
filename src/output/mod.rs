//! Writing the built site: minify, then publish it into the output folder with two
//! promises, whatever happens (an error, kill -9, a full disk):
//!
//! - atelier never deletes or overwrites a byte it did not write: [`target`] refuses
//!   dangerous output folders before anything is read, and [`manifest`] records what each
//!   build wrote so that only those files are ever removed;
//! - what is served is always one whole site, the old or the new: [`publish`] syncs the
//!   staging folder beside the output and swaps the two in one system call, or, where it
//!   cannot, writes each file under a temporary name and renames it over the old one.
//!
//! [`publish::publish`] is only called once the whole site has rendered without error,
//! and it checks everything it can (every path stays inside the folder, every copied file
//! exists, nothing of someone else's stands in the way) before touching the disk.
//! `bench/README.md` ("Write strategy") has the measurements behind the design.

mod manifest;
mod minify;
mod plan;
mod publish;
mod survey;
mod switch;
mod sync;
mod target;

use std::path::PathBuf;

pub use manifest::NAME as MANIFEST;
pub use minify::minify;
pub use publish::{Failure, Published, Written, publish};
pub use switch::staging_dir;
pub use sync::Synced;
pub use target::{Origin, Request, SOURCE_FOLDERS, Target};

/// A file copied as it is (theme static files, DSFR assets, content images).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub src: PathBuf,
    /// Path relative to the output folder, `/`-separated.
    pub dest: String,
}

#[cfg(test)]
mod tests;
