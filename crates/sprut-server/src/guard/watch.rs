//! What the request handlers report: client cards and contacts opened, attempts outside
//! one's scope, a leaver's reads, and how many records a list handed out.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use sprut_core::audit::NewAuditEvent;
use sprut_core::employee::EmployeeStatus;
use sprut_core::scope::is_watched;
use sprut_core::store::prelude::*;
use sprut_store::{ACCESS_DENIED, CLIENT_VIEW};

/// A read event by `user` now.
pub fn read_event(
    state: &AppState,
    user: &CurrentUser,
    action: &str,
    entity: &str,
    entity_id: Option<String>,
    details: serde_json::Value,
) -> NewAuditEvent {
    NewAuditEvent {
        at: state.clock.now(),
        actor_id: Some(user.employee.id),
        action: action.into(),
        entity: entity.into(),
        entity_id,
        ip: user.ip.clone(),
        user_agent: user.user_agent.clone(),
        details: details.to_string(),
    }
}

/// Notes that `user` opened a client card (reps, staff and leavers are watched): audited, and
/// counted once a day against the daily record limit.
pub async fn card_opened(state: &AppState, user: &CurrentUser, client: sprut_core::ClientId) -> Result<(), AppError> {
    if !is_watched(&user.employee) {
        return Ok(());
    }
    records_read(state, user, vec![format!("client:{client}")]).await?;
    let event = read_event(state, user, CLIENT_VIEW, "client", Some(client.to_string()), serde_json::json!({}));
    state.reads.push(event).await;
    Ok(())
}

/// Notes that `user` opened one record of another kind (a contact, a deal...).
pub async fn record_opened(state: &AppState, user: &CurrentUser, entity: &str, id: String) {
    if is_watched(&user.employee) {
        let action = format!("{entity}.view");
        state.reads.push(read_event(state, user, &action, entity, Some(id), serde_json::json!({}))).await;
    }
}

/// Notes an attempt to open a record outside `user`'s scope.
pub async fn denied(state: &AppState, user: &CurrentUser, entity: &str, id: String) {
    state.reads.push(read_event(state, user, ACCESS_DENIED, entity, Some(id), serde_json::json!({}))).await;
}

/// Notes every read of a departing employee (`path` and query).
pub async fn leaver_read(state: &AppState, user: &CurrentUser, path: &str) {
    if user.employee.status == EmployeeStatus::Departing {
        let details = serde_json::json!({ "path": path });
        state.reads.push(read_event(state, user, "read", "request", None, details)).await;
    }
}

/// Counts a list or search request against `user`'s per-minute limit.
pub async fn list_requested(state: &AppState, user: &CurrentUser) -> Result<(), AppError> {
    let per_minute = state.settings().await.list_requests_per_minute;
    state.limits.check(&format!("list:{}", user.employee.id), per_minute, state.clock.now())
}

/// Counts the records a list or a card hands to `user` (a key each, `client:ID`) against the
/// daily limit of reps and staff: each record once a company day.
pub async fn records_read(state: &AppState, user: &CurrentUser, records: Vec<String>) -> Result<(), AppError> {
    if !is_watched(&user.employee) || records.is_empty() {
        return Ok(());
    }
    let limit = state.settings().await.daily_record_limit;
    let at = (state.clock.now(), state.today().await);
    state.store.meter_reads(user.employee.id, at, &records, limit).await?;
    Ok(())
}
