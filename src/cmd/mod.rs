//! The commands, on top of every other layer: each reads its arguments, runs the library
//! and prints what happened, then says how it ended as an exit code (0 success, 1 content or
//! build errors, 2 usage errors). `main.rs` only parses the command line and calls one.

pub mod build;
pub mod check;
pub mod dsfr;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;

use std::io::Write;

use crate::diagnostic::{self, Diagnostic, Limits};

/// Prints every diagnostic to stderr, in order.
pub(crate) fn report(diags: &[Diagnostic], color: bool) {
    report_some(diags, true, color);
}

/// Prints diagnostics to stderr, in order: all of them when `all`, otherwise the first of
/// each file and of the run, then a count by kind of the rest.
pub(crate) fn report_some(diags: &[Diagnostic], all: bool, color: bool) {
    let limits = (!all).then(Limits::default);
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let _ = diagnostic::write_report(&mut err, diags, limits, color);
    let _ = err.flush();
}

/// `1 page`, `2 pages`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
