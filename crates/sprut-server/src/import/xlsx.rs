//! Reading one sheet of an XLSX workbook as a stream of rows. Every part is unpacked through a
//! cap and the cells are never gathered into a range, so a workbook of two cells far apart
//! costs no more than two cells side by side, and a zip bomb is refused at the cap.

use super::limits::{column_letters, megabytes, ReadLimits};
use super::read::TableRow;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader as XmlReader;
use sprut_core::import::FileError;
use std::collections::HashMap;
use std::io::{self, BufReader, Read, Seek};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use time::macros::date;
use time::Duration;

/// Excel's last row.
const EXCEL_ROWS: u64 = 1_048_576;
/// Rows parsed ahead of the import.
const AHEAD: usize = 256;
/// Cell formats a workbook may define (Excel's own limit is 64,000).
const MAX_FORMATS: usize = 65_536;

/// The data rows of a sheet, parsed on a thread of their own and handed over a bounded channel.
pub(crate) struct XlsxRows {
    rx: Receiver<Msg>,
    done: bool,
}

enum Msg {
    Row(TableRow),
    End,
    Fail(FileError),
}

impl Iterator for XlsxRows {
    type Item = Result<TableRow, FileError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let got = self.rx.recv();
        self.done = !matches!(got, Ok(Msg::Row(_)));
        match got {
            Ok(Msg::Row(r)) => Some(Ok(r)),
            Ok(Msg::End) => None,
            Ok(Msg::Fail(e)) => Some(Err(e)),
            Err(_) => Some(Err(FileError::unreadable(None, "the sheet could not be read to its end"))),
        }
    }
}

/// Opens `sheet` (else the first sheet) of the workbook in `rs`: its header row, trimmed, and
/// its data rows, numbered as Excel shows them.
pub(crate) fn open_sheet<R: Read + Seek + Send + 'static>(
    rs: R,
    sheet: Option<&str>,
    limits: ReadLimits,
) -> Result<(TableRow, XlsxRows), FileError> {
    let mut zip = zip::ZipArchive::new(rs).map_err(|e| damaged(&e))?;
    let mut budget = Budget {
        left: limits.max_unzipped_bytes,
        cap: limits.max_unzipped_bytes,
        run: 0,
        max_run: limits.max_row_bytes,
    };
    let book = Workbook::read(&mut zip, &mut budget, sheet)?;
    let styles = read_styles(&mut zip, &mut budget, &book.styles)?;
    let strings = SharedStrings::read(&mut zip, &mut budget, &book.strings, limits.max_shared_strings_bytes)?;
    let (tx, rx) = sync_channel(AHEAD);
    let reader = SheetReader { strings, styles, date1904: book.date1904, limits, tx };
    let path = book.sheet_path;
    std::thread::Builder::new()
        .name("xlsx-sheet".into())
        .spawn(move || {
            budget.run = 0;
            let end = match zip.by_name(&path) {
                Ok(part) => {
                    let capped = Capped { inner: part, budget: &mut budget };
                    let mut xml = XmlReader::from_reader(BufReader::new(capped));
                    reader.stream(&mut xml)
                }
                Err(e) => Err(damaged(&e)),
            };
            // The receiver may be gone (the import stopped early): nothing is left to tell.
            let _ = reader.tx.send(match end {
                Ok(()) => Msg::End,
                Err(e) => Msg::Fail(e),
            });
        })
        .map_err(|e| FileError::unreadable(None, format!("cannot start reading the sheet: {e}")))?;
    let mut rows = XlsxRows { rx, done: false };
    let mut header = match rows.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(e),
        None => return Err(FileError::unreadable(None, format!("the sheet '{}' is empty", book.sheet_name))),
    };
    while header.cells.last().is_some_and(|c| c.trim().is_empty()) {
        header.cells.pop();
    }
    for c in &mut header.cells {
        *c = c.trim().to_string();
    }
    Ok((header, rows))
}

fn damaged(e: &dyn std::fmt::Display) -> FileError {
    FileError::unreadable(None, format!("not a valid XLSX file ({e}); it may be damaged or cut short"))
}

fn xml_error(part: &str, e: quick_xml::Error) -> FileError {
    match e {
        // The cap's own message, or the file failing underneath.
        quick_xml::Error::Io(io) => FileError::unreadable(None, io.to_string()),
        other => damaged(&format!("{part}: {other}")),
    }
}

/// What is left of the bytes the workbook may unpack to, and the longest run of bytes
/// without markup a part may hold (an XML reader gathers such a run whole in memory).
struct Budget {
    left: u64,
    cap: u64,
    run: usize,
    max_run: usize,
}

/// A part of the workbook unpacked through the [`Budget`].
struct Capped<'b, R> {
    inner: R,
    budget: &'b mut Budget,
}

impl<R: Read> Read for Capped<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.budget.left {
            return Err(io::Error::other(format!(
                "the workbook unpacks to more than {}: it is too big to import at once, or made to exhaust the \
                 server; save the sheet as CSV, or split it",
                megabytes(self.budget.cap)
            )));
        }
        self.budget.left -= n as u64;
        for &b in &buf[..n] {
            self.budget.run = if b == b'<' || b == b'>' { 0 } else { self.budget.run + 1 };
            if self.budget.run > self.budget.max_run {
                return Err(io::Error::other(format!(
                    "the workbook holds more than {} without any markup, which no sheet does: it is damaged or made \
                     to exhaust the server",
                    megabytes(self.budget.max_run as u64)
                )));
            }
        }
        Ok(n)
    }
}

type Part<'a, 'b, R> = XmlReader<BufReader<Capped<'b, zip::read::ZipFile<'a, R>>>>;

/// The XML reader of the part at `path`, `None` when the workbook lacks it.
fn part<'a, 'b, R: Read + Seek>(
    zip: &'a mut zip::ZipArchive<R>,
    budget: &'b mut Budget,
    path: &str,
) -> Result<Option<Part<'a, 'b, R>>, FileError> {
    budget.run = 0;
    match zip.by_name(path) {
        Ok(file) => Ok(Some(XmlReader::from_reader(BufReader::new(Capped { inner: file, budget })))),
        Err(zip::result::ZipError::FileNotFound) => Ok(None),
        Err(e) => Err(damaged(&e)),
    }
}

/// The value of attribute `name` (matched by its local name), entities resolved.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| a.value.into())
    })
}

/// The workbook's parts that matter: the chosen sheet's, the styles' and the shared strings'.
struct Workbook {
    sheet_name: String,
    sheet_path: String,
    styles: String,
    strings: String,
    date1904: bool,
}

impl Workbook {
    fn read<R: Read + Seek>(
        zip: &mut zip::ZipArchive<R>,
        budget: &mut Budget,
        wanted: Option<&str>,
    ) -> Result<Self, FileError> {
        let main = relationships(zip, budget, "_rels/.rels")?
            .into_iter()
            .find(|r| r.kind.ends_with("/officeDocument"))
            .map_or_else(|| "xl/workbook.xml".to_string(), |r| resolve("", &r.target));
        let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let rels_path = format!("{dir}/_rels/{}.rels", main.rsplit('/').next().unwrap_or_default());
        let rels = relationships(zip, budget, &rels_path)?;
        let target = |kind: &str, default: &str| {
            rels.iter()
                .find(|r| r.kind.ends_with(kind))
                .map_or_else(|| resolve(&dir, default), |r| resolve(&dir, &r.target))
        };
        let styles = target("/styles", "styles.xml");
        let strings = target("/sharedStrings", "sharedStrings.xml");
        let mut xml = part(zip, budget, &main)?.ok_or_else(|| damaged(&"it has no workbook part"))?;
        let (mut sheets, mut date1904, mut buf) = (Vec::new(), false, Vec::new());
        loop {
            match xml.read_event_into(&mut buf).map_err(|e| xml_error("workbook", e))? {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "workbookPr" => date1904 = matches!(attr(&e, "date1904").as_deref(), Some("1" | "true")),
                    "sheet" => sheets.push((attr(&e, "name").unwrap_or_default(), attr(&e, "id").unwrap_or_default())),
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        let names = || sheets.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ");
        let (sheet_name, id) = match wanted {
            Some(w) => sheets.iter().find(|(n, _)| n == w || n.eq_ignore_ascii_case(w)).cloned().ok_or_else(|| {
                FileError::unreadable(None, format!("the workbook has no sheet '{w}'; its sheets are: {}", names()))
            })?,
            None => sheets.first().cloned().ok_or_else(|| FileError::unreadable(None, "the workbook has no sheets"))?,
        };
        let sheet_path = rels
            .iter()
            .find(|r| r.id == id)
            .map(|r| resolve(&dir, &r.target))
            .ok_or_else(|| damaged(&format!("the sheet '{sheet_name}' has no part")))?;
        Ok(Self { sheet_name, sheet_path, styles, strings, date1904 })
    }
}

struct Relationship {
    id: String,
    kind: String,
    target: String,
}

fn relationships<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    budget: &mut Budget,
    path: &str,
) -> Result<Vec<Relationship>, FileError> {
    let Some(mut xml) = part(zip, budget, path)? else { return Ok(Vec::new()) };
    let (mut out, mut buf) = (Vec::new(), Vec::new());
    loop {
        match xml.read_event_into(&mut buf).map_err(|e| xml_error(path, e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => out.push(Relationship {
                id: attr(&e, "Id").unwrap_or_default(),
                kind: attr(&e, "Type").unwrap_or_default(),
                target: attr(&e, "Target").unwrap_or_default(),
            }),
            Event::Eof => return Ok(out),
            _ => {}
        }
        buf.clear();
    }
}

/// The zip path of `target` named from the folder `dir` (absolute when it starts with `/`).
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if dir.is_empty() => target.to_string(),
        None => format!("{dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Whether each cell format (by its index, a cell's `s`) shows a date.
fn read_styles<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    budget: &mut Budget,
    path: &str,
) -> Result<Vec<bool>, FileError> {
    let Some(mut xml) = part(zip, budget, path)? else { return Ok(Vec::new()) };
    let (mut custom, mut formats, mut in_cell_xfs, mut buf) = (HashMap::new(), Vec::new(), false, Vec::new());
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| xml_error("styles", e))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => match e.local_name().as_ref() {
                "numFmt" => {
                    let id: u32 = attr(e, "numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0);
                    custom.insert(id, is_date_code(&attr(e, "formatCode").unwrap_or_default()));
                }
                "cellXfs" => in_cell_xfs = matches!(event, Event::Start(_)),
                "xf" if in_cell_xfs => {
                    if formats.len() == MAX_FORMATS {
                        return Err(damaged(&format!("it defines more than {MAX_FORMATS} cell formats")));
                    }
                    let id: u32 = attr(e, "numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0);
                    formats.push(custom.get(&id).copied().unwrap_or_else(|| is_date_builtin(id)));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Eof => return Ok(formats),
            _ => {}
        }
        buf.clear();
    }
}

/// Excel's built-in number formats that show dates or times.
fn is_date_builtin(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a custom number format shows a date or a time: a day, month, year, hour or second
/// code outside quoted text, escapes and `[...]` sections, in its first section.
fn is_date_code(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' => escaped = true,
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => return false,
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => return true,
            _ => {}
        }
    }
    false
}

/// The workbook's shared-string table, kept as one text and the end of each string.
struct SharedStrings {
    text: String,
    ends: Vec<u32>,
}

impl SharedStrings {
    fn read<R: Read + Seek>(
        zip: &mut zip::ZipArchive<R>,
        budget: &mut Budget,
        path: &str,
        max_bytes: usize,
    ) -> Result<Self, FileError> {
        let mut out = Self { text: String::new(), ends: Vec::new() };
        let Some(mut xml) = part(zip, budget, path)? else { return Ok(out) };
        let mut buf = Vec::new();
        loop {
            match xml.read_event_into(&mut buf).map_err(|e| xml_error("shared strings", e))? {
                Event::Start(e) if e.local_name().as_ref() == "si" => {
                    read_text(&mut xml, "si", &mut out.text, max_bytes)?;
                }
                Event::Empty(e) if e.local_name().as_ref() == "si" => {}
                Event::Eof => return Ok(out),
                _ => {
                    buf.clear();
                    continue;
                }
            }
            if out.text.len() + 4 * out.ends.len() > max_bytes {
                return Err(FileError::unreadable(
                    None,
                    format!(
                        "the workbook's shared strings take more than {}; save the sheet as CSV, or split it",
                        megabytes(max_bytes as u64)
                    ),
                ));
            }
            out.ends.push(out.text.len() as u32);
            buf.clear();
        }
    }

    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..end)
    }
}

/// Appends the text of the `<t>` elements up to the end of the element `end` (a shared string
/// or an inline string), leaving out phonetic runs; stops past `max` bytes.
fn read_text<B: io::BufRead>(xml: &mut XmlReader<B>, end: &str, out: &mut String, max: usize) -> Result<(), FileError> {
    let (mut in_t, mut phonetic, mut buf, start) = (false, false, Vec::new(), out.len());
    loop {
        match xml.read_event_into(&mut buf).map_err(|e| xml_error("text", e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_t = !phonetic,
                "rPh" => phonetic = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_t = false,
                "rPh" => phonetic = false,
                n if n == end => break,
                _ => {}
            },
            Event::Text(t) if in_t => out.push_str(&t.xml10_content()),
            Event::CData(t) if in_t => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => match r.resolve_char_ref() {
                Ok(Some(c)) => out.push(c),
                _ => out.push_str(quick_xml::escape::resolve_xml_entity(&r).unwrap_or("")),
            },
            Event::Eof => return Err(damaged(&"a text ends before its element closes")),
            _ => {}
        }
        if out.len() - start > max {
            return Err(FileError::unreadable(
                None,
                format!("a text in the workbook is longer than {}", megabytes(max as u64)),
            ));
        }
        buf.clear();
    }
    if out[start..].contains("_x") {
        let decoded = unescape_ooxml(&out[start..]);
        out.truncate(start);
        out.push_str(&decoded);
    }
    Ok(())
}

/// Undoes Excel's `_xHHHH_` escapes of characters XML cannot hold (`_x000D_` is a CR, a pair
/// of surrogates is one character, `_x005F_` escapes a literal underscore).
fn unescape_ooxml(s: &str) -> String {
    let mut units: Vec<u16> = Vec::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut plain = String::with_capacity(s.len());
    while i < bytes.len() {
        let hex = bytes.get(i..i + 7).filter(|w| w[0] == b'_' && w[1] == b'x' && w[6] == b'_');
        if let Some(code) =
            hex.and_then(|w| std::str::from_utf8(&w[2..6]).ok()).and_then(|h| u16::from_str_radix(h, 16).ok())
        {
            units.push(code);
            i += 7;
            continue;
        }
        if !units.is_empty() {
            plain.extend(char::decode_utf16(units.drain(..)).map(|c| c.unwrap_or('\u{FFFD}')));
        }
        let ch = s[i..].chars().next().unwrap_or('\u{FFFD}');
        plain.push(ch);
        i += ch.len_utf8();
    }
    plain.extend(char::decode_utf16(units.drain(..)).map(|c| c.unwrap_or('\u{FFFD}')));
    plain
}

/// Streams a sheet's rows into the channel.
struct SheetReader {
    strings: SharedStrings,
    styles: Vec<bool>,
    date1904: bool,
    limits: ReadLimits,
    tx: SyncSender<Msg>,
}

/// A cell as the sheet's XML has it.
struct RawCell {
    column: usize,
    kind: String,
    style: usize,
    value: String,
}

impl SheetReader {
    fn stream<B: io::BufRead>(&self, xml: &mut XmlReader<B>) -> Result<(), FileError> {
        let (mut buf, mut row_number, mut cells, mut next_column, mut rows) = (Vec::new(), 0u64, Vec::new(), 0, 0u64);
        let mut row_bytes = 0usize;
        loop {
            let event = xml.read_event_into(&mut buf).map_err(|e| xml_error("sheet", e))?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == "row" => {
                    row_number = attr(e, "r").and_then(|r| r.parse().ok()).unwrap_or(row_number + 1);
                    if row_number == 0 || row_number > EXCEL_ROWS {
                        return Err(damaged(&format!("row {row_number} is beyond Excel's last row {EXCEL_ROWS}")));
                    }
                    next_column = 0;
                }
                Event::Start(ref e) if e.local_name().as_ref() == "c" => {
                    let cell = self.cell(xml, e, next_column)?;
                    next_column = cell.column + 1;
                    let text = self.text(&cell)?;
                    if text.trim().is_empty() {
                        buf.clear();
                        continue;
                    }
                    if cell.column >= self.limits.max_columns {
                        return Err(FileError::unreadable(
                            Some(row_number),
                            format!(
                                "cell {}{row_number} is in column {}; at most {} columns are read: delete what lies \
                                 beyond the table (Ctrl+End in Excel shows the last cell in use)",
                                column_letters(cell.column),
                                cell.column + 1,
                                self.limits.max_columns
                            ),
                        ));
                    }
                    row_bytes += text.len();
                    if row_bytes > self.limits.max_row_bytes {
                        return Err(FileError::unreadable(
                            Some(row_number),
                            format!("row {row_number} holds more than {}", megabytes(self.limits.max_row_bytes as u64)),
                        ));
                    }
                    if cells.len() <= cell.column {
                        cells.resize(cell.column + 1, String::new());
                    }
                    cells[cell.column] = text;
                }
                Event::Empty(ref e) if e.local_name().as_ref() == "c" => {
                    next_column = attr(e, "r").and_then(|r| column_of(&r)).unwrap_or(next_column) + 1;
                }
                Event::End(ref e) if e.local_name().as_ref() == "row" => {
                    row_bytes = 0;
                    if cells.is_empty() {
                        buf.clear();
                        continue;
                    }
                    rows += 1;
                    if rows > self.limits.max_rows + 1 {
                        return Err(FileError::unreadable(
                            Some(row_number),
                            format!(
                                "the sheet has more than {} data rows; split it into smaller files",
                                self.limits.max_rows
                            ),
                        ));
                    }
                    let row = TableRow { number: row_number, cells: std::mem::take(&mut cells) };
                    if self.tx.send(Msg::Row(row)).is_err() {
                        return Ok(());
                    }
                }
                Event::End(ref e) if e.local_name().as_ref() == "sheetData" => return Ok(()),
                Event::Eof => return Err(damaged(&"the sheet ends before its data does")),
                _ => {}
            }
            buf.clear();
        }
    }

    /// Reads one `<c>` element whose start is `start`.
    fn cell<B: io::BufRead>(
        &self,
        xml: &mut XmlReader<B>,
        start: &BytesStart,
        next_column: usize,
    ) -> Result<RawCell, FileError> {
        let column = attr(start, "r").and_then(|r| column_of(&r)).unwrap_or(next_column);
        let kind = attr(start, "t").unwrap_or_default();
        let style = attr(start, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut value = String::new();
        let mut buf = Vec::new();
        loop {
            match xml.read_event_into(&mut buf).map_err(|e| xml_error("sheet", e))? {
                Event::Start(e) => match e.local_name().as_ref() {
                    "v" => read_plain(xml, "v", &mut value, self.limits.max_row_bytes)?,
                    "is" => read_text(xml, "is", &mut value, self.limits.max_row_bytes)?,
                    _ => {
                        let name = e.name().as_ref().to_string();
                        let mut skip = Vec::new();
                        xml.read_to_end_into(quick_xml::name::QName(&name), &mut skip)
                            .map_err(|e| xml_error("sheet", e))?;
                    }
                },
                Event::End(e) if e.local_name().as_ref() == "c" => break,
                Event::Eof => return Err(damaged(&"the sheet ends inside a cell")),
                _ => {}
            }
            buf.clear();
        }
        Ok(RawCell { column, kind, style, value })
    }

    /// A cell as the text a person sees: dates as ISO, numbers without float noise.
    fn text(&self, cell: &RawCell) -> Result<String, FileError> {
        Ok(match cell.kind.as_str() {
            "s" => {
                let i: usize =
                    cell.value.trim().parse().map_err(|_| damaged(&"a shared string index is not a number"))?;
                self.strings
                    .get(i)
                    .ok_or_else(|| damaged(&format!("a cell refers to shared string {i}, which the workbook lacks")))?
                    .to_string()
            }
            "b" => match cell.value.trim() {
                "1" => "true".into(),
                "0" => "false".into(),
                other => other.into(),
            },
            "str" | "inlineStr" | "e" | "d" => cell.value.clone(),
            _ => match cell.value.trim().parse::<f64>() {
                Ok(f) if self.styles.get(cell.style).copied().unwrap_or(false) => {
                    serial_text(f, self.date1904).unwrap_or_else(|| number_text(f))
                }
                Ok(f) => number_text(f),
                Err(_) => cell.value.clone(),
            },
        })
    }
}

/// Appends the plain text of an element up to its end.
fn read_plain<B: io::BufRead>(
    xml: &mut XmlReader<B>,
    end: &str,
    out: &mut String,
    max: usize,
) -> Result<(), FileError> {
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf).map_err(|e| xml_error("sheet", e))? {
            Event::Text(t) => out.push_str(&t.xml10_content()),
            Event::CData(t) => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref() {
                Ok(Some(c)) => out.push(c),
                _ => out.push_str(quick_xml::escape::resolve_xml_entity(&r).unwrap_or("")),
            },
            Event::End(e) if e.local_name().as_ref() == end => return Ok(()),
            Event::Eof => return Err(damaged(&"the sheet ends inside a value")),
            _ => {}
        }
        if out.len() > max {
            return Err(FileError::unreadable(None, format!("a cell holds more than {}", megabytes(max as u64))));
        }
        buf.clear();
    }
}

/// The 0-based column of a cell reference such as `B7` or `XFD1048576`.
fn column_of(reference: &str) -> Option<usize> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic).take(4);
    let mut n = 0usize;
    let mut any = false;
    for b in letters {
        n = n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1);
        any = true;
    }
    any.then(|| n - 1)
}

/// An Excel date serial as ISO text: `2024-03-05`, `2024-03-06T14:30:00`.
fn serial_text(serial: f64, date1904: bool) -> Option<String> {
    if !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let mut days = serial.floor() as i64;
    let mut ms = ((serial - serial.floor()) * 86_400_000.0).round() as i64;
    if ms >= 86_400_000 {
        days += 1;
        ms -= 86_400_000;
    }
    // Excel's 1900 calendar counts a 29 February 1900 that never was (serial 60).
    let base = match (date1904, days) {
        (true, _) => date!(1904 - 01 - 01),
        (false, ..=60) => date!(1899 - 12 - 31),
        (false, _) => date!(1899 - 12 - 30),
    };
    let d = base.checked_add(Duration::days(days))?;
    let (y, mo, dd) = (d.year(), u8::from(d.month()), d.day());
    let (h, mi, s, milli) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    Some(match (h, mi, s, milli) {
        (0, 0, 0, 0) => format!("{y:04}-{mo:02}-{dd:02}"),
        (_, _, _, 0) => format!("{y:04}-{mo:02}-{dd:02}T{h:02}:{mi:02}:{s:02}"),
        _ => format!("{y:04}-{mo:02}-{dd:02}T{h:02}:{mi:02}:{s:02}.{milli:03}"),
    })
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

    #[test]
    fn date_serials_and_formats() {
        assert_eq!(serial_text(45356.0, false).unwrap(), "2024-03-05");
        assert_eq!(serial_text(45357.604166666664, false).unwrap(), "2024-03-06T14:30:00");
        assert_eq!(serial_text(1.0, false).unwrap(), "1900-01-01");
        assert_eq!(serial_text(61.0, false).unwrap(), "1900-03-01");
        assert_eq!(serial_text(0.0, true).unwrap(), "1904-01-01");
        assert!(serial_text(-1.0, false).is_none());
        assert!(is_date_code("dd.mm.yyyy"));
        assert!(is_date_code("[$-419]d mmmm yyyy"));
        assert!(!is_date_code("#,##0.00\" руб.\""));
        assert!(!is_date_code("[Red]0.00;[Blue]-0.00"));
        assert!(!is_date_code("General"));
        assert!(is_date_builtin(14) && !is_date_builtin(2));
    }

    #[test]
    fn references_and_escapes() {
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("XFD1048576"), Some(16383));
        assert_eq!(column_of("12"), None);
        assert_eq!(unescape_ooxml("a_x000D_b"), "a\rb");
        assert_eq!(unescape_ooxml("_xD83D__xDCF7_"), "📷");
        assert_eq!(unescape_ooxml("plain _x text"), "plain _x text");
        assert_eq!(resolve("xl", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl", "/xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl/worksheets", "../sharedStrings.xml"), "xl/sharedStrings.xml");
    }
}
