//! Accounts, sessions, tokens and the extractors that tell handlers who is asking.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, Method};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine as _;
use rand::RngCore;
use sha2::{Digest, Sha256};
use steady_core::{NewPassword, Password, TimeZoneName, Username};
use steady_store::{DataKey, NewUser, SessionRecord, StoreError, User};
use subtle::ConstantTimeEq;

use crate::error::{ApiError, PageError};
use crate::state::AppState;

/// Cookie holding the browser session token.
pub const SESSION_COOKIE: &str = "steady_session";
/// Cookie holding the CSRF token of the sign-in and sign-up forms (before any session exists).
pub const FORM_COOKIE: &str = "steady_form";
/// Header a cookie-authenticated JSON call must carry on state-changing requests.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Prefix of personal access tokens, so they are recognisable if pasted somewhere by mistake.
pub const TOKEN_PREFIX: &str = "stdy_";

/// A fresh random secret (256 bits) and the hash that is stored in its place.
pub struct Secret {
    /// Shown once (as a cookie or to the person); never stored.
    pub value: String,
    /// SHA-256 of the value; what the database keeps.
    pub hash: Vec<u8>,
}

/// Makes a new 256-bit secret, base64url-encoded after `prefix`.
pub fn new_secret(prefix: &str) -> Secret {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let value = format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    let hash = hash_secret(&value);
    Secret { value, hash }
}

/// The stored form of a secret.
pub fn hash_secret(value: &str) -> Vec<u8> {
    Sha256::digest(value.as_bytes()).to_vec()
}

/// Compares two tokens in constant time.
pub fn same_token(a: &str, b: &str) -> bool {
    !a.is_empty() && a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// Every cookie Steady sets: HttpOnly, SameSite=Strict, Path=/, Secure over https.
pub fn cookie(
    state: &AppState,
    name: &'static str,
    value: String,
    max_age: Option<jiff::SignedDuration>,
) -> Cookie<'static> {
    let mut c = Cookie::build((name, value))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path("/")
        .secure(state.config.is_https());
    if let Some(age) = max_age {
        c = c.max_age(time_duration(age));
    }
    c.build()
}

/// A cookie that removes `name` from the browser.
pub fn removal(state: &AppState, name: &'static str) -> Cookie<'static> {
    let mut c = cookie(state, name, String::new(), None);
    c.make_removal();
    c
}

fn time_duration(d: jiff::SignedDuration) -> cookie::time::Duration {
    cookie::time::Duration::seconds(d.as_secs())
}

/// A short description of the browser, for the list of sessions.
pub fn device_label(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent else {
        return "Unknown device".to_owned();
    };
    let browser = if ua.contains("Edg/") {
        "Edge"
    } else if ua.contains("Firefox/") {
        "Firefox"
    } else if ua.contains("Chromium/") {
        "Chromium"
    } else if ua.contains("Chrome/") {
        "Chrome"
    } else if ua.contains("Safari/") {
        "Safari"
    } else {
        "Browser"
    };
    let os = if ua.contains("Android") {
        "Android"
    } else if ua.contains("iPhone") {
        "iPhone"
    } else if ua.contains("iPad") {
        "iPad"
    } else if ua.contains("Windows") {
        "Windows"
    } else if ua.contains("Mac OS X") || ua.contains("Macintosh") {
        "macOS"
    } else if ua.contains("Linux") {
        "Linux"
    } else {
        "an unknown system"
    };
    format!("{browser} on {os}")
}

/// The person making a request, with their data key.
pub struct Auth {
    /// Their account.
    pub user: User,
    /// Their data key, to seal and open their text.
    pub key: DataKey,
    /// The browser session, when signed in with a cookie (not with a token).
    pub session: Option<SessionRecord>,
}

impl Auth {
    fn new(
        state: &AppState,
        user: User,
        session: Option<SessionRecord>,
    ) -> Result<Self, StoreError> {
        let key = state
            .master
            .unwrap_key(&user.id, &user.wrapped_key)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(Self { user, key, session })
    }

    /// The CSRF token forms of this session carry.
    pub fn csrf(&self) -> &str {
        self.session
            .as_ref()
            .map(|s| s.csrf_token.as_str())
            .unwrap_or("")
    }

    /// Refuses a form whose CSRF token is not this session's.
    pub fn check_form(&self, token: &str) -> Result<(), PageError> {
        if same_token(token, self.csrf()) {
            Ok(())
        } else {
            Err(PageError::Forbidden(
                "This form has expired. Go back, reload the page and try again.".into(),
            ))
        }
    }
}

async fn from_session_cookie(parts: &Parts, state: &AppState) -> Result<Option<Auth>, StoreError> {
    let jar = CookieJar::from_headers(&parts.headers);
    let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(None);
    };
    let found = state
        .store
        .live_session(&hash_secret(&token), state.lifetimes(), state.now())
        .await?;
    found
        .map(|(session, user)| Auth::new(state, user, Some(session)))
        .transpose()
}

/// A signed-in person on a page; anyone else is sent to the sign-in page.
pub struct SignedIn(pub Auth);

/// What happens to a page request without a session.
pub enum SignInRequired {
    /// Send them to sign in.
    Redirect,
    /// The store failed.
    Error(PageError),
}

impl IntoResponse for SignInRequired {
    fn into_response(self) -> Response {
        match self {
            Self::Redirect => Redirect::to("/signin").into_response(),
            Self::Error(e) => e.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = SignInRequired;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match from_session_cookie(parts, state).await {
            Ok(Some(auth)) => Ok(Self(auth)),
            Ok(None) => Err(SignInRequired::Redirect),
            Err(e) => Err(SignInRequired::Error(e.into())),
        }
    }
}

/// A page request that may or may not be signed in.
pub struct MaybeSignedIn(pub Option<Auth>);

impl FromRequestParts<AppState> for MaybeSignedIn {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(from_session_cookie(parts, state).await?))
    }
}

/// An API caller: a personal access token (`Authorization: Bearer …`), or a browser session
/// whose state-changing calls carry the session's CSRF token in `X-CSRF-Token`.
pub struct ApiCaller(pub Auth);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .ok_or_else(|| {
                    ApiError::Unauthorized("Use Authorization: Bearer <token>.".into())
                })?;
            let user = state
                .store
                .user_by_api_token(&hash_secret(token), state.now())
                .await?
                .ok_or_else(|| ApiError::Unauthorized("That token is not valid.".into()))?;
            return Ok(Self(Auth::new(state, user, None)?));
        }
        let auth = from_session_cookie(parts, state).await?.ok_or_else(|| {
            ApiError::Unauthorized("Sign in or send a personal access token.".into())
        })?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !same_token(sent, auth.csrf()) {
                return Err(ApiError::forbidden(
                    "csrf",
                    "Requests signed in with a cookie must send the X-CSRF-Token header.",
                ));
            }
        }
        Ok(Self(auth))
    }
}

/// The client's address (for rate limits).
pub struct ClientAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(a)| a.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        Ok(Self(addr))
    }
}

/// Why an account could not be created.
#[derive(Debug)]
pub enum CreateAccountError {
    /// The username is taken.
    Taken,
    /// Something else failed.
    Internal(anyhow::Error),
}

/// Creates an account with a fresh data key.
pub async fn create_account(
    state: &AppState,
    username: Username,
    password: NewPassword,
    time_zone: TimeZoneName,
) -> Result<User, CreateAccountError> {
    let password_hash = state
        .hasher
        .hash(password.into_password())
        .await
        .map_err(CreateAccountError::Internal)?;
    let id = steady_store::new_id();
    let key = DataKey::generate();
    let new = NewUser {
        wrapped_key: state.master.wrap(&id, &key),
        id,
        username,
        password_hash,
        time_zone,
    };
    match state.store.create_user(&new, state.now()).await {
        Ok(()) => {}
        Err(StoreError::Conflict) => return Err(CreateAccountError::Taken),
        Err(e) => return Err(CreateAccountError::Internal(e.into())),
    }
    state
        .store
        .user_by_id(&new.id)
        .await
        .map_err(|e| CreateAccountError::Internal(e.into()))?
        .ok_or_else(|| CreateAccountError::Internal(anyhow::anyhow!("new account vanished")))
}

/// Why a sign-in was refused.
#[derive(Debug)]
pub enum SignInError {
    /// Too many attempts; wait this many seconds.
    RateLimited(u64),
    /// Wrong username or password (never says which).
    Invalid,
    /// Something else failed.
    Internal(anyhow::Error),
}

/// Checks a username and password, counting the attempt against the rate limits.
pub async fn check_credentials(
    state: &AppState,
    username: &str,
    password: &str,
    from: IpAddr,
) -> Result<User, SignInError> {
    let account_key = username.trim().to_lowercase();
    state
        .limits
        .check(&account_key, from)
        .map_err(SignInError::RateLimited)?;
    let password = Password::parse(password).map_err(|_| SignInError::Invalid)?;
    let user = match Username::parse(username) {
        Ok(name) => state
            .store
            .user_by_name(&name)
            .await
            .map_err(|e| SignInError::Internal(e.into()))?,
        Err(_) => None,
    };
    let ok = state
        .hasher
        .verify(password, user.as_ref().map(|u| u.password_hash.as_str()))
        .await
        .map_err(SignInError::Internal)?;
    match user {
        Some(user) if ok => Ok(user),
        _ => Err(SignInError::Invalid),
    }
}

/// Starts a browser session; returns the cookie to set.
pub async fn start_session(
    state: &AppState,
    user: &User,
    device: &str,
) -> Result<Cookie<'static>, StoreError> {
    let now = state.now();
    state
        .store
        .purge_expired_sessions(&user.id, state.lifetimes(), now)
        .await?;
    let secret = new_secret("");
    let csrf = new_secret("").value;
    state
        .store
        .create_session(&user.id, &secret.hash, &csrf, device, now)
        .await?;
    Ok(cookie(
        state,
        SESSION_COOKIE,
        secret.value,
        Some(state.config.session_absolute),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_256_bit_and_only_hashes_are_kept() {
        let a = new_secret(TOKEN_PREFIX);
        let b = new_secret(TOKEN_PREFIX);
        assert_ne!(a.value, b.value);
        assert!(a.value.starts_with("stdy_"));
        // 32 bytes base64url without padding is 43 characters.
        assert_eq!(a.value.len(), 5 + 43);
        assert_eq!(a.hash, hash_secret(&a.value));
        assert_ne!(a.hash, a.value.as_bytes());
    }

    #[test]
    fn token_comparison() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("", ""));
    }

    #[test]
    fn device_labels() {
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert_eq!(device_label(Some(android)), "Chrome on Android");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(device_label(Some(iphone)), "Safari on iPhone");
        assert_eq!(device_label(None), "Unknown device");
    }
}
