//! The self-plan pages: the plan, editing an intention, the weekly check-in, the
//! self-compassion exercise, progress and history. Every form works without JavaScript.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use jiff::civil::Date;
use serde::Deserialize;
use steady_core::plan::{
    Area, CheckinContent, CheckinItem, CompassionContent, FollowScore, FollowThrough,
    IntentionStatus, IntentionText, Rating, WeeklyTarget,
};
use steady_core::week::{Week, WeekStart};
use steady_core::ValidationError;

use super::{Checkin, CompassionEntry, Intention, IntentionInput};
use crate::auth::{Auth, SignedIn};
use crate::error::{ApiError, PageError};
use crate::forms::Fields;
use crate::moment_pages::SupportPanel;
use crate::pages::{local_time, render, Layout};
use crate::state::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/plan", get(plan_page))
        .route("/plan/settings", post(save_settings))
        .route("/plan/intentions", post(create_intention))
        .route(
            "/plan/intentions/{id}",
            get(intention_page).post(save_intention),
        )
        .route("/plan/intentions/{id}/status", post(set_status))
        .route("/plan/checkin", get(checkin_page).post(save_checkin))
        .route(
            "/plan/compassion",
            get(compassion_page).post(save_compassion),
        )
        .route("/plan/compassion/{id}", get(compassion_entry_page))
        .route("/plan/compassion/{id}/delete", post(delete_compassion))
        .route("/plan/progress", get(progress_page))
        .route("/plan/history", get(history_page))
}

fn parse_target_field(raw: &str) -> Result<Option<WeeklyTarget>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let n: i64 = raw.parse().map_err(|_| {
        ValidationError::new(
            "weekly_target",
            format!("\u{201c}{raw}\u{201d} is not a number of times a week."),
        )
    })?;
    WeeklyTarget::parse(n).map(Some)
}

fn parse_rating(field: &'static str, raw: Option<&str>) -> Result<Option<Rating>, ValidationError> {
    match raw.map(str::trim).filter(|r| !r.is_empty() && *r != "skip") {
        None => Ok(None),
        Some(raw) => {
            let n: i64 = raw
                .parse()
                .map_err(|_| ValidationError::new(field, "Choose a number from 0 to 10."))?;
            Rating::parse(field, n).map(Some)
        }
    }
}

pub(crate) struct Choice {
    id: String,
    label: String,
    checked: bool,
}

fn area_choices(selected: Option<Area>) -> Vec<Choice> {
    Area::ALL
        .iter()
        .map(|a| Choice {
            id: a.id().into(),
            label: a.label().into(),
            checked: Some(*a) == selected,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The plan

struct IntentionRow {
    id: String,
    text: String,
    target: String,
    area: &'static str,
    paused: bool,
}

impl IntentionRow {
    fn of(i: &Intention) -> Self {
        Self {
            id: i.id.clone(),
            text: i.text.clone(),
            target: i.weekly_target.map(|t| t.describe()).unwrap_or_default(),
            area: i.area.label(),
            paused: i.status == IntentionStatus::Paused,
        }
    }
}

struct AreaSection {
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    intentions: Vec<IntentionRow>,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    layout: Layout,
    notice: Option<String>,
    error: Option<String>,
    week_label: String,
    week_start_label: &'static str,
    time_zone: String,
    checked_in: bool,
    active_count: usize,
    last_week_empty: Option<String>,
    last_week_start: String,
    sections: Vec<AreaSection>,
    archived: Vec<IntentionRow>,
    areas: Vec<Choice>,
    week_starts: Vec<Choice>,
    form_text: String,
    form_target: String,
}

#[derive(Deserialize, Default)]
struct PlanQuery {
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    area: Option<String>,
}

fn notice_for(done: Option<&str>) -> Option<String> {
    Some(
        match done? {
            "added" => "Added to your plan.",
            "saved" => "Saved.",
            "paused" => {
                "Paused. It stays in your plan and is left out of check-ins until you resume it."
            }
            "active" => "Back in your plan.",
            "archived" => "Archived. Its check-ins stay in your history.",
            "week" => "Your weeks now start on the day you chose.",
            _ => return None,
        }
        .to_owned(),
    )
}

async fn build_plan_page(
    state: &AppState,
    auth: &Auth,
    notice: Option<String>,
    error: Option<String>,
    form_area: Option<Area>,
    form_text: String,
    form_target: String,
) -> Result<PlanPage, ApiError> {
    let start = super::week_start(state, auth).await?;
    let week = super::this_week(state, auth, start);
    let all = super::intentions(state, auth).await?;
    let checked_in = super::checkin(state, auth, week).await?.is_some();
    let last = week.previous();
    let last_missing = super::checkin(state, auth, last).await?.is_none()
        && all
            .iter()
            .any(|i| i.created_at < week.first_instant(&auth.user.time_zone.zone()));
    let sections = Area::ALL
        .iter()
        .map(|area| AreaSection {
            id: area.id(),
            label: area.label(),
            hint: area.hint(),
            intentions: all
                .iter()
                .filter(|i| i.area == *area && i.status != IntentionStatus::Archived)
                .map(IntentionRow::of)
                .collect(),
        })
        .collect();
    Ok(PlanPage {
        layout: Layout::for_user("Self plan", auth, "plan"),
        notice,
        error,
        week_label: week.label(),
        week_start_label: start.label(),
        time_zone: auth.user.time_zone.to_string(),
        checked_in,
        active_count: all
            .iter()
            .filter(|i| i.status == IntentionStatus::Active)
            .count(),
        last_week_empty: last_missing.then(|| last.label()),
        last_week_start: last.start().to_string(),
        sections,
        archived: all
            .iter()
            .filter(|i| i.status == IntentionStatus::Archived)
            .map(IntentionRow::of)
            .collect(),
        areas: area_choices(form_area),
        week_starts: WeekStart::ALL
            .iter()
            .map(|d| Choice {
                id: d.id().into(),
                label: d.label().into(),
                checked: *d == start,
            })
            .collect(),
        form_text,
        form_target,
    })
}

async fn plan_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Query(query): Query<PlanQuery>,
) -> Result<Html<String>, PageError> {
    let area = query.area.as_deref().and_then(Area::parse);
    let page = build_plan_page(
        &state,
        &auth,
        notice_for(query.done.as_deref()),
        None,
        area,
        String::new(),
        String::new(),
    )
    .await
    .map_err(PageError::from)?;
    render(&page)
}

async fn save_settings(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(fields) = form?;
    auth.check_form(&fields.text("csrf"))?;
    let start = WeekStart::parse(&fields.text("week_start"))
        .map_err(|e| PageError::BadRequest(e.message))?;
    state
        .store
        .set_plan_week_start(&auth.user.id, start, state.now())
        .await?;
    Ok(Redirect::to("/plan?done=week").into_response())
}

async fn create_intention(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(fields) = form?;
    auth.check_form(&fields.text("csrf"))?;
    let area = Area::parse(&fields.text("area"));
    let text = fields.text("text");
    let target = fields.text("weekly_target");
    let parsed = (|| {
        Ok::<_, ValidationError>(IntentionInput {
            area: super::parse_area(&fields.text("area"))?,
            status: IntentionStatus::Active,
            text: IntentionText::parse(&text)?,
            weekly_target: parse_target_field(&target)?,
        })
    })();
    match parsed {
        Ok(input) => {
            let saved = super::save_intention(&state, &auth, None, &input)
                .await
                .map_err(PageError::from)?;
            Ok(Redirect::to(&format!("/plan?done=added#area-{}", saved.area.id())).into_response())
        }
        Err(e) => {
            let page = build_plan_page(&state, &auth, None, Some(e.message), area, text, target)
                .await
                .map_err(PageError::from)?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "plan_intention.html")]
struct IntentionPage {
    layout: Layout,
    error: Option<String>,
    id: String,
    text: String,
    target: String,
    areas: Vec<Choice>,
    status: &'static str,
    status_label: &'static str,
}

fn intention_page_for(auth: &Auth, i: &Intention, error: Option<String>) -> IntentionPage {
    IntentionPage {
        layout: Layout::for_user("Edit intention", auth, "plan"),
        error,
        id: i.id.clone(),
        text: i.text.clone(),
        target: i
            .weekly_target
            .map(|t| t.get().to_string())
            .unwrap_or_default(),
        areas: area_choices(Some(i.area)),
        status: i.status.id(),
        status_label: i.status.label(),
    }
}

async fn intention_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    let i = super::intention(&state, &auth, &id)
        .await
        .map_err(PageError::from)?
        .ok_or(PageError::NotFound)?;
    render(&intention_page_for(&auth, &i, None))
}

async fn save_intention(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(fields) = form?;
    auth.check_form(&fields.text("csrf"))?;
    let current = super::intention(&state, &auth, &id)
        .await
        .map_err(PageError::from)?
        .ok_or(PageError::NotFound)?;
    let parsed = (|| {
        Ok::<_, ValidationError>(IntentionInput {
            area: super::parse_area(&fields.text("area"))?,
            status: current.status,
            text: IntentionText::parse(&fields.text("text"))?,
            weekly_target: parse_target_field(&fields.text("weekly_target"))?,
        })
    })();
    match parsed {
        Ok(input) => {
            super::save_intention(&state, &auth, Some(&id), &input)
                .await
                .map_err(PageError::from)?;
            Ok(Redirect::to("/plan?done=saved").into_response())
        }
        Err(e) => {
            let mut draft = current.clone();
            draft.text = fields.text("text");
            let mut page = intention_page_for(&auth, &draft, Some(e.message));
            page.target = fields.text("weekly_target");
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

async fn set_status(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(fields) = form?;
    auth.check_form(&fields.text("csrf"))?;
    let status = super::parse_status(&fields.text("status"))
        .map_err(|e| PageError::BadRequest(e.message))?;
    let current = super::intention(&state, &auth, &id)
        .await
        .map_err(PageError::from)?
        .ok_or(PageError::NotFound)?;
    let input = IntentionInput {
        area: current.area,
        status,
        text: IntentionText::parse(&current.text).map_err(|e| PageError::BadRequest(e.message))?,
        weekly_target: current.weekly_target,
    };
    super::save_intention(&state, &auth, Some(&id), &input)
        .await
        .map_err(PageError::from)?;
    Ok(Redirect::to(&format!("/plan?done={}", status.id())).into_response())
}

// ---------------------------------------------------------------------------------------------
// The weekly check-in

struct CheckinRow {
    id: String,
    text: String,
    area: &'static str,
    target: String,
    statuses: Vec<Choice>,
    note: String,
}

struct RatingChoice {
    value: String,
    label: String,
    checked: bool,
}

fn rating_choices(current: Option<Rating>) -> Vec<RatingChoice> {
    let mut out: Vec<RatingChoice> = (0..=10u8)
        .map(|v| RatingChoice {
            value: v.to_string(),
            label: v.to_string(),
            checked: current.map(Rating::get) == Some(v),
        })
        .collect();
    out.push(RatingChoice {
        value: "skip".into(),
        label: "Skip".into(),
        checked: current.is_none(),
    });
    out
}

struct WeekLink {
    start: String,
    label: String,
    done: bool,
    current: bool,
}

#[derive(Template)]
#[template(path = "plan_checkin.html")]
struct CheckinPage {
    layout: Layout,
    saved: bool,
    error: Option<String>,
    support: Option<SupportPanel>,
    week_start: String,
    week_label: String,
    is_this_week: bool,
    exists: bool,
    rows: Vec<CheckinRow>,
    value_self: Vec<RatingChoice>,
    secure: Vec<RatingChoice>,
    helped: String,
    weeks: Vec<WeekLink>,
}

#[derive(Deserialize, Default)]
struct CheckinQuery {
    #[serde(default)]
    week: Option<String>,
    #[serde(default)]
    saved: Option<String>,
}

async fn resolve_week(
    state: &AppState,
    auth: &Auth,
    raw: Option<&str>,
) -> Result<(Week, Week), PageError> {
    let start = super::week_start(state, auth)
        .await
        .map_err(PageError::from)?;
    let current = super::this_week(state, auth, start);
    let week = match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => current,
        Some(raw) => {
            let date: Date = raw
                .parse()
                .map_err(|_| PageError::BadRequest("That is not a week.".into()))?;
            Week::containing_date(date, start)
        }
    };
    if week > current {
        return Err(PageError::BadRequest(
            "That week hasn't started yet. Check in once it has.".into(),
        ));
    }
    Ok((week, current))
}

async fn build_checkin_page(
    state: &AppState,
    auth: &Auth,
    week: Week,
    current: Week,
    existing: Option<&Checkin>,
    draft: Option<&CheckinContent>,
) -> Result<CheckinPage, ApiError> {
    let all = super::intentions(state, auth).await?;
    let content = draft.or(existing.map(|c| &c.content));
    let empty = CheckinContent::default();
    let c = content.unwrap_or(&empty);
    let rows = all
        .iter()
        .filter(|i| {
            i.status == IntentionStatus::Active
                || c.items.iter().any(|item| item.intention_id == i.id)
        })
        .map(|i| {
            let item = c.items.iter().find(|item| item.intention_id == i.id);
            CheckinRow {
                id: i.id.clone(),
                text: i.text.clone(),
                area: i.area.label(),
                target: i.weekly_target.map(|t| t.describe()).unwrap_or_default(),
                statuses: FollowThrough::ALL
                    .iter()
                    .map(|f| Choice {
                        id: f.id().into(),
                        label: f.label().into(),
                        checked: item.map(|it| it.status) == Some(*f),
                    })
                    .collect(),
                note: item.map(|it| it.note.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let recent: Vec<Checkin> = super::checkins(
        state,
        auth,
        Some(current.start().saturating_sub(jiff::Span::new().days(35))),
        None,
    )
    .await?;
    let mut weeks = Vec::new();
    let mut w = current;
    for _ in 0..5 {
        weeks.push(WeekLink {
            start: w.start().to_string(),
            label: if w == current {
                "This week".to_owned()
            } else {
                w.label()
            },
            done: recent.iter().any(|c| w.contains(c.week_start())),
            current: w == week,
        });
        w = w.previous();
    }
    Ok(CheckinPage {
        layout: Layout::for_user("Weekly check-in", auth, "plan"),
        saved: false,
        error: None,
        support: existing
            .filter(|c| c.support_needed)
            .map(|_| SupportPanel::new(state)),
        week_start: week.start().to_string(),
        week_label: week.label(),
        is_this_week: week == current,
        exists: existing.is_some(),
        rows,
        value_self: rating_choices(c.value_self),
        secure: rating_choices(c.secure),
        helped: c.helped.clone(),
        weeks,
    })
}

async fn checkin_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Query(query): Query<CheckinQuery>,
) -> Result<Html<String>, PageError> {
    let (week, current) = resolve_week(&state, &auth, query.week.as_deref()).await?;
    let existing = super::checkin(&state, &auth, week)
        .await
        .map_err(PageError::from)?;
    let mut page = build_checkin_page(&state, &auth, week, current, existing.as_ref(), None)
        .await
        .map_err(PageError::from)?;
    page.saved = query.saved.is_some() && existing.is_some();
    render(&page)
}

fn checkin_from_form(fields: &Fields) -> Result<CheckinContent, ValidationError> {
    let mut items = Vec::new();
    for (name, value) in &fields.0 {
        let Some(id) = name.strip_prefix("status_") else {
            continue;
        };
        let status = FollowThrough::parse(value).ok_or_else(|| {
            ValidationError::new("items", "Choose done, partly or not this week.")
        })?;
        items.push(CheckinItem {
            intention_id: id.to_owned(),
            area: None,
            status,
            note: fields.text(&format!("note_{id}")),
        });
    }
    Ok(CheckinContent {
        items,
        value_self: parse_rating("value_self", fields.get("value_self"))?,
        secure: parse_rating("secure", fields.get("secure"))?,
        helped: fields.text("helped"),
    })
}

async fn save_checkin(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(fields) = form?;
    auth.check_form(&fields.text("csrf"))?;
    let (week, current) = resolve_week(&state, &auth, fields.get("week")).await?;
    let result = match checkin_from_form(&fields) {
        Ok(content) => super::save_checkin(&state, &auth, week, content.clone())
            .await
            .map_err(|e| (e, Some(content))),
        Err(e) => Err((ApiError::Validation(e), None)),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!(
            "/plan/checkin?week={}&saved=1#saved",
            week.start()
        ))
        .into_response()),
        Err((ApiError::Validation(e), draft)) => {
            let existing = super::checkin(&state, &auth, week)
                .await
                .map_err(PageError::from)?;
            let mut page = build_checkin_page(
                &state,
                &auth,
                week,
                current,
                existing.as_ref(),
                draft.as_ref(),
            )
            .await
            .map_err(PageError::from)?;
            page.error = Some(e.message);
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err((other, _)) => Err(PageError::from(other)),
    }
}

// ---------------------------------------------------------------------------------------------
// The self-compassion exercise

#[derive(Template)]
#[template(path = "plan_compassion.html")]
struct CompassionPage {
    layout: Layout,
    error: Option<String>,
    going_through: String,
    common_humanity: String,
    kind_words: String,
}

async fn compassion_page(SignedIn(auth): SignedIn) -> Result<Html<String>, PageError> {
    render(&CompassionPage {
        layout: Layout::for_user("Self-compassion", &auth, "plan"),
        error: None,
        going_through: String::new(),
        common_humanity: String::new(),
        kind_words: String::new(),
    })
}

async fn save_compassion(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(fields) = form?;
    auth.check_form(&fields.text("csrf"))?;
    let content = CompassionContent {
        going_through: fields.text("going_through"),
        common_humanity: fields.text("common_humanity"),
        kind_words: fields.text("kind_words"),
    };
    match super::save_compassion(&state, &auth, content.clone()).await {
        Ok(entry) => {
            Ok(Redirect::to(&format!("/plan/compassion/{}?saved=1", entry.id)).into_response())
        }
        Err(ApiError::Validation(e)) => {
            let page = CompassionPage {
                layout: Layout::for_user("Self-compassion", &auth, "plan"),
                error: Some(e.message),
                going_through: content.going_through,
                common_humanity: content.common_humanity,
                kind_words: content.kind_words,
            };
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(PageError::from(e)),
    }
}

struct Answer {
    prompt: &'static str,
    text: String,
}

fn answers(entry: &CompassionEntry) -> Vec<Answer> {
    entry
        .content
        .answers()
        .iter()
        .filter(|(_, a)| !a.trim().is_empty())
        .map(|(prompt, a)| Answer {
            prompt,
            text: (*a).to_owned(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "plan_compassion_entry.html")]
struct CompassionEntryPage {
    layout: Layout,
    saved: bool,
    support: Option<SupportPanel>,
    id: String,
    when: String,
    answers: Vec<Answer>,
}

#[derive(Deserialize, Default)]
struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

async fn compassion_entry_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    Query(query): Query<SavedQuery>,
) -> Result<Html<String>, PageError> {
    let entry = super::compassion_entry(&state, &auth, &id)
        .await
        .map_err(PageError::from)?
        .ok_or(PageError::NotFound)?;
    render(&CompassionEntryPage {
        layout: Layout::for_user("Self-compassion", &auth, "plan"),
        saved: query.saved.is_some(),
        support: entry.support_needed.then(|| SupportPanel::new(&state)),
        when: local_time(entry.created_at, &auth.user.time_zone),
        answers: answers(&entry),
        id: entry.id,
    })
}

async fn delete_compassion(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(fields) = form?;
    auth.check_form(&fields.text("csrf"))?;
    if !state.store.delete_compassion(&auth.user.id, &id).await? {
        return Err(PageError::NotFound);
    }
    Ok(Redirect::to("/plan/history?deleted=1").into_response())
}

// ---------------------------------------------------------------------------------------------
// Progress

/// Plot area of the line charts, in SVG user units.
const LEFT: f64 = 30.0;
const RIGHT: f64 = 300.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 134.0;

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

struct Dot {
    x: String,
    y: String,
    sx: String,
    sy: String,
}

struct Series {
    class: &'static str,
    segments: Vec<String>,
    dots: Vec<Dot>,
    square: bool,
}

struct AxisLabel {
    x: String,
    text: String,
}

struct LineChart {
    id: &'static str,
    title: String,
    labels: Vec<AxisLabel>,
    series: Vec<Series>,
    any: bool,
}

fn x_at(i: usize, n: usize) -> f64 {
    if n <= 1 {
        (LEFT + RIGHT) / 2.0
    } else {
        LEFT + (RIGHT - LEFT) * i as f64 / (n - 1) as f64
    }
}

/// A line through the values that exist; a missing value breaks the line (no zero is drawn).
fn series(class: &'static str, square: bool, values: &[Option<f64>]) -> Series {
    let n = values.len();
    let mut segments = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut dots = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let x = x_at(i, n);
                let y = BOTTOM - (BOTTOM - TOP) * v.clamp(0.0, 10.0) / 10.0;
                current.push(format!("{},{}", fmt(x), fmt(y)));
                dots.push(Dot {
                    x: fmt(x),
                    y: fmt(y),
                    sx: fmt(x - 3.5),
                    sy: fmt(y - 3.5),
                });
            }
            None => {
                if current.len() > 1 {
                    segments.push(current.join(" "));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        segments.push(current.join(" "));
    }
    Series {
        class,
        segments,
        dots,
        square,
    }
}

fn line_chart(
    id: &'static str,
    title: String,
    labels: &[String],
    value_self: &[Option<f64>],
    secure: &[Option<f64>],
) -> LineChart {
    let n = labels.len();
    let every = n.div_ceil(6).max(1);
    LineChart {
        id,
        title,
        labels: labels
            .iter()
            .enumerate()
            .filter(|(i, _)| (n - 1 - i).is_multiple_of(every))
            .map(|(i, text)| AxisLabel {
                x: fmt(x_at(i, n)),
                text: text.clone(),
            })
            .collect(),
        any: value_self.iter().chain(secure).any(Option::is_some),
        series: vec![
            series("plan-line-self", false, value_self),
            series("plan-line-secure", true, secure),
        ],
    }
}

struct Bar {
    x: String,
    y: String,
    width: String,
    height: String,
    empty: bool,
    x2: String,
}

struct AreaChart {
    id: &'static str,
    label: &'static str,
    overall: String,
    bars: Vec<Bar>,
    any: bool,
    weeks: Vec<(String, String)>,
    months: Vec<(String, String)>,
}

struct WeekRow {
    label: String,
    checked_in: bool,
    value_self: String,
    secure: String,
}

struct MonthRow {
    label: String,
    checkins: u32,
    value_self: String,
    secure: String,
}

/// "75%: 1 done, 1 partly, 0 not this week", or why there is no figure.
fn follow_text(score: &FollowScore, checked_in: bool) -> String {
    match score.percent() {
        Some(p) => {
            let parts: Vec<String> = [
                (score.done, "done"),
                (score.partly, "partly"),
                (score.not_this_week, "not this week"),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
            format!("{p}%: {}", parts.join(", "))
        }
        None if checked_in => "nothing marked".to_owned(),
        None => "no check-in".to_owned(),
    }
}

#[derive(Template)]
#[template(path = "plan_progress.html")]
struct ProgressPage {
    layout: Layout,
    note: &'static str,
    weeks_count: usize,
    weeks_checked_in: usize,
    week_start_label: &'static str,
    weekly: LineChart,
    monthly: LineChart,
    area_charts: Vec<AreaChart>,
    week_rows: Vec<WeekRow>,
    month_rows: Vec<MonthRow>,
    first_week: String,
    last_week: String,
}

async fn progress_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
) -> Result<Html<String>, PageError> {
    let (start, p) = super::progress(&state, &auth, super::DEFAULT_WEEKS, super::DEFAULT_MONTHS)
        .await
        .map_err(PageError::from)?;
    let week_labels: Vec<String> = p
        .weeks
        .iter()
        .map(|w| w.week.start().strftime("%-d %b").to_string())
        .collect();
    let weekly = line_chart(
        "weekly",
        format!(
            "Both ratings week by week, {} to {}. The table below gives the same figures.",
            p.weeks.first().map(|w| w.week.label()).unwrap_or_default(),
            p.weeks.last().map(|w| w.week.label()).unwrap_or_default()
        ),
        &week_labels,
        &p.weeks
            .iter()
            .map(|w| w.value_self.map(|r| f64::from(r.get())))
            .collect::<Vec<_>>(),
        &p.weeks
            .iter()
            .map(|w| w.secure.map(|r| f64::from(r.get())))
            .collect::<Vec<_>>(),
    );
    let month_labels: Vec<String> = p
        .months
        .iter()
        .map(|m| m.month.first_day().strftime("%b").to_string())
        .collect();
    let tenths = |a: &steady_core::plan::Average| a.tenths().map(|t| f64::from(t) / 10.0);
    let monthly = line_chart(
        "monthly",
        format!(
            "Monthly averages of both ratings, {} to {}. The table below gives the same figures.",
            p.months
                .first()
                .map(|m| m.month.label())
                .unwrap_or_default(),
            p.months.last().map(|m| m.month.label()).unwrap_or_default()
        ),
        &month_labels,
        &p.months
            .iter()
            .map(|m| tenths(&m.value_self))
            .collect::<Vec<_>>(),
        &p.months
            .iter()
            .map(|m| tenths(&m.secure))
            .collect::<Vec<_>>(),
    );
    let n = p.weeks.len().max(1);
    let slot = (RIGHT - LEFT) / n as f64;
    let area_charts = Area::ALL
        .iter()
        .map(|area| {
            let bars = p
                .weeks
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let pct = w.area(*area).percent();
                    // A week marked 0% still gets a sliver, so it differs from an empty week.
                    let height = (f64::from(pct.unwrap_or(0)) * 0.5).max(1.5);
                    let x = LEFT + slot * i as f64 + slot * 0.2;
                    Bar {
                        x: fmt(x),
                        y: fmt(60.0 - height),
                        width: fmt(slot * 0.6),
                        height: fmt(height.max(0.0)),
                        empty: pct.is_none(),
                        x2: fmt(x + slot * 0.6),
                    }
                })
                .collect();
            let total = p.area(*area);
            AreaChart {
                id: area.id(),
                label: area.label(),
                overall: match total.percent() {
                    Some(pct) => format!(
                        "{pct}% followed through over {} weeks ({} marked)",
                        p.weeks.len(),
                        total.total()
                    ),
                    None => format!("Nothing marked in the last {} weeks.", p.weeks.len()),
                },
                any: total.total() > 0,
                bars,
                weeks: p
                    .weeks
                    .iter()
                    .rev()
                    .map(|w| (w.week.label(), follow_text(w.area(*area), w.checked_in)))
                    .collect(),
                months: p
                    .months
                    .iter()
                    .rev()
                    .filter(|m| m.checkins > 0)
                    .map(|m| (m.month.label(), follow_text(m.area(*area), true)))
                    .collect(),
            }
        })
        .collect();
    let rating_text =
        |r: Option<Rating>| r.map(|r| r.get().to_string()).unwrap_or_else(|| "–".into());
    let week_rows = p
        .weeks
        .iter()
        .rev()
        .map(|w| WeekRow {
            label: w.week.label(),
            checked_in: w.checked_in,
            value_self: rating_text(w.value_self),
            secure: rating_text(w.secure),
        })
        .collect();
    let month_rows = p
        .months
        .iter()
        .rev()
        .map(|m| MonthRow {
            label: m.month.label(),
            checkins: m.checkins,
            value_self: m.value_self.text().unwrap_or_else(|| "–".into()),
            secure: m.secure.text().unwrap_or_else(|| "–".into()),
        })
        .collect();
    render(&ProgressPage {
        layout: Layout::for_user("Progress", &auth, "plan"),
        note: super::MONTHS_NOTE,
        weeks_count: p.weeks.len(),
        weeks_checked_in: p.weeks_checked_in(),
        week_start_label: start.label(),
        first_week: week_labels.first().cloned().unwrap_or_default(),
        last_week: week_labels.last().cloned().unwrap_or_default(),
        weekly,
        monthly,
        area_charts,
        week_rows,
        month_rows,
    })
}

// ---------------------------------------------------------------------------------------------
// History

struct HistoryItem {
    area: &'static str,
    text: String,
    status: &'static str,
    note: String,
}

struct HistoryCheckin {
    week_start: String,
    label: String,
    value_self: String,
    secure: String,
    helped: String,
    items: Vec<HistoryItem>,
}

struct HistoryEntry {
    id: String,
    when: String,
    first_line: String,
}

#[derive(Template)]
#[template(path = "plan_history.html")]
struct HistoryPage {
    layout: Layout,
    deleted: bool,
    checkins: Vec<HistoryCheckin>,
    entries: Vec<HistoryEntry>,
}

#[derive(Deserialize, Default)]
struct HistoryQuery {
    #[serde(default)]
    deleted: Option<String>,
}

async fn history_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Query(query): Query<HistoryQuery>,
) -> Result<Html<String>, PageError> {
    let all = super::intentions(&state, &auth)
        .await
        .map_err(PageError::from)?;
    let checkins = super::checkins(&state, &auth, None, None)
        .await
        .map_err(PageError::from)?
        .into_iter()
        .map(|c| HistoryCheckin {
            week_start: c.week_start().to_string(),
            label: c.week.label.clone(),
            value_self: c
                .content
                .value_self
                .map(|r| format!("{} of 10", r.get()))
                .unwrap_or_else(|| "not rated".into()),
            secure: c
                .content
                .secure
                .map(|r| format!("{} of 10", r.get()))
                .unwrap_or_else(|| "not rated".into()),
            helped: c.content.helped.clone(),
            items: c
                .content
                .items
                .iter()
                .map(|item| {
                    let intention = all.iter().find(|i| i.id == item.intention_id);
                    HistoryItem {
                        area: item
                            .area
                            .or(intention.map(|i| i.area))
                            .map(Area::label)
                            .unwrap_or(""),
                        text: intention
                            .map(|i| i.text.clone())
                            .unwrap_or_else(|| "An intention no longer in your plan".into()),
                        status: item.status.label(),
                        note: item.note.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    let entries = super::compassion_entries(&state, &auth)
        .await
        .map_err(PageError::from)?
        .into_iter()
        .map(|e| {
            let first = e
                .content
                .answers()
                .iter()
                .map(|(_, a)| a.trim())
                .find(|a| !a.is_empty())
                .unwrap_or("")
                .to_owned();
            let first_line: String = first.chars().take(120).collect();
            HistoryEntry {
                id: e.id,
                when: local_time(e.created_at, &auth.user.time_zone),
                first_line: if first.chars().count() > 120 {
                    format!("{first_line}…")
                } else {
                    first_line
                },
            }
        })
        .collect();
    render(&HistoryPage {
        layout: Layout::for_user("Plan history", &auth, "plan"),
        deleted: query.deleted.is_some(),
        checkins,
        entries,
    })
}

// ---------------------------------------------------------------------------------------------
// The home page card

/// The "this week" card on the home page.
pub(crate) struct PlanHome {
    pub(crate) has_plan: bool,
    pub(crate) week_label: String,
    pub(crate) active: usize,
    pub(crate) checked_in: bool,
}

/// Fills the home page's plan card.
pub(crate) async fn home_card(state: &AppState, auth: &Auth) -> Result<PlanHome, PageError> {
    let start = super::week_start(state, auth)
        .await
        .map_err(PageError::from)?;
    let week = super::this_week(state, auth, start);
    let all = super::intentions(state, auth)
        .await
        .map_err(PageError::from)?;
    let active = all
        .iter()
        .filter(|i| i.status == IntentionStatus::Active)
        .count();
    Ok(PlanHome {
        has_plan: !all.is_empty(),
        week_label: week.label(),
        active,
        checked_in: state
            .store
            .checkin(&auth.user.id, &week.start().to_string())
            .await?
            .is_some(),
    })
}
