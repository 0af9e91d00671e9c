//! The DSFR terms of use ("modalités d'utilisation", CGU). Since 1.15 the
//! package's `scripts/preinstall.js` refuses to install unless the project
//! accepts the version written as `cguVersion` in the front matter of
//! `doc/legal/cgu.md` (`.dsfr.yml` `accept-license: <version>`). atelier
//! never runs that script, so it makes the same demand through `site.yaml`.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::io_err;
use super::{AssetError, Package};

/// Where the terms live, relative to the package root.
pub(crate) const CGU_PATH: &str = "doc/legal/cgu.md";

/// Reads the terms version from `<root>/doc/legal/cgu.md`, as preinstall.js
/// does: the `cguVersion:` line of the leading `---` front matter.
pub(crate) fn read_terms_version(root: &Path) -> Result<String, AssetError> {
    let path = root.join(CGU_PATH);
    let text = fs::read_to_string(&path).map_err(io_err("read", &path))?;
    parse_cgu_version(&text).ok_or(AssetError::TermsVersionMissing { path })
}

fn parse_cgu_version(text: &str) -> Option<String> {
    let mut lines = text.lines().skip_while(|l| !is_fence(l));
    lines.next()?;
    lines
        .take_while(|l| !is_fence(l))
        .find_map(|l| l.trim_start().strip_prefix("cguVersion:"))
        .map(|v| v.trim().trim_matches(['"', '\'']).trim().to_string())
        .filter(|v| !v.is_empty())
}

fn is_fence(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.trim().is_empty())
}

fn cgu_path(pkg: &Package) -> PathBuf {
    pkg.root.join(CGU_PATH)
}

/// Checks that the site accepts the terms version the package demands.
/// `accepted` is the `dsfr_terms` value of `site.yaml`, if any.
pub fn check_terms(pkg: &Package, accepted: Option<&str>) -> Result<(), AssetError> {
    let required = &pkg.terms_version;
    match accepted.map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) if a == required => Ok(()),
        Some(a) => Err(AssetError::TermsMismatch {
            version: pkg.version.clone(),
            accepted: a.to_string(),
            required: required.clone(),
            cgu: cgu_path(pkg),
        }),
        None => Err(AssetError::TermsNotAccepted {
            version: pkg.version.clone(),
            required: required.clone(),
            cgu: cgu_path(pkg),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg() -> Package {
        Package {
            root: PathBuf::from("/cache/dsfr/1.15.3-47d0002d97352df6/package"),
            version: "1.15.3".into(),
            terms_version: "1.0.1".into(),
        }
    }

    #[test]
    fn reads_the_version_like_preinstall_js() {
        assert_eq!(
            parse_cgu_version("---\ncguVersion: '1.0.1'\n---\n\n## Modalités").unwrap(),
            "1.0.1"
        );
        assert_eq!(
            parse_cgu_version("---\r\ntitle: x\r\n  cguVersion: \"2.0\"\r\n---\r\n").unwrap(),
            "2.0"
        );
        assert_eq!(parse_cgu_version("---\ncguVersion: 3\n---"), Some("3".into()));
        assert_eq!(parse_cgu_version("# no front matter\ncguVersion: 1"), None);
        assert_eq!(parse_cgu_version("---\ntitle: x\n---\ncguVersion: 1"), None);
        assert_eq!(parse_cgu_version("---\ncguVersion: ''\n---"), None);
    }

    #[test]
    fn accepts_the_required_version() {
        check_terms(&pkg(), Some("1.0.1")).unwrap();
        check_terms(&pkg(), Some(" 1.0.1 ")).unwrap();
    }

    #[test]
    fn explains_missing_acceptance() {
        let err = check_terms(&pkg(), None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "site.yaml does not accept the DSFR terms of use: DSFR 1.15.3 requires accepting version 1.0.1"
        );
        assert_eq!(
            err.help(),
            "DSFR use is restricted to State services (sites on .gouv.fr domains with the SIG \
             agreement): read the terms in /cache/dsfr/1.15.3-47d0002d97352df6/package/doc/legal/cgu.md, \
             then write in site.yaml:\n    dsfr_terms: \"1.0.1\""
        );
        assert_eq!(
            check_terms(&pkg(), Some("  ")).unwrap_err().to_string(),
            err.to_string()
        );
    }

    #[test]
    fn explains_an_outdated_acceptance() {
        let err = check_terms(&pkg(), Some("1.0.0")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "site.yaml accepts the DSFR terms of use version 1.0.0, but DSFR 1.15.3 requires version 1.0.1"
        );
        assert_eq!(
            err.help(),
            "The terms changed since version 1.0.0. DSFR use is restricted to State services (sites on \
             .gouv.fr domains with the SIG agreement): read the terms in \
             /cache/dsfr/1.15.3-47d0002d97352df6/package/doc/legal/cgu.md, \
             then write in site.yaml:\n    dsfr_terms: \"1.0.1\""
        );
    }
}
