//! Message drafts saved from the coach.

use jiff::Timestamp;

use crate::{from_millis, millis, on_db, Sealed, Store, StoreError};

/// A draft as stored.
#[derive(Debug, Clone)]
pub struct DraftRecord {
    /// Stable id.
    pub id: String,
    /// When it was saved.
    pub created_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
    /// Start-up tone of the final version: `gentle`, `neutral` or `harsh`.
    pub tone: String,
    /// How it went, once recorded.
    pub outcome: Option<String>,
    /// When the outcome was recorded.
    pub outcome_at: Option<Timestamp>,
    /// Texts, analysis and note, sealed.
    pub body: Sealed,
}

/// A draft's new state.
#[derive(Debug, Clone, Copy)]
pub struct DraftChange<'a> {
    /// Which draft.
    pub id: &'a str,
    /// Start-up tone of the final version.
    pub tone: &'a str,
    /// How it went, if recorded.
    pub outcome: Option<&'a str>,
    /// When the outcome was recorded.
    pub outcome_at: Option<Timestamp>,
    /// Texts and note, sealed.
    pub body: &'a Sealed,
}

type Row = (
    String,
    i64,
    i64,
    String,
    Option<String>,
    Option<i64>,
    Vec<u8>,
);
const COLUMNS: &str = "id, created_at, updated_at, tone, outcome, outcome_at, body_sealed";

fn from_row(row: Row) -> Result<DraftRecord, StoreError> {
    let (id, created_at, updated_at, tone, outcome, outcome_at, body) = row;
    Ok(DraftRecord {
        id,
        created_at: from_millis(created_at)?,
        updated_at: from_millis(updated_at)?,
        tone,
        outcome,
        outcome_at: outcome_at.map(from_millis).transpose()?,
        body: Sealed::from_stored(body),
    })
}

impl Store {
    /// Saves a new draft.
    pub async fn insert_draft(
        &self,
        user_id: &str,
        id: &str,
        tone: &str,
        body: &Sealed,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO drafts (id, user_id, created_at, updated_at, tone, outcome, outcome_at, body_sealed)
                 VALUES ($1, $2, $3, $3, $4, NULL, NULL, $5)",
            )
            .bind(id)
            .bind(user_id)
            .bind(millis(now))
            .bind(tone)
            .bind(body.as_bytes())
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Replaces a draft's body, tone and outcome. Returns whether it existed for this person.
    pub async fn update_draft(
        &self,
        user_id: &str,
        change: &DraftChange<'_>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let DraftChange {
            id,
            tone,
            outcome,
            outcome_at,
            body,
        } = *change;
        let affected = on_db!(&self.db, |pool| {
            sqlx::query(
                "UPDATE drafts SET updated_at = $1, tone = $2, outcome = $3, outcome_at = $4, body_sealed = $5
                 WHERE id = $6 AND user_id = $7",
            )
            .bind(millis(now))
            .bind(tone)
            .bind(outcome)
            .bind(outcome_at.map(millis))
            .bind(body.as_bytes())
            .bind(id)
            .bind(user_id)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(affected > 0)
    }

    /// One of this person's drafts.
    pub async fn draft(&self, user_id: &str, id: &str) -> Result<Option<DraftRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM drafts WHERE id = $1 AND user_id = $2");
        let row: Option<Row> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(id)
                .bind(user_id)
                .fetch_optional(pool)
                .await?
        });
        row.map(from_row).transpose()
    }

    /// This person's drafts, newest first.
    pub async fn drafts(&self, user_id: &str) -> Result<Vec<DraftRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM drafts WHERE user_id = $1 ORDER BY created_at DESC, id DESC"
        );
        let rows: Vec<Row> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await?
        });
        rows.into_iter().map(from_row).collect()
    }

    /// Deletes one of this person's drafts. Returns whether it existed.
    pub async fn delete_draft(&self, user_id: &str, id: &str) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query("DELETE FROM drafts WHERE id = $1 AND user_id = $2")
                .bind(id)
                .bind(user_id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }
}
