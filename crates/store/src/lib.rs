//! Storage for Steady, on embedded SQLite or on PostgreSQL.
//!
//! One [`Store`] type serves both engines. The SQL is written once in the portable subset both
//! engines share; each query is compiled for each engine by the `on_db!` macro. Migrations live
//! in one folder per engine (`migrations/sqlite`, `migrations/postgres`). Free-text fields are
//! written only as [`Sealed`] values (see [`crypto`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), steady_store::StoreError> {
//! use steady_store::{DatabaseUrl, Store};
//!
//! let url = DatabaseUrl::parse("sqlite://steady-data/steady.db")?;
//! let store = Store::connect(&url).await?;
//! store.ping().await?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod accounts;
mod bids;
pub mod crypto;
mod drafts;
mod moments;
mod plan;
mod url;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use accounts::{ApiTokenRecord, NewUser, SessionLifetimes, SessionRecord, User};
pub use bids::{BidFilter, BidRecord, BidValues};
pub use crypto::{Aad, CryptoError, DataKey, MasterKey, Sealed};
pub use drafts::{DraftChange, DraftRecord};
pub use moments::{MomentQuery, MomentRecord, MomentWrite, PredictionCounts};
pub use plan::{CheckinRecord, CompassionRecord, IntentionRecord, IntentionValues};
pub use url::DatabaseUrl;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is not one Steady can use.
    #[error("{0}")]
    Url(String),
    /// The database refused or failed a query.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database is not configured the way Steady needs it.
    #[error("database check failed: {0}")]
    Check(String),
    /// A value that must be unique already exists (a username, say).
    #[error("already exists")]
    Conflict,
    /// A stored value is not what Steady wrote.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

pub(crate) fn map_unique(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict,
        _ => StoreError::Database(err),
    }
}

#[derive(Clone)]
pub(crate) enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same query code against whichever engine the store uses. The body is compiled once
/// per engine, so a query that does not fit both fails to build rather than at run time.
macro_rules! on_db {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_db;

/// The database behind Steady.
#[derive(Clone)]
pub struct Store {
    db: Db,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Store({})", self.engine())
    }
}

impl Store {
    /// Connects, runs the migrations, and verifies the connection settings.
    pub async fn connect(url: &DatabaseUrl) -> Result<Self, StoreError> {
        let db = match url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        StoreError::Check(format!("cannot create {}: {e}", parent.display()))
                    })?;
                }
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .connect_with(options)
                    .await?;
                sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
                Db::Sqlite(pool)
            }
            DatabaseUrl::Postgres(raw) => {
                let options = sqlx::postgres::PgConnectOptions::from_str(raw)?;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?;
                sqlx::migrate!("./migrations/postgres").run(&pool).await?;
                Db::Postgres(pool)
            }
        };
        let store = Self { db };
        store.verify_settings().await?;
        Ok(store)
    }

    /// Which engine this store runs on: `"sqlite"` or `"postgres"`.
    pub fn engine(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query_scalar::<_, i32>("SELECT 1")
                .fetch_one(pool)
                .await?;
        });
        Ok(())
    }

    /// Closes every connection (waits for queries in flight).
    pub async fn close(&self) {
        on_db!(&self.db, |pool| pool.close().await)
    }

    /// SQLite must run with WAL, `synchronous=FULL`, foreign keys and a busy timeout, or a
    /// journal could lose acknowledged writes; this reads the settings back to be sure.
    async fn verify_settings(&self) -> Result<(), StoreError> {
        let Some(settings) = self.sqlite_settings().await? else {
            return Ok(());
        };
        if settings.journal_mode != "wal"
            || settings.synchronous != 2
            || !settings.foreign_keys
            || settings.busy_timeout_ms <= 0
        {
            return Err(StoreError::Check(format!(
                "SQLite settings are not safe for a journal: {settings:?}"
            )));
        }
        Ok(())
    }

    /// The SQLite settings in force, as read back from the database (`None` on PostgreSQL).
    pub async fn sqlite_settings(&self) -> Result<Option<SqliteSettings>, StoreError> {
        let Db::Sqlite(pool) = &self.db else {
            return Ok(None);
        };
        let mut conn = pool.acquire().await?;
        let journal_mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await?;
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await?;
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await?;
        let busy_timeout_ms: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut *conn)
            .await?;
        Ok(Some(SqliteSettings {
            journal_mode: journal_mode.to_lowercase(),
            synchronous,
            foreign_keys: foreign_keys == 1,
            busy_timeout_ms,
        }))
    }
}

/// SQLite connection settings read back from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteSettings {
    /// `wal` when write-ahead logging is on.
    pub journal_mode: String,
    /// 2 is `FULL`.
    pub synchronous: i64,
    /// Whether foreign keys are enforced.
    pub foreign_keys: bool,
    /// How long a writer waits for a lock, in milliseconds.
    pub busy_timeout_ms: i64,
}

/// A new random id (UUIDv7: sortable by creation time).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub(crate) fn millis(t: jiff::Timestamp) -> i64 {
    t.as_millisecond()
}

pub(crate) fn from_millis(ms: i64) -> Result<jiff::Timestamp, StoreError> {
    jiff::Timestamp::from_millisecond(ms).map_err(|e| StoreError::Corrupt(e.to_string()))
}
