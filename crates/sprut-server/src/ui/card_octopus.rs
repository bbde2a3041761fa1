//! The card's relationship map: our people × the client's contacts, shaded by how recent the
//! last touch is, the contacts only the holder knows marked, and the coverage score with what
//! it lacks.

use super::format::date;
use super::i18n;
use super::layout::Ctx;
use maud::{html, Markup};
use sprut_core::employee::Employee;
use sprut_core::octopus::{Link, RelationshipMap, COVERAGE_DAYS};
use sprut_core::{ContactId, EmployeeId};
use std::collections::HashMap;

/// The section.
pub(super) fn relationships(ctx: &Ctx, map: &RelationshipMap, people: &HashMap<EmployeeId, Employee>) -> Markup {
    let t = ctx.t.octopus;
    let name = |e: EmployeeId| people.get(&e).map_or_else(|| "—".to_string(), |p| p.name.clone());
    let c = &map.coverage;
    let unnamed = map.links.iter().any(|l| l.contact_id.is_none());
    let columns: Vec<Option<ContactId>> =
        map.contacts.iter().map(|c| Some(c.contact_id)).chain(unnamed.then_some(None)).collect();
    let cell = |e: EmployeeId, c: Option<ContactId>| map.links.iter().find(|l| l.employee_id == e && l.contact_id == c);
    html! {
        section.block #relationships {
            h2 { (t.title) " " span.badge.{ "coverage-" (band(c.score)) } { (t.coverage) ": " (c.score) " / 100" } }
            p.muted { (t.lead) " " (i18n::coverage_figures(ctx.lang, c.employees, c.contacts_reached)) }
            @if !c.gaps.is_empty() { ul.gaps { @for g in &c.gaps { li { (i18n::coverage_gap(ctx.lang, g, name)) } } } }
            @if map.links.is_empty() { p.muted { (t.empty) } } @else {
                div.table-wrap { table.grid.octopus {
                    thead { tr { th {} @for col in &columns { th { @match col.and_then(|id| map.contacts.iter().find(|c| c.contact_id == id)) {
                        Some(k) => {
                            (k.name) br; span.muted { (i18n::contact_level(ctx.lang, k.level)) }
                            @if k.only_holder { br; span.badge.warn { (t.only_holder) } }
                        },
                        None => span.muted { (t.no_contact) },
                    } } } } }
                    tbody { @for e in &map.people { tr {
                        th { (name(*e)) @if map.holder == Some(*e) { " " span.muted { "(" (t.holder) ")" } } }
                        @for col in &columns { (link_cell(ctx, map, cell(*e, *col))) }
                    } } }
                } }
            }
        }
    }
}

/// One cell: the touches and the last one's date, shaded by its age.
fn link_cell(ctx: &Ctx, map: &RelationshipMap, link: Option<&Link>) -> Markup {
    match link {
        None => html! { td.empty {} },
        Some(l) => {
            let age = (map.today - l.last_on).whole_days();
            let shade = if age <= COVERAGE_DAYS / 2 {
                "recent"
            } else if age <= COVERAGE_DAYS {
                "aging"
            } else {
                "old"
            };
            html! { td.{ "link-" (shade) } { (l.touches) " · " (date(ctx.lang, l.last_on)) } }
        }
    }
}

/// The colour band of a score.
fn band(score: u8) -> &'static str {
    match score {
        0..=39 => "low",
        40..=69 => "mid",
        _ => "high",
    }
}
