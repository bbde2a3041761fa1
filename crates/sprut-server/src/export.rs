//! Building an exported file: the rows in the caller's scope matching the filter, a few
//! canary rows at random places, rendered as CSV (UTF-8 with BOM, `;` for Russian Excel)
//! or XLSX, and recorded before it leaves the server.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use sprut_core::client::{ClientFilter, ClientListItem};
use sprut_core::employee::Language;
use sprut_core::export::{self, canary, Canary, CellKind, ExportEntity, ExportFormat, ExportRecord};
use sprut_core::page::{Page, PageRequest, MAX_LIMIT};
use sprut_core::store::prelude::*;
use sprut_core::store::ChildFilter;
use sprut_core::{ClientId, CoreError, ExportId};
use std::collections::HashMap;
use std::future::Future;

/// A finished export: the file and how to name it.
pub struct ExportFile {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// A file name such as `clients-2026-11-23.xlsx`.
    pub file_name: String,
}

/// Reads every page of a list.
async fn every_page<T, F, Fut>(mut fetch: F) -> Result<Vec<T>, CoreError>
where
    F: FnMut(PageRequest) -> Fut,
    Fut: Future<Output = Result<Page<T>, CoreError>>,
{
    let mut out = Vec::new();
    let mut request = PageRequest { after: None, limit: Some(MAX_LIMIT) };
    loop {
        let page = fetch(request.clone()).await?;
        out.extend(page.items);
        match page.next {
            Some(next) => request.after = Some(next),
            None => return Ok(out),
        }
    }
}

/// The rows of `entity` that `user` may see among the clients matching `filter`.
async fn rows(
    state: &AppState,
    user: &CurrentUser,
    entity: ExportEntity,
    filter: &ClientFilter,
) -> Result<Vec<Vec<String>>, AppError> {
    let store = &state.store;
    let scope = &user.scope;
    let clients: Vec<ClientListItem> = every_page(|p| async move { store.clients(scope, filter, &p).await }).await?;
    if entity == ExportEntity::Clients {
        return Ok(clients.iter().map(export::client_row).collect());
    }
    let names: HashMap<ClientId, &str> = clients.iter().map(|c| (c.client.id, c.client.name.as_str())).collect();
    let name = |id: &ClientId| names.get(id).copied().unwrap_or("");
    let children = ChildFilter { client_id: None, clients: filter.clone() };
    let children = &children;
    let people = crate::ui::employees_matching(state, &Default::default()).await?;
    let person = |id: Option<sprut_core::EmployeeId>| id.map(|id| crate::ui::name_of(&people, id)).unwrap_or_default();
    Ok(match entity {
        ExportEntity::Clients => unreachable!("handled above"),
        ExportEntity::Contacts => every_page(|p| async move { store.contacts(scope, children, &p).await })
            .await?
            .iter()
            .map(|c| export::contact_row(c, name(&c.client_id)))
            .collect(),
        ExportEntity::Deals => every_page(|p| async move { store.deals(scope, children, &p).await })
            .await?
            .iter()
            .map(|d| export::deal_row(d, name(&d.client_id), &person(d.credited_to), &person(d.owner_id)))
            .collect(),
        ExportEntity::Activities => every_page(|p| async move { store.activities(scope, children, &p).await })
            .await?
            .iter()
            .map(|a| export::activity_row(a, name(&a.client_id), &person(a.author_id)))
            .collect(),
    })
}

/// A random 64-bit number from the operating system.
fn random_u64() -> Result<u64, AppError> {
    let mut b = [0u8; 8];
    getrandom::getrandom(&mut b).map_err(AppError::internal)?;
    Ok(u64::from_le_bytes(b))
}

/// Builds, watermarks and records an export of `entity` for `user`.
pub async fn build(
    state: &AppState,
    user: &CurrentUser,
    entity: ExportEntity,
    format: ExportFormat,
    filter: &ClientFilter,
) -> Result<ExportFile, AppError> {
    let mut rows = rows(state, user, entity, filter).await?;
    let real = rows.len();
    let settings = state.settings().await;
    let canaries: Vec<Canary> =
        (0..settings.export_canaries).map(|_| random_u64().map(|s| canary(entity, s))).collect::<Result<_, _>>()?;
    for c in &canaries {
        let at = (random_u64()? % (rows.len() as u64 + 1)) as usize;
        rows.insert(at, c.cells.clone());
    }
    let now = state.clock.now();
    let record = ExportRecord {
        id: ExportId::new(),
        employee_id: user.employee.id,
        at: now,
        entity,
        format,
        filter: serde_json::to_value(filter).unwrap_or_default(),
        rows: real as i64,
        canaries: canaries.len() as i64,
    };
    let lang = user.employee.language;
    in_words(entity, lang, &mut rows);
    let headers = export::headers(entity, lang);
    let kinds = export::cell_kinds(entity);
    let (bytes, content_type) = match format {
        ExportFormat::Csv => (csv_bytes(&headers, &kinds, &rows, lang)?, "text/csv; charset=utf-8"),
        ExportFormat::Xlsx => (
            xlsx_bytes(&headers, &kinds, &rows, lang)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    };
    state.store.record_export(&user.actor(now), &record, &canaries).await?;
    Ok(ExportFile { bytes, content_type, file_name: format!("{entity}-{}.{format}", state.today().await) })
}

/// Writes the coded words of an export's rows (tiers, stages, kinds of touch, yes/no) in
/// `lang`, as the pages show them; the canary rows are written the same way.
fn in_words(entity: ExportEntity, lang: Language, rows: &mut [Vec<String>]) {
    use crate::ui::i18n as words;
    let yes_no = |v: &str| match v {
        "yes" => Some(if lang == Language::Ru { "да" } else { "yes" }),
        "no" => Some(if lang == Language::Ru { "нет" } else { "no" }),
        _ => None,
    };
    for row in rows.iter_mut() {
        let cell = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
        let coded: Vec<(usize, Option<&'static str>)> = match entity {
            ExportEntity::Clients => vec![(4, cell(4).parse().ok().map(|t| words::tier(lang, t)))],
            ExportEntity::Deals => vec![(2, cell(2).parse().ok().map(|s| words::stage(lang, s)))],
            ExportEntity::Activities => vec![(2, cell(2).parse().ok().map(|k| words::activity_kind(lang, k)))],
            ExportEntity::Contacts => vec![(5, yes_no(cell(5))), (6, yes_no(cell(6)))],
        };
        for (i, word) in coded {
            if let (Some(c), Some(w)) = (row.get_mut(i), word) {
                *c = w.to_string();
            }
        }
    }
}

/// CSV with a byte-order mark so Excel reads it as UTF-8; `;`-separated with decimal commas
/// for Russian Excel; every cell neutralised against formula injection (XLSX cells are never
/// formulas and need none).
fn csv_bytes(headers: &[&str], kinds: &[CellKind], rows: &[Vec<String>], lang: Language) -> Result<Vec<u8>, AppError> {
    let delimiter = if lang == Language::Ru { b';' } else { b',' };
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(headers).map_err(AppError::internal)?;
    for r in rows {
        let cells = r.iter().enumerate().map(|(i, c)| match kinds.get(i) {
            Some(CellKind::Money) if lang == Language::Ru => c.replace('.', ","),
            _ => export::neutralised(c).into_owned(),
        });
        w.write_record(cells).map_err(AppError::internal)?;
    }
    w.into_inner().map_err(AppError::internal)
}

/// An Excel workbook with one sheet, a bold frozen header row and readable column widths;
/// amounts are numbers and dates are dates (shown as the user reads them), the rest text.
fn xlsx_bytes(headers: &[&str], kinds: &[CellKind], rows: &[Vec<String>], lang: Language) -> Result<Vec<u8>, AppError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let day = Format::new().set_num_format(if lang == Language::Ru { "dd.mm.yyyy" } else { "yyyy-mm-dd" });
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(AppError::internal)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (row, col) = (r as u32 + 1, c as u16);
            match kinds.get(c) {
                Some(CellKind::Money) => match cell.parse::<f64>() {
                    Ok(n) => sheet.write_number_with_format(row, col, n, &money),
                    Err(_) => sheet.write_string(row, col, cell),
                },
                Some(CellKind::Date) => match ExcelDateTime::parse_from_str(cell) {
                    Ok(d) if cell.len() == 10 => sheet.write_date_with_format(row, col, &d, &day),
                    _ => sheet.write_string(row, col, cell),
                },
                _ => sheet.write_string(row, col, cell),
            }
            .map_err(AppError::internal)?;
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*w).clamp(8, 60) as f64 + 1.0).map_err(AppError::internal)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(AppError::internal)?;
    book.save_to_buffer().map_err(AppError::internal)
}
