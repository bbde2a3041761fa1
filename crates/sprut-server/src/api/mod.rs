//! The JSON API under `/api/v1`, with its OpenAPI document built from the same routes.
//!
//! Every route is registered through utoipa-axum's `routes!`, so the document served at
//! `GET /api/v1/openapi.json` cannot drift from the router.

pub(crate) mod access;
mod activities;
pub(crate) mod alerts;
mod audit;
pub(crate) mod clients;
pub mod contact_pool;
mod contacts;
mod deals;
pub(crate) mod employees;
mod exports;
pub mod extract;
mod holding;
pub(crate) mod import;
pub(crate) mod me;
mod meeting_requests;
pub(crate) mod octopus;
pub(crate) mod offboarding;
mod outbox;
pub(crate) mod planning;
mod receivables;
pub(crate) mod records;
pub(crate) mod rotation;
pub(crate) mod sales_plans;
pub(crate) mod settings;
pub(crate) mod spot_checks;
pub(crate) mod surveys;
mod tasks;
mod teams;
pub(crate) mod transfers;
pub(crate) mod workday;

use crate::error::{AppError, ErrorBody, ErrorField};
use crate::state::AppState;
use axum::{Extension, Json};
use std::collections::BTreeMap;
use std::sync::Arc;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Required, ResponseBuilder};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Where the API lives.
pub const PREFIX: &str = "/api/v1";

/// The API router, with the OpenAPI document it serves.
pub fn router() -> axum::Router<AppState> {
    let (router, doc) = documented_router();
    router
        .route(&format!("{PREFIX}/{{*rest}}"), axum::routing::any(unknown_route))
        .layer(axum::extract::DefaultBodyLimit::max(crate::uploads::MAX_FORM))
        .layer(Extension(Arc::new(doc)))
}

/// The OpenAPI document of the API (the one served at `/api/v1/openapi.json`).
pub fn openapi() -> OpenApi {
    documented_router().1
}

/// The routes and their document, split from one `OpenApiRouter`.
fn documented_router() -> (axum::Router<AppState>, OpenApi) {
    let (router, mut doc) = openapi_router().split_for_parts();
    fix_query_params(&mut doc);
    (router, doc)
}

/// Every API route, each registered with its OpenAPI operation.
pub fn openapi_router() -> OpenApiRouter<AppState> {
    use utoipa::OpenApi as _;
    let api = OpenApiRouter::new()
        .routes(routes!(openapi_json))
        .merge(me::routes())
        .merge(clients::routes())
        .merge(holding::routes())
        .merge(contacts::routes())
        .merge(contact_pool::routes())
        .merge(deals::routes())
        .merge(activities::routes())
        .merge(receivables::routes())
        .merge(tasks::routes())
        .merge(workday::routes())
        .merge(octopus::routes())
        .merge(meeting_requests::routes())
        .merge(spot_checks::routes())
        .merge(surveys::routes())
        .merge(employees::routes())
        .merge(teams::routes())
        .merge(settings::routes())
        .merge(alerts::routes())
        .merge(audit::routes())
        .merge(exports::routes())
        .merge(transfers::routes())
        .merge(offboarding::routes())
        .merge(planning::routes())
        .merge(sales_plans::routes())
        .merge(outbox::routes())
        .merge(rotation::routes())
        .merge(import::routes());
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest(PREFIX, api)
}

/// The parts of the document no route declares: title, security, shared schemas.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(title = "sprut", description = "sprut CRM: the client base belongs to the company."),
    modifiers(&BearerScheme),
    components(schemas(ErrorBody, ErrorField)),
    security(("bearer" = []))
)]
struct ApiDoc;

/// Adds the bearer-token security scheme.
struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, doc: &mut OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("a token from POST /api/v1/tokens; browsers may use the session cookie plus X-CSRF-Token instead"))
                    .build(),
            ),
        );
    }
}

/// The error responses every operation may answer, with the shared error body.
pub struct Problems;

impl utoipa::IntoResponses for Problems {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        [
            ("400", "malformed request: bad JSON, path or query parameter"),
            ("401", "not signed in, or wrong credentials"),
            ("403", "not allowed to do this"),
            ("404", "no such record in your scope"),
            ("409", "conflicts with the current state"),
            ("413", "the body is larger than the route takes: 64 MB for an import file, 1 MB otherwise"),
            ("415", "the body is not in a format the route reads (send JSON with 'Content-Type: application/json')"),
            ("422", "invalid input; `fields` says which and why"),
            ("429", "a limit was reached: sign-ins or list requests a minute, records a day"),
            ("500", "internal error; the detail is only in the server log"),
        ]
        .into_iter()
        .map(|(code, description)| {
            let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
            let response = ResponseBuilder::new().description(description).content("application/json", content).build();
            (code.to_string(), RefOr::T(response))
        })
        .collect()
    }
}

/// The core's filter structs do not say they are query parameters: every parameter not
/// named in the path template is one, and optional.
fn fix_query_params(doc: &mut OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let ops = [&mut item.get, &mut item.put, &mut item.post, &mut item.patch, &mut item.delete];
        for op in ops.into_iter().flatten() {
            for p in op.parameters.iter_mut().flatten() {
                fix_param(path, p);
            }
        }
    }
}

fn fix_param(path: &str, p: &mut Parameter) {
    if p.parameter_in == ParameterIn::Path && !path.contains(&format!("{{{}}}", p.name)) {
        p.parameter_in = ParameterIn::Query;
        p.required = Required::False;
    }
}

/// The OpenAPI document of this API.
#[utoipa::path(get, path = "/openapi.json", tag = "meta", security(()),
    responses((status = 200, description = "the OpenAPI 3.1 document", content_type = "application/json")))]
async fn openapi_json(Extension(doc): Extension<Arc<OpenApi>>) -> Json<OpenApi> {
    Json((*doc).clone())
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<time::Date> {
    time::Date::parse(text.trim(), &time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// Any other path under `/api/v1`: a JSON 404.
async fn unknown_route() -> AppError {
    AppError::not_found("no such API route; see /api/v1/openapi.json")
}
