//! Gives the crate a digest of its own sources (`ATELIER_SOURCE_DIGEST`): the build cache
//! (`src/cache/`) is used only by an atelier built from the same sources and dependencies
//! (the vendored ones in `vendor/` included) as the one that made it, whatever the
//! executable's date or copy.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=Cargo.toml");
    // The vendored crates, patched (Pagefind's records are kept in the cache).
    println!("cargo:rerun-if-changed=vendor");
    let mut all = vec![PathBuf::from("Cargo.lock"), PathBuf::from("Cargo.toml")];
    files(Path::new("src"), &mut all);
    files(Path::new("vendor"), &mut all);
    all.sort();
    // Two hashers with different seeds: 128 bits.
    let (mut a, mut b) = (std::hash::DefaultHasher::new(), std::hash::DefaultHasher::new());
    b.write_u8(1);
    for path in &all {
        let bytes = std::fs::read(path).unwrap_or_default();
        for h in [&mut a, &mut b] {
            path.hash(h);
            bytes.hash(h);
        }
    }
    println!(
        "cargo:rustc-env=ATELIER_SOURCE_DIGEST={:016x}{:016x}",
        a.finish(),
        b.finish()
    );
}
