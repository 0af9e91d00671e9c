//! The `share` template variable: the links of the DSFR share component (`fr-share`) of a
//! news or startup page, built from the page's canonical URL and title, percent-encoded.
//! Plain links to each network's share address: no script or image of another host.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

/// The `share` template variable.
#[derive(Debug, Serialize)]
pub struct Share {
    /// The page's absolute URL, for the copy-link button.
    pub url: String,
    pub links: Vec<ShareLink>,
}

#[derive(Debug, Serialize)]
pub struct ShareLink {
    /// DSFR button modifier: `fr-btn--<network>`.
    pub network: &'static str,
    pub label: String,
    pub href: String,
    /// Opens in a new window (the networks); mail does not.
    pub new_window: bool,
}

/// The networks' share addresses, as [`share`] writes them.
const ENDPOINTS: [&str; 3] = [
    "https://www.facebook.com/sharer.php?",
    "https://x.com/intent/tweet?",
    "https://www.linkedin.com/shareArticle?",
];

/// Whether `url` is one of the share links [`share`] writes: `check --external` leaves them
/// alone (one request per page to each network, which answers robots with a refusal).
pub fn is_share_link(url: &str) -> bool {
    ENDPOINTS.iter().any(|e| url.starts_with(e))
}

/// The share links of the page at absolute `url` titled `title`.
pub fn share(url: &str, title: &str) -> Share {
    let u = encode(url);
    let t = encode(title);
    let link = |network, name: &str, href: String, new_window| ShareLink {
        network,
        label: format!("Partager sur {name}"),
        href,
        new_window,
    };
    Share {
        url: url.to_string(),
        links: vec![
            link("facebook", "Facebook", format!("{}u={u}", ENDPOINTS[0]), true),
            link(
                "twitter-x",
                "X (anciennement Twitter)",
                format!("{}url={u}&text={t}", ENDPOINTS[1]),
                true,
            ),
            link(
                "linkedin",
                "LinkedIn",
                format!("{}url={u}&title={t}", ENDPOINTS[2]),
                true,
            ),
            ShareLink {
                network: "mail",
                label: "Partager par courriel".into(),
                href: format!("mailto:?subject={t}&body={u}"),
                new_window: false,
            },
        ],
    }
}

/// What a query value keeps as is: RFC 3986's unreserved characters.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Every byte but the unreserved ones percent-encoded: safe in any query value.
fn encode(text: &str) -> String {
    utf8_percent_encode(text, VALUE).to_string()
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn urls_and_titles_are_percent_encoded() {
        let s = share(
            "https://exemple.gouv.fr/actualites/a-b/?x=1&y=2",
            "L’été & \"nous\"",
        );
        let x = &s.links[1].href;
        assert_eq!(
            x,
            "https://x.com/intent/tweet?url=https%3A%2F%2Fexemple.gouv.fr%2Factualites%2Fa-b%2F%3Fx%3D1%26y%3D2\
             &text=L%E2%80%99%C3%A9t%C3%A9%20%26%20%22nous%22"
        );
        assert!(
            s.links
                .iter()
                .all(|l| !l.href.contains(' ') && !l.href.contains('"'))
        );
        assert_eq!(s.links[3].href.split_once('?').unwrap().0, "mailto:");
    }

    #[test]
    fn external_checks_know_the_share_links() {
        let s = share("https://exemple.gouv.fr/a/", "A");
        for l in &s.links[..3] {
            assert!(super::is_share_link(&l.href), "{}", l.href);
        }
        assert!(!super::is_share_link("https://x.com/atelier"));
        assert!(!super::is_share_link("https://www.facebook.com/ministere"));
    }
}
