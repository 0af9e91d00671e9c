//! Reading URLs out of pages and stylesheets, and resolving them, as a browser would.

/// `scheme://host[:port]` of an absolute URL.
pub fn origin_of(url: &str) -> Option<&str> {
    let rest = url.find("://").map(|i| i + 3)?;
    let end = url[rest..].find(['/', '?', '#']).map_or(url.len(), |e| rest + e);
    Some(&url[..end])
}

/// Resolves `reference` against the page at `base` (an absolute URL), without fragment.
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    let reference = reference.trim();
    let reference = reference.split('#').next().unwrap_or_default();
    if reference.is_empty() {
        return Some(base.split('#').next()?.to_string());
    }
    if reference.contains("://") {
        return Some(reference.to_string());
    }
    if let Some(rest) = reference.strip_prefix("//") {
        let scheme = &base[..base.find("://")?];
        return Some(format!("{scheme}://{rest}"));
    }
    if reference.contains(':') && !reference.starts_with('/') && !reference.starts_with('.') {
        return None; // mailto:, tel:, data:, javascript:
    }
    let origin = origin_of(base)?;
    let (path, query) = match reference.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (reference, None),
    };
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        let base_path = &base[origin.len()..];
        let base_path = base_path.split(['?', '#']).next().unwrap_or("/");
        let dir = &base_path[..=base_path.rfind('/').unwrap_or(0)];
        format!("{dir}{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/').skip(1) {
        match seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut url = format!("{origin}/{}", parts.join("/"));
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    Some(url)
}

/// The `url()` targets of a stylesheet (data URIs excluded).
pub fn css_urls(css: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = css;
    while let Some(i) = rest.find("url(") {
        rest = &rest[i + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        let target = rest[..end].trim().trim_matches(['"', '\'']);
        if !target.starts_with("data:") && !target.starts_with('#') {
            out.push(target.to_string());
        }
        rest = &rest[end..];
    }
    out
}

/// Open Graph and Twitter properties whose value is a URL.
const URL_METAS: [&str; 6] = [
    "og:url",
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "og:video",
    "twitter:image",
];

/// Every URL-bearing attribute of a page: (element, attribute, value).
pub fn references(html: &str) -> Vec<(String, String, String)> {
    let doc = scraper::Html::parse_document(html);
    let mut out = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let name = el.value().name().to_string();
        for (attr, value) in el.value().attrs() {
            let url_attr = matches!(
                attr,
                "href" | "src" | "xlink:href" | "action" | "data" | "poster" | "formaction" | "srcset"
            ) || (attr == "content"
                && el
                    .value()
                    .attr("property")
                    .or(el.value().attr("name"))
                    .is_some_and(|p| URL_METAS.contains(&p)));
            if !url_attr {
                continue;
            }
            if attr == "srcset" {
                for candidate in value.split(',') {
                    if let Some(url) = candidate.split_whitespace().next() {
                        out.push((name.clone(), attr.to_string(), url.to_string()));
                    }
                }
            } else {
                out.push((name.clone(), attr.to_string(), value.to_string()));
            }
        }
        if name == "style" {
            for url in css_urls(&el.inner_html()) {
                out.push((name.clone(), "url()".into(), url));
            }
        }
        if let Some(style) = el.value().attr("style") {
            for url in css_urls(style) {
                out.push((name.clone(), "style".into(), url));
            }
        }
    }
    out
}

#[test]
fn the_checker_flags_third_party_resources() {
    let html = r#"<html><head><link rel="stylesheet" href="https://cdn.example.com/x.css"><script src="//cdn.example.com/x.js"></script></head>
        <body><a href="https://www.service-public.gouv.fr/">lien</a><img src="/atelier/i.png" srcset="https://img.example.com/i.png 2x"><svg xmlns="http://www.w3.org/2000/svg"></svg></body></html>"#;
    let found: Vec<(String, String)> = references(html)
        .into_iter()
        .filter(|(_, _, v)| v.contains("example.com") || v.contains("service-public"))
        .map(|(e, a, _)| (e, a))
        .collect();
    assert_eq!(
        found,
        [
            ("link".to_string(), "href".to_string()),
            ("script".to_string(), "src".to_string()),
            ("a".to_string(), "href".to_string()),
            ("img".to_string(), "srcset".to_string()),
        ]
    );
}

#[test]
fn url_resolution() {
    let page = "http://127.0.0.1:8080/atelier/startups/ada/";
    assert_eq!(
        resolve(page, "../").unwrap(),
        "http://127.0.0.1:8080/atelier/startups/"
    );
    assert_eq!(
        resolve(page, "/atelier/#x").unwrap(),
        "http://127.0.0.1:8080/atelier/"
    );
    assert_eq!(
        resolve(page, "img.png?v=1").unwrap(),
        "http://127.0.0.1:8080/atelier/startups/ada/img.png?v=1"
    );
    assert_eq!(
        resolve("http://h/atelier/dsfr/dsfr.min.css", "fonts/M.woff2").unwrap(),
        "http://h/atelier/dsfr/fonts/M.woff2"
    );
    assert_eq!(
        resolve(page, "//cdn.example.com/x.js").unwrap(),
        "http://cdn.example.com/x.js"
    );
    assert_eq!(resolve(page, "mailto:a@b.fr"), None);
}
