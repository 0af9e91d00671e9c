//! Text of the front matter and the settings as pages show it.

use std::borrow::Cow;

use crate::site::Site;

/// Front matter and settings text as pages show it: typeset when the site is French and
/// `typography` is on (the body's text is typeset by `markdown`).
pub(super) fn shown<'a>(site: &Site, text: &'a str) -> Cow<'a, str> {
    if site.config.french_typography() {
        crate::typography::french(text)
    } else {
        Cow::Borrowed(text)
    }
}
