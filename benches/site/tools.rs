//! The three generators measured, how each is found and how each builds a bench site.
//!
//! atelier is the binary cargo just built (or `--atelier`); Hugo is Debian's, installed by
//! `bench/run.sh`; Zola is never built nor installed by the bench: it is taken from
//! `--zola PATH`, `$ZOLA` or `PATH`, and skipped with one line when none has it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::measure::{self, Run};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tool {
    Atelier,
    Zola,
    Hugo,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Atelier => "atelier",
            Tool::Zola => "zola",
            Tool::Hugo => "hugo",
        }
    }

    pub fn parse(name: &str) -> Option<Tool> {
        [Tool::Atelier, Tool::Zola, Tool::Hugo]
            .into_iter()
            .find(|t| t.name() == name)
    }

    /// Where the tool writes a site of `dir`.
    pub fn output(self, dir: &Path) -> PathBuf {
        dir.join(format!("out-{}", self.name()))
    }

    /// The fiche the tool reads for `fiche` (a path under `dir/content`): Zola reads its
    /// own copy, with the front matter in its shape.
    pub fn source_of(self, dir: &Path, fiche: &Path) -> PathBuf {
        match self {
            Tool::Zola => dir.join("zola").join(fiche.strip_prefix(dir).unwrap_or(fiche)),
            _ => fiche.to_path_buf(),
        }
    }
}

/// The binaries of the tools measured in this run.
#[derive(Debug, Clone)]
pub struct Tools {
    pub atelier: PathBuf,
    pub zola: Option<PathBuf>,
    pub hugo: bool,
}

impl Tools {
    /// The tools present, atelier first.
    pub fn present(&self) -> Vec<Tool> {
        let mut tools = vec![Tool::Atelier];
        if self.zola.is_some() {
            tools.push(Tool::Zola);
        }
        if self.hugo {
            tools.push(Tool::Hugo);
        }
        tools
    }

    /// Builds `dir` with `tool` into its output folder, in a new process. `rebuild`: the
    /// output folder is kept (Zola, which refuses a folder that exists, is given `--force`
    /// and deletes it itself), and atelier prints its stage timings, read for the cache line.
    pub fn build(&self, tool: Tool, dir: &Path, minify: bool, rebuild: bool) -> Result<Run, String> {
        let out = tool.output(dir);
        match tool {
            Tool::Atelier => {
                let mut args: Vec<&OsStr> = vec![
                    "build".as_ref(),
                    "--date".as_ref(),
                    crate::generate::BUILD_DATE.as_ref(),
                    "--output".as_ref(),
                    out.as_os_str(),
                    if rebuild { "--timings" } else { "--quiet" }.as_ref(),
                ];
                if !minify {
                    args.push("--no-minify".as_ref());
                }
                // A cold build uses no cache; a rebuild uses the one the build before made.
                if !rebuild {
                    args.push("--no-cache".as_ref());
                }
                measure::timed(&self.atelier, &args, dir)
            }
            Tool::Hugo => {
                let mut args: Vec<&OsStr> = vec![
                    "--quiet".as_ref(),
                    "--source".as_ref(),
                    dir.as_os_str(),
                    "--destination".as_ref(),
                    out.as_os_str(),
                ];
                if minify {
                    args.push("--minify".as_ref());
                }
                measure::timed(Path::new("hugo"), &args, dir)
            }
            Tool::Zola => {
                let bin = self.zola.as_deref().ok_or("zola is not available")?;
                let root = dir.join("zola");
                let mut args: Vec<&OsStr> = vec![
                    "--root".as_ref(),
                    root.as_os_str(),
                    "build".as_ref(),
                    "--output-dir".as_ref(),
                    out.as_os_str(),
                    "--force".as_ref(),
                ];
                if minify {
                    args.push("--minify".as_ref());
                }
                measure::timed(bin, &args, dir)
            }
        }
    }
}

/// Zola from `--zola`, else `$ZOLA`, else `PATH`; `None` (and the line saying so) when
/// there is none that runs.
pub fn find_zola(flag: Option<PathBuf>) -> Result<Option<PathBuf>, String> {
    let (candidate, explicit) = match (flag, std::env::var_os("ZOLA")) {
        (Some(p), _) => (p, true),
        (None, Some(p)) if !p.is_empty() => (PathBuf::from(p), true),
        _ => (PathBuf::from("zola"), false),
    };
    match version(&candidate) {
        Some(_) => Ok(Some(candidate)),
        // A Zola asked for by name that does not run is an error, not a skip.
        None if explicit => Err(format!(
            "zola: `{}` is missing or does not run (`{} --version` failed)",
            candidate.display(),
            candidate.display()
        )),
        None => {
            println!(
                "zola:    SKIPPED (no `zola` on PATH; put Zola 0.22 on PATH, set ZOLA=/path/to/zola or pass --zola PATH to compare with it)"
            );
            Ok(None)
        }
    }
}

/// `zola --version` or `hugo version`, trimmed.
pub fn version(bin: &Path) -> Option<String> {
    let arg = if bin.ends_with("hugo") {
        "version"
    } else {
        "--version"
    };
    let out = Command::new(bin).arg(arg).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}
