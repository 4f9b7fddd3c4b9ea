//! Moments of insecurity. The body is sealed; the plain columns serve ordering, the trash and
//! due predictions.

use jiff::Timestamp;

use crate::{from_millis, millis, on_db, Sealed, Store, StoreError};

/// A moment as stored.
#[derive(Debug, Clone)]
pub struct MomentRecord {
    /// Stable id.
    pub id: String,
    /// When it happened.
    pub occurred_at: Timestamp,
    /// When it was captured.
    pub created_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
    /// When it was moved to the trash.
    pub deleted_at: Option<Timestamp>,
    /// The last guided step saved (0 = quick capture only).
    pub step: u8,
    /// The day a prediction is due to be checked (`YYYY-MM-DD`), if any.
    pub prediction_check_on: Option<String>,
    /// The prediction's outcome id, once checked.
    pub prediction_outcome: Option<String>,
    /// Everything the person wrote, sealed.
    pub body: Sealed,
}

/// The plain columns written with a moment.
#[derive(Debug, Clone)]
pub struct MomentWrite<'a> {
    /// Stable id (chosen by the caller: it is bound into the sealed body).
    pub id: &'a str,
    /// When it happened.
    pub occurred_at: Timestamp,
    /// The last guided step saved.
    pub step: u8,
    /// The day a prediction is due, if any.
    pub prediction_check_on: Option<&'a str>,
    /// The prediction's outcome id, once checked.
    pub prediction_outcome: Option<&'a str>,
    /// The sealed body.
    pub body: &'a Sealed,
}

/// Which moments to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct MomentQuery {
    /// Only moments that happened at or after this instant.
    pub from: Option<Timestamp>,
    /// Only moments that happened before this instant.
    pub until: Option<Timestamp>,
    /// The trash instead of the live moments.
    pub deleted: bool,
}

/// Counts of checked predictions by outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PredictionCounts {
    /// It happened.
    pub yes: i64,
    /// It partly happened.
    pub partly: i64,
    /// It did not happen.
    pub no: i64,
}

type Row = (
    String,
    i64,
    i64,
    i64,
    Option<i64>,
    i64,
    Option<String>,
    Option<String>,
    Vec<u8>,
);
const COLUMNS: &str = "id, occurred_at, created_at, updated_at, deleted_at, step, prediction_check_on, prediction_outcome, body_sealed";

fn from_row(row: Row) -> Result<MomentRecord, StoreError> {
    let (id, occurred_at, created_at, updated_at, deleted_at, step, check_on, outcome, body) = row;
    Ok(MomentRecord {
        id,
        occurred_at: from_millis(occurred_at)?,
        created_at: from_millis(created_at)?,
        updated_at: from_millis(updated_at)?,
        deleted_at: deleted_at.map(from_millis).transpose()?,
        step: u8::try_from(step).unwrap_or(0),
        prediction_check_on: check_on,
        prediction_outcome: outcome,
        body: Sealed::from_stored(body),
    })
}

impl Store {
    /// Saves a new moment.
    pub async fn insert_moment(
        &self,
        user_id: &str,
        moment: &MomentWrite<'_>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO moments (id, user_id, occurred_at, created_at, updated_at, deleted_at, step,
                                      prediction_check_on, prediction_outcome, body_sealed)
                 VALUES ($1, $2, $3, $4, $4, NULL, $5, $6, $7, $8)",
            )
            .bind(moment.id)
            .bind(user_id)
            .bind(millis(moment.occurred_at))
            .bind(millis(now))
            .bind(i64::from(moment.step))
            .bind(moment.prediction_check_on)
            .bind(moment.prediction_outcome)
            .bind(moment.body.as_bytes())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Replaces a live moment of this person. Returns whether it existed.
    pub async fn update_moment(
        &self,
        user_id: &str,
        moment: &MomentWrite<'_>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query(
                "UPDATE moments SET occurred_at = $1, updated_at = $2, step = $3,
                        prediction_check_on = $4, prediction_outcome = $5, body_sealed = $6
                 WHERE id = $7 AND user_id = $8 AND deleted_at IS NULL",
            )
            .bind(millis(moment.occurred_at))
            .bind(millis(now))
            .bind(i64::from(moment.step))
            .bind(moment.prediction_check_on)
            .bind(moment.prediction_outcome)
            .bind(moment.body.as_bytes())
            .bind(moment.id)
            .bind(user_id)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(affected > 0)
    }

    /// One of this person's moments (live or in the trash).
    pub async fn moment(
        &self,
        user_id: &str,
        id: &str,
    ) -> Result<Option<MomentRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM moments WHERE id = $1 AND user_id = $2");
        let row: Option<Row> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(id)
                .bind(user_id)
                .fetch_optional(pool)
                .await?
        });
        row.map(from_row).transpose()
    }

    /// This person's moments, newest first.
    pub async fn moments(
        &self,
        user_id: &str,
        query: MomentQuery,
    ) -> Result<Vec<MomentRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM moments
             WHERE user_id = $1 AND occurred_at >= $2 AND occurred_at < $3
               AND (deleted_at IS NULL) = $4
             ORDER BY occurred_at DESC, id DESC"
        );
        let from = query.from.map(millis).unwrap_or(i64::MIN);
        let until = query.until.map(millis).unwrap_or(i64::MAX);
        let rows: Vec<Row> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(user_id)
                .bind(from)
                .bind(until)
                .bind(!query.deleted)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(from_row).collect()
    }

    /// Live moments created since `since` (for noticing repeated checking).
    pub async fn moments_created_since(
        &self,
        user_id: &str,
        since: Timestamp,
    ) -> Result<Vec<MomentRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM moments
             WHERE user_id = $1 AND created_at >= $2 AND deleted_at IS NULL
             ORDER BY created_at DESC, id DESC"
        );
        let rows: Vec<Row> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(user_id)
                .bind(millis(since))
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(from_row).collect()
    }

    /// Live moments whose prediction is due on or before `today` and not yet checked.
    pub async fn due_predictions(
        &self,
        user_id: &str,
        today: &str,
    ) -> Result<Vec<MomentRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM moments
             WHERE user_id = $1 AND deleted_at IS NULL AND prediction_check_on IS NOT NULL
               AND prediction_check_on <= $2 AND prediction_outcome IS NULL
             ORDER BY prediction_check_on, id"
        );
        let rows: Vec<Row> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(user_id)
                .bind(today)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(from_row).collect()
    }

    /// How the person's checked predictions turned out.
    pub async fn prediction_counts(&self, user_id: &str) -> Result<PredictionCounts, StoreError> {
        let rows: Vec<(String, i64)> = on_db!(&self.db, |pool| {
            sqlx::query_as(
                "SELECT prediction_outcome, COUNT(*) FROM moments
                 WHERE user_id = $1 AND deleted_at IS NULL AND prediction_outcome IS NOT NULL
                 GROUP BY prediction_outcome",
            )
            .bind(user_id)
            .fetch_all(pool)
            .await?
        });
        let mut counts = PredictionCounts::default();
        for (outcome, n) in rows {
            match outcome.as_str() {
                "yes" => counts.yes = n,
                "partly" => counts.partly = n,
                "no" => counts.no = n,
                _ => {}
            }
        }
        Ok(counts)
    }

    /// Moves a live moment to the trash. Returns whether it existed.
    pub async fn trash_moment(
        &self,
        user_id: &str,
        id: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query("UPDATE moments SET deleted_at = $1 WHERE id = $2 AND user_id = $3 AND deleted_at IS NULL")
                .bind(millis(now))
                .bind(id)
                .bind(user_id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }

    /// Brings a moment back from the trash. Returns whether it was there.
    pub async fn restore_moment(&self, user_id: &str, id: &str) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query("UPDATE moments SET deleted_at = NULL WHERE id = $1 AND user_id = $2 AND deleted_at IS NOT NULL")
                .bind(id)
                .bind(user_id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }

    /// Deletes for good every moment (of everyone) that went to the trash before `before`.
    pub async fn purge_trash(&self, before: Timestamp) -> Result<u64, StoreError> {
        Ok(on_db!(&self.db, |pool| {
            sqlx::query("DELETE FROM moments WHERE deleted_at IS NOT NULL AND deleted_at < $1")
                .bind(millis(before))
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }
}
