//! The audit log (administrators and auditors): events with filters, and checking the chain.

use super::access::{check_page, require_auditor};
use super::extract::{ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use sprut_core::audit::{verify, AuditAnchor, AuditEvent, AuditFilter, BrokenLink};
use sprut_core::page::{Page, PageRequest};
use sprut_core::store::prelude::*;
use sprut_core::Reason;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list)).routes(routes!(check)).routes(routes!(anchor))
}

/// Audit events, newest first.
#[utoipa::path(get, path = "/audit", tag = "audit", params(AuditFilter, PageRequest),
    responses((status = 200, body = Page<AuditEvent>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(filter): ApiQuery<AuditFilter>,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<AuditEvent>>, AppError> {
    require_auditor(&user)?;
    check_page(&page)?;
    Ok(Json(state.store.audit_events(&filter, &page).await?))
}

/// The result of checking the hash chain.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ChainCheck {
    /// Whether every event checks out.
    pub intact: bool,
    /// Events checked.
    pub events: i64,
    /// The first broken link, when not intact.
    pub broken: Option<BrokenLink>,
}

/// An anchor to check the chain against.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnchorQuery {
    /// `SEQ:HASH`, from `GET /audit/anchor` or an auditor's daily letter.
    pub anchor: Option<String>,
}

/// Checks the whole hash chain of the audit log and names the first broken event; with an
/// anchor, also that the log still holds that event unchanged (not cut back, not rewritten).
#[utoipa::path(get, path = "/audit/verify", tag = "audit", params(AnchorQuery),
    responses((status = 200, body = ChainCheck), Problems))]
async fn check(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(q): ApiQuery<AnchorQuery>,
) -> Result<Json<ChainCheck>, AppError> {
    require_auditor(&user)?;
    let anchor = match q.anchor.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => {
            Some(a.parse::<AuditAnchor>().map_err(|e| AppError::bad_field("anchor", Reason::Malformed { detail: e }))?)
        }
        None => None,
    };
    state.reads.flush().await;
    let (head, _) = state.store.audit_head().await?;
    Ok(Json(match verify(&*state.store, anchor, |_, _| {}).await? {
        Ok(events) => ChainCheck { intact: true, events, broken: None },
        Err(b) => ChainCheck { intact: false, events: head, broken: Some(b) },
    }))
}

/// The head of the audit chain now, as an anchor to keep outside sprut (the server also logs
/// one and mails it to the auditors each day).
#[utoipa::path(get, path = "/audit/anchor", tag = "audit", responses((status = 200, body = AuditAnchor), Problems))]
async fn anchor(State(state): State<AppState>, user: Caller) -> Result<Json<AuditAnchor>, AppError> {
    require_auditor(&user)?;
    state.reads.flush().await;
    let (seq, hash) = state.store.audit_head().await?;
    Ok(Json(AuditAnchor { seq, hash }))
}
