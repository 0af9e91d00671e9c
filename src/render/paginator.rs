//! The `paginator` template variable of a listing split into pages (`paginate_by`): which
//! items the page shows, and the links of the DSFR pagination (first, previous, a window of
//! page numbers around the current one, next, last).

use serde::Serialize;

use crate::site::{Listing, Paging, Route, Site};

/// The `paginator` template variable.
#[derive(Debug, Serialize)]
pub struct Paginator {
    /// This page's number, from 1.
    pub number: usize,
    /// Number of pages.
    pub pages: usize,
    pub per_page: usize,
    /// Items in the whole listing.
    pub items: usize,
    /// The items this page shows are `start..end` of the listing (for `slice`).
    pub start: usize,
    pub end: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The numbered links, with gaps (`number: null`) where pages are left out.
    pub links: Vec<PageLink>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct PageLink {
    /// `None`: a gap (`…`).
    pub number: Option<usize>,
    pub url: Option<String>,
    pub current: bool,
}

/// The paginator of page `number` of `listing`.
pub fn paginator(site: &Site, listing: Listing, paging: Paging, number: usize) -> Paginator {
    let url = |n: usize| {
        let route = if n <= 1 {
            listing.route()
        } else {
            Route::Paged { of: listing, page: n }
        };
        site.link(&site.url(&route))
    };
    let range = paging.range(number);
    Paginator {
        number,
        pages: paging.pages,
        per_page: paging.per_page,
        items: paging.items,
        start: range.start,
        end: range.end,
        first: url(1),
        last: url(paging.pages),
        previous: (number > 1).then(|| url(number - 1)),
        next: (number < paging.pages).then(|| url(number + 1)),
        links: window(number, paging.pages)
            .into_iter()
            .map(|n| PageLink {
                number: n,
                url: n.map(url),
                current: n == Some(number),
            })
            .collect(),
    }
}

/// The page numbers shown: the first, the last, and the current one with its neighbours;
/// `None` stands for the pages left out between them.
fn window(current: usize, pages: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        let near = n + 1 >= current && n <= current + 1;
        if n == 1 || n == pages || near {
            if n > last_shown + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last_shown = n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn windows_keep_the_ends_and_the_neighbours() {
        assert_eq!(window(1, 1), vec![Some(1)]);
        assert_eq!(window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(window(1, 5), vec![Some(1), Some(2), None, Some(5)]);
        assert_eq!(
            window(5, 9),
            vec![Some(1), None, Some(4), Some(5), Some(6), None, Some(9)]
        );
        assert_eq!(window(3, 5), vec![Some(1), Some(2), Some(3), Some(4), Some(5)]);
    }
}
