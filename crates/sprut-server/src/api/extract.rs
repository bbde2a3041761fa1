//! Extractors of the JSON API: every rejection becomes our JSON error body.

use crate::auth::{check_csrf, CurrentUser};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::Method;
use axum::Json;
use serde::de::DeserializeOwned;
use sprut_core::FieldError;
use sprut_core::Reason;

/// Header a cookie-authenticated API call must carry on every change.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The signed-in caller of an API route; changes made through a session cookie must carry
/// `X-CSRF-Token` (bearer-token calls need none).
#[derive(Debug, Clone)]
pub struct Caller(pub CurrentUser);

impl std::ops::Deref for Caller {
    type Target = CurrentUser;
    fn deref(&self) -> &CurrentUser {
        &self.0
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe && user.via_cookie() {
            let token = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
            check_csrf(&user, token).map_err(|_| {
                AppError::forbidden("a change made with a session cookie needs the X-CSRF-Token header")
            })?;
        }
        Ok(Caller(user))
    }
}

/// Parses a JSON document into `T` with the same answers as [`ApiJson`].
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    Json::<T>::from_bytes(bytes).map(|Json(v)| v).map_err(json_rejection)
}

/// A JSON body; syntax errors answer 400, wrong types or missing fields 422 naming the field.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

/// Our answer to a refused JSON body.
fn json_rejection(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::JsonDataError(e) => {
            let (field, reason) = split_serde_error(&detail_of(&e.body_text()));
            AppError::Validation(vec![FieldError::new(field, Reason::Malformed { detail: reason })])
        }
        JsonRejection::JsonSyntaxError(e) => {
            AppError::bad_request(format!("malformed JSON body: {}", detail_of(&e.body_text())))
        }
        JsonRejection::MissingJsonContentType(_) => {
            AppError::UnsupportedMediaType("send the body as JSON with 'Content-Type: application/json'".into())
        }
        JsonRejection::BytesRejection(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::PayloadTooLarge(format!(
                "the body is larger than {} MB, the most this route takes",
                crate::uploads::MAX_FORM / (1024 * 1024)
            ))
        }
        JsonRejection::BytesRejection(e) => {
            AppError::bad_request(format!("cannot read the request body: {}", e.body_text()))
        }
        other => AppError::bad_request(other.body_text()),
    }
}

/// The serde part of an axum rejection text ("Failed to ...: <detail>").
fn detail_of(text: &str) -> String {
    text.split_once(": ").map(|(_, d)| d).unwrap_or(text).to_string()
}

/// Splits a `serde_path_to_error` message into (field path, reason without position).
fn split_serde_error(detail: &str) -> (String, String) {
    let detail = match detail.rfind(" at line ") {
        Some(i) => &detail[..i],
        None => detail,
    };
    let missing =
        |s: &str| s.strip_prefix("missing field `").and_then(|r| r.split_once('`')).map(|(f, _)| f.to_string());
    if let Some(f) = missing(detail) {
        return (f, "is required".into());
    }
    if let Some((path, reason)) = detail.split_once(": ") {
        if !path.is_empty() && !path.contains(' ') {
            if let Some(f) = missing(reason) {
                return (format!("{path}.{f}"), "is required".into());
            }
            return (path.to_string(), reason.to_string());
        }
    }
    ("body".into(), detail.to_string())
}

/// Path parameters; a malformed one answers 400 naming it.
#[derive(Debug, Clone)]
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(v)) => Ok(ApiPath(v)),
            Err(rejection) => {
                let params: Vec<(String, String)> = match RawPathParams::from_request_parts(parts, state).await {
                    Ok(raw) => raw.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
                    Err(_) => Vec::new(),
                };
                Err(path_rejection(rejection, &params))
            }
        }
    }
}

/// Our answer to a refused path parameter; `params` are the route's (name, raw value) pairs.
fn path_rejection(rejection: PathRejection, params: &[(String, String)]) -> AppError {
    let PathRejection::FailedToDeserializePathParams(e) = rejection else {
        return AppError::internal(format!("path parameters: {}", rejection.body_text()));
    };
    let names: Vec<String> = params.iter().map(|(k, _)| k.clone()).collect();
    // The parameter whose value the message quotes, or the only parameter there is.
    let named_in = |message: &str| {
        params
            .iter()
            .find(|(_, v)| message.contains(&format!("`{v}`")) || message.contains(&format!("'{v}'")))
            .map(|(k, _)| k.clone())
    };
    let guess = || names.first().cloned().filter(|_| names.len() == 1).unwrap_or_else(|| "path".into());
    let (field, reason) = match e.kind() {
        ErrorKind::ParseErrorAtKey { key, value, expected_type } => {
            (key.clone(), format!("'{value}' is not a valid {}", friendly_type(expected_type)))
        }
        ErrorKind::ParseErrorAtIndex { index, value, expected_type } => (
            names.get(*index).cloned().unwrap_or_else(guess),
            format!("'{value}' is not a valid {}", friendly_type(expected_type)),
        ),
        ErrorKind::ParseError { value, expected_type } => (
            named_in(&format!("`{value}`")).unwrap_or_else(guess),
            format!("'{value}' is not a valid {}", friendly_type(expected_type)),
        ),
        ErrorKind::DeserializeError { key, value, message } => (key.clone(), format!("'{value}': {message}")),
        ErrorKind::InvalidUtf8InPathParam { key } => (key.clone(), "is not valid UTF-8".into()),
        ErrorKind::Message(m) => (named_in(m).unwrap_or_else(guess), m.clone()),
        other => return AppError::internal(format!("path parameters: {other}")),
    };
    AppError::bad_field(field, Reason::Malformed { detail: reason })
}

fn friendly_type(t: &str) -> &str {
    if t.contains("Uuid") || t.ends_with("Id") {
        "id"
    } else {
        t.rsplit("::").next().unwrap_or(t)
    }
}

/// Query parameters; a malformed one answers 400 naming it.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(ApiQuery(v)),
            Err(rejection) => Err(query_rejection(rejection)),
        }
    }
}

/// Our answer to a refused query string.
fn query_rejection(rejection: QueryRejection) -> AppError {
    let (field, reason) = split_serde_error(&detail_of(&rejection.body_text()));
    let field = if field == "body" { "query".to_string() } else { field };
    AppError::bad_field(field, Reason::Malformed { detail: reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_name_their_field() {
        assert_eq!(split_serde_error("missing field `name` at line 1 column 2"), ("name".into(), "is required".into()));
        assert_eq!(
            split_serde_error("tier: unknown variant `x`, expected one of `key` at line 1 column 9"),
            ("tier".into(), "unknown variant `x`, expected one of `key`".into())
        );
        assert_eq!(split_serde_error("expected value").0, "body");
    }
}
