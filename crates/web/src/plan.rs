//! The self plan: intentions in four areas, a weekly check-in, the self-compassion exercise and
//! progress over weeks and months. This module holds what the API and the pages share, and the
//! API itself; the pages are in [`pages`].
//!
//! Everything a person writes is sealed before it reaches the store: intention texts one by one,
//! check-ins and exercise entries as one JSON body each.

mod pages;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use steady_core::plan::{
    Area, AreaScores, Average, CheckinContent, CheckinFacts, CompassionContent, FollowScore,
    IntentionStatus, IntentionText, Progress, WeeklyTarget,
};
use steady_core::week::{Week, WeekStart};
use steady_core::ValidationError;
use steady_store::{Aad, CheckinRecord, CompassionRecord, IntentionRecord, IntentionValues};
use utoipa::{OpenApi, ToSchema};

use crate::api::ApiJson;
use crate::auth::{ApiCaller, Auth};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub(crate) use pages::{home_card, PlanHome};

/// Said wherever progress is shown.
pub(crate) const MONTHS_NOTE: &str = "A sense of self outside the relationship grows over months, \
    not days. Expect weeks that go up and weeks that go down; the direction over a season is what \
    tells you something.";

/// Weeks of progress shown by default.
pub(crate) const DEFAULT_WEEKS: u32 = 12;
/// Months of progress shown by default.
pub(crate) const DEFAULT_MONTHS: u32 = 12;

fn intention_aad(user_id: &str, id: &str) -> Aad {
    Aad::new(user_id, "plan_intentions", id, "text")
}

fn checkin_aad(user_id: &str, id: &str) -> Aad {
    Aad::new(user_id, "plan_checkins", id, "body")
}

fn compassion_aad(user_id: &str, id: &str) -> Aad {
    Aad::new(user_id, "plan_compassion", id, "body")
}

fn internal(e: impl Into<anyhow::Error>) -> ApiError {
    ApiError::Internal(e.into())
}

/// Whether any of `texts` suggests self-harm or danger from a partner.
fn needs_support<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    texts
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .any(|t| steady_analysis::analyze(t).needs_support())
}

// ---------------------------------------------------------------------------------------------
// Weeks

/// A week as the API shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WeekView {
    /// The local date the week starts on (its id).
    #[schema(value_type = String, format = Date)]
    start: Date,
    /// The local date it ends on (six days later).
    #[schema(value_type = String, format = Date)]
    end: Date,
    /// A short label, such as "23–29 Nov".
    label: String,
}

impl From<Week> for WeekView {
    fn from(w: Week) -> Self {
        Self {
            start: w.start(),
            end: w.end(),
            label: w.label(),
        }
    }
}

/// The day the person's weeks start on.
pub(crate) async fn week_start(state: &AppState, auth: &Auth) -> Result<WeekStart, ApiError> {
    Ok(state.store.plan_week_start(&auth.user.id).await?)
}

/// The person's current week.
pub(crate) fn this_week(state: &AppState, auth: &Auth, start: WeekStart) -> Week {
    Week::containing(state.now(), &auth.user.time_zone.zone(), start)
}

// ---------------------------------------------------------------------------------------------
// Intentions

/// An intention, opened for its owner.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Intention {
    /// Stable id.
    pub id: String,
    /// Its area.
    pub area: Area,
    /// Active, paused or archived. Only active intentions appear in a new check-in.
    pub status: IntentionStatus,
    /// What the person means to do.
    pub text: String,
    /// Times a week, if the person set a target.
    pub weekly_target: Option<WeeklyTarget>,
    /// When it was made.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// Last change.
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

impl Intention {
    fn open(auth: &Auth, r: IntentionRecord) -> Result<Self, ApiError> {
        let text = auth
            .key
            .open(&r.text, &intention_aad(&auth.user.id, &r.id))
            .map_err(internal)?;
        Ok(Self {
            id: r.id,
            area: r.area,
            status: r.status,
            text,
            weekly_target: r.weekly_target,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// Every intention of the caller, oldest first.
pub(crate) async fn intentions(state: &AppState, auth: &Auth) -> Result<Vec<Intention>, ApiError> {
    state
        .store
        .intentions(&auth.user.id)
        .await?
        .into_iter()
        .map(|r| Intention::open(auth, r))
        .collect()
}

/// One of the caller's intentions.
pub(crate) async fn intention(
    state: &AppState,
    auth: &Auth,
    id: &str,
) -> Result<Option<Intention>, ApiError> {
    match state.store.intention(&auth.user.id, id).await? {
        Some(r) => Ok(Some(Intention::open(auth, r)?)),
        None => Ok(None),
    }
}

/// What an intention is made of, parsed.
pub(crate) struct IntentionInput {
    pub(crate) area: Area,
    pub(crate) status: IntentionStatus,
    pub(crate) text: IntentionText,
    pub(crate) weekly_target: Option<WeeklyTarget>,
}

pub(crate) fn parse_area(raw: &str) -> Result<Area, ValidationError> {
    Area::parse(raw.trim()).ok_or_else(|| {
        ValidationError::new(
            "area",
            "Choose an area: friendships, hobbies, personal_goals or self_compassion.",
        )
    })
}

pub(crate) fn parse_status(raw: &str) -> Result<IntentionStatus, ValidationError> {
    IntentionStatus::parse(raw.trim())
        .ok_or_else(|| ValidationError::new("status", "The status is active, paused or archived."))
}

/// Seals and saves an intention: a new one when `existing` is `None`.
pub(crate) async fn save_intention(
    state: &AppState,
    auth: &Auth,
    existing: Option<&str>,
    input: &IntentionInput,
) -> Result<Intention, ApiError> {
    let id = existing
        .map(str::to_owned)
        .unwrap_or_else(steady_store::new_id);
    let sealed = auth
        .key
        .seal(input.text.as_str(), &intention_aad(&auth.user.id, &id));
    let values = IntentionValues {
        area: input.area,
        status: input.status,
        weekly_target: input.weekly_target,
        text: &sealed,
    };
    let now = state.now();
    if existing.is_none() {
        state
            .store
            .insert_intention(&auth.user.id, &id, values, now)
            .await?;
    } else if !state
        .store
        .update_intention(&auth.user.id, &id, values, now)
        .await?
    {
        return Err(ApiError::NotFound);
    }
    intention(state, auth, &id).await?.ok_or(ApiError::NotFound)
}

// ---------------------------------------------------------------------------------------------
// Check-ins

/// A weekly check-in, opened for its owner.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Checkin {
    /// Stable id.
    pub id: String,
    /// The week it is for.
    pub week: WeekView,
    /// What the person recorded.
    pub content: CheckinContent,
    /// True when the words suggest self-harm or danger from a partner: show support first.
    pub support_needed: bool,
    /// When it was first saved.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// Last change.
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: Timestamp,
}

impl Checkin {
    fn open(auth: &Auth, r: CheckinRecord) -> Result<Self, ApiError> {
        let json = auth
            .key
            .open(&r.body, &checkin_aad(&auth.user.id, &r.id))
            .map_err(internal)?;
        let content: CheckinContent = serde_json::from_str(&json).map_err(internal)?;
        let start: Date = r.week_start.parse().map_err(internal)?;
        // The week as it was when recorded: seven days from the day it began.
        let week = Week::containing_date(start, weekday_start(start));
        Ok(Self {
            id: r.id,
            week: week.into(),
            support_needed: needs_support(content.texts()),
            content,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }

    /// What progress needs from it.
    pub(crate) fn facts(&self) -> CheckinFacts {
        CheckinFacts {
            week_start: self.week.start,
            items: self
                .content
                .items
                .iter()
                .filter_map(|i| Some((i.area?, i.status)))
                .collect(),
            value_self: self.content.value_self,
            secure: self.content.secure,
        }
    }

    /// The day its week started.
    pub(crate) fn week_start(&self) -> Date {
        self.week.start
    }
}

/// The start day that makes `date` the first day of its week.
fn weekday_start(date: Date) -> WeekStart {
    WeekStart::ALL
        .iter()
        .copied()
        .find(|d| d.weekday() == date.weekday())
        .unwrap_or_default()
}

/// The caller's check-in for `week`.
pub(crate) async fn checkin(
    state: &AppState,
    auth: &Auth,
    week: Week,
) -> Result<Option<Checkin>, ApiError> {
    match state
        .store
        .checkin(&auth.user.id, &week.start().to_string())
        .await?
    {
        Some(r) => Ok(Some(Checkin::open(auth, r)?)),
        None => Ok(None),
    }
}

/// The caller's check-ins for weeks starting from `from` to `to` (inclusive), newest first.
pub(crate) async fn checkins(
    state: &AppState,
    auth: &Auth,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Vec<Checkin>, ApiError> {
    let from = from.map(|d| d.to_string()).unwrap_or_default();
    let to = to
        .map(|d| d.to_string())
        .unwrap_or_else(|| "9999-12-31".into());
    state
        .store
        .checkins(&auth.user.id, &from, &to)
        .await?
        .into_iter()
        .map(|r| Checkin::open(auth, r))
        .collect()
}

/// Checks a check-in against the caller's plan (every intention must be theirs; areas are
/// filled in from the plan), seals it and saves it for `week`, replacing any check-in that
/// week had. Returns the check-in and whether it is new.
pub(crate) async fn save_checkin(
    state: &AppState,
    auth: &Auth,
    week: Week,
    mut content: CheckinContent,
) -> Result<(Checkin, bool), ApiError> {
    content.validate()?;
    let current = this_week(state, auth, week_start(state, auth).await?);
    if week.start() > current.end() {
        return Err(ValidationError::new(
            "week",
            "That week hasn't started yet. Check in once it has.",
        )
        .into());
    }
    let plan = intentions(state, auth).await?;
    for item in &mut content.items {
        let Some(found) = plan.iter().find(|i| i.id == item.intention_id) else {
            return Err(ValidationError::new(
                "items",
                format!(
                    "There is no intention {} in your plan.",
                    item.intention_id.chars().take(40).collect::<String>()
                ),
            )
            .into());
        };
        item.area = Some(found.area);
        item.note = item.note.trim_end().to_owned();
    }
    content.helped = content.helped.trim_end().to_owned();
    let json = serde_json::to_string(&content).map_err(internal)?;
    let week_id = week.start().to_string();
    let now = state.now();
    let existing = state.store.checkin(&auth.user.id, &week_id).await?;
    let created = match existing {
        Some(r) => {
            let sealed = auth.key.seal(&json, &checkin_aad(&auth.user.id, &r.id));
            if !state
                .store
                .update_checkin(&auth.user.id, &r.id, &sealed, now)
                .await?
            {
                return Err(ApiError::NotFound);
            }
            false
        }
        None => {
            let id = steady_store::new_id();
            let sealed = auth.key.seal(&json, &checkin_aad(&auth.user.id, &id));
            state
                .store
                .insert_checkin(&auth.user.id, &id, &week_id, &sealed, now)
                .await
                .map_err(|e| match e {
                    steady_store::StoreError::Conflict => ApiError::Conflict(
                        "A check-in for this week was saved at the same moment. Reload and try again."
                            .into(),
                    ),
                    other => other.into(),
                })?;
            true
        }
    };
    let saved = checkin(state, auth, week)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((saved, created))
}

/// Progress over the `weeks` weeks and `months` months ending now.
pub(crate) async fn progress(
    state: &AppState,
    auth: &Auth,
    weeks: u32,
    months: u32,
) -> Result<(WeekStart, Progress), ApiError> {
    let start = week_start(state, auth).await?;
    let facts: Vec<CheckinFacts> = checkins(state, auth, None, None)
        .await?
        .iter()
        .map(Checkin::facts)
        .collect();
    let progress = Progress::build(
        &facts,
        state.now(),
        &auth.user.time_zone.zone(),
        start,
        weeks,
        months,
    );
    Ok((start, progress))
}

// ---------------------------------------------------------------------------------------------
// The self-compassion exercise

/// A self-compassion entry, opened for its owner.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompassionEntry {
    /// Stable id.
    pub id: String,
    /// When it was written.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// The answers.
    pub content: CompassionContent,
    /// True when the words suggest self-harm or danger from a partner: show support first.
    pub support_needed: bool,
}

impl CompassionEntry {
    fn open(auth: &Auth, r: CompassionRecord) -> Result<Self, ApiError> {
        let json = auth
            .key
            .open(&r.body, &compassion_aad(&auth.user.id, &r.id))
            .map_err(internal)?;
        let content: CompassionContent = serde_json::from_str(&json).map_err(internal)?;
        Ok(Self {
            id: r.id,
            created_at: r.created_at,
            support_needed: needs_support(content.answers().iter().map(|(_, a)| *a)),
            content,
        })
    }
}

/// Checks, seals and saves a new entry.
pub(crate) async fn save_compassion(
    state: &AppState,
    auth: &Auth,
    mut content: CompassionContent,
) -> Result<CompassionEntry, ApiError> {
    for text in [
        &mut content.going_through,
        &mut content.common_humanity,
        &mut content.kind_words,
    ] {
        *text = text.trim_end().to_owned();
    }
    content.validate()?;
    let id = steady_store::new_id();
    let json = serde_json::to_string(&content).map_err(internal)?;
    let sealed = auth.key.seal(&json, &compassion_aad(&auth.user.id, &id));
    state
        .store
        .insert_compassion(&auth.user.id, &id, &sealed, state.now())
        .await?;
    compassion_entry(state, auth, &id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// One of the caller's entries.
pub(crate) async fn compassion_entry(
    state: &AppState,
    auth: &Auth,
    id: &str,
) -> Result<Option<CompassionEntry>, ApiError> {
    match state.store.compassion_entry(&auth.user.id, id).await? {
        Some(r) => Ok(Some(CompassionEntry::open(auth, r)?)),
        None => Ok(None),
    }
}

/// Every entry of the caller, newest first.
pub(crate) async fn compassion_entries(
    state: &AppState,
    auth: &Auth,
) -> Result<Vec<CompassionEntry>, ApiError> {
    state
        .store
        .compassion_entries(&auth.user.id)
        .await?
        .into_iter()
        .map(|r| CompassionEntry::open(auth, r))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// API

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/plan", get(get_plan).patch(update_plan))
        .route("/api/v1/plan/intentions", post(create_intention))
        .route(
            "/api/v1/plan/intentions/{id}",
            get(read_intention).patch(update_intention),
        )
        .route("/api/v1/checkins", get(list_checkins))
        .route("/api/v1/checkins/current", get(current_checkin))
        .route("/api/v1/checkins/progress", get(get_progress))
        .route(
            "/api/v1/checkins/{week}",
            get(read_checkin).put(put_checkin).delete(delete_checkin),
        )
        .route(
            "/api/v1/compassion",
            post(create_compassion).get(list_compassion),
        )
        .route(
            "/api/v1/compassion/{id}",
            get(read_compassion).delete(delete_compassion),
        )
        .merge(pages::routes())
}

/// The caller's plan.
#[derive(Serialize, ToSchema)]
pub struct PlanView {
    /// The day the caller's weeks start on, in their time zone.
    week_start: WeekStart,
    /// The caller's time zone.
    time_zone: String,
    /// The current week.
    this_week: WeekView,
    /// Every intention, oldest first (active, paused and archived).
    intentions: Vec<Intention>,
}

async fn plan_view(state: &AppState, auth: &Auth) -> Result<PlanView, ApiError> {
    let start = week_start(state, auth).await?;
    Ok(PlanView {
        week_start: start,
        time_zone: auth.user.time_zone.to_string(),
        this_week: this_week(state, auth, start).into(),
        intentions: intentions(state, auth).await?,
    })
}

/// The caller's plan: their intentions and the day their weeks start on.
#[utoipa::path(get, path = "/api/v1/plan", tag = "plan",
    security(("bearer" = []), ("session" = [])),
    responses((status = 200, body = PlanView), (status = 401, body = ErrorBody)))]
async fn get_plan(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
) -> Result<Json<PlanView>, ApiError> {
    Ok(Json(plan_view(&state, &auth).await?))
}

/// Plan settings.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    /// The day weeks start on: `monday` … `sunday`.
    #[schema(value_type = WeekStart)]
    week_start: String,
}

/// Chooses the day the caller's weeks start on. Earlier check-ins are kept and shown in the
/// week that holds the day they began.
#[utoipa::path(patch, path = "/api/v1/plan", tag = "plan",
    security(("bearer" = []), ("session" = [])),
    request_body = PlanSettings,
    responses((status = 200, body = PlanView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_plan(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    ApiJson(body): ApiJson<PlanSettings>,
) -> Result<Json<PlanView>, ApiError> {
    let start = WeekStart::parse(&body.week_start)?;
    state
        .store
        .set_plan_week_start(&auth.user.id, start, state.now())
        .await?;
    Ok(Json(plan_view(&state, &auth).await?))
}

/// A new intention.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIntention {
    /// `friendships`, `hobbies`, `personal_goals` or `self_compassion`.
    #[schema(value_type = Area)]
    area: String,
    /// One concrete thing, such as "call my sister" (1–300 characters).
    text: String,
    /// Times a week, 1–21 (optional).
    #[serde(default)]
    #[schema(value_type = Option<u8>)]
    weekly_target: Option<i64>,
}

fn parse_target(raw: Option<i64>) -> Result<Option<WeeklyTarget>, ValidationError> {
    raw.map(WeeklyTarget::parse).transpose()
}

/// Adds an intention to the plan (active).
#[utoipa::path(post, path = "/api/v1/plan/intentions", tag = "plan",
    security(("bearer" = []), ("session" = [])),
    request_body = NewIntention,
    responses((status = 201, body = Intention), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_intention(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    ApiJson(body): ApiJson<NewIntention>,
) -> Result<(StatusCode, Json<Intention>), ApiError> {
    let input = IntentionInput {
        area: parse_area(&body.area)?,
        status: IntentionStatus::Active,
        text: IntentionText::parse(&body.text)?,
        weekly_target: parse_target(body.weekly_target)?,
    };
    let saved = save_intention(&state, &auth, None, &input).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// Reads one of the caller's intentions.
#[utoipa::path(get, path = "/api/v1/plan/intentions/{id}", tag = "plan",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Intention), (status = 404, body = ErrorBody)))]
async fn read_intention(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Intention>, ApiError> {
    intention(&state, &auth, &id)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}

/// Changes to an intention; fields left out stay as they are.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntentionChanges {
    /// A new area.
    #[serde(default)]
    #[schema(value_type = Option<Area>)]
    area: Option<String>,
    /// New words.
    #[serde(default)]
    text: Option<String>,
    /// `active`, `paused` (kept, but left out of new check-ins) or `archived`.
    #[serde(default)]
    #[schema(value_type = Option<IntentionStatus>)]
    status: Option<String>,
    /// Times a week, 1–21; `null` removes the target.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<u8>)]
    weekly_target: Option<Value>,
}

/// Tells a field sent as `null` (`Some(Value::Null)`) from one left out (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// Edits, pauses, resumes or archives an intention.
#[utoipa::path(patch, path = "/api/v1/plan/intentions/{id}", tag = "plan",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    request_body = IntentionChanges,
    responses((status = 200, body = Intention), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_intention(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
    ApiJson(changes): ApiJson<IntentionChanges>,
) -> Result<Json<Intention>, ApiError> {
    let current = intention(&state, &auth, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let weekly_target = match changes.weekly_target {
        None => current.weekly_target,
        Some(Value::Null) => None,
        Some(Value::Number(n)) => Some(WeeklyTarget::parse(n.as_i64().unwrap_or(-1))?),
        Some(_) => {
            return Err(ValidationError::new(
                "weekly_target",
                "The weekly target is a whole number from 1 to 21, or null.",
            )
            .into())
        }
    };
    let input = IntentionInput {
        area: match changes.area.as_deref() {
            Some(raw) => parse_area(raw)?,
            None => current.area,
        },
        status: match changes.status.as_deref() {
            Some(raw) => parse_status(raw)?,
            None => current.status,
        },
        text: IntentionText::parse(changes.text.as_deref().unwrap_or(&current.text))?,
        weekly_target,
    };
    Ok(Json(
        save_intention(&state, &auth, Some(&id), &input).await?,
    ))
}

/// Which check-ins to list: weeks starting from `from` to `to`, both inclusive.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct CheckinFilter {
    /// First week start (`YYYY-MM-DD`).
    from: Option<String>,
    /// Last week start (`YYYY-MM-DD`).
    to: Option<String>,
}

fn parse_date(field: &'static str, raw: &str) -> Result<Date, ValidationError> {
    raw.trim().parse().map_err(|_| {
        ValidationError::new(
            field,
            format!("\u{201c}{raw}\u{201d} is not a date like 2026-11-23."),
        )
    })
}

/// Check-ins, newest week first. Weeks without one are simply not listed.
#[derive(Serialize, ToSchema)]
pub struct CheckinList {
    checkins: Vec<Checkin>,
}

/// Lists the caller's check-ins.
#[utoipa::path(get, path = "/api/v1/checkins", tag = "checkins",
    security(("bearer" = []), ("session" = [])),
    params(CheckinFilter),
    responses((status = 200, body = CheckinList), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_checkins(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    filter: Result<Query<CheckinFilter>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<CheckinList>, ApiError> {
    let Query(filter) = filter?;
    let from = match filter.from.as_deref().filter(|s| !s.is_empty()) {
        Some(raw) => Some(parse_date("from", raw)?),
        None => None,
    };
    let to = match filter.to.as_deref().filter(|s| !s.is_empty()) {
        Some(raw) => Some(parse_date("to", raw)?),
        None => None,
    };
    Ok(Json(CheckinList {
        checkins: checkins(&state, &auth, from, to).await?,
    }))
}

/// This week, with its check-in if there is one and the intentions to check in on.
#[derive(Serialize, ToSchema)]
pub struct CurrentWeek {
    /// The day the caller's weeks start on.
    week_start: WeekStart,
    /// This week.
    week: WeekView,
    /// This week's check-in, if done.
    checkin: Option<Checkin>,
    /// Active intentions.
    intentions: Vec<Intention>,
}

/// This week in the caller's time zone, starting on their chosen day.
#[utoipa::path(get, path = "/api/v1/checkins/current", tag = "checkins",
    security(("bearer" = []), ("session" = [])),
    responses((status = 200, body = CurrentWeek), (status = 401, body = ErrorBody)))]
async fn current_checkin(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
) -> Result<Json<CurrentWeek>, ApiError> {
    let start = week_start(&state, &auth).await?;
    let week = this_week(&state, &auth, start);
    Ok(Json(CurrentWeek {
        week_start: start,
        week: week.into(),
        checkin: checkin(&state, &auth, week).await?,
        intentions: intentions(&state, &auth)
            .await?
            .into_iter()
            .filter(|i| i.status == IntentionStatus::Active)
            .collect(),
    }))
}

async fn week_of(state: &AppState, auth: &Auth, raw: &str) -> Result<Week, ApiError> {
    let start = week_start(state, auth).await?;
    Ok(Week::parse(raw, start)?)
}

/// Reads the caller's check-in for the week starting on `week`.
#[utoipa::path(get, path = "/api/v1/checkins/{week}", tag = "checkins",
    security(("bearer" = []), ("session" = [])),
    params(("week" = String, Path, description = "The date the week starts on, YYYY-MM-DD")),
    responses((status = 200, body = Checkin), (status = 404, body = ErrorBody)))]
async fn read_checkin(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(week): Path<String>,
) -> Result<Json<Checkin>, ApiError> {
    let Ok(date) = week.parse::<Date>() else {
        return Err(ApiError::NotFound);
    };
    let record = state
        .store
        .checkin(&auth.user.id, &date.to_string())
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(Checkin::open(&auth, record)?))
}

/// Saves the check-in for the week starting on `week` (which must be the caller's start day,
/// this week or earlier), replacing any earlier one for that week. `area` in each item is
/// filled in by Steady.
#[utoipa::path(put, path = "/api/v1/checkins/{week}", tag = "checkins",
    security(("bearer" = []), ("session" = [])),
    params(("week" = String, Path, description = "The date the week starts on, YYYY-MM-DD")),
    request_body = CheckinContent,
    responses((status = 201, description = "Saved for the first time", body = Checkin),
              (status = 200, description = "Replaced", body = Checkin),
              (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn put_checkin(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(week): Path<String>,
    ApiJson(content): ApiJson<CheckinContent>,
) -> Result<(StatusCode, Json<Checkin>), ApiError> {
    let week = week_of(&state, &auth, &week).await?;
    let (saved, created) = save_checkin(&state, &auth, week, content).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(saved)))
}

/// Deletes the caller's check-in for a week; the week is simply empty again.
#[utoipa::path(delete, path = "/api/v1/checkins/{week}", tag = "checkins",
    security(("bearer" = []), ("session" = [])),
    params(("week" = String, Path, description = "The date the week starts on, YYYY-MM-DD")),
    responses((status = 204, description = "Deleted"), (status = 404, body = ErrorBody)))]
async fn delete_checkin(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(week): Path<String>,
) -> Result<StatusCode, ApiError> {
    let Ok(date) = week.parse::<Date>() else {
        return Err(ApiError::NotFound);
    };
    if state
        .store
        .delete_checkin(&auth.user.id, &date.to_string())
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

/// How many weeks and months of progress.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ProgressQuery {
    /// Weeks, 1–260 (default 12).
    weeks: Option<u32>,
    /// Months, 1–260 (default 12).
    months: Option<u32>,
}

/// Follow-through in one area: intentions marked, and the share done (partly counts as half).
#[derive(Serialize, ToSchema)]
pub struct FollowView {
    area: Area,
    done: u32,
    partly: u32,
    not_this_week: u32,
    /// `null` when nothing in this area was marked.
    percent: Option<u32>,
}

fn follow_views(scores: &AreaScores) -> Vec<FollowView> {
    Area::ALL
        .iter()
        .zip(scores.iter())
        .map(|(area, s): (&Area, &FollowScore)| FollowView {
            area: *area,
            done: s.done,
            partly: s.partly,
            not_this_week: s.not_this_week,
            percent: s.percent(),
        })
        .collect()
}

/// One week of progress. A week without a check-in has `checked_in: false` and nulls.
#[derive(Serialize, ToSchema)]
pub struct WeekProgressView {
    week: WeekView,
    checked_in: bool,
    value_self: Option<u8>,
    secure: Option<u8>,
    areas: Vec<FollowView>,
}

/// One month of progress: averages of the check-ins whose weeks lie mostly in it.
#[derive(Serialize, ToSchema)]
pub struct MonthProgressView {
    /// `YYYY-MM`.
    month: String,
    checkins: u32,
    /// Average, one decimal; `null` without ratings.
    value_self: Option<f64>,
    /// Average, one decimal; `null` without ratings.
    secure: Option<f64>,
    areas: Vec<FollowView>,
}

fn average(a: &Average) -> Option<f64> {
    a.tenths().map(|t| f64::from(t) / 10.0)
}

/// Progress over weeks and months.
#[derive(Serialize, ToSchema)]
pub struct ProgressView {
    week_start: WeekStart,
    /// Read this with the numbers.
    note: &'static str,
    weeks_checked_in: usize,
    /// Follow-through per area over the weeks shown.
    areas: Vec<FollowView>,
    /// Oldest first; every week is listed.
    weeks: Vec<WeekProgressView>,
    /// Oldest first; every month is listed.
    months: Vec<MonthProgressView>,
}

/// Follow-through per area and both ratings, week by week and month by month.
#[utoipa::path(get, path = "/api/v1/checkins/progress", tag = "checkins",
    security(("bearer" = []), ("session" = [])),
    params(ProgressQuery),
    responses((status = 200, body = ProgressView), (status = 401, body = ErrorBody)))]
async fn get_progress(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    query: Result<Query<ProgressQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ProgressView>, ApiError> {
    let Query(query) = query?;
    let (start, p) = progress(
        &state,
        &auth,
        query.weeks.unwrap_or(DEFAULT_WEEKS),
        query.months.unwrap_or(DEFAULT_MONTHS),
    )
    .await?;
    Ok(Json(ProgressView {
        week_start: start,
        note: MONTHS_NOTE,
        weeks_checked_in: p.weeks_checked_in(),
        areas: follow_views(&p.areas),
        weeks: p
            .weeks
            .iter()
            .map(|w| WeekProgressView {
                week: w.week.into(),
                checked_in: w.checked_in,
                value_self: w.value_self.map(|r| r.get()),
                secure: w.secure.map(|r| r.get()),
                areas: follow_views(&w.areas),
            })
            .collect(),
        months: p
            .months
            .iter()
            .map(|m| MonthProgressView {
                month: m.month.id(),
                checkins: m.checkins,
                value_self: average(&m.value_self),
                secure: average(&m.secure),
                areas: follow_views(&m.areas),
            })
            .collect(),
    }))
}

/// Writes a self-compassion entry. At least one answer is needed.
#[utoipa::path(post, path = "/api/v1/compassion", tag = "compassion",
    security(("bearer" = []), ("session" = [])),
    request_body = CompassionContent,
    responses((status = 201, body = CompassionEntry), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_compassion(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    ApiJson(content): ApiJson<CompassionContent>,
) -> Result<(StatusCode, Json<CompassionEntry>), ApiError> {
    let entry = save_compassion(&state, &auth, content).await?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// Self-compassion entries, newest first.
#[derive(Serialize, ToSchema)]
pub struct CompassionList {
    entries: Vec<CompassionEntry>,
}

/// Lists the caller's self-compassion entries.
#[utoipa::path(get, path = "/api/v1/compassion", tag = "compassion",
    security(("bearer" = []), ("session" = [])),
    responses((status = 200, body = CompassionList), (status = 401, body = ErrorBody)))]
async fn list_compassion(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
) -> Result<Json<CompassionList>, ApiError> {
    Ok(Json(CompassionList {
        entries: compassion_entries(&state, &auth).await?,
    }))
}

/// Reads one of the caller's self-compassion entries.
#[utoipa::path(get, path = "/api/v1/compassion/{id}", tag = "compassion",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = CompassionEntry), (status = 404, body = ErrorBody)))]
async fn read_compassion(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<CompassionEntry>, ApiError> {
    compassion_entry(&state, &auth, &id)
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound)
}

/// Deletes one of the caller's self-compassion entries for good.
#[utoipa::path(delete, path = "/api/v1/compassion/{id}", tag = "compassion",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, body = ErrorBody)))]
async fn delete_compassion(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if state.store.delete_compassion(&auth.user.id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

#[derive(OpenApi)]
#[openapi(
    paths(
        get_plan,
        update_plan,
        create_intention,
        read_intention,
        update_intention,
        list_checkins,
        current_checkin,
        read_checkin,
        put_checkin,
        delete_checkin,
        get_progress,
        create_compassion,
        list_compassion,
        read_compassion,
        delete_compassion
    ),
    components(schemas(
        PlanView,
        PlanSettings,
        WeekView,
        Intention,
        NewIntention,
        IntentionChanges,
        Checkin,
        CheckinList,
        CurrentWeek,
        CheckinContent,
        steady_core::plan::CheckinItem,
        steady_core::plan::FollowThrough,
        ProgressView,
        WeekProgressView,
        MonthProgressView,
        FollowView,
        CompassionEntry,
        CompassionList,
        CompassionContent,
        Area,
        IntentionStatus,
        WeekStart
    ))
)]
pub(crate) struct PlanApi;
