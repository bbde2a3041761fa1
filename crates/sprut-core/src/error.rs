//! Errors of the domain, shared by the store and the edges.

pub use crate::conflict::Conflict;
pub use crate::reason::Reason;

/// One invalid input field and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the caller spelled it.
    pub field: String,
    /// What is wrong, as a code with its figures.
    pub reason: Reason,
}

impl FieldError {
    /// A field error.
    pub fn new(field: impl Into<String>, reason: Reason) -> Self {
        Self { field: field.into(), reason }
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
    Conflict(Conflict),
    /// The caller may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The caller used up a limit (records a day, requests a minute); the message says when to retry.
    #[error("{0}")]
    Limit(String),
    /// The storage failed; the message and its cause (printed in full) are for logs, never
    /// for users.
    #[error("storage: {}", .0.chain())]
    Storage(StorageError),
}

/// A failure of the storage: what sprut was doing, and the engine's own error as its source.
#[derive(Debug, thiserror::Error)]
#[error("{context}")]
pub struct StorageError {
    context: String,
    #[source]
    cause: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl StorageError {
    /// The whole story in one line for a log: the context, then each cause in turn.
    pub fn chain(&self) -> String {
        let mut out = self.context.clone();
        let mut next = std::error::Error::source(self);
        while let Some(e) = next {
            out.push_str(": ");
            out.push_str(&e.to_string());
            next = e.source();
        }
        out
    }
}

impl CoreError {
    /// A storage failure described by `context` alone.
    pub fn storage(context: impl Into<String>) -> Self {
        Self::Storage(StorageError { context: context.into(), cause: None })
    }

    /// A storage failure while `context`, caused by `cause` (kept as the error's source).
    pub fn storage_caused(context: impl Into<String>, cause: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Storage(StorageError { context: context.into(), cause: Some(Box::new(cause)) })
    }

    /// A validation error for one field.
    pub fn field(field: &str, reason: Reason) -> Self {
        Self::Validation(vec![FieldError::new(field, reason)])
    }

    /// The same error with its fields named inside `parent` (`next_step.due_on`).
    pub fn within(self, parent: &str) -> Self {
        match self {
            Self::Validation(errors) => Self::Validation(
                errors.into_iter().map(|e| FieldError { field: format!("{parent}.{}", e.field), ..e }).collect(),
            ),
            other => other,
        }
    }
}

/// Result of a use case.
pub type CoreResult<T> = Result<T, CoreError>;

#[cfg(test)]
mod tests {
    use super::CoreError;

    #[test]
    fn a_storage_error_keeps_its_cause() {
        let io = std::io::Error::other("disk full");
        let CoreError::Storage(e) = CoreError::storage_caused("the database", io) else { unreachable!() };
        assert_eq!(e.chain(), "the database: disk full");
        let cause = std::error::Error::source(&e).expect("the cause is kept");
        assert!(cause.downcast_ref::<std::io::Error>().is_some());
        assert_eq!(CoreError::Storage(e).to_string(), "storage: the database: disk full");
    }
}
