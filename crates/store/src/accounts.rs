//! People, their browser sessions and their personal access tokens.

use jiff::Timestamp;
use steady_core::{TimeZoneName, Username};

use crate::{from_millis, map_unique, millis, on_db, Sealed, Store, StoreError};

/// A person's account as stored.
#[derive(Debug, Clone)]
pub struct User {
    /// Stable id.
    pub id: String,
    /// Sign-in name.
    pub username: Username,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Their data key, wrapped by the master key.
    pub wrapped_key: Sealed,
    /// Their time zone.
    pub time_zone: TimeZoneName,
    /// When the account was made.
    pub created_at: Timestamp,
}

/// What is needed to create an account.
#[derive(Debug)]
pub struct NewUser {
    /// Id chosen by the caller (it is bound into the wrapped key).
    pub id: String,
    /// Sign-in name.
    pub username: Username,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// The new data key, wrapped by the master key for this id.
    pub wrapped_key: Sealed,
    /// Their time zone.
    pub time_zone: TimeZoneName,
}

/// A browser session as stored (the token itself is never stored, only its hash).
#[derive(Debug, Clone)]
pub struct SessionRecord {
    /// Stable id, used to list and revoke sessions.
    pub id: String,
    /// Whose session it is.
    pub user_id: String,
    /// The token every state-changing request of this session must carry.
    pub csrf_token: String,
    /// A short description of the browser, such as "Firefox on Android".
    pub device: String,
    /// Sign-in time.
    pub created_at: Timestamp,
    /// Last request seen (updated at most once a minute).
    pub last_seen_at: Timestamp,
}

/// A personal access token as stored (only its hash; the name is sealed).
#[derive(Debug, Clone)]
pub struct ApiTokenRecord {
    /// Stable id, used to revoke it.
    pub id: String,
    /// The name the person gave it, sealed.
    pub name: Sealed,
    /// When it was made.
    pub created_at: Timestamp,
    /// Last use, if any.
    pub last_used_at: Option<Timestamp>,
}

type UserRow = (String, String, String, Vec<u8>, String, i64);
const USER_COLUMNS: &str = "id, username, password_hash, wrapped_key, time_zone, created_at";

fn user_from_row(row: UserRow) -> Result<User, StoreError> {
    let (id, username, password_hash, wrapped_key, time_zone, created_at) = row;
    Ok(User {
        id,
        username: Username::parse(&username).map_err(|e| StoreError::Corrupt(e.message))?,
        password_hash,
        wrapped_key: Sealed::from_stored(wrapped_key),
        time_zone: TimeZoneName::parse(&time_zone).unwrap_or_else(|_| TimeZoneName::utc()),
        created_at: from_millis(created_at)?,
    })
}

type SessionRow = (String, String, String, String, i64, i64);

fn session_from_row(row: SessionRow) -> Result<SessionRecord, StoreError> {
    let (id, user_id, csrf_token, device, created_at, last_seen_at) = row;
    Ok(SessionRecord {
        id,
        user_id,
        csrf_token,
        device,
        created_at: from_millis(created_at)?,
        last_seen_at: from_millis(last_seen_at)?,
    })
}

/// How long sessions live: since the last request, and since sign-in.
#[derive(Debug, Clone, Copy)]
pub struct SessionLifetimes {
    /// Idle lifetime.
    pub idle: jiff::SignedDuration,
    /// Absolute lifetime.
    pub absolute: jiff::SignedDuration,
}

impl Store {
    /// Creates an account. A taken username gives [`StoreError::Conflict`].
    pub async fn create_user(&self, user: &NewUser, now: Timestamp) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO users (id, username, password_hash, wrapped_key, time_zone, created_at, password_changed_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(&user.id)
            .bind(user.username.as_str())
            .bind(&user.password_hash)
            .bind(user.wrapped_key.as_bytes())
            .bind(user.time_zone.as_str())
            .bind(millis(now))
            .execute(pool)
            .await
            .map_err(map_unique)?;
        });
        Ok(())
    }

    /// Finds an account by username.
    pub async fn user_by_name(&self, username: &Username) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1");
        let row: Option<UserRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql)
                .bind(username.as_str())
                .fetch_optional(pool)
                .await?
        });
        row.map(user_from_row).transpose()
    }

    /// Finds an account by id.
    pub async fn user_by_id(&self, id: &str) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row: Option<UserRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?
        });
        row.map(user_from_row).transpose()
    }

    /// Replaces the password hash and ends every session but `keep_session` (if given), in one
    /// transaction.
    pub async fn change_password(
        &self,
        user_id: &str,
        password_hash: &str,
        keep_session: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3",
            )
            .bind(password_hash)
            .bind(millis(now))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
                .bind(user_id)
                .bind(keep_session.unwrap_or(""))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Sets a person's time zone.
    pub async fn set_time_zone(
        &self,
        user_id: &str,
        zone: &TimeZoneName,
    ) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
                .bind(zone.as_str())
                .bind(user_id)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Number of accounts.
    pub async fn count_users(&self) -> Result<i64, StoreError> {
        Ok(on_db!(&self.db, |pool| {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users")
                .fetch_one(pool)
                .await?
        }))
    }

    /// Records a new browser session.
    pub async fn create_session(
        &self,
        user_id: &str,
        token_hash: &[u8],
        csrf_token: &str,
        device: &str,
        now: Timestamp,
    ) -> Result<SessionRecord, StoreError> {
        let id = crate::new_id();
        on_db!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO sessions (id, user_id, token_hash, csrf_token, device, created_at, last_seen_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(&id)
            .bind(user_id)
            .bind(token_hash)
            .bind(csrf_token)
            .bind(device)
            .bind(millis(now))
            .execute(pool)
            .await?;
        });
        Ok(SessionRecord {
            id,
            user_id: user_id.to_owned(),
            csrf_token: csrf_token.to_owned(),
            device: device.to_owned(),
            created_at: now,
            last_seen_at: now,
        })
    }

    /// Finds the live session with this token hash and its account, and notes that it was seen.
    /// Expired sessions are deleted when found.
    pub async fn live_session(
        &self,
        token_hash: &[u8],
        lifetimes: SessionLifetimes,
        now: Timestamp,
    ) -> Result<Option<(SessionRecord, User)>, StoreError> {
        let row: Option<SessionRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(
                "SELECT id, user_id, csrf_token, device, created_at, last_seen_at
                 FROM sessions WHERE token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await?
        });
        let Some(session) = row.map(session_from_row).transpose()? else {
            return Ok(None);
        };
        let idle_for = now.duration_since(session.last_seen_at);
        let age = now.duration_since(session.created_at);
        if idle_for > lifetimes.idle || age > lifetimes.absolute {
            self.delete_session(&session.user_id, &session.id).await?;
            return Ok(None);
        }
        // Writing on every request would make reads cost a write; a minute is precise enough.
        if idle_for > jiff::SignedDuration::from_secs(60) {
            on_db!(&self.db, |pool| {
                sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
                    .bind(millis(now))
                    .bind(&session.id)
                    .execute(pool)
                    .await?;
            });
        }
        let Some(user) = self.user_by_id(&session.user_id).await? else {
            return Ok(None);
        };
        Ok(Some((session, user)))
    }

    /// A person's sessions, most recently seen first.
    pub async fn sessions_of(&self, user_id: &str) -> Result<Vec<SessionRecord>, StoreError> {
        let rows: Vec<SessionRow> = on_db!(&self.db, |pool| {
            sqlx::query_as(
                "SELECT id, user_id, csrf_token, device, created_at, last_seen_at
                 FROM sessions WHERE user_id = $1 ORDER BY last_seen_at DESC, id DESC",
            )
            .bind(user_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(session_from_row).collect()
    }

    /// Ends one of a person's sessions. Returns whether it existed (for that person).
    pub async fn delete_session(
        &self,
        user_id: &str,
        session_id: &str,
    ) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
                .bind(session_id)
                .bind(user_id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }

    /// Deletes a person's expired sessions.
    pub async fn purge_expired_sessions(
        &self,
        user_id: &str,
        lifetimes: SessionLifetimes,
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let idle_cutoff = millis(now) - lifetimes.idle.as_millis() as i64;
        let absolute_cutoff = millis(now) - lifetimes.absolute.as_millis() as i64;
        Ok(on_db!(&self.db, |pool| {
            sqlx::query(
                "DELETE FROM sessions WHERE user_id = $1 AND (last_seen_at < $2 OR created_at < $3)",
            )
            .bind(user_id)
            .bind(idle_cutoff)
            .bind(absolute_cutoff)
            .execute(pool)
            .await?
            .rows_affected()
        }))
    }

    /// Records a new personal access token.
    pub async fn create_api_token(
        &self,
        id: &str,
        user_id: &str,
        token_hash: &[u8],
        name: &Sealed,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        on_db!(&self.db, |pool| {
            sqlx::query(
                "INSERT INTO api_tokens (id, user_id, token_hash, name_sealed, created_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(user_id)
            .bind(token_hash)
            .bind(name.as_bytes())
            .bind(millis(now))
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Finds the account a personal access token belongs to, and notes its use.
    pub async fn user_by_api_token(
        &self,
        token_hash: &[u8],
        now: Timestamp,
    ) -> Result<Option<User>, StoreError> {
        let row: Option<(String, String)> = on_db!(&self.db, |pool| {
            sqlx::query_as("SELECT id, user_id FROM api_tokens WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(pool)
                .await?
        });
        let Some((token_id, user_id)) = row else {
            return Ok(None);
        };
        on_db!(&self.db, |pool| {
            sqlx::query(
                "UPDATE api_tokens SET last_used_at = $1
                 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
            )
            .bind(millis(now))
            .bind(&token_id)
            .bind(millis(now) - 60_000)
            .execute(pool)
            .await?;
        });
        self.user_by_id(&user_id).await
    }

    /// A person's tokens, newest first.
    pub async fn api_tokens_of(&self, user_id: &str) -> Result<Vec<ApiTokenRecord>, StoreError> {
        let rows: Vec<(String, Vec<u8>, i64, Option<i64>)> = on_db!(&self.db, |pool| {
            sqlx::query_as(
                "SELECT id, name_sealed, created_at, last_used_at
                 FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
            )
            .bind(user_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(id, name, created_at, last_used_at)| {
                Ok(ApiTokenRecord {
                    id,
                    name: Sealed::from_stored(name),
                    created_at: from_millis(created_at)?,
                    last_used_at: last_used_at.map(from_millis).transpose()?,
                })
            })
            .collect()
    }

    /// Revokes one of a person's tokens. Returns whether it existed (for that person).
    pub async fn delete_api_token(
        &self,
        user_id: &str,
        token_id: &str,
    ) -> Result<bool, StoreError> {
        let affected = on_db!(&self.db, |pool| {
            sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
                .bind(token_id)
                .bind(user_id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(affected > 0)
    }
}
