//! `atelier serve`: the editors' live preview. Builds the site in memory (never into the
//! output folder), serves it over HTTP, watches the inputs, applies each change to the
//! open [`Project`](crate::project::Project) and reloads the browser tabs showing a page that changed. While a file
//! is broken the last good pages are served, with the problem shown over every page.
//!
//! Threads: the HTTP server runs on a tokio runtime; one rebuild thread owns the project
//! and the watcher, and publishes pages into the [`Hub`](live::Hub) the server reads. The search
//! index is made on a thread of its own after the pages of an edit are published; the
//! rebuild thread looks in on it while it runs and publishes it when done.

pub mod cms_api;
pub mod guard;
pub mod http;
pub mod live;
pub mod reconcile;
pub mod recover;
pub mod reload;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::Options;
use crate::{msg, tr};
use live::Live;
use watch::{Batch, Watcher};

/// How often the rebuild thread looks whether the search index made in the background is
/// done, while it is being made.
const SEARCH_POLL: Duration = Duration::from_millis(100);

/// What `atelier serve` was asked for.
pub struct Settings {
    pub opts: Options,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
    pub color: bool,
}

/// Prints a rebuild's problems as `build` does on a terminal: at most 10 per file and 100 in
/// all, then a count of the rest by kind (the overlay lists them all).
/// A line of warning, labelled in the language of the messages.
fn warning(text: &str) -> String {
    format!("{}{} {text}", tr!("label-warning"), crate::diagnostic::colon())
}

fn print_problems(diags: &[Diagnostic], color: bool) {
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let limits = Some(crate::diagnostic::Limits::default());
    let _ = crate::diagnostic::write_report(&mut err, diags, limits, color);
    let _ = err.flush();
}

/// Binds `port`, or the next free one when it is taken (0: any free port).
fn bind(ip: IpAddr, port: u16) -> Result<std::net::TcpListener, Diagnostic> {
    let mut last = None;
    let tries: Vec<u16> = if port == 0 {
        vec![0]
    } else {
        (port..=port.saturating_add(50)).collect()
    };
    for p in tries {
        match std::net::TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => {
                if p != port {
                    eprintln!(
                        "{}",
                        tr!("serve-port-taken", port = port.to_string(), other = p.to_string())
                    );
                }
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => {
                return Err(Diagnostic::error(msg!(
                    "serve-cannot-listen",
                    address = format!("{ip}:{p}"),
                    error = e.to_string()
                ))
                .help(tr!("serve-cannot-listen-help")));
            }
        }
    }
    let last_port = port.saturating_add(50);
    Err(Diagnostic::error(match last {
        Some(e) => tr!(
            "serve-ports-taken-because",
            first = port.to_string(),
            last = last_port.to_string(),
            error = e.to_string()
        ),
        None => tr!(
            "serve-ports-taken",
            first = port.to_string(),
            last = last_port.to_string()
        ),
    })
    .help(tr!("serve-ports-taken-help")))
}

/// Runs the preview until Ctrl-C or SIGTERM.
pub fn run(settings: Settings) -> Result<(), Diagnostic> {
    let Settings {
        opts,
        port,
        bind: ip,
        open,
        color,
    } = settings;
    let started = Instant::now();
    recover::large_stack_pool();
    let live = recover::on_large_stack("atelier-open", || Live::open(&opts))
        .map_err(|panic| Diagnostic::error(msg!("serve-failed-to-build", panic = panic.to_string())))?;
    let (live, _) = live?;
    print_problems(live.problems(), color);
    let errors = live
        .problems()
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let pages = live
        .project()
        .outputs()
        .keys()
        .filter(|p| p.ends_with(".html"))
        .count();
    let ms = started.elapsed().as_millis().to_string();
    eprintln!(
        "{}",
        if errors > 0 {
            tr!("serve-built-with-errors", pages = pages, ms = ms, errors = errors)
        } else {
            tr!("serve-built", pages = pages, ms = ms)
        }
    );
    if !ip.is_loopback() {
        eprintln!(
            "{}",
            warning(&tr!("serve-not-loopback", address = ip.to_string()))
        );
    }
    let listener = bind(ip, port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(msg!("serve-no-address", error = e.to_string())))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Diagnostic::error(msg!("serve-no-socket", error = e.to_string())))?;
    let host = match addr.ip() {
        IpAddr::V6(v6) => format!("[{v6}]"),
        v4 => v4.to_string(),
    };
    let url = format!("http://{host}:{}{}", addr.port(), live.hub().served().base_path);

    let (tx, rx) = mpsc::channel();
    let cms = cms_api::Site::new(&live.root, tx.clone());
    let watcher = Watcher::start(&live.root, &live.theme(), tx)?;
    let hub = live.hub().clone();
    let rebuild = std::thread::Builder::new()
        .name("atelier-rebuild".into())
        .stack_size(recover::STACK)
        .spawn(move || rebuild_loop(live, &rx, watcher, color))
        .map_err(|e| Diagnostic::error(msg!("serve-cannot-start", error = e.to_string())))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(msg!("serve-cannot-start-server", error = e.to_string())))?;
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Diagnostic::error(msg!("serve-cannot-start-server", error = e.to_string())))?;
        let signalled = stop_signals();
        println!("{}", tr!("serve-serving", url = url.as_str()));
        let _ = std::io::stdout().flush();
        eprintln!("{}", tr!("serve-watching"));
        if open && let Err(e) = opener::open(&url) {
            eprintln!("{}", warning(&tr!("serve-no-browser", error = e.to_string())));
        }
        let stop = hub.stop.clone();
        tokio::spawn(async move {
            signalled.await;
            let _ = stop.send(true);
        });
        let hosts = guard::Hosts {
            ip: addr.ip(),
            port: addr.port(),
        };
        http::serve(listener, Arc::new(http::App { hub, hosts, cms })).await;
        Ok(())
    });
    runtime.shutdown_timeout(Duration::from_millis(200));
    eprintln!("{}", tr!("serve-stopped"));
    // The rebuild thread ends with the process; it holds no file open between batches.
    drop(rebuild);
    served
}

/// The rebuild thread: takes each batch of changed paths to the live site, and the search
/// index in when it is made, until the watcher stops.
fn rebuild_loop(mut live: Live, rx: &mpsc::Receiver<Batch>, mut watcher: Watcher, color: bool) {
    // The folders watched anew, to look at again before waiting for events.
    let mut again: Option<Batch> = None;
    loop {
        let looking_again = again.is_some();
        // While the search index is being made, look in on it now and then.
        let mut batch = if let Some(batch) = again.take() {
            batch
        } else if live.search_pending() {
            match rx.recv_timeout(SEARCH_POLL) {
                Ok(batch) => batch,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Some(new) = live.poll_search(false) {
                        print_problems(&new, color);
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(batch) => batch,
                Err(_) => break,
            }
        };
        for later in rx.try_iter() {
            batch.merge(later);
        }
        for e in &batch.errors {
            eprintln!("{}", warning(&tr!("serve-watch-error", error = e.to_string())));
        }
        let root = live.root.clone();
        let mut paths: Vec<PathBuf> = batch.paths.into_iter().collect();
        if batch.rescan {
            // Events were lost: every input counts as changed.
            eprintln!("{}", warning(&tr!("serve-watch-lost")));
            let theme = Path::new("themes").join(live.theme());
            paths.extend(
                ["site.yaml", "content", "templates", "static"]
                    .into_iter()
                    .map(PathBuf::from)
                    .chain([theme.join("templates"), theme.join("static")])
                    .map(|p| root.join(p)),
            );
        }
        let replaced = paths
            .iter()
            .any(|p| p.parent() == Some(root.as_path()) || p.parent() == Some(root.join("themes").as_path()));
        let theme = live.theme();
        match live.apply(&paths) {
            Ok(Some(u)) => {
                print_problems(&u.new_problems, color);
                let errors = live
                    .problems()
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                let first = u
                    .first_reload
                    .map(|d| {
                        tr!(
                            "serve-first-reload",
                            ms = format!("{:.1}", d.as_secs_f64() * 1000.0)
                        )
                    })
                    .unwrap_or_default();
                let ms = format!("{:.1}", u.elapsed.as_secs_f64() * 1000.0);
                let (pages, changed) = (u.rendered, u.reloaded.len());
                eprintln!(
                    "{}",
                    if errors > 0 {
                        tr!(
                            "serve-rebuilt-with-errors",
                            pages = pages,
                            first = first,
                            ms = ms,
                            changed = changed,
                            errors = errors
                        )
                    } else {
                        tr!(
                            "serve-rebuilt",
                            pages = pages,
                            first = first,
                            ms = ms,
                            changed = changed
                        )
                    }
                );
            }
            Ok(None) => {}
            Err(failed) => print_problems(&[failed], color),
        }
        if (replaced && !looking_again) || theme != live.theme() {
            // An edit saved while the folders were not watched made no event: the folders
            // are read again (an unchanged file costs a comparison, not a rebuild).
            again = Some(Batch {
                paths: watcher.rewatch(&live.theme()).into_iter().collect(),
                ..Batch::default()
            });
        }
    }
}

/// Listens for Ctrl-C and SIGTERM from now on, and resolves on the first. Called before
/// the address is printed: a signal sent as soon as it is read must not come in the moment
/// between the handler being installed and a listener being there, when it would be lost.
fn stop_signals() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{Signal, SignalKind, signal};
        async fn next(s: Option<Signal>) {
            match s {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending().await,
            }
        }
        let term = next(signal(SignalKind::terminate()).ok());
        let interrupt = next(signal(SignalKind::interrupt()).ok());
        async move {
            tokio::select! {
                () = term => {}
                () = interrupt => {}
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
