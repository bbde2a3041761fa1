//! The client card's rotation section: every decision on the client (the head's, with his
//! words; the rules', with the rule and its figures) and the holders' weekly reports.

use super::card::CardData;
use super::format::date;
use super::layout::Ctx;
use super::name_of;
use maud::{html, Markup};
use sprut_core::rules::reports::ReportStatus;
use sprut_core::rules::store::DecisionKind;

/// A decision kind in words.
fn kind_word(ctx: &Ctx, k: DecisionKind) -> &'static str {
    match k {
        DecisionKind::Extend => ctx.t.rotation.extension,
        DecisionKind::RecallToRest => ctx.t.rotation.recalled_to_rest,
        DecisionKind::RecallToRep => ctx.t.rotation.recalled_to_another_rep,
        DecisionKind::Archive => ctx.t.rotation.archived,
        DecisionKind::Release => ctx.t.rotation.released_when_due,
        DecisionKind::Rotate => ctx.t.rotation.rotated,
        DecisionKind::Convert => ctx.t.rotation.sale_now_customer,
    }
}

/// A weekly report status in words.
pub(super) fn status_word(ctx: &Ctx, s: ReportStatus) -> &'static str {
    match s {
        ReportStatus::Working => ctx.t.rotation.working,
        ReportStatus::Postponed => ctx.t.rotation.postponed,
        ReportStatus::Hopeless => ctx.t.rotation.hopeless,
    }
}

/// Decisions and weekly reports; nothing when the client has neither.
pub(super) fn decisions(ctx: &Ctx, d: &CardData) -> Markup {
    if d.decisions.is_empty() && d.reports.is_empty() {
        return html! {};
    }
    html! {
        section.block #decisions {
            h2 { (ctx.t.rotation.decisions_and_reports) }
            @if !d.decisions.is_empty() { div.table-wrap { table.grid #decision-list {
                thead { tr {
                    th { (ctx.t.rotation.date) } th { (ctx.t.rotation.decision) }
                    th { (ctx.t.rotation.who) } th { (ctx.t.rotation.why) }
                } }
                tbody { @for x in &d.decisions { tr {
                    td.nowrap { (date(ctx.lang, x.on_date)) }
                    td { span class={ "badge decision-" (x.kind.as_str()) } { (kind_word(ctx, x.kind)) } }
                    td { @match x.decided_by { Some(id) => (name_of(&d.people, id)), None => span.muted { (ctx.t.system) } } }
                    td.explain { (super::card_view::stated(ctx, x.why.as_ref(), &x.reason))
                        @if let Some(rule) = &x.rule { br; span.muted.small { (rule) } }
                        @if let Some(f) = &x.figures { br; code.small.as-written { (f) } }
                    }
                } } }
            } } }
            @if !d.reports.is_empty() { div.table-wrap { table.grid #report-list {
                thead { tr {
                    th { (ctx.t.rotation.week) } th { (ctx.t.rotation.rep) }
                    th { (ctx.t.rotation.status) } th { (ctx.t.rotation.what_happened) }
                    th { (ctx.t.rotation.next_step) }
                } }
                tbody { @for r in &d.reports { tr {
                    td.nowrap { (date(ctx.lang, r.week)) }
                    td { (name_of(&d.people, r.employee_id)) }
                    td { (status_word(ctx, r.report.status))
                        @if let Some(u) = r.report.postponed_until { " " (ctx.t.rotation.until_lower) " " (date(ctx.lang, u)) } }
                    td.explain { (r.report.text) }
                    td { (r.report.next_step) }
                } } }
            } } }
        }
    }
}
