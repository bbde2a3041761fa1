//! The administrator's settings page: the company, the rotation rules, the limits and alerts,
//! saved through the same checks as `PUT /api/v1/settings`, the form keeping what was typed.

use super::extract::{Page, PathId, Posted};
use super::i18n::settings::Txt;
use super::layout::{error_page, page, see_other, Nav};
use super::settings_view;
use super::Params;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sprut_core::employee::{Employee, Role};
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::team::{NewTeam, TeamPatch};
use sprut_core::{EmployeeId, TeamId};
use sprut_core::{FieldError, Reason};

/// How a setting is typed in.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    /// Text.
    Text,
    /// A whole number.
    Number,
    /// Roubles and kopecks, kept in kopecks.
    Money,
    /// A tick.
    Flag,
    /// One of these words.
    Choice(&'static [&'static str]),
}

/// A section's heading and its settings, named as the API names them.
type Section = (fn(&Txt) -> &'static str, &'static [(&'static str, Kind)]);

/// The form's sections, in order.
pub(super) const SECTIONS: &[Section] = &[
    (
        |t| t.company,
        &[
            ("company_name", Kind::Text),
            ("time_zone", Kind::Text),
            ("currency", Kind::Text),
            ("phone_region", Kind::Text),
        ],
    ),
    (
        |t| t.rules,
        &[
            ("default_cycle_days", Kind::Number),
            ("cycle_figure", Kind::Choice(&["median", "mean", "p80", "km_median"])),
            ("cycle_min_samples", Kind::Number),
            ("group_cycle_percent", Kind::Number),
            ("no_activity_days", Kind::Number),
            ("lapse_days", Kind::Number),
            ("max_extension_percent", Kind::Number),
            ("rest_days", Kind::Number),
            ("rotation_same_team", Kind::Flag),
            ("rotation_same_region", Kind::Flag),
            ("touch_key_days", Kind::Number),
            ("touch_regular_days", Kind::Number),
            ("touch_small_days", Kind::Number),
            ("head_meeting_tier", Kind::Choice(&["key", "regular", "small", "none"])),
            ("head_meeting_potential_minor", Kind::Money),
            ("meeting_decline_limit", Kind::Number),
            ("meeting_postpone_days", Kind::Number),
            ("spot_check_per_rep", Kind::Number),
            ("spot_check_department", Kind::Choice(&["", "logistics", "accounting", "legal", "support", "contracts"])),
        ],
    ),
    (
        |t| t.guards,
        &[
            ("daily_record_limit", Kind::Number),
            ("mass_view_threshold", Kind::Number),
            ("mass_view_multiple", Kind::Number),
            ("mass_view_floor", Kind::Number),
            ("departing_spike_multiple", Kind::Number),
            ("departing_spike_floor", Kind::Number),
            ("failed_sign_in_limit", Kind::Number),
            ("sign_ins_per_minute", Kind::Number),
            ("list_requests_per_minute", Kind::Number),
            ("export_canaries", Kind::Number),
            ("api_token_days", Kind::Number),
        ],
    ),
    (
        |t| t.risk,
        &[
            ("risk_revenue_minor", Kind::Money),
            ("risk_threshold", Kind::Number),
            ("single_thread_alert_percent", Kind::Number),
            ("key_coverage_min", Kind::Number),
        ],
    ),
    (
        |t| t.plans,
        &[
            ("plan_key_percent", Kind::Number),
            ("plan_regular_percent", Kind::Number),
            ("plan_small_percent", Kind::Number),
        ],
    ),
];

/// A setting's value as the form shows it.
fn shown(settings: &serde_json::Value, name: &str, kind: Kind) -> String {
    match (&settings[name], kind) {
        (serde_json::Value::Number(n), Kind::Money) => sprut_core::money::format_minor(n.as_i64().unwrap_or(0)),
        (serde_json::Value::String(s), _) => s.clone(),
        (v, _) => v.to_string(),
    }
}

fn kind_of(name: &str) -> Kind {
    SECTIONS.iter().flat_map(|(_, f)| f.iter()).find(|(n, _)| *n == name).map_or(Kind::Text, |(_, k)| *k)
}

/// `GET /settings`: the form with the settings in force (administrators).
pub(super) async fn show(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if user.employee.role != Role::Admin {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let settings = match state.store.settings().await {
        Ok(s) => serde_json::to_value(s).unwrap_or_default(),
        Err(e) => return super::layout::app_error_page(&ctx, e.into()),
    };
    let saved = Params::new(query).get("saved").is_some();
    let value = |name: &str| shown(&settings, name, kind_of(name));
    let teams = match (state.store.teams().await, super::reps_and_heads(&state).await) {
        (Ok(teams), Ok(people)) => {
            let mut heads: Vec<&Employee> = people.values().filter(|e| e.role == Role::Head).collect();
            heads.sort_by(|a, b| a.name.cmp(&b.name));
            settings_view::teams(&ctx, &teams, &heads)
        }
        (Err(e), _) | (_, Err(e)) => return super::layout::app_error_page(&ctx, e.into()),
    };
    let body = maud::html! { (settings_view::form(&ctx, &value, &[], saved)) (teams) };
    page(&ctx, Nav::Settings, ctx.t.settings.title, body).into_response()
}

/// `POST /settings/teams`: adds a team with its head (administrators).
pub(super) async fn add_team(state: State<AppState>, posted: Posted) -> Response {
    team(state, None, posted).await
}

/// `POST /settings/teams/{id}`: renames a team and changes its head (administrators).
pub(super) async fn change_team(state: State<AppState>, PathId(id): PathId<TeamId>, posted: Posted) -> Response {
    team(state, Some(id), posted).await
}

/// Adds the team, or changes team `id`.
async fn team(State(state): State<AppState>, id: Option<TeamId>, Posted { user, ctx, params }: Posted) -> Response {
    if user.employee.role != Role::Admin {
        return error_page(Some(&ctx), ctx.lang, StatusCode::FORBIDDEN, None);
    }
    let actor = user.actor(state.clock.now());
    let name = params.get("name").unwrap_or("").to_string();
    let head_id: Option<EmployeeId> = params.parsed("head_id");
    let done = match id {
        Some(id) => {
            let patch = TeamPatch { name: Some(name), head_id: Some(head_id) };
            state.store.update_team(&actor, id, patch).await.map(|_| ())
        }
        None => state.store.create_team(&actor, NewTeam { name, head_id }).await.map(|_| ()),
    };
    match done {
        Ok(()) => see_other("/settings?saved=1#teams"),
        Err(e) => super::layout::app_error_page(&ctx, e.into()),
    }
}

/// `POST /settings`: checks and saves every setting; on a refusal the form comes back with
/// what was typed and each error beside its field.
pub(super) async fn save(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    if user.employee.role != Role::Admin {
        return error_page(Some(&ctx), ctx.lang, StatusCode::FORBIDDEN, None);
    }
    let mut doc = match state.store.settings().await {
        Ok(s) => serde_json::to_value(s).unwrap_or_default(),
        Err(e) => return super::layout::app_error_page(&ctx, e.into()),
    };
    let mut errors = Vec::new();
    for (name, kind) in SECTIONS.iter().flat_map(|(_, f)| f.iter()) {
        let typed = params.get(name).unwrap_or("").trim();
        let value = match kind {
            Kind::Text | Kind::Choice(_) => serde_json::json!(typed),
            Kind::Flag => serde_json::json!(!typed.is_empty()),
            Kind::Number => match typed.replace([' ', '\u{a0}'], "").parse::<i64>() {
                Ok(n) => serde_json::json!(n),
                Err(_) => {
                    errors.push(FieldError::new(*name, Reason::Number { value: typed.to_string() }));
                    continue;
                }
            },
            Kind::Money => match sprut_core::import::parse_money(typed) {
                Ok(m) if m.minor >= 0 => serde_json::json!(m.minor),
                _ => {
                    errors.push(FieldError::new(*name, Reason::Amount { value: typed.to_string() }));
                    continue;
                }
            },
        };
        doc[name] = value;
    }
    let settings: Settings = serde_json::from_value(doc).unwrap_or_default();
    let done = match errors.is_empty() {
        true => crate::api::settings::save(&state, &user, settings).await.map(|_| ()),
        // Every other field is checked too, so that one round names every mistake.
        false => crate::api::settings::check(settings).map(|_| ()),
    };
    match done {
        Ok(()) if errors.is_empty() => return see_other("/settings?saved=1"),
        Ok(()) => {}
        Err(crate::error::AppError::Validation(fields)) => errors.extend(fields),
        Err(e) => return super::layout::app_error_page(&ctx, e),
    }
    let value = |name: &str| match kind_of(name) {
        Kind::Flag => params.get(name).is_some().to_string(),
        _ => params.get(name).unwrap_or("").to_string(),
    };
    let body = settings_view::form(&ctx, &value, &errors, false);
    (StatusCode::UNPROCESSABLE_ENTITY, page(&ctx, Nav::Settings, ctx.t.settings.title, body)).into_response()
}
