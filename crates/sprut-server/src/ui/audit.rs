//! The audit log page (administrators and auditors): events with filters, and a check of the
//! hash chain.

use super::extract::Page;
use super::format;
use super::layout::{app_error_page, error_page, page, Nav};
use super::{employees_matching, name_of, Params};
use crate::api::access::require_auditor;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use sprut_core::audit::{verify, AuditFilter};
use sprut_core::page::PageRequest;
use sprut_core::store::prelude::*;
use sprut_core::EmployeeId;
use time::Date;

/// `GET /audit`: events newest first; `verify=1` checks the chain first.
pub(super) async fn list(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if require_auditor(&user).is_err() {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let params = Params::new(query);
    let day = |name| {
        params.get(name).and_then(|d| Date::parse(d, &time::macros::format_description!("[year]-[month]-[day]")).ok())
    };
    let filter = AuditFilter {
        actor_id: params.parsed::<EmployeeId>("actor_id"),
        action: params.get("action").map(str::to_string),
        entity: None,
        entity_id: params.get("entity_id").map(str::to_string),
        from: day("from"),
        to: day("to"),
    };
    let check = if params.get("verify").is_some() {
        state.reads.flush().await;
        match verify(&*state.store, None, |_, _| {}).await {
            Ok(result) => Some(result),
            Err(e) => return app_error_page(&ctx, e.into()),
        }
    } else {
        None
    };
    let request = PageRequest { after: params.get("after").map(str::to_string), limit: Some(100) };
    let (events, people) = match (
        state.store.audit_events(&filter, &request).await,
        employees_matching(&state, &Default::default()).await,
    ) {
        (Ok(e), Ok(p)) => (e, p),
        (Err(e), _) | (_, Err(e)) => return app_error_page(&ctx, e.into()),
    };
    let mut staff: Vec<_> = people.values().collect();
    staff.sort_by(|a, b| a.name.cmp(&b.name));
    let t = ctx.t;
    let keep =
        |extra: (&str, &str)| params.link("/audit", &["actor_id", "action", "entity_id", "from", "to"], &[extra]);
    let body = html! {
        div.page-head { h1 { (t.audit_title) } a.btn href=(keep(("verify", "1"))) #verify-chain { (t.verify_chain) } }
        p.muted { (t.audit_lead) }
        @match &check {
            Some(Ok(n)) => p.alert.alert-ok role="status" #chain-result { (t.chain_intact) " " (n) },
            Some(Err(b)) => p.alert.alert-error role="alert" #chain-result { (t.chain_broken) " " (b.seq) ": " (b.reason) },
            None => {},
        }
        form.filters method="get" action="/audit" {
            div.field {
                label for="au-actor" { (t.who) }
                select #au-actor name="actor_id" {
                    option value="" { (t.any) }
                    @for e in &staff { option value=(e.id) selected[filter.actor_id == Some(e.id)] { (e.name) } }
                }
            }
            div.field { label for="au-action" { (t.action) } input #au-action type="text" name="action" value=(params.get("action").unwrap_or("")) placeholder="client.view"; }
            div.field { label for="au-record" { (t.record) } input #au-record type="text" name="entity_id" value=(params.get("entity_id").unwrap_or("")); }
            div.field { label for="au-from" { (t.from_day) } input #au-from type="date" name="from" value=(params.get("from").unwrap_or("")); }
            div.field { label for="au-to" { (t.to_day) } input #au-to type="date" name="to" value=(params.get("to").unwrap_or("")); }
            div.field.field-actions { button.btn.btn-primary type="submit" { (t.apply) } a.btn.btn-quiet href="/audit" { (t.reset) } }
        }
        @if events.items.is_empty() {
            div.empty { p.empty-title { (t.no_events) } }
        } @else {
            div.table-wrap { table.grid #audit {
                thead { tr { th.num { "#" } th { (t.when) } th { (t.who) } th { (t.action) } th { (t.record) } th { (t.address_ip) } th { (t.details) } } }
                tbody { @for e in &events.items { tr {
                    td.num { (e.seq) }
                    td.small { (ctx.moment(e.at)) }
                    td.name { (e.actor_id.map(|id| name_of(&people, id)).unwrap_or_else(|| t.system.into())) }
                    td { code { (e.action) } }
                    td.small { (e.entity) " " span.muted { (e.entity_id.as_deref().unwrap_or("")) } }
                    td.small { (e.ip.as_deref().unwrap_or("")) }
                    td { @if e.details.len() > 2 { details.as-written { summary { (format::shorten(&e.details, 40)) } pre.small { (e.details) } } } }
                } } }
            } }
            @if let Some(next) = &events.next { p { a href=(keep(("after", next))) { (t.next_page) } } }
        }
    };
    page(&ctx, Nav::Audit, t.audit_title, body).into_response()
}
