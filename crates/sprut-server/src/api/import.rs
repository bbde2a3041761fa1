//! Imports through the API: upload a file as the raw request body, get the suggested column
//! mapping and a dry run; then apply it. Administrators and heads of sales only.

use super::access::require_manager;
use super::extract::{ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::import::{plan, run, Encoding, ImportError, ImportRequest, ReadOptions, TableReader};
use crate::state::AppState;
use crate::uploads::{spool, MAX_UPLOAD};
use axum::body::Body;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use sprut_core::employee::Language;
use sprut_core::import::{field_names, FileError, ImportEntity, ImportOutcome, Preset};
use sprut_core::Reason;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file; each streams the file to disk up to [`MAX_UPLOAD`].
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(preview)).routes(routes!(apply)).routes(routes!(errors_file))
}

/// How to read and apply an uploaded file.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Whose export it is: generic (default), bitrix24, amocrm, hubspot or salesforce.
    #[param(value_type = Option<String>)]
    pub preset: Option<Preset>,
    /// The file's name (tells XLSX from CSV, and goes to the audit log).
    pub file_name: Option<String>,
    /// auto (default), utf-8 or windows-1251.
    pub encoding: Option<String>,
    /// Column overrides, one `SOURCE COLUMN=field` a line.
    pub map: Option<String>,
    /// Value translations, one `field:SOURCE VALUE=value` a line.
    pub value: Option<String>,
    /// Load the good rows even when some are bad.
    pub partial: Option<bool>,
    /// Create unknown holders and owners as inactive employees.
    pub create_employees: Option<bool>,
    /// The currency of amounts the file gives none for (default: the company's), e.g. USD.
    pub currency: Option<String>,
}

/// One source column and the field it feeds.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ColumnChoice {
    /// The column's header.
    pub column: String,
    /// The sprut field, `null` when the column feeds none.
    pub field: Option<String>,
    /// Kept as an extra field of each record (it feeds no field and was not left out).
    pub extra: bool,
}

/// What a file would import.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ImportPreview {
    /// The columns with the mapping in force (suggested, then overridden).
    pub columns: Vec<ColumnChoice>,
    /// Every field the entity has.
    pub fields: Vec<&'static str>,
    /// Why the file cannot be imported as mapped (missing columns, unreadable...).
    pub problem: Option<String>,
    /// The dry run's outcome: created, updated, skipped, bad rows.
    #[schema(value_type = Option<Object>)]
    pub outcome: Option<ImportOutcome>,
    /// When rows were bad: the key of the file of those rows as the file had them, with an
    /// `error` column first, to fix and import again (`GET /api/v1/imports/errors/{key}`, an
    /// hour, only for the caller).
    pub errors_key: Option<String>,
}

/// The request as the pipeline takes it.
pub fn request(
    entity: ImportEntity,
    q: &ImportQuery,
    today: time::Date,
    dry_run: bool,
    language: Language,
) -> Result<ImportRequest, AppError> {
    let lines = |s: &Option<String>| -> Vec<String> {
        s.iter().flat_map(|s| s.lines()).map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    };
    let currency = match q.currency.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => Some(
            sprut_core::money::Currency::parse(c)
                .map_err(|_| AppError::bad_field("currency", Reason::Currency { value: c.to_string() }))?,
        ),
        None => None,
    };
    Ok(ImportRequest {
        entity,
        preset: q.preset.unwrap_or(Preset::Generic),
        maps: lines(&q.map),
        values: lines(&q.value),
        dry_run,
        partial: q.partial.unwrap_or(false),
        create_employees: q.create_employees.unwrap_or(false),
        file_name: q.file_name.clone().unwrap_or_else(|| "upload".into()),
        today,
        currency,
        batch_rows: None,
        language,
    })
}

fn reader(q: &ImportQuery, file: &std::path::Path) -> Result<TableReader, AppError> {
    let encoding: Encoding = q
        .encoding
        .as_deref()
        .unwrap_or("auto")
        .parse()
        .map_err(|e: String| AppError::bad_field("encoding", Reason::Malformed { detail: e }))?;
    let options = ReadOptions { encoding, ..ReadOptions::default() };
    TableReader::open_as(file, q.file_name.as_deref(), &options).map_err(file_error)
}

/// A file that cannot be imported: 422 naming it.
pub fn file_error(e: FileError) -> AppError {
    AppError::invalid("file", Reason::Malformed { detail: e.to_string() })
}

/// Runs the import of the uploaded `file` by `user` (shared by the API and the UI).
pub async fn run_upload(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    entity: ImportEntity,
    q: &ImportQuery,
    file: &std::path::Path,
    dry_run: bool,
) -> Result<ImportPreview, AppError> {
    let now = state.clock.now();
    let request = request(entity, q, state.today().await, dry_run, user.employee.language)?;
    let reader = reader(q, file)?;
    let (mapping, problem) = match plan(&request, reader.headers()) {
        Ok((m, _)) => (m, None),
        Err(e) => {
            let mut m = sprut_core::import::suggest_mapping(entity, request.preset, reader.headers());
            let _ = m.apply_overrides(&request.maps);
            (m, Some(e.to_string()))
        }
    };
    let columns = mapping
        .headers()
        .iter()
        .enumerate()
        .map(|(i, h)| ColumnChoice {
            column: h.clone(),
            field: mapping.field_of(i).map(str::to_string),
            extra: mapping.kept_as_extra(i),
        })
        .collect();
    let (errors_file, writer) = crate::uploads::Spooled::empty()?;
    let outcome = if problem.is_none() {
        match run::run(&*state.store, &user.actor(now), reader, &request, None, Some(Box::new(writer))).await {
            Ok(o) => Some(o),
            Err(ImportError::File(e)) => return Err(file_error(e)),
            Err(ImportError::Store(e)) => return Err(e.into()),
        }
    } else {
        None
    };
    let errors_key = outcome.as_ref().filter(|o| o.errors_total > 0).map(|_| {
        let name = q.file_name.as_deref().unwrap_or("import").rsplit_once('.').map_or("import", |(n, _)| n);
        state.uploads.keep(user.employee.id, errors_file, Some(format!("{name}.errors.csv")))
    });
    Ok(ImportPreview { columns, fields: field_names(entity), problem, outcome, errors_key })
}

/// Reads an uploaded file (the raw body: CSV in any encoding and delimiter, or XLSX) and
/// answers the suggested mapping and a dry run of the import, changing nothing.
#[utoipa::path(post, path = "/imports/{entity}/preview", tag = "import", params(
        ("entity" = String, Path, description = "clients, contacts, employees, deals, activities or receivables"),
        ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the file, at most 64 MB"),
    responses((status = 200, body = ImportPreview), Problems))]
async fn preview(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(entity): ApiPath<ImportEntity>,
    ApiQuery(q): ApiQuery<ImportQuery>,
    body: Body,
) -> Result<Json<ImportPreview>, AppError> {
    require_manager(&user)?;
    let file = spool(body, MAX_UPLOAD).await?;
    Ok(Json(run_upload(&state, &user, entity, &q, &file.path, true).await?))
}

/// Imports an uploaded file: all or nothing unless `partial`; the outcome lists every bad
/// row. A file that cannot be imported as mapped is a 422 naming what is wrong.
#[utoipa::path(post, path = "/imports/{entity}", tag = "import", params(
        ("entity" = String, Path, description = "clients, contacts, employees, deals, activities or receivables"),
        ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "the file, at most 64 MB"),
    responses((status = 200, body = ImportPreview), Problems))]
async fn apply(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(entity): ApiPath<ImportEntity>,
    ApiQuery(q): ApiQuery<ImportQuery>,
    body: Body,
) -> Result<Json<ImportPreview>, AppError> {
    require_manager(&user)?;
    let file = spool(body, MAX_UPLOAD).await?;
    let got = run_upload(&state, &user, entity, &q, &file.path, false).await?;
    if let Some(p) = &got.problem {
        return Err(AppError::invalid("file", Reason::Malformed { detail: p.clone() }));
    }
    Ok(Json(got))
}

/// The bad rows of the caller's last preview or import of a file, as the file had them with an
/// `error` column first (`errors_key` of the answer; kept an hour, only for the caller).
#[utoipa::path(get, path = "/imports/errors/{key}", tag = "import",
    params(("key" = String, Path, description = "the `errors_key` of a preview or an import")),
    responses((status = 200, content_type = "text/csv", body = String), Problems))]
async fn errors_file(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(key): ApiPath<String>,
) -> Result<axum::response::Response, AppError> {
    let file = state.uploads.get(user.employee.id, &key).ok_or_else(|| AppError::not_found("errors file"))?;
    errors_csv(&file)
}

/// A kept file of bad rows as a CSV download under its name.
pub fn errors_csv(file: &crate::uploads::StagedFile) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    let bytes = std::fs::read(file.path()).map_err(AppError::internal)?;
    let name = file.file_name.clone().unwrap_or_else(|| "import.errors.csv".into());
    let disposition = format!("attachment; filename*=UTF-8''{}", crate::ui::encode(&name));
    let headers = [
        (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
        (axum::http::header::CONTENT_DISPOSITION, disposition),
    ];
    Ok((headers, bytes).into_response())
}
