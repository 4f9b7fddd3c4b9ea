//! The moment pages: quick capture, the seven-step guided flow, the list with filters and
//! search, the trash, and checking a prediction. Every form works without JavaScript.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use jiff::civil::{Date, DateTime};
use serde::Deserialize;
use serde_json::Value;
use steady_analysis::Trap;
use steady_core::moment::{
    ContextTag, Feeling, FeelingRating, Intensity, MomentContent, Outcome, Pause, PauseKind,
    Prediction, Root, Urge,
};
use steady_core::ValidationError;

use crate::auth::{Auth, SignedIn};
use crate::config::SupportLine;
use crate::error::{ApiError, PageError};
use crate::forms::Fields;
use crate::moments::{self, ListFilter, Moment, STEPS};
use crate::pages::{local_time, render, Layout};
use crate::state::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/moments", get(list_page))
        .route("/moments/quick", post(quick_capture))
        .route("/moments/new", get(new_moment))
        .route("/moments/trash", get(trash_page))
        .route("/moments/{id}", get(view))
        .route("/moments/{id}/step/{n}", get(step_page).post(save_step))
        .route("/moments/{id}/delete", post(delete))
        .route("/moments/{id}/restore", post(restore))
        .route("/moments/{id}/outcome", post(record_outcome))
}

// ---------------------------------------------------------------------------------------------
// Pieces shared by several pages

/// The support panel: operator's lines, or general advice.
pub(crate) struct SupportPanel {
    pub(crate) lines: Vec<SupportLine>,
}

impl SupportPanel {
    pub(crate) fn new(state: &AppState) -> Self {
        Self {
            lines: state.config.support.clone(),
        }
    }
}

/// A piece of text, marked or not.
pub(crate) struct Segment {
    pub(crate) text: String,
    pub(crate) mark: bool,
}

/// Splits `text` into plain and marked pieces from analysis spans (byte offsets).
pub(crate) fn segments(text: &str, spans: &[(usize, usize)]) -> Vec<Segment> {
    let mut spans: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|(s, e)| {
            s < e && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e)
        })
        .collect();
    spans.sort();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in spans {
        let start = start.max(at);
        if start >= end {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: text[at..start].to_owned(),
                mark: false,
            });
        }
        out.push(Segment {
            text: text[start..end].to_owned(),
            mark: true,
        });
        at = end;
    }
    if at < text.len() {
        out.push(Segment {
            text: text[at..].to_owned(),
            mark: false,
        });
    }
    out
}

pub(crate) fn spans_of(finding: &Value) -> Vec<(usize, usize)> {
    finding
        .get("spans")
        .and_then(Value::as_array)
        .map(|spans| {
            spans
                .iter()
                .filter_map(|s| {
                    Some((
                        s.get("start")?.as_u64()? as usize,
                        s.get("end")?.as_u64()? as usize,
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The name people see for a thinking trap.
pub(crate) fn trap_label(trap: Trap) -> &'static str {
    match trap {
        Trap::AllOrNothing => "All-or-nothing thinking",
        Trap::Overgeneralization => "Overgeneralising",
        Trap::MentalFilter => "Mental filter",
        Trap::DiscountingPositive => "Discounting the positive",
        Trap::MindReading => "Mind reading",
        Trap::FortuneTelling => "Fortune telling",
        Trap::Catastrophizing => "Catastrophising",
        Trap::EmotionalReasoning => "Emotional reasoning",
        Trap::ShouldStatements => "Should statements",
        Trap::Labeling => "Labelling",
        Trap::Personalization => "Personalising",
        Trap::Blaming => "Blaming",
        Trap::Comparing => "Comparing",
    }
}

fn trap_label_of(id: &str) -> String {
    id.parse::<Trap>()
        .map(trap_label)
        .unwrap_or("Thinking trap")
        .to_owned()
}

/// The trap labels as JSON for the live analysis script (read from a data attribute).
fn trap_labels_json() -> String {
    let map: serde_json::Map<String, Value> = Trap::ALL
        .iter()
        .map(|t| {
            (
                t.as_str().to_owned(),
                Value::String(trap_label(*t).to_owned()),
            )
        })
        .collect();
    Value::Object(map).to_string()
}

struct Choice {
    id: String,
    label: String,
    checked: bool,
}

/// A suggested trap, as the person sees it in step 5.
struct TrapView {
    id: String,
    label: String,
    explanation: String,
    question: String,
    quote: Vec<Segment>,
    status: &'static str,
}

// ---------------------------------------------------------------------------------------------
// Quick capture

#[derive(Deserialize)]
struct QuickForm {
    csrf: String,
    #[serde(default)]
    situation: String,
    #[serde(default)]
    intensity: String,
    #[serde(default)]
    intensity_set: Vec<String>,
}

async fn quick_capture(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(fields) = form?;
    let form = QuickForm {
        csrf: fields.text("csrf"),
        situation: fields.text("situation"),
        intensity: fields.text("intensity"),
        intensity_set: fields
            .all("intensity_set")
            .into_iter()
            .map(str::to_owned)
            .collect(),
    };
    auth.check_form(&form.csrf)?;
    if form.situation.trim().is_empty() {
        return Ok(Redirect::to("/?capture=empty").into_response());
    }
    let intensity = if form.intensity_set.iter().any(|v| v == "1") {
        let value: i64 = form.intensity.trim().parse().unwrap_or(-1);
        Some(Intensity::parse(value).map_err(|e| PageError::BadRequest(e.message))?)
    } else {
        None
    };
    let content = MomentContent {
        situation: form.situation,
        intensity,
        ..Default::default()
    };
    if let Err(e) = moments::validate(&content) {
        return Err(PageError::BadRequest(e.message));
    }
    let id = steady_store::new_id();
    moments::save(&state, &auth, &id, state.now(), 0, content, true)
        .await
        .map_err(PageError::from)?;
    Ok(Redirect::to(&format!("/moments/{id}?saved=1")).into_response())
}

// ---------------------------------------------------------------------------------------------
// Viewing a moment

#[derive(Template)]
#[template(path = "moment.html")]
struct MomentPage {
    layout: Layout,
    m: MomentSummary,
    /// The partner's recent bids, shown beside a fresh moment (never beside a safety concern).
    evidence: Option<Vec<crate::bids::EvidenceItem>>,
    saved: bool,
    checking: bool,
    support: Option<SupportPanel>,
    steps: Vec<StepLink>,
}

struct StepLink {
    n: u8,
    title: &'static str,
    done: bool,
    current: bool,
}

fn step_title(n: u8) -> &'static str {
    match n {
        1 => "What happened",
        2 => "Feelings",
        3 => "Pause",
        4 => "Reflect",
        5 => "The thought",
        6 => "Balanced thought",
        _ => "Prediction",
    }
}

fn step_links(done_through: u8, current: u8) -> Vec<StepLink> {
    (1..=STEPS)
        .map(|n| StepLink {
            n,
            title: step_title(n),
            done: n <= done_through,
            current: n == current,
        })
        .collect()
}

/// A moment as its page shows it.
struct MomentSummary {
    id: String,
    when: String,
    deleted: bool,
    situation: String,
    intensity: Option<u8>,
    tags: Vec<String>,
    feelings: Vec<String>,
    urges: Vec<String>,
    pause: Option<String>,
    root: Option<String>,
    evidence_for: String,
    evidence_against: String,
    friend_advice: String,
    own_reaction: String,
    thought: String,
    belief: Option<u8>,
    traps: Vec<String>,
    alternatives: Vec<String>,
    balanced_thought: String,
    belief_after: Option<u8>,
    prediction: Option<String>,
    prediction_due: String,
    outcome: Option<String>,
    next_step: u8,
}

fn summary(m: &Moment, auth: &Auth) -> MomentSummary {
    let c = &m.content;
    let zone = &auth.user.time_zone;
    MomentSummary {
        id: m.id.clone(),
        when: local_time(m.occurred_at, zone),
        deleted: m.deleted_at.is_some(),
        situation: c.situation.clone(),
        intensity: c.intensity.map(Intensity::get),
        tags: c
            .tags
            .iter()
            .map(|t| t.label().to_owned())
            .chain(c.custom_tags.iter().cloned())
            .collect(),
        feelings: c
            .feelings
            .iter()
            .map(|f| match f.after {
                Some(after) => format!("{} {} → {}", f.name(), f.intensity.get(), after.get()),
                None => format!("{} {}", f.name(), f.intensity.get()),
            })
            .collect(),
        urges: c
            .urges
            .iter()
            .map(|u| u.label().to_owned())
            .chain(c.custom_urges.iter().cloned())
            .collect(),
        pause: c
            .pause
            .as_ref()
            .map(|p| format!("{} for {} min", p.kind.label(), p.seconds.div_ceil(60))),
        root: c.root.map(|r| r.label().to_owned()),
        evidence_for: c.evidence_for.clone(),
        evidence_against: c.evidence_against.clone(),
        friend_advice: c.friend_advice.clone(),
        own_reaction: c.own_reaction.clone(),
        thought: c.thought.clone(),
        belief: c.belief.map(Intensity::get),
        traps: c.traps().map(trap_label_of).collect(),
        alternatives: c.alternatives.clone(),
        balanced_thought: c.balanced_thought.clone(),
        belief_after: c.belief_after.map(Intensity::get),
        prediction: c.prediction.as_ref().map(|p| p.fear.clone()),
        prediction_due: c
            .prediction
            .as_ref()
            .map(|p| p.check_on.strftime("%-d %b %Y").to_string())
            .unwrap_or_default(),
        outcome: c.prediction.as_ref().and_then(|p| p.outcome).map(|o| {
            let actual = &c
                .prediction
                .as_ref()
                .map(|p| p.actual.clone())
                .unwrap_or_default();
            if actual.is_empty() {
                o.label().to_owned()
            } else {
                format!("{}: {actual}", o.label())
            }
        }),
        next_step: (m.step + 1).min(STEPS),
    }
}

#[derive(Deserialize, Default)]
struct ViewQuery {
    #[serde(default)]
    saved: Option<String>,
}

async fn view(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    Query(query): Query<ViewQuery>,
) -> Result<Html<String>, PageError> {
    let moment = moments::load(&state, &auth, &id)
        .await
        .map_err(PageError::from)?
        .ok_or(PageError::NotFound)?;
    let checking = moment.deleted_at.is_none()
        && moments::checking_pattern(&state, &auth, &moment)
            .await
            .map_err(PageError::from)?;
    let evidence = if moment.deleted_at.is_none() && !moment.support_needed {
        Some(crate::bids::evidence(&state, &auth).await?)
    } else {
        None
    };
    render(&MomentPage {
        layout: Layout::for_user("Moment", &auth, "moments"),
        evidence,
        saved: query.saved.is_some(),
        checking,
        support: moment.support_needed.then(|| SupportPanel::new(&state)),
        steps: step_links(moment.step, 0),
        m: summary(&moment, &auth),
    })
}

// ---------------------------------------------------------------------------------------------
// The guided flow

#[derive(Template)]
#[template(path = "moment_step.html")]
struct StepPage {
    layout: Layout,
    moment_id: String,
    step: u8,
    steps: Vec<StepLink>,
    pinned: String,
    error: Option<String>,
    support: Option<SupportPanel>,
    /// The support panel the live analysis shows at once if the thought being typed needs it.
    live_support: SupportPanel,
    evidence: Option<Vec<crate::bids::EvidenceItem>>,
    // 1
    situation: String,
    occurred_local: String,
    tags: Vec<Choice>,
    custom_tags: String,
    // 2
    feelings: Vec<FeelingRow>,
    custom_feeling: String,
    custom_feeling_intensity: u8,
    urges: Vec<Choice>,
    custom_urges: String,
    // 3
    paused: bool,
    // 4
    roots: Vec<Choice>,
    evidence_for: String,
    evidence_against: String,
    friend_advice: String,
    own_reaction: String,
    // 5
    thought: String,
    belief: u8,
    findings: Vec<TrapView>,
    manual_traps: Vec<Choice>,
    alternatives: Vec<Choice>,
    trap_labels: String,
    csrf: String,
    // 6
    balanced_thought: String,
    belief_after: u8,
    feelings_after: Vec<FeelingAfter>,
    // 7
    fear: String,
    check_on: String,
    min_check_on: String,
}

struct FeelingRow {
    id: String,
    label: String,
    checked: bool,
    intensity: u8,
}

struct FeelingAfter {
    index: usize,
    name: String,
    before: u8,
    after: u8,
}

fn build_step_page(
    state: &AppState,
    auth: &Auth,
    moment: Option<&Moment>,
    step: u8,
    draft: Option<&MomentContent>,
) -> StepPage {
    let empty = MomentContent::default();
    let stored = moment.map(|m| &m.content).unwrap_or(&empty);
    let c = draft.unwrap_or(stored);
    let zone = auth.user.time_zone.zone();
    let occurred = moment.map(|m| m.occurred_at).unwrap_or_else(|| state.now());
    let today = moments::today(state, auth);
    let analysis = match draft {
        Some(d) => moments::analyse_content(d)
            .0
            .map(|a| steady_analysis::cli::to_json(&a)),
        None => moment.and_then(|m| m.analysis.clone()),
    };
    let support_needed = match draft {
        Some(d) => moments::analyse_content(d).1,
        None => moment.is_some_and(|m| m.support_needed),
    };
    let findings = if c.thought.trim().is_empty() {
        Vec::new()
    } else {
        analysis
            .as_ref()
            .and_then(|a| a.get("traps"))
            .and_then(Value::as_array)
            .map(|traps| {
                traps
                    .iter()
                    .filter_map(|t| {
                        let id = t.get("id")?.as_str()?.to_owned();
                        let status = if c.traps_confirmed.contains(&id) {
                            "confirmed"
                        } else if c.traps_dismissed.contains(&id) {
                            "dismissed"
                        } else {
                            ""
                        };
                        Some(TrapView {
                            label: trap_label_of(&id),
                            explanation: t.get("explanation")?.as_str()?.to_owned(),
                            question: t.get("question")?.as_str()?.to_owned(),
                            quote: segments(&c.thought, &spans_of(t)),
                            status,
                            id,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let suggested: Vec<String> = findings.iter().map(|f| f.id.clone()).collect();
    let mut alternatives: Vec<Choice> = analysis
        .as_ref()
        .and_then(|a| a.get("event"))
        .and_then(|e| e.get("alternatives"))
        .and_then(Value::as_array)
        .map(|alts| {
            alts.iter()
                .filter_map(Value::as_str)
                .map(|a| Choice {
                    id: a.to_owned(),
                    label: a.to_owned(),
                    checked: c.alternatives.iter().any(|k| k == a),
                })
                .collect()
        })
        .unwrap_or_default();
    for kept in &c.alternatives {
        if !alternatives.iter().any(|a| &a.id == kept) {
            alternatives.push(Choice {
                id: kept.clone(),
                label: kept.clone(),
                checked: true,
            });
        }
    }
    StepPage {
        layout: Layout::for_user(step_title(step), auth, "moments"),
        moment_id: moment.map(|m| m.id.clone()).unwrap_or_else(|| "new".into()),
        step,
        steps: step_links(moment.map(|m| m.step).unwrap_or(0), step),
        pinned: c.pinned().to_owned(),
        error: None,
        support: support_needed.then(|| SupportPanel::new(state)),
        live_support: SupportPanel::new(state),
        evidence: None,
        situation: c.situation.clone(),
        occurred_local: occurred
            .to_zoned(zone.clone())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string(),
        tags: ContextTag::ALL
            .iter()
            .map(|t| Choice {
                id: t.id().into(),
                label: t.label().into(),
                checked: c.tags.contains(t),
            })
            .collect(),
        custom_tags: c.custom_tags.join(", "),
        feelings: Feeling::ALL
            .iter()
            .map(|f| {
                let rating = c.feelings.iter().find(|r| r.feeling == Some(*f));
                FeelingRow {
                    id: f.id().into(),
                    label: f.label().into(),
                    checked: rating.is_some(),
                    intensity: rating.map(|r| r.intensity.get()).unwrap_or(50),
                }
            })
            .collect(),
        custom_feeling: c
            .feelings
            .iter()
            .find_map(|r| r.custom.clone())
            .unwrap_or_default(),
        custom_feeling_intensity: c
            .feelings
            .iter()
            .find(|r| r.custom.is_some())
            .map(|r| r.intensity.get())
            .unwrap_or(50),
        urges: Urge::ALL
            .iter()
            .map(|u| Choice {
                id: u.id().into(),
                label: u.label().into(),
                checked: c.urges.contains(u),
            })
            .collect(),
        custom_urges: c.custom_urges.join(", "),
        paused: c.pause.is_some(),
        roots: Root::ALL
            .iter()
            .map(|r| Choice {
                id: r.id().into(),
                label: r.label().into(),
                checked: c.root == Some(*r),
            })
            .collect(),
        evidence_for: c.evidence_for.clone(),
        evidence_against: c.evidence_against.clone(),
        friend_advice: c.friend_advice.clone(),
        own_reaction: c.own_reaction.clone(),
        thought: c.thought.clone(),
        belief: c.belief.map(Intensity::get).unwrap_or(50),
        manual_traps: Trap::ALL
            .iter()
            .filter(|t| !suggested.iter().any(|s| s == t.as_str()))
            .map(|t| Choice {
                id: t.as_str().into(),
                label: trap_label(*t).into(),
                checked: c.traps_added.iter().any(|a| a == t.as_str()),
            })
            .collect(),
        findings,
        alternatives,
        trap_labels: trap_labels_json(),
        csrf: auth.csrf().to_owned(),
        balanced_thought: c.balanced_thought.clone(),
        belief_after: c
            .belief_after
            .or(c.belief)
            .map(Intensity::get)
            .unwrap_or(50),
        feelings_after: c
            .feelings
            .iter()
            .enumerate()
            .map(|(index, f)| FeelingAfter {
                index,
                name: f.name().to_owned(),
                before: f.intensity.get(),
                after: f.after.unwrap_or(f.intensity).get(),
            })
            .collect(),
        fear: c
            .prediction
            .as_ref()
            .map(|p| p.fear.clone())
            .unwrap_or_default(),
        check_on: c
            .prediction
            .as_ref()
            .map(|p| p.check_on)
            .or_else(|| today.tomorrow().ok())
            .map(|d| d.to_string())
            .unwrap_or_default(),
        min_check_on: today.to_string(),
    }
}

async fn new_moment(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
) -> Result<Html<String>, PageError> {
    let mut page = build_step_page(&state, &auth, None, 1, None);
    page.evidence = Some(crate::bids::evidence(&state, &auth).await?);
    render(&page)
}

async fn step_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((id, n)): Path<(String, u8)>,
) -> Result<Html<String>, PageError> {
    if !(1..=STEPS).contains(&n) {
        return Err(PageError::NotFound);
    }
    let moment = moments::load(&state, &auth, &id)
        .await
        .map_err(PageError::from)?
        .ok_or(PageError::NotFound)?;
    if moment.deleted_at.is_some() {
        return Err(PageError::NotFound);
    }
    let mut page = build_step_page(&state, &auth, Some(&moment), n, None);
    if n == 1 && !moment.support_needed {
        page.evidence = Some(crate::bids::evidence(&state, &auth).await?);
    }
    render(&page)
}

/// Applies one step's form to the content.
fn apply_step(
    state: &AppState,
    auth: &Auth,
    n: u8,
    fields: &Fields,
    c: &mut MomentContent,
    occurred: &mut jiff::Timestamp,
) -> Result<(), ValidationError> {
    match n {
        1 => {
            c.situation = fields.text("situation");
            if let Some(raw) = fields
                .get("occurred_at")
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let local: DateTime = raw.parse().map_err(|_| {
                    ValidationError::new(
                        "occurred_at",
                        "Give the date and time like 2026-11-23T21:30.",
                    )
                })?;
                *occurred = local
                    .to_zoned(auth.user.time_zone.zone())
                    .map_err(|_| {
                        ValidationError::new(
                            "occurred_at",
                            "That time does not exist in your time zone.",
                        )
                    })?
                    .timestamp();
            }
            c.tags = fields
                .all("tags")
                .into_iter()
                .map(|t| {
                    ContextTag::parse(t).ok_or_else(|| {
                        ValidationError::new(
                            "tags",
                            format!("\u{201c}{t}\u{201d} is not a context Steady knows."),
                        )
                    })
                })
                .collect::<Result<_, _>>()?;
            c.custom_tags = fields.labels("custom_tags");
        }
        2 => {
            let mut feelings = Vec::new();
            for id in fields.all("feelings") {
                let feeling = Feeling::parse(id).ok_or_else(|| {
                    ValidationError::new(
                        "feelings",
                        format!("\u{201c}{id}\u{201d} is not a feeling Steady knows."),
                    )
                })?;
                let intensity = fields
                    .intensity(&format!("intensity_{id}"))?
                    .unwrap_or(Intensity::parse(50)?);
                let after = c
                    .feelings
                    .iter()
                    .find(|r| r.feeling == Some(feeling))
                    .and_then(|r| r.after);
                feelings.push(FeelingRating {
                    feeling: Some(feeling),
                    custom: None,
                    intensity,
                    after,
                });
            }
            let custom = fields.text("custom_feeling");
            if !custom.trim().is_empty() {
                let intensity = fields
                    .intensity("custom_feeling_intensity")?
                    .unwrap_or(Intensity::parse(50)?);
                feelings.push(FeelingRating {
                    feeling: None,
                    custom: Some(custom.trim().to_owned()),
                    intensity,
                    after: None,
                });
            }
            c.feelings = feelings;
            c.urges = fields
                .all("urges")
                .into_iter()
                .map(|u| {
                    Urge::parse(u).ok_or_else(|| {
                        ValidationError::new(
                            "urges",
                            format!("\u{201c}{u}\u{201d} is not an urge Steady knows."),
                        )
                    })
                })
                .collect::<Result<_, _>>()?;
            c.custom_urges = fields.labels("custom_urges");
        }
        3 => {
            // The timers fill in the kind and the seconds; without JavaScript the person says
            // which pause they took and its usual length is recorded.
            let timed = fields.get("pause_kind").and_then(PauseKind::parse);
            let said = fields.get("pause_record").and_then(PauseKind::parse);
            let kind = timed.or(said);
            let timed_seconds: u32 = fields
                .get("pause_seconds")
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(0);
            let seconds = match (timed_seconds, kind) {
                (0, Some(PauseKind::Breathing)) => 60,
                (0, Some(PauseKind::Walk)) => 20 * 60,
                (s, _) => s,
            };
            c.pause = match kind {
                Some(kind) if seconds > 0 => Some(Pause { kind, seconds }),
                _ => c.pause.clone(),
            };
        }
        4 => {
            c.root = match fields.get("root").filter(|r| !r.is_empty()) {
                Some(r) => Some(Root::parse(r).ok_or_else(|| {
                    ValidationError::new("root", "Choose one of the listed roots.")
                })?),
                None => None,
            };
            c.evidence_for = fields.text("evidence_for");
            c.evidence_against = fields.text("evidence_against");
            c.friend_advice = fields.text("friend_advice");
            c.own_reaction = fields.text("own_reaction");
        }
        5 => {
            c.thought = fields.text("thought");
            c.belief = fields.intensity("belief")?;
            let mut confirmed = Vec::new();
            let mut dismissed = Vec::new();
            for trap in Trap::ALL {
                match fields.get(&format!("trap_{}", trap.as_str())) {
                    Some("confirm") => confirmed.push(trap.as_str().to_owned()),
                    Some("dismiss") => dismissed.push(trap.as_str().to_owned()),
                    _ => {}
                }
            }
            c.traps_confirmed = confirmed;
            c.traps_dismissed = dismissed;
            c.traps_added = fields
                .all("traps_added")
                .into_iter()
                .filter(|t| !c.traps_confirmed.iter().any(|x| x == t))
                .map(str::to_owned)
                .collect();
            c.alternatives = fields
                .all("alternatives")
                .into_iter()
                .map(str::to_owned)
                .collect();
            let own = fields.text("own_alternative");
            if !own.trim().is_empty() {
                c.alternatives.push(own.trim().to_owned());
            }
        }
        6 => {
            c.balanced_thought = fields.text("balanced_thought");
            c.belief_after = fields.intensity("belief_after")?;
            for (index, rating) in c.feelings.iter_mut().enumerate() {
                if let Some(after) = fields.intensity(&format!("after_{index}"))? {
                    rating.after = Some(after);
                }
            }
        }
        _ => {
            let fear = fields.text("fear");
            if fear.trim().is_empty() {
                c.prediction = None;
            } else {
                let day: Date = fields
                    .get("check_on")
                    .unwrap_or("")
                    .trim()
                    .parse()
                    .map_err(|_| {
                        ValidationError::new(
                            "check_on",
                            "Choose the day to check, like 2026-11-30.",
                        )
                    })?;
                if day < moments::today(state, auth) {
                    return Err(ValidationError::new(
                        "check_on",
                        "Choose today or a day to come.",
                    ));
                }
                let keep = c.prediction.as_ref().filter(|p| p.fear == fear);
                c.prediction = Some(Prediction {
                    fear,
                    check_on: day,
                    outcome: keep.and_then(|p| p.outcome),
                    actual: keep.map(|p| p.actual.clone()).unwrap_or_default(),
                });
            }
        }
    }
    moments::validate(c)
}

async fn save_step(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path((id, n)): Path<(String, u8)>,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(fields) = form?;
    auth.check_form(fields.get("csrf").unwrap_or(""))?;
    if !(1..=STEPS).contains(&n) {
        return Err(PageError::NotFound);
    }
    let existing = if id == "new" {
        None
    } else {
        let m = moments::load(&state, &auth, &id)
            .await
            .map_err(PageError::from)?
            .ok_or(PageError::NotFound)?;
        if m.deleted_at.is_some() {
            return Err(PageError::NotFound);
        }
        Some(m)
    };
    let action = fields.get("action").unwrap_or("next");
    let next = if n < STEPS {
        format!("step/{}", n + 1)
    } else {
        String::new()
    };
    if action == "skip" {
        let Some(m) = &existing else {
            return Ok(Redirect::to("/moments/new").into_response());
        };
        let target = if n < STEPS {
            format!("/moments/{}/{next}", m.id)
        } else {
            format!("/moments/{}", m.id)
        };
        return Ok(Redirect::to(&target).into_response());
    }
    let mut content = existing
        .as_ref()
        .map(|m| m.content.clone())
        .unwrap_or_default();
    let mut occurred = existing
        .as_ref()
        .map(|m| m.occurred_at)
        .unwrap_or_else(|| state.now());
    if let Err(e) = apply_step(&state, &auth, n, &fields, &mut content, &mut occurred) {
        let mut page = build_step_page(&state, &auth, existing.as_ref(), n, Some(&content));
        page.error = Some(e.message);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    if existing.is_none() && content.is_empty() {
        let mut page = build_step_page(&state, &auth, None, n, Some(&content));
        page.error = Some("Write at least one line about what is happening.".into());
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let id = existing
        .as_ref()
        .map(|m| m.id.clone())
        .unwrap_or_else(steady_store::new_id);
    let step = existing.as_ref().map(|m| m.step).unwrap_or(0).max(n);
    let saved = moments::save(
        &state,
        &auth,
        &id,
        occurred,
        step,
        content,
        existing.is_none(),
    )
    .await
    .map_err(PageError::from)?;
    let target = match action {
        "check" => format!("/moments/{id}/step/{n}#analysis"),
        "later" => format!("/moments/{id}?saved=1"),
        _ if n < STEPS && !(saved.support_needed && n >= 4) => format!("/moments/{id}/{next}"),
        _ => format!("/moments/{id}?saved=1"),
    };
    Ok(Redirect::to(&target).into_response())
}

// ---------------------------------------------------------------------------------------------
// Deleting, the trash, and predictions

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn delete(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    if !state
        .store
        .trash_moment(&auth.user.id, &id, state.now())
        .await?
    {
        return Err(PageError::NotFound);
    }
    Ok(Redirect::to("/moments?trashed=1").into_response())
}

async fn restore(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    moments::purge(&state).await.map_err(PageError::from)?;
    if !state.store.restore_moment(&auth.user.id, &id).await? {
        return Err(PageError::NotFound);
    }
    Ok(Redirect::to(&format!("/moments/{id}")).into_response())
}

async fn record_outcome(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<Fields>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(fields) = form?;
    auth.check_form(fields.get("csrf").unwrap_or(""))?;
    let moment = moments::load(&state, &auth, &id)
        .await
        .map_err(PageError::from)?
        .ok_or(PageError::NotFound)?;
    let outcome = fields
        .get("outcome")
        .and_then(Outcome::parse)
        .ok_or_else(|| {
            PageError::BadRequest("Choose whether it happened: yes, partly or no.".into())
        })?;
    let mut content = moment.content.clone();
    let Some(prediction) = content.prediction.as_mut() else {
        return Err(PageError::NotFound);
    };
    prediction.outcome = Some(outcome);
    prediction.actual = fields.text("actual");
    moments::validate(&content).map_err(|e| PageError::BadRequest(e.message))?;
    moments::save(
        &state,
        &auth,
        &id,
        moment.occurred_at,
        moment.step,
        content,
        false,
    )
    .await
    .map_err(PageError::from)?;
    Ok(Redirect::to("/?checked=1").into_response())
}

// ---------------------------------------------------------------------------------------------
// The list and the trash

#[derive(Template)]
#[template(path = "moments.html")]
struct ListPage {
    layout: Layout,
    trash: bool,
    notice: Option<String>,
    error: Option<String>,
    rows: Vec<MomentRow>,
    q: String,
    from: String,
    to: String,
    open_predictions: bool,
    tag_choices: Vec<Choice>,
    trap_choices: Vec<Choice>,
    filtered: bool,
}

struct MomentRow {
    id: String,
    when: String,
    pinned: String,
    tags: Vec<String>,
    traps: Vec<String>,
    open_prediction: bool,
    deleted_on: String,
}

fn rows(moments: &[Moment], auth: &Auth) -> Vec<MomentRow> {
    let zone = &auth.user.time_zone;
    moments
        .iter()
        .map(|m| MomentRow {
            id: m.id.clone(),
            when: local_time(m.occurred_at, zone),
            pinned: {
                let p = m.content.pinned();
                if p.chars().count() > 140 {
                    format!("{}…", p.chars().take(140).collect::<String>())
                } else {
                    p.to_owned()
                }
            },
            tags: m
                .content
                .tags
                .iter()
                .map(|t| t.label().to_owned())
                .chain(m.content.custom_tags.iter().cloned())
                .collect(),
            traps: m.content.traps().map(trap_label_of).collect(),
            open_prediction: m
                .content
                .prediction
                .as_ref()
                .is_some_and(|p| p.outcome.is_none()),
            deleted_on: m
                .deleted_at
                .map(|d| local_time(d, zone))
                .unwrap_or_default(),
        })
        .collect()
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    tag: String,
    #[serde(default)]
    trap: String,
    #[serde(default)]
    open: Option<String>,
    #[serde(default)]
    trashed: Option<String>,
}

async fn list_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    let filter = ListFilter {
        from: Some(query.from.clone()),
        to: Some(query.to.clone()),
        tag: Some(query.tag.clone()),
        trap: Some(query.trap.clone()),
        open_predictions: Some(query.open.is_some()),
        q: Some(query.q.clone()),
        deleted: Some(false),
        limit: Some(200),
    };
    let (found, error) = match moments::list(&state, &auth, &filter).await {
        Ok(found) => (found, None),
        Err(ApiError::Validation(e)) => (Vec::new(), Some(e.message)),
        Err(e) => return Err(PageError::from(e)),
    };
    let page = ListPage {
        layout: Layout::for_user("Your moments", &auth, "moments"),
        trash: false,
        notice: query
            .trashed
            .map(|_| "Moved to the trash. You can restore it for 30 days.".to_owned()),
        rows: rows(&found, &auth),
        filtered: !query.q.is_empty()
            || !query.from.is_empty()
            || !query.to.is_empty()
            || !query.tag.is_empty()
            || !query.trap.is_empty()
            || query.open.is_some(),
        tag_choices: ContextTag::ALL
            .iter()
            .map(|t| Choice {
                id: t.id().into(),
                label: t.label().into(),
                checked: query.tag == t.id(),
            })
            .collect(),
        trap_choices: Trap::ALL
            .iter()
            .map(|t| Choice {
                id: t.as_str().into(),
                label: trap_label(*t).into(),
                checked: query.trap == t.as_str(),
            })
            .collect(),
        q: query.q,
        from: query.from,
        to: query.to,
        open_predictions: query.open.is_some(),
        error: error.clone(),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, render(&page)?).into_response())
}

async fn trash_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
) -> Result<Html<String>, PageError> {
    let filter = ListFilter {
        deleted: Some(true),
        limit: Some(500),
        ..Default::default()
    };
    let found = moments::list(&state, &auth, &filter)
        .await
        .map_err(PageError::from)?;
    render(&ListPage {
        layout: Layout::for_user("Trash", &auth, "moments"),
        trash: true,
        notice: None,
        error: None,
        rows: rows(&found, &auth),
        q: String::new(),
        from: String::new(),
        to: String::new(),
        open_predictions: false,
        tag_choices: Vec::new(),
        trap_choices: Vec::new(),
        filtered: false,
    })
}

// ---------------------------------------------------------------------------------------------
// On the home page

/// A prediction whose day has come.
pub(crate) struct DuePrediction {
    pub(crate) id: String,
    pub(crate) fear: String,
    pub(crate) captured: String,
}

/// What the home page shows about moments.
pub(crate) struct HomeMoments {
    pub(crate) due: Vec<DuePrediction>,
    pub(crate) checked: i64,
    pub(crate) happened: i64,
    pub(crate) partly: i64,
    pub(crate) did_not: i64,
    pub(crate) recent: Vec<MomentRowPublic>,
}

/// A recent moment on the home page.
pub(crate) struct MomentRowPublic {
    pub(crate) id: String,
    pub(crate) when: String,
    pub(crate) pinned: String,
}

pub(crate) async fn home_moments(state: &AppState, auth: &Auth) -> Result<HomeMoments, PageError> {
    let today = moments::today(state, auth).to_string();
    let records = state.store.due_predictions(&auth.user.id, &today).await?;
    let mut due = Vec::new();
    for record in records {
        let id = record.id.clone();
        if let Some(m) = moments::load(state, auth, &id)
            .await
            .map_err(PageError::from)?
        {
            if let Some(p) = &m.content.prediction {
                due.push(DuePrediction {
                    id: m.id.clone(),
                    fear: p.fear.clone(),
                    captured: local_time(m.occurred_at, &auth.user.time_zone),
                });
            }
        }
    }
    let counts = state.store.prediction_counts(&auth.user.id).await?;
    let recent = moments::list(
        state,
        auth,
        &ListFilter {
            limit: Some(3),
            ..Default::default()
        },
    )
    .await
    .map_err(PageError::from)?
    .iter()
    .map(|m| MomentRowPublic {
        id: m.id.clone(),
        when: local_time(m.occurred_at, &auth.user.time_zone),
        pinned: m.content.pinned().chars().take(100).collect(),
    })
    .collect();
    Ok(HomeMoments {
        due,
        checked: counts.yes + counts.partly + counts.no,
        happened: counts.yes,
        partly: counts.partly,
        did_not: counts.no,
        recent,
    })
}
