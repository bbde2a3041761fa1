//! Import in the web UI: upload a file, check the suggested column mapping (a select per
//! column), see the dry run with its bad rows, and apply. Administrators and heads only.
//! The uploaded file is streamed to disk and kept on the server under a random key only its
//! uploader can use, between the preview and the apply; the page carries only the key.

use super::extract::{ManagerPage, Page, Posted};
use super::i18n::import as w;
use super::i18n::tr;
use super::layout::{app_error_page, csrf_field, page, Ctx, Nav};
use super::Params;
use crate::api::access::require_manager;
use crate::api::import::{run_upload, ImportPreview, ImportQuery};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::uploads::{Spool, Spooled, MAX_UPLOAD};
use crate::AppState;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use sprut_core::employee::Language;
use sprut_core::import::{ImportEntity, Preset, RowError};

/// The body limit of the upload form: the file and a few small fields.
pub(super) const UPLOAD_BODY: usize = MAX_UPLOAD as usize + 64 * 1024;
/// The most a text field of the upload form holds.
const MAX_FIELD: usize = 4 * 1024;

/// The kept file and the choices made so far.
#[derive(Debug, Clone, Default)]
struct Upload {
    entity: Option<ImportEntity>,
    query: ImportQuery,
    /// The key the file is kept under.
    key: String,
}

/// `GET /import`: the upload form.
pub(super) async fn form(State(_state): State<AppState>, ManagerPage { ctx }: ManagerPage) -> Response {
    upload_page(&ctx, None)
}

/// `POST /import/upload`: a file from the upload form (multipart, streamed to disk), checked in
/// a dry run.
pub(super) async fn upload(State(state): State<AppState>, Page { user, ctx }: Page, req: Request) -> Response {
    let (text, file) = match read_form(req, &state).await {
        Ok(x) => x,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return upload_page(&ctx, Some(&e.message())),
        Err(_) => (Vec::new(), None),
    };
    let Posted { user, ctx, params } = match Posted::check(user, ctx, text) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Err(e) = require_manager(&user) {
        return app_error_page(&ctx, e);
    }
    let Some((file, file_name)) = file.filter(|(f, _)| f.len > 0) else {
        return upload_page(&ctx, Some(ctx.t.import.no_file));
    };
    let mut up = choices(&params);
    up.key = state.uploads.keep(user.employee.id, file, file_name);
    check(&state, &user, &ctx, up, false).await
}

/// The text fields of a multipart form and its file, written to disk as it arrives.
async fn read_form(
    req: Request,
    state: &AppState,
) -> Result<(Vec<(String, String)>, Option<(Spooled, Option<String>)>), AppError> {
    let multipart = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("multipart/form-data"));
    if !multipart {
        // A form posted without its file: its fields, for the CSRF check and the choices.
        let bytes = axum::body::to_bytes(req.into_body(), crate::uploads::MAX_FORM)
            .await
            .map_err(|_| crate::uploads::too_large(crate::uploads::MAX_FORM as u64))?;
        return Ok((url::form_urlencoded::parse(&bytes).into_owned().collect(), None));
    }
    let bad = |e: axum::extract::multipart::MultipartError| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => crate::uploads::too_large(MAX_UPLOAD),
        _ => AppError::bad_request(e.body_text()),
    };
    let mut form = Multipart::from_request(req, state).await.map_err(|e| AppError::bad_request(e.body_text()))?;
    let (mut text, mut file) = (Vec::new(), None);
    while let Some(mut field) = form.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        match file_name {
            Some(f) if name == "file" => {
                let mut spool = Spool::new()?;
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    spool.write(&chunk, MAX_UPLOAD)?;
                }
                file = Some((spool.finish()?, Some(f)));
            }
            // Another file field: read past it, keep nothing.
            Some(_) => while field.chunk().await.map_err(bad)?.is_some() {},
            None => {
                let mut value = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    if value.len() + chunk.len() > MAX_FIELD {
                        return Err(AppError::bad_request(format!("the form field '{name}' is too long")));
                    }
                    value.extend_from_slice(&chunk);
                }
                text.push((name, String::from_utf8_lossy(&value).into_owned()));
            }
        }
    }
    Ok((text, file))
}

/// `POST /import/apply`: the mapping chosen on the preview, checked again or applied.
pub(super) async fn apply(State(state): State<AppState>, Posted { user, ctx, params }: Posted) -> Response {
    if let Err(e) = require_manager(&user) {
        return app_error_page(&ctx, e);
    }
    let mut up = choices(&params);
    up.key = params.raw("upload").to_string();
    let mut maps = Vec::new();
    for i in 0.. {
        let Some(column) = params.get(&format!("column_{i}")) else { break };
        let field = params.raw(&format!("field_{i}")).trim();
        maps.push(format!("{column}={}", if field.is_empty() { "-" } else { field }));
        // "+" keeps the column as an extra field; "-" (or nothing) leaves it out.
    }
    up.query.map = Some(maps.join("\n"));
    up.query.partial = Some(params.get("partial").is_some());
    up.query.create_employees = Some(params.get("create_employees").is_some());
    check(&state, &user, &ctx, up, params.get("action") == Some("apply")).await
}

/// `GET /import/errors/{key}`: the bad rows of the caller's last check or import of a file, as
/// the file had them with an `error` column first (kept an hour, only for him).
pub(super) async fn errors_file(
    State(state): State<AppState>,
    Page { user, ctx }: Page,
    axum::extract::Path(key): axum::extract::Path<String>,
) -> Response {
    let Some(file) = state.uploads.get(user.employee.id, &key) else {
        return crate::ui::layout::error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    };
    crate::api::import::errors_csv(&file).unwrap_or_else(|e| app_error_page(&ctx, e))
}

/// The entity, preset and encoding chosen in a form.
fn choices(params: &Params) -> Upload {
    Upload {
        entity: params.parsed("entity"),
        query: ImportQuery {
            preset: params.parsed("preset"),
            encoding: params.get("encoding").filter(|e| !e.is_empty()).map(str::to_string),
            ..ImportQuery::default()
        },
        key: String::new(),
    }
}

/// Runs the dry run (or the import) of the kept file and shows the preview.
async fn check(state: &AppState, user: &CurrentUser, ctx: &Ctx, mut up: Upload, apply: bool) -> Response {
    let Some(entity) = up.entity else {
        return upload_page(ctx, Some(ctx.t.import.entity_label));
    };
    let Some(file) = state.uploads.get(user.employee.id, &up.key) else {
        return upload_page(ctx, Some(w::upload_gone(ctx.lang)));
    };
    up.query.file_name = file.file_name.clone();
    match run_upload(state, user, entity, &up.query, file.path(), !apply).await {
        Ok(p) => {
            if apply && p.outcome.as_ref().is_some_and(|o| o.committed) {
                state.uploads.forget(&up.key);
            }
            preview_page(ctx, entity, &up, &p, apply)
        }
        Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            upload_page(ctx, Some(&super::layout::error_text(ctx, &e)))
        }
        Err(e) => app_error_page(ctx, e),
    }
}

/// The upload form, with what went wrong last time.
fn upload_page(ctx: &Ctx, problem: Option<&str>) -> Response {
    let lang = ctx.lang;
    let body = html! {
        div.page-head { h1 { (tr(lang).import.title) } }
        p.muted { (tr(lang).import.lead) }
        @if let Some(p) = problem { p.alert.alert-error #import-problem role="alert" { (p) } }
        form.stack #import-upload method="post" action="/import/upload" enctype="multipart/form-data" {
            (csrf_field(ctx))
            (selects(ctx, None, None, None))
            div.field {
                label for="i-file" { (tr(lang).import.file) }
                input #i-file type="file" name="file" accept=".csv,.txt,.xlsx" required;
            }
            div.field.field-actions { button.btn.btn-primary type="submit" { (tr(lang).import.upload) } }
        }
        p { a href="/contact-pool" { (tr(lang).import.pool_link) } }
    };
    page(ctx, Nav::Import, tr(lang).import.title, body).into_response()
}

/// The entity, preset and encoding selects.
fn selects(ctx: &Ctx, entity: Option<ImportEntity>, preset: Option<Preset>, encoding: Option<&str>) -> Markup {
    let lang = ctx.lang;
    html! {
        div.field {
            label for="i-entity" { (tr(lang).import.entity_label) }
            select #i-entity name="entity" {
                @for e in ImportEntity::ALL { option value=(e.as_str()) selected[entity == Some(*e)] { (w::entity(lang, *e)) } }
            }
        }
        div.field {
            label for="i-preset" { (tr(lang).import.preset) }
            select #i-preset name="preset" {
                @for p in Preset::ALL {
                    option value=(p.as_str()) selected[preset == Some(*p)] {
                        @match p {
                            Preset::Generic => (tr(lang).import.generic),
                            Preset::Bitrix24 => (tr(lang).import.bitrix24),
                            Preset::Amocrm => "amoCRM",
                            Preset::Hubspot => "HubSpot",
                            Preset::Salesforce => "Salesforce",
                        }
                    }
                }
            }
        }
        div.field {
            label for="i-encoding" { (tr(lang).import.encoding) }
            select #i-encoding name="encoding" {
                option value="" { (tr(lang).import.auto) }
                @for e in ["utf-8", "windows-1251"] { option value=(e) selected[encoding == Some(e)] { (e) } }
            }
        }
    }
}

/// Rows of the file with what was found in them: row, column, reason.
fn row_table(lang: Language, id: &str, rows: &[RowError]) -> Markup {
    html! {
        div.table-wrap { table.grid id=(id) {
            thead { tr { th.num { (tr(lang).import.row) } th { (tr(lang).import.column) } th { (tr(lang).import.reason) } } }
            tbody { @for e in rows {
                tr { td.num { (e.row) } td { (e.column) } td { (super::i18n::row_reason(lang, &e.reason)) } }
            } }
        } }
    }
}

/// The mapping, the dry run's figures and bad rows, and the buttons to check again or apply.
fn preview_page(ctx: &Ctx, entity: ImportEntity, up: &Upload, p: &ImportPreview, applied: bool) -> Response {
    let lang = ctx.lang;
    let t = ctx.t;
    let outcome = p.outcome.as_ref();
    let body = html! {
        div.page-head { h1 { (tr(lang).import.title) ": " (w::entity(lang, entity)) } }
        @if let Some(problem) = &p.problem { p.alert.alert-error #import-problem role="alert" { (problem) } }
        @if let Some(o) = outcome {
            @if applied && o.committed {
                p.alert.alert-ok #import-done role="status" { (w::done(lang, o.created, o.updated, o.skipped, o.errors_total)) }
            } @else if applied {
                p.alert.alert-error #import-refused role="alert" { (tr(lang).import.refused) }
            } @else {
                h2 { (tr(lang).import.preview) }
                p #import-figures { (w::figures(lang, o.rows, o.created, o.updated, o.skipped, o.errors_total)) }
            }
            p #import-more { (w::more_figures(lang, o.duplicates, o.warnings_total, o.extra_columns.len())) }
            @if o.canaries_skipped > 0 { p #import-canaries { (w::canaries(lang, o.canaries_skipped)) } }
            @if let Some(e) = &o.file_error { p.alert.alert-error role="alert" { (e.to_string()) } }
            @if o.openings_unknown > 0 { p #import-openings { (w::openings_unknown(lang, o.openings_unknown)) } }
            @if !o.errors.is_empty() {
                h2 { (tr(lang).import.errors) }
                (row_table(lang, "import-errors", &o.errors))
                @if o.errors_unlisted() > 0 { p #import-more-errors { (w::more_errors(lang, o.errors_unlisted())) } }
                @if let Some(key) = &p.errors_key {
                    p { a.btn #import-errors-file href={ "/import/errors/" (key) } download { (tr(lang).import.errors_file) } }
                }
            }
            @if !o.warnings.is_empty() {
                h2 { (tr(lang).import.warnings) }
                (row_table(lang, "import-warnings", &o.warnings))
                @if o.warnings_total > o.warnings.len() as u64 {
                    p { (w::more_warnings(lang, o.warnings_total - o.warnings.len() as u64)) }
                }
            }
        }
        @if applied && outcome.is_some_and(|o| o.committed) {
            p { a.btn href="/import" { (tr(lang).import.another) } }
        } @else {
            form.stack #import-mapping method="post" action="/import/apply" {
                (csrf_field(ctx))
                input type="hidden" name="entity" value=(entity.as_str());
                input type="hidden" name="preset" value=(up.query.preset.unwrap_or(Preset::Generic).as_str());
                input type="hidden" name="encoding" value=(up.query.encoding.clone().unwrap_or_default());
                input type="hidden" name="upload" value=(up.key);
                h2 { (tr(lang).import.mapping) }
                div.table-wrap { table.grid #import-columns {
                    thead { tr { th { (tr(lang).import.column) } th { (tr(lang).import.field) } } }
                    tbody { @for (i, c) in p.columns.iter().enumerate() {
                        tr {
                            td { label for={ "f-" (i) } { (c.column) } input type="hidden" name={ "column_" (i) } value=(c.column); }
                            td { select id={ "f-" (i) } name={ "field_" (i) } {
                                option value="-" selected[c.field.is_none() && !c.extra] { (tr(lang).import.skip) }
                                @if entity.keeps_extra() {
                                    option value="+" selected[c.extra] { (tr(lang).import.keep_extra) }
                                }
                                @for f in &p.fields { option value=(f) selected[c.field.as_deref() == Some(*f)] { (w::field_name(lang, f)) } }
                            } }
                        }
                    } }
                } }
                div.field { label { input type="checkbox" name="partial" value="1" checked[up.query.partial == Some(true)]; " " (tr(lang).import.partial) } }
                div.field { label { input type="checkbox" name="create_employees" value="1" checked[up.query.create_employees == Some(true)]; " " (tr(lang).import.create_employees) } }
                div.field.field-actions {
                    button.btn type="submit" name="action" value="check" { (tr(lang).import.recheck) }
                    button.btn.btn-primary type="submit" name="action" value="apply" disabled[p.problem.is_some()] { (tr(lang).import.apply) }
                    a.btn.btn-quiet href="/import" { (t.reset) }
                }
            }
        }
    };
    page(ctx, Nav::Import, tr(lang).import.title, body).into_response()
}
