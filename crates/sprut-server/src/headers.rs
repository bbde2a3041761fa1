//! What every response says to the browser about itself (no framing, no sniffing, no scripts,
//! no caching of what a signed-in person sees), and the refusal of a form posted from another
//! site.

use axum::extract::Request;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The pages load their stylesheet and icon from this server and nothing else: no script at
/// all, no frame around them, forms only to this server.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the security headers to every response, `Cache-Control: no-store` to what a signed-in
/// caller receives, and answers 403 to a form posted by a page of another site.
pub async fn secure(request: Request, next: Next) -> Response {
    let signed_in = request.headers().contains_key(header::AUTHORIZATION)
        || request
            .headers()
            .get(header::COOKIE)
            .is_some_and(|c| c.to_str().is_ok_and(|c| c.contains(crate::auth::SESSION_COOKIE)));
    if let Some(origin) = foreign_origin(request.method(), request.headers()) {
        tracing::warn!(origin, "a form posted from another site was refused");
        return (StatusCode::FORBIDDEN, "a form from another site cannot change anything here").into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if signed_in && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// The `Origin` of a request that changes something from a browser (no bearer token) when it
/// is not this server as the browser reached it (its `Host`, or the proxy's
/// `X-Forwarded-Host`); a request without `Origin` passes, to the CSRF token's check.
fn foreign_origin(method: &Method, headers: &HeaderMap) -> Option<String> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) || headers.contains_key(header::AUTHORIZATION) {
        return None;
    }
    let origin = headers.get(header::ORIGIN)?.to_str().unwrap_or("null");
    let authority = origin.split_once("://").map(|(_, rest)| rest);
    let host = headers.get("x-forwarded-host").or_else(|| headers.get(header::HOST)).and_then(|h| h.to_str().ok());
    match (authority, host) {
        (Some(a), Some(h)) if a.eq_ignore_ascii_case(h) => None,
        _ => Some(origin.to_string()),
    }
}

/// The address the server is reached at, as the request names it (`X-Forwarded-Proto` behind a
/// proxy): the start of the links it gives out (calendar feeds, survey letters).
pub fn origin(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let scheme = headers.get("x-forwarded-proto").and_then(|h| h.to_str().ok()).unwrap_or("http");
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (header::HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn only_a_browser_form_from_elsewhere_is_foreign() {
        let here = [("host", "crm.firm.ru"), ("origin", "https://crm.firm.ru")];
        assert_eq!(foreign_origin(&Method::POST, &headers(&here)), None);
        let elsewhere = [("host", "crm.firm.ru"), ("origin", "https://evil.example")];
        assert_eq!(foreign_origin(&Method::POST, &headers(&elsewhere)).as_deref(), Some("https://evil.example"));
        assert_eq!(foreign_origin(&Method::GET, &headers(&elsewhere)), None, "reading changes nothing");
        let sandboxed = [("host", "crm.firm.ru"), ("origin", "null")];
        assert!(foreign_origin(&Method::POST, &headers(&sandboxed)).is_some());
        let api = [("host", "crm.firm.ru"), ("origin", "https://evil.example"), ("authorization", "Bearer x")];
        assert_eq!(foreign_origin(&Method::POST, &headers(&api)), None, "a token is not sent by a browser on its own");
        assert_eq!(foreign_origin(&Method::POST, &headers(&[("host", "crm.firm.ru")])), None);
        let proxied =
            [("host", "127.0.0.1:8080"), ("x-forwarded-host", "crm.firm.ru"), ("origin", "https://crm.firm.ru")];
        assert_eq!(foreign_origin(&Method::POST, &headers(&proxied)), None);
    }
}
