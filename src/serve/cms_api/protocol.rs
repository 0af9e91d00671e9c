//! The requests of Decap CMS's local backend (the protocol `decap-server` speaks in its
//! `local_fs` mode, `packages/decap-server/src/middlewares/localFs`), read into an
//! [`Action`] whose every path is checked ([`super::paths`]). Pure: no file is looked at.

use base64::Engine as _;
use serde::Deserialize;
use serde_json::Value;

use super::paths::{self, Kind, Rel};
use crate::diagnostic::Diagnostic;
use crate::{msg, tr};

/// The largest entry saved (a fiche is a few kilobytes).
pub const MAX_ENTRY: usize = 1024 * 1024;
/// The largest image saved, once decoded.
pub const MAX_MEDIA: usize = 20 * 1024 * 1024;
/// How deep `entriesByFolder` may look.
const MAX_DEPTH: u64 = 16;

/// A request of the CMS, checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    Info,
    EntriesByFolder {
        folder: Rel,
        extension: String,
        depth: u64,
    },
    EntriesByFiles(Vec<(Rel, Option<String>)>),
    GetEntry(Rel),
    PersistEntry {
        files: Vec<DataFile>,
        assets: Vec<(Rel, Vec<u8>)>,
    },
    GetMedia(Rel),
    GetMediaFile(Rel),
    PersistMedia(Rel, Vec<u8>),
    DeleteFiles(Vec<Rel>),
    GetDeployPreview,
}

impl Action {
    /// The files this action writes or deletes, relative to the site's folder.
    pub fn changes(&self) -> Vec<&str> {
        match self {
            Action::PersistEntry { files, assets } => files
                .iter()
                .flat_map(|f| std::iter::once(&f.path).chain(&f.new_path))
                .chain(assets.iter().map(|(rel, _)| rel))
                .map(|rel| rel.path.as_str())
                .collect(),
            Action::PersistMedia(rel, _) => vec![rel.path.as_str()],
            Action::DeleteFiles(rels) => rels.iter().map(|r| r.path.as_str()).collect(),
            _ => Vec::new(),
        }
    }
}

/// One entry to save: its text at `path`, then moved to `new_path` when the CMS renames it.
#[derive(Debug, PartialEq, Eq)]
pub struct DataFile {
    pub path: Rel,
    pub raw: String,
    pub new_path: Option<Rel>,
}

/// A request the CMS sent that this server does not take: the HTTP status and why.
#[derive(Debug)]
pub struct Failure {
    pub status: u16,
    pub diagnostic: Diagnostic,
}

impl Failure {
    pub fn new(status: u16, diagnostic: Diagnostic) -> Failure {
        Failure { status, diagnostic }
    }

    /// A request that does not follow the protocol (422, as `decap-server` answers).
    pub fn invalid(message: crate::i18n::Message) -> Failure {
        Failure::new(422, Diagnostic::error(message))
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Failure {
        Failure::new(422, d)
    }
}

#[derive(Deserialize)]
struct Request {
    action: String,
    #[serde(default)]
    params: Value,
}

#[derive(Deserialize)]
struct RawDataFile {
    path: String,
    raw: String,
    #[serde(rename = "newPath")]
    new_path: Option<String>,
}

#[derive(Deserialize)]
struct RawAsset {
    path: String,
    content: String,
    encoding: String,
}

#[derive(Deserialize)]
struct RawFile {
    path: String,
    label: Option<String>,
}

fn field<T: serde::de::DeserializeOwned>(params: &Value, name: &str) -> Result<T, Failure> {
    let value = params.get(name).cloned().unwrap_or(Value::Null);
    serde_json::from_value(value)
        .map_err(|e| Failure::invalid(msg!("cms-request-bad-param", name = name, error = e.to_string())))
}

/// Reads a request body into an action, every path checked against `content/` and the
/// media folder `media`.
pub fn parse(body: &[u8], media: &str) -> Result<Action, Failure> {
    let req: Request = serde_json::from_slice(body)
        .map_err(|e| Failure::invalid(msg!("cms-request-not-json", error = e.to_string())))?;
    let p = &req.params;
    let entry = |raw: &str| paths::file(raw, Kind::Entry, media);
    let media_file = |raw: &str| paths::file(raw, Kind::Media, media);
    Ok(match req.action.as_str() {
        "info" => Action::Info,
        "entriesByFolder" => {
            let depth: u64 = field(p, "depth")?;
            Action::EntriesByFolder {
                folder: paths::folder(&field::<String>(p, "folder")?, paths::CONTENT)?,
                extension: field(p, "extension")?,
                depth: depth.min(MAX_DEPTH),
            }
        }
        "entriesByFiles" => {
            let files: Vec<RawFile> = field(p, "files")?;
            Action::EntriesByFiles(
                files
                    .into_iter()
                    .map(|f| Ok((entry(&f.path)?, f.label)))
                    .collect::<Result<_, Failure>>()?,
            )
        }
        "getEntry" => Action::GetEntry(entry(&field::<String>(p, "path")?)?),
        "persistEntry" => {
            // Decap 3 sends `dataFiles`; `entry` is the older form, one file.
            let raw: Vec<RawDataFile> = match (p.get("dataFiles"), p.get("entry")) {
                (Some(_), None) => field(p, "dataFiles")?,
                (None, Some(_)) => vec![field(p, "entry")?],
                _ => {
                    return Err(Failure::invalid(msg!("cms-request-entry-or-data-files")));
                }
            };
            let mut files = Vec::new();
            for f in raw {
                if f.raw.len() > MAX_ENTRY {
                    return Err(too_large(&f.path, MAX_ENTRY));
                }
                files.push(DataFile {
                    path: entry(&f.path)?,
                    raw: f.raw,
                    new_path: f.new_path.as_deref().map(entry).transpose()?,
                });
            }
            let assets: Vec<RawAsset> = field(p, "assets")?;
            let assets = assets
                .into_iter()
                .map(|a| {
                    let rel = media_file(&a.path)?;
                    let bytes = decode(&a)?;
                    Ok((rel, bytes))
                })
                .collect::<Result<_, Failure>>()?;
            Action::PersistEntry { files, assets }
        }
        "getMedia" => Action::GetMedia(paths::folder(&field::<String>(p, "mediaFolder")?, media)?),
        "getMediaFile" => {
            let raw: String = field(p, "path")?;
            // An image an entry shows may be under `content/` too: read either.
            match media_file(&raw) {
                Ok(rel) => Action::GetMediaFile(rel),
                Err(e) => {
                    Action::GetMediaFile(paths::file(&raw, Kind::Media, paths::CONTENT).map_err(|_| e)?)
                }
            }
        }
        "persistMedia" => {
            let asset: RawAsset = field(p, "asset")?;
            let rel = media_file(&asset.path)?;
            let bytes = decode(&asset)?;
            Action::PersistMedia(rel, bytes)
        }
        "deleteFile" => Action::DeleteFiles(vec![deletable(&field::<String>(p, "path")?, media)?]),
        "deleteFiles" => {
            let list: Vec<String> = field(p, "paths")?;
            if list.is_empty() {
                return Err(Failure::invalid(msg!("cms-request-no-paths")));
            }
            Action::DeleteFiles(
                list.iter()
                    .map(|raw| deletable(raw, media))
                    .collect::<Result<_, Failure>>()?,
            )
        }
        "getDeployPreview" => Action::GetDeployPreview,
        other => {
            return Err(Failure::invalid(msg!(
                "cms-request-unknown-action",
                action = crate::diagnostic::printable(other, true).into_owned()
            )));
        }
    })
}

/// A file the CMS may delete: an entry, or an image of the media folder.
fn deletable(raw: &str, media: &str) -> Result<Rel, Failure> {
    paths::file(raw, Kind::Entry, media)
        .or_else(|_| paths::file(raw, Kind::Media, media))
        .map_err(|_| {
            Failure::from(
                Diagnostic::error(msg!(
                    "cms-cannot-delete",
                    path = crate::diagnostic::printable(raw, true).into_owned(),
                    media = media
                ))
                .help(tr!("cms-cannot-delete-help")),
            )
        })
}

fn too_large(path: &str, max: usize) -> Failure {
    Failure::new(
        413,
        Diagnostic::error(msg!(
            "cms-file-too-large",
            path = crate::diagnostic::printable(path, true).into_owned(),
            megabytes = max / (1024 * 1024)
        ))
        .help(tr!("cms-file-too-large-help")),
    )
}

/// The bytes of an asset, checked: base64, not too large, an image of its type.
fn decode(asset: &RawAsset) -> Result<Vec<u8>, Failure> {
    if asset.encoding != "base64" {
        return Err(Failure::invalid(msg!("cms-request-not-base64-encoding")));
    }
    if asset.content.len() / 4 * 3 > MAX_MEDIA + 3 {
        return Err(too_large(&asset.path, MAX_MEDIA));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(asset.content.as_bytes())
        .map_err(|e| {
            Failure::invalid(msg!(
                "cms-request-content-not-base64",
                path = crate::diagnostic::printable(&asset.path, true).into_owned(),
                error = e.to_string()
            ))
        })?;
    if bytes.len() > MAX_MEDIA {
        return Err(too_large(&asset.path, MAX_MEDIA));
    }
    if !paths::is_image_of_its_type(&asset.path, &bytes) {
        return Err(Failure::from(
            Diagnostic::error(msg!(
                "cms-not-an-image-of-its-type",
                path = crate::diagnostic::printable(&asset.path, true).into_owned()
            ))
            .help(tr!("cms-not-an-image-of-its-type-help")),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const MEDIA: &str = "static/images";

    fn parse_json(v: Value) -> Result<Action, Failure> {
        parse(v.to_string().as_bytes(), MEDIA)
    }

    #[test]
    fn reads_what_decap_sends() {
        assert_eq!(parse_json(json!({"action": "info"})).unwrap(), Action::Info);
        let a = parse_json(json!({"action": "entriesByFolder", "params": {
            "branch": "main", "folder": "content/startups", "extension": "md", "depth": 1}}))
        .unwrap();
        assert!(
            matches!(a, Action::EntriesByFolder { ref folder, depth: 1, .. } if folder.path == "content/startups")
        );
        let png = base64::engine::general_purpose::STANDARD.encode(b"\x89PNG\r\n\x1a\n");
        let a = parse_json(json!({"action": "persistEntry", "params": {
            "branch": "main",
            "dataFiles": [{"slug": "ada", "path": "content/startups/ada.md", "raw": "---\n"}],
            "assets": [{"path": "static/images/a.png", "content": png, "encoding": "base64"}],
            "options": {"commitMessage": "x", "useWorkflow": false, "status": ""}}}))
        .unwrap();
        let Action::PersistEntry { files, assets } = a else {
            panic!("{a:?}")
        };
        assert_eq!(files[0].path.path, "content/startups/ada.md");
        assert_eq!(assets[0].1, b"\x89PNG\r\n\x1a\n");
        // The older form.
        let a = parse_json(json!({"action": "persistEntry", "params": {
            "entry": {"slug": "ada", "path": "content/startups/ada.md", "raw": "x"},
            "assets": [], "options": {}}}))
        .unwrap();
        assert!(matches!(a, Action::PersistEntry { ref files, .. } if files.len() == 1));
    }

    #[test]
    fn refuses_what_is_not_the_protocol_or_leaves_the_folders() {
        let cases = [
            json!({"action": "unpublishedEntries", "params": {}}),
            json!({"params": {}}),
            json!({"action": "getEntry", "params": {"path": "site.yaml"}}),
            json!({"action": "getEntry", "params": {"path": "content/../site.yaml"}}),
            json!({"action": "getEntry", "params": {}}),
            json!({"action": "entriesByFolder", "params": {"folder": "themes", "extension": "md", "depth": 1}}),
            json!({"action": "getMedia", "params": {"mediaFolder": "content"}}),
            json!({"action": "persistEntry", "params": {"dataFiles": [], "entry": {}, "assets": []}}),
            json!({"action": "persistEntry", "params": {"dataFiles": [
                {"path": "content/a.md", "raw": "x", "newPath": "content/../b.md"}], "assets": []}}),
            json!({"action": "persistMedia", "params": {"asset":
                {"path": "static/images/x.png", "content": "PGh0bWw+", "encoding": "base64"}}}),
            json!({"action": "persistMedia", "params": {"asset":
                {"path": "static/images/x.png", "content": "%%%", "encoding": "base64"}}}),
            json!({"action": "deleteFiles", "params": {"paths": ["content/a.md", "site.yaml"]}}),
            json!({"action": "deleteFiles", "params": {"paths": []}}),
        ];
        for case in cases {
            let f = parse_json(case.clone()).unwrap_err();
            assert_eq!(f.status, 422, "{case}");
        }
        assert!(parse(b"{not json", MEDIA).is_err());
        let big = "x".repeat(MAX_ENTRY + 1);
        let f = parse_json(json!({"action": "persistEntry", "params": {"dataFiles": [
            {"path": "content/a.md", "raw": big}], "assets": []}}))
        .unwrap_err();
        assert_eq!(f.status, 413);
    }
}
