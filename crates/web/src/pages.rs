//! Server-rendered pages. Every form works without JavaScript; every state-changing form
//! carries a CSRF token.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;
use steady_core::{NewPassword, TimeZoneName, TokenName, Username};

use crate::auth::{
    self, ClientAddr, CreateAccountError, MaybeSignedIn, SignInError, SignedIn, FORM_COOKIE,
    SESSION_COOKIE,
};
use crate::error::PageError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/signup", get(signup_page).post(signup))
        .route("/signin", get(signin_page).post(signin))
        .route("/signout", post(signout))
        .route("/settings", get(settings_page))
        .route("/settings/time-zone", post(set_time_zone))
        .route("/settings/password", post(change_password))
        .route("/settings/sessions/{id}/revoke", post(revoke_session))
        .route("/settings/tokens", post(create_token))
        .route("/settings/tokens/{id}/revoke", post(revoke_token))
}

/// What every page's frame needs (title, who is signed in, the session's CSRF token, and which
/// navigation entry is current).
#[derive(Default)]
pub(crate) struct Layout {
    pub(crate) title: String,
    pub(crate) username: Option<String>,
    pub(crate) csrf: String,
    pub(crate) section: &'static str,
}

impl Layout {
    pub(crate) fn anonymous(title: &str) -> Self {
        Self {
            title: title.to_owned(),
            username: None,
            csrf: String::new(),
            section: "",
        }
    }

    pub(crate) fn for_user(title: &str, auth: &auth::Auth, section: &'static str) -> Self {
        Self {
            title: title.to_owned(),
            username: Some(auth.user.username.to_string()),
            csrf: auth.csrf().to_owned(),
            section,
        }
    }

    pub(crate) fn signed_in(&self) -> bool {
        self.username.is_some()
    }
}

pub(crate) fn render(template: &impl Template) -> Result<Html<String>, PageError> {
    Ok(Html(template.render()?))
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    layout: Layout,
    heading: String,
    message: String,
}

impl ErrorPage {
    pub fn new(heading: &str, message: &str) -> Self {
        Self {
            layout: Layout::anonymous(heading),
            heading: heading.to_owned(),
            message: message.to_owned(),
        }
    }

    /// Renders the page; if even that fails, plain escaped text still tells the person.
    pub fn render_or_plain(&self) -> String {
        self.render().unwrap_or_else(|_| {
            format!(
                "<!doctype html><title>Steady</title><h1>{}</h1>",
                askama::filters::escape(&self.heading, askama::filters::Html)
                    .map(|e| e.to_string())
                    .unwrap_or_default()
            )
        })
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    username: String,
    capture_empty: bool,
    checked_notice: bool,
    moments: crate::moment_pages::HomeMoments,
    noticed: crate::bids::NoticedPanel,
    evidence: Vec<crate::bids::EvidenceItem>,
    plan: crate::plan::PlanHome,
}

#[derive(Deserialize, Default)]
struct HomeQuery {
    #[serde(default)]
    capture: Option<String>,
    #[serde(default)]
    checked: Option<String>,
}

async fn home(
    State(state): State<AppState>,
    MaybeSignedIn(auth): MaybeSignedIn,
    Query(query): Query<HomeQuery>,
) -> Result<Response, PageError> {
    let Some(auth) = auth else {
        return Ok(Redirect::to("/signin").into_response());
    };
    Ok(render(&HomePage {
        layout: Layout::for_user("Home", &auth, "home"),
        username: auth.user.username.to_string(),
        capture_empty: query.capture.is_some(),
        checked_notice: query.checked.is_some(),
        moments: crate::moment_pages::home_moments(&state, &auth).await?,
        noticed: crate::bids::noticed_panel(&state, &auth).await?,
        evidence: crate::bids::evidence(&state, &auth).await?,
        plan: crate::plan::home_card(&state, &auth).await?,
    })?
    .into_response())
}

/// The CSRF token of the sign-in and sign-up forms, kept in a cookie until a session exists.
fn form_token(jar: CookieJar, state: &AppState) -> (CookieJar, String) {
    if let Some(existing) = jar.get(FORM_COOKIE).map(|c| c.value().to_owned()) {
        if existing.len() >= 32 {
            return (jar, existing);
        }
    }
    let token = auth::new_secret("").value;
    let jar = jar.add(auth::cookie(state, FORM_COOKIE, token.clone(), None));
    (jar, token)
}

fn form_token_matches(jar: &CookieJar, sent: &str) -> bool {
    jar.get(FORM_COOKIE)
        .is_some_and(|c| auth::same_token(sent, c.value()))
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage {
    layout: Layout,
    signups: bool,
    error: Option<String>,
    form_token: String,
    username: String,
    time_zone: String,
}

async fn signup_page(
    State(state): State<AppState>,
    MaybeSignedIn(auth): MaybeSignedIn,
    jar: CookieJar,
) -> Result<Response, PageError> {
    if auth.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let (jar, token) = form_token(jar, &state);
    let page = SignupPage {
        layout: Layout::anonymous("Create your account"),
        signups: state.config.signups,
        error: None,
        form_token: token,
        username: String::new(),
        time_zone: "UTC".into(),
    };
    Ok((jar, render(&page)?).into_response())
}

#[derive(Deserialize)]
struct SignupForm {
    csrf: String,
    username: String,
    password: String,
    #[serde(default)]
    time_zone: String,
}

async fn signup(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    jar: CookieJar,
    form: Result<Form<SignupForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    let again =
        |jar: CookieJar, status: StatusCode, error: String| -> Result<Response, PageError> {
            let (jar, token) = form_token(jar, &state);
            let page = SignupPage {
                layout: Layout::anonymous("Create your account"),
                signups: state.config.signups,
                error: Some(error),
                form_token: token,
                username: form.username.clone(),
                time_zone: form.time_zone.clone(),
            };
            Ok((status, jar, render(&page)?).into_response())
        };
    if !state.config.signups {
        return again(
            jar,
            StatusCode::FORBIDDEN,
            "Sign-ups are closed here.".into(),
        );
    }
    if !form_token_matches(&jar, &form.csrf) {
        return again(
            jar,
            StatusCode::FORBIDDEN,
            "This form had expired, so nothing was saved. Please try again.".into(),
        );
    }
    let username = match Username::parse(&form.username) {
        Ok(u) => u,
        Err(e) => return again(jar, StatusCode::UNPROCESSABLE_ENTITY, e.message),
    };
    let password = match NewPassword::parse_for(form.password.clone(), &username) {
        Ok(p) => p,
        Err(e) => return again(jar, StatusCode::UNPROCESSABLE_ENTITY, e.message),
    };
    let time_zone = TimeZoneName::parse(&form.time_zone).unwrap_or_else(|_| TimeZoneName::utc());
    let user = match auth::create_account(&state, username, password, time_zone).await {
        Ok(user) => user,
        Err(CreateAccountError::Taken) => {
            return again(
                jar,
                StatusCode::CONFLICT,
                "That username is taken. Try another.".into(),
            )
        }
        Err(CreateAccountError::Internal(e)) => return Err(PageError::Internal(e)),
    };
    let device = auth::device_label(user_agent(&headers));
    let session = auth::start_session(&state, &user, &device).await?;
    let jar = jar.add(session).remove(auth::removal(&state, FORM_COOKIE));
    Ok((jar, Redirect::to("/")).into_response())
}

fn user_agent(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SigninPage {
    layout: Layout,
    signups: bool,
    error: Option<String>,
    notice: Option<String>,
    form_token: String,
    username: String,
}

#[derive(Deserialize)]
struct SigninQuery {
    #[serde(default)]
    signed_out: Option<String>,
}

async fn signin_page(
    State(state): State<AppState>,
    MaybeSignedIn(auth): MaybeSignedIn,
    Query(query): Query<SigninQuery>,
    jar: CookieJar,
) -> Result<Response, PageError> {
    if auth.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let (jar, token) = form_token(jar, &state);
    let page = SigninPage {
        layout: Layout::anonymous("Sign in"),
        signups: state.config.signups,
        error: None,
        notice: query.signed_out.map(|_| "You are signed out.".to_owned()),
        form_token: token,
        username: String::new(),
    };
    Ok((jar, render(&page)?).into_response())
}

#[derive(Deserialize)]
struct SigninForm {
    csrf: String,
    username: String,
    password: String,
}

async fn signin(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: axum::http::HeaderMap,
    jar: CookieJar,
    form: Result<Form<SigninForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    let again = |jar: CookieJar, status: StatusCode, error: String, retry: Option<u64>| {
        let (jar, token) = form_token(jar, &state);
        let page = SigninPage {
            layout: Layout::anonymous("Sign in"),
            signups: state.config.signups,
            error: Some(error),
            notice: None,
            form_token: token,
            username: form.username.clone(),
        };
        let mut response = (status, jar, render(&page)?).into_response();
        if let Some(secs) = retry {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, axum::http::HeaderValue::from(secs));
        }
        Ok::<Response, PageError>(response)
    };
    if !form_token_matches(&jar, &form.csrf) {
        return again(
            jar,
            StatusCode::FORBIDDEN,
            "This form had expired. Please sign in again.".into(),
            None,
        );
    }
    match auth::check_credentials(&state, &form.username, &form.password, addr).await {
        Ok(user) => {
            let device = auth::device_label(user_agent(&headers));
            let session = auth::start_session(&state, &user, &device).await?;
            let jar = jar.add(session).remove(auth::removal(&state, FORM_COOKIE));
            Ok((jar, Redirect::to("/")).into_response())
        }
        Err(SignInError::Invalid) => again(
            jar,
            StatusCode::UNAUTHORIZED,
            "That username and password don't match. Check them and try again.".into(),
            None,
        ),
        Err(SignInError::RateLimited(secs)) => again(
            jar,
            StatusCode::TOO_MANY_REQUESTS,
            format!("Too many attempts. Please wait {secs} seconds and try again."),
            Some(secs),
        ),
        Err(SignInError::Internal(e)) => Err(PageError::Internal(e)),
    }
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf: String,
}

async fn signout(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    jar: CookieJar,
    form: Result<Form<CsrfOnly>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    if let Some(session) = &auth.session {
        state
            .store
            .delete_session(&auth.user.id, &session.id)
            .await?;
    }
    let jar = jar.remove(auth::removal(&state, SESSION_COOKIE));
    Ok((jar, Redirect::to("/signin?signed_out=1")).into_response())
}

struct SessionRow {
    id: String,
    device: String,
    created: String,
    last_seen: String,
    current: bool,
}

struct TokenRow {
    id: String,
    name: String,
    created: String,
    last_used: String,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    username: String,
    notice: Option<String>,
    error: Option<String>,
    new_token: Option<String>,
    zones: Vec<String>,
    time_zone: String,
    sessions: Vec<SessionRow>,
    tokens: Vec<TokenRow>,
}

/// A readable local time, such as "23 Nov 2026, 21:54".
pub(crate) fn local_time(t: jiff::Timestamp, zone: &TimeZoneName) -> String {
    t.to_zoned(zone.zone())
        .strftime("%-d %b %Y, %H:%M")
        .to_string()
}

#[derive(Deserialize, Default)]
struct SettingsQuery {
    #[serde(default)]
    done: Option<String>,
}

async fn settings_view(
    state: &AppState,
    auth: &auth::Auth,
    notice: Option<String>,
    error: Option<String>,
    new_token: Option<String>,
) -> Result<SettingsPage, PageError> {
    let zone = &auth.user.time_zone;
    let current = auth.session.as_ref().map(|s| s.id.as_str());
    let sessions = state
        .store
        .sessions_of(&auth.user.id)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            current: Some(s.id.as_str()) == current,
            created: local_time(s.created_at, zone),
            last_seen: local_time(s.last_seen_at, zone),
            device: s.device,
            id: s.id,
        })
        .collect();
    let tokens = crate::api::token_views(state, auth)
        .await
        .map_err(|e| PageError::Internal(anyhow::anyhow!("{e:?}")))?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id().to_owned(),
            name: t.name().to_owned(),
            created: local_time(t.created_at(), zone),
            last_used: match t.last_used_at() {
                Some(at) => format!("last used {}", local_time(at, zone)),
                None => "never used".to_owned(),
            },
        })
        .collect();
    Ok(SettingsPage {
        layout: Layout::for_user("Settings", auth, "settings"),
        username: auth.user.username.to_string(),
        notice,
        error,
        new_token,
        zones: TimeZoneName::all(),
        time_zone: zone.to_string(),
        sessions,
        tokens,
    })
}

async fn settings_page(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Query(query): Query<SettingsQuery>,
) -> Result<Html<String>, PageError> {
    let notice = query.done.as_deref().and_then(|done| match done {
        "time-zone" => Some("Time zone saved."),
        "password" => Some("Password changed. You are signed out everywhere else."),
        "session" => Some("That device is signed out."),
        "token" => Some("Token revoked."),
        _ => None,
    });
    render(&settings_view(&state, &auth, notice.map(str::to_owned), None, None).await?)
}

#[derive(Deserialize)]
struct TimeZoneForm {
    csrf: String,
    time_zone: String,
}

async fn set_time_zone(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    form: Result<Form<TimeZoneForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    match TimeZoneName::parse(&form.time_zone) {
        Ok(zone) => {
            state.store.set_time_zone(&auth.user.id, &zone).await?;
            Ok(Redirect::to("/settings?done=time-zone").into_response())
        }
        Err(e) => {
            settings_refusal(&state, &auth, StatusCode::UNPROCESSABLE_ENTITY, e.message).await
        }
    }
}

/// The settings page again, with an error saying why nothing changed.
async fn settings_refusal(
    state: &AppState,
    auth: &auth::Auth,
    status: StatusCode,
    message: String,
) -> Result<Response, PageError> {
    let page = settings_view(state, auth, None, Some(message), None).await?;
    Ok((status, render(&page)?).into_response())
}

#[derive(Deserialize)]
struct PasswordForm {
    csrf: String,
    current_password: String,
    new_password: String,
}

async fn change_password(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    ClientAddr(addr): ClientAddr,
    form: Result<Form<PasswordForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    match auth::check_credentials(
        &state,
        auth.user.username.as_str(),
        &form.current_password,
        addr,
    )
    .await
    {
        Ok(_) => {}
        Err(SignInError::Invalid) => {
            let message = "Your current password is not right, so nothing was changed.";
            return settings_refusal(&state, &auth, StatusCode::UNAUTHORIZED, message.into()).await;
        }
        Err(SignInError::RateLimited(secs)) => {
            return Err(PageError::TooManyRequests {
                retry_after_secs: secs,
            })
        }
        Err(SignInError::Internal(e)) => return Err(PageError::Internal(e)),
    }
    let new = match NewPassword::parse_for(form.new_password.clone(), &auth.user.username) {
        Ok(p) => p,
        Err(e) => {
            return settings_refusal(&state, &auth, StatusCode::UNPROCESSABLE_ENTITY, e.message)
                .await
        }
    };
    let hash = state.hasher.hash(new.into_password()).await?;
    state
        .store
        .change_password(
            &auth.user.id,
            &hash,
            auth.session.as_ref().map(|s| s.id.as_str()),
            state.now(),
        )
        .await?;
    Ok(Redirect::to("/settings?done=password").into_response())
}

async fn revoke_session(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<CsrfOnly>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    if !state.store.delete_session(&auth.user.id, &id).await? {
        return Err(PageError::NotFound);
    }
    Ok(Redirect::to("/settings?done=session").into_response())
}

#[derive(Deserialize)]
struct TokenForm {
    csrf: String,
    name: String,
    password: String,
}

async fn create_token(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    ClientAddr(addr): ClientAddr,
    form: Result<Form<TokenForm>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    let name = match TokenName::parse(&form.name) {
        Ok(n) => n,
        Err(e) => {
            return settings_refusal(&state, &auth, StatusCode::UNPROCESSABLE_ENTITY, e.message)
                .await
        }
    };
    match auth::check_credentials(&state, auth.user.username.as_str(), &form.password, addr).await {
        Ok(_) => {}
        Err(SignInError::Invalid) => {
            let message = "Your password is not right, so no token was made.";
            return settings_refusal(&state, &auth, StatusCode::UNAUTHORIZED, message.into()).await;
        }
        Err(SignInError::RateLimited(secs)) => {
            return Err(PageError::TooManyRequests {
                retry_after_secs: secs,
            })
        }
        Err(SignInError::Internal(e)) => return Err(PageError::Internal(e)),
    }
    let created = crate::api::issue_token(&state, &auth.user.id, &auth.key, &name)
        .await
        .map_err(|e| PageError::Internal(anyhow::anyhow!("{e:?}")))?;
    let page = settings_view(
        &state,
        &auth,
        Some("Token created.".into()),
        None,
        Some(created.token().to_owned()),
    )
    .await?;
    Ok((StatusCode::CREATED, render(&page)?).into_response())
}

async fn revoke_token(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    form: Result<Form<CsrfOnly>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(form) = form?;
    auth.check_form(&form.csrf)?;
    if !state.store.delete_api_token(&auth.user.id, &id).await? {
        return Err(PageError::NotFound);
    }
    Ok(Redirect::to("/settings?done=token").into_response())
}

/// Addresses that do not exist: a JSON error under `/api/`, a page elsewhere.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        crate::error::ApiError::NotFound.into_response()
    } else {
        PageError::NotFound.into_response()
    }
}
