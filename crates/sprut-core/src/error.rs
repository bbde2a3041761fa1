//! Errors of the domain, shared by the store and the edges.

use serde::Serialize;

/// One invalid input field and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field's name as the caller spelled it.
    pub field: String,
    /// What is wrong and what to do.
    pub reason: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self { field: field.into(), reason: reason.into() }
    }
}

/// What can go wrong in a use case.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The input is invalid; each field says why.
    #[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.reason)).collect::<Vec<_>>().join("; "))]
    Validation(Vec<FieldError>),
    /// The record does not exist (or is outside the caller's scope).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The change conflicts with the current state (a duplicate, an open assignment...).
    #[error("{0}")]
    Conflict(String),
    /// The caller may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The caller used up a limit (records a day, requests a minute); the message says when to retry.
    #[error("{0}")]
    Limit(String),
    /// The storage failed; the message is for logs, never for users.
    #[error("storage: {0}")]
    Storage(String),
}

impl CoreError {
    /// A validation error for one field.
    pub fn field(field: &str, reason: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, reason)])
    }
}

/// Result of a use case.
pub type CoreResult<T> = Result<T, CoreError>;
