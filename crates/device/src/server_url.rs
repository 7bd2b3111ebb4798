//! The one rule for the backend's address (MASVS-NETWORK-1): case data only
//! travels over TLS. Plain `http://` is accepted for this device itself
//! (127.0.0.0/8, ::1, localhost) — the developer's and the tests' own
//! server, where no network is crossed. The login screen asks this function
//! and shows its refusal; the sync client asks it again before every request.

use samenop_core::Lang;
use samenop_core::catalogue::text;

/// Why an address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ServerUrlError {
    /// Nothing typed, or not an address at all.
    #[error("not a server address")]
    Invalid,
    /// `http://` (or another scheme) to a machine other than this one.
    #[error("only a secure connection (https://) is allowed, except to this device itself")]
    NotHttps,
}

impl ServerUrlError {
    fn key(self) -> &'static str {
        match self {
            Self::Invalid => "error-server_url_invalid",
            Self::NotHttps => "error-server_url_not_https",
        }
    }

    /// What the person reads, in their language.
    pub fn text(self, lang: Lang) -> String {
        text(lang, self.key()).to_string()
    }
}

/// The address as the app stores and uses it: trimmed, scheme and host in
/// lower case, without a trailing slash (paths are appended as `/api/…`).
/// Refuses anything that is not `https://`, except loopback over `http://`;
/// refuses user names/passwords, queries and fragments in the address.
pub fn check_server_url(input: &str) -> Result<String, ServerUrlError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(ServerUrlError::Invalid);
    }
    let url = url::Url::parse(input).map_err(|_| ServerUrlError::Invalid)?;
    let host = url.host().ok_or(ServerUrlError::Invalid)?;
    if !url.username().is_empty() || url.password().is_some() || url.query().is_some() || url.fragment().is_some() {
        return Err(ServerUrlError::Invalid);
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => return Err(ServerUrlError::NotHttps),
        _ => return Err(ServerUrlError::Invalid),
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_to_another_machine_is_refused() {
        for url in [
            "http://10.0.0.1",
            "http://10.1.2.3:8080/",
            "http://samenop.example.nl",
            "http://localhost.example.nl",
            "http://[::2]",
            "http://128.0.0.1",
        ] {
            assert_eq!(check_server_url(url), Err(ServerUrlError::NotHttps), "{url}");
        }
    }

    #[test]
    fn loopback_may_use_plain_http() {
        assert_eq!(
            check_server_url("http://127.0.0.1:8080").as_deref(),
            Ok("http://127.0.0.1:8080")
        );
        assert_eq!(check_server_url("http://127.1.2.3").as_deref(), Ok("http://127.1.2.3"));
        assert_eq!(
            check_server_url("http://[::1]:9000").as_deref(),
            Ok("http://[::1]:9000")
        );
        assert_eq!(
            check_server_url("http://LocalHost:8080").as_deref(),
            Ok("http://localhost:8080")
        );
    }

    #[test]
    fn https_is_allowed_and_normalised() {
        assert_eq!(check_server_url("https://x").as_deref(), Ok("https://x"));
        assert_eq!(
            check_server_url("  HTTPS://Samenop.Example.NL//  \n").as_deref(),
            Ok("https://samenop.example.nl")
        );
        assert_eq!(
            check_server_url("https://example.nl/samenop/").as_deref(),
            Ok("https://example.nl/samenop")
        );
        assert_eq!(
            check_server_url("https://example.nl:443").as_deref(),
            Ok("https://example.nl")
        );
    }

    #[test]
    fn junk_is_refused_as_no_address() {
        for url in [
            "",
            "   ",
            "samenop.example.nl",
            "ftp://example.nl",
            "javascript:alert(1)",
            "https://",
            "https://user:secret@example.nl",
            "https://example.nl/?next=x",
            "https://example.nl/#x",
            "file:///etc/passwd",
        ] {
            assert_eq!(check_server_url(url), Err(ServerUrlError::Invalid), "{url:?}");
        }
    }

    #[test]
    fn refusals_read_in_both_languages() {
        for e in [ServerUrlError::Invalid, ServerUrlError::NotHttps] {
            assert_ne!(e.text(Lang::Nl), e.text(Lang::En));
            assert!(!e.text(Lang::Nl).is_empty());
        }
        assert!(ServerUrlError::NotHttps.text(Lang::Nl).contains("https://"));
    }
}
