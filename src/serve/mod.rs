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
                    eprintln!("Port {port} is taken; using port {p} instead.");
                }
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => {
                return Err(Diagnostic::error(format!("cannot listen on {ip}:{p}: {e}"))
                    .help("pick another address with `--bind` or port with `--port`"));
            }
        }
    }
    Err(Diagnostic::error(format!(
        "ports {port} to {} are all taken{}",
        port.saturating_add(50),
        last.map(|e| format!(": {e}")).unwrap_or_default()
    ))
    .help("pick another port with `--port`, or `--port 0` for any free one"))
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
        .map_err(|panic| Diagnostic::error(format!("atelier failed to build the preview: {panic}")))?;
    let (live, _) = live?;
    print_problems(live.problems(), color);
    let errors = live
        .problems()
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    eprintln!(
        "Built {} pages in memory in {} ms{}.",
        live.project()
            .outputs()
            .keys()
            .filter(|p| p.ends_with(".html"))
            .count(),
        started.elapsed().as_millis(),
        if errors > 0 {
            format!(" with {errors} error(s), shown over every page until fixed")
        } else {
            String::new()
        }
    );
    if !ip.is_loopback() {
        eprintln!(
            "warning: serving on {ip}: other machines on the network can read the preview; \
             the preview has no access control"
        );
    }
    let listener = bind(ip, port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(format!("cannot read the server's address: {e}")))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Diagnostic::error(format!("cannot set up the server socket: {e}")))?;
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
        .map_err(|e| Diagnostic::error(format!("cannot start the preview: {e}")))?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(format!("cannot start the server: {e}")))?;
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Diagnostic::error(format!("cannot start the server: {e}")))?;
        println!("Serving the site at {url}");
        let _ = std::io::stdout().flush();
        eprintln!("Watching for changes; press Ctrl-C to stop.");
        if open && let Err(e) = opener::open(&url) {
            eprintln!("warning: cannot open a browser: {e}");
        }
        let stop = hub.stop.clone();
        tokio::spawn(async move {
            wait_for_signal().await;
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
    eprintln!("Stopped.");
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
            eprintln!("warning: file watching: {e}");
        }
        let root = live.root.clone();
        let mut paths: Vec<PathBuf> = batch.paths.into_iter().collect();
        if batch.rescan {
            // Events were lost: every input counts as changed.
            eprintln!("warning: file watching lost events; reading the whole site again");
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
                    .map(|d| format!("edited pages reloaded after {:.1} ms, ", d.as_secs_f64() * 1000.0))
                    .unwrap_or_default();
                eprintln!(
                    "Rebuilt {} page(s): {first}all done in {:.1} ms; {} changed{}.",
                    u.rendered,
                    u.elapsed.as_secs_f64() * 1000.0,
                    u.reloaded.len(),
                    if errors > 0 {
                        format!("; {errors} error(s) to fix")
                    } else {
                        String::new()
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

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
