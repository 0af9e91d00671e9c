//! `robots.txt`, from `robots:` in `site.yaml`, with the sitemap line.
//!
//! Pages marked `robots: noindex` are not disallowed here: a crawler must be able to fetch
//! them to read their `noindex`. Crawlers only read `robots.txt` at the root of a host; a
//! site under a sub-path gets the file too, for the host's own `robots.txt` to copy.

use crate::pipeline::Output;
use crate::site::Site;

pub const PATH: &str = "robots.txt";

pub fn robots(site: &Site, has_sitemap: bool) -> Output {
    let rules = &site.config.robots;
    let mut text = String::from("User-agent: *\n");
    if rules.allow {
        if rules.disallow.is_empty() {
            text.push_str("Disallow:\n");
        }
        for path in &rules.disallow {
            text.push_str(&format!("Disallow: {}\n", site.link(path.trim())));
        }
    } else {
        text.push_str(&format!("Disallow: {}\n", site.base_path));
    }
    if has_sitemap {
        text.push_str(&format!(
            "\nSitemap: {}\n",
            super::absolute(site, super::sitemap::PATH)
        ));
    }
    Output {
        path: PATH.into(),
        bytes: text.into_bytes(),
    }
}
