use std::fmt;

use crate::ValidationError;

/// An IANA time zone name known to the bundled time zone database, such as `Europe/Lisbon`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct TimeZoneName(String);

impl TimeZoneName {
    /// Parses a time zone name; unknown names are refused.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let raw = raw.trim();
        if raw.is_empty() || raw.len() > 64 {
            return Err(ValidationError::new("time_zone", "Choose a time zone."));
        }
        match jiff::tz::TimeZone::get(raw) {
            Ok(_) => Ok(Self(raw.to_owned())),
            Err(_) => Err(ValidationError::new(
                "time_zone",
                format!("\u{201c}{raw}\u{201d} is not a time zone we know. Pick one from the list, such as Europe/Lisbon."),
            )),
        }
    }

    /// The UTC time zone, used until a person picks their own.
    pub fn utc() -> Self {
        Self("UTC".to_owned())
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The zone itself, for converting instants to local time.
    pub fn zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.0).unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// Every time zone name in the bundled database, sorted.
    pub fn all() -> Vec<String> {
        let mut names: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.to_string())
            .filter(|n| n.contains('/') || n == "UTC")
            .collect();
        names.sort();
        names
    }
}

impl fmt::Display for TimeZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_zones_parse_and_unknown_are_refused() {
        assert!(TimeZoneName::parse("America/New_York").is_ok());
        assert!(TimeZoneName::parse("UTC").is_ok());
        let err = TimeZoneName::parse("Mars/Olympus").unwrap_err();
        assert_eq!(err.field, "time_zone");
        assert!(TimeZoneName::parse("").is_err());
    }

    #[test]
    fn the_list_has_common_zones() {
        let all = TimeZoneName::all();
        assert!(all.iter().any(|z| z == "Europe/Lisbon"));
        assert!(all.len() > 300);
    }
}
