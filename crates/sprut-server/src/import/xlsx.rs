//! Reading the first (or a named) sheet of an XLSX workbook as rows of text.

use super::read::TableRow;
use calamine::{Data, Reader, Xlsx};
use sprut_core::import::FileError;
use std::io::{Read, Seek};

/// The header row and the data rows of a sheet, numbered as Excel shows them.
pub(crate) fn read_sheet<RS: Read + Seek>(rs: RS, sheet: Option<&str>) -> Result<(TableRow, Vec<TableRow>), FileError> {
    let mut book: Xlsx<RS> = Xlsx::new(rs).map_err(|e| {
        FileError::unreadable(None, format!("not a valid XLSX file ({e}); it may be damaged or cut short"))
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => {
            names.iter().find(|n| n.as_str() == wanted || n.eq_ignore_ascii_case(wanted)).cloned().ok_or_else(|| {
                FileError::unreadable(
                    None,
                    format!("the workbook has no sheet '{wanted}'; its sheets are: {}", names.join(", ")),
                )
            })?
        }
        None => names.first().cloned().ok_or_else(|| FileError::unreadable(None, "the workbook has no sheets"))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        FileError::unreadable(None, format!("cannot read sheet '{name}' ({e}); the file may be damaged"))
    })?;
    let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
    let mut rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| TableRow { number: first_row + i as u64 + 1, cells: cells.iter().map(cell_text).collect() })
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    let mut header = rows.next().ok_or_else(|| FileError::unreadable(None, format!("the sheet '{name}' is empty")))?;
    while header.cells.last().is_some_and(|c| c.trim().is_empty()) {
        header.cells.pop();
    }
    for c in &mut header.cells {
        *c = c.trim().to_string();
    }
    Ok((header, rows.collect()))
}

/// A cell as the text a person sees: dates as ISO, numbers without float noise.
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            match (h, mi, s, ms) {
                (0, 0, 0, 0) => format!("{y:04}-{mo:02}-{d:02}"),
                (_, _, _, 0) => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"),
                _ => format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}"),
            }
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number with at most 15 significant digits, as Excel shows it in General format:
/// 1234.4999999999998 reads 1234.5, 7707083893.0 reads 7707083893.
pub(crate) fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f == f.trunc() && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let magnitude = if f == 0.0 { 0 } else { f.abs().log10().floor() as i32 };
    let decimals = (14 - magnitude).clamp(0, 15) as usize;
    let s = format!("{f:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_without_float_noise() {
        assert_eq!(number_text(1234.4999999999998), "1234.5");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(7_707_083_893.0), "7707083893");
        assert_eq!(number_text(-12.5), "-12.5");
        assert_eq!(number_text(1_500_000.75), "1500000.75");
        assert_eq!(number_text(0.000123), "0.000123");
    }
}
