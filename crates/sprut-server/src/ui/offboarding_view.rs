//! The markup of an offboarding playbook's page.

use super::format;
use super::i18n;
use super::layout::{csrf_field, Ctx};
use super::transfers_view::table;
use super::{name_of, Refused};
use crate::api::offboarding::PlaybookView;
use maud::{html, Markup};
use sprut_core::employee::Employee;
use sprut_core::handover::risk::RiskReason;
use sprut_core::money::Currency;
use sprut_core::{ClientId, EmployeeId};
use std::collections::HashMap;

fn reason(ctx: &Ctx, r: RiskReason) -> &'static str {
    match r {
        RiskReason::HighRevenue => ctx.t.offboarding.high_revenue,
        RiskReason::SingleContact => ctx.t.offboarding.single_contact,
        RiskReason::UnverifiedContacts => ctx.t.offboarding.unverified_contacts,
        RiskReason::NoManagementMeeting => ctx.t.offboarding.no_management_meeting_in,
        RiskReason::OpenReceivables => ctx.t.offboarding.open_receivables,
        RiskReason::OverdueReceivables => ctx.t.offboarding.overdue_receivables,
    }
}

fn meter(label: &str, done: usize, of: usize) -> Markup {
    let pct = (done * 100).checked_div(of).unwrap_or(100);
    html! { div.meter { span { (label) } progress max="100" value=(pct) {} strong { (done) " / " (of) } } }
}

/// The whole playbook on one page: progress, the plan with its receivers and retention, the
/// transfers made from it.
pub(super) fn show(
    ctx: &Ctx,
    title: &str,
    v: &PlaybookView,
    people: &HashMap<EmployeeId, Employee>,
    offered: &[&Employee],
    editable: bool,
    refused: Option<&Refused<()>>,
) -> Markup {
    let o = &v.offboarding;
    // A refused change keeps what was typed: in the bulk form, and in the rows it was for.
    let typed = |name: &str| refused.map_or("", |r| r.typed(name));
    let ticked = |c: ClientId| refused.is_some_and(|r| r.params.all("client_id").any(|x| x == c.to_string()));
    let p = &v.progress;
    let rub = Currency::rub();
    html! {
        nav.crumbs { a href="/offboardings" { "← " (ctx.t.offboarding.offboarding) } }
        div.page-head { h1 { (title) } span.badge #playbook-state { (super::i18n::offboarding_state(ctx.t, o.state)) } }
        p.muted { (ctx.t.offboarding.last_working_day) (format::date(ctx.lang, o.last_day))
            (ctx.t.offboarding.his_access_is_already) }
        section.card.block #progress {
            (meter(ctx.t.offboarding.receiver_chosen, p.with_receiver, p.clients))
            (meter(ctx.t.offboarding.retention_decided, p.retention_decided, p.at_risk))
            (meter(ctx.t.offboarding.in_transfer, p.in_transfer, p.clients))
            (meter(ctx.t.offboarding.handed_over, p.handed_over, p.clients))
            (meter(ctx.t.offboarding.checklist_closed, p.checklists_closed, p.clients))
        }
        @if let Some(l) = &v.threads {
            section.block #leaver-threads {
                h2 { (ctx.t.octopus.leaver_figure) }
                p { (super::i18n::leaver_threads(ctx.lang, l.single_threaded, &format::money(l.revenue_minor, &rub), l.contacts_only_his, l.contacts_unreachable))
                    " " a href={ "/risk?employee=" (l.employee_id) } { (ctx.t.octopus.details) } }
            }
        }
        @if editable {
            form.inline-form.block method="post" action={ "/offboardings/" (o.id) "/apply" } #apply-form {
                (csrf_field(ctx))
                @let on = Some(typed("effective_on")).filter(|d| !d.is_empty()).map_or_else(|| ctx.today.to_string(), str::to_string);
                label { (ctx.t.offboarding.hand_clients_over_on) input type="date" name="effective_on" required value=(on); }
                button.btn.btn-primary type="submit" { (ctx.t.offboarding.create_transfers_of_plan) }
            }
        }
        @if let Some(r) = refused { p.alert.alert-error role="alert" #plan-error { (super::layout::error_text(ctx, r.error)) } }
        @if editable && o.items.iter().any(|i| i.risk.at_risk) {
            form.inline-form.bulk method="post" action={ "/offboardings/" (o.id) "/plan" } #retention-bulk {
                (csrf_field(ctx))
                span { (ctx.t.offboarding.for_ticked_at_risk) }
                input type="text" name="offer" value=(typed("offer")) placeholder=(ctx.t.offboarding.offer) aria-label=(ctx.t.offboarding.offer);
                input type="number" name="discount_percent" min="0" max="100" value=(typed("discount_percent")) placeholder="%" aria-label="%";
                input type="text" name="note" value=(typed("note")) placeholder=(ctx.t.offboarding.or_why_no_offer) aria-label=(ctx.t.offboarding.or_why_no_offer);
                button.btn type="submit" { (ctx.t.offboarding.decide) }
            }
        }
        div.table-wrap { table.grid #plan {
            thead { tr { @if editable { th {} } th { (ctx.t.offboarding.client) } th.num { (ctx.t.offboarding.revenue_12_mo) } th { (ctx.t.offboarding.risk) }
                th { (ctx.t.offboarding.to) } th { (ctx.t.offboarding.retention) } } }
            tbody { @for i in &o.items { tr class=(if i.risk.at_risk { "at-risk" } else { "" }) {
                @if editable { td { @if i.risk.at_risk {
                    input type="checkbox" name="client_id" value=(i.client_id) form="retention-bulk" checked[ticked(i.client_id)] aria-label=(i.client_name);
                } } }
                td { a href={ "/clients/" (i.client_id) } { (i.client_name) } }
                td.num { (format::money(i.revenue_12m, &rub)) }
                td { @if i.risk.at_risk { span.badge.bad { (i.risk.score) } } @else { span.muted { (i.risk.score) } }
                    div.small.muted { (i.risk.reasons.iter().map(|r| reason(ctx, *r)).collect::<Vec<_>>().join(", ")) } }
                td {
                    strong { (i.destination().map(|d| name_of(people, d)).unwrap_or_else(|| "—".into())) }
                    @if i.override_to.is_some() { span.muted.small { (ctx.t.offboarding.heads_choice) } }
                    @else { @match i.proposal_why.as_ref().and_then(|w| i18n::share_why(ctx.lang, w)) {
                        Some(said) => div.small.muted {
                            @if let Some(to) = i.proposed_to { (name_of(people, to)) ": " } (said)
                        },
                        None => div.small.muted.as-written { (i.proposal) },
                    } }
                    @if editable { form.inline-form method="post" action={ "/offboardings/" (o.id) "/plan" } {
                        (csrf_field(ctx)) input type="hidden" name="client_id" value=(i.client_id);
                        select name="override_to" aria-label=(ctx.t.offboarding.to) { @for r in offered { option value=(r.id) selected[i.destination() == Some(r.id)] { (r.name) } } }
                        button.btn type="submit" { "OK" }
                    } }
                }
                td {
                    @if let Some(r) = &i.retention {
                        @if let Some(offer) = &r.offer { (offer) @if let Some(d) = r.discount_percent { " · −" (d) "%" } } @else { span.muted { (ctx.t.offboarding.no_offer) (r.note) } }
                    } @else if i.risk.at_risk { span.badge.warn { (ctx.t.offboarding.decision_needed) } }
                    @if editable && i.risk.at_risk { form.inline-form method="post" action={ "/offboardings/" (o.id) "/plan" } {
                        (csrf_field(ctx)) input type="hidden" name="client_id" value=(i.client_id);
                        input type="text" name="offer" placeholder=(ctx.t.offboarding.offer);
                        input type="number" name="discount_percent" min="0" max="100" placeholder="%" aria-label="%";
                        input type="text" name="note" placeholder=(ctx.t.offboarding.or_why_no_offer);
                        button.btn type="submit" { (ctx.t.offboarding.decide) }
                    } }
                }
            } } }
        } }
        @if !v.transfers.is_empty() { h2 { (ctx.t.offboarding.transfers) } (table(ctx, &v.transfers, people)) }
    }
}
