//! Errors as people and clients see them: a status code and a clear message. Internal details
//! go to the log, never into a response.

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use steady_core::ValidationError;
use steady_store::StoreError;

/// An error answered as JSON: `{"error": {"code", "message"}}`.
#[derive(Debug)]
pub enum ApiError {
    /// 400: the request could not be read.
    BadRequest(String),
    /// 401: no valid credentials.
    Unauthorized(String),
    /// 403: not allowed (CSRF, origin, closed sign-ups).
    Forbidden {
        /// Machine-readable reason.
        code: &'static str,
        /// A sentence for a person.
        message: String,
    },
    /// 404: nothing here for this caller (also used for other people's records).
    NotFound,
    /// 409: already exists.
    Conflict(String),
    /// 413: body too large.
    TooLarge,
    /// 415: not JSON.
    UnsupportedMediaType,
    /// 422: a value was refused.
    Validation(ValidationError),
    /// 429: slow down.
    TooManyRequests {
        /// Seconds to wait (sent as `Retry-After`).
        retry_after_secs: u64,
    },
    /// 500: our fault; the cause goes to the log only.
    Internal(anyhow::Error),
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorBody {
    error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorDetail {
    /// Stable machine-readable code, such as `validation` or `unauthorized`.
    code: &'static str,
    /// A sentence for a person.
    message: String,
    /// The field at fault, for validation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
}

impl ApiError {
    pub(crate) fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        Self::Forbidden {
            code,
            message: message.into(),
        }
    }

    fn parts(&self) -> (StatusCode, &'static str, String, Option<&'static str>) {
        match self {
            Self::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad_request", m.clone(), None),
            Self::Unauthorized(m) => (StatusCode::UNAUTHORIZED, "unauthorized", m.clone(), None),
            Self::Forbidden { code, message } => (StatusCode::FORBIDDEN, code, message.clone(), None),
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "Nothing was found here.".into(),
                None,
            ),
            Self::Conflict(m) => (StatusCode::CONFLICT, "conflict", m.clone(), None),
            Self::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "The request body is too large.".into(),
                None,
            ),
            Self::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send JSON with the header Content-Type: application/json.".into(),
                None,
            ),
            Self::Validation(e) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                e.message.clone(),
                Some(e.field),
            ),
            Self::TooManyRequests { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                format!("Too many attempts. Try again in {retry_after_secs} seconds."),
                None,
            ),
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side. Nothing you sent was half-saved; please try again."
                    .into(),
                None,
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(e) = &self {
            tracing::error!(error = %e, "request failed");
        }
        let (status, code, message, field) = self.parts();
        let mut response = (
            status,
            axum::Json(ErrorBody {
                error: ErrorDetail {
                    code,
                    message,
                    field,
                },
            }),
        )
            .into_response();
        if let Self::TooManyRequests { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict => Self::Conflict("That already exists.".into()),
            other => Self::Internal(other.into()),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        Self::Internal(e)
    }
}

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        Self::Validation(e)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Self::UnsupportedMediaType,
            JsonRejection::JsonDataError(e) => Self::Validation(ValidationError::new(
                "body",
                format!(
                    "The JSON does not have the expected fields: {}",
                    e.body_text()
                ),
            )),
            JsonRejection::JsonSyntaxError(_) => {
                Self::BadRequest("The request body is not valid JSON.".into())
            }
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Self::TooLarge
            }
            other => Self::BadRequest(other.body_text()),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        Self::NotFound
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> Self {
        Self::BadRequest(e.body_text())
    }
}

/// An error answered as an HTML page.
#[derive(Debug)]
pub enum PageError {
    /// 403 with an explanation (an expired form, a cross-site request).
    Forbidden(String),
    /// 404.
    NotFound,
    /// 413.
    TooLarge,
    /// 429.
    TooManyRequests {
        /// Seconds to wait (sent as `Retry-After`).
        retry_after_secs: u64,
    },
    /// 500; the cause goes to the log only.
    Internal(anyhow::Error),
    /// 400.
    BadRequest(String),
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, title, message) = match &self {
            PageError::Forbidden(m) => (StatusCode::FORBIDDEN, "That didn't go through", m.clone()),
            PageError::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "There is nothing at this address.".to_owned(),
            ),
            PageError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "That was too long",
                "What you sent is longer than Steady accepts. Nothing was saved.".to_owned(),
            ),
            PageError::TooManyRequests { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "Please wait a moment",
                format!("Too many attempts. Try again in {retry_after_secs} seconds."),
            ),
            PageError::BadRequest(m) => {
                (StatusCode::BAD_REQUEST, "That didn't go through", m.clone())
            }
            PageError::Internal(e) => {
                tracing::error!(error = %e, "page failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "Something went wrong on our side. Please go back and try again.".to_owned(),
                )
            }
        };
        let page = crate::pages::ErrorPage::new(title, &message);
        let mut response = (status, Html(page.render_or_plain())).into_response();
        if let PageError::TooManyRequests { retry_after_secs } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

/// An API-layer error met while rendering a page.
impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::NotFound => Self::NotFound,
            ApiError::Validation(v) => Self::BadRequest(v.message),
            ApiError::Conflict(m) | ApiError::BadRequest(m) => Self::BadRequest(m),
            ApiError::TooLarge => Self::TooLarge,
            ApiError::TooManyRequests { retry_after_secs } => {
                Self::TooManyRequests { retry_after_secs }
            }
            ApiError::Forbidden { message, .. } => Self::Forbidden(message),
            ApiError::Internal(e) => Self::Internal(e),
            other => Self::Internal(anyhow::anyhow!("{other:?}")),
        }
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        Self::Internal(e.into())
    }
}

impl From<anyhow::Error> for PageError {
    fn from(e: anyhow::Error) -> Self {
        Self::Internal(e)
    }
}

impl From<askama::Error> for PageError {
    fn from(e: askama::Error) -> Self {
        Self::Internal(e.into())
    }
}

impl From<FormRejection> for PageError {
    fn from(e: FormRejection) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::TooLarge;
        }
        Self::BadRequest("The form could not be read. Please go back and try again.".into())
    }
}

impl From<PathRejection> for PageError {
    fn from(_: PathRejection) -> Self {
        Self::NotFound
    }
}
