//! Who is calling: browser sessions (cookie), API tokens (bearer), passwords and CSRF.
//!
//! Sessions and API tokens are random 32-byte values handed out once and stored only as
//! their SHA-256. Passwords are hashed with argon2id and a random salt.
//!
//! The caller's IP is the TCP peer address (`ConnectInfo<SocketAddr>`). `X-Forwarded-For`
//! is trusted only when the peer is a loopback address, i.e. a reverse proxy on the same
//! machine; from anywhere else the header could be forged, so it is ignored.

use crate::error::AppError;
use crate::state::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{ConnectInfo, FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use sha2::{Digest, Sha256};
use sprut_core::employee::Employee;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::store::Session;
use sprut_core::Actor;
use std::net::SocketAddr;
use std::sync::OnceLock;
use time::{Duration, OffsetDateTime};

/// Name of the browser session cookie.
pub const SESSION_COOKIE: &str = "sprut_session";
/// Name of the cookie that pairs the sign-in form with its CSRF token (before any session).
pub const SIGN_IN_COOKIE: &str = "sprut_sign_in";
/// How long a browser session lasts.
pub const SESSION_HOURS: i64 = 12;
/// The one answer to a failed sign-in, whether the e-mail exists or not.
pub const WRONG_CREDENTIALS: &str = "wrong e-mail or password";

/// The signed-in employee of a request, with what they may see.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The employee.
    pub employee: Employee,
    /// The clients they may see.
    pub scope: Scope,
    /// The session's CSRF token (cookie sessions only; `None` for bearer tokens).
    pub csrf_token: Option<String>,
    /// Where the request came from.
    pub ip: Option<String>,
    /// The client program.
    pub user_agent: Option<String>,
}

impl CurrentUser {
    /// This user acting at `now`, for stamping and auditing a use case.
    pub fn actor(&self, now: OffsetDateTime) -> Actor {
        Actor { employee_id: Some(self.employee.id), now, ip: self.ip.clone(), user_agent: self.user_agent.clone() }
    }

    /// Whether the user came with a browser session cookie (and so needs CSRF checks).
    pub fn via_cookie(&self) -> bool {
        self.csrf_token.is_some()
    }
}

/// An extractor that never rejects: the signed-in user, if any.
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

/// The result of a successful sign-in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// Who signed in.
    pub employee: Employee,
    /// The full `Set-Cookie` header value carrying the session.
    pub set_cookie: String,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        authenticate(parts, state)
            .await?
            .ok_or_else(|| AppError::unauthorized("sign in first: send a bearer token or a session cookie"))
    }
}

impl OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Option<Self>, Self::Rejection> {
        match authenticate(parts, state).await {
            Ok(user) => Ok(user),
            Err(AppError::Unauthorized(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(authenticate(parts, state).await.ok().flatten()))
    }
}

/// Finds the caller: `Ok(None)` when no credentials were sent, 401 when they are wrong.
async fn authenticate(parts: &Parts, state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    let now = state.clock.now();
    let store = &*state.store;
    let (employee, csrf_token) = if let Some(token) = bearer_token(&parts.headers)? {
        match store.token_owner(&sha256_hex(token), now).await? {
            Some((e, t)) => {
                if t.needs_touch(now) {
                    // In the background: a request never waits for the writer (an import may
                    // hold it) to note when a token was last used.
                    let store = state.store.clone();
                    tokio::spawn(async move {
                        if let Err(e) = store.touch_token(t.id, now).await {
                            tracing::warn!(error = %e, "could not note a token's last use");
                        }
                    });
                }
                (e, None)
            }
            None => {
                return Err(AppError::unauthorized(
                    "unknown, expired or revoked API token; get a new one with POST /api/v1/tokens",
                ))
            }
        }
    } else if let Some(token) = session_cookie(&parts.headers) {
        match store.session(&sha256_hex(&token), now).await? {
            Some((session, e)) => (e, Some(session.csrf_token)),
            None => return Ok(None),
        }
    } else {
        return Ok(None);
    };
    let today = state.today().await;
    if !employee.can_sign_in_on(today) {
        return Err(AppError::unauthorized("this account is closed"));
    }
    let headed = store.headed_teams(employee.id).await?;
    let scope = Scope::of(&employee, &headed, today);
    let user = CurrentUser {
        employee,
        scope,
        csrf_token,
        ip: client_ip(parts),
        user_agent: parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(300).collect()),
    };
    if parts.method == axum::http::Method::GET {
        // Nested routers see their own part of the path; the log wants the whole of it.
        let uri = parts.extensions.get::<axum::extract::OriginalUri>().map_or(&parts.uri, |o| &o.0);
        let path = uri.path_and_query().map_or("", |p| p.as_str());
        crate::guard::watch::leaver_read(state, &user, path).await;
    }
    Ok(Some(user))
}

/// The bearer token of the `Authorization` header; 401 when the header is there but is not a bearer token.
fn bearer_token(headers: &HeaderMap) -> Result<Option<&str>, AppError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else { return Ok(None) };
    let value = value.to_str().map_err(|_| AppError::unauthorized("malformed Authorization header"))?;
    let (scheme, token) = value.trim().split_once(' ').unwrap_or((value, ""));
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err(AppError::unauthorized("the Authorization header must be 'Bearer <token>'"));
    }
    Ok(Some(token))
}

/// The value of cookie `name` from the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| k.trim() == name)
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
        .filter(|v| !v.is_empty())
}

/// The session token of the request's cookie, if any.
fn session_cookie(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

/// The caller's IP: the peer address, or the proxy's `X-Forwarded-For` when the peer is local.
fn client_ip(parts: &Parts) -> Option<String> {
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
    if peer.is_some_and(|ip| ip.is_loopback()) {
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(str::trim)
            .and_then(|s| s.parse::<std::net::IpAddr>().ok());
        if let Some(ip) = forwarded {
            return Some(ip.to_string());
        }
    }
    peer.map(|ip| ip.to_string())
}

/// Checks an e-mail and password and opens a browser session; 401 when they do not match.
pub async fn sign_in(state: &AppState, email: &str, password: &str, from: &Origin) -> Result<SignedIn, AppError> {
    let employee = check_credentials(state, email, password, from).await?;
    let now = state.clock.now();
    let (token, token_hash) = new_token();
    let (csrf_token, _) = new_token();
    let session =
        Session { token_hash, employee_id: employee.id, csrf_token, expires_at: now + Duration::hours(SESSION_HOURS) };
    state.store.create_session(&Actor::employee(employee.id, now), session).await?;
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let set_cookie =
        format!("{SESSION_COOKIE}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{secure}", SESSION_HOURS * 3600);
    Ok(SignedIn { employee, set_cookie })
}

/// The sign-in form's CSRF token: the one its cookie already carries, else a new one with the
/// cookie to set (double submit: a page of another site can neither read nor set it).
pub fn sign_in_token(state: &AppState, headers: &HeaderMap) -> (String, Option<String>) {
    if let Some(token) = cookie(headers, SIGN_IN_COOKIE).filter(|t| t.len() >= 32) {
        return (token, None);
    }
    let (token, _) = new_token();
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let set = format!("{SIGN_IN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/login; Max-Age=86400{secure}");
    (token, Some(set))
}

/// Whether a posted sign-in form carries the token of its own cookie.
pub fn sign_in_token_ok(headers: &HeaderMap, posted: &str) -> bool {
    cookie(headers, SIGN_IN_COOKIE).is_some_and(|t| !posted.is_empty() && t == posted)
}

/// Where a sign-in attempt comes from: the caller's address and program.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The address.
    pub ip: Option<String>,
    /// The program.
    pub user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let user_agent =
            parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(|s| s.chars().take(300).collect());
        Ok(Origin { ip: client_ip(parts), user_agent })
    }
}

/// The employee with this e-mail and password, able to sign in; 401 otherwise (same message
/// either way). Attempts are limited per e-mail and per address each minute; a failure is
/// recorded in the audit log, and repeated failures raise an alert.
pub async fn check_credentials(
    state: &AppState,
    email: &str,
    password: &str,
    from: &Origin,
) -> Result<Employee, AppError> {
    let now = state.clock.now();
    let email = email.trim().to_lowercase();
    let settings = state.settings().await;
    state.limits.check(&format!("sign-in:{email}"), settings.sign_ins_per_minute, now)?;
    if let Some(ip) = &from.ip {
        state.limits.check(&format!("sign-in-ip:{ip}"), settings.sign_ins_per_minute * 3, now)?;
    }
    let result = verify_credentials(state, &email, password).await;
    if matches!(result, Err(AppError::Unauthorized(_))) {
        let event = sprut_core::audit::NewAuditEvent {
            at: now,
            actor_id: None,
            action: sprut_store::SIGN_IN_FAILED.into(),
            entity: "sign_in".into(),
            entity_id: Some(email.clone()),
            ip: from.ip.clone(),
            user_agent: from.user_agent.clone(),
            details: "{}".into(),
        };
        state.store.record_failed_sign_in(event, &settings).await?;
    }
    result
}

/// The employee with this e-mail and password, able to sign in today; 401 otherwise.
async fn verify_credentials(state: &AppState, email: &str, password: &str) -> Result<Employee, AppError> {
    let found = state.store.employee_by_email(email).await?;
    let (employee, hash) = match found {
        Some((e, Some(hash))) => (Some(e), hash),
        // Hash anyway so that a missing account takes as long as a wrong password.
        _ => (None, dummy_hash().to_string()),
    };
    let password = password.to_string();
    let ok =
        tokio::task::spawn_blocking(move || verify_password(&hash, &password)).await.map_err(AppError::internal)?;
    match employee {
        Some(e) if ok && e.can_sign_in_on(state.today().await) => Ok(e),
        _ => Err(AppError::unauthorized(WRONG_CREDENTIALS)),
    }
}

/// A valid hash of a password nobody knows, to spend the same time on unknown e-mails.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("sprut: no such account").unwrap_or_default())
}

/// Ends the request's session (if any) and returns a `Set-Cookie` value that clears the cookie.
pub async fn sign_out(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(token) = session_cookie(headers) {
        if let Err(e) = state.store.delete_session(&sha256_hex(&token)).await {
            tracing::error!(error = %e, "could not delete a session at sign-out");
        }
    }
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{secure}")
}

/// Checks a submitted CSRF token against the session's; 403 on mismatch.
pub fn check_csrf(user: &CurrentUser, token: &str) -> Result<(), AppError> {
    match &user.csrf_token {
        Some(expected) if constant_time_eq(expected.as_bytes(), token.trim().as_bytes()) => Ok(()),
        Some(_) => Err(AppError::forbidden("missing or wrong CSRF token; reload the page and try again")),
        // Bearer-token callers carry no cookie, so there is nothing to forge.
        None => Ok(()),
    }
}

/// Compares two byte strings in time independent of where they differ.
/// Whether two secrets are equal, in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    constant_time_eq(a.as_bytes(), b.as_bytes())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Hashes a password with argon2id and a random salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(AppError::internal)?;
    let salt = SaltString::encode_b64(&salt).map_err(AppError::internal)?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(AppError::internal)
}

/// Whether `password` matches the PHC `hash`; false for a malformed hash.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// A new random token: (raw token to give out, its SHA-256 hex to store).
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    if let Err(e) = getrandom::getrandom(&mut bytes) {
        // The OS has no randomness: refuse to hand out a guessable token.
        panic!("no randomness from the operating system: {e}");
    }
    let raw = hex(&bytes);
    let hash = sha256_hex(&raw);
    (raw, hash)
}

/// SHA-256 of `text` in lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_round_trip() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "correct horse"));
        assert!(!verify_password(&h, "wrong"));
        assert!(!verify_password("not a hash", "x"));
        assert_ne!(h, hash_password("correct horse").unwrap());
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(ha, sha256_hex(&a));
    }

    #[test]
    fn cookies_are_parsed_by_hand() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; sprut_session=abc ; b=2".parse().unwrap());
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
    }

    #[test]
    fn constant_time_compare() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
