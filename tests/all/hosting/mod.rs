//! Ready for static hosting, checked from outside: the site of this repository built under a
//! sub-path and served by a real nginx with the configuration of `docs/deploiement.md`
//! (crawl from the home page, 404, compression, cache headers, search in a real browser);
//! the sitemap, the Atom feed and the open data parsed against their formats; and no page
//! referencing another host except by an ordinary link.

mod deploy;
mod determinism;
mod formats;
mod meta;
mod nginx;
mod share_tags;
mod site;
mod third_party;
mod vocabulary;
mod web;
