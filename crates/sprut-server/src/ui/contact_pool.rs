//! The pool of contacts an import found without a client: a head attaches each to its client
//! by the client's name or ИНН.

use super::extract::{ManagerPage, PathId, Posted};
use super::layout::{app_error_page, csrf_field, error_page, page, see_other, Ctx, Nav};
use super::Params;
use crate::api::access::require_manager;
use crate::api::contact_pool::attach_to;
use crate::auth::CurrentUser;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use sprut_core::client::ClientFilter;
use sprut_core::contact_pool::ContactPoolStore;
use sprut_core::page::PageRequest;
use sprut_core::store::prelude::*;
use sprut_core::validate::search_key;
use sprut_core::{ClientId, ContactId};

/// `GET /contact-pool`: the pooled contacts, each with a form to attach it.
pub(super) async fn list(
    State(state): State<AppState>,
    ManagerPage { ctx }: ManagerPage,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(query);
    let notice = params.get("attached").map(|_| ctx.t.pool.contact_is_attached_to);
    pool_page(&state, &ctx, params.get("after"), notice, None).await
}

/// `POST /contact-pool/{id}/attach`: attaches a pooled contact to the client named in the form.
pub(super) async fn attach(
    State(state): State<AppState>,
    PathId(id): PathId<ContactId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    // Before the client is looked up: someone who may not attach is refused, not told whether
    // the client exists (`attach_to` checks again, for the API).
    if let Err(e) = require_manager(&user) {
        return app_error_page(&ctx, e);
    }
    let named = params.get("client").unwrap_or("").trim().to_string();
    let client = match client_named(&state, &user, &named).await {
        Ok(c) => c,
        Err(problem) => return pool_page(&state, &ctx, None, None, Some(problem(&ctx))).await,
    };
    let Some(client) = client else {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    };
    match attach_to(&state, &user, id, client).await {
        Ok(_) => see_other("/contact-pool?attached=1"),
        Err(e) => app_error_page(&ctx, e),
    }
}

/// A message in the user's language.
type Problem = fn(&Ctx) -> &'static str;

/// The one client of the user's scope whose ИНН or name is `named`; `None` when there is none.
async fn client_named(state: &AppState, user: &CurrentUser, named: &str) -> Result<Option<ClientId>, Problem> {
    if named.is_empty() {
        return Err(|ctx| ctx.t.pool.name_client_its_name);
    }
    let filter = ClientFilter { q: Some(named.to_string()), ..Default::default() };
    let page = PageRequest { after: None, limit: Some(50) };
    let found = state
        .store
        .clients(&user.scope, &filter, &page)
        .await
        .map_err(|_| -> Problem { |ctx| ctx.t.pool.client_could_not_be })?;
    let key = search_key(&[named]);
    let exact: Vec<ClientId> = found
        .items
        .iter()
        .filter(|i| i.client.legal_id.as_deref() == Some(named) || search_key(&[&i.client.name]) == key)
        .map(|i| i.client.id)
        .collect();
    match exact.as_slice() {
        [one] => Ok(Some(*one)),
        [] => Ok(None),
        _ => Err(|ctx| ctx.t.pool.several_clients_have_this),
    }
}

/// The pool page, with a notice or a problem above the list.
async fn pool_page(
    state: &AppState,
    ctx: &Ctx,
    after: Option<&str>,
    notice: Option<&str>,
    problem: Option<&str>,
) -> Response {
    let page_req = PageRequest { after: after.map(str::to_string), limit: Some(100) };
    let pool = match state.store.pooled_contacts(&page_req).await {
        Ok(p) => p,
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let title = ctx.t.pool.contacts_without_client;
    let body = html! {
        div.page-head { h1 { (title) } }
        p.muted { (ctx.t.pool.import_found_these_people) }
        @if let Some(n) = notice { p.alert.alert-ok role="status" { (n) } }
        @if let Some(p) = problem { p.alert.alert-error role="alert" { (p) } }
        @if pool.items.is_empty() {
            div.empty { p.empty-title { (ctx.t.pool.no_contacts_without_client) } }
        } @else {
            div.table-wrap { table.grid #contact-pool {
                thead { tr {
                    th { (ctx.t.pool.name) } th { (ctx.t.pool.position) }
                    th { (ctx.t.pool.phones) } th { (ctx.t.pool.e_mails) }
                    th { (ctx.t.pool.attach_to_client) }
                } }
                tbody { @for c in &pool.items { tr {
                    td { (c.name) }
                    td { (c.position.as_deref().unwrap_or("")) }
                    td.nowrap { @for p in &c.phones { (p) br; } }
                    td { @for e in &c.emails { (e) br; } }
                    td { form.inline method="post" action={ "/contact-pool/" (c.id) "/attach" } {
                        (csrf_field(ctx))
                        input type="text" name="client" required aria-label=(ctx.t.pool.client)
                            placeholder=(ctx.t.pool.name_or_tax_id);
                        " " button.btn type="submit" { (ctx.t.pool.attach) }
                    } }
                } } }
            } }
            @if let Some(next) = &pool.next {
                p { a href={ "/contact-pool?after=" (super::encode(next)) } { (ctx.t.pool.next) } }
            }
        }
    };
    page(ctx, Nav::Import, title, body).into_response()
}
