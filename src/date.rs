//! Calendar dates as editors write them (`2024-01-15`), the build date, and French display.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day. YAML front matter writes dates unquoted (`start: 2024-01-15`); serde_yaml
/// reads them as strings (YAML 1.2), so they are parsed here with a message an editor
/// understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let parsed = text
            .split_once('T')
            .map_or(text, |(day, _)| day)
            .parse::<jiff::civil::Date>();
        match parsed {
            Ok(d) if text.len() >= 10 && text.as_bytes()[4] == b'-' => Ok(Date(d)),
            _ => Err(crate::tr!("date-invalid", text = text)),
        }
    }

    /// The build date: `--date`, else `SOURCE_DATE_EPOCH` (reproducible builds), else today.
    pub fn build_date(flag: Option<Date>) -> Result<Date, String> {
        if let Some(d) = flag {
            return Ok(d);
        }
        if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
            let secs: i64 = epoch
                .trim()
                .parse()
                .map_err(|_| crate::tr!("date-epoch-not-a-number", value = epoch.as_str()))?;
            let ts = jiff::Timestamp::from_second(secs).map_err(|e| {
                crate::tr!(
                    "date-epoch-out-of-range",
                    value = epoch.as_str(),
                    error = e.to_string()
                )
            })?;
            return Ok(Date(ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()));
        }
        Ok(Date(jiff::ZonedDateTime::now().date()))
    }

    /// "15 janvier 2024" ("1er" for the first day of a month, as French typography wants).
    pub fn french(self) -> String {
        const MONTHS: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        let day = self.0.day();
        let month = MONTHS[self.0.month() as usize - 1];
        if day == 1 {
            format!("1er {month} {}", self.0.year())
        } else {
            format!("{day} {month} {}", self.0.year())
        }
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        i64::from((later.0 - self.0).get_days())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = crate::text::Text::deserialize(d)?;
        Date::parse(&text.0).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_days_and_timestamps() {
        assert_eq!(Date::parse("2024-01-15").unwrap().to_string(), "2024-01-15");
        assert_eq!(
            Date::parse("2027-02-19T00:00:00.000Z").unwrap().to_string(),
            "2027-02-19"
        );
    }

    #[test]
    fn rejects_other_shapes_with_an_example() {
        for bad in ["15/01/2024", "2024-13-01", "2024-02-30", "demain", "2024-1-5"] {
            let err = Date::parse(bad).unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
            assert!(err.contains(bad), "{bad}: {err}");
        }
    }

    #[test]
    fn formats_in_french() {
        assert_eq!(Date::parse("2024-01-15").unwrap().french(), "15 janvier 2024");
        assert_eq!(Date::parse("2020-09-01").unwrap().french(), "1er septembre 2020");
    }

    #[test]
    fn flag_wins_over_environment() {
        let d = Date::parse("2025-05-05").unwrap();
        assert_eq!(Date::build_date(Some(d)).unwrap(), d);
    }
}
