//! The "whose" filter of the deal board and the receivables: one rep's or one team's, offered
//! to those who oversee more than their own.

use super::layout::Ctx;
use super::{reps_and_heads_in, Params};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use maud::{html, Markup};
use sprut_core::employee::{Employee, Role};
use sprut_core::scope::OwnerFilter;
use sprut_core::store::prelude::*;
use sprut_core::team::Team;

/// Who may be picked in the filter.
pub(super) struct Filters {
    /// Reps and heads of the caller's scope, by name.
    pub reps: Vec<Employee>,
    /// Teams the caller oversees.
    pub teams: Vec<Team>,
}

impl Filters {
    /// The choices of `user`: none for a rep, who sees only his own.
    pub(super) async fn load(state: &AppState, user: &CurrentUser) -> Result<Filters, AppError> {
        if !matches!(user.employee.role, Role::Admin | Role::Head | Role::Auditor) {
            return Ok(Filters { reps: Vec::new(), teams: Vec::new() });
        }
        let mut reps: Vec<Employee> = reps_and_heads_in(state, &user.scope).await?.into_values().collect();
        reps.sort_by(|a, b| a.name.cmp(&b.name));
        let teams = state.store.teams().await?.into_iter().filter(|t| user.scope.oversees(Some(t.id))).collect();
        Ok(Filters { reps, teams })
    }

    /// The filter form of the page at `action`, showing what `params` chose.
    pub(super) fn form(&self, ctx: &Ctx, params: &Params, action: &str) -> Markup {
        html! {
            @if !self.reps.is_empty() {
                form.inline-form.bulk method="get" action=(action) {
                    label for="owner" { (ctx.t.owner) }
                    select #owner name="owner" {
                        option value="" { (ctx.t.any) }
                        @for e in &self.reps { option value=(e.id) selected[params.get("owner") == Some(&e.id.to_string())] { (e.name) } }
                    }
                    label for="team" { (ctx.t.team) }
                    select #team name="team" {
                        option value="" { (ctx.t.any) }
                        @for t in &self.teams { option value=(t.id) selected[params.get("team") == Some(&t.id.to_string())] { (t.name) } }
                    }
                    button.btn type="submit" { (ctx.t.apply) }
                }
            }
        }
    }
}

/// The filter `params` chose (`owner`, `team`).
pub(super) fn chosen(params: &Params) -> OwnerFilter {
    OwnerFilter { owner_id: params.parsed("owner"), team_id: params.parsed("team") }
}

/// The query parameters of a local address (the page a form came from).
pub(super) fn params_of(back: &str) -> Params {
    let pairs = back
        .parse::<axum::http::Uri>()
        .ok()
        .and_then(|u| axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&u).ok());
    Params::new(pairs.map(|q| q.0).unwrap_or_default())
}
