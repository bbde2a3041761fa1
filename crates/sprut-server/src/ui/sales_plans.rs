//! The sales plans page: a team's (or a rep's own) month or quarter, plan against actual with
//! the trend, each change of hands that moved a plan, the head's form for a rep's month, and
//! the clients whose potential nobody estimated.

use super::extract::{Page, Posted};
use super::layout::{app_error_page, error_page, page, see_other, Ctx, Nav};
use super::sales_plans_view as view;
use super::{page_status, Params, Refused};
use crate::api::sales_plans::{check_setter, read, PlanQuery};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sprut_core::employee::Role;
use sprut_core::money::Currency;
use sprut_core::sales_plan::{self, MonthSetting, Period};
use sprut_core::scope::manages;
use sprut_core::store::prelude::*;
use sprut_core::EmployeeId;

/// `GET /sales-plans?team_id=&period=`.
pub(super) async fn show(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let params = Params::new(q);
    let q = PlanQuery { team_id: params.parsed("team_id"), period: params.get("period").map(str::to_string) };
    render(&state, &user, &ctx, &q, None).await
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    ctx: &Ctx,
    q: &PlanQuery,
    refused: Option<Refused<'_, EmployeeId>>,
) -> Response {
    if user.employee.role == Role::Staff {
        return error_page(Some(ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    let plan = match read(state, user, q).await {
        Ok(p) => p,
        Err(e) => return app_error_page(ctx, e),
    };
    let teams = match state.store.teams().await {
        Ok(t) => t.into_iter().filter(|t| user.employee.role != Role::Rep && user.scope.oversees(Some(t.id))).collect(),
        Err(e) => return app_error_page(ctx, e.into()),
    };
    let currency = Currency::parse(&state.settings().await.currency).unwrap_or_else(|_| Currency::rub());
    let typed = q.period.clone().unwrap_or_default();
    let shown = view::Shown { teams, typed_period: typed, manager: manages(&user.employee), currency };
    let title = ctx.t.sales_plans.title;
    let body = view::page(ctx, title, &plan, &shown, refused.as_ref());
    (page_status(refused.as_ref()), page(ctx, Nav::SalesPlans, title, body)).into_response()
}

/// The form's month setting, with amounts in the company's currency.
fn setting(params: &Params) -> Result<MonthSetting, AppError> {
    let plan_minor = match params.get("plan") {
        None => None,
        Some(t) => Some(sprut_core::import::parse_money(t).map_err(|r| AppError::invalid("plan_minor", r))?.minor),
    };
    Ok(MonthSetting {
        plan_minor,
        new_clients: params.number("new_clients")?,
        first_sales: params.number("first_sales")?,
        reason: params.get("reason").unwrap_or("").to_string(),
        set_by: None,
    })
}

/// `POST /sales-plans/{id}/{month}`: the head's plan and targets for a rep's month.
pub(super) async fn set(
    State(state): State<AppState>,
    Path((employee, month)): Path<(String, String)>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    let Ok(employee) = employee.parse::<EmployeeId>() else {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    };
    let team = match check_setter(&state, &user, employee).await {
        Ok(t) => t,
        Err(e) => return app_error_page(&ctx, e),
    };
    let back = PlanQuery { team_id: Some(team), period: Some(month.clone()) };
    let result = match (Period::parse_month(&month), setting(&params)) {
        (Err(r), _) => Err(AppError::invalid("month", r)),
        (_, Err(e)) => Err(e),
        (Ok(p), Ok(s)) => {
            let actor = user.actor(state.clock.now());
            sales_plan::set_month(&*state.store, &actor, employee, p.from, s).await.map_err(AppError::from)
        }
    };
    match result {
        Ok(()) => see_other(&format!("/sales-plans?team_id={team}&period={month}")),
        Err(e @ AppError::Validation(_)) => {
            render(&state, &user, &ctx, &back, Some(Refused { at: employee, params: &params, error: &e })).await
        }
        Err(e) => app_error_page(&ctx, e),
    }
}
