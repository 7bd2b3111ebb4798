//! One error type for the whole API. Every variant becomes a JSON body
//! `{error, message}` (core's `wire::ApiError`); storage errors are logged
//! and never shown to the client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use samenop_core::wire;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request cannot be read: malformed JSON, a bad query parameter.
    #[error("{0}")]
    BadRequest(String),
    /// Well-formed JSON that does not fit the schema (wrong type, unknown field).
    #[error("{0}")]
    Unprocessable(String),
    #[error("{0}")]
    Unauthorized(&'static str),
    /// The token's account was disabled: the device wipes itself.
    #[error("this account is disabled: the app on this device is wiped")]
    AccountDisabled,
    /// An admin revoked the device the token is bound to: it wipes itself.
    #[error("this device was revoked: the app on this device is wiped")]
    DeviceRevoked,
    #[error("{0}")]
    Forbidden(&'static str),
    /// Also used for cases of another region, so their existence stays hidden.
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("request body too large: at most {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// The same answer for an IP over its rate, a busy server, and a
    /// throttled name, whether or not that name is an account.
    #[error("too many login attempts; try again after {retry_after_secs} seconds")]
    TooManyAttempts { retry_after_secs: i64 },
    /// The password was right; this account also needs its TOTP code.
    #[error("enter the code from your authenticator app")]
    OtpRequired,
    /// The password was right, but a shift lead or admin signs in only with
    /// a second factor, and this account has none enrolled yet.
    #[error("shift leads and admins need a second factor; ask an admin to enrol one")]
    SecondFactorNotEnrolled,
    /// Too many pushes from one account (`limits::RateLimiter`).
    #[error("too many requests; retry after {retry_after_secs} seconds")]
    RateLimited { retry_after_secs: u64 },
    #[error("the server is shutting down; retry shortly")]
    Unavailable,
    #[error("internal error")]
    Storage(#[from] sqlx::Error),
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Self::Unprocessable(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_body"),
            Self::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Self::AccountDisabled => (StatusCode::UNAUTHORIZED, "account_disabled"),
            Self::DeviceRevoked => (StatusCode::UNAUTHORIZED, "device_revoked"),
            Self::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            Self::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            Self::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            Self::PayloadTooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Self::TooManyAttempts { .. } => (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"),
            Self::OtpRequired => (StatusCode::UNAUTHORIZED, "otp_required"),
            Self::SecondFactorNotEnrolled => (StatusCode::FORBIDDEN, "second_factor_not_enrolled"),
            Self::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            Self::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            Self::Storage(_) | Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        match &self {
            // The sqlx error text may hold SQL but never request data; it is
            // logged here and replaced by a generic message for the client.
            Self::Storage(e) => tracing::error!(error = %e, "storage error"),
            Self::Internal(e) => tracing::error!(error = %e, "internal error"),
            _ => {}
        }
        let body = wire::ApiError {
            error: code.to_string(),
            message: self.to_string(),
        };
        let mut response = (status, Json(body)).into_response();
        if let Self::TooManyAttempts { retry_after_secs } = self
            && let Ok(v) = retry_after_secs.to_string().parse()
        {
            response.headers_mut().insert("retry-after", v);
        }
        if let Self::RateLimited { retry_after_secs } = self
            && let Ok(v) = retry_after_secs.to_string().parse()
        {
            response.headers_mut().insert("retry-after", v);
        }
        response
    }
}

impl From<crate::storage::StorageError> for ApiError {
    fn from(e: crate::storage::StorageError) -> Self {
        match e {
            crate::storage::StorageError::Sqlx(e) => Self::Storage(e),
            crate::storage::StorageError::WriterGone => Self::Unavailable,
            crate::storage::StorageError::Corrupt(m) => Self::Internal(m),
        }
    }
}
