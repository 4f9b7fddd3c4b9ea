//! Bids for connection: logging them (a form, one-tap "I noticed" buttons and a daily prompt on
//! the home page), the ledger page, the evidence-of-connection component, and the JSON API under
//! `/api/v1/bids`.
//!
//! A bid's note is free text: it is sealed before it reaches the store and never logged.

use askama::Template;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use jiff::{civil, Timestamp, ToSpan as _};
use serde::{Deserialize, Serialize};
use steady_core::{
    reference, BidDirection, BidKind, BidNote, BidResponse, Ledger, Tally, TimeZoneName,
    ValidationError, MIN_ANSWERED, MIN_WEEKS,
};
use steady_store::{Aad, BidFilter, BidRecord, BidValues, Sealed};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::api::ApiJson;
use crate::auth::{ApiCaller, Auth, SignedIn};
use crate::error::{ApiError, ErrorBody, PageError};
use crate::pages::{local_time, render, Layout};
use crate::state::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/bids", post(api_create).get(api_list))
        .route("/api/v1/bids/summary", get(api_summary))
        .route(
            "/api/v1/bids/{id}",
            get(api_get).patch(api_update).delete(api_delete),
        )
        .route("/connection", get(ledger_page))
        .route("/connection/bids", post(page_create))
        .route("/connection/noticed", post(page_noticed))
        .route("/connection/bids/{id}/response", post(page_set_response))
        .route("/connection/bids/{id}/edit", get(edit_page))
        .route("/connection/bids/{id}", post(page_update))
        .route("/connection/bids/{id}/delete", post(page_delete))
}

/// Weeks the ledger shows when not told otherwise.
const DEFAULT_WEEKS: u32 = 8;
/// Most weeks a summary covers.
const MAX_SUMMARY_WEEKS: u32 = 52;
/// Largest page of a listing.
const MAX_LIMIT: u32 = 500;
/// How far ahead of the server's clock a bid may be dated (phones' clocks drift).
const FUTURE_SLACK_MINUTES: i64 = 10;

fn note_aad(user_id: &str, bid_id: &str) -> Aad {
    Aad::new(user_id, "bids", bid_id, "note")
}

fn open_note(auth: &Auth, bid: &BidRecord) -> Result<Option<String>, anyhow::Error> {
    bid.note
        .as_ref()
        .map(|sealed| auth.key.open(sealed, &note_aad(&auth.user.id, &bid.id)))
        .transpose()
        .map_err(anyhow::Error::from)
}

fn seal_note(auth: &Auth, bid_id: &str, note: Option<&BidNote>) -> Option<Sealed> {
    note.map(|n| auth.key.seal(n.as_str(), &note_aad(&auth.user.id, bid_id)))
}

/// When a bid happened, given as an RFC 3339 instant (`2026-11-24T18:30:00+01:00`) or, from a
/// form, as a local date and time (`2026-11-24T18:30`) in the person's time zone.
fn parse_when(
    raw: &str,
    zone: &TimeZoneName,
    now: Timestamp,
) -> Result<Timestamp, ValidationError> {
    let raw = raw.trim();
    let refused = || {
        ValidationError::new(
            "occurred_at",
            "Give the time as a date and time, such as 2026-11-24T18:30:00Z.",
        )
    };
    let at = match raw.parse::<Timestamp>() {
        Ok(at) => at,
        Err(_) => raw
            .parse::<civil::DateTime>()
            .map_err(|_| refused())?
            .to_zoned(zone.zone())
            .map_err(|_| refused())?
            .timestamp(),
    };
    let at = Timestamp::from_millisecond(at.as_millisecond()).map_err(|_| refused())?;
    let latest = now
        .checked_add(FUTURE_SLACK_MINUTES.minutes())
        .unwrap_or(now);
    if at > latest {
        return Err(ValidationError::new(
            "occurred_at",
            "That time is in the future. Log a bid once it has happened.",
        ));
    }
    let earliest: Timestamp = "2000-01-01T00:00:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    if at < earliest {
        return Err(ValidationError::new(
            "occurred_at",
            "That time is too long ago to be right.",
        ));
    }
    Ok(at)
}

/// A date range bound: `2026-11-24` (local, whole days; `to` includes the day) or an RFC 3339
/// instant.
fn parse_bound(
    raw: &str,
    field: &'static str,
    zone: &TimeZoneName,
    end: bool,
) -> Result<Timestamp, ValidationError> {
    let raw = raw.trim();
    if let Ok(at) = raw.parse::<Timestamp>() {
        return Ok(at);
    }
    let refused = || {
        ValidationError::new(
            field,
            "Give a date such as 2026-11-24, or a time such as 2026-11-24T18:30:00Z.",
        )
    };
    let date = raw.parse::<civil::Date>().map_err(|_| refused())?;
    let date = if end {
        date.tomorrow().map_err(|_| refused())?
    } else {
        date
    };
    Ok(date
        .to_zoned(zone.zone())
        .map_err(|_| refused())?
        .timestamp())
}

fn parse_opt<T>(
    raw: Option<&str>,
    parse: impl Fn(&str) -> Result<T, ValidationError>,
) -> Result<Option<T>, ValidationError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => parse(v).map(Some),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------------

fn ids_schema(ids: Vec<&'static str>, description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(ids))
        .description(Some(description))
}

fn direction_schema() -> ObjectBuilder {
    ids_schema(
        BidDirection::ALL.iter().map(|d| d.id()).collect(),
        "Who made the bid.",
    )
}

fn kind_schema() -> ObjectBuilder {
    ids_schema(
        BidKind::ALL.iter().map(|k| k.id()).collect(),
        "What kind of bid it was.",
    )
}

fn response_schema() -> ObjectBuilder {
    ids_schema(
        BidResponse::ALL.iter().map(|r| r.id()).collect(),
        "How it was answered. `not_sure` counts in no rate.",
    )
}

/// A new bid.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateBid {
    #[schema(schema_with = direction_schema)]
    direction: String,
    #[schema(schema_with = kind_schema)]
    kind: String,
    /// Defaults to `not_sure`.
    #[serde(default)]
    #[schema(schema_with = response_schema)]
    response: Option<String>,
    /// Up to 1000 characters; stored encrypted.
    #[serde(default)]
    note: Option<String>,
    /// RFC 3339; defaults to now. Not in the future.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = DateTime)]
    occurred_at: Option<String>,
}

/// Changes to a bid: only the fields given change.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdateBid {
    #[serde(default)]
    #[schema(schema_with = direction_schema)]
    direction: Option<String>,
    #[serde(default)]
    #[schema(schema_with = kind_schema)]
    kind: Option<String>,
    #[serde(default)]
    #[schema(schema_with = response_schema)]
    response: Option<String>,
    /// A new note; an empty string removes the note.
    #[serde(default)]
    note: Option<String>,
    /// RFC 3339.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = DateTime)]
    occurred_at: Option<String>,
}

/// A logged bid.
#[derive(Serialize, ToSchema)]
pub(crate) struct BidView {
    id: String,
    #[schema(schema_with = direction_schema)]
    direction: BidDirection,
    #[schema(schema_with = kind_schema)]
    kind: BidKind,
    #[schema(schema_with = response_schema)]
    response: BidResponse,
    note: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    occurred_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    updated_at: Timestamp,
}

fn bid_view(auth: &Auth, bid: BidRecord) -> Result<BidView, ApiError> {
    let note = open_note(auth, &bid)?;
    Ok(BidView {
        id: bid.id,
        direction: bid.direction,
        kind: bid.kind,
        response: bid.response,
        note,
        occurred_at: bid.occurred_at,
        created_at: bid.created_at,
        updated_at: bid.updated_at,
    })
}

/// Bids, newest first.
#[derive(Serialize, ToSchema)]
pub(crate) struct BidList {
    bids: Vec<BidView>,
}

/// Filters for listing bids.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// `partner_to_me` or `me_to_partner`.
    direction: Option<String>,
    /// A kind id, such as `checked_in`.
    kind: Option<String>,
    /// A response id, such as `turned_toward`.
    response: Option<String>,
    /// From this date (`2026-11-01`, in your time zone) or instant (RFC 3339), inclusive.
    from: Option<String>,
    /// Up to this date (inclusive) or instant (exclusive).
    to: Option<String>,
    /// At most this many (1–500, default 100).
    #[param(value_type = Option<u32>)]
    limit: Option<String>,
    /// Skip this many of the newest (default 0).
    #[param(value_type = Option<u32>)]
    offset: Option<String>,
}

fn parse_count(
    raw: Option<&str>,
    field: &'static str,
    min: u32,
    max: u32,
    default: u32,
) -> Result<u32, ValidationError> {
    parse_opt(raw, |v| {
        v.parse::<u32>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                ValidationError::new(field, format!("Give a whole number from {min} to {max}."))
            })
    })
    .map(|n| n.unwrap_or(default))
}

/// Logs a bid.
#[utoipa::path(post, path = "/api/v1/bids", tag = "bids",
    security(("bearer" = []), ("session" = [])),
    request_body = CreateBid,
    responses(
        (status = 201, description = "Logged", body = BidView),
        (status = 401, body = ErrorBody),
        (status = 422, description = "A value was refused; `field` names it", body = ErrorBody),
    ))]
async fn api_create(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    ApiJson(body): ApiJson<CreateBid>,
) -> Result<(StatusCode, Json<BidView>), ApiError> {
    let now = state.now();
    let direction = BidDirection::parse(&body.direction)?;
    let kind = BidKind::parse(&body.kind)?;
    let response =
        parse_opt(body.response.as_deref(), BidResponse::parse)?.unwrap_or(BidResponse::NotSure);
    let note = match body.note.as_deref() {
        Some(n) => BidNote::parse(n)?,
        None => None,
    };
    let occurred_at = parse_opt(body.occurred_at.as_deref(), |v| {
        parse_when(v, &auth.user.time_zone, now)
    })?
    .unwrap_or(now);
    let id = steady_store::new_id();
    let sealed = seal_note(&auth, &id, note.as_ref());
    let values = BidValues {
        direction,
        kind,
        response,
        note: sealed.as_ref(),
        occurred_at,
    };
    state
        .store
        .create_bid(&auth.user.id, &id, &values, now)
        .await?;
    let bid = state
        .store
        .bid(&auth.user.id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(bid_view(&auth, bid)?)))
}

/// Lists the caller's bids, newest first, filtered.
#[utoipa::path(get, path = "/api/v1/bids", tag = "bids",
    security(("bearer" = []), ("session" = [])),
    params(ListQuery),
    responses(
        (status = 200, body = BidList),
        (status = 401, body = ErrorBody),
        (status = 422, description = "A filter was refused; `field` names it", body = ErrorBody),
    ))]
async fn api_list(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<BidList>, ApiError> {
    let Query(q) = query?;
    let zone = &auth.user.time_zone;
    let filter = BidFilter {
        direction: parse_opt(q.direction.as_deref(), BidDirection::parse)?,
        kind: parse_opt(q.kind.as_deref(), BidKind::parse)?,
        response: parse_opt(q.response.as_deref(), BidResponse::parse)?,
        from: parse_opt(q.from.as_deref(), |v| parse_bound(v, "from", zone, false))?,
        to: parse_opt(q.to.as_deref(), |v| parse_bound(v, "to", zone, true))?,
        limit: parse_count(q.limit.as_deref(), "limit", 1, MAX_LIMIT, 100)?,
        offset: parse_count(q.offset.as_deref(), "offset", 0, u32::MAX, 0)?,
    };
    let bids = state.store.bids_of(&auth.user.id, &filter).await?;
    let bids = bids
        .into_iter()
        .map(|b| bid_view(&auth, b))
        .collect::<Result<_, _>>()?;
    Ok(Json(BidList { bids }))
}

/// One of the caller's bids.
#[utoipa::path(get, path = "/api/v1/bids/{id}", tag = "bids",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "Bid id")),
    responses(
        (status = 200, body = BidView),
        (status = 404, description = "No such bid for this caller", body = ErrorBody),
    ))]
async fn api_get(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<BidView>, ApiError> {
    let bid = state
        .store
        .bid(&auth.user.id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(bid_view(&auth, bid)?))
}

/// Changes one of the caller's bids.
#[utoipa::path(patch, path = "/api/v1/bids/{id}", tag = "bids",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "Bid id")),
    request_body = UpdateBid,
    responses(
        (status = 200, body = BidView),
        (status = 404, description = "No such bid for this caller", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
async fn api_update(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateBid>,
) -> Result<Json<BidView>, ApiError> {
    let now = state.now();
    let bid = state
        .store
        .bid(&auth.user.id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let direction =
        parse_opt(body.direction.as_deref(), BidDirection::parse)?.unwrap_or(bid.direction);
    let kind = parse_opt(body.kind.as_deref(), BidKind::parse)?.unwrap_or(bid.kind);
    let response = parse_opt(body.response.as_deref(), BidResponse::parse)?.unwrap_or(bid.response);
    let occurred_at = parse_opt(body.occurred_at.as_deref(), |v| {
        parse_when(v, &auth.user.time_zone, now)
    })?
    .unwrap_or(bid.occurred_at);
    let note = match body.note.as_deref() {
        Some(text) => seal_note(&auth, &id, BidNote::parse(text)?.as_ref()),
        None => bid.note.clone(),
    };
    let values = BidValues {
        direction,
        kind,
        response,
        note: note.as_ref(),
        occurred_at,
    };
    if !state
        .store
        .update_bid(&auth.user.id, &id, &values, now)
        .await?
    {
        return Err(ApiError::NotFound);
    }
    let bid = state
        .store
        .bid(&auth.user.id, &id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(bid_view(&auth, bid)?))
}

/// Deletes one of the caller's bids.
#[utoipa::path(delete, path = "/api/v1/bids/{id}", tag = "bids",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "Bid id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such bid for this caller", body = ErrorBody),
    ))]
async fn api_delete(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if state.store.delete_bid(&auth.user.id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

/// Bids of one direction, by how they were answered.
#[derive(Serialize, ToSchema)]
pub(crate) struct TallyView {
    turned_toward: u32,
    turned_away: u32,
    turned_against: u32,
    not_sure: u32,
    /// Turned toward.
    deposits: u32,
    /// Turned away or against.
    withdrawals: u32,
    /// Deposits and withdrawals (not `not_sure`).
    answered: u32,
    total: u32,
    /// Turned toward ÷ answered, in whole percent; null when nothing was answered.
    turning_toward_percent: Option<u32>,
}

impl From<&Tally> for TallyView {
    fn from(t: &Tally) -> Self {
        Self {
            turned_toward: t.turned_toward,
            turned_away: t.turned_away,
            turned_against: t.turned_against,
            not_sure: t.not_sure,
            deposits: t.deposits(),
            withdrawals: t.withdrawals(),
            answered: t.answered(),
            total: t.total(),
            turning_toward_percent: t.turning_toward_rate().map(|r| r.percent()),
        }
    }
}

/// One week (Monday to Sunday in the caller's time zone).
#[derive(Serialize, ToSchema)]
pub(crate) struct WeekView {
    #[schema(value_type = String, format = Date)]
    start: civil::Date,
    #[schema(value_type = String, format = Date)]
    end: civil::Date,
    /// The partner's bids, by how the caller answered.
    partner_to_me: TallyView,
    /// The caller's bids, by how the partner answered.
    me_to_partner: TallyView,
}

/// Both directions.
#[derive(Serialize, ToSchema)]
pub(crate) struct DirectionTotals {
    partner_to_me: TallyView,
    me_to_partner: TallyView,
}

/// Positive (deposits) to negative (withdrawals) moments, both directions.
#[derive(Serialize, ToSchema)]
pub(crate) struct RatioView {
    positive: u32,
    negative: u32,
    /// Positive moments per negative one; null when there were none negative.
    per_negative: Option<f64>,
}

/// Whether there is enough data for each comparison.
#[derive(Serialize, ToSchema)]
pub(crate) struct EnoughData {
    partner_to_me: bool,
    me_to_partner: bool,
    ratio: bool,
    /// Answered bids needed.
    min_answered: u32,
    /// Weeks with answered bids needed.
    min_weeks: usize,
}

/// Research reference points: observed couples, not a prediction.
#[derive(Serialize, ToSchema)]
pub(crate) struct ReferenceView {
    /// Newlyweds still together six years later turned toward about this share of bids.
    stayed_together_percent: u32,
    /// Newlyweds who had divorced, about this share.
    divorced_percent: u32,
    /// Stable couples: about this many positive interactions per negative one, during conflict.
    conflict_ratio: u32,
    /// Always shown next to any comparison.
    caveat: &'static str,
}

/// How often one kind of partner bid was noticed.
#[derive(Serialize, ToSchema)]
pub(crate) struct NoticedKind {
    #[schema(schema_with = kind_schema)]
    kind: BidKind,
    count: u32,
}

/// How one kind of the caller's bids was answered.
#[derive(Serialize, ToSchema)]
pub(crate) struct OwnKind {
    #[schema(schema_with = kind_schema)]
    kind: BidKind,
    answered: u32,
    turned_toward: u32,
    turning_toward_percent: Option<u32>,
}

/// What recurs.
#[derive(Serialize, ToSchema)]
pub(crate) struct PatternsView {
    /// Kinds of partner bids noticed, most often first.
    noticed: Vec<NoticedKind>,
    /// Kinds of the caller's own bids with at least 3 answers, most often turned toward first.
    my_bids: Vec<OwnKind>,
}

/// The ledger over the last `weeks` weeks.
#[derive(Serialize, ToSchema)]
pub(crate) struct Summary {
    time_zone: String,
    /// Always `monday`.
    week_starts_on: &'static str,
    /// Oldest first, including weeks with nothing logged.
    weeks: Vec<WeekView>,
    totals: DirectionTotals,
    ratio: RatioView,
    enough_data: EnoughData,
    /// Present only when some comparison has enough data behind it.
    reference: Option<ReferenceView>,
    patterns: PatternsView,
}

/// Query of the summary.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SummaryQuery {
    /// Whole weeks ending with the current one (1–52, default 8).
    #[param(value_type = Option<u32>)]
    weeks: Option<String>,
}

async fn ledger_of(
    state: &AppState,
    auth: &Auth,
    weeks: u32,
) -> Result<Ledger, steady_store::StoreError> {
    let zone = auth.user.time_zone.zone();
    let now = state.now();
    let from = steady_core::window_start(now, &zone, weeks);
    let facts = state.store.bid_facts_since(&auth.user.id, from).await?;
    Ok(Ledger::build(&facts, now, &zone, weeks))
}

fn summary_of(ledger: &Ledger, zone: &TimeZoneName) -> Summary {
    let enough = EnoughData {
        partner_to_me: ledger.enough_data(BidDirection::PartnerToMe),
        me_to_partner: ledger.enough_data(BidDirection::MeToPartner),
        ratio: ledger.enough_data_for_ratio(),
        min_answered: MIN_ANSWERED,
        min_weeks: MIN_WEEKS,
    };
    let reference =
        (enough.partner_to_me || enough.me_to_partner || enough.ratio).then_some(ReferenceView {
            stayed_together_percent: reference::STAYED_TOGETHER_PERCENT,
            divorced_percent: reference::DIVORCED_PERCENT,
            conflict_ratio: reference::CONFLICT_RATIO,
            caveat: reference::CAVEAT,
        });
    let ratio = ledger.ratio();
    Summary {
        time_zone: zone.to_string(),
        week_starts_on: "monday",
        weeks: ledger
            .weeks
            .iter()
            .map(|w| WeekView {
                start: w.start,
                end: w.end(),
                partner_to_me: (&w.partner_to_me).into(),
                me_to_partner: (&w.me_to_partner).into(),
            })
            .collect(),
        totals: DirectionTotals {
            partner_to_me: (&ledger.partner_to_me).into(),
            me_to_partner: (&ledger.me_to_partner).into(),
        },
        ratio: RatioView {
            positive: ratio.positive,
            negative: ratio.negative,
            per_negative: ratio.per_negative().map(|r| (r * 100.0).round() / 100.0),
        },
        enough_data: enough,
        reference,
        patterns: PatternsView {
            noticed: ledger
                .patterns
                .noticed
                .iter()
                .map(|k| NoticedKind {
                    kind: k.kind,
                    count: k.count,
                })
                .collect(),
            my_bids: ledger
                .patterns
                .my_bids
                .iter()
                .map(|k| OwnKind {
                    kind: k.kind,
                    answered: k.tally.answered(),
                    turned_toward: k.tally.deposits(),
                    turning_toward_percent: k.tally.turning_toward_rate().map(|r| r.percent()),
                })
                .collect(),
        },
    }
}

/// The ledger: deposits and withdrawals per week and direction, turning-toward rates, the
/// positive-to-negative ratio, patterns, and (only with enough data) research reference points
/// with their caveat.
#[utoipa::path(get, path = "/api/v1/bids/summary", tag = "bids",
    security(("bearer" = []), ("session" = [])),
    params(SummaryQuery),
    responses(
        (status = 200, body = Summary),
        (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
async fn api_summary(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    query: Result<Query<SummaryQuery>, QueryRejection>,
) -> Result<Json<Summary>, ApiError> {
    let Query(q) = query?;
    let weeks = parse_count(
        q.weeks.as_deref(),
        "weeks",
        1,
        MAX_SUMMARY_WEEKS,
        DEFAULT_WEEKS,
    )?;
    let ledger = ledger_of(&state, &auth, weeks).await?;
    Ok(Json(summary_of(&ledger, &auth.user.time_zone)))
}

#[derive(OpenApi)]
#[openapi(
    paths(api_create, api_list, api_get, api_update, api_delete, api_summary),
    components(schemas(
        CreateBid, UpdateBid, BidView, BidList, TallyView, WeekView, DirectionTotals, RatioView,
        EnoughData, ReferenceView, NoticedKind, OwnKind, PatternsView, Summary
    )),
    tags((name = "bids", description = "Bids for connection and the emotional bank account")),
)]
pub(crate) struct BidsApi;

// ---------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------

/// A choice in a form (a radio button or an option).
pub(crate) struct Choice {
    id: &'static str,
    label: &'static str,
}

/// The values of the bid form, as typed (so a refused form comes back filled in).
pub(crate) struct FormView {
    direction: String,
    kind: String,
    response: String,
    note: String,
    occurred_at: String,
    directions: Vec<Choice>,
    kinds: Vec<Choice>,
    responses: Vec<Choice>,
}

fn datetime_local(at: Timestamp, zone: &TimeZoneName) -> String {
    at.to_zoned(zone.zone())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

impl FormView {
    fn new(direction: &str, kind: &str, response: &str, note: String, occurred_at: String) -> Self {
        Self {
            direction: direction.to_owned(),
            kind: kind.to_owned(),
            response: response.to_owned(),
            note,
            occurred_at,
            directions: BidDirection::ALL
                .iter()
                .map(|d| Choice {
                    id: d.id(),
                    label: d.label(),
                })
                .collect(),
            kinds: BidKind::ALL
                .iter()
                .map(|k| Choice {
                    id: k.id(),
                    label: k.label(),
                })
                .collect(),
            responses: BidResponse::ALL
                .iter()
                .map(|r| Choice {
                    id: r.id(),
                    label: r.label(),
                })
                .collect(),
        }
    }

    fn blank(now: Timestamp, zone: &TimeZoneName) -> Self {
        Self::new(
            BidDirection::PartnerToMe.id(),
            BidKind::CheckedIn.id(),
            BidResponse::TurnedToward.id(),
            String::new(),
            datetime_local(now, zone),
        )
    }

    fn from_form(form: &BidForm) -> Self {
        Self::new(
            &form.direction,
            &form.kind,
            &form.response,
            form.note.clone(),
            form.occurred_at.clone(),
        )
    }
}

/// A bar of a turning-toward chart, in SVG user units.
pub(crate) struct ChartBar {
    x: u32,
    y: u32,
    width: u32,
    height: u32,
    label_x: u32,
    label: String,
    show_label: bool,
    empty: bool,
}

/// A reference line across a chart.
pub(crate) struct RefLine {
    y: u32,
    label: String,
}

/// A row of a chart's table.
pub(crate) struct WeekRow {
    week: String,
    toward: u32,
    withdrawals: u32,
    not_sure: u32,
    rate: String,
}

/// The ledger of one direction.
pub(crate) struct DirectionSection {
    id: &'static str,
    title: &'static str,
    explain: &'static str,
    deposits: u32,
    withdrawals: u32,
    not_sure: u32,
    rate: String,
    bars: Vec<ChartBar>,
    ref_lines: Vec<RefLine>,
    rows: Vec<WeekRow>,
    enough: bool,
    has_answers: bool,
}

const CHART_LEFT: u32 = 40;
/// Right edge of the plot; the reference lines' labels sit to its right.
const CHART_RIGHT: u32 = 284;
const CHART_TOP: u32 = 10;
const CHART_HEIGHT: u32 = 100;

fn short_date(d: civil::Date) -> String {
    d.strftime("%-d %b").to_string()
}

fn section_of(ledger: &Ledger, direction: BidDirection) -> DirectionSection {
    let weeks = &ledger.weeks;
    let n = u32::try_from(weeks.len()).unwrap_or(1).max(1);
    let slot = (CHART_RIGHT - CHART_LEFT) / n;
    let width = (slot * 3 / 5).max(2);
    // At most five date labels fit under the bars on a phone; the latest week is always labelled.
    let label_every = n.div_ceil(5).max(1);
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let i = u32::try_from(i).unwrap_or(0);
            let rate = w.of(direction).turning_toward_rate();
            let height = rate.map(|r| r.percent() * CHART_HEIGHT / 100).unwrap_or(0);
            let x = CHART_LEFT + i * slot + (slot - width) / 2;
            ChartBar {
                x,
                y: CHART_TOP + CHART_HEIGHT - height,
                width,
                height,
                label_x: x + width / 2,
                label: short_date(w.start),
                show_label: (n - 1 - i) % label_every == 0,
                empty: rate.is_none(),
            }
        })
        .collect();
    let enough = ledger.enough_data(direction);
    let ref_lines = if enough {
        vec![
            RefLine {
                y: CHART_TOP + CHART_HEIGHT
                    - reference::STAYED_TOGETHER_PERCENT * CHART_HEIGHT / 100,
                label: format!("{}%", reference::STAYED_TOGETHER_PERCENT),
            },
            RefLine {
                y: CHART_TOP + CHART_HEIGHT - reference::DIVORCED_PERCENT * CHART_HEIGHT / 100,
                label: format!("{}%", reference::DIVORCED_PERCENT),
            },
        ]
    } else {
        Vec::new()
    };
    let rows = weeks
        .iter()
        .rev()
        .map(|w| {
            let t = w.of(direction);
            WeekRow {
                week: short_date(w.start),
                toward: t.deposits(),
                withdrawals: t.withdrawals(),
                not_sure: t.not_sure,
                rate: t
                    .turning_toward_rate()
                    .map(|r| format!("{}%", r.percent()))
                    .unwrap_or_else(|| "–".to_owned()),
            }
        })
        .collect();
    let totals = ledger.totals(direction);
    let (title, explain) = match direction {
        BidDirection::PartnerToMe => (
            "My partner's bids, and how I answered",
            "Turning toward your partner's bids is a deposit; turning away or against is a withdrawal.",
        ),
        BidDirection::MeToPartner => (
            "My bids, and how my partner answered",
            "How the bids you made were received, as you saw it.",
        ),
    };
    DirectionSection {
        id: direction.id(),
        title,
        explain,
        deposits: totals.deposits(),
        withdrawals: totals.withdrawals(),
        not_sure: totals.not_sure,
        rate: rate_text(totals),
        bars,
        ref_lines,
        rows,
        enough,
        has_answers: totals.answered() > 0,
    }
}

fn rate_text(t: &Tally) -> String {
    match t.turning_toward_rate() {
        Some(r) => format!("{}% ({} of {})", r.percent(), r.toward(), r.answered()),
        None => "–".to_owned(),
    }
}

/// A logged bid in a list.
pub(crate) struct BidRow {
    id: String,
    direction: &'static str,
    kind: &'static str,
    response: &'static str,
    when: String,
    note: Option<String>,
}

/// The ratio in words.
pub(crate) struct RatioLine {
    positive: u32,
    negative: u32,
    text: String,
}

/// A kind with a count or a rate, for the patterns list.
pub(crate) struct PatternLine {
    kind: &'static str,
    detail: String,
}

#[derive(Template)]
#[template(path = "bids_ledger.html")]
struct LedgerPage {
    layout: Layout,
    notice: Option<&'static str>,
    error: Option<String>,
    form: FormView,
    form_action: String,
    submit_label: &'static str,
    weeks: u32,
    sections: Vec<DirectionSection>,
    ratio: RatioLine,
    show_reference: bool,
    ratio_enough: bool,
    stayed_together: u32,
    divorced: u32,
    conflict_ratio: u32,
    caveat: &'static str,
    min_answered: u32,
    min_weeks: usize,
    noticed_patterns: Vec<PatternLine>,
    own_patterns: Vec<PatternLine>,
    recent: Vec<BidRow>,
}

#[derive(Deserialize, Default)]
struct LedgerQuery {
    #[serde(default)]
    done: Option<String>,
}

fn bid_row(auth: &Auth, bid: &BidRecord) -> Result<BidRow, PageError> {
    Ok(BidRow {
        id: bid.id.clone(),
        direction: bid.direction.label(),
        kind: bid.kind.label(),
        response: bid.response.label(),
        when: local_time(bid.occurred_at, &auth.user.time_zone),
        note: open_note(auth, bid)?,
    })
}

async fn ledger_view(
    state: &AppState,
    auth: &Auth,
    notice: Option<&'static str>,
    error: Option<String>,
    form: Option<FormView>,
) -> Result<LedgerPage, PageError> {
    let weeks = DEFAULT_WEEKS;
    let ledger = ledger_of(state, auth, weeks).await?;
    let ratio = ledger.ratio();
    let ratio_text = match ratio.per_negative() {
        _ if ratio.positive + ratio.negative == 0 => "Nothing answered logged yet.".to_owned(),
        Some(r) => format!("{:.1} positive for each negative", r),
        None => "no negative moments logged".to_owned(),
    };
    let sections = vec![
        section_of(&ledger, BidDirection::PartnerToMe),
        section_of(&ledger, BidDirection::MeToPartner),
    ];
    let ratio_enough = ledger.enough_data_for_ratio();
    let show_reference = ratio_enough || sections.iter().any(|s| s.enough);
    let recent = state
        .store
        .bids_of(
            &auth.user.id,
            &BidFilter {
                limit: 10,
                ..BidFilter::default()
            },
        )
        .await?
        .iter()
        .map(|b| bid_row(auth, b))
        .collect::<Result<_, _>>()?;
    let noticed_patterns = ledger
        .patterns
        .noticed
        .iter()
        .map(|k| PatternLine {
            kind: k.kind.label(),
            detail: if k.count == 1 {
                "once".to_owned()
            } else {
                format!("{} times", k.count)
            },
        })
        .collect();
    let own_patterns = ledger
        .patterns
        .my_bids
        .iter()
        .map(|k| PatternLine {
            kind: k.kind.label(),
            detail: format!("turned toward {}", rate_text(&k.tally)),
        })
        .collect();
    Ok(LedgerPage {
        layout: Layout::for_user("Connection", auth, "connection"),
        notice,
        error,
        form: form.unwrap_or_else(|| FormView::blank(state.now(), &auth.user.time_zone)),
        form_action: "/connection/bids".to_owned(),
        submit_label: "Log bid",
        weeks,
        sections,
        ratio: RatioLine {
            positive: ratio.positive,
            negative: ratio.negative,
            text: ratio_text,
        },
        show_reference,
        ratio_enough,
        stayed_together: reference::STAYED_TOGETHER_PERCENT,
        divorced: reference::DIVORCED_PERCENT,
        conflict_ratio: reference::CONFLICT_RATIO,
        caveat: reference::CAVEAT,
        min_answered: MIN_ANSWERED,
        min_weeks: MIN_WEEKS,
        noticed_patterns,
        own_patterns,
        recent,
    })
}

async fn ledger_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Query(query): Query<LedgerQuery>,
) -> Result<Html<String>, PageError> {
    let notice = query.done.as_deref().and_then(|d| match d {
        "logged" => Some("Logged."),
        "updated" => Some("Saved."),
        "deleted" => Some("Deleted."),
        _ => None,
    });
    render(&ledger_view(&state, &auth, notice, None, None).await?)
}

#[derive(Deserialize)]
struct BidForm {
    csrf: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    response: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    occurred_at: String,
}

struct ParsedForm {
    direction: BidDirection,
    kind: BidKind,
    response: BidResponse,
    note: Option<BidNote>,
    occurred_at: Timestamp,
}

fn parse_form(
    form: &BidForm,
    zone: &TimeZoneName,
    now: Timestamp,
) -> Result<ParsedForm, ValidationError> {
    Ok(ParsedForm {
        direction: BidDirection::parse(&form.direction)?,
        kind: BidKind::parse(&form.kind)?,
        response: parse_opt(Some(form.response.as_str()), BidResponse::parse)?
            .unwrap_or(BidResponse::NotSure),
        note: BidNote::parse(&form.note)?,
        occurred_at: parse_opt(Some(form.occurred_at.as_str()), |v| {
            parse_when(v, zone, now)
        })?
        .unwrap_or(now),
    })
}

async fn page_create(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    form: Result<Form<BidForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    let now = state.now();
    let parsed = match parse_form(&form, &auth.user.time_zone, now) {
        Ok(p) => p,
        Err(e) => {
            let page = ledger_view(
                &state,
                &auth,
                None,
                Some(e.message),
                Some(FormView::from_form(&form)),
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
    };
    let id = steady_store::new_id();
    let sealed = seal_note(&auth, &id, parsed.note.as_ref());
    let values = BidValues {
        direction: parsed.direction,
        kind: parsed.kind,
        response: parsed.response,
        note: sealed.as_ref(),
        occurred_at: parsed.occurred_at,
    };
    state
        .store
        .create_bid(&auth.user.id, &id, &values, now)
        .await?;
    Ok(Redirect::to("/connection?done=logged#ledger").into_response())
}

#[derive(Deserialize)]
struct NoticedForm {
    csrf: String,
    #[serde(default)]
    kind: String,
}

/// One tap on the home page: my partner made a bid of this kind, just now. How I answered can
/// be added with a second tap.
async fn page_noticed(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    form: Result<Form<NoticedForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    let kind = BidKind::parse(&form.kind).map_err(|e| PageError::BadRequest(e.message))?;
    let now = state.now();
    let id = steady_store::new_id();
    let values = BidValues {
        direction: BidDirection::PartnerToMe,
        kind,
        response: BidResponse::NotSure,
        note: None,
        occurred_at: now,
    };
    state
        .store
        .create_bid(&auth.user.id, &id, &values, now)
        .await?;
    Ok(Redirect::to("/#noticed").into_response())
}

#[derive(Deserialize)]
struct ResponseForm {
    csrf: String,
    #[serde(default)]
    response: String,
    #[serde(default)]
    back: String,
}

async fn page_set_response(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<ResponseForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    let response =
        BidResponse::parse(&form.response).map_err(|e| PageError::BadRequest(e.message))?;
    let bid = state
        .store
        .bid(&auth.user.id, &id)
        .await?
        .ok_or(PageError::NotFound)?;
    let values = BidValues {
        direction: bid.direction,
        kind: bid.kind,
        response,
        note: bid.note.as_ref(),
        occurred_at: bid.occurred_at,
    };
    if !state
        .store
        .update_bid(&auth.user.id, &id, &values, state.now())
        .await?
    {
        return Err(PageError::NotFound);
    }
    let to = if form.back == "home" {
        "/#noticed"
    } else {
        "/connection?done=updated#ledger"
    };
    Ok(Redirect::to(to).into_response())
}

#[derive(Template)]
#[template(path = "bids_edit.html")]
struct EditPage {
    layout: Layout,
    error: Option<String>,
    id: String,
    form: FormView,
    form_action: String,
    submit_label: &'static str,
}

async fn edit_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let bid = state
        .store
        .bid(&auth.user.id, &id)
        .await?
        .ok_or(PageError::NotFound)?;
    let note = open_note(&auth, &bid)?.unwrap_or_default();
    let form = FormView::new(
        bid.direction.id(),
        bid.kind.id(),
        bid.response.id(),
        note,
        datetime_local(bid.occurred_at, &auth.user.time_zone),
    );
    render(&EditPage {
        layout: Layout::for_user("Edit bid", &auth, "connection"),
        error: None,
        form_action: format!("/connection/bids/{}", bid.id),
        id: bid.id,
        form,
        submit_label: "Save changes",
    })
}

async fn page_update(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<BidForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    if state.store.bid(&auth.user.id, &id).await?.is_none() {
        return Err(PageError::NotFound);
    }
    let now = state.now();
    let parsed = match parse_form(&form, &auth.user.time_zone, now) {
        Ok(p) => p,
        Err(e) => {
            let page = EditPage {
                layout: Layout::for_user("Edit bid", &auth, "connection"),
                error: Some(e.message),
                form_action: format!("/connection/bids/{id}"),
                id,
                form: FormView::from_form(&form),
                submit_label: "Save changes",
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
    };
    let sealed = seal_note(&auth, &id, parsed.note.as_ref());
    let values = BidValues {
        direction: parsed.direction,
        kind: parsed.kind,
        response: parsed.response,
        note: sealed.as_ref(),
        occurred_at: parsed.occurred_at,
    };
    if !state
        .store
        .update_bid(&auth.user.id, &id, &values, now)
        .await?
    {
        return Err(PageError::NotFound);
    }
    Ok(Redirect::to("/connection?done=updated#ledger").into_response())
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf: String,
}

async fn page_delete(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<CsrfOnly>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    if !state.store.delete_bid(&auth.user.id, &id).await? {
        return Err(PageError::NotFound);
    }
    Ok(Redirect::to("/connection?done=deleted#recent").into_response())
}

// ---------------------------------------------------------------------------------------------
// Home page parts
// ---------------------------------------------------------------------------------------------

/// A one-tap "I noticed" button.
pub(crate) struct NoticedButton {
    pub(crate) kind: &'static str,
    pub(crate) label: &'static str,
}

/// The partner bid just logged with one tap, waiting for how it was answered.
pub(crate) struct JustLogged {
    pub(crate) id: String,
    pub(crate) label: &'static str,
    pub(crate) time: String,
}

/// The "I noticed" panel of the home page: one-tap buttons and the daily prompt.
pub(crate) struct NoticedPanel {
    pub(crate) buttons: Vec<NoticedButton>,
    /// Partner bids logged today (local day).
    pub(crate) today: u32,
    pub(crate) just_logged: Option<JustLogged>,
}

impl NoticedPanel {
    /// Whether to ask today's question: nothing noticed yet today.
    pub(crate) fn prompt(&self) -> bool {
        self.today == 0
    }
}

/// How long after a one-tap log the home page offers to add how it was answered.
const FOLLOW_UP_MINUTES: i64 = 15;

/// Fills the "I noticed" panel for the home page.
pub(crate) async fn noticed_panel(
    state: &AppState,
    auth: &Auth,
) -> Result<NoticedPanel, PageError> {
    let now = state.now();
    let zone = &auth.user.time_zone;
    let today_start = now
        .to_zoned(zone.zone())
        .start_of_day()
        .map(|z| z.timestamp())
        .unwrap_or(now);
    let today = state
        .store
        .bid_facts_since(&auth.user.id, today_start)
        .await?
        .iter()
        .filter(|f| f.direction == BidDirection::PartnerToMe && f.at <= now)
        .count();
    let since = now.checked_sub(FOLLOW_UP_MINUTES.minutes()).unwrap_or(now);
    let latest = state
        .store
        .bids_of(
            &auth.user.id,
            &BidFilter {
                direction: Some(BidDirection::PartnerToMe),
                response: Some(BidResponse::NotSure),
                from: Some(since),
                limit: 1,
                ..BidFilter::default()
            },
        )
        .await?;
    let just_logged = latest
        .into_iter()
        .find(|b| b.created_at >= since)
        .map(|b| JustLogged {
            label: BidKind::NOTICED
                .iter()
                .find(|(k, _)| *k == b.kind)
                .map(|(_, label)| *label)
                .unwrap_or(b.kind.label()),
            time: b
                .occurred_at
                .to_zoned(zone.zone())
                .strftime("%H:%M")
                .to_string(),
            id: b.id,
        });
    Ok(NoticedPanel {
        buttons: BidKind::NOTICED
            .iter()
            .map(|&(kind, label)| NoticedButton {
                kind: kind.id(),
                label,
            })
            .collect(),
        today: u32::try_from(today).unwrap_or(u32::MAX),
        just_logged,
    })
}

/// One of the partner's bids in the evidence-of-connection component.
pub(crate) struct EvidenceItem {
    pub(crate) kind: &'static str,
    pub(crate) when: String,
    pub(crate) response: Option<&'static str>,
    pub(crate) note: Option<String>,
}

/// Days the evidence component looks back.
const EVIDENCE_DAYS: i64 = 7;

fn relative_when(at: Timestamp, now: Timestamp, zone: &TimeZoneName) -> String {
    let tz = zone.zone();
    let when = at.to_zoned(tz.clone());
    let today = now.to_zoned(tz).date();
    let time = when.strftime("%H:%M");
    if when.date() == today {
        format!("Today, {time}")
    } else if today.yesterday().ok() == Some(when.date()) {
        format!("Yesterday, {time}")
    } else {
        when.strftime("%A %-d %b, %H:%M").to_string()
    }
}

/// The partner's bids the person logged in the last seven days, newest first, for the
/// `bids_evidence.html` partial (which reads a field named `evidence`).
pub(crate) async fn evidence(
    state: &AppState,
    auth: &Auth,
) -> Result<Vec<EvidenceItem>, PageError> {
    let now = state.now();
    let since = now.checked_sub((EVIDENCE_DAYS * 24).hours()).unwrap_or(now);
    let bids = state
        .store
        .bids_of(
            &auth.user.id,
            &BidFilter {
                direction: Some(BidDirection::PartnerToMe),
                from: Some(since),
                limit: 50,
                ..BidFilter::default()
            },
        )
        .await?;
    bids.iter()
        .map(|b| {
            Ok(EvidenceItem {
                kind: b.kind.label(),
                when: relative_when(b.occurred_at, now, &auth.user.time_zone),
                response: (b.response != BidResponse::NotSure).then(|| b.response.label()),
                note: open_note(auth, b)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_as_instants_or_local_times_and_not_in_the_future() {
        let now: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
        let ny = TimeZoneName::parse("America/New_York").unwrap();
        assert_eq!(
            parse_when("2026-11-25T06:30", &ny, now).unwrap(),
            "2026-11-25T11:30:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            parse_when("2026-11-24T18:30:00+01:00", &ny, now).unwrap(),
            "2026-11-24T17:30:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            parse_when("tomorrow", &ny, now).unwrap_err().field,
            "occurred_at"
        );
        assert_eq!(
            parse_when("2026-11-26T12:00:00Z", &ny, now)
                .unwrap_err()
                .field,
            "occurred_at"
        );
        assert!(
            parse_when("2026-11-25T12:05:00Z", &ny, now).is_ok(),
            "small clock drift is fine"
        );
        assert!(parse_when("1999-12-31T00:00:00Z", &ny, now).is_err());
    }

    #[test]
    fn date_bounds_cover_whole_local_days() {
        let ny = TimeZoneName::parse("America/New_York").unwrap();
        assert_eq!(
            parse_bound("2026-11-24", "from", &ny, false).unwrap(),
            "2026-11-24T05:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            parse_bound("2026-11-24", "to", &ny, true).unwrap(),
            "2026-11-25T05:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            parse_bound("last week", "to", &ny, true).unwrap_err().field,
            "to"
        );
    }
}
