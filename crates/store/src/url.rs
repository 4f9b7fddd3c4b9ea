use std::fmt;
use std::path::PathBuf;

use crate::StoreError;

/// Where the data lives: an SQLite file or a PostgreSQL server.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An embedded SQLite database file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://…`).
    Postgres(String),
}

impl DatabaseUrl {
    /// Parses `sqlite://PATH`, `sqlite:PATH`, `postgres://…` or `postgresql://…`. Anything else is
    /// an error: a typo must never quietly start an empty SQLite database somewhere.
    pub fn parse(raw: &str) -> Result<Self, StoreError> {
        let raw = raw.trim();
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self::Postgres(raw.to_owned()));
        }
        if let Some(path) = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
        {
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() || path == ":memory:" {
                return Err(StoreError::Url(
                    "an SQLite database URL needs a file path, such as sqlite://steady-data/steady.db"
                        .into(),
                ));
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        let scheme = raw.split(':').next().unwrap_or_default();
        Err(StoreError::Url(format!(
            "unrecognised database URL scheme {scheme:?}: use sqlite://PATH or postgres://USER@HOST/DB"
        )))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Shows where the data lives without any password the URL may carry.
impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(raw) => {
                let rest = raw.split_once("://").map(|(_, r)| r).unwrap_or(raw);
                let host_and_db = rest.rsplit_once('@').map(|(_, h)| h).unwrap_or(rest);
                let host_and_db = host_and_db.split('?').next().unwrap_or(host_and_db);
                write!(f, "postgres://{host_and_db}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognised_urls() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/steady.db").unwrap(),
            DatabaseUrl::Sqlite("data/steady.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:/abs/steady.db?mode=rwc").unwrap(),
            DatabaseUrl::Sqlite("/abs/steady.db".into())
        );
        assert!(matches!(
            DatabaseUrl::parse("postgresql://u:p@h/db").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
    }

    #[test]
    fn unrecognised_urls_are_errors() {
        for bad in [
            "mysql://h/db",
            "steady.db",
            "",
            "postgre://h/db",
            "sqlite://",
            "sqlite::memory:",
        ] {
            assert!(DatabaseUrl::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn passwords_in_urls_are_not_shown() {
        let url =
            DatabaseUrl::parse("postgres://steady:s3cret@db.internal:5432/steady?sslmode=require")
                .unwrap();
        let shown = format!("{url} {url:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("db.internal:5432/steady"));
    }
}
