//! The one error type at the HTTP edge: a status and a JSON body `{code, message, fields}`.
//!
//! A 500 never shows internals: the detail goes to the log (`tracing::error!`) when the
//! error is made, the caller only reads "internal error; it has been logged".

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use sprut_core::Reason;
use sprut_core::{Conflict, CoreError, FieldError};

/// What the caller reads when something went wrong on our side.
pub const INTERNAL_MESSAGE: &str = "internal error; it has been logged";

/// Every failure a request can end with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppError {
    /// 400: the request itself is malformed (bad JSON, bad path or query parameter).
    BadRequest {
        /// What is wrong.
        message: String,
        /// The parameter(s) concerned, when known.
        fields: Vec<FieldError>,
    },
    /// 401: nobody is signed in, or the credentials are wrong.
    Unauthorized(String),
    /// 403: signed in, but not allowed to do this.
    Forbidden(String),
    /// 404: no such record (or not in the caller's scope).
    NotFound(String),
    /// 409: the change conflicts with the current state.
    Conflict(Conflict),
    /// 413: the body is larger than the route takes.
    PayloadTooLarge(String),
    /// 415: the body is not in a format we read.
    UnsupportedMediaType(String),
    /// 429: a limit was reached (requests a minute, records a day).
    TooManyRequests(String),
    /// 422: the input is well-formed but invalid; each field says why.
    Validation(Vec<FieldError>),
    /// 500: our fault; the detail was logged, never shown.
    Internal,
}

/// The JSON body of every error response.
#[derive(Debug, Clone, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Machine-readable kind: `bad_request`, `unauthorized`, `forbidden`, `not_found`,
    /// `conflict`, `payload_too_large`, `unsupported_media_type`, `too_many_requests`, `validation`,
    /// `internal`.
    pub code: String,
    /// What went wrong, for a person.
    pub message: String,
    /// The invalid fields (empty unless the error is about input).
    pub fields: Vec<ErrorField>,
}

/// One invalid field in an error body.
#[derive(Debug, Clone, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ErrorField {
    /// The field or parameter name.
    pub field: String,
    /// Why it is invalid, as a stable code (`required`, `too_long`, `email`...).
    pub code: String,
    /// Why it is invalid, in English.
    pub reason: String,
}

impl AppError {
    /// 401 with `msg`.
    pub fn unauthorized(msg: impl Into<String>) -> Self {
        Self::Unauthorized(msg.into())
    }

    /// 403 with `msg`.
    pub fn forbidden(msg: impl Into<String>) -> Self {
        Self::Forbidden(msg.into())
    }

    /// 400 with `msg`.
    pub fn bad_request(msg: impl Into<String>) -> Self {
        Self::BadRequest { message: msg.into(), fields: Vec::new() }
    }

    /// 400 about one named parameter or field.
    pub fn bad_field(field: impl Into<String>, reason: Reason) -> Self {
        let field = field.into();
        Self::BadRequest {
            message: format!("invalid parameter '{field}': {reason}"),
            fields: vec![FieldError::new(field, reason)],
        }
    }

    /// 404 with `msg`.
    pub fn not_found(msg: impl Into<String>) -> Self {
        Self::NotFound(msg.into())
    }

    /// 422 about one field.
    pub fn invalid(field: impl Into<String>, reason: Reason) -> Self {
        Self::Validation(vec![FieldError::new(field, reason)])
    }

    /// 500: logs `detail` now and answers a generic message.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(detail = %detail, "internal error");
        Self::Internal
    }

    /// Whether the request's values were refused (bad values, a rule, a conflict): a form says
    /// so above itself instead of ending on an error page.
    pub fn is_refusal(&self) -> bool {
        matches!(self, Self::Validation(_) | Self::BadRequest { .. } | Self::Conflict(_))
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadRequest { .. } => "bad_request",
            Self::Unauthorized(_) => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound(_) => "not_found",
            Self::Conflict(_) => "conflict",
            Self::PayloadTooLarge(_) => "payload_too_large",
            Self::UnsupportedMediaType(_) => "unsupported_media_type",
            Self::TooManyRequests(_) => "too_many_requests",
            Self::Validation(_) => "validation",
            Self::Internal => "internal",
        }
    }

    /// The user-facing message; never internals.
    pub fn message(&self) -> String {
        match self {
            Self::BadRequest { message, .. } => message.clone(),
            Self::Unauthorized(m)
            | Self::Forbidden(m)
            | Self::NotFound(m)
            | Self::PayloadTooLarge(m)
            | Self::UnsupportedMediaType(m)
            | Self::TooManyRequests(m) => m.clone(),
            Self::Conflict(c) => c.to_string(),
            Self::Validation(fields) => format!(
                "invalid input: {}",
                fields.iter().map(|f| format!("{}: {}", f.field, f.reason)).collect::<Vec<_>>().join("; ")
            ),
            Self::Internal => INTERNAL_MESSAGE.to_string(),
        }
    }

    /// The invalid fields, if the error is about input.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            Self::BadRequest { fields, .. } | Self::Validation(fields) => fields,
            _ => &[],
        }
    }

    /// The JSON body of this error.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code().to_string(),
            message: self.message(),
            fields: self
                .fields()
                .iter()
                .map(|f| ErrorField {
                    field: f.field.clone(),
                    code: f.reason.code().into(),
                    reason: f.reason.to_string(),
                })
                .collect(),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.status().as_u16(), self.code(), self.message())
    }
}

impl std::error::Error for AppError {}

impl From<CoreError> for AppError {
    fn from(err: CoreError) -> Self {
        match err {
            CoreError::Validation(fields) => Self::Validation(fields),
            CoreError::NotFound(what) => Self::NotFound(format!("{what} not found")),
            CoreError::Conflict(msg) => Self::Conflict(msg),
            CoreError::Forbidden(msg) => Self::Forbidden(msg),
            CoreError::Limit(msg) => Self::TooManyRequests(msg),
            e @ CoreError::Storage(_) => Self::internal(e),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (self.status(), Json(self.body())).into_response()
    }
}

/// The response to a panic in a handler (used by the catch-panic layer): a generic 500.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = if let Some(s) = err.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = err.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-text payload".to_string()
    };
    AppError::internal(format!("handler panicked: {detail}")).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_errors_hide_their_detail() {
        let e = AppError::from(CoreError::storage("UNIQUE constraint failed: secret_table"));
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!e.message().contains("secret_table"));
        assert_eq!(e.body().code, "internal");
    }

    #[test]
    fn validation_names_fields() {
        let e = AppError::from(CoreError::field("name", Reason::Required));
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(e.fields()[0].field, "name");
        assert!(e.message().contains("name: must not be empty"));
    }
}
