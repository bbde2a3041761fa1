//! The pages that create and change clients and the records under them (contacts, deals,
//! invoices): each posts the API's own request body through the API's own use case, so the
//! rules of who may, the validation and the audit are the API's.

use super::edit_fields::{self, Editable};
use super::extract::{Page, PathId, Posted};
use super::form::{self, FormPage, Values};
use super::layout::{app_error_page, error_text, page, see_other, Ctx, Nav};
use crate::api::extract::Caller;
use crate::api::records;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use sprut_core::client::{ClientPatch, NewClient};
use sprut_core::store::prelude::*;
use sprut_core::{ClientId, FieldError};

/// A form to show again: its values, the errors found, and a problem with the whole of it.
struct Shown {
    values: Values,
    errors: Vec<FieldError>,
    problem: Option<String>,
}

impl Shown {
    fn fresh(values: Values) -> Self {
        Self { values, errors: Vec::new(), problem: None }
    }
}

/// Renders a form page with `status`.
fn show(
    ctx: &Ctx,
    title: &str,
    action: &str,
    back: &str,
    fields: &[form::Field],
    s: &Shown,
    status: StatusCode,
) -> Response {
    let p = FormPage { title, action, back, fields, values: &s.values, errors: &s.errors, problem: s.problem.clone() };
    (status, page(ctx, Nav::Clients, title, form::render(ctx, &p))).into_response()
}

/// The posted values read into the API's request body `T`; what does not read comes back as
/// the form to show again.
fn body_of<T: DeserializeOwned>(
    ctx: &Ctx,
    fields: &[form::Field],
    values: Values,
    extra: impl FnOnce(&mut Map<String, Value>),
) -> Result<T, Shown> {
    let (mut body, mut errors) = values.to_json(fields);
    form::settle(&mut body, &mut errors);
    if !errors.is_empty() {
        return Err(Shown { values, errors, problem: None });
    }
    extra(&mut body);
    serde_json::from_value(Value::Object(body)).map_err(|e| {
        // Only a tampered form gets here (a choice the page does not offer).
        Shown { values, errors: Vec::new(), problem: Some(error_text(ctx, &AppError::bad_request(e.to_string()))) }
    })
}

/// What a refused use case makes of the form: its errors beside the fields, a rule's refusal
/// above them; `None` when the answer is a page of its own (not found, forbidden).
fn refused(ctx: &Ctx, values: Values, err: AppError) -> Result<Shown, AppError> {
    match err {
        AppError::Validation(errors) | AppError::BadRequest { fields: errors, .. } if !errors.is_empty() => {
            Ok(Shown { values, errors, problem: None })
        }
        e @ (AppError::Conflict(_) | AppError::BadRequest { .. }) => {
            Ok(Shown { values, errors: Vec::new(), problem: Some(error_text(ctx, &e)) })
        }
        other => Err(other),
    }
}

/// The card of `client`, at `section`, with the "saved" notice.
fn card_at(client: ClientId, section: &str) -> Response {
    see_other(&format!("/clients/{client}?changed=1#{section}"))
}

/// `GET /clients/{id}/{contacts|deals|receivables}/new`: the form of a new record of the client.
pub(super) async fn new_record<R: Editable>(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    PathId(client): PathId<ClientId>,
) -> Response {
    if let Err(err) = crate::api::access::require_add(&state, &user, client, R::KIND).await {
        return app_error_page(&ctx, err);
    }
    let mut values = Values::default();
    R::defaults(&mut values, &ctx, state.currency().await.as_str());
    let (title, action, back) = new_paths::<R>(&ctx, client);
    show(&ctx, title, &action, &back, R::FIELDS, &Shown::fresh(values), StatusCode::OK)
}

fn new_paths<R: Editable>(ctx: &Ctx, client: ClientId) -> (&'static str, String, String) {
    (R::titles(ctx.t).0, format!("/clients/{client}/{}/new", R::SECTION), format!("/clients/{client}#{}", R::SECTION))
}

/// `POST /clients/{id}/{contacts|deals|receivables}/new`: creates the record, back to the card.
pub(super) async fn create_record<R: Editable>(
    State(state): State<AppState>,
    PathId(client): PathId<ClientId>,
    Posted { user, ctx, params }: Posted,
) -> Response
where
    R::New: DeserializeOwned,
{
    // Who may, first: a form refused for its values must not tell a stranger the client exists.
    if let Err(err) = crate::api::access::require_add(&state, &user, client, R::KIND).await {
        return app_error_page(&ctx, err);
    }
    let (title, action, back) = new_paths::<R>(&ctx, client);
    let values = Values::of_params(R::FIELDS, &params);
    let shown = match body_of::<R::New>(&ctx, R::FIELDS, values.clone(), |b| {
        b.insert("client_id".into(), Value::String(client.to_string()));
    }) {
        Ok(new) => match records::create::<R>(&state, &Caller(user), new).await {
            Ok(_) => return card_at(client, R::SECTION),
            Err(err) => refused(&ctx, values, err),
        },
        Err(shown) => Ok(shown),
    };
    match shown {
        Ok(s) => show(&ctx, title, &action, &back, R::FIELDS, &s, StatusCode::UNPROCESSABLE_ENTITY),
        Err(err) => app_error_page(&ctx, err),
    }
}

/// The record `id` the user sees and may change, or the page that says why not.
async fn editable<R: Editable>(state: &AppState, user: &CurrentUser, id: R::Id) -> Result<R, AppError> {
    let found = records::visible::<R>(state, user, id).await?;
    crate::api::access::require_write(user)?;
    Ok(found)
}

fn edit_paths<R: Editable>(ctx: &Ctx, r: &R) -> (&'static str, String, String) {
    (
        R::titles(ctx.t).1,
        format!("/{}/{}/edit", R::SECTION, r.id()),
        format!("/clients/{}#{}", r.client_id(), R::SECTION),
    )
}

/// `GET /{contacts|deals|receivables}/{id}/edit`: the form of a record as it is.
pub(super) async fn edit_record<R: Editable>(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    PathId(id): PathId<R::Id>,
) -> Response
where
    R::Id: std::str::FromStr,
{
    let r = match editable::<R>(&state, &user, id).await {
        Ok(r) => r,
        Err(err) => return app_error_page(&ctx, err),
    };
    let values = Values::of_record(R::FIELDS, &serde_json::to_value(&r).unwrap_or_default());
    let (title, action, back) = edit_paths(&ctx, &r);
    show(&ctx, title, &action, &back, R::FIELDS, &Shown::fresh(values), StatusCode::OK)
}

/// `POST /{contacts|deals|receivables}/{id}/edit`: changes the record, back to the card.
pub(super) async fn update_record<R: Editable>(
    State(state): State<AppState>,
    PathId(id): PathId<R::Id>,
    Posted { user, ctx, params }: Posted,
) -> Response
where
    R::Id: std::str::FromStr,
    R::Patch: DeserializeOwned,
{
    let r = match editable::<R>(&state, &user, id).await {
        Ok(r) => r,
        Err(err) => return app_error_page(&ctx, err),
    };
    let (title, action, back) = edit_paths(&ctx, &r);
    let values = Values::of_params(R::FIELDS, &params);
    let shown = match body_of::<R::Patch>(&ctx, R::FIELDS, values.clone(), |_| {}) {
        Ok(patch) => match records::update::<R>(&state, &user, id, patch).await {
            Ok(_) => return card_at(r.client_id(), R::SECTION),
            Err(err) => refused(&ctx, values, err),
        },
        Err(shown) => Ok(shown),
    };
    match shown {
        Ok(s) => show(&ctx, title, &action, &back, R::FIELDS, &s, StatusCode::UNPROCESSABLE_ENTITY),
        Err(err) => app_error_page(&ctx, err),
    }
}

/// `GET /clients/new`: the form of a new client.
pub(super) async fn new_client(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    if let Err(err) = may_add_client(&user) {
        return app_error_page(&ctx, err);
    }
    let mut values = Values::default();
    edit_fields::client_defaults(&mut values, state.currency().await.as_str());
    show(
        &ctx,
        ctx.t.forms.new_client,
        "/clients/new",
        "/clients",
        edit_fields::CLIENT,
        &Shown::fresh(values),
        StatusCode::OK,
    )
}

/// Whether `user` may add a client: a rep (who then holds it) or a manager.
pub(crate) fn may_add_client(user: &CurrentUser) -> Result<(), AppError> {
    match user.employee.role {
        sprut_core::employee::Role::Rep => crate::api::access::require_write(user),
        _ => crate::api::access::require_manager(user),
    }
}

/// `POST /clients/new`: creates the client, then its card.
pub(super) async fn create_client(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    if let Err(err) = may_add_client(&user) {
        return app_error_page(&ctx, err);
    }
    let values = Values::of_params(edit_fields::CLIENT, &params);
    let shown = match body_of::<NewClient>(&ctx, edit_fields::CLIENT, values.clone(), |_| {}) {
        Ok(new) => match crate::api::clients::create_client(&state, &user, new).await {
            Ok(c) => return see_other(&format!("/clients/{}?changed=1", c.id)),
            Err(err) => refused(&ctx, values, err),
        },
        Err(shown) => Ok(shown),
    };
    match shown {
        Ok(s) => show(
            &ctx,
            ctx.t.forms.new_client,
            "/clients/new",
            "/clients",
            edit_fields::CLIENT,
            &s,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(err) => app_error_page(&ctx, err),
    }
}

/// `GET /clients/{id}/edit`: the form of a client as it is.
pub(super) async fn edit_client(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    PathId(id): PathId<ClientId>,
) -> Response {
    let found = match client_to_edit(&state, &user, id).await {
        Ok(c) => c,
        Err(err) => return app_error_page(&ctx, err),
    };
    let values = Values::of_record(edit_fields::CLIENT, &serde_json::to_value(&found).unwrap_or_default());
    let (action, back) = (format!("/clients/{id}/edit"), format!("/clients/{id}"));
    show(&ctx, ctx.t.forms.edit_client, &action, &back, edit_fields::CLIENT, &Shown::fresh(values), StatusCode::OK)
}

async fn client_to_edit(
    state: &AppState,
    user: &CurrentUser,
    id: ClientId,
) -> Result<sprut_core::client::Client, AppError> {
    crate::api::access::require_visible(state, user, id, "client").await?;
    crate::api::clients::may_edit_client(user, false)?;
    Ok(state.store.client(&user.scope, id).await?.client)
}

/// `POST /clients/{id}/edit`: changes the client, then its card.
pub(super) async fn update_client(
    State(state): State<AppState>,
    PathId(id): PathId<ClientId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    if let Err(err) = client_to_edit(&state, &user, id).await {
        return app_error_page(&ctx, err);
    }
    let values = Values::of_params(edit_fields::CLIENT, &params);
    let shown = match body_of::<ClientPatch>(&ctx, edit_fields::CLIENT, values.clone(), |_| {}) {
        Ok(patch) => match crate::api::clients::update_client(&state, &user, id, patch).await {
            Ok(_) => return see_other(&format!("/clients/{id}?changed=1")),
            Err(err) => refused(&ctx, values, err),
        },
        Err(shown) => Ok(shown),
    };
    let (action, back) = (format!("/clients/{id}/edit"), format!("/clients/{id}"));
    match shown {
        Ok(s) => show(
            &ctx,
            ctx.t.forms.edit_client,
            &action,
            &back,
            edit_fields::CLIENT,
            &s,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(err) => app_error_page(&ctx, err),
    }
}
