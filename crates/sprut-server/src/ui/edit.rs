//! The pages that create and change clients and the records under them (contacts, deals,
//! invoices): each posts the API's own request body through the API's own use case, so the
//! rules of who may, the validation and the audit are the API's.

use super::edit_fields::{self, Editable};
use super::extract::{Page, PathId, Posted};
use super::form::{self, FormPage, Values};
use super::layout::{app_error_page, error_text, page, see_other, Ctx, Nav};
use crate::api::clients::{may_add_client, may_change_client};
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

/// One form page: its title, fields, where it posts and where "cancel" leads.
struct FormAt {
    title: &'static str,
    fields: &'static [form::Field],
    action: String,
    back: String,
}

impl FormAt {
    /// The page with `shown`, answered with `status`.
    fn page(&self, ctx: &Ctx, shown: &Shown, status: StatusCode) -> Response {
        let p = FormPage {
            title: self.title,
            action: &self.action,
            back: &self.back,
            fields: self.fields,
            values: &shown.values,
            errors: &shown.errors,
            problem: shown.problem.as_deref(),
        };
        (status, page(ctx, Nav::Clients, self.title, form::render(ctx, &p))).into_response()
    }

    /// The page filled with `values` (a new record's defaults, a record as it is).
    fn fresh(&self, ctx: &Ctx, values: Values) -> Response {
        self.page(ctx, &Shown { values, errors: Vec::new(), problem: None }, StatusCode::OK)
    }

    /// Reads the posted form into the API's request body `T` (with `extra` added), runs `save`
    /// on it, and sends the browser to where `save` says; a refused form comes back with what
    /// was typed and why, a refusal that is a page of its own (not found, forbidden) is that page.
    async fn submit<T, F, Fut>(
        &self,
        ctx: &Ctx,
        params: &super::Params,
        extra: impl FnOnce(&mut Map<String, Value>),
        save: F,
    ) -> Response
    where
        T: DeserializeOwned,
        F: FnOnce(T) -> Fut,
        Fut: std::future::Future<Output = Result<String, AppError>>,
    {
        let values = Values::of_params(self.fields, params);
        let shown = match body_of::<T>(ctx, self.fields, values.clone(), extra) {
            Ok(body) => match save(body).await {
                Ok(to) => return see_other(&to),
                Err(err) => refused(ctx, values, err),
            },
            Err(shown) => Ok(shown),
        };
        match shown {
            Ok(s) => self.page(ctx, &s, StatusCode::UNPROCESSABLE_ENTITY),
            Err(err) => app_error_page(ctx, err),
        }
    }
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
/// above them; `Err` when the answer is a page of its own (not found, forbidden).
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
fn card_at(client: ClientId, section: &str) -> String {
    format!("/clients/{client}?changed=1#{section}")
}

/// The form of a new record of `client`.
fn new_form<R: Editable>(ctx: &Ctx, client: ClientId) -> FormAt {
    FormAt {
        title: R::titles(ctx.t).0,
        fields: R::FIELDS,
        action: format!("/clients/{client}/{}/new", R::SECTION),
        back: format!("/clients/{client}#{}", R::SECTION),
    }
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
    new_form::<R>(&ctx, client).fresh(&ctx, values)
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
    let with_client = |b: &mut Map<String, Value>| {
        b.insert("client_id".into(), Value::String(client.to_string()));
    };
    let caller = Caller(user);
    let save = |new| async {
        records::add::<R>(&state, &caller, new).await?;
        Ok(card_at(client, R::SECTION))
    };
    new_form::<R>(&ctx, client).submit(&ctx, &params, with_client, save).await
}

/// The record `id` the user sees and may change, or the page that says why not.
async fn editable<R: Editable>(state: &AppState, user: &CurrentUser, id: R::Id) -> Result<R, AppError> {
    let found = records::visible::<R>(state, user, id).await?;
    crate::api::access::require_write(user)?;
    Ok(found)
}

/// The form of record `r`.
fn edit_form<R: Editable>(ctx: &Ctx, r: &R) -> FormAt {
    FormAt {
        title: R::titles(ctx.t).1,
        fields: R::FIELDS,
        action: format!("/{}/{}/edit", R::SECTION, r.id()),
        back: format!("/clients/{}#{}", r.client_id(), R::SECTION),
    }
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
    match editable::<R>(&state, &user, id).await {
        Ok(r) => {
            edit_form(&ctx, &r).fresh(&ctx, Values::of_record(R::FIELDS, &serde_json::to_value(&r).unwrap_or_default()))
        }
        Err(err) => app_error_page(&ctx, err),
    }
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
    let save = |patch| async {
        records::change::<R>(&state, &user, id, patch).await?;
        Ok(card_at(r.client_id(), R::SECTION))
    };
    edit_form(&ctx, &r).submit(&ctx, &params, |_| {}, save).await
}

/// The form of a new client.
fn new_client_form(ctx: &Ctx) -> FormAt {
    FormAt {
        title: ctx.t.forms.new_client,
        fields: edit_fields::CLIENT,
        action: "/clients/new".into(),
        back: "/clients".into(),
    }
}

/// `GET /clients/new`: the form of a new client.
pub(super) async fn new_client(State(state): State<AppState>, Page { user, ctx }: Page) -> Response {
    if let Err(err) = may_add_client(&user) {
        return app_error_page(&ctx, err);
    }
    let mut values = Values::default();
    edit_fields::client_defaults(&mut values, state.currency().await.as_str());
    new_client_form(&ctx).fresh(&ctx, values)
}

/// `POST /clients/new`: creates the client, then its card.
pub(super) async fn create_client(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    if let Err(err) = may_add_client(&user) {
        return app_error_page(&ctx, err);
    }
    let save = |new: NewClient| async {
        let c = crate::api::clients::create_client(&state, &user, new).await?;
        Ok(format!("/clients/{}?changed=1", c.id))
    };
    new_client_form(&ctx).submit(&ctx, &params, |_| {}, save).await
}

/// The form of client `id`.
fn client_form(ctx: &Ctx, id: ClientId) -> FormAt {
    FormAt {
        title: ctx.t.forms.edit_client,
        fields: edit_fields::CLIENT,
        action: format!("/clients/{id}/edit"),
        back: format!("/clients/{id}"),
    }
}

/// `GET /clients/{id}/edit`: the form of a client as it is.
pub(super) async fn edit_client(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    PathId(id): PathId<ClientId>,
) -> Response {
    let found = match may_change_client(&state, &user, id, false).await {
        Ok(()) => state.store.client(&user.scope, id).await.map_err(AppError::from),
        Err(err) => Err(err),
    };
    match found {
        Ok(item) => client_form(&ctx, id).fresh(
            &ctx,
            Values::of_record(edit_fields::CLIENT, &serde_json::to_value(&item.client).unwrap_or_default()),
        ),
        Err(err) => app_error_page(&ctx, err),
    }
}

/// `POST /clients/{id}/edit`: changes the client, then its card.
pub(super) async fn update_client(
    State(state): State<AppState>,
    PathId(id): PathId<ClientId>,
    Posted { user, ctx, params }: Posted,
) -> Response {
    if let Err(err) = may_change_client(&state, &user, id, false).await {
        return app_error_page(&ctx, err);
    }
    let save = |patch: ClientPatch| async {
        crate::api::clients::change_client(&state, &user, id, patch).await?;
        Ok(format!("/clients/{id}?changed=1"))
    };
    client_form(&ctx, id).submit(&ctx, &params, |_| {}, save).await
}
