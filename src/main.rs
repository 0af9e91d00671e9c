//! The `atelier` binary: parses the command line and runs the command
//! ([`atelier::cmd`]), which prints what happened and says how it ended.

use std::io::IsTerminal;
use std::process::ExitCode;

use atelier::cli::{Cli, Color, Command, DsfrCommand, ImportCommand, Lang};
use atelier::{cmd, i18n};
use clap::Parser;

/// jemalloc: about a quarter less wall time on the corpus than glibc's malloc, which a
/// profile showed taking that much of it (`bench/README.md`).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    i18n::set(match cli.lang {
        Some(Lang::En) => i18n::Lang::En,
        Some(Lang::Fr) => i18n::Lang::Fr,
        None => i18n::from_env(|name| std::env::var(name).ok()),
    });
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Build(args) => cmd::build::command(&args, color),
        Command::Check(args) => cmd::check::command(&args, color),
        Command::Init(args) => cmd::init::command(&args, color),
        Command::New(command) => cmd::new::command(command, color),
        Command::Serve(args) => cmd::serve::command(&args, color),
        Command::Dsfr(DsfrCommand::Fetch { root, dsfr_dir }) => cmd::dsfr::fetch(&root, dsfr_dir, color),
        Command::Import(ImportCommand::Betagouv { path, root, dry_run }) => {
            cmd::import::betagouv(&path, &root, dry_run, color)
        }
    }
}
