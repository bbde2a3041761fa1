//! The outbox page (administrators; auditors read only): every letter with its status,
//! attempts and last error, its text, and sending a given-up letter again.

use super::extract::{Page, PathId, Posted};
use super::i18n::mail as w;
use super::i18n::tr;
use super::layout::{app_error_page, csrf_field, error_page, page, see_other, Ctx, Nav};
use super::Params;
use crate::api::access::{require_admin, require_auditor};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::mail::{MailStore, OutboxCounts};
use sprut_core::outbox::{MessageKind, MessageStatus, OutboxFilter, OutboxMessage, OutboxStore};
use sprut_core::page::PageRequest;
use sprut_core::{ClientId, OutboxId};

/// `GET /outbox`: letters, newest first, filtered by status, kind and client.
pub(super) async fn list(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if require_auditor(&user).is_err() {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let params = Params::new(query);
    let filter = OutboxFilter {
        status: params.parsed("status"),
        kind: params.parsed("kind"),
        client_id: params.parsed::<ClientId>("client_id"),
    };
    let request = PageRequest { after: params.get("after").map(str::to_string), limit: Some(100) };
    let (letters, counts) = match (state.store.outbox(&filter, &request).await, state.store.outbox_counts().await) {
        (Ok(l), Ok(c)) => (l, c),
        (Err(e), _) | (_, Err(e)) => return app_error_page(&ctx, e.into()),
    };
    let lang = ctx.lang;
    let t = ctx.t;
    let may_retry = require_admin(&user).is_ok();
    let kept = ["status", "kind", "client_id"];
    let body = html! {
        div.page-head { h1 { (tr(lang).mail.title) } }
        p.muted { (tr(lang).mail.lead) }
        @if params.get("retried").is_some() { p.alert.alert-ok role="status" { (tr(lang).mail.retried) } }
        @match &state.mailer {
            Some(m) => p.mail-state #mail-state {
                (w::sending_via(lang, &format!("{}:{}", m.server().host, m.server().port), m.server().security, &m.from().to_string()))
            },
            None => p.alert.alert-warn #mail-state role="status" { (tr(lang).mail.not_configured) },
        }
        (totals(&ctx, counts))
        form.filters method="get" action="/outbox" {
            div.field {
                label for="o-status" { (t.status) }
                select #o-status name="status" {
                    option value="" { (t.any) }
                    @for s in MessageStatus::ALL { option value=(s.as_str()) selected[filter.status == Some(*s)] { (w::status(lang, *s)) } }
                }
            }
            div.field {
                label for="o-kind" { (t.kind) }
                select #o-kind name="kind" {
                    option value="" { (t.any) }
                    @for k in MessageKind::ALL { option value=(k.as_str()) selected[filter.kind == Some(*k)] { (w::kind(lang, *k)) } }
                }
            }
            @if let Some(c) = filter.client_id { input type="hidden" name="client_id" value=(c); }
            div.field.field-actions { button.btn.btn-primary type="submit" { (t.apply) } a.btn.btn-quiet href="/outbox" { (t.reset) } }
        }
        @if let Some(c) = filter.client_id {
            p.small { (tr(lang).mail.about_client) " " a href={ "/clients/" (c) } { (tr(lang).mail.client_card) } }
        }
        @if letters.items.is_empty() {
            div.empty #outbox-empty { p.empty-title { (tr(lang).mail.empty) } }
        } @else {
            div.table-wrap { table.grid #outbox {
                thead { tr {
                    th { (tr(lang).mail.queued) } th { (t.kind) } th { (tr(lang).mail.to) } th { (tr(lang).mail.subject) }
                    th { (t.status) } th.num { (tr(lang).mail.attempts) } th { (tr(lang).mail.last_error) }
                } }
                tbody { @for m in &letters.items { (row(&ctx, m, may_retry)) } }
            } }
            @if let Some(next) = &letters.next {
                p { a href=(params.link("/outbox", &kept, &[("after", next.as_str())])) { (t.next_page) } }
            }
        }
    };
    page(&ctx, Nav::Outbox, tr(lang).mail.title, body).into_response()
}

/// The totals, each a link to its letters.
fn totals(ctx: &Ctx, c: OutboxCounts) -> Markup {
    let lang = ctx.lang;
    html! {
        p.outbox-totals #outbox-totals {
            @for (s, n) in [(MessageStatus::Pending, c.pending), (MessageStatus::Sent, c.sent), (MessageStatus::Failed, c.failed)] {
                a href={ "/outbox?status=" (s.as_str()) } {
                    span class={ "badge mail-" (s.as_str()) } { (w::status(lang, s)) ": " (n) }
                }
                " "
            }
        }
    }
}

/// One letter: when, what, to whom, its text, where it stands.
fn row(ctx: &Ctx, m: &OutboxMessage, may_retry: bool) -> Markup {
    let lang = ctx.lang;
    html! {
        tr id={ "m-" (m.id) } {
            td.small { (ctx.moment(m.created_at)) }
            td { (w::kind(lang, m.kind)) }
            td.name { (m.to_name) div.muted.small { (m.to_address) } }
            td {
                details.letter {
                    summary { (m.subject) }
                    pre.letter-text lang=(m.language.as_str()) { (m.body) }
                }
                @if let Some(c) = m.client_id { div.small { a href={ "/clients/" (c) } { (tr(lang).mail.client_card) } } }
            }
            td {
                span class={ "badge mail-" (m.status.as_str()) } { (w::status(lang, m.status)) }
                @match m.status {
                    MessageStatus::Sent => { div.muted.small { (m.sent_at.map(|at| ctx.moment(at)).unwrap_or_default()) } }
                    MessageStatus::Pending if m.attempts > 0 => {
                        div.muted.small { (tr(lang).mail.next_attempt) " " (ctx.moment(m.next_attempt_at)) }
                    }
                    _ => {}
                }
            }
            td.num { (m.attempts) }
            td.small {
                @if let Some(e) = &m.last_error { span.mail-error { (e) } }
                @if m.status == MessageStatus::Failed && may_retry {
                    form.inline-form method="post" action={ "/outbox/" (m.id) "/retry" } {
                        (csrf_field(ctx))
                        button.btn type="submit" { (tr(lang).mail.retry) }
                    }
                }
            }
        }
    }
}

/// `POST /outbox/{id}/retry`: puts a given-up letter back in the queue (administrators).
pub(super) async fn retry(
    State(state): State<AppState>,
    PathId(id): PathId<OutboxId>,
    Posted { user, ctx, .. }: Posted,
) -> Response {
    let Ok(()) = require_auditor(&user) else {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    };
    if let Err(e) = require_admin(&user) {
        return app_error_page(&ctx, e);
    }
    match state.store.retry_message(&user.actor(state.clock.now()), id).await {
        Ok(_) => see_other("/outbox?status=pending&retried=1"),
        Err(e) => app_error_page(&ctx, e.into()),
    }
}
