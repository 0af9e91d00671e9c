//! A document's data as the build cache keeps it between processes: what [`super::load`]
//! made of a file that loaded without a problem, so that a build that finds the same file
//! again takes it instead of parsing its front matter.
//!
//! Written as JSON: the data holds free-form values (`extra:`) that only a self-describing
//! format gives back. What templates never see (where a key is written, the cover image,
//! `draft` of a fiche) is kept beside it.

use serde::{Deserialize, Serialize};

use super::Data;
use super::meta::{Cover, News, Organisation, Page, Startup};
use crate::diagnostic::Location;

#[derive(Serialize, Deserialize)]
enum Record {
    Page {
        data: Box<Page>,
        template_at: Option<Spot>,
        paginate_by_at: Option<Spot>,
        image: Option<Image>,
    },
    Startup {
        data: Box<Startup>,
        draft: bool,
        image: Option<Image>,
    },
    Organisation {
        data: Organisation,
    },
    News {
        data: News,
        image: Option<Image>,
    },
}

/// A [`Location`], whole.
#[derive(Serialize, Deserialize)]
struct Spot {
    path: std::path::PathBuf,
    line: usize,
    col: usize,
    len: usize,
    line_text: String,
    skipped: usize,
}

/// A [`Cover`], whole.
#[derive(Serialize, Deserialize)]
struct Image {
    path: String,
    alt: Option<String>,
    at: Spot,
}

impl From<&Location> for Spot {
    fn from(l: &Location) -> Spot {
        Spot {
            path: l.path.clone(),
            line: l.line,
            col: l.col,
            len: l.len,
            line_text: l.line_text.clone(),
            skipped: l.skipped,
        }
    }
}

impl From<Spot> for Location {
    fn from(s: Spot) -> Location {
        Location {
            path: s.path,
            line: s.line,
            col: s.col,
            len: s.len,
            line_text: s.line_text,
            skipped: s.skipped,
        }
    }
}

fn image(cover: Option<&Cover>) -> Option<Image> {
    cover.map(|c| Image {
        path: c.path.clone(),
        alt: c.alt.clone(),
        at: Spot::from(&c.at),
    })
}

fn cover(image: Option<Image>) -> Option<Box<Cover>> {
    image.map(|i| {
        Box::new(Cover {
            path: i.path,
            alt: i.alt,
            at: i.at.into(),
        })
    })
}

/// The record of `data`; `None` for data that is never kept: a fiche with a URL the URL
/// rule refused (the checks report it from the front matter).
pub fn encode(data: &Data) -> Option<Vec<u8>> {
    let record = match data {
        Data::Page(p) => Record::Page {
            data: Box::new(p.clone()),
            template_at: p.template_at.as_ref().map(Spot::from),
            paginate_by_at: p.paginate_by_at.as_ref().map(Spot::from),
            image: image(p.image.as_deref()),
        },
        Data::Startup(s) if s.refused_urls.is_empty() => Record::Startup {
            data: s.clone(),
            draft: s.draft,
            image: image(s.image.as_deref()),
        },
        Data::Organisation(o) if o.refused_urls.is_empty() => Record::Organisation { data: o.clone() },
        Data::News(n) => Record::News {
            data: n.clone(),
            image: image(n.image.as_deref()),
        },
        Data::Startup(_) | Data::Organisation(_) => return None,
    };
    serde_json::to_vec(&record).ok()
}

/// The data of a record [`encode`] made; `None` if it is not one.
pub fn decode(bytes: &[u8]) -> Option<Data> {
    Some(match serde_json::from_slice(bytes).ok()? {
        Record::Page {
            mut data,
            template_at,
            paginate_by_at,
            image,
        } => {
            data.template_at = template_at.map(Location::from);
            data.paginate_by_at = paginate_by_at.map(Location::from);
            data.image = cover(image);
            Data::Page(*data)
        }
        Record::Startup {
            mut data,
            draft,
            image,
        } => {
            data.draft = draft;
            data.image = cover(image);
            Data::Startup(data)
        }
        Record::Organisation { data } => Data::Organisation(data),
        Record::News { mut data, image } => {
            data.image = cover(image);
            Data::News(data)
        }
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Every document of `root/content` that loads, kept and taken back: the same data.
    fn round_trip_all(root: &Path) -> usize {
        let loaded = super::super::load(root);
        let mut kept = 0;
        for doc in &loaded.documents {
            let Some(bytes) = encode(&doc.data) else {
                continue;
            };
            let back = decode(&bytes).unwrap_or_else(|| panic!("{}: not read back", doc.rel));
            assert_eq!(format!("{back:?}"), format!("{:?}", doc.data), "{}", doc.rel);
            kept += 1;
        }
        kept
    }

    #[test]
    fn the_sites_documents_are_kept_whole() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut kept = round_trip_all(here);
        assert!(kept > 40, "the real site: {kept}");
        for site in std::fs::read_dir(here.join("tests/fixtures/sites")).unwrap() {
            kept += round_trip_all(&site.unwrap().path());
        }
        assert!(kept > 60, "{kept}");
    }

    /// A document of `text` at `rel`, which must load.
    fn doc(rel: &str, text: &str) -> super::super::Document {
        let path = Path::new("content").join(rel);
        super::super::parse_document(&path, rel, text, &mut Vec::new()).expect("loads")
    }

    /// A fiche with `more` front matter lines.
    fn fiche(more: &str) -> super::super::Document {
        let text = format!(
            "---\ntitle: A\nmission: M\nincubator: culture\ncontact: a@b.fr\n\
             phases: [{{name: construction, start: 2024-01-15}}]\n{more}---\n"
        );
        doc("startups/a.md", &text)
    }

    fn assert_kept_whole(data: &Data) {
        let back = decode(&encode(data).expect("kept")).expect("read back");
        assert_eq!(format!("{back:?}"), format!("{data:?}"));
    }

    #[test]
    fn what_templates_never_see_is_kept_too() {
        let page = doc(
            "liste.md",
            "---\ntitle: Liste\ntemplate: liste.html\npaginate_by: 5\nimage: /img/a.png\n\
             image_alt: Une vue\nextra:\n  n: 1.5\n  l: [1, \"deux\", {a: null}]\n---\nCorps\n",
        );
        let Data::Page(p) = &page.data else { panic!() };
        assert!(p.template_at.is_some() && p.paginate_by_at.is_some() && p.image.is_some());
        assert_kept_whole(&page.data);
        let draft = fiche("draft: true\nimage: a.png\n");
        assert!(draft.is_draft());
        assert_kept_whole(&draft.data);
    }

    #[test]
    fn a_fiche_with_a_refused_address_is_never_kept() {
        assert!(encode(&fiche("link: javascript:alert(1)\n").data).is_none());
        assert!(decode(b"{\"Page\":{}}").is_none(), "not a record");
    }
}
