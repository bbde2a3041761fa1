//! The administrator's forms on the employee list: a new employee, and each employee's role,
//! team, department, capacity and password.

use super::i18n;
use super::layout::{csrf_field, Ctx};
use super::Params;
use maud::{html, Markup};
use sprut_core::employee::{Department, Employee, Role, Specialisation};
use sprut_core::team::Team;
use sprut_core::FieldError;

/// The new-employee form, open with what was typed and the errors when a try was refused.
pub(super) fn add_form(ctx: &Ctx, teams: &[Team], adding: Option<(&Params, &[FieldError])>) -> Markup {
    let t = &ctx.t.people;
    let typed = |name: &str| adding.and_then(|(p, _)| p.get(name)).unwrap_or("").to_string();
    let error = |name: &str| {
        adding
            .and_then(|(_, errors)| errors.iter().find(|e| e.field == name))
            .map(|e| i18n::reason(ctx.lang, &e.reason))
    };
    let field = |name: &str, label: &str, kind: &str| {
        let bad = error(name);
        html! {
            div.field {
                label for={ "n-" (name) } { (label) }
                input id={ "n-" (name) } type=(kind) name=(name) value=(typed(name)) aria-invalid=[bad.as_ref().map(|_| "true")];
                @if let Some(bad) = bad { span.field-error id={ "ne-" (name) } { (bad) } }
            }
        }
    };
    html! {
        details.card.block #add-employee open[adding.is_some()] {
            summary.btn { (t.add) }
            form.stack method="post" action="/employees" {
                (csrf_field(ctx))
                @if adding.is_some() { p.alert.alert-error role="alert" { (ctx.t.fix_errors) } }
                (field("name", ctx.t.person_name, "text"))
                (field("email", ctx.t.email, "text"))
                div.field { label for="n-role" { (ctx.t.role) }
                    select #n-role name="role" { @for r in Role::ALL { option value=(r.as_str()) selected[typed("role") == r.as_str()] { (i18n::role(ctx.lang, *r)) } } } }
                div.field { label for="n-team" { (ctx.t.team) }
                    select #n-team name="team_id" { option value="" { "—" }
                        @for tm in teams { option value=(tm.id) selected[typed("team_id") == tm.id.to_string()] { (tm.name) } } } }
                div.field { label for="n-department" { (t.department_of_staff) }
                    select #n-department name="department" { option value="" { "—" }
                        @for d in Department::ALL { option value=(d.as_str()) selected[typed("department") == d.as_str()] { (i18n::department(ctx.lang, *d)) } } }
                    @if let Some(bad) = error("department") { span.field-error #ne-department { (bad) } } }
                div.field { label for="n-specialisation" { (t.specialisation) }
                    select #n-specialisation name="specialisation" { option value="" { "—" }
                        @for s in Specialisation::ALL { option value=(s.as_str()) selected[typed("specialisation") == s.as_str()] { (i18n::specialisation(ctx.lang, *s)) } } } }
                (field("region", ctx.t.region, "text"))
                (field("capacity", ctx.t.capacity, "text"))
                (field("password", t.first_password, "password"))
                button.btn.btn-primary type="submit" { (t.add) }
            }
        }
    }
}

/// One employee's menu: role, team, department, capacity; a new password.
pub(super) fn edit_menu(ctx: &Ctx, e: &Employee, teams: &[Team]) -> Markup {
    let t = &ctx.t.people;
    html! {
        details.menu.edit {
            summary.btn-quiet.small { (t.change) }
            form.stack method="post" action={ "/employees/" (e.id) "/edit" } {
                (csrf_field(ctx))
                label { (ctx.t.role) select name="role" { @for r in Role::ALL { option value=(r.as_str()) selected[e.role == *r] { (i18n::role(ctx.lang, *r)) } } } }
                label { (ctx.t.team) select name="team_id" { option value="" { "—" }
                    @for tm in teams { option value=(tm.id) selected[e.team_id == Some(tm.id)] { (tm.name) } } } }
                label { (t.department_of_staff) select name="department" { option value="" { "—" }
                    @for d in Department::ALL { option value=(d.as_str()) selected[e.department == Some(*d)] { (i18n::department(ctx.lang, *d)) } } } }
                label { (ctx.t.capacity) input type="text" inputmode="numeric" name="capacity" value=(e.capacity); }
                button.btn type="submit" { (ctx.t.save) }
            }
            form.stack method="post" action={ "/employees/" (e.id) "/password" } {
                (csrf_field(ctx))
                label { (t.new_password) input type="password" name="password" required minlength="10" autocomplete="new-password"; }
                button.btn type="submit" { (t.set_password) }
            }
        }
    }
}
