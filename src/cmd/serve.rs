//! `atelier serve`: the live preview ([`crate::serve`]).

use std::process::ExitCode;

use super::report;
use crate::cli::ServeArgs;

/// Runs `atelier serve` until it is stopped.
pub fn command(args: &ServeArgs, color: bool) -> ExitCode {
    let mut opts = args.site.options();
    // The preview shows drafts, marked as such on the page.
    opts.drafts = true;
    if args.no_minify {
        opts.minify = Some(false);
    }
    let settings = crate::serve::Settings {
        opts,
        port: args.port,
        bind: args.bind,
        open: args.open,
        color,
    };
    match crate::serve::run(settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            report(&[d], color);
            ExitCode::from(1)
        }
    }
}
