//! Moments: capture a trigger, pause, examine the evidence, challenge the thought, follow up.
//! This module holds what the API and the pages share, and the API itself.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use steady_analysis::{Analysis, Trap};
use steady_core::moment::{MomentContent, Outcome};
use steady_core::{TimeZoneName, ValidationError};
use steady_store::{Aad, MomentQuery, MomentRecord, MomentWrite};
use utoipa::{OpenApi, ToSchema};

use crate::api::ApiJson;
use crate::auth::{ApiCaller, Auth};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// How long a moment stays in the trash before it is deleted for good.
pub const TRASH_DAYS: i64 = 30;
/// Steps of the guided flow.
pub const STEPS: u8 = 7;

/// What is sealed for each moment: the person's content and the analysis of their words.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Body {
    content: MomentContent,
    #[serde(default)]
    analysis: Option<Value>,
    /// Decided when the moment is saved, so listing and searching never re-run the analysis.
    #[serde(default)]
    support_needed: bool,
}

/// A moment, opened for its owner.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Moment {
    /// Stable id.
    pub id: String,
    /// When it happened.
    #[schema(value_type = String, format = DateTime)]
    pub occurred_at: Timestamp,
    /// When it was captured.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// Last change.
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
    /// When it went to the trash (it is deleted for good 30 days later).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub deleted_at: Option<Timestamp>,
    /// The last guided step saved, 0–7 (0: quick capture only).
    pub step: u8,
    /// What the person wrote and chose.
    pub content: MomentContent,
    /// The analysis of the thought (or of what happened, before a thought is written): the same
    /// shape as `POST /api/v1/analyze`.
    #[schema(value_type = Object)]
    pub analysis: Option<Value>,
    /// True when the words suggest self-harm or danger from a partner: show support first.
    pub support_needed: bool,
}

fn body_aad(user_id: &str, moment_id: &str) -> Aad {
    Aad::new(user_id, "moments", moment_id, "body")
}

/// Analyses what a person wrote for a moment. Safety is checked on every text they wrote; the
/// traps and the partner event come from the thought, or from what happened before a thought
/// exists.
pub fn analyse_content(content: &MomentContent) -> (Option<Analysis>, bool) {
    let pinned = content.pinned();
    if pinned.trim().is_empty() {
        return (None, false);
    }
    let main = steady_analysis::analyze(pinned);
    let mut support = main.needs_support();
    for other in [
        &content.situation,
        &content.thought,
        &content.evidence_for,
        &content.own_reaction,
    ] {
        if support {
            break;
        }
        if !other.trim().is_empty() && other.as_str() != pinned {
            support = steady_analysis::analyze(other).needs_support();
        }
    }
    (Some(main), support)
}

fn is_trap(id: &str) -> bool {
    id.parse::<Trap>().is_ok()
}

/// Checks a moment's content: sizes, ids, and that there is something in it.
pub fn validate(content: &MomentContent) -> Result<(), ValidationError> {
    content.validate(is_trap)
}

impl Moment {
    fn open(auth: &Auth, record: MomentRecord) -> Result<Self, ApiError> {
        let text = auth
            .key
            .open(&record.body, &body_aad(&auth.user.id, &record.id))
            .map_err(|e| ApiError::Internal(e.into()))?;
        let body: Body = serde_json::from_str(&text).map_err(|e| ApiError::Internal(e.into()))?;
        Ok(Self {
            id: record.id,
            occurred_at: record.occurred_at,
            created_at: record.created_at,
            updated_at: record.updated_at,
            deleted_at: record.deleted_at,
            step: record.step,
            content: body.content,
            analysis: body.analysis,
            support_needed: body.support_needed,
        })
    }
}

/// Seals and saves a moment (new or changed). The content must already be validated.
pub async fn save(
    state: &AppState,
    auth: &Auth,
    id: &str,
    occurred_at: Timestamp,
    step: u8,
    content: MomentContent,
    is_new: bool,
) -> Result<Moment, ApiError> {
    let (analysis, support_needed) = analyse_content(&content);
    let body = Body {
        analysis: analysis.as_ref().map(steady_analysis::cli::to_json),
        content,
        support_needed,
    };
    let json = serde_json::to_string(&body).map_err(|e| ApiError::Internal(e.into()))?;
    let sealed = auth.key.seal(&json, &body_aad(&auth.user.id, id));
    let check_on = body
        .content
        .prediction
        .as_ref()
        .map(|p| p.check_on.to_string());
    let outcome = body
        .content
        .prediction
        .as_ref()
        .and_then(|p| p.outcome)
        .map(Outcome::id);
    let write = MomentWrite {
        id,
        occurred_at,
        step: step.min(STEPS),
        prediction_check_on: check_on.as_deref(),
        prediction_outcome: outcome,
        body: &sealed,
    };
    let now = state.now();
    if is_new {
        state
            .store
            .insert_moment(&auth.user.id, &write, now)
            .await?;
    } else if !state
        .store
        .update_moment(&auth.user.id, &write, now)
        .await?
    {
        return Err(ApiError::NotFound);
    }
    load(state, auth, id).await?.ok_or(ApiError::NotFound)
}

/// One of the caller's moments (live or in the trash).
pub async fn load(state: &AppState, auth: &Auth, id: &str) -> Result<Option<Moment>, ApiError> {
    match state.store.moment(&auth.user.id, id).await? {
        Some(record) => Ok(Some(Moment::open(auth, record)?)),
        None => Ok(None),
    }
}

/// Filters for listing moments. Dates are days in the person's time zone, both inclusive.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListFilter {
    /// First day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Last day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// A context tag: a built-in id or one of the person's own tags.
    pub tag: Option<String>,
    /// A thinking-trap id the person confirmed or added.
    pub trap: Option<String>,
    /// Only moments with a prediction not yet checked.
    pub open_predictions: Option<bool>,
    /// Words to find in the person's own text (case-insensitive).
    pub q: Option<String>,
    /// The trash instead of live moments.
    pub deleted: Option<bool>,
    /// At most this many (default 100, at most 500).
    pub limit: Option<usize>,
}

fn parse_day(field: &'static str, raw: &str) -> Result<Date, ValidationError> {
    raw.trim().parse::<Date>().map_err(|_| {
        ValidationError::new(
            field,
            format!("\u{201c}{raw}\u{201d} is not a date like 2026-11-23."),
        )
    })
}

fn day_start(day: Date, zone: &TimeZoneName) -> Result<Timestamp, ValidationError> {
    day.to_zoned(zone.zone())
        .map(|z| z.timestamp())
        .map_err(|_| ValidationError::new("from", "That date is out of range."))
}

/// The caller's moments that pass `filter`, newest first. Text filters run on the opened
/// moments in memory: the database only ever holds them sealed.
pub async fn list(
    state: &AppState,
    auth: &Auth,
    filter: &ListFilter,
) -> Result<Vec<Moment>, ApiError> {
    let zone = &auth.user.time_zone;
    let from = match filter.from.as_deref().filter(|s| !s.is_empty()) {
        Some(raw) => Some(day_start(parse_day("from", raw)?, zone)?),
        None => None,
    };
    let until = match filter.to.as_deref().filter(|s| !s.is_empty()) {
        Some(raw) => {
            let day = parse_day("to", raw)?;
            let next = day
                .tomorrow()
                .map_err(|_| ValidationError::new("to", "That date is out of range."))?;
            Some(day_start(next, zone)?)
        }
        None => None,
    };
    if let Some(trap) = filter.trap.as_deref().filter(|t| !t.is_empty()) {
        if !is_trap(trap) {
            return Err(ValidationError::new(
                "trap",
                format!("\u{201c}{trap}\u{201d} is not a thinking trap Steady knows."),
            )
            .into());
        }
    }
    let deleted = filter.deleted.unwrap_or(false);
    if deleted {
        purge(state).await?;
    }
    let records = state
        .store
        .moments(
            &auth.user.id,
            MomentQuery {
                from,
                until,
                deleted,
            },
        )
        .await?;
    let tag = filter
        .tag
        .as_deref()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty());
    let trap = filter.trap.as_deref().filter(|t| !t.is_empty());
    let words = filter
        .q
        .as_deref()
        .map(|q| q.trim().to_lowercase())
        .filter(|q| !q.is_empty());
    let limit = filter.limit.unwrap_or(100).clamp(1, 500);
    let mut out = Vec::new();
    for record in records {
        let moment = Moment::open(auth, record)?;
        let c = &moment.content;
        if let Some(tag) = &tag {
            let built_in = c.tags.iter().any(|t| t.id() == tag);
            let own = c.custom_tags.iter().any(|t| t.to_lowercase() == *tag);
            if !built_in && !own {
                continue;
            }
        }
        if let Some(trap) = trap {
            if !c.traps().any(|t| t == trap) {
                continue;
            }
        }
        if filter.open_predictions == Some(true)
            && c.prediction.as_ref().is_none_or(|p| p.outcome.is_some())
        {
            continue;
        }
        if let Some(words) = &words {
            if !c.search_text().contains(words.as_str()) {
                continue;
            }
        }
        out.push(moment);
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

/// Deletes for good what has been in the trash for 30 days.
pub async fn purge(state: &AppState) -> Result<u64, ApiError> {
    let cutoff = state.now() - jiff::SignedDuration::from_hours(TRASH_DAYS * 24);
    Ok(state.store.purge_trash(cutoff).await?)
}

/// Signs that the person is checking again and again: three or more moments with the same
/// context within an hour, or the same thought written again within a day.
pub async fn checking_pattern(
    state: &AppState,
    auth: &Auth,
    moment: &Moment,
) -> Result<bool, ApiError> {
    let now = state.now();
    let day_ago = now - jiff::SignedDuration::from_hours(24);
    let hour_ago = now - jiff::SignedDuration::from_hours(1);
    let recent = state
        .store
        .moments_created_since(&auth.user.id, day_ago)
        .await?;
    let normal = |s: &str| {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mine = normal(moment.content.pinned());
    let mut same_context = HashMap::<String, usize>::new();
    let mut same_thought = 0;
    for record in recent {
        let other = Moment::open(auth, record)?;
        if !mine.is_empty() && normal(other.content.pinned()) == mine {
            same_thought += 1;
        }
        if other.created_at >= hour_ago {
            for tag in other
                .content
                .tags
                .iter()
                .map(|t| t.id().to_owned())
                .chain(other.content.custom_tags.iter().map(|t| t.to_lowercase()))
            {
                *same_context.entry(tag).or_default() += 1;
            }
        }
    }
    let context_repeats = moment
        .content
        .tags
        .iter()
        .map(|t| t.id().to_owned())
        .chain(moment.content.custom_tags.iter().map(|t| t.to_lowercase()))
        .any(|t| same_context.get(&t).copied().unwrap_or(0) >= 3);
    Ok(context_repeats || same_thought >= 2)
}

// ---------------------------------------------------------------------------------------------
// API

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/analyze", post(analyze))
        .route("/api/v1/moments", post(create).get(list_moments))
        .route("/api/v1/moments/stats", get(stats))
        .route(
            "/api/v1/moments/{id}",
            get(read).patch(update).delete(delete),
        )
        .route("/api/v1/moments/{id}/restore", post(restore))
}

/// Text to analyse.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeRequest {
    /// A thought or a message draft.
    text: String,
}

/// Analyses a thought or a message: thinking traps, communication patterns, safety, the partner
/// event with alternative explanations, and gentle rewrites of a harsh message.
#[utoipa::path(post, path = "/api/v1/analyze", tag = "analysis",
    security(("bearer" = []), ("session" = [])),
    request_body = AnalyzeRequest,
    responses((status = 200, description = "The analysis", body = Object), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn analyze(
    ApiCaller(_auth): ApiCaller,
    ApiJson(body): ApiJson<AnalyzeRequest>,
) -> Result<Json<Value>, ApiError> {
    if body.text.chars().count() > steady_core::moment::MAX_TEXT_CHARS {
        return Err(
            ValidationError::new("text", "That text is too long to analyse at once.").into(),
        );
    }
    Ok(Json(steady_analysis::cli::to_json(
        &steady_analysis::analyze(&body.text),
    )))
}

/// A new moment. Only `content` is needed, and it may hold a single line.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMoment {
    /// When it happened (default: now).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = DateTime)]
    occurred_at: Option<Timestamp>,
    /// The last guided step completed (default 0: quick capture).
    #[serde(default)]
    step: Option<u8>,
    /// What the person wrote and chose.
    content: MomentContent,
}

/// Captures a moment.
#[utoipa::path(post, path = "/api/v1/moments", tag = "moments",
    security(("bearer" = []), ("session" = [])),
    request_body = NewMoment,
    responses((status = 201, body = Moment), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    ApiJson(body): ApiJson<NewMoment>,
) -> Result<(StatusCode, Json<Moment>), ApiError> {
    validate(&body.content)?;
    if body.content.is_empty() {
        return Err(ValidationError::new(
            "content",
            "Write at least one line about what is happening.",
        )
        .into());
    }
    let id = steady_store::new_id();
    let occurred_at = body.occurred_at.unwrap_or_else(|| state.now());
    let moment = save(
        &state,
        &auth,
        &id,
        occurred_at,
        body.step.unwrap_or(0),
        body.content,
        true,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(moment)))
}

/// Moments, newest first.
#[derive(Serialize, ToSchema)]
pub struct MomentList {
    moments: Vec<Moment>,
}

/// Lists the caller's moments with filters and search.
#[utoipa::path(get, path = "/api/v1/moments", tag = "moments",
    security(("bearer" = []), ("session" = [])),
    params(ListFilter),
    responses((status = 200, body = MomentList), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_moments(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    filter: Result<Query<ListFilter>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<MomentList>, ApiError> {
    let Query(filter) = filter?;
    Ok(Json(MomentList {
        moments: list(&state, &auth, &filter).await?,
    }))
}

/// Reads one of the caller's moments (also from the trash).
#[utoipa::path(get, path = "/api/v1/moments/{id}", tag = "moments",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Moment), (status = 404, body = ErrorBody)))]
async fn read(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Moment>, ApiError> {
    load(&state, &auth, &id)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}

/// Changes to a moment: fields given in `content` replace the stored ones; others stay.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MomentChanges {
    #[serde(default)]
    #[schema(value_type = Option<String>, format = DateTime)]
    occurred_at: Option<Timestamp>,
    #[serde(default)]
    step: Option<u8>,
    /// Any subset of the content fields.
    #[serde(default)]
    #[schema(value_type = Object)]
    content: Option<serde_json::Map<String, Value>>,
}

/// Applies content changes given as a JSON object to `current`, with the same checks as a new
/// moment. Nothing is saved when anything is wrong.
pub fn merge_content(
    current: &MomentContent,
    changes: &serde_json::Map<String, Value>,
) -> Result<MomentContent, ApiError> {
    let mut value = serde_json::to_value(current).map_err(|e| ApiError::Internal(e.into()))?;
    if let Some(fields) = value.as_object_mut() {
        for (key, new) in changes {
            fields.insert(key.clone(), new.clone());
        }
    }
    let merged: MomentContent = serde_json::from_value(value).map_err(|e| {
        ApiError::Validation(ValidationError::new(
            "content",
            format!("The content is not valid: {e}"),
        ))
    })?;
    validate(&merged)?;
    Ok(merged)
}

/// Updates a step or any fields of a moment.
#[utoipa::path(patch, path = "/api/v1/moments/{id}", tag = "moments",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    request_body = MomentChanges,
    responses((status = 200, body = Moment), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
    ApiJson(changes): ApiJson<MomentChanges>,
) -> Result<Json<Moment>, ApiError> {
    let current = load(&state, &auth, &id).await?.ok_or(ApiError::NotFound)?;
    if current.deleted_at.is_some() {
        return Err(ApiError::Conflict(
            "This moment is in the trash. Restore it first.".into(),
        ));
    }
    let content = match &changes.content {
        Some(fields) => merge_content(&current.content, fields)?,
        None => current.content.clone(),
    };
    let step = changes.step.unwrap_or(current.step).max(current.step);
    let occurred_at = changes.occurred_at.unwrap_or(current.occurred_at);
    Ok(Json(
        save(&state, &auth, &id, occurred_at, step, content, false).await?,
    ))
}

/// Moves a moment to the trash; it can be restored for 30 days.
#[utoipa::path(delete, path = "/api/v1/moments/{id}", tag = "moments",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    responses((status = 204, description = "In the trash"), (status = 404, body = ErrorBody)))]
async fn delete(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if state
        .store
        .trash_moment(&auth.user.id, &id, state.now())
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

/// Brings a moment back from the trash.
#[utoipa::path(post, path = "/api/v1/moments/{id}/restore", tag = "moments",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Moment), (status = 404, body = ErrorBody)))]
async fn restore(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Moment>, ApiError> {
    purge(&state).await?;
    if !state.store.restore_moment(&auth.user.id, &id).await? {
        return Err(ApiError::NotFound);
    }
    load(&state, &auth, &id)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}

/// How the caller's predictions turned out.
#[derive(Serialize, ToSchema)]
pub struct PredictionStats {
    /// Predictions checked.
    checked: i64,
    /// The feared outcome happened.
    happened: i64,
    /// It partly happened.
    partly: i64,
    /// It did not happen.
    did_not_happen: i64,
    /// Predictions whose day has come and that wait to be checked.
    due: i64,
}

/// Prediction outcomes over time.
#[utoipa::path(get, path = "/api/v1/moments/stats", tag = "moments",
    security(("bearer" = []), ("session" = [])),
    responses((status = 200, body = PredictionStats), (status = 401, body = ErrorBody)))]
async fn stats(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
) -> Result<Json<PredictionStats>, ApiError> {
    let counts = state.store.prediction_counts(&auth.user.id).await?;
    let due = state
        .store
        .due_predictions(&auth.user.id, &today(&state, &auth).to_string())
        .await?;
    Ok(Json(PredictionStats {
        checked: counts.yes + counts.partly + counts.no,
        happened: counts.yes,
        partly: counts.partly,
        did_not_happen: counts.no,
        due: due.len() as i64,
    }))
}

/// Today in the person's time zone.
pub fn today(state: &AppState, auth: &Auth) -> Date {
    state.now().to_zoned(auth.user.time_zone.zone()).date()
}

#[derive(OpenApi)]
#[openapi(
    paths(analyze, create, list_moments, read, update, delete, restore, stats),
    components(schemas(
        AnalyzeRequest,
        NewMoment,
        Moment,
        MomentList,
        MomentChanges,
        PredictionStats,
        MomentContent
    ))
)]
pub(crate) struct MomentsApi;
