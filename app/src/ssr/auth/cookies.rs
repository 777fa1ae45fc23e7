//! The session cookie: HttpOnly, SameSite=Lax, path `/`; Secure with the `__Host-` prefix when
//! the app is served over https (PREWORK_PUBLIC_URL), which also pins it to this exact host.

use http::HeaderMap;
use http::header::COOKIE;

const NAME: &str = "prework_session";
const SECURE_NAME: &str = "__Host-prework_session";

pub fn name(secure: bool) -> &'static str {
    if secure { SECURE_NAME } else { NAME }
}

/// The `Set-Cookie` value that stores a session for `max_age_secs`.
pub fn set(secure: bool, token: &str, max_age_secs: i64) -> String {
    let secure_attr = if secure { "; Secure" } else { "" };
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure_attr}",
        name(secure)
    )
}

/// The `Set-Cookie` value that stores a new session for its whole life: the one writer of a
/// signed-in browser's cookie (sign-in, sign-up and personal links alike).
pub fn session(secure: bool, token: &str) -> String {
    set(secure, token, super::SESSION_ABSOLUTE.as_secs())
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear(secure: bool) -> String {
    set(secure, "", 0)
}

/// The session token the request carries, if any.
pub fn read(headers: &HeaderMap, secure: bool) -> Option<String> {
    let wanted = name(secure);
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == wanted && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn cookies_are_http_only_lax_and_secure_over_https() {
        let plain = set(false, "pws_x", 60);
        assert_eq!(
            plain,
            "prework_session=pws_x; Path=/; HttpOnly; SameSite=Lax; Max-Age=60"
        );
        let secure = set(true, "pws_x", 60);
        assert!(secure.starts_with("__Host-prework_session=pws_x; Path=/;"));
        assert!(secure.ends_with("; Secure"));
        assert!(clear(false).contains("Max-Age=0"));
    }

    #[test]
    fn the_session_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("a=1; prework_session=pws_abc; b=2"),
        );
        assert_eq!(read(&headers, false).as_deref(), Some("pws_abc"));
        assert_eq!(read(&headers, true), None);
        headers.insert(COOKIE, HeaderValue::from_static("prework_session="));
        assert_eq!(read(&headers, false), None);
    }
}
