//! Who may do what through the API, the 404 that hides records outside one's scope (and
//! records the attempt), and the metering of list reads.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::guard::watch;
use crate::state::AppState;
use axum::Json;
use sprut_core::employee::Role;
use sprut_core::error::CoreResult;
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::{manages, may_write, RecordKind};
use sprut_core::store::prelude::*;
use sprut_core::ClientId;
use sprut_core::Reason;

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

/// Refuses callers who do not oversee the base: administrators, auditors and heads of sales do.
pub fn require_overseer(user: &CurrentUser) -> Result<(), AppError> {
    match user.employee.role {
        Role::Admin | Role::Auditor | Role::Head => Ok(()),
        _ => Err(AppError::forbidden("only a head of sales, an administrator or an auditor sees this")),
    }
}

/// Refuses a caller who may not add a record of `kind` under `client`: 404 unless the client
/// is in his scope and his department sees that kind, 403 when his access is read-only. The
/// API's create and the card's activity form ask this one question.
pub async fn require_add(
    state: &AppState,
    user: &CurrentUser,
    client: ClientId,
    kind: RecordKind,
) -> Result<(), AppError> {
    require_kind(state, user, client, kind, "client").await?;
    require_write(user)
}

/// Whether the card of a client `user` sees offers him to add records of `kind` (the answer
/// [`require_add`] gives there, without recording anything).
pub fn offers_add(user: &CurrentUser, kind: RecordKind) -> bool {
    user.scope.sees(kind) && require_write(user).is_ok()
}

/// Refuses callers who may not read the audit trail (administrators and auditors may).
pub fn require_auditor(user: &CurrentUser) -> Result<(), AppError> {
    if matches!(user.employee.role, Role::Admin | Role::Auditor) {
        Ok(())
    } else {
        Err(AppError::forbidden("only an administrator or an auditor may read this"))
    }
}

/// Answers 404 "`what` not found" unless `client` is inside the caller's scope; the refused
/// attempt is recorded.
pub async fn require_visible(
    state: &AppState,
    user: &CurrentUser,
    client: ClientId,
    what: &str,
) -> Result<(), AppError> {
    if state.store.client_in_scope(&user.scope, client).await? {
        Ok(())
    } else {
        watch::denied(state, user, "client", client.to_string()).await;
        Err(AppError::not_found(format!("{what} not found")))
    }
}

/// The answer of a read of `client` limited to the caller's scope: its not-found (outside the
/// scope, or nowhere) is the 404 of `what` with the attempt recorded, as [`require_visible`]
/// answers, without asking the scope a second time.
pub async fn seen<T>(
    state: &AppState,
    user: &CurrentUser,
    client: ClientId,
    what: &str,
    read: CoreResult<T>,
) -> Result<T, AppError> {
    match read {
        Err(sprut_core::CoreError::NotFound(_)) => {
            watch::denied(state, user, "client", client.to_string()).await;
            Err(AppError::not_found(format!("{what} not found")))
        }
        other => Ok(other?),
    }
}

/// Answers 404 unless a record of `kind` (`entity` `id`, of `client`) is visible to the
/// caller: its client in scope and the kind among what the caller's department sees.
/// A visible record opened by a watched employee is noted in the read log.
pub async fn require_record(
    state: &AppState,
    user: &CurrentUser,
    client: ClientId,
    kind: RecordKind,
    entity: &str,
    id: String,
) -> Result<(), AppError> {
    require_kind(state, user, client, kind, entity).await?;
    watch::record_opened(state, user, entity, id).await;
    Ok(())
}

/// Answers 404 unless `client` is in the caller's scope and records of `kind` are among what
/// the caller's department sees (for creating such a record).
pub async fn require_kind(
    state: &AppState,
    user: &CurrentUser,
    client: ClientId,
    kind: RecordKind,
    entity: &str,
) -> Result<(), AppError> {
    require_visible(state, user, client, entity).await?;
    if !user.scope.sees(kind) {
        watch::denied(state, user, entity, client.to_string()).await;
        return Err(AppError::not_found(format!("{entity} not found")));
    }
    Ok(())
}

/// A list read: counted against the caller's requests a minute before, and after against a rep's
/// or staff member's records a day (each record, named by `key`, once a day).
pub async fn list_read<T>(
    state: &AppState,
    user: &CurrentUser,
    page: &PageRequest,
    fetch: impl std::future::Future<Output = CoreResult<Page<T>>>,
    key: impl Fn(&T) -> String,
) -> Result<Json<Page<T>>, AppError> {
    check_page(page)?;
    watch::list_requested(state, user).await?;
    let got = fetch.await?;
    watch::records_read(state, user, got.items.iter().map(key).collect()).await?;
    Ok(Json(got))
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
    if page.limit.is_some_and(|l| !(1..=sprut_core::page::MAX_LIMIT).contains(&l)) {
        return Err(AppError::bad_field("limit", Reason::PageSize { max: sprut_core::page::MAX_LIMIT }));
    }
    page.cursor().map(|_| ()).map_err(|_| AppError::bad_field("after", Reason::Cursor))
}
