//! The server-rendered web UI: sign-in, the client list, the client card, the employee list.
//! Every page reads without JavaScript; every asset is served by the binary itself.

mod alerts;
mod audit;
mod board;
mod card;
mod card_octopus;
mod card_rotation;
mod card_view;
mod clients;
mod contact_pool;
mod edit;
mod edit_fields;
mod employees;
mod employees_view;
mod exports;
mod extract;
mod form;
mod format;
pub(crate) mod i18n;
mod import;
mod layout;
mod login;
mod meeting_requests;
mod meetings;
mod offboarding;
mod offboarding_view;
mod outbox;
mod owner_filter;
mod planning;
mod planning_view;
mod receivables;
mod report;
mod risk;
mod rotation;
mod rotation_view;
mod sales_plans;
mod sales_plans_view;
mod settings;
mod settings_view;
mod spot_checks;
mod surveys;
mod tokens;
mod transfers;
mod transfers_view;
mod workday;

use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use sprut_core::contact::Contact;
use sprut_core::deal::Deal;
use sprut_core::employee::{Employee, EmployeeFilter, Role};
use sprut_core::error::CoreResult;
use sprut_core::page::{PageRequest, MAX_LIMIT};
use sprut_core::receivable::Receivable;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::EmployeeId;
use std::collections::HashMap;

/// The stylesheet of every page.
const APP_CSS: &str = include_str!("../../assets/app.css");
/// The icon of every page.
const ICON_SVG: &str = include_str!("../../assets/icon.svg");

/// Declares the UI's routes once: the router and [`ROUTES`], the list the route × role tests
/// walk, come from the same lines, so no page can be added without being tested.
/// A route may name its own body limit after its handler; the others take
/// [`crate::uploads::MAX_FORM`].
macro_rules! pages {
    ($($method:ident $path:literal => $handler:expr $(, limit $limit:expr)?;)*) => {
        /// Every UI route as (method, path).
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        /// The routes of the web UI.
        pub fn router() -> Router<AppState> {
            Router::new()
                $(.route($path, axum::routing::$method($handler)$(.layer(axum::extract::DefaultBodyLimit::max($limit)))?))*
                .fallback(not_found)
                .layer(axum::extract::DefaultBodyLimit::max(crate::uploads::MAX_FORM))
        }
    };
}

pages! {
    get "/" => index;
    get "/login" => login::form;
    post "/login" => login::submit;
    post "/logout" => login::logout;
    post "/language" => login::language;
    get "/my-day" => workday::show;
    post "/tasks/{id}/{action}" => workday::close;
    get "/clients" => clients::list;
    get "/clients/new" => edit::new_client;
    post "/clients/new" => edit::create_client;
    get "/clients/{id}" => card::show;
    get "/clients/{id}/edit" => edit::edit_client;
    post "/clients/{id}/edit" => edit::update_client;
    get "/clients/{id}/contacts/new" => edit::new_record::<Contact>;
    post "/clients/{id}/contacts/new" => edit::create_record::<Contact>;
    get "/contacts/{id}/edit" => edit::edit_record::<Contact>;
    post "/contacts/{id}/edit" => edit::update_record::<Contact>;
    get "/clients/{id}/deals/new" => edit::new_record::<Deal>;
    post "/clients/{id}/deals/new" => edit::create_record::<Deal>;
    get "/deals/board" => board::show;
    post "/deals/{id}/move" => board::move_deal;
    get "/deals/{id}/edit" => edit::edit_record::<Deal>;
    post "/deals/{id}/edit" => edit::update_record::<Deal>;
    get "/clients/{id}/receivables/new" => edit::new_record::<Receivable>;
    post "/clients/{id}/receivables/new" => edit::create_record::<Receivable>;
    get "/receivables/{id}/edit" => edit::edit_record::<Receivable>;
    post "/receivables/{id}/edit" => edit::update_record::<Receivable>;
    get "/receivables" => receivables::show;
    post "/clients/{id}/collect" => receivables::collect;
    get "/meetings" => meetings::show;
    get "/meeting-requests" => meeting_requests::show;
    post "/meeting-requests" => meeting_requests::create;
    post "/meeting-requests/{id}/answer" => meeting_requests::answer;
    post "/clients/{id}/head-meeting" => meetings::plan;
    post "/clients/{id}/activities" => card::log_activity;
    get "/employees" => employees::list;
    post "/employees/{id}/depart" => employees::depart;
    post "/employees" => employees::add;
    post "/employees/{id}/edit" => employees::edit;
    post "/employees/{id}/password" => employees::password;
    get "/alerts" => alerts::list;
    post "/alerts/{id}/close" => alerts::close;
    post "/alerts/{id}/lift" => alerts::lift;
    get "/audit" => audit::list;
    get "/exports" => exports::list;
    get "/transfers" => transfers::list;
    get "/transfers/new" => transfers::wizard;
    post "/transfers" => transfers::create;
    get "/transfers/{id}" => transfers::show;
    post "/transfers/{id}/check" => transfers::check;
    post "/transfers/{id}/{action}" => transfers::finish;
    get "/offboardings" => offboarding::list;
    get "/offboardings/{id}" => offboarding::show;
    post "/offboardings/{id}/{action}" => offboarding::act;
    post "/employees/{id}/offboard" => offboarding::start;
    get "/planning" => planning::form;
    post "/planning" => planning::preview;
    get "/planning/{id}" => planning::show;
    post "/planning/{id}/apply" => planning::apply;
    get "/sales-plans" => sales_plans::show;
    post "/sales-plans/{id}/{month}" => sales_plans::set;
    get "/reports/transfers" => report::transfers;
    get "/risk" => risk::show;
    get "/coverage" => risk::thin;
    post "/coverage/count" => risk::count;
    get "/survey/{token}" => surveys::form;
    post "/survey/{token}" => surveys::answer;
    get "/surveys" => surveys::report;
    post "/clients/{id}/survey" => surveys::send;
    get "/spot-checks" => spot_checks::show;
    post "/spot-checks/draw" => spot_checks::draw;
    post "/spot-checks/{id}/result" => spot_checks::record;
    post "/investigations/{id}/step" => spot_checks::step;
    get "/rotation" => rotation::review;
    post "/rotation/bulk" => rotation::bulk;
    get "/settings" => settings::show;
    post "/settings" => settings::save;
    post "/settings/teams" => settings::add_team;
    post "/settings/teams/{id}" => settings::change_team;
    get "/rotation/cycle" => rotation::cycle;
    get "/rotation/scorecard" => rotation::scorecard;
    get "/rotation/reports" => rotation::reports;
    post "/clients/{id}/report" => rotation::report;
    post "/clients/{id}/decide/{action}" => rotation::decide;
    get "/outbox" => outbox::list;
    post "/outbox/{id}/retry" => outbox::retry;
    get "/import" => import::form;
    post "/import/upload" => import::upload, limit import::UPLOAD_BODY;
    post "/import/apply" => import::apply;
    get "/import/errors/{id}" => import::errors_file;
    get "/contact-pool" => contact_pool::list;
    post "/contact-pool/{id}/attach" => contact_pool::attach;
    get "/tokens" => tokens::list;
    post "/tokens" => tokens::create;
    post "/tokens/{id}/revoke" => tokens::revoke;
    post "/calendar-feed" => tokens::issue_calendar;
    post "/calendar-feed/revoke" => tokens::revoke_calendar;
    get "/ical/{file}" => crate::calendar::feed;
    get "/assets/app.css" => stylesheet;
    get "/assets/icon.svg" => icon;
}

/// Any other address: a 404 page (JSON under `/api/`, where programs call).
async fn not_found(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if uri.path().starts_with("/api/") {
        return AppError::not_found(format!("no such endpoint: {}", uri.path())).into_response();
    }
    match user {
        Some(user) => {
            let ctx = layout::Ctx::new(&user, &uri, state.clock.now(), &state.settings().await.time_zone);
            layout::error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None)
        }
        None => {
            let lang = i18n::from_accept_language(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
            layout::error_page(None, lang, StatusCode::NOT_FOUND, None)
        }
    }
}

/// `/`: "my day" for reps and heads, the client list for others, else the sign-in page.
async fn index(MaybeUser(user): MaybeUser) -> Response {
    match user {
        Some(u) => layout::see_other(home(u.employee.role)),
        None => layout::to_login(),
    }
}

/// The page a signed-in employee starts on: "my day" for those who hold clients, the client
/// list for the others.
pub(crate) fn home(role: Role) -> &'static str {
    match role {
        Role::Rep | Role::Head => "/my-day",
        _ => "/clients",
    }
}

/// The stylesheet, cached for a day (its URL carries the version).
async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=86400")], APP_CSS)
        .into_response()
}

/// The icon, cached for a day.
async fn icon() -> Response {
    ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], ICON_SVG)
        .into_response()
}

/// A form refused just now: what it was about, what was typed, and why; the page that holds
/// the form renders it again with these instead of a bare error page.
pub(crate) struct Refused<'a, K> {
    /// What the form was about (a client, an alert, an employee; `()` for a page's one form).
    pub at: K,
    /// What was typed.
    pub params: &'a Params,
    /// Why it was refused.
    pub error: &'a AppError,
}

impl<'a, K: PartialEq> Refused<'a, K> {
    /// `refused`, when it was about `at`.
    pub(crate) fn about(refused: Option<&'a Self>, at: &K) -> Option<&'a Self> {
        refused.filter(|r| r.at == *at)
    }
}

impl<'a, K> Refused<'a, K> {
    /// What was typed in `name` (empty when nothing).
    pub(crate) fn typed(&self, name: &str) -> &'a str {
        self.params.get(name).unwrap_or("")
    }
}

/// The status of a page that may bring back a refused form: the refusal's, else 200.
pub(crate) fn page_status<K>(refused: Option<&Refused<'_, K>>) -> StatusCode {
    refused.map_or(StatusCode::OK, |r| r.error.status())
}

/// Query or form fields as sent, read leniently: the last non-blank value of each name.
#[derive(Debug, Default, Clone)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// Wraps decoded pairs.
    pub(crate) fn new(pairs: Vec<(String, String)>) -> Self {
        Self(pairs)
    }

    /// The trimmed value of `name`, if present and not blank.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    /// The value of `name` parsed, ignoring values that do not parse.
    pub(crate) fn parsed<T: std::str::FromStr>(&self, name: &str) -> Option<T> {
        self.get(name).and_then(|v| v.parse().ok())
    }

    /// The whole number typed in `name` (`None` when blank), refused by name when it does not
    /// read as one.
    pub(crate) fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, AppError> {
        match self.get(name) {
            None => Ok(None),
            Some(typed) => typed
                .parse()
                .map(Some)
                .map_err(|_| AppError::invalid(name, sprut_core::Reason::Number { value: typed.to_string() })),
        }
    }

    /// `path?name=value&…` keeping the parameters `names` that are set, then the `extra` pairs.
    pub(crate) fn link(&self, path: &str, names: &[&str], extra: &[(&str, &str)]) -> String {
        let kept = names.iter().filter_map(|n| self.get(n).map(|v| (*n, v)));
        let parts: Vec<String> = kept.chain(extra.iter().copied()).map(|(k, v)| format!("{k}={}", encode(v))).collect();
        if parts.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{}", parts.join("&"))
        }
    }

    /// These parameters and one more pair.
    pub(crate) fn with(&self, name: &str, value: &str) -> Params {
        let mut pairs = self.0.clone();
        pairs.push((name.to_string(), value.to_string()));
        Params(pairs)
    }

    /// Every value of `name`, as sent (a field repeated, like the clients of a transfer).
    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The raw value of `name` (untrimmed), for passwords.
    pub(crate) fn raw(&self, name: &str) -> &str {
        self.0.iter().rev().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Every employee matching `filter`, by id: for the pages that list people (the employees
/// page, the choices of a receiver); a page that only names people reads [`employees_named`].
pub(crate) async fn employees_matching(
    state: &AppState,
    filter: &EmployeeFilter,
) -> CoreResult<HashMap<EmployeeId, Employee>> {
    let mut all = HashMap::new();
    let mut page = PageRequest { after: None, limit: Some(MAX_LIMIT) };
    // A bound on the pages read keeps a broken cursor from looping forever.
    for _ in 0..200 {
        let got = state.store.employees(filter, &page).await?;
        all.extend(got.items.into_iter().map(|e| (e.id, e)));
        match got.next {
            Some(next) => page.after = Some(next),
            None => break,
        }
    }
    Ok(all)
}

/// The reps and heads, by id: who may hold, give or receive clients.
pub(crate) async fn reps_and_heads(state: &AppState) -> CoreResult<HashMap<EmployeeId, Employee>> {
    let mut all = HashMap::new();
    for role in [Role::Rep, Role::Head] {
        let filter = EmployeeFilter { role: Some(role), ..EmployeeFilter::default() };
        all.extend(employees_matching(state, &filter).await?);
    }
    Ok(all)
}

/// The reps and heads a head's `scope` oversees, by id, read team by team (a company of
/// thousands of reps is not read for one team's page); everyone's for a wider scope.
pub(crate) async fn reps_and_heads_in(state: &AppState, scope: &Scope) -> CoreResult<HashMap<EmployeeId, Employee>> {
    let Scope::Teams(teams) = scope else { return reps_and_heads(state).await };
    let mut all = HashMap::new();
    for team in teams {
        let filter = EmployeeFilter { team_id: Some(*team), ..EmployeeFilter::default() };
        all.extend(
            employees_matching(state, &filter)
                .await?
                .into_iter()
                .filter(|(_, e)| matches!(e.role, Role::Rep | Role::Head)),
        );
    }
    Ok(all)
}

/// The employees a page names (holders, authors, deciders), by id: only those, in one read.
/// The ids are taken before the read, so that the future holds no borrow of the page's data.
pub(crate) fn employees_named(
    state: &AppState,
    ids: impl IntoIterator<Item = EmployeeId>,
) -> impl std::future::Future<Output = CoreResult<HashMap<EmployeeId, Employee>>> + Send + '_ {
    let ids: Vec<EmployeeId> = ids.into_iter().collect();
    async move {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        Ok(state.store.employees_among(&ids).await?.into_iter().map(|e| (e.id, e)).collect())
    }
}

/// The name of an employee, or a short form of the id when unknown.
pub(crate) fn name_of(people: &HashMap<EmployeeId, Employee>, id: EmployeeId) -> String {
    people.get(&id).map_or_else(|| id.to_string().chars().take(8).collect(), |e| e.name.clone())
}
