//! The self plan: the week start setting, intentions, weekly check-ins and self-compassion
//! entries. Every query is scoped to one person: another person's id finds nothing, exactly
//! like an id that does not exist.

use jiff::Timestamp;
use steady_core::plan::{Area, IntentionStatus, WeeklyTarget};
use steady_core::week::WeekStart;

use crate::{from_millis, map_unique, millis, on_db, Sealed, Store, StoreError};

/// An intention as stored; its text is sealed for (`plan_intentions`, id, `text`).
#[derive(Debug, Clone)]
pub struct IntentionRecord {
    /// Stable id.
    pub id: String,
    /// Its area.
    pub area: Area,
    /// Active, paused or archived.
    pub status: IntentionStatus,
    /// Times a week, if the person set a target.
    pub weekly_target: Option<WeeklyTarget>,
    /// When it was made.
    pub created_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
    /// The intention, sealed.
    pub text: Sealed,
}

/// The values of an intention as written (on create and on update).
#[derive(Debug, Clone, Copy)]
pub struct IntentionValues<'a> {
    /// Its area.
    pub area: Area,
    /// Active, paused or archived.
    pub status: IntentionStatus,
    /// Times a week, if any.
    pub weekly_target: Option<WeeklyTarget>,
    /// The text, sealed by the caller.
    pub text: &'a Sealed,
}

/// A weekly check-in as stored; its body is sealed for (`plan_checkins`, id, `body`).
#[derive(Debug, Clone)]
pub struct CheckinRecord {
    /// Stable id.
    pub id: String,
    /// The local date (`YYYY-MM-DD`) its week began.
    pub week_start: String,
    /// When it was first saved.
    pub created_at: Timestamp,
    /// Last change.
    pub updated_at: Timestamp,
    /// Everything recorded, sealed.
    pub body: Sealed,
}

/// A self-compassion entry as stored; its body is sealed for (`plan_compassion`, id, `body`).
#[derive(Debug, Clone)]
pub struct CompassionRecord {
    /// Stable id.
    pub id: String,
    /// When it was written.
    pub created_at: Timestamp,
    /// The answers, sealed.
    pub body: Sealed,
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("plan {what}: {value:?}"))
}

type IntentionRow = (String, String, String, Option<i64>, i64, i64, Vec<u8>);
const INTENTION_COLUMNS: &str =
    "id, area, status, weekly_target, created_at, updated_at, text_sealed";

fn intention_from_row(row: IntentionRow) -> Result<IntentionRecord, StoreError> {
    let (id, area, status, target, created_at, updated_at, text) = row;
    Ok(IntentionRecord {
        area: Area::parse(&area).ok_or_else(|| corrupt("area", &area))?,
        status: IntentionStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        weekly_target: target
            .map(|t| WeeklyTarget::parse(t).map_err(|_| corrupt("weekly_target", &t.to_string())))
            .transpose()?,
        created_at: from_millis(created_at)?,
        updated_at: from_millis(updated_at)?,
        text: Sealed::from_stored(text),
        id,
    })
}

type CheckinRow = (String, String, i64, i64, Vec<u8>);
const CHECKIN_COLUMNS: &str = "id, week_start, created_at, updated_at, body_sealed";

fn checkin_from_row(row: CheckinRow) -> Result<CheckinRecord, StoreError> {
    let (id, week_start, created_at, updated_at, body) = row;
    Ok(CheckinRecord {
        id,
        week_start,
        created_at: from_millis(created_at)?,
        updated_at: from_millis(updated_at)?,
        body: Sealed::from_stored(body),
    })
}

type CompassionRow = (String, i64, Vec<u8>);

fn compassion_from_row(row: CompassionRow) -> Result<CompassionRecord, StoreError> {
    let (id, created_at, body) = row;
    Ok(CompassionRecord {
        id,
        created_at: from_millis(created_at)?,
        body: Sealed::from_stored(body),
    })
}

impl Store {
    /// The day this person's weeks start on (Monday until they choose).
    pub async fn plan_week_start(&self, user_id: &str) -> Result<WeekStart, StoreError> {
        let raw: Option<String> = on_db!(&self.db, |pool| {
            sqlx::query_scalar("SELECT week_start FROM plan_settings WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(pool)
                .await?
        });
        match raw {
            None => Ok(WeekStart::default()),
            Some(raw) => WeekStart::parse(&raw).map_err(|_| corrupt("week_start", &raw)),
        }
    }

    /// Sets the day this person's weeks start on.
    pub async fn set_plan_week_start(
        &self,
        user_id: &str,
        start: WeekStart,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO plan_settings (user_id, week_start, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT (user_id) DO UPDATE SET week_start = $2, updated_at = $3",
            )
            .bind(user_id)
            .bind(start.id())
            .bind(millis(now))
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Saves a new intention with the id the caller chose (it is bound into the sealed text).
    pub async fn insert_intention(
        &self,
        user_id: &str,
        id: &str,
        values: IntentionValues<'_>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO plan_intentions
                    (id, user_id, area, status, weekly_target, created_at, updated_at, text_sealed)
                 VALUES ($1, $2, $3, $4, $5, $6, $6, $7)",
            )
            .bind(id)
            .bind(user_id)
            .bind(values.area.id())
            .bind(values.status.id())
            .bind(values.weekly_target.map(|t| i64::from(t.get())))
            .bind(millis(now))
            .bind(values.text.as_bytes())
            .execute(pool)
            .await
            .map_err(map_unique)?;
        });
        Ok(())
    }

    /// Replaces one of this person's intentions. Returns whether it existed.
    pub async fn update_intention(
        &self,
        user_id: &str,
        id: &str,
        values: IntentionValues<'_>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query(
                "UPDATE plan_intentions
                 SET area = $1, status = $2, weekly_target = $3, updated_at = $4, text_sealed = $5
                 WHERE id = $6 AND user_id = $7",
            )
            .bind(values.area.id())
            .bind(values.status.id())
            .bind(values.weekly_target.map(|t| i64::from(t.get())))
            .bind(millis(now))
            .bind(values.text.as_bytes())
            .bind(id)
            .bind(user_id)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(affected > 0)
    }

    /// One of this person's intentions.
    pub async fn intention(
        &self,
        user_id: &str,
        id: &str,
    ) -> Result<Option<IntentionRecord>, StoreError> {
        let sql = format!(
            "SELECT {INTENTION_COLUMNS} FROM plan_intentions WHERE id = $1 AND user_id = $2"
        );
        let row: Option<IntentionRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(id)
                .bind(user_id)
                .fetch_optional(pool)
                .await?
        });
        row.map(intention_from_row).transpose()
    }

    /// Every intention of this person, oldest first.
    pub async fn intentions(&self, user_id: &str) -> Result<Vec<IntentionRecord>, StoreError> {
        let sql = format!(
            "SELECT {INTENTION_COLUMNS} FROM plan_intentions WHERE user_id = $1
             ORDER BY created_at, id"
        );
        let rows: Vec<IntentionRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql).bind(user_id).fetch_all(pool).await?
        });
        rows.into_iter().map(intention_from_row).collect()
    }

    /// This person's check-in for the week that began on `week_start`.
    pub async fn checkin(
        &self,
        user_id: &str,
        week_start: &str,
    ) -> Result<Option<CheckinRecord>, StoreError> {
        let sql = format!(
            "SELECT {CHECKIN_COLUMNS} FROM plan_checkins WHERE user_id = $1 AND week_start = $2"
        );
        let row: Option<CheckinRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(user_id)
                .bind(week_start)
                .fetch_optional(pool)
                .await?
        });
        row.map(checkin_from_row).transpose()
    }

    /// This person's check-ins for weeks that began from `from` to `to` (both `YYYY-MM-DD`,
    /// inclusive), newest first.
    pub async fn checkins(
        &self,
        user_id: &str,
        from: &str,
        to: &str,
    ) -> Result<Vec<CheckinRecord>, StoreError> {
        let sql = format!(
            "SELECT {CHECKIN_COLUMNS} FROM plan_checkins
             WHERE user_id = $1 AND week_start >= $2 AND week_start <= $3
             ORDER BY week_start DESC"
        );
        let rows: Vec<CheckinRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(user_id)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(checkin_from_row).collect()
    }

    /// Saves a new check-in with the id the caller chose. A second check-in for the same week
    /// is a [`StoreError::Conflict`].
    pub async fn insert_checkin(
        &self,
        user_id: &str,
        id: &str,
        week_start: &str,
        body: &Sealed,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO plan_checkins (id, user_id, week_start, created_at, updated_at, body_sealed)
                 VALUES ($1, $2, $3, $4, $4, $5)",
            )
            .bind(id)
            .bind(user_id)
            .bind(week_start)
            .bind(millis(now))
            .bind(body.as_bytes())
            .execute(pool)
            .await
            .map_err(map_unique)?;
        });
        Ok(())
    }

    /// Replaces the body of one of this person's check-ins. Returns whether it existed.
    pub async fn update_checkin(
        &self,
        user_id: &str,
        id: &str,
        body: &Sealed,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query(
                "UPDATE plan_checkins SET body_sealed = $1, updated_at = $2
                 WHERE id = $3 AND user_id = $4",
            )
            .bind(body.as_bytes())
            .bind(millis(now))
            .bind(id)
            .bind(user_id)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(affected > 0)
    }

    /// Deletes this person's check-in for a week. Returns whether there was one.
    pub async fn delete_checkin(
        &self,
        user_id: &str,
        week_start: &str,
    ) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query("DELETE FROM plan_checkins WHERE user_id = $1 AND week_start = $2")
                .bind(user_id)
                .bind(week_start)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }

    /// Saves a self-compassion entry with the id the caller chose.
    pub async fn insert_compassion(
        &self,
        user_id: &str,
        id: &str,
        body: &Sealed,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO plan_compassion (id, user_id, created_at, body_sealed)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(user_id)
            .bind(millis(now))
            .bind(body.as_bytes())
            .execute(pool)
            .await
            .map_err(map_unique)?;
        });
        Ok(())
    }

    /// One of this person's self-compassion entries.
    pub async fn compassion_entry(
        &self,
        user_id: &str,
        id: &str,
    ) -> Result<Option<CompassionRecord>, StoreError> {
        let row: Option<CompassionRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(
                "SELECT id, created_at, body_sealed FROM plan_compassion
                 WHERE id = $1 AND user_id = $2",
            )
            .bind(id)
            .bind(user_id)
            .fetch_optional(pool)
            .await?
        });
        row.map(compassion_from_row).transpose()
    }

    /// This person's self-compassion entries, newest first.
    pub async fn compassion_entries(
        &self,
        user_id: &str,
    ) -> Result<Vec<CompassionRecord>, StoreError> {
        let rows: Vec<CompassionRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(
                "SELECT id, created_at, body_sealed FROM plan_compassion
                 WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
            )
            .bind(user_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(compassion_from_row).collect()
    }

    /// Deletes one of this person's self-compassion entries. Returns whether it existed.
    pub async fn delete_compassion(&self, user_id: &str, id: &str) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query("DELETE FROM plan_compassion WHERE id = $1 AND user_id = $2")
                .bind(id)
                .bind(user_id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }
}
