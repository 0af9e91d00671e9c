//! Precompressed siblings (`--precompress`): `page.html.gz` (gzip, level 9) and
//! `page.html.br` (brotli, quality 11) next to each text file of at least [`MIN_SIZE`]
//! bytes, for hosts that serve them as they are (nginx `gzip_static` / `brotli_static`,
//! GitLab Pages). A sibling is kept only when it is smaller than the file. The gzip header
//! has no time and no name: the same input gives the same bytes.

use std::io::Write;

use flate2::{Compression, GzBuilder};
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::pipeline::{CopiedFile, Output};

/// Smaller files are not worth a sibling (a network packet holds about this much).
pub const MIN_SIZE: usize = 1024;

/// Extensions of the text files compressed.
const EXTENSIONS: [&str; 10] = [
    "html",
    "css",
    "js",
    "mjs",
    "json",
    "xml",
    "svg",
    "txt",
    "webmanifest",
    "ico",
];

/// Whether a file of this path is text worth compressing.
pub fn compressible(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzBuilder::new()
        .mtime(0)
        .write(Vec::with_capacity(bytes.len() / 3), Compression::new(9));
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("compressing in memory cannot fail")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 4);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing in memory cannot fail");
    out
}

#[derive(Debug, Clone, Copy)]
enum Codec {
    Gzip,
    Brotli,
}

impl Codec {
    fn extension(self) -> &'static str {
        match self {
            Codec::Gzip => "gz",
            Codec::Brotli => "br",
        }
    }

    fn compress(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            Codec::Gzip => gzip(bytes),
            Codec::Brotli => brotli(bytes),
        }
    }
}

/// The siblings of every compressible output and copied file, sorted by path. Each
/// (file, codec) pair is one task, largest files first, so that the few large DSFR files
/// do not leave a core idle.
pub fn siblings(outputs: &[Output], copies: &[CopiedFile]) -> Result<Vec<Output>, Diagnostic> {
    let read: Vec<(&str, Vec<u8>)> = copies
        .par_iter()
        .filter(|c| compressible(&c.dest))
        .map(|c| crate::fs::read(&c.src).map(|bytes| (c.dest.as_str(), bytes)))
        .collect::<Result<_, Diagnostic>>()?;
    let files = outputs
        .iter()
        .map(|o| (o.path.as_str(), o.bytes.as_slice()))
        .chain(read.iter().map(|(path, bytes)| (*path, bytes.as_slice())))
        .filter(|(path, bytes)| bytes.len() >= MIN_SIZE && compressible(path));
    let mut tasks: Vec<(&str, &[u8], Codec)> = files
        .flat_map(|(path, bytes)| [(path, bytes, Codec::Gzip), (path, bytes, Codec::Brotli)])
        .collect();
    tasks.sort_by_key(|(path, bytes, _)| (std::cmp::Reverse(bytes.len()), *path));
    let mut all: Vec<Output> = tasks
        .into_par_iter()
        .with_max_len(1)
        .filter_map(|(path, bytes, codec)| {
            let packed = codec.compress(bytes);
            (packed.len() < bytes.len()).then(|| Output {
                path: format!("{path}.{}", codec.extension()),
                bytes: packed,
            })
        })
        .collect();
    all.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(all)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn siblings_decompress_to_the_file_and_are_deterministic() {
        let page = "<p>Bonjour à toutes et à tous.</p>\n".repeat(100);
        let outputs = vec![
            Output {
                path: "index.html".into(),
                bytes: page.clone().into_bytes(),
            },
            Output {
                path: "petit.html".into(),
                bytes: b"<p>court</p>".to_vec(),
            },
            Output {
                path: "image.png".into(),
                bytes: vec![0; 4096],
            },
        ];
        let got = siblings(&outputs, &[]).unwrap();
        let paths: Vec<&str> = got.iter().map(|o| o.path.as_str()).collect();
        assert_eq!(paths, ["index.html.br", "index.html.gz"]);
        let mut text = String::new();
        flate2::read::GzDecoder::new(&got[1].bytes[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, page);
        let mut text = String::new();
        brotli::Decompressor::new(&got[0].bytes[..], 4096)
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, page);
        assert_eq!(siblings(&outputs, &[]).unwrap(), got);
    }

    #[test]
    fn missing_copied_files_are_reported() {
        let copy = CopiedFile {
            src: "/nonexistent/atelier/x.css".into(),
            dest: "x.css".into(),
        };
        let err = siblings(&[], &[copy]).unwrap_err();
        assert!(
            err.message.contains("/nonexistent/atelier/x.css"),
            "{}",
            err.message
        );
    }

    #[test]
    fn text_extensions_only() {
        assert!(compressible("dsfr/dsfr.min.0123456789.css"));
        assert!(compressible("api/startups.json"));
        assert!(!compressible("dsfr/fonts/Marianne-Bold.woff2"));
        assert!(!compressible("pagefind/index/fr_1234.pf_index"));
        assert!(!compressible("README"));
    }
}
