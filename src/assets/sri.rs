//! Subresource-integrity (`sha512-<base64>`) parsing and checking, as npm
//! writes it in `dist.integrity`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest as _, Sha512};

use super::AssetError;

/// A parsed `sha512-...` integrity value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sri {
    digest: [u8; 64],
}

impl Sri {
    /// Parses an SRI string; among several space-separated hashes the
    /// sha512 one is used (npm only publishes sha512 nowadays).
    pub(crate) fn parse(package: &str, integrity: &str) -> Result<Self, AssetError> {
        let bad = |reason| AssetError::BadIntegrity {
            package: package.to_string(),
            integrity: integrity.to_string(),
            reason,
        };
        let b64 = integrity
            .split_ascii_whitespace()
            .find_map(|h| h.strip_prefix("sha512-"))
            .ok_or_else(|| bad("no sha512 hash"))?;
        // An SRI hash may carry `?options` after the base64 part.
        let b64 = b64.split('?').next().unwrap_or_default();
        let bytes = STANDARD
            .decode(b64)
            .map_err(|_| bad("the sha512 hash is not valid base64"))?;
        let digest = bytes
            .try_into()
            .map_err(|_| bad("a sha512 hash is 64 bytes long"))?;
        Ok(Self { digest })
    }

    pub(crate) fn of(bytes: &[u8]) -> Self {
        Self {
            digest: Sha512::digest(bytes).into(),
        }
    }

    /// The first 16 hex digits of the digest, used in cache directory names.
    pub(crate) fn short_hex(&self) -> String {
        self.digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Checks `bytes` against this hash; `origin` (URL or path) names the
    /// bytes in the error.
    pub(crate) fn verify(&self, bytes: &[u8], origin: &str) -> Result<(), AssetError> {
        let actual = Self::of(bytes);
        if actual == *self {
            Ok(())
        } else {
            Err(AssetError::Integrity {
                origin: origin.to_string(),
                expected: self.to_string(),
                actual: actual.to_string(),
            })
        }
    }
}

impl std::fmt::Display for Sri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sha512-{}", STANDARD.encode(self.digest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_good_bytes_and_rejects_tampered_ones() {
        let good = b"the published tarball".as_slice();
        let sri = Sri::parse("pkg", &Sri::of(good).to_string()).unwrap();
        sri.verify(good, "https://r.test/pkg.tgz").unwrap();

        let err = sri.verify(b"the published tarbalL", "https://r.test/pkg.tgz");
        let err = err.unwrap_err().to_string();
        assert!(err.starts_with("integrity check failed for https://r.test/pkg.tgz: expected sha512-"));
        assert!(err.contains(&format!("got {}", Sri::of(b"the published tarbalL"))));
    }

    #[test]
    fn parses_the_dsfr_pin_and_derives_the_cache_key() {
        let pin =
            "sha512-R9AALZc1LfZjtytWZMOaUIOHWTkllBZ/sZlsL8TpKZVgF3qUKXt/uNYh+L1D1Fh4p92ZqWxbtNcebsigBZe5pQ==";
        let sri = Sri::parse("@gouvfr/dsfr", &format!("sha1-abc {pin}")).unwrap();
        assert_eq!(sri.to_string(), pin);
        assert_eq!(sri.short_hex(), "47d0002d97352df6");
    }

    #[test]
    fn rejects_malformed_integrity() {
        for (bad, reason) in [
            ("sha1-qUqP5cyxm6YcTAhz05Hph5gvu9M=", "no sha512 hash"),
            ("sha512-***", "the sha512 hash is not valid base64"),
            (
                "sha512-qUqP5cyxm6YcTAhz05Hph5gvu9M=",
                "a sha512 hash is 64 bytes long",
            ),
        ] {
            let err = Sri::parse("p", bad).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("invalid integrity {bad:?} for p: {reason}")
            );
        }
    }
}
