//! When each page last changed, from content dates only, so the same content gives the same
//! dates: a news item's date; a startup's latest phase start or event that has happened by
//! the build date; a listing's newest member; the build date for everything else.

use std::collections::HashMap;

use crate::content::Data;
use crate::date::Date;
use crate::site::{Listing, Route, Site, StartupEntry, startup};

/// The last change of a route's page.
pub fn of(site: &Site, route: &Route) -> Date {
    let latest = |dates: &mut dyn Iterator<Item = Date>| dates.max().unwrap_or(site.build_date);
    match route {
        Route::Doc(i) => match (&site.docs[*i].data, site.docs[*i].url.as_str()) {
            (Data::News(n), _) => n.date.min(site.build_date),
            (Data::Startup(_), _) => startup_date(site, *i).unwrap_or(site.build_date),
            (_, "/startups/") => latest(&mut site.startups.iter().filter_map(|e| entry_date(site, e))),
            (_, "/actualites/") => latest(&mut site.news.iter().map(|&n| of(site, &Route::Doc(n)))),
            _ => site.build_date,
        },
        Route::Paged { of: listing, .. } => of(site, &listing.route()),
        Route::Phase(i) => latest(&mut members(site, &site.phases[*i].startups)),
        Route::Thematique(i) => latest(&mut members(site, &site.thematiques[*i].startups)),
        Route::SiteMap | Route::NotFound | Route::Redirect { .. } => site.build_date,
    }
}

/// [`of`] for many routes: a listing split into pages is looked at once, not once per
/// page (its pages all share its date, and each look reads every startup it lists).
pub struct Dates<'a> {
    site: &'a Site,
    listings: HashMap<Listing, Date>,
}

impl<'a> Dates<'a> {
    pub fn new(site: &'a Site) -> Dates<'a> {
        Dates {
            site,
            listings: HashMap::new(),
        }
    }

    /// The last change of a route's page.
    pub fn of(&mut self, route: &Route) -> Date {
        match route {
            Route::Paged { of: listing, .. } => *self
                .listings
                .entry(*listing)
                .or_insert_with(|| of(self.site, &listing.route())),
            _ => of(self.site, route),
        }
    }
}

fn members<'a>(site: &'a Site, positions: &'a [usize]) -> impl Iterator<Item = Date> + 'a {
    positions
        .iter()
        .filter_map(|&pos| entry_date(site, &site.startups[pos]))
}

fn entry_date(site: &Site, entry: &StartupEntry) -> Option<Date> {
    startup_date(site, entry.doc)
}

/// The latest phase start or event date of a startup that is not after the build date.
fn startup_date(site: &Site, doc: usize) -> Option<Date> {
    let s = startup(&site.docs[doc]);
    s.phases
        .iter()
        .map(|p| p.start)
        .chain(s.events.iter().map(|e| e.date))
        .filter(|d| *d <= site.build_date)
        .max()
}
