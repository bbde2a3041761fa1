//! The export log (administrators and auditors): every exported file with who, when, what
//! and which filter.

use super::extract::Page;
use super::layout::{app_error_page, error_page, page, Nav};
use super::{employees_named, name_of, Params};
use crate::api::access::require_auditor;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::export::ExportRecord;
use sprut_core::page::PageRequest;
use sprut_core::store::prelude::*;

/// `GET /exports`: the export log, newest first.
pub(super) async fn list(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if require_auditor(&user).is_err() {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let params = Params::new(query);
    let request = PageRequest { after: params.get("after").map(str::to_string), limit: Some(100) };
    let exports = match state.store.exports(&request).await {
        Ok(e) => e,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let people = match employees_named(&state, exports.items.iter().map(|e| e.employee_id)).await {
        Ok(p) => p,
        Err(e) => return app_error_page(&ctx, e.into()),
    };
    let t = ctx.t;
    let body = html! {
        div.page-head { h1 { (t.exports_title) } }
        p.muted { (t.exports_lead) }
        @if exports.items.is_empty() {
            div.empty { p.empty-title { (t.no_exports) } }
        } @else {
            div.table-wrap { table.grid #exports {
                thead { tr { th { (t.when) } th { (t.who) } th { (t.what) } th { (t.filter) } th.num { (t.rows) } th.num { (t.canaries) } } }
                tbody { @for e in &exports.items { tr {
                    td.small { (ctx.moment(e.at)) }
                    td.name { (name_of(&people, e.employee_id)) }
                    td { (e.entity) " · " (e.format) }
                    td.small { (filter_text(e)) }
                    td.num { (e.rows) }
                    td.num { (e.canaries) }
                } } }
            } }
            @if let Some(next) = &exports.next { p { a href={ "/exports?after=" (next) } { (t.next_page) } } }
        }
    };
    page(&ctx, Nav::Exports, t.exports_title, body).into_response()
}

/// The filter of an export as `name=value` pairs.
fn filter_text(e: &ExportRecord) -> Markup {
    let pairs: Vec<String> = e
        .filter
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{k}={}", v.as_str().map_or(v.to_string(), str::to_string)))
                .collect()
        })
        .unwrap_or_default();
    html! { @if pairs.is_empty() { span.muted { "—" } } @else { (pairs.join(", ")) } }
}
