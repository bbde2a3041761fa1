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

/// Notes that `user` opened a client card (reps, staff and leavers are watched).
pub async fn card_opened(state: &AppState, user: &CurrentUser, client: sprut_core::ClientId) {
    if is_watched(&user.employee) {
        state
            .reads
            .push(read_event(state, user, CLIENT_VIEW, "client", Some(client.to_string()), serde_json::json!({})))
            .await;
    }
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

/// Counts `records` a list handed to `user` against the daily limit of reps and staff.
pub async fn records_read(state: &AppState, user: &CurrentUser, records: usize) -> Result<(), AppError> {
    if !is_watched(&user.employee) || records == 0 {
        return Ok(());
    }
    let limit = state.settings().await.daily_record_limit;
    state.store.meter_reads(user.employee.id, state.clock.now(), records as i64, limit).await?;
    Ok(())
}
