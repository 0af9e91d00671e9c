//! The local backend of Decap CMS in `atelier serve`: `POST /api/v1`, the protocol
//! `decap-server` speaks in its `local_fs` mode, so that the CMS published at `/admin/`
//! edits the working tree. Answers and errors are those of `decap-server` (`{error}` with
//! its status), so the CMS shows them.
//!
//! Who may write: a page of the preview itself, on a preview that listens on this machine
//! only. A request must come from the loopback preview (`--bind` elsewhere turns the API
//! off), name the preview as its `Host:` (checked for every request, [`super::guard`]),
//! say it comes from the preview (`Origin:`, which browsers send with every POST: a page
//! of another site the editor has open cannot write) and send JSON (which another site's
//! page cannot send without the browser asking the preview first, and being refused).
//!
//! What may be written: entries (`.md` under `content/`) and images of the media folder,
//! each path checked as text ([`paths`]) then resolved on disk, every file written whole
//! ([`store`]). The files written or deleted are handed to the rebuild thread at once,
//! besides what the watcher sees (it misses events while it watches the folders again,
//! after a folder such as `static/` appears): the preview rebuilds, and the problems of
//! the saved file go to the open tabs, the CMS included ([`admin::SCRIPT`]).
//!
//! - `paths`: which paths the CMS may name; pure, then the check on disk;
//! - `protocol`: a request body → an [`protocol::Action`], every path checked; pure;
//! - `store`: the files of an action, read, listed, written or deleted;
//! - `admin`: the script `serve` gives the CMS's page.

pub mod admin;
pub mod paths;
pub mod protocol;
pub mod store;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use serde_json::{Value, json};

use super::guard::Hosts;
use super::watch::Batch;
use crate::diagnostic::Diagnostic;
use crate::i18n::Message;
use crate::{msg, tr};
use protocol::Failure;

/// The URL path of the API, from the site's host (not under the base path), where the
/// CMS's `local_backend` setting points.
pub const PATH: &str = "/api/v1";

/// The media folder: where the CMS puts the images an editor adds, relative to the site's
/// folder. Under `static/`, so published at `/images/`; the images pipeline reads it
/// (`static/` and `content/` alike). The CMS configuration's `media_folder` names it.
pub const MEDIA_FOLDER: &str = "static/images";

/// The largest request body: an image of [`protocol::MAX_MEDIA`] bytes in base64, and the
/// JSON around it.
pub const MAX_BODY: usize = protocol::MAX_MEDIA / 3 * 4 + 64 * 1024;

/// Where the CMS edits.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site's folder, canonical.
    pub root: PathBuf,
    /// The media folder, relative to `root`.
    pub media: String,
    /// The rebuild thread's batches of changed files.
    pub rebuild: Sender<Batch>,
}

impl Site {
    pub fn new(root: &Path, rebuild: Sender<Batch>) -> Site {
        Site {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            media: MEDIA_FOLDER.to_string(),
            rebuild,
        }
    }
}

/// Whether a request may use the API at all: `POST`, on a loopback preview, from a page
/// of the preview, with a JSON body. Pure.
pub fn admitted(hosts: &Hosts, method: &Method, headers: &HeaderMap) -> Result<(), Failure> {
    let refuse = |status, message: Message, help: String| {
        Err(Failure::new(status, Diagnostic::error(message).help(help)))
    };
    if method != Method::POST {
        return refuse(405, msg!("cms-api-post-only"), tr!("cms-api-open-the-cms-help"));
    }
    if !hosts.ip.is_loopback() {
        return refuse(
            403,
            msg!("cms-api-not-loopback"),
            tr!("cms-api-not-loopback-help"),
        );
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
    let same = matches!((origin, host), (Some(o), Some(h)) if hosts.allows_origin(o, h));
    if !same {
        return refuse(
            403,
            msg!("cms-api-other-origin"),
            tr!("cms-api-other-origin-help", url = hosts.url()),
        );
    }
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|c| c.to_str().ok())
        .and_then(|c| c.split(';').next())
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return refuse(415, msg!("cms-api-json-only"), tr!("cms-api-open-the-cms-help"));
    }
    Ok(())
}

/// Answers one request to [`PATH`] (its host already checked).
pub async fn answer(
    site: &Site,
    hosts: &Hosts,
    method: &Method,
    headers: &HeaderMap,
    body: Body,
) -> Response {
    if let Err(f) = admitted(hosts, method, headers) {
        return failure(f);
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let too_large = || {
        failure(Failure::new(
            413,
            Diagnostic::error(msg!(
                "cms-api-request-too-large",
                megabytes = MAX_BODY / (1024 * 1024)
            ))
            .help(tr!("cms-api-request-too-large-help")),
        ))
    };
    if declared.is_some_and(|n| n > MAX_BODY) {
        return too_large();
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return too_large();
    };
    let site = site.clone();
    let done = tokio::task::spawn_blocking(move || {
        let action = protocol::parse(&bytes, &site.media)?;
        let changed: Vec<PathBuf> = action.changes().iter().map(|rel| site.root.join(rel)).collect();
        let answer = store::run(&site.root, action);
        if !changed.is_empty() {
            // Even when a later file failed: the earlier ones may be written.
            let _ = site.rebuild.send(Batch {
                paths: changed.into_iter().collect(),
                ..Batch::default()
            });
        }
        answer
    })
    .await;
    match done {
        Ok(Ok(value)) => respond(StatusCode::OK, &value),
        Ok(Err(f)) => failure(f),
        Err(_) => failure(Failure::new(500, Diagnostic::error(msg!("cms-api-internal")))),
    }
}

fn respond(status: StatusCode, value: &Value) -> Response {
    let mut r = Response::new(Body::from(value.to_string()));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if status == StatusCode::METHOD_NOT_ALLOWED {
        h.insert(header::ALLOW, HeaderValue::from_static("POST"));
    }
    r
}

/// A refusal as `decap-server` answers one, `{"error": …}`: the CMS shows the text.
fn failure(f: Failure) -> Response {
    let status = StatusCode::from_u16(f.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    respond(status, &json!({ "error": f.diagnostic.render(false).trim_end() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(ip: &str) -> Hosts {
        Hosts {
            ip: ip.parse().unwrap(),
            port: 1111,
        }
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    const GOOD: [(&str, &str); 3] = [
        ("host", "localhost:1111"),
        ("origin", "http://localhost:1111"),
        ("content-type", "application/json; charset=utf-8"),
    ];

    #[test]
    fn only_json_posts_from_the_loopback_preview_itself_are_admitted() {
        let local = hosts("127.0.0.1");
        assert!(admitted(&local, &Method::POST, &headers(&GOOD)).is_ok());
        let status = |h: &Hosts, m: Method, pairs: &[(&'static str, &'static str)]| {
            admitted(h, &m, &headers(pairs)).unwrap_err().status
        };
        assert_eq!(status(&local, Method::GET, &GOOD), 405);
        assert_eq!(status(&hosts("0.0.0.0"), Method::POST, &GOOD), 403);
        assert_eq!(status(&hosts("192.168.1.10"), Method::POST, &GOOD), 403);
        let cases: [&[(&str, &str)]; 5] = [
            // No Origin: not a page of the preview (a browser sends it with every POST).
            &[("host", "localhost:1111"), ("content-type", "application/json")],
            &[
                ("host", "localhost:1111"),
                ("origin", "http://evil.example"),
                ("content-type", "application/json"),
            ],
            &[
                ("host", "localhost:1111"),
                ("origin", "null"),
                ("content-type", "application/json"),
            ],
            &[
                ("host", "localhost:1111"),
                ("origin", "http://localhost:3000"),
                ("content-type", "application/json"),
            ],
            &[
                ("host", "localhost:1111"),
                ("origin", "http://127.0.0.1:1111"),
                ("content-type", "application/json"),
            ],
        ];
        for pairs in cases {
            assert_eq!(status(&local, Method::POST, pairs), 403, "{pairs:?}");
        }
        for ct in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "application/jsonx",
        ] {
            let pairs = [GOOD[0], GOOD[1], ("content-type", ct)];
            assert_eq!(status(&local, Method::POST, &pairs), 415, "{ct}");
        }
        assert_eq!(status(&local, Method::POST, &GOOD[..2]), 415);
    }
}
