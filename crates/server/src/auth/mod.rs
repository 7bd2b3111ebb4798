//! Accounts and sessions: argon2 password hashes, opaque bearer tokens
//! (32 random bytes; only their SHA-256 is stored), expiry, lockout.

pub mod password;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use rand::RngCore;
use samenop_core::wire::Account;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::storage::{self, Db};

/// A fresh bearer token (hex of 32 random bytes) and its stored hash.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex(&bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The caller of an authenticated route.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub account: Account,
    pub token_hash: String,
}

impl<S> FromRequestParts<S> for AuthUser
where
    S: Send + Sync,
    Db: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(ApiError::Unauthorized(
                "missing bearer token: log in at POST /api/v1/sessions",
            ))?;
        let token = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(ApiError::Unauthorized(
                "the Authorization header must be `Bearer <token>`",
            ))?;
        let token_hash = token_hash(token);
        let account = storage::session_account(&Db::from_ref(state), &token_hash)
            .await?
            .ok_or(ApiError::Unauthorized(
                "the token is unknown or has expired: log in again",
            ))?;
        Ok(Self { account, token_hash })
    }
}
