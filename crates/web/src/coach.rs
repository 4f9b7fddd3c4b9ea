//! The message coach: read a draft before it is sent, name what may land as blame, and help the
//! person say what they feel and need. Steady never sends anything itself.

use std::sync::LazyLock;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use jiff::Timestamp;
use regex::Regex;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use steady_core::coach::{check_draft_text, gentle_weeks, DraftOutcome, GentleWeek};
use steady_core::ValidationError;
use steady_store::{Aad, DraftRecord};
use utoipa::{OpenApi, ToSchema};

use crate::api::ApiJson;
use crate::auth::{ApiCaller, Auth, SignedIn};
use crate::error::{ApiError, ErrorBody, PageError};
use crate::moment_pages::{segments, spans_of, Segment, SupportPanel};
use crate::pages::{local_time, render, Layout};
use crate::state::AppState;

// ---------------------------------------------------------------------------------------------
// Reading a draft

/// "You always…", "you never…": absolutes aimed at the partner invite an argument about the
/// exception instead of a hearing for the feeling.
static ABSOLUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(always|never|every single time|every time|constantly|all the time)\b")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});
static SECOND_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(you|you're|youre|your|you['’]re|you['’]ve|you['’]ll)\b")
        .unwrap_or_else(|_| unreachable!("constant pattern"))
});

const ABSOLUTE_NOTE: &str = "Words like \u{201c}always\u{201d} and \u{201c}never\u{201d} invite your partner to argue about the one time it was different, instead of hearing how you feel.";
const ABSOLUTE_ANTIDOTE: &str = "Describe this one time: what happened, and how it felt.";

/// One thing the coach points out.
pub(crate) struct Note {
    label: String,
    quote: String,
    explanation: String,
    antidote: String,
}

/// What the coach shows for a draft.
#[derive(Default)]
pub(crate) struct CoachView {
    text: String,
    marked: Vec<Segment>,
    notes: Vec<Note>,
    tone: String,
    tone_label: String,
    score: f64,
    rewrites: Vec<String>,
    nothing_to_fix: bool,
    suggest_break: bool,
    support: Option<SupportPanel>,
}

fn title(id: &str) -> String {
    let s = id.replace('_', " ");
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn quote_of(text: &str, finding: &Value) -> String {
    spans_of(finding)
        .iter()
        .filter_map(|(s, e)| text.get(*s..*e))
        .collect::<Vec<_>>()
        .join(" … ")
}

/// Spans of absolutes in sentences that speak to the partner.
fn absolutes(text: &str) -> Vec<(usize, usize)> {
    if !SECOND_PERSON.is_match(text) {
        return Vec::new();
    }
    ABSOLUTE
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// Reads a draft: highlights, notes with antidotes, the start-up tone and gentle rewrites.
/// `distress` is how upset the person says they are (0–10).
pub(crate) fn read_draft(state: &AppState, text: &str, distress: Option<u8>) -> CoachView {
    if text.trim().is_empty() {
        return CoachView::default();
    }
    let analysis = steady_analysis::cli::to_json(&steady_analysis::analyze(text));
    let empty = Vec::new();
    let list = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let communication = analysis
        .get("communication")
        .cloned()
        .unwrap_or(Value::Null);
    let horsemen = list(&communication, "horsemen");
    let indirect = list(&communication, "indirect");
    let safety = list(&analysis, "safety");
    let mut spans = Vec::new();
    let mut notes = Vec::new();
    for h in &horsemen {
        spans.extend(spans_of(h));
        notes.push(Note {
            label: title(h.get("id").and_then(Value::as_str).unwrap_or("")),
            quote: quote_of(text, h),
            explanation: h
                .get("explanation")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
            antidote: h
                .get("antidote")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
        });
    }
    for i in &indirect {
        spans.extend(spans_of(i));
        notes.push(Note {
            label: title(i.get("id").and_then(Value::as_str).unwrap_or("")),
            quote: quote_of(text, i),
            explanation: i.get("explanation").and_then(Value::as_str).unwrap_or("").to_owned(),
            antidote: "Say what you feel and what you would like, plainly. It is a risk, and it gives your partner a real chance to respond.".to_owned(),
        });
    }
    let absolute_spans = absolutes(text);
    if !absolute_spans.is_empty() {
        let quote = absolute_spans
            .iter()
            .filter_map(|(s, e)| text.get(*s..*e))
            .collect::<Vec<_>>()
            .join(", ");
        spans.extend(absolute_spans.iter().copied());
        notes.push(Note {
            label: "Absolutes".to_owned(),
            quote,
            explanation: ABSOLUTE_NOTE.to_owned(),
            antidote: ABSOLUTE_ANTIDOTE.to_owned(),
        });
    }
    let startup = communication.get("startup").cloned().unwrap_or(Value::Null);
    let tone = startup
        .get("tone")
        .and_then(Value::as_str)
        .unwrap_or("neutral")
        .to_owned();
    let score = startup.get("score").and_then(Value::as_f64).unwrap_or(0.0);
    let rewrites: Vec<String> = analysis
        .get("rewrites")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
        .iter()
        .filter_map(|r| r.as_str().map(str::to_owned))
        .collect();
    let heavy = horsemen.iter().any(|h| {
        matches!(
            h.get("id").and_then(Value::as_str),
            Some("contempt" | "stonewalling")
        )
    });
    CoachView {
        marked: segments(text, &spans),
        nothing_to_fix: notes.is_empty() && tone != "harsh" && safety.is_empty(),
        suggest_break: heavy || distress.is_some_and(|d| d >= 7),
        support: (!safety.is_empty()).then(|| SupportPanel::new(state)),
        tone_label: match tone.as_str() {
            "harsh" => "Harsh start-up",
            "gentle" => "Gentle start-up",
            _ => "Neutral",
        }
        .to_owned(),
        text: text.to_owned(),
        notes,
        tone,
        score,
        rewrites: if safety.is_empty() {
            rewrites
        } else {
            Vec::new()
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Drafts: sealing, loading, the API

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct DraftBody {
    text: String,
    #[serde(default)]
    final_text: String,
    #[serde(default)]
    note: String,
    /// The analysis of the text that was sent, made once when the draft is saved.
    #[serde(default)]
    analysis: Value,
}

/// A saved draft, opened for its owner.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Draft {
    id: String,
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
    #[schema(value_type = String, format = DateTime)]
    updated_at: Timestamp,
    /// The draft as first written.
    text: String,
    /// The version the person chose to send (may be empty).
    final_text: String,
    /// Start-up tone of the final version (or of the draft): `harsh`, `neutral`, `gentle`.
    tone: String,
    /// The analysis of the final version (or of the draft), as from `POST /api/v1/analyze`.
    #[schema(value_type = Object)]
    analysis: Value,
    /// How it went, once recorded.
    outcome: Option<DraftOutcome>,
    #[schema(value_type = Option<String>, format = DateTime)]
    outcome_at: Option<Timestamp>,
    /// A note on how it went.
    note: String,
}

fn draft_aad(user_id: &str, id: &str) -> Aad {
    Aad::new(user_id, "drafts", id, "body")
}

fn sent_text(body: &DraftBody) -> &str {
    if body.final_text.trim().is_empty() {
        &body.text
    } else {
        &body.final_text
    }
}

fn open_draft(auth: &Auth, record: DraftRecord) -> Result<Draft, ApiError> {
    let json = auth
        .key
        .open(&record.body, &draft_aad(&auth.user.id, &record.id))
        .map_err(|e| ApiError::Internal(e.into()))?;
    let body: DraftBody = serde_json::from_str(&json).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(Draft {
        id: record.id,
        created_at: record.created_at,
        updated_at: record.updated_at,
        tone: record.tone,
        outcome: record.outcome.as_deref().and_then(DraftOutcome::parse),
        outcome_at: record.outcome_at,
        text: body.text,
        final_text: body.final_text,
        note: body.note,
        analysis: body.analysis,
    })
}

/// Analyses the text that will be sent (once), keeps the analysis in the body, and seals it.
/// Returns the sealed body and the start-up tone for the plain column.
fn seal_draft(
    auth: &Auth,
    id: &str,
    body: &mut DraftBody,
) -> Result<(steady_store::Sealed, &'static str), ApiError> {
    let analysis = steady_analysis::analyze(sent_text(body));
    let tone = analysis.communication.startup.tone.as_str();
    body.analysis = steady_analysis::cli::to_json(&analysis);
    let json = serde_json::to_string(body).map_err(|e| ApiError::Internal(e.into()))?;
    Ok((auth.key.seal(&json, &draft_aad(&auth.user.id, id)), tone))
}

fn check_body(body: &DraftBody) -> Result<(), ValidationError> {
    check_draft_text("text", &body.text, true)?;
    check_draft_text("final_text", &body.final_text, false)?;
    check_draft_text("note", &body.note, false)
}

async fn insert(state: &AppState, auth: &Auth, mut body: DraftBody) -> Result<Draft, ApiError> {
    check_body(&body)?;
    let id = steady_store::new_id();
    let (sealed, tone) = seal_draft(auth, &id, &mut body)?;
    state
        .store
        .insert_draft(&auth.user.id, &id, tone, &sealed, state.now())
        .await?;
    load(state, auth, &id).await
}

async fn load(state: &AppState, auth: &Auth, id: &str) -> Result<Draft, ApiError> {
    let record = state
        .store
        .draft(&auth.user.id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    open_draft(auth, record)
}

/// Changes to a draft: the final version, and how it went.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftChanges {
    #[serde(default)]
    final_text: Option<String>,
    #[serde(default)]
    outcome: Option<DraftOutcome>,
    #[serde(default)]
    note: Option<String>,
}

async fn change(
    state: &AppState,
    auth: &Auth,
    id: &str,
    changes: DraftChanges,
) -> Result<Draft, ApiError> {
    let current = load(state, auth, id).await?;
    let mut body = DraftBody {
        text: current.text,
        final_text: changes.final_text.unwrap_or(current.final_text),
        note: changes.note.unwrap_or(current.note),
        analysis: Value::Null,
    };
    check_body(&body)?;
    let (outcome, outcome_at) = match changes.outcome {
        Some(o) if Some(o) == current.outcome => (Some(o), current.outcome_at),
        Some(o) => (Some(o), Some(state.now())),
        None => (current.outcome, current.outcome_at),
    };
    let (sealed, tone) = seal_draft(auth, id, &mut body)?;
    let change = steady_store::DraftChange {
        id,
        tone,
        outcome: outcome.map(DraftOutcome::id),
        outcome_at,
        body: &sealed,
    };
    let updated = state
        .store
        .update_draft(&auth.user.id, &change, state.now())
        .await?;
    if !updated {
        return Err(ApiError::NotFound);
    }
    load(state, auth, id).await
}

async fn all(state: &AppState, auth: &Auth) -> Result<Vec<Draft>, ApiError> {
    state
        .store
        .drafts(&auth.user.id)
        .await?
        .into_iter()
        .map(|r| open_draft(auth, r))
        .collect()
}

async fn weeks(state: &AppState, auth: &Auth, n: u32) -> Result<Vec<GentleWeek>, ApiError> {
    let records = state.store.drafts(&auth.user.id).await?;
    let saved: Vec<(Timestamp, bool)> = records
        .iter()
        .map(|r| (r.created_at, r.tone == "gentle"))
        .collect();
    Ok(gentle_weeks(
        &saved,
        state.now(),
        &auth.user.time_zone.zone(),
        n,
    ))
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/drafts", post(api_create).get(api_list))
        .route("/api/v1/drafts/summary", get(api_summary))
        .route(
            "/api/v1/drafts/{id}",
            get(api_read).patch(api_update).delete(api_delete),
        )
        .route("/coach", get(coach_page).post(coach_submit))
        .route("/coach/preview", post(coach_preview))
        .route("/coach/drafts", get(drafts_page))
        .route("/coach/drafts/{id}", get(draft_page))
        .route("/coach/drafts/{id}/outcome", post(draft_outcome))
        .route("/coach/drafts/{id}/delete", post(draft_delete))
}

/// A draft to save.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDraft {
    /// The message as first written.
    text: String,
    /// The version the person chose (optional).
    #[serde(default)]
    final_text: String,
}

/// Saves a draft with its analysis.
#[utoipa::path(post, path = "/api/v1/drafts", tag = "coach",
    security(("bearer" = []), ("session" = [])),
    request_body = NewDraft,
    responses((status = 201, body = Draft), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn api_create(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    ApiJson(body): ApiJson<NewDraft>,
) -> Result<(StatusCode, Json<Draft>), ApiError> {
    let draft = insert(
        &state,
        &auth,
        DraftBody {
            text: body.text,
            final_text: body.final_text,
            note: String::new(),
            analysis: Value::Null,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(draft)))
}

/// Saved drafts, newest first.
#[derive(Serialize, ToSchema)]
pub struct DraftList {
    drafts: Vec<Draft>,
}

/// Lists the caller's drafts.
#[utoipa::path(get, path = "/api/v1/drafts", tag = "coach",
    security(("bearer" = []), ("session" = [])),
    responses((status = 200, body = DraftList), (status = 401, body = ErrorBody)))]
async fn api_list(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
) -> Result<Json<DraftList>, ApiError> {
    Ok(Json(DraftList {
        drafts: all(&state, &auth).await?,
    }))
}

/// How many weeks to summarise.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// 1–104, default 8.
    weeks: Option<u32>,
}

/// Saved messages per week and how many started gently.
#[derive(Serialize, ToSchema)]
pub struct DraftSummary {
    weeks: Vec<GentleWeek>,
}

/// Week by week: messages saved and how many started gently (oldest first).
#[utoipa::path(get, path = "/api/v1/drafts/summary", tag = "coach",
    security(("bearer" = []), ("session" = [])),
    params(SummaryQuery),
    responses((status = 200, body = DraftSummary), (status = 422, body = ErrorBody)))]
async fn api_summary(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    query: Result<Query<SummaryQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<DraftSummary>, ApiError> {
    let Query(query) = query?;
    let n = query.weeks.unwrap_or(8);
    if !(1..=104).contains(&n) {
        return Err(ValidationError::new("weeks", "Ask for 1 to 104 weeks.").into());
    }
    Ok(Json(DraftSummary {
        weeks: weeks(&state, &auth, n).await?,
    }))
}

/// Reads one of the caller's drafts.
#[utoipa::path(get, path = "/api/v1/drafts/{id}", tag = "coach",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Draft), (status = 404, body = ErrorBody)))]
async fn api_read(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<Draft>, ApiError> {
    Ok(Json(load(&state, &auth, &id).await?))
}

/// Records the final version or how the message went.
#[utoipa::path(patch, path = "/api/v1/drafts/{id}", tag = "coach",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    request_body = DraftChanges,
    responses((status = 200, body = Draft), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn api_update(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
    ApiJson(changes): ApiJson<DraftChanges>,
) -> Result<Json<Draft>, ApiError> {
    Ok(Json(change(&state, &auth, &id, changes).await?))
}

/// Deletes one of the caller's drafts.
#[utoipa::path(delete, path = "/api/v1/drafts/{id}", tag = "coach",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, body = ErrorBody)))]
async fn api_delete(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if state.store.delete_draft(&auth.user.id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

#[derive(OpenApi)]
#[openapi(
    paths(api_create, api_list, api_summary, api_read, api_update, api_delete),
    components(schemas(
        NewDraft,
        Draft,
        DraftList,
        DraftChanges,
        DraftSummary,
        GentleWeek,
        DraftOutcome
    ))
)]
pub(crate) struct CoachApi;

// ---------------------------------------------------------------------------------------------
// Pages

struct Option_ {
    id: &'static str,
    label: &'static str,
}

const FEELINGS: &[Option_] = &[
    Option_ {
        id: "lonely",
        label: "lonely",
    },
    Option_ {
        id: "hurt",
        label: "hurt",
    },
    Option_ {
        id: "anxious",
        label: "anxious",
    },
    Option_ {
        id: "overlooked",
        label: "overlooked",
    },
    Option_ {
        id: "sad",
        label: "sad",
    },
    Option_ {
        id: "frustrated",
        label: "frustrated",
    },
    Option_ {
        id: "worried",
        label: "worried",
    },
    Option_ {
        id: "overwhelmed",
        label: "overwhelmed",
    },
];

const NEEDS: &[Option_] = &[
    Option_ {
        id: "time",
        label: "Could we plan an evening together this week?",
    },
    Option_ {
        id: "contact",
        label: "Could you send me a quick message when you'll be late?",
    },
    Option_ {
        id: "talk",
        label: "Could we sit down and talk about it tonight?",
    },
    Option_ {
        id: "help",
        label: "Could we share this out so it's not all on me?",
    },
    Option_ {
        id: "affection",
        label: "Could I have a hug when you get home?",
    },
    Option_ {
        id: "listen",
        label: "Could you just listen for a few minutes?",
    },
];

#[derive(Template)]
#[template(path = "coach.html")]
struct CoachPage {
    layout: Layout,
    v: CoachView,
    distress: u8,
    feelings: &'static [Option_],
    needs: &'static [Option_],
    built: Option<String>,
    error: Option<String>,
    situation: String,
    /// The builder's choices, kept when the page comes back.
    feeling: String,
    need: String,
    own_need: String,
    csrf: String,
}

#[derive(Template)]
#[template(path = "coach_results.html")]
struct CoachResults {
    v: CoachView,
    csrf: String,
}

async fn coach_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
) -> Result<Html<String>, PageError> {
    render(&CoachPage {
        layout: Layout::for_user("Message coach", &auth, "coach"),
        v: read_draft(&state, "", None),
        distress: 0,
        feelings: FEELINGS,
        needs: NEEDS,
        built: None,
        error: None,
        situation: String::new(),
        feeling: String::new(),
        need: String::new(),
        own_need: String::new(),
        csrf: auth.csrf().to_owned(),
    })
}

#[derive(Deserialize)]
struct CoachForm {
    csrf: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    final_text: String,
    #[serde(default)]
    distress: Option<String>,
    #[serde(default)]
    action: String,
    #[serde(default)]
    feeling: String,
    #[serde(default)]
    situation: String,
    #[serde(default)]
    need: String,
    #[serde(default)]
    own_need: String,
}

fn distress_of(raw: Option<&str>) -> Option<u8> {
    raw.and_then(|d| d.trim().parse::<u8>().ok())
        .map(|d| d.min(10))
}

/// "I feel … about … I need …", from the builder's choices.
fn build_message(form: &CoachForm) -> Result<String, ValidationError> {
    let feeling = FEELINGS
        .iter()
        .find(|f| f.id == form.feeling)
        .map(|f| f.label)
        .ok_or_else(|| ValidationError::new("feeling", "Pick the feeling closest to yours."))?;
    let situation = form.situation.trim().trim_end_matches('.');
    if situation.is_empty() {
        return Err(ValidationError::new(
            "situation",
            "Describe the situation: what happened, not what kind of person they are.",
        ));
    }
    let need = if !form.own_need.trim().is_empty() {
        form.own_need.trim().to_owned()
    } else {
        NEEDS
            .iter()
            .find(|n| n.id == form.need)
            .map(|n| n.label.to_owned())
            .ok_or_else(|| ValidationError::new("need", "Pick or write what you would like."))?
    };
    Ok(format!("I feel {feeling} about {situation}. {need}"))
}

async fn coach_submit(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    form: Result<Form<CoachForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    let distress = distress_of(form.distress.as_deref());
    if form.action == "save" {
        let body = DraftBody {
            text: form.text.clone(),
            final_text: form.final_text.clone(),
            note: String::new(),
            analysis: Value::Null,
        };
        return match insert(&state, &auth, body).await {
            Ok(draft) => {
                Ok(Redirect::to(&format!("/coach/drafts/{}?saved=1", draft.id)).into_response())
            }
            Err(ApiError::Validation(e)) => {
                let page = CoachPage {
                    layout: Layout::for_user("Message coach", &auth, "coach"),
                    v: read_draft(&state, &form.text, distress),
                    distress: distress.unwrap_or(0),
                    feelings: FEELINGS,
                    needs: NEEDS,
                    built: None,
                    error: Some(e.message),
                    situation: form.situation.clone(),
                    feeling: form.feeling.clone(),
                    need: form.need.clone(),
                    own_need: form.own_need.clone(),
                    csrf: auth.csrf().to_owned(),
                };
                Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
            }
            Err(e) => Err(PageError::from(e)),
        };
    }
    let (built, error) = if form.action == "build" {
        match build_message(&form) {
            Ok(message) => (Some(message), None),
            Err(e) => (None, Some(e.message)),
        }
    } else {
        (None, None)
    };
    if let Err(e) = check_draft_text("text", &form.text, false) {
        return Err(PageError::BadRequest(e.message));
    }
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = CoachPage {
        layout: Layout::for_user("Message coach", &auth, "coach"),
        v: read_draft(&state, &form.text, distress),
        distress: distress.unwrap_or(0),
        feelings: FEELINGS,
        needs: NEEDS,
        built,
        error,
        situation: form.situation.clone(),
        feeling: form.feeling.clone(),
        need: form.need.clone(),
        own_need: form.own_need.clone(),
        csrf: auth.csrf().to_owned(),
    };
    Ok((status, render(&page)?).into_response())
}

/// The results panel alone, for the page's script to refresh while the person types.
async fn coach_preview(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    form: Result<Form<CoachForm>, axum::extract::rejection::FormRejection>,
) -> Result<Html<String>, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    check_draft_text("text", &form.text, false).map_err(|e| PageError::BadRequest(e.message))?;
    render(&CoachResults {
        v: read_draft(&state, &form.text, distress_of(form.distress.as_deref())),
        csrf: auth.csrf().to_owned(),
    })
}

struct DraftRow {
    id: String,
    when: String,
    first_line: String,
    tone_label: &'static str,
    outcome: Option<&'static str>,
}

struct Bar {
    label: String,
    saved: u32,
    gentle: u32,
    x: u32,
    saved_y: u32,
    saved_h: u32,
    gentle_y: u32,
    gentle_h: u32,
}

#[derive(Template)]
#[template(path = "coach_drafts.html")]
struct DraftsPage {
    layout: Layout,
    rows: Vec<DraftRow>,
    bars: Vec<Bar>,
    any_saved: bool,
}

fn tone_label(tone: &str) -> &'static str {
    match tone {
        "gentle" => "Gentle start",
        "harsh" => "Harsh start",
        _ => "Neutral start",
    }
}

/// The start of a line for a list: at most `max` characters, cut between words, with "…" when cut.
fn first_words(line: &str, max: usize) -> String {
    if line.chars().count() <= max {
        return line.to_owned();
    }
    let cut: String = line.chars().take(max).collect();
    let words = match cut.rfind(char::is_whitespace) {
        Some(i) if i > 0 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}\u{2026}", words.trim_end_matches([',', ';', ':', ' ']))
}

const CHART_HEIGHT: u32 = 120;

fn bars(weeks: &[GentleWeek]) -> Vec<Bar> {
    let max = weeks.iter().map(|w| w.saved).max().unwrap_or(0).max(1);
    weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let saved_h = w.saved * CHART_HEIGHT / max;
            let gentle_h = w.gentle * CHART_HEIGHT / max;
            Bar {
                label: w.week_start.strftime("%-d %b").to_string(),
                saved: w.saved,
                gentle: w.gentle,
                x: i as u32 * 40 + 6,
                saved_y: CHART_HEIGHT - saved_h + 10,
                saved_h,
                gentle_y: CHART_HEIGHT - gentle_h + 10,
                gentle_h,
            }
        })
        .collect()
}

async fn drafts_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
) -> Result<Html<String>, PageError> {
    let drafts = all(&state, &auth).await.map_err(PageError::from)?;
    let summary = weeks(&state, &auth, 8).await.map_err(PageError::from)?;
    let rows = drafts
        .iter()
        .map(|d| DraftRow {
            id: d.id.clone(),
            when: local_time(d.created_at, &auth.user.time_zone),
            first_line: {
                let t = if d.final_text.trim().is_empty() {
                    &d.text
                } else {
                    &d.final_text
                };
                first_words(t.lines().next().unwrap_or(""), 120)
            },
            tone_label: tone_label(&d.tone),
            outcome: d.outcome.map(DraftOutcome::label),
        })
        .collect();
    render(&DraftsPage {
        layout: Layout::for_user("Saved messages", &auth, "coach"),
        any_saved: summary.iter().any(|w| w.saved > 0),
        bars: bars(&summary),
        rows,
    })
}

#[derive(Template)]
#[template(path = "coach_draft.html")]
struct DraftPage {
    layout: Layout,
    id: String,
    when: String,
    text: String,
    final_text: String,
    tone_label: &'static str,
    outcome: Option<String>,
    note: String,
    saved: bool,
    outcomes: Vec<(&'static str, &'static str, bool)>,
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

async fn draft_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    Query(query): Query<SavedQuery>,
) -> Result<Html<String>, PageError> {
    let d = load(&state, &auth, &id).await.map_err(PageError::from)?;
    render(&DraftPage {
        layout: Layout::for_user("Saved message", &auth, "coach"),
        when: local_time(d.created_at, &auth.user.time_zone),
        tone_label: tone_label(&d.tone),
        outcome: d.outcome.map(|o| o.label().to_owned()),
        outcomes: DraftOutcome::ALL
            .iter()
            .map(|o| (o.id(), o.label(), Some(*o) == d.outcome))
            .collect(),
        saved: query.saved.is_some(),
        id: d.id,
        text: d.text,
        final_text: d.final_text,
        note: d.note,
    })
}

#[derive(Deserialize)]
struct OutcomeForm {
    csrf: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    note: String,
}

async fn draft_outcome(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<OutcomeForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    let outcome = DraftOutcome::parse(&form.outcome)
        .ok_or_else(|| PageError::BadRequest("Choose how it went.".into()))?;
    change(
        &state,
        &auth,
        &id,
        DraftChanges {
            final_text: None,
            outcome: Some(outcome),
            note: Some(form.note),
        },
    )
    .await
    .map_err(PageError::from)?;
    Ok(Redirect::to(&format!("/coach/drafts/{id}")).into_response())
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn draft_delete(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    if !state.store.delete_draft(&auth.user.id, &id).await? {
        return Err(PageError::NotFound);
    }
    Ok(Redirect::to("/coach/drafts").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolutes_count_only_when_speaking_to_the_partner() {
        assert_eq!(absolutes("You never listen to me").len(), 1);
        assert!(absolutes("She always calls her mom on Sundays").is_empty());
    }

    #[test]
    fn long_first_lines_are_cut_between_words() {
        assert_eq!(first_words("Short enough.", 120), "Short enough.");
        assert_eq!(
            first_words("I feel unimportant about how little room", 20),
            "I feel unimportant\u{2026}"
        );
        assert_eq!(first_words("Unbreakableword", 5), "Unbre\u{2026}");
    }

    #[test]
    fn the_builder_keeps_the_situation_and_the_need() {
        let form = CoachForm {
            csrf: String::new(),
            text: String::new(),
            final_text: String::new(),
            distress: None,
            action: "build".into(),
            feeling: "lonely".into(),
            situation: "the evenings we spend on our phones.".into(),
            need: "time".into(),
            own_need: String::new(),
        };
        assert_eq!(
            build_message(&form).unwrap(),
            "I feel lonely about the evenings we spend on our phones. Could we plan an evening together this week?"
        );
        let missing = CoachForm {
            situation: " ".into(),
            ..form
        };
        assert_eq!(build_message(&missing).unwrap_err().field, "situation");
    }
}
