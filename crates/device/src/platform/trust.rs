//! Whom the native sync client trusts (MASVS-NETWORK-2): by default the
//! public web PKI (webpki-roots, compiled in); optionally a private CA
//! instead, and/or pins on the backend's key — the SHA-256 of its
//! SubjectPublicKeyInfo, base64, as `openssl x509 -pubkey -noout | openssl
//! pkey -pubin -outform der | openssl dgst -sha256 -binary | base64` prints.
//!
//! Configured by `SAMENOP_SERVER_CA` (path of a PEM file with the CA
//! certificate(s)) and `SAMENOP_SERVER_PINS` (comma-separated hashes, an
//! optional `sha256/` prefix each), read when the client is built; a bundle
//! for a phone, where nobody sets environment variables, takes the same
//! two variables at build time. A pin never replaces chain validation: the
//! chain is checked first (webpki), then one of the presented certificates
//! must carry a pinned key, so a rotated key needs a new pin shipped first.

use std::sync::Arc;

use base64::Engine as _;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};
use sha2::{Digest, Sha256};

pub const CA_VAR: &str = "SAMENOP_SERVER_CA";
pub const PINS_VAR: &str = "SAMENOP_SERVER_PINS";

/// A trust configuration that cannot be used; the client refuses to start
/// rather than fall back to a weaker trust.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TrustError {
    #[error("server CA {path}: {reason}")]
    Ca { path: String, reason: String },
    #[error("server pin {0:?} is not the base64 of a SHA-256 hash")]
    Pin(String),
    #[error("TLS set-up: {0}")]
    Tls(String),
}

/// The backend trust: private CA certificates (DER) and SPKI pins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trust {
    pub ca: Vec<CertificateDer<'static>>,
    pub pins: Vec<[u8; 32]>,
}

impl Trust {
    /// From the environment at run time, else as the bundle was built.
    pub fn from_env() -> Result<Self, TrustError> {
        let ca = std::env::var(CA_VAR)
            .ok()
            .or_else(|| option_env!("SAMENOP_SERVER_CA").map(str::to_string));
        let pins = std::env::var(PINS_VAR)
            .ok()
            .or_else(|| option_env!("SAMENOP_SERVER_PINS").map(str::to_string));
        let mut trust = Trust::default();
        if let Some(path) = ca.filter(|p| !p.trim().is_empty()) {
            let pem = std::fs::read(path.trim()).map_err(|e| TrustError::Ca {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            trust = trust
                .with_ca_pem(&pem)
                .map_err(|reason| TrustError::Ca { path, reason })?;
        }
        if let Some(pins) = pins {
            for pin in pins.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                trust.pins.push(parse_pin(pin)?);
            }
        }
        Ok(trust)
    }

    /// Adds the certificates of a PEM text as the only roots.
    pub fn with_ca_pem(mut self, pem: &[u8]) -> Result<Self, String> {
        for cert in CertificateDer::pem_slice_iter(pem) {
            self.ca.push(cert.map_err(|e| e.to_string())?);
        }
        if self.ca.is_empty() {
            return Err("no certificate in the PEM file".into());
        }
        Ok(self)
    }

    /// The reqwest client for this trust.
    pub fn client(&self) -> Result<reqwest::Client, TrustError> {
        let builder = reqwest::Client::builder();
        if self.ca.is_empty() && self.pins.is_empty() {
            return builder.build().map_err(|e| TrustError::Tls(e.to_string()));
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = RootCertStore::empty();
        if self.ca.is_empty() {
            roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        } else {
            for cert in &self.ca {
                roots.add(cert.clone()).map_err(|e| TrustError::Tls(e.to_string()))?;
            }
        }
        let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .build()
            .map_err(|e| TrustError::Tls(e.to_string()))?;
        let verifier = Arc::new(PinnedVerifier {
            webpki,
            pins: self.pins.clone(),
        });
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| TrustError::Tls(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        builder
            .use_preconfigured_tls(config)
            .build()
            .map_err(|e| TrustError::Tls(e.to_string()))
    }
}

/// One pin: base64 (standard) of 32 bytes, optionally `sha256/…`.
pub fn parse_pin(pin: &str) -> Result<[u8; 32], TrustError> {
    let b64 = pin.strip_prefix("sha256/").unwrap_or(pin);
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or_else(|| TrustError::Pin(pin.to_string()))
}

/// The pin of a certificate: SHA-256 over its DER SubjectPublicKeyInfo.
pub fn spki_sha256(cert: &CertificateDer<'_>) -> Option<[u8; 32]> {
    let parsed = webpki::EndEntityCert::try_from(cert).ok()?;
    Some(Sha256::digest(parsed.subject_public_key_info().as_ref()).into())
}

/// webpki's verdict first, then the pin.
#[derive(Debug)]
struct PinnedVerifier {
    webpki: Arc<WebPkiServerVerifier>,
    pins: Vec<[u8; 32]>,
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verified = self
            .webpki
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)?;
        if self.pins.is_empty() {
            return Ok(verified);
        }
        let pinned = std::iter::once(end_entity)
            .chain(intermediates)
            .filter_map(spki_sha256)
            .any(|hash| self.pins.contains(&hash));
        if pinned {
            Ok(verified)
        } else {
            tracing::warn!("sync: the server's key matches none of the pinned keys (SAMENOP_SERVER_PINS)");
            Err(rustls::Error::General(
                "the server's key matches none of the pinned keys (SAMENOP_SERVER_PINS)".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.webpki.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.webpki.supported_verify_schemes()
    }
}

/// The sync client with the configured trust.
pub fn http_client() -> Result<reqwest::Client, String> {
    Trust::from_env().and_then(|t| t.client()).map_err(|e| e.to_string())
}

/// Whether a request failed because the server did not prove who it is
/// (an untrusted chain, a pin that does not match, a broken handshake):
/// a rustls error somewhere in the chain. Told apart from "no connection"
/// so the person does not just wait for the network (issue 16 §3).
pub fn is_trust_failure(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(e) = next {
        if e.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        // `io::Error::source` skips the error it wraps (hyper nests two
        // io::Errors around rustls's): look inside instead.
        next = match e.downcast_ref::<std::io::Error>() {
            Some(io) => io.get_ref().map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_parse_with_or_without_prefix_and_junk_is_refused() {
        let b64 = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
        assert_eq!(parse_pin(&b64), Ok([7u8; 32]));
        assert_eq!(parse_pin(&format!("sha256/{b64}")), Ok([7u8; 32]));
        assert!(parse_pin("not-base64!").is_err());
        assert!(parse_pin(&base64::engine::general_purpose::STANDARD.encode([7u8; 20])).is_err());
    }

    #[test]
    fn a_pem_without_certificates_is_refused() {
        assert!(Trust::default().with_ca_pem(b"nothing here").is_err());
    }
}
