//! Exports: downloading a watermarked list (heads, admins, auditors) and the log of exports.

use super::access::{check_page, not_found_as, require_auditor};
use super::extract::{ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use sprut_core::client::ClientFilter;
use sprut_core::export::{ExportEntity, ExportFormat, ExportRecord};
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::may_export;
use sprut_core::store::prelude::*;
use sprut_core::ExportId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(download)).routes(routes!(list)).routes(routes!(one))
}

/// The format of an export.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatQuery {
    /// `csv` (default) or `xlsx`.
    pub format: Option<ExportFormat>,
}

/// Exports the clients, contacts, deals or activities of the clients matching the filters,
/// within the caller's scope, as CSV or XLSX. Heads, admins and auditors only; every file is
/// recorded and carries canary rows; an attempt by anyone else is refused, audited and alerted.
#[utoipa::path(get, path = "/export/{entity}", tag = "exports",
    params(("entity" = ExportEntity, Path, description = "what to export"), FormatQuery, ClientFilter),
    responses((status = 200, description = "the file: CSV, or XLSX with format=xlsx", content(
        (Vec<u8> = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), Problems))]
async fn download(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(entity): ApiPath<ExportEntity>,
    ApiQuery(q): ApiQuery<FormatQuery>,
    ApiQuery(filter): ApiQuery<ClientFilter>,
) -> Result<Response, AppError> {
    let format = q.format.unwrap_or(ExportFormat::Csv);
    if !may_export(&user.employee) {
        let actor = user.actor(state.clock.now());
        let f = serde_json::to_value(&filter).unwrap_or_default();
        state.store.refuse_export(&actor, entity, format, &f).await?;
        return Err(AppError::forbidden(
            "exports are for heads of sales, administrators and auditors; this attempt was recorded",
        ));
    }
    let file = crate::export::build(&state, &user, entity, format, &filter).await?;
    let disposition = format!("attachment; filename=\"{}\"", file.file_name);
    Ok((
        [(header::CONTENT_TYPE, file.content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)],
        file.bytes,
    )
        .into_response())
}

/// Every export made: who, when, what and with which filter (administrators and auditors).
#[utoipa::path(get, path = "/exports", tag = "exports", params(PageRequest),
    responses((status = 200, body = Page<ExportRecord>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(page): ApiQuery<PageRequest>,
) -> Result<Json<Page<ExportRecord>>, AppError> {
    require_auditor(&user)?;
    check_page(&page)?;
    Ok(Json(state.store.exports(&page).await?))
}

/// One export (administrators and auditors).
#[utoipa::path(get, path = "/exports/{id}", tag = "exports",
    params(("id" = ExportId, Path, description = "export id")),
    responses((status = 200, body = ExportRecord), Problems))]
async fn one(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<ExportId>,
) -> Result<Json<ExportRecord>, AppError> {
    require_auditor(&user)?;
    Ok(Json(state.store.export(id).await.map_err(not_found_as("export"))?))
}
