//! Answering requests: the connections, which file of the site a request path names, and
//! the response. A path is decoded and checked segment by segment, then looked up in the
//! maps of built pages and copied files: no path from a request is ever joined to a folder
//! on disk, so nothing outside the site can be reached. A request for another host than
//! the preview's is refused ([`super::guard`]), and a connection that does not send a
//! request in time is closed.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use percent_encoding::percent_decode_str;
use tokio::task::JoinSet;

use super::cms_api;
use super::guard::Hosts;
use super::live::{Hub, LiveEvent};
use super::reload::{self, PREFIX};

/// How long a connection may go without a whole request head: from its opening, and from
/// the end of each answer on a kept-alive connection. A client that sends nothing, or
/// sends its headers a few bytes at a time, is cut off. The event stream is an answer in
/// progress, never cut.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the connections left open get to finish once the server is asked to stop.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// What requests are answered from.
pub struct App {
    pub hub: Arc<Hub>,
    pub hosts: Hosts,
    /// Where the CMS's local backend ([`cms_api::PATH`]) edits.
    pub cms: cms_api::Site,
}

/// Accepts connections until the hub says stop, then lets open ones finish for a moment.
pub async fn serve(listener: tokio::net::TcpListener, app: Arc<App>) {
    let router = axum::Router::new().fallback(handle).with_state(app.clone());
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    let mut stop = app.hub.stop.subscribe();
    let mut connections = JoinSet::new();
    loop {
        let tcp = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => tcp,
                // Out of file descriptors, or a connection gone before it was taken: the
                // next one may do.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = async { let _ = stop.wait_for(|s| *s).await; } => break,
        };
        while connections.try_join_next().is_some() {}
        let conn = http.serve_connection(TokioIo::new(tcp), TowerToHyperService::new(router.clone()));
        let mut stop = app.hub.stop.subscribe();
        connections.spawn(async move {
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => return,
                _ = async { let _ = stop.wait_for(|s| *s).await; } => conn.as_mut().graceful_shutdown(),
            }
            let _ = conn.await;
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(STOP_GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
}

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by output path (`startups/ada/index.html`).
    File(String),
    /// The live-reload script.
    Script,
    /// The CMS's script: the problems of the site, shown over the CMS.
    CmsScript,
    /// The live-reload event stream.
    Events,
    /// A path that can name nothing (`..`, encoded slashes, backslashes, NUL, bad UTF-8).
    Bad,
    /// Outside the site's base path.
    Outside,
}

/// Decodes and checks a raw request path (without the query) under `base_path`.
pub fn target(raw: &str, base_path: &str) -> Target {
    if !raw.starts_with('/') || raw.contains('\\') {
        return Target::Bad;
    }
    let mut segments = Vec::new();
    for seg in raw[1..].split('/') {
        let Ok(seg) = percent_decode_str(seg).decode_utf8() else {
            return Target::Bad;
        };
        if seg == "." || seg == ".." || seg.contains(['/', '\\', '\0']) {
            return Target::Bad;
        }
        segments.push(seg.into_owned());
    }
    // `//x` or `/a//b`: an empty segment inside the path names nothing.
    if segments[..segments.len() - 1].iter().any(String::is_empty) {
        return Target::Bad;
    }
    let path = format!("/{}", segments.join("/"));
    let Some(rel) = path.strip_prefix(base_path) else {
        return Target::Outside;
    };
    if let Some(own) = rel.strip_prefix(PREFIX) {
        return match own {
            "live.js" => Target::Script,
            "cms.js" => Target::CmsScript,
            "events" => Target::Events,
            _ => Target::Bad,
        };
    }
    if rel.is_empty() || rel.ends_with('/') {
        Target::File(format!("{rel}index.html"))
    } else {
        Target::File(rel.to_string())
    }
}

/// The content type of an output path; text types say they are UTF-8.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml")
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    if text && mime.get_param("charset").is_none() {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn respond(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // A copied file is what its name says, never sniffed into a page.
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn text(status: StatusCode, message: &str) -> Response {
    respond(status, "text/plain; charset=utf-8", format!("{message}\n"))
}

/// The refusal of a request for another host (DNS rebinding), in French and English.
fn misdirected(hosts: &Hosts) -> Response {
    let url = hosts.url();
    text(
        StatusCode::MISDIRECTED_REQUEST,
        &format!(
            "421\u{a0}: l’aperçu d’atelier ne répond qu’aux adresses localhost, 127.0.0.1, \
             [::1] ou celle donnée à --bind\u{202f}; ouvrez {url}\n\
             421: the atelier preview answers only to localhost, 127.0.0.1, [::1] or the \
             --bind address; open {url}"
        ),
    )
}

/// Whether a request names the preview: its `Host:` (and the host of an absolute URL)
/// must be one of the preview's.
fn for_this_host(hosts: &Hosts, uri: &Uri, headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).map(HeaderValue::to_str);
    let host_ok = matches!(host, Some(Ok(h)) if hosts.allows_host(h));
    let authority_ok = uri.authority().is_none_or(|a| hosts.allows_host(a.as_str()));
    host_ok && authority_ok && headers.get_all(header::HOST).iter().count() == 1
}

/// Whether `origin` is the preview as the request's `Host:` names it.
fn same_origin(hosts: &Hosts, origin: &HeaderValue, headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    matches!((origin.to_str(), host), (Ok(o), Some(h)) if hosts.allows_origin(o, h))
}

pub async fn handle(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if !for_this_host(&app.hosts, &uri, &headers) {
        return misdirected(&app.hosts);
    }
    if uri.path() == cms_api::PATH {
        return cms_api::answer(&app.cms, &app.hosts, &method, &headers, body).await;
    }
    let hub = &app.hub;
    if method != Method::GET && method != Method::HEAD {
        let mut r = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "405: the preview only answers GET and HEAD",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let base_path = hub.served().base_path.clone();
    match target(uri.path(), &base_path) {
        Target::Bad => text(
            StatusCode::BAD_REQUEST,
            "400: this path cannot name a file of the site",
        ),
        Target::Script => respond(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            reload::script(&base_path),
        ),
        Target::CmsScript => respond(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            cms_api::admin::script(&base_path),
        ),
        Target::Events => match headers.get(header::ORIGIN) {
            // Only pages of the preview follow its changes (browsers say where a request
            // comes from when it is not from the preview itself).
            Some(origin) if !same_origin(&app.hosts, origin, &headers) => text(
                StatusCode::FORBIDDEN,
                "403\u{a0}: seules les pages de l’aperçu suivent ses changements\n\
                 403: only pages of the preview follow its changes",
            ),
            _ => events(hub).into_response(),
        },
        Target::Outside if uri.path() == base_path.trim_end_matches('/') => redirect(&base_path),
        Target::Outside => not_found(hub, &base_path).await,
        Target::File(rel) => file(hub, &rel, uri.path(), &base_path).await,
    }
}

fn redirect(to: &str) -> Response {
    let mut r = text(StatusCode::PERMANENT_REDIRECT, &format!("308: see {to}"));
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

async fn file(hub: &Hub, rel: &str, raw: &str, base_path: &str) -> Response {
    let (page, copy, is_dir) = {
        let served = hub.served();
        let dir = format!("{rel}/index.html");
        (
            served.pages.get(rel).cloned(),
            served.files.get(rel).cloned(),
            served.pages.contains_key(&dir) || served.files.contains_key(&dir),
        )
    };
    let content_type = content_type(rel);
    let html = content_type.starts_with("text/html");
    if let Some(bytes) = page {
        let body = if html && !cms_api::admin::is_cms_page(&bytes) {
            reload::inject(&bytes, base_path)
        } else {
            bytes.to_vec()
        };
        return respond(StatusCode::OK, &content_type, body);
    }
    if let Some(src) = copy {
        return match tokio::fs::read(&src).await {
            Ok(bytes) if html && !cms_api::admin::is_cms_page(&bytes) => {
                respond(StatusCode::OK, &content_type, reload::inject(&bytes, base_path))
            }
            Ok(bytes) => respond(StatusCode::OK, &content_type, bytes),
            Err(_) => not_found(hub, base_path).await,
        };
    }
    if is_dir {
        return redirect(&format!("{raw}/"));
    }
    not_found(hub, base_path).await
}

async fn not_found(hub: &Hub, base_path: &str) -> Response {
    let page = hub.served().pages.get("404.html").cloned();
    match page {
        Some(bytes) => respond(
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            reload::inject(&bytes, base_path),
        ),
        None => respond(
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            reload::inject(
                b"<!doctype html><title>404</title><p>404: no such page.</p>",
                base_path,
            ),
        ),
    }
}

/// The event stream: the current problems first, then every event until the server stops.
fn events(hub: &Hub) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
    let first = Event::default()
        .event("errors")
        .data(hub.served().errors.as_str());
    let rx = hub.events.subscribe();
    let stop = hub.stop.subscribe();
    let stream =
        futures_util::stream::unfold((Some(first), rx, stop), |(first, mut rx, mut stop)| async move {
            if let Some(e) = first {
                return Some((Ok(e), (None, rx, stop)));
            }
            if *stop.borrow() {
                return None;
            }
            let event = tokio::select! {
                msg = rx.recv() => match msg {
                    Ok(LiveEvent::Reload(data)) => Event::default().event("reload").data(data.as_str()),
                    Ok(LiveEvent::Errors(data)) => Event::default().event("errors").data(data.as_str()),
                    // Too slow to follow: reload everything.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => Event::default()
                        .event("reload")
                        .data(reload::reload_payload(&["*".into()])),
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
                },
                _ = stop.changed() => return None,
            };
            Some((Ok(event), (None, rx, stop)))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_name_site_files_or_nothing() {
        let file = |s: &str| Target::File(s.to_string());
        let cases = [
            ("/", "/", file("index.html")),
            ("/startups/ada/", "/", file("startups/ada/index.html")),
            ("/startups/ada", "/", file("startups/ada")),
            ("/404.html", "/", file("404.html")),
            ("/donn%C3%A9es/", "/", file("données/index.html")),
            (
                "/startups/api.gouv.fr/",
                "/",
                file("startups/api.gouv.fr/index.html"),
            ),
            ("/__atelier/live.js", "/", Target::Script),
            ("/__atelier/events", "/", Target::Events),
            ("/__atelier/cms.js", "/", Target::CmsScript),
            ("/__atelier/other", "/", Target::Bad),
            ("/atelier/x/", "/atelier/", file("x/index.html")),
            ("/atelier/__atelier/events", "/atelier/", Target::Events),
            ("/x/", "/atelier/", Target::Outside),
            // Never outside the site.
            ("/../etc/passwd", "/", Target::Bad),
            ("/startups/../../etc/passwd", "/", Target::Bad),
            ("/%2e%2e/etc/passwd", "/", Target::Bad),
            ("/%2E%2E/%2e%2E/etc/passwd", "/", Target::Bad),
            ("/startups/%2f..%2fsecret", "/", Target::Bad),
            ("/..%2fsecret", "/", Target::Bad),
            ("/startups%5c..%5csecret", "/", Target::Bad),
            ("/startups\\..\\secret", "/", Target::Bad),
            ("/a%00.html", "/", Target::Bad),
            ("//etc/passwd", "/", Target::Bad),
            ("/a//b", "/", Target::Bad),
            ("/%ff/", "/", Target::Bad),
            ("/./index.html", "/", Target::Bad),
            ("etc/passwd", "/", Target::Bad),
        ];
        for (raw, base, want) in cases {
            assert_eq!(target(raw, base), want, "{raw} under {base}");
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("dsfr/dsfr.min.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("a.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("logo.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("photo.jpg"), "image/jpeg");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("data.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("README"), "application/octet-stream");
    }
}
