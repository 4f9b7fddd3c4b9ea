//! Bids for connection. Every query is scoped to one person: another person's bid id finds
//! nothing, exactly like an id that does not exist.

use jiff::Timestamp;
use steady_core::{BidDirection, BidFact, BidKind, BidResponse};

use crate::{from_millis, millis, on_db, Sealed, Store, StoreError};

/// A bid as stored; its note, if any, is sealed.
#[derive(Debug, Clone)]
pub struct BidRecord {
    /// Stable id.
    pub id: String,
    /// Who made the bid.
    pub direction: BidDirection,
    /// What kind of bid it was.
    pub kind: BidKind,
    /// How it was answered.
    pub response: BidResponse,
    /// The person's note, sealed for (`bids`, id, `note`).
    pub note: Option<Sealed>,
    /// When it happened.
    pub occurred_at: Timestamp,
    /// When it was logged.
    pub created_at: Timestamp,
    /// When it was last changed.
    pub updated_at: Timestamp,
}

/// The values of a bid as written (on create and on update).
#[derive(Debug, Clone, Copy)]
pub struct BidValues<'a> {
    /// Who made the bid.
    pub direction: BidDirection,
    /// What kind of bid it was.
    pub kind: BidKind,
    /// How it was answered.
    pub response: BidResponse,
    /// The note, sealed by the caller.
    pub note: Option<&'a Sealed>,
    /// When it happened.
    pub occurred_at: Timestamp,
}

/// Which bids to list. Every condition given must hold; times are `from <= at < to`.
#[derive(Debug, Clone, Default)]
pub struct BidFilter {
    /// Only this direction.
    pub direction: Option<BidDirection>,
    /// Only this kind.
    pub kind: Option<BidKind>,
    /// Only this response.
    pub response: Option<BidResponse>,
    /// Happened at or after.
    pub from: Option<Timestamp>,
    /// Happened before.
    pub to: Option<Timestamp>,
    /// At most this many (newest first).
    pub limit: u32,
    /// Skip this many of the newest first.
    pub offset: u32,
}

type BidRow = (
    String,
    String,
    String,
    String,
    Option<Vec<u8>>,
    i64,
    i64,
    i64,
);
const BID_COLUMNS: &str =
    "id, direction, kind, response, note_sealed, occurred_at, created_at, updated_at";

fn corrupt(e: steady_core::ValidationError) -> StoreError {
    StoreError::Corrupt(format!("bid {}: {}", e.field, e.message))
}

fn bid_from_row(row: BidRow) -> Result<BidRecord, StoreError> {
    let (id, direction, kind, response, note, occurred_at, created_at, updated_at) = row;
    Ok(BidRecord {
        id,
        direction: BidDirection::parse(&direction).map_err(corrupt)?,
        kind: BidKind::parse(&kind).map_err(corrupt)?,
        response: BidResponse::parse(&response).map_err(corrupt)?,
        note: note.map(Sealed::from_stored),
        occurred_at: from_millis(occurred_at)?,
        created_at: from_millis(created_at)?,
        updated_at: from_millis(updated_at)?,
    })
}

impl Store {
    /// Logs a bid with the id the caller chose (the note was sealed for that id).
    pub async fn create_bid(
        &self,
        user_id: &str,
        id: &str,
        bid: &BidValues<'_>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO bids (id, user_id, direction, kind, response, note_sealed, occurred_at, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            )
            .bind(id)
            .bind(user_id)
            .bind(bid.direction.id())
            .bind(bid.kind.id())
            .bind(bid.response.id())
            .bind(bid.note.map(|n| n.as_bytes().to_vec()))
            .bind(millis(bid.occurred_at))
            .bind(millis(now))
            .execute(pool)
            .await
            .map_err(crate::map_unique)?;
        });
        Ok(())
    }

    /// One of a person's bids.
    pub async fn bid(&self, user_id: &str, id: &str) -> Result<Option<BidRecord>, StoreError> {
        let sql = format!("SELECT {BID_COLUMNS} FROM bids WHERE id = $1 AND user_id = $2");
        let row: Option<BidRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(id)
                .bind(user_id)
                .fetch_optional(pool)
                .await?
        });
        row.map(bid_from_row).transpose()
    }

    /// A person's bids matching `filter`, newest first.
    pub async fn bids_of(
        &self,
        user_id: &str,
        filter: &BidFilter,
    ) -> Result<Vec<BidRecord>, StoreError> {
        let sql = format!(
            "SELECT {BID_COLUMNS} FROM bids
             WHERE user_id = $1
               AND ($2 IS NULL OR direction = $2)
               AND ($3 IS NULL OR kind = $3)
               AND ($4 IS NULL OR response = $4)
               AND ($5 IS NULL OR occurred_at >= $5)
               AND ($6 IS NULL OR occurred_at < $6)
             ORDER BY occurred_at DESC, id DESC
             LIMIT $7 OFFSET $8"
        );
        let rows: Vec<BidRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(user_id)
                .bind(filter.direction.map(BidDirection::id))
                .bind(filter.kind.map(BidKind::id))
                .bind(filter.response.map(BidResponse::id))
                .bind(filter.from.map(millis))
                .bind(filter.to.map(millis))
                .bind(i64::from(filter.limit))
                .bind(i64::from(filter.offset))
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(bid_from_row).collect()
    }

    /// What the ledger needs of a person's bids that happened at or after `from` (no notes).
    pub async fn bid_facts_since(
        &self,
        user_id: &str,
        from: Timestamp,
    ) -> Result<Vec<BidFact>, StoreError> {
        let rows: Vec<(String, String, String, i64)> = on_db!(&self.db, |pool| {
            sqlx::query_as(
                "SELECT direction, kind, response, occurred_at FROM bids
                 WHERE user_id = $1 AND occurred_at >= $2
                 ORDER BY occurred_at",
            )
            .bind(user_id)
            .bind(millis(from))
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(direction, kind, response, at)| {
                Ok(BidFact {
                    at: from_millis(at)?,
                    direction: BidDirection::parse(&direction).map_err(corrupt)?,
                    kind: BidKind::parse(&kind).map_err(corrupt)?,
                    response: BidResponse::parse(&response).map_err(corrupt)?,
                })
            })
            .collect()
    }

    /// Replaces the values of one of a person's bids. Returns whether it existed (for them).
    pub async fn update_bid(
        &self,
        user_id: &str,
        id: &str,
        bid: &BidValues<'_>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query(
                "UPDATE bids SET direction = $1, kind = $2, response = $3, note_sealed = $4,
                        occurred_at = $5, updated_at = $6
                 WHERE id = $7 AND user_id = $8",
            )
            .bind(bid.direction.id())
            .bind(bid.kind.id())
            .bind(bid.response.id())
            .bind(bid.note.map(|n| n.as_bytes().to_vec()))
            .bind(millis(bid.occurred_at))
            .bind(millis(now))
            .bind(id)
            .bind(user_id)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(affected > 0)
    }

    /// Deletes one of a person's bids. Returns whether it existed (for them).
    pub async fn delete_bid(&self, user_id: &str, id: &str) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query("DELETE FROM bids WHERE id = $1 AND user_id = $2")
                .bind(id)
                .bind(user_id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }
}
