//! Import in the web UI: upload a file, check the suggested column mapping (a select per
//! column), see the dry run with its bad rows, and apply. Administrators and heads only.
//! The uploaded file travels between the steps in a hidden field, so no step keeps state.

use super::i18n::import as w;
use super::layout::{app_error_page, csrf_field, error_page, page, Ctx, Nav};
use super::upload::{from_hex, parts, to_hex};
use super::{posted, signed_in, Params};
use crate::api::access::require_manager;
use crate::api::import::{run_upload, ImportPreview, ImportQuery};
use crate::auth::{CurrentUser, MaybeUser};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Form;
use maud::{html, Markup};
use sprut_core::import::{ImportEntity, Preset};

/// The file and the choices made so far.
#[derive(Debug, Clone, Default)]
struct Upload {
    entity: Option<ImportEntity>,
    query: ImportQuery,
    data: Vec<u8>,
}

/// `GET /import`: the upload form.
pub(super) async fn form(State(state): State<AppState>, MaybeUser(user): MaybeUser, uri: Uri) -> Response {
    let (user, ctx) = match signed_in(&state, user, &uri) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if require_manager(&user).is_err() {
        return error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None);
    }
    upload_page(&ctx, None)
}

/// `POST /import/upload`: a file from the upload form (multipart), checked in a dry run.
pub(super) async fn upload(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let fields: Vec<(String, Vec<u8>, Option<String>)> = match parts(content_type, &body) {
        Some(p) => p.into_iter().map(|p| (p.name, p.data, p.file_name)).collect(),
        None => match serde_urlencoded_pairs(&body) {
            Some(pairs) => pairs.into_iter().map(|(k, v)| (k, v.into_bytes(), None)).collect(),
            None => Vec::new(),
        },
    };
    let text: Vec<(String, String)> = fields
        .iter()
        .filter(|(_, _, f)| f.is_none())
        .map(|(k, v, _)| (k.clone(), String::from_utf8_lossy(v).into_owned()))
        .collect();
    let (user, ctx, params) = match posted(&state, user, &uri, text) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Err(e) = require_manager(&user) {
        return app_error_page(&ctx, e);
    }
    let file = fields.into_iter().find(|(k, _, f)| k == "file" && f.is_some());
    let Some((_, data, file_name)) = file.filter(|(_, d, _)| !d.is_empty()) else {
        return upload_page(&ctx, Some(w::no_file(ctx.lang)));
    };
    let mut up = choices(&params);
    up.query.file_name = file_name;
    up.data = data;
    check(&state, &user, &ctx, up, false).await
}

/// `POST /import/apply`: the mapping chosen on the preview, checked again or applied.
pub(super) async fn apply(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    uri: Uri,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (user, ctx, params) = match posted(&state, user, &uri, fields) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Err(e) = require_manager(&user) {
        return app_error_page(&ctx, e);
    }
    let mut up = choices(&params);
    let Some(data) = from_hex(params.raw("data")).filter(|d| !d.is_empty()) else {
        return upload_page(&ctx, Some(w::no_file(ctx.lang)));
    };
    up.data = data;
    up.query.file_name = params.get("file_name").map(str::to_string);
    let mut maps = Vec::new();
    for i in 0.. {
        let Some(column) = params.get(&format!("column_{i}")) else { break };
        let field = params.raw(&format!("field_{i}")).trim();
        maps.push(format!("{column}={}", if field.is_empty() { "-" } else { field }));
    }
    up.query.map = Some(maps.join("\n"));
    up.query.partial = Some(params.get("partial").is_some());
    up.query.create_employees = Some(params.get("create_employees").is_some());
    check(&state, &user, &ctx, up, params.get("action") == Some("apply")).await
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
        data: Vec::new(),
    }
}

/// Runs the dry run (or the import) and shows the preview.
async fn check(state: &AppState, user: &CurrentUser, ctx: &Ctx, up: Upload, apply: bool) -> Response {
    let Some(entity) = up.entity else {
        return upload_page(ctx, Some(w::entity_label(ctx.lang)));
    };
    match run_upload(state, user, entity, &up.query, Bytes::from(up.data.clone()), !apply).await {
        Ok(p) => preview_page(ctx, entity, &up, &p, apply),
        Err(e) if e.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let msg = e.message();
            upload_page(ctx, Some(&msg))
        }
        Err(e) => app_error_page(ctx, e),
    }
}

/// The upload form, with what went wrong last time.
fn upload_page(ctx: &Ctx, problem: Option<&str>) -> Response {
    let lang = ctx.lang;
    let body = html! {
        div.page-head { h1 { (w::title(lang)) } }
        p.muted { (w::lead(lang)) }
        @if let Some(p) = problem { p.alert.alert-error #import-problem role="alert" { (p) } }
        form.stack #import-upload method="post" action="/import/upload" enctype="multipart/form-data" {
            (csrf_field(ctx))
            (selects(ctx, None, None, None))
            div.field {
                label for="i-file" { (w::file(lang)) }
                input #i-file type="file" name="file" accept=".csv,.txt,.xlsx" required;
            }
            div.field.field-actions { button.btn.btn-primary type="submit" { (w::upload(lang)) } }
        }
    };
    page(ctx, Nav::Import, w::title(lang), body).into_response()
}

/// The entity, preset and encoding selects.
fn selects(ctx: &Ctx, entity: Option<ImportEntity>, preset: Option<Preset>, encoding: Option<&str>) -> Markup {
    let lang = ctx.lang;
    html! {
        div.field {
            label for="i-entity" { (w::entity_label(lang)) }
            select #i-entity name="entity" {
                @for e in ImportEntity::ALL { option value=(e.as_str()) selected[entity == Some(*e)] { (w::entity(lang, *e)) } }
            }
        }
        div.field {
            label for="i-preset" { (w::preset(lang)) }
            select #i-preset name="preset" {
                @for p in Preset::ALL {
                    option value=(p.as_str()) selected[preset == Some(*p)] {
                        @match p {
                            Preset::Generic => (w::generic(lang)),
                            Preset::Bitrix24 => "Битрикс24 / Bitrix24",
                            Preset::Amocrm => "amoCRM",
                            Preset::Hubspot => "HubSpot",
                            Preset::Salesforce => "Salesforce",
                        }
                    }
                }
            }
        }
        div.field {
            label for="i-encoding" { (w::encoding(lang)) }
            select #i-encoding name="encoding" {
                option value="" { (w::auto(lang)) }
                @for e in ["utf-8", "windows-1251"] { option value=(e) selected[encoding == Some(e)] { (e) } }
            }
        }
    }
}

/// The mapping, the dry run's figures and bad rows, and the buttons to check again or apply.
fn preview_page(ctx: &Ctx, entity: ImportEntity, up: &Upload, p: &ImportPreview, applied: bool) -> Response {
    let lang = ctx.lang;
    let t = ctx.t;
    let outcome = p.outcome.as_ref();
    let body = html! {
        div.page-head { h1 { (w::title(lang)) ": " (w::entity(lang, entity)) } }
        @if let Some(problem) = &p.problem { p.alert.alert-error #import-problem role="alert" { (problem) } }
        @if let Some(o) = outcome {
            @if applied && o.committed {
                p.alert.alert-ok #import-done role="status" { (w::done(lang, o.created, o.updated, o.skipped, o.errors_total)) }
            } @else if applied {
                p.alert.alert-error #import-refused role="alert" { (w::refused(lang)) }
            } @else {
                h2 { (w::preview(lang)) }
                p #import-figures { (w::figures(lang, o.rows, o.created, o.updated, o.skipped, o.errors_total)) }
            }
            @if let Some(e) = &o.file_error { p.alert.alert-error role="alert" { (e.to_string()) } }
            @if !o.errors.is_empty() {
                h2 { (w::errors(lang)) }
                div.table-wrap { table.grid #import-errors {
                    thead { tr { th.num { (w::row(lang)) } th { (w::column(lang)) } th { (w::reason(lang)) } } }
                    tbody { @for e in &o.errors {
                        tr { td.num { (e.row) } td { (e.column) } td { (e.reason) } }
                    } }
                } }
                @if o.errors_unlisted() > 0 { p #import-more-errors { (w::more_errors(lang, o.errors_unlisted())) } }
            }
        }
        @if applied && outcome.is_some_and(|o| o.committed) {
            p { a.btn href="/import" { (w::another(lang)) } }
        } @else {
            form.stack #import-mapping method="post" action="/import/apply" {
                (csrf_field(ctx))
                input type="hidden" name="entity" value=(entity.as_str());
                input type="hidden" name="preset" value=(up.query.preset.unwrap_or(Preset::Generic).as_str());
                input type="hidden" name="encoding" value=(up.query.encoding.clone().unwrap_or_default());
                input type="hidden" name="file_name" value=(up.query.file_name.clone().unwrap_or_default());
                input type="hidden" name="data" value=(to_hex(&up.data));
                h2 { (w::mapping(lang)) }
                div.table-wrap { table.grid #import-columns {
                    thead { tr { th { (w::column(lang)) } th { (w::field(lang)) } } }
                    tbody { @for (i, c) in p.columns.iter().enumerate() {
                        tr {
                            td { label for={ "f-" (i) } { (c.column) } input type="hidden" name={ "column_" (i) } value=(c.column); }
                            td { select id={ "f-" (i) } name={ "field_" (i) } {
                                option value="" { (w::skip(lang)) }
                                @for f in &p.fields { option value=(f) selected[c.field.as_deref() == Some(*f)] { (f) } }
                            } }
                        }
                    } }
                } }
                div.field { label { input type="checkbox" name="partial" value="1" checked[up.query.partial == Some(true)]; " " (w::partial(lang)) } }
                div.field { label { input type="checkbox" name="create_employees" value="1" checked[up.query.create_employees == Some(true)]; " " (w::create_employees(lang)) } }
                div.field.field-actions {
                    button.btn type="submit" name="action" value="check" { (w::recheck(lang)) }
                    button.btn.btn-primary type="submit" name="action" value="apply" disabled[p.problem.is_some()] { (w::apply(lang)) }
                    a.btn.btn-quiet href="/import" { (t.reset) }
                }
            }
        }
    };
    page(ctx, Nav::Import, w::title(lang), body).into_response()
}

/// The pairs of a URL-encoded body (a form posted without a file).
fn serde_urlencoded_pairs(body: &[u8]) -> Option<Vec<(String, String)>> {
    let text = std::str::from_utf8(body).ok()?;
    Some(
        text.split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode_form(k), decode_form(v))
            })
            .collect(),
    )
}

/// A URL-encoded form value as text (`+` is a space, `%XX` a byte).
fn decode_form(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
