//! The JSON API under `/api/v1`, described by the OpenAPI document it generates.

use axum::extract::{FromRequest, Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use steady_core::{NewPassword, TimeZoneName, TokenName, Username};
use steady_store::Aad;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::auth::{self, ApiCaller, ClientAddr, CreateAccountError, SignInError};
use crate::error::{ApiError, ErrorBody, ErrorDetail};
use crate::state::AppState;

/// A JSON body whose problems are answered in the API's error shape.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/accounts", post(create_account))
        .route("/api/v1/tokens", post(create_token).get(list_tokens))
        .route("/api/v1/tokens/{id}", delete(delete_token))
        .route("/api/v1/me", get(me).patch(update_me))
        .route("/api/v1/openapi.json", get(openapi))
}

/// A new account.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateAccount {
    /// 3–32 characters: letters, digits, `_`, `.`, `-`. Case-insensitive.
    username: String,
    /// At least 10 characters, not a common password.
    password: String,
    /// IANA time zone, such as `Europe/Lisbon`. Defaults to UTC.
    #[serde(default)]
    time_zone: Option<String>,
}

/// An account.
#[derive(Serialize, ToSchema)]
pub struct AccountView {
    id: String,
    username: String,
    time_zone: String,
    #[schema(value_type = String, format = DateTime)]
    created_at: jiff::Timestamp,
}

impl From<&steady_store::User> for AccountView {
    fn from(u: &steady_store::User) -> Self {
        Self {
            id: u.id.clone(),
            username: u.username.to_string(),
            time_zone: u.time_zone.to_string(),
            created_at: u.created_at,
        }
    }
}

/// Creates an account (when the operator allows sign-ups).
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts",
    request_body = CreateAccount,
    responses(
        (status = 201, description = "Account created", body = AccountView),
        (status = 403, description = "Sign-ups are closed", body = ErrorBody),
        (status = 409, description = "Username taken", body = ErrorBody),
        (status = 422, description = "A value was refused", body = ErrorBody),
    ))]
async fn create_account(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<CreateAccount>,
) -> Result<(StatusCode, Json<AccountView>), ApiError> {
    if !state.config.signups {
        return Err(ApiError::forbidden(
            "signups_closed",
            "This Steady does not take new sign-ups. Ask its operator for an account.",
        ));
    }
    let username = Username::parse(&body.username)?;
    let password = NewPassword::parse_for(body.password, &username)?;
    let time_zone = match body.time_zone.as_deref() {
        Some(tz) => TimeZoneName::parse(tz)?,
        None => TimeZoneName::utc(),
    };
    match auth::create_account(&state, username, password, time_zone).await {
        Ok(user) => Ok((StatusCode::CREATED, Json(AccountView::from(&user)))),
        Err(CreateAccountError::Taken) => Err(ApiError::Conflict("That username is taken.".into())),
        Err(CreateAccountError::Internal(e)) => Err(ApiError::Internal(e)),
    }
}

/// Credentials for a new personal access token.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateToken {
    username: String,
    password: String,
    /// A name to recognise the token by, such as "phone shortcut".
    name: String,
}

/// A new token. `token` is shown only this once.
#[derive(Serialize, ToSchema)]
pub struct CreatedToken {
    id: String,
    name: String,
    token: String,
    #[schema(value_type = String, format = DateTime)]
    created_at: jiff::Timestamp,
}

/// A token as listed (never the token itself).
#[derive(Serialize, ToSchema)]
pub struct TokenView {
    id: String,
    name: String,
    #[schema(value_type = String, format = DateTime)]
    created_at: jiff::Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    last_used_at: Option<jiff::Timestamp>,
}

/// The caller's tokens, newest first.
#[derive(Serialize, ToSchema)]
pub struct TokenList {
    tokens: Vec<TokenView>,
}

/// Creates a personal access token for the account whose credentials are given.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens",
    request_body = CreateToken,
    responses(
        (status = 201, description = "Token created; shown only now", body = CreatedToken),
        (status = 401, description = "Wrong username or password", body = ErrorBody),
        (status = 422, description = "A value was refused", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody),
    ))]
async fn create_token(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    ApiJson(body): ApiJson<CreateToken>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    let name = TokenName::parse(&body.name)?;
    let user = match auth::check_credentials(&state, &body.username, &body.password, addr).await {
        Ok(user) => user,
        Err(SignInError::RateLimited(secs)) => {
            return Err(ApiError::TooManyRequests {
                retry_after_secs: secs,
            })
        }
        Err(SignInError::Invalid) => {
            return Err(ApiError::Unauthorized(
                "The username or password is not right.".into(),
            ))
        }
        Err(SignInError::Internal(e)) => return Err(ApiError::Internal(e)),
    };
    let key = state
        .master
        .unwrap_key(&user.id, &user.wrapped_key)
        .map_err(|e| ApiError::Internal(e.into()))?;
    let created = issue_token(&state, &user.id, &key, &name).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Makes, stores and returns a new token (shared by the API and the settings page).
pub(crate) async fn issue_token(
    state: &AppState,
    user_id: &str,
    key: &steady_store::DataKey,
    name: &TokenName,
) -> Result<CreatedToken, ApiError> {
    let id = steady_store::new_id();
    let secret = auth::new_secret(auth::TOKEN_PREFIX);
    let sealed = key.seal(name.as_str(), &token_name_aad(user_id, &id));
    let now = state.now();
    state
        .store
        .create_api_token(&id, user_id, &secret.hash, &sealed, now)
        .await?;
    Ok(CreatedToken {
        id,
        name: name.as_str().to_owned(),
        token: secret.value,
        created_at: now,
    })
}

impl CreatedToken {
    pub(crate) fn token(&self) -> &str {
        &self.token
    }
}

pub(crate) fn token_name_aad(user_id: &str, token_id: &str) -> Aad {
    Aad::new(user_id, "api_tokens", token_id, "name")
}

/// The caller's tokens with their names opened.
pub(crate) async fn token_views(
    state: &AppState,
    auth: &auth::Auth,
) -> Result<Vec<TokenView>, ApiError> {
    let records = state.store.api_tokens_of(&auth.user.id).await?;
    records
        .into_iter()
        .map(|r| {
            let name = auth
                .key
                .open(&r.name, &token_name_aad(&auth.user.id, &r.id))
                .map_err(|e| ApiError::Internal(e.into()))?;
            Ok(TokenView {
                id: r.id,
                name,
                created_at: r.created_at,
                last_used_at: r.last_used_at,
            })
        })
        .collect()
}

impl TokenView {
    pub(crate) fn id(&self) -> &str {
        &self.id
    }
    pub(crate) fn name(&self) -> &str {
        &self.name
    }
    pub(crate) fn created_at(&self) -> jiff::Timestamp {
        self.created_at
    }
    pub(crate) fn last_used_at(&self) -> Option<jiff::Timestamp> {
        self.last_used_at
    }
}

/// Lists the caller's personal access tokens.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens",
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, body = TokenList),
        (status = 401, body = ErrorBody),
    ))]
async fn list_tokens(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
) -> Result<Json<TokenList>, ApiError> {
    Ok(Json(TokenList {
        tokens: token_views(&state, &auth).await?,
    }))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens",
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "Token id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such token for this caller", body = ErrorBody),
    ))]
async fn delete_token(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if state.store.delete_api_token(&auth.user.id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

/// The caller's account.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    security(("bearer" = []), ("session" = [])),
    responses((status = 200, body = AccountView), (status = 401, body = ErrorBody)))]
async fn me(ApiCaller(auth): ApiCaller) -> Json<AccountView> {
    Json(AccountView::from(&auth.user))
}

/// Changes to the caller's account.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAccount {
    /// IANA time zone, such as `Europe/Lisbon`.
    time_zone: String,
}

/// Updates the caller's account settings.
#[utoipa::path(patch, path = "/api/v1/me", tag = "accounts",
    security(("bearer" = []), ("session" = [])),
    request_body = UpdateAccount,
    responses(
        (status = 200, body = AccountView),
        (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
async fn update_me(
    State(state): State<AppState>,
    ApiCaller(auth): ApiCaller,
    ApiJson(body): ApiJson<UpdateAccount>,
) -> Result<Json<AccountView>, ApiError> {
    let zone = TimeZoneName::parse(&body.time_zone)?;
    state.store.set_time_zone(&auth.user.id, &zone).await?;
    let mut user = auth.user.clone();
    user.time_zone = zone;
    Ok(Json(AccountView::from(&user)))
}

/// Readiness of the server and its database.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` or `unavailable`.
    status: &'static str,
    /// `ok` or `unavailable`.
    database: &'static str,
    /// `sqlite` or `postgres`.
    engine: &'static str,
}

/// Reports readiness, including the database.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let ok = state.store.ping().await.is_ok();
    let health = Health {
        status: if ok { "ok" } else { "unavailable" },
        database: if ok { "ok" } else { "unavailable" },
        engine: state.store.engine(),
    };
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(health))
}

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                auth::SESSION_COOKIE,
                "Browser session; state-changing calls must also send the X-CSRF-Token header.",
            ))),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Steady API", version = "1", description = "The JSON API of Steady. Errors are `{\"error\": {\"code\", \"message\"}}`."),
    paths(create_account, create_token, list_tokens, delete_token, me, update_me, health),
    components(schemas(ErrorBody, ErrorDetail, AccountView, CreateAccount, CreateToken, CreatedToken, TokenView, TokenList, UpdateAccount, Health)),
    modifiers(&SecuritySchemes),
)]
struct ApiDoc;

/// The OpenAPI document, generated from the handlers of every feature.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
        .merge_from(crate::bids::BidsApi::openapi())
        .merge_from(crate::moments::MomentsApi::openapi())
        .merge_from(crate::coach::CoachApi::openapi())
        .merge_from(crate::plan::PlanApi::openapi())
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi_document())
}
