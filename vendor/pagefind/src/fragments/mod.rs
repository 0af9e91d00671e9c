use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

// PATCH(atelier): `Deserialize` on the fragment types, for `api::PageRecord`.
#[derive(Deserialize, Debug, Clone)]
pub struct PageAnchorData {
    pub element: String,
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub title: Option<String>,
    pub location: u32,
}

// PATCH(atelier): the fragment JSON leaves out a missing title, as the derived
// `skip_serializing_if` did; a binary format (not human readable: `api::PageRecord`)
// keeps every field, as it cannot tell a field left out.
impl Serialize for PageAnchorData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let skip_title = serializer.is_human_readable() && self.title.is_none();
        let mut s = serializer.serialize_struct("PageAnchorData", 5 - usize::from(skip_title))?;
        s.serialize_field("element", &self.element)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("text", &self.text)?;
        if skip_title {
            s.skip_field("title")?;
        } else {
            s.serialize_field("title", &self.title)?;
        }
        s.serialize_field("location", &self.location)?;
        s.end()
    }
}

#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct PageFragmentData {
    pub url: String,
    pub content: String,
    pub word_count: usize,
    pub filters: BTreeMap<String, Vec<String>>,
    pub meta: BTreeMap<String, String>,
    pub anchors: Vec<PageAnchorData>,
}

#[derive(Serialize, Deserialize, Debug, Clone)] // PATCH(atelier): serde
pub struct PageFragment {
    pub page_number: usize,
    pub data: PageFragmentData,
}
