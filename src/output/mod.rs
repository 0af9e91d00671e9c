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
//!
//! Before publishing, `build` may transform the rendered site: [`hashing`] gives the theme
//! and DSFR assets content-hashed names, every reference following; [`precompress`] adds
//! `.gz` and `.br` siblings of text files (`--precompress`).

pub mod hashing;
mod manifest;
mod minify;
mod plan;
pub mod precompress;
mod publish;
mod stamps;
mod survey;
mod switch;
mod sync;
mod target;

pub use manifest::NAME as MANIFEST;
pub use minify::minify;
pub use publish::{Failure, Published, Written, publish};
pub use switch::staging_dir;
pub use sync::Synced;
pub use target::{Origin, Request, SOURCE_FOLDERS, Target};

#[cfg(test)]
mod tests;
