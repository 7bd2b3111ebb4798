//! Accounts and sessions: argon2 password hashes, opaque bearer tokens
//! (32 random bytes; only their SHA-256 is stored) bound to one device,
//! expiry and idle timeout, login throttling, TOTP.

pub mod password;
pub mod throttle;
pub mod totp;

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use rand::RngCore;
use samenop_core::DeviceId;
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

/// How long a session may go unused before it ends (besides its lifetime).
#[derive(Debug, Clone, Copy)]
pub struct IdleTimeout(pub Duration);

/// The caller of an authenticated route.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub account: Account,
    pub token_hash: String,
    /// The device the token belongs to (`None`: bound at its first push).
    pub device_id: Option<String>,
}

impl AuthUser {
    /// A token works only from the device it was issued to: a push naming
    /// another device is refused (a copied token is useless elsewhere).
    /// A session that logged in without a device id is bound to the device
    /// of its first push.
    pub async fn check_device(&self, db: &Db, device_id: DeviceId, ip: Option<IpAddr>) -> Result<(), ApiError> {
        let device = device_id.to_string();
        let same = match &self.device_id {
            Some(bound) => *bound == device,
            None => storage::bind_session_device(db, &self.token_hash, &device).await?,
        };
        if same {
            return Ok(());
        }
        storage::insert_auth_audit(
            db,
            &storage::AuthAudit {
                username: &self.account.username,
                role: Some(self.account.role),
                action: storage::AuthAction::DeviceMismatch,
                ip: ip.map(|i| i.to_string()),
                device_id: Some(device),
            },
        )
        .await?;
        Err(ApiError::Forbidden(
            "this token was issued to another device: log in on this device",
        ))
    }
}

/// The client's address: the connection's peer, or, when that peer is a
/// trusted reverse proxy (`--trusted-proxy`), the address that proxy put
/// in `X-Forwarded-For` (issue 18: N instances behind a load balancer;
/// without it every login would share the balancer's address, for the
/// per-address login limit and the auth audit alike).
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub Option<IpAddr>);

/// The address ranges of reverse proxies whose `X-Forwarded-For` is
/// believed. Empty (the default): the header is ignored, since anyone can
/// send it.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub std::sync::Arc<Vec<ipnet::IpNet>>);

impl TrustedProxies {
    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client behind `peer`: walking `X-Forwarded-For` from the right
    /// (the hop nearest to us), past every trusted proxy, the first
    /// address that is not one. An entry that is not an address ends the
    /// walk at the last trusted hop: nothing left of it can be believed.
    pub fn client(&self, peer: IpAddr, forwarded: &[&str]) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        for entry in forwarded.iter().rev().flat_map(|h| h.rsplit(',')) {
            match entry.trim().parse::<IpAddr>() {
                Ok(ip) if self.trusts(ip) => client = ip,
                Ok(ip) => return ip,
                Err(_) => return client,
            }
        }
        client
    }
}

impl<S> FromRequestParts<S> for ClientIp
where
    S: Send + Sync,
    TrustedProxies: FromRef<S>,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Infallible> {
        let Some(peer) = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()) else {
            return Ok(Self(None));
        };
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(Self(Some(TrustedProxies::from_ref(state).client(peer, &forwarded))))
    }
}

impl<S> FromRequestParts<S> for AuthUser
where
    S: Send + Sync,
    Db: FromRef<S>,
    IdleTimeout: FromRef<S>,
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
        let idle = IdleTimeout::from_ref(state).0.as_millis() as i64;
        let session = match storage::session_account(&Db::from_ref(state), &token_hash, idle).await? {
            storage::TokenState::Live(session) => session,
            storage::TokenState::Ended(storage::Ended::AccountDisabled) => return Err(ApiError::AccountDisabled),
            storage::TokenState::Ended(storage::Ended::DeviceRevoked) => return Err(ApiError::DeviceRevoked),
            storage::TokenState::Gone => {
                return Err(ApiError::Unauthorized(
                    "the token is unknown or has expired: log in again",
                ));
            }
        };
        Ok(Self {
            account: session.account,
            token_hash,
            device_id: session.device_id,
        })
    }
}

#[cfg(test)]
mod proxy_tests {
    use super::*;

    fn proxies(nets: &[&str]) -> TrustedProxies {
        TrustedProxies(std::sync::Arc::new(nets.iter().map(|n| n.parse().unwrap()).collect()))
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_forwarded_address_counts_only_from_a_trusted_proxy() {
        let trusted = proxies(&["10.0.0.0/24"]);
        assert_eq!(trusted.client(ip("10.0.0.5"), &["203.0.113.9"]), ip("203.0.113.9"));
        assert_eq!(trusted.client(ip("192.0.2.1"), &["203.0.113.9"]), ip("192.0.2.1"));
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.5"), &["203.0.113.9"]),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn a_client_cannot_hide_behind_an_address_it_wrote_itself() {
        let trusted = proxies(&["10.0.0.0/24"]);
        // The client wrote "1.2.3.4"; the proxy appended what it saw.
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &["1.2.3.4, 203.0.113.9"]),
            ip("203.0.113.9")
        );
        // Two proxies in a row, over two headers.
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &["203.0.113.9, 10.0.0.7", "10.0.0.6"]),
            ip("203.0.113.9")
        );
        // Garbage ends the walk at the last trusted hop.
        assert_eq!(
            trusted.client(ip("10.0.0.5"), &["203.0.113.9, nonsense"]),
            ip("10.0.0.5")
        );
        // No header: the proxy itself.
        assert_eq!(trusted.client(ip("10.0.0.5"), &[]), ip("10.0.0.5"));
    }
}
