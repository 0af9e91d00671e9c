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
/// Why a command that writes files wrote nothing (`new`, `init`).
#[derive(Debug)]
pub enum Refusal {
    /// The arguments cannot be used: a bad name, a folder that is not empty (exit code 2).
    Usage(Diagnostic),
    /// The site or the disk does not allow it: the file exists, writing failed (exit code 1).
    Problem(Diagnostic),
}

impl Refusal {
    /// Prints the refusal and gives the command's exit code.
    pub(crate) fn exit(self, color: bool) -> std::process::ExitCode {
        let (d, code) = match self {
            Refusal::Usage(d) => (d, 2),
            Refusal::Problem(d) => (d, 1),
        };
        report(&[d], color);
        std::process::ExitCode::from(code)
    }
}

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
