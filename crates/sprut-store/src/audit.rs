//! Audit events, written in the same transaction as the change they describe.

use crate::id::{opt, DbId};
use crate::sql::{q_exec, Conn};
use serde::Serialize;
use sprut_core::{Actor, AuditEventId, CoreError};

/// Records that `actor` did `action` to `entity` `entity_id`, with `details` (JSON).
pub(crate) async fn record(
    conn: Conn<'_>,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: &str,
    details: serde_json::Value,
) -> Result<(), CoreError> {
    q_exec!(
        conn,
        "INSERT INTO audit_events (id, at, actor_id, action, entity, entity_id, ip, user_agent, details) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        DbId(AuditEventId::new().0),
        actor.now,
        opt(&actor.employee_id),
        action,
        entity,
        entity_id,
        actor.ip.as_deref(),
        actor.user_agent.as_deref(),
        details.to_string(),
    )?;
    Ok(())
}

/// Details of a change: the record before and after.
pub(crate) fn change<T: Serialize>(before: &T, after: &T) -> serde_json::Value {
    serde_json::json!({ "before": before, "after": after })
}

/// Details of a creation: the new record.
pub(crate) fn created<T: Serialize>(after: &T) -> serde_json::Value {
    serde_json::json!({ "after": after })
}
