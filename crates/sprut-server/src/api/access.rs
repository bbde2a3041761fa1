//! Who may do what through the API, and the 404 that hides clients outside one's scope.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use sprut_core::employee::Role;
use sprut_core::page::PageRequest;
use sprut_core::scope::{manages, may_write};
use sprut_core::store::Store;
use sprut_core::ClientId;

/// Refuses read-only callers: auditors, departing and departed employees.
pub fn require_write(user: &CurrentUser) -> Result<(), AppError> {
    if user.employee.role == Role::Auditor {
        return Err(AppError::forbidden("auditors have read-only access"));
    }
    if !may_write(&user.employee) {
        return Err(AppError::forbidden("your access is read-only now"));
    }
    Ok(())
}

/// Refuses callers who do not manage the base (only admins and heads of sales may).
pub fn require_manager(user: &CurrentUser) -> Result<(), AppError> {
    require_write(user)?;
    if !manages(&user.employee) {
        return Err(AppError::forbidden("only an administrator or a head of sales may do this"));
    }
    Ok(())
}

/// Refuses callers who are not administrators.
pub fn require_admin(user: &CurrentUser) -> Result<(), AppError> {
    require_write(user)?;
    if user.employee.role != Role::Admin {
        return Err(AppError::forbidden("only an administrator may do this"));
    }
    Ok(())
}

/// Answers 404 "`what` not found" unless `client` is inside the caller's scope.
pub async fn require_visible(
    state: &AppState,
    user: &CurrentUser,
    client: ClientId,
    what: &str,
) -> Result<(), AppError> {
    if state.store.client_in_scope(&user.scope, client).await? {
        Ok(())
    } else {
        Err(AppError::not_found(format!("{what} not found")))
    }
}

/// Turns a store "not found" into ours, keeping every other error.
pub fn not_found_as(what: &str) -> impl Fn(sprut_core::CoreError) -> AppError + '_ {
    move |e| match e {
        sprut_core::CoreError::NotFound(_) => AppError::not_found(format!("{what} not found")),
        other => other.into(),
    }
}

/// Checks the page parameters up front, so a bad cursor is a 400 naming `after`.
pub fn check_page(page: &PageRequest) -> Result<(), AppError> {
    page.cursor().map(|_| ()).map_err(|_| AppError::bad_field("after", "is not a cursor from a previous page"))
}
