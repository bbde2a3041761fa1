//! The markup of the administrator's settings page.

use super::layout::{csrf_field, Ctx};
use super::settings::{Kind, SECTIONS};
use maud::{html, Markup};
use sprut_core::employee::Employee;
use sprut_core::team::Team;
use sprut_core::FieldError;

/// The settings form: each setting with the value shown (as typed, after a refusal) and its
/// error next to it.
pub(super) fn form(ctx: &Ctx, value: &dyn Fn(&str) -> String, errors: &[FieldError], saved: bool) -> Markup {
    let t = ctx.t.settings;
    let error = |name: &str| errors.iter().find(|e| e.field == name).map(|e| super::i18n::reason(ctx.lang, &e.reason));
    html! {
        div.page-head { h1 { (t.title) } }
        p.muted { (t.lead) }
        @if saved { p.alert.alert-ok role="status" #settings-saved { (t.saved) } }
        @if !errors.is_empty() { p.alert.alert-error role="alert" #settings-errors { (ctx.t.fix_errors) } }
        form.card.stack method="post" action="/settings" #settings-form {
            (csrf_field(ctx))
            @for (section, fields) in SECTIONS {
                h2 { (section(t)) }
                @for (name, kind) in *fields {
                    @let id = format!("s-{name}");
                    @let bad = error(name);
                    @match kind {
                        Kind::Flag => label.check { input #(id) type="checkbox" name=(name) value="1" checked[value(name) == "true"]; " " (super::i18n::settings::label(ctx.lang, name)) },
                        _ => {
                            label for=(id) { (super::i18n::settings::label(ctx.lang, name)) }
                            @if let Kind::Choice(options) = kind {
                                select #(id) name=(name) aria-invalid=[bad.as_ref().map(|_| "true")] {
                                    @for o in *options { option value=(o) selected[value(name) == *o] { (super::i18n::settings::choice(ctx.lang, o)) } }
                                }
                            } @else {
                                input #(id) type="text" name=(name) value=(value(name))
                                    inputmode=[matches!(kind, Kind::Number | Kind::Money).then_some("decimal")]
                                    aria-invalid=[bad.as_ref().map(|_| "true")];
                            }
                        }
                    }
                    @if let Some(bad) = bad { span.field-error id={ "e-" (name) } { (bad) } }
                }
            }
            button.btn.btn-primary type="submit" { (ctx.t.save) }
        }
    }
}

/// The teams with their heads: rename, change the head, add a team.
pub(super) fn teams(ctx: &Ctx, teams: &[Team], heads: &[&Employee]) -> Markup {
    let t = ctx.t.settings;
    let head_select = |current: Option<sprut_core::EmployeeId>| {
        html! {
            select name="head_id" aria-label=(t.head) {
                option value="" { "—" }
                @for h in heads { option value=(h.id) selected[current == Some(h.id)] { (h.name) } }
            }
        }
    };
    html! {
        section.card.block #teams {
            h2 { (t.teams) }
            @for team in teams {
                form.inline-form method="post" action={ "/settings/teams/" (team.id) } {
                    (csrf_field(ctx))
                    input type="text" name="name" value=(team.name) required aria-label=(t.team_name);
                    (head_select(team.head_id))
                    button.btn type="submit" { (ctx.t.save) }
                }
            }
            form.inline-form method="post" action="/settings/teams" #new-team {
                (csrf_field(ctx))
                input type="text" name="name" required placeholder=(t.team_name) aria-label=(t.team_name);
                (head_select(None))
                button.btn type="submit" { (t.add_team) }
            }
        }
    }
}
