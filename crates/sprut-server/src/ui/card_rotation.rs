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
        DecisionKind::Extend => ctx.pick("продление", "extension"),
        DecisionKind::RecallToRest => ctx.pick("отзыв на передышку", "recalled to rest"),
        DecisionKind::RecallToRep => ctx.pick("отзыв другому менеджеру", "recalled to another rep"),
        DecisionKind::Archive => ctx.pick("архив", "archived"),
        DecisionKind::Release => ctx.pick("снят по сроку", "released when due"),
        DecisionKind::Rotate => ctx.pick("передан по ротации", "rotated"),
        DecisionKind::Convert => ctx.pick("продажа: стал клиентом", "sale: now a customer"),
    }
}

/// A weekly report status in words.
fn status_word(ctx: &Ctx, s: ReportStatus) -> &'static str {
    match s {
        ReportStatus::Working => ctx.pick("в работе", "working"),
        ReportStatus::Postponed => ctx.pick("отложен", "postponed"),
        ReportStatus::Hopeless => ctx.pick("безнадёжен", "hopeless"),
    }
}

/// Decisions and weekly reports; nothing when the client has neither.
pub(super) fn decisions(ctx: &Ctx, d: &CardData) -> Markup {
    if d.decisions.is_empty() && d.reports.is_empty() {
        return html! {};
    }
    html! {
        section.block #decisions {
            h2 { (ctx.pick("Решения и отчёты", "Decisions and reports")) }
            @if !d.decisions.is_empty() { div.table-wrap { table.grid #decision-list {
                thead { tr {
                    th { (ctx.pick("Дата", "Date")) } th { (ctx.pick("Решение", "Decision")) }
                    th { (ctx.pick("Кто", "Who")) } th { (ctx.pick("Почему", "Why")) }
                } }
                tbody { @for x in &d.decisions { tr {
                    td.nowrap { (date(ctx.lang, x.on_date)) }
                    td { span class={ "badge decision-" (x.kind.as_str()) } { (kind_word(ctx, x.kind)) } }
                    td { @match x.decided_by { Some(id) => (name_of(&d.people, id)), None => span.muted { (ctx.t.system) } } }
                    td.explain { (x.reason)
                        @if let Some(rule) = &x.rule { br; span.muted.small { (rule) } }
                        @if let Some(f) = &x.figures { br; code.small { (f) } }
                    }
                } } }
            } } }
            @if !d.reports.is_empty() { div.table-wrap { table.grid #report-list {
                thead { tr {
                    th { (ctx.pick("Неделя", "Week")) } th { (ctx.pick("Менеджер", "Rep")) }
                    th { (ctx.pick("Статус", "Status")) } th { (ctx.pick("Что сделано", "What happened")) }
                    th { (ctx.pick("Следующий шаг", "Next step")) }
                } }
                tbody { @for r in &d.reports { tr {
                    td.nowrap { (date(ctx.lang, r.week)) }
                    td { (name_of(&d.people, r.employee_id)) }
                    td { (status_word(ctx, r.report.status))
                        @if let Some(u) = r.report.postponed_until { " " (ctx.pick("до", "until")) " " (date(ctx.lang, u)) } }
                    td.explain { (r.report.text) }
                    td { (r.report.next_step) }
                } } }
            } } }
        }
    }
}
