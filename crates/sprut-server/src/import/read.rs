//! [`TableReader`]: the header row and then the data rows of a CSV or XLSX file, CSV streamed
//! in constant memory whatever its size.

use super::decode::{Decoding, Encoding};
use super::limits::{megabytes, ReadLimits};
use super::xlsx::{open_sheet, XlsxRows};
use sprut_core::import::FileError;
use std::fs::File;
use std::io::{self, Chain, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

/// How to read a file; the defaults detect everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The text encoding of a CSV file.
    pub encoding: Encoding,
    /// The CSV delimiter; `None` detects it among `,` `;` tab and `|`.
    pub delimiter: Option<u8>,
    /// The XLSX sheet to read; `None` reads the first.
    pub sheet: Option<String>,
    /// How much of the file is read before it is refused.
    pub limits: ReadLimits,
}

/// The kind of file being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Delimited text.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// One data row: its number as a spreadsheet shows it (the header is row 1) and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// The row number a person sees in Excel or LibreOffice.
    pub number: u64,
    /// The cells, as text, in column order.
    pub cells: Vec<String>,
}

/// Reads a CSV or XLSX file: [`TableReader::headers`], then data rows by iteration. Rows whose
/// cells are all blank are skipped (their numbers are still counted).
pub struct TableReader {
    headers: Vec<String>,
    source: Source,
    limits: ReadLimits,
    /// Data rows read so far.
    rows: u64,
}

enum Source {
    Csv(Box<CsvRows>),
    Xlsx(XlsxRows),
}

type CsvInput = QuoteTracker<Chain<Cursor<Vec<u8>>, Decoding<Box<dyn Read + Send>>>>;

struct CsvRows {
    reader: csv::Reader<CsvInput>,
    delimiter: u8,
    /// Whether lines end in CR LF (the LF is then read with the next record).
    crlf: bool,
    /// The record read ahead, to know whether the current one is the last.
    ahead: Option<Result<(csv::StringRecord, u64), FileError>>,
    /// Newlines inside the fields of the records read so far: lines, but not rows.
    embedded: u64,
    /// The number and width of the last row read.
    last: (u64, usize),
    finished: bool,
}

const XLS_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

impl TableReader {
    /// Opens the file at `path`: XLSX by its `.xlsx` extension or its ZIP signature, else CSV.
    pub fn open(path: impl AsRef<Path>, options: &ReadOptions) -> Result<Self, FileError> {
        let path = path.as_ref();
        Self::open_as(path, path.file_name().and_then(|n| n.to_str()), options)
    }

    /// Opens the file at `path` (an upload in a temporary file) as if it were named `file_name`.
    pub fn open_as(path: &Path, file_name: Option<&str>, options: &ReadOptions) -> Result<Self, FileError> {
        let cannot = |e: io::Error| FileError::unreadable(None, format!("cannot open {}: {e}", path.display()));
        let mut file = File::open(path).map_err(cannot)?;
        let mut magic = [0u8; 4];
        let n = read_up_to(&mut file, &mut magic).map_err(cannot)?;
        file.seek(SeekFrom::Start(0)).map_err(cannot)?;
        let ext =
            file_name.and_then(|n| Path::new(n).extension()).and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match kind(ext.as_deref(), &magic[..n])? {
            SourceFormat::Xlsx => Self::xlsx(io::BufReader::new(file), options),
            SourceFormat::Csv => Self::csv(Box::new(file), options),
        }
    }

    /// Reads a file already in memory (an upload); `file_name` helps tell its format.
    pub fn from_bytes(bytes: Vec<u8>, file_name: Option<&str>, options: &ReadOptions) -> Result<Self, FileError> {
        let ext =
            file_name.and_then(|n| Path::new(n).extension()).and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match kind(ext.as_deref(), &bytes[..bytes.len().min(4)])? {
            SourceFormat::Xlsx => Self::xlsx(Cursor::new(bytes), options),
            SourceFormat::Csv => Self::csv(Box::new(Cursor::new(bytes)), options),
        }
    }

    /// The header row, trimmed.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Whether the file is CSV or XLSX.
    pub fn format(&self) -> SourceFormat {
        match self.source {
            Source::Csv(_) => SourceFormat::Csv,
            Source::Xlsx(_) => SourceFormat::Xlsx,
        }
    }

    /// The CSV delimiter in use.
    pub fn delimiter(&self) -> Option<u8> {
        match &self.source {
            Source::Csv(c) => Some(c.delimiter),
            Source::Xlsx(_) => None,
        }
    }

    /// The CSV text encoding in use (`UTF-8`, `windows-1251`, `UTF-16LE`...), once decided: a
    /// file whose text so far is plain ASCII has not needed one yet.
    pub fn encoding(&self) -> Option<&'static str> {
        match &self.source {
            Source::Csv(c) => c.reader.get_ref().inner.get_ref().1.encoding().map(|e| e.name()),
            Source::Xlsx(_) => None,
        }
    }

    fn xlsx<RS: Read + Seek + Send + 'static>(rs: RS, options: &ReadOptions) -> Result<Self, FileError> {
        let (header, rows) = open_sheet(rs, options.sheet.as_deref(), options.limits)?;
        Ok(Self { headers: header.cells, source: Source::Xlsx(rows), limits: options.limits, rows: 0 })
    }

    fn csv(input: Box<dyn Read + Send>, options: &ReadOptions) -> Result<Self, FileError> {
        let mut text = Decoding::new(input, options.encoding);
        let mut prefix = vec![0u8; 64 * 1024];
        let mut n = 0;
        while n < prefix.len() {
            match text.read(&mut prefix[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let line = 1 + prefix[..n].iter().filter(|b| **b == b'\n').count() as u64;
                    return Err(FileError::unreadable(Some(line), e.to_string()));
                }
            }
        }
        prefix.truncate(n);
        let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(&String::from_utf8_lossy(&prefix)));
        let crlf = prefix.iter().position(|b| *b == b'\n').is_some_and(|i| i > 0 && prefix[i - 1] == b'\r');
        let input = QuoteTracker::new(Cursor::new(prefix).chain(text), delimiter, options.limits.max_row_bytes);
        let reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(input);
        let mut rows = CsvRows { reader, delimiter, crlf, ahead: None, embedded: 0, last: (0, 0), finished: false };
        let header = match rows.next_record() {
            Some(Ok(h)) => h,
            Some(Err(e)) => return Err(e),
            None => return Err(FileError::unreadable(None, "the file is empty")),
        };
        if header.cells.len() > options.limits.max_columns {
            return Err(FileError::unreadable(
                Some(header.number),
                format!(
                    "the header has {} columns; at most {} are read: check the delimiter, or delete the columns \
                     beyond the table",
                    header.cells.len(),
                    options.limits.max_columns
                ),
            ));
        }
        let headers = header.cells.iter().map(|c| c.trim().to_string()).collect();
        Ok(Self { headers, source: Source::Csv(Box::new(rows)), limits: options.limits, rows: 0 })
    }
}

impl Iterator for TableReader {
    type Item = Result<TableRow, FileError>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = match &mut self.source {
            Source::Xlsx(rows) => rows.next()?,
            Source::Csv(rows) => rows.next_data_row(self.headers.len())?,
        };
        Some(row.and_then(|r| self.check(r)))
    }
}

impl TableReader {
    /// Refuses a row past the caps on rows and columns (the XLSX reader checks its own columns).
    fn check(&mut self, row: TableRow) -> Result<TableRow, FileError> {
        self.rows += 1;
        if self.rows > self.limits.max_rows {
            return Err(FileError::unreadable(
                Some(row.number),
                format!("the file has more than {} data rows; split it into smaller files", self.limits.max_rows),
            ));
        }
        if row.cells.len() > self.limits.max_columns {
            return Err(FileError::unreadable(
                Some(row.number),
                format!(
                    "it has {} columns; at most {} are read: check the delimiter, or delete the columns beyond the \
                     table",
                    row.cells.len(),
                    self.limits.max_columns
                ),
            ));
        }
        Ok(row)
    }
}

impl CsvRows {
    /// The next raw record and the reader's line after it.
    fn read_raw(&mut self) -> Option<Result<(csv::StringRecord, u64), FileError>> {
        let mut record = csv::StringRecord::new();
        match self.reader.read_record(&mut record) {
            Ok(true) => Some(Ok((record, self.reader.position().line()))),
            Ok(false) => None,
            Err(e) => {
                let row = self.last.0 + 1;
                Some(Err(match e.into_kind() {
                    // The tracker reads ahead of the rows: its message names its own line.
                    csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::FileTooLarge => {
                        FileError::unreadable(None, io.to_string())
                    }
                    csv::ErrorKind::Io(io) => FileError::unreadable(Some(row), io.to_string()),
                    other => FileError::unreadable(Some(row), format!("{other:?}")),
                }))
            }
        }
    }

    /// The next record with any non-blank cell, numbered as a spreadsheet shows it (blank lines
    /// count as rows, newlines inside quoted fields do not), or the error that stopped reading.
    fn next_record(&mut self) -> Option<Result<TableRow, FileError>> {
        loop {
            if self.finished {
                return None;
            }
            let current = match self.ahead.take() {
                Some(r) => Some(r),
                None => self.read_raw(),
            };
            let (record, line_after) = match current {
                None => {
                    self.finished = true;
                    return None;
                }
                Some(Err(e)) => {
                    self.finished = true;
                    return Some(Err(e));
                }
                Some(Ok(r)) => r,
            };
            self.ahead = self.read_raw();
            let last = self.ahead.is_none();
            let newlines: u64 = record.iter().map(|f| f.bytes().filter(|b| *b == b'\n').count() as u64).sum();
            // The reader's line count includes this record's own LF unless lines end in CR LF
            // (that LF is read with the next record) or the file ends without one.
            let own_lf = u64::from(!self.crlf && (!last || self.reader.get_ref().ends_with_newline()));
            let start_line = line_after.saturating_sub(newlines + own_lf);
            let number = start_line.saturating_sub(self.embedded).max(self.last.0 + 1);
            self.embedded += newlines;
            self.last = (number, record.len());
            if record.iter().any(|c| !c.trim().is_empty()) {
                return Some(Ok(TableRow { number, cells: record.iter().map(str::to_string).collect() }));
            }
        }
    }

    /// The next data row; at the end, an error if the file was cut short.
    fn next_data_row(&mut self, header_width: usize) -> Option<Result<TableRow, FileError>> {
        if self.finished {
            return None;
        }
        match self.next_record() {
            Some(r) => Some(r),
            None => self.truncation(header_width).map(Err),
        }
    }

    fn truncation(&self, header_width: usize) -> Option<FileError> {
        let tracker = self.reader.get_ref();
        let (row, width) = self.last;
        if tracker.in_quotes() {
            return Some(FileError::unreadable(
                Some(row),
                format!(
                    "the file ends inside a quoted field that starts at row {row}: it is cut short, or a quote \
                     in that row is not closed"
                ),
            ));
        }
        if !tracker.ends_with_newline() && row > 1 && width < header_width {
            return Some(FileError::unreadable(
                Some(row),
                format!("the file seems cut short: its last row {row} has {width} of the {header_width} columns"),
            ));
        }
        None
    }
}

/// Reads until `buf` is full or the input ends.
fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Tells the format from the file name's extension, else from the first bytes.
fn kind(ext: Option<&str>, magic: &[u8]) -> Result<SourceFormat, FileError> {
    if ext == Some("xls") || magic.starts_with(XLS_MAGIC) {
        return Err(FileError::unreadable(None, "old Excel .xls files are not read; save the sheet as .xlsx or CSV"));
    }
    let zip = magic.starts_with(ZIP_MAGIC);
    match ext {
        Some("xlsx" | "xlsm") if !zip => {
            Err(FileError::unreadable(None, "not a valid XLSX file: it does not start like one (renamed, or damaged?)"))
        }
        Some("xlsx" | "xlsm") => Ok(SourceFormat::Xlsx),
        _ if zip => Ok(SourceFormat::Xlsx),
        _ => Ok(SourceFormat::Csv),
    }
}

/// Picks the delimiter that splits the first lines of `text` most consistently among
/// `;` `,` tab and `|` (quotes respected); `;` wins ties, as Russian Excel and Bitrix24 use it.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 4] = [b';', b',', b'\t', b'|'];
    let lines = logical_lines(text, 30);
    let mut best = (b',', 0usize, 0usize);
    for d in CANDIDATES {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let Some(&header) = counts.first() else { break };
        if header == 0 {
            continue;
        }
        let agreeing = counts.iter().filter(|&&c| c == header).count();
        if (agreeing, header) > (best.1, best.2) {
            best = (d, agreeing, header);
        }
    }
    best.0
}

/// Up to `max` lines, a quoted newline not ending a line; the last, maybe partial, is dropped
/// when there are others.
fn logical_lines(text: &str, max: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                let line = text[start..i].trim_end_matches('\r');
                if !line.trim().is_empty() {
                    lines.push(line);
                }
                start = i + 1;
                if lines.len() == max {
                    return lines;
                }
            }
            _ => {}
        }
    }
    if lines.is_empty() && start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == d && !quoted
        })
        .count()
}

/// Follows the CSV quoting state of the text passing through, as the `csv` crate reads it, to
/// tell at the end whether the file stopped inside a quoted field; and remembers the last byte.
struct QuoteTracker<R> {
    inner: R,
    delimiter: u8,
    state: QuoteState,
    last_byte: Option<u8>,
    /// Bytes since the last line break outside quotes, and the most a row may hold.
    row_bytes: usize,
    max_row_bytes: usize,
    /// Line breaks outside quotes so far.
    lines: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

impl<R> QuoteTracker<R> {
    fn new(inner: R, delimiter: u8, max_row_bytes: usize) -> Self {
        Self { inner, delimiter, state: QuoteState::FieldStart, last_byte: None, row_bytes: 0, max_row_bytes, lines: 0 }
    }

    fn in_quotes(&self) -> bool {
        self.state == QuoteState::Quoted
    }

    fn ends_with_newline(&self) -> bool {
        matches!(self.last_byte, None | Some(b'\n' | b'\r'))
    }
}

impl<R: Read> Read for QuoteTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            let ends_field = b == self.delimiter || b == b'\n' || b == b'\r';
            self.state = match (self.state, b) {
                (QuoteState::FieldStart, b'"') => QuoteState::Quoted,
                (QuoteState::Quoted, b'"') => QuoteState::QuoteInQuoted,
                (QuoteState::Quoted, _) => QuoteState::Quoted,
                (QuoteState::QuoteInQuoted, b'"') => QuoteState::Quoted,
                (_, _) if ends_field => QuoteState::FieldStart,
                _ => QuoteState::Unquoted,
            };
            if b == b'\n' && self.state != QuoteState::Quoted {
                self.row_bytes = 0;
                self.lines += 1;
            } else {
                self.row_bytes += 1;
            }
            if self.row_bytes > self.max_row_bytes {
                return Err(io::Error::new(
                    io::ErrorKind::FileTooLarge,
                    format!(
                        "the row on line {} holds more than {}: a quote may be left open, or the file is not a table",
                        self.lines + 1,
                        megabytes(self.max_row_bytes as u64)
                    ),
                ));
            }
        }
        if n > 0 {
            self.last_byte = Some(buf[n - 1]);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> (TableReader, Vec<Result<TableRow, FileError>>) {
        let mut r = TableReader::from_bytes(text.as_bytes().to_vec(), Some("x.csv"), &ReadOptions::default()).unwrap();
        let rows = r.by_ref().collect();
        (r, rows)
    }

    #[test]
    fn delimiters_are_detected() {
        assert_eq!(detect_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter("a\tb\n1\t2"), b'\t');
        assert_eq!(detect_delimiter("a|b|c\n1|2,5|3\n"), b'|');
        assert_eq!(detect_delimiter("Имя;Сумма\nИван;1,5\nПётр;2,5\n"), b';');
        assert_eq!(detect_delimiter("\"a;b\",c\n\"1;2\",3\n"), b',');
        assert_eq!(detect_delimiter("single"), b',');
    }

    #[test]
    fn quotes_embedded_newlines_and_row_numbers() {
        let (r, rows) = read_all("id;name;note\r\n1;\"ООО \"\"Ромашка\"\"\";\"line one\nline two\"\r\n\r\n2;Лютик;x\r\n;;\r\n3;ООО \"Мак\";\r\n");
        assert_eq!(r.headers(), ["id", "name", "note"]);
        let rows: Vec<TableRow> = rows.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            rows[0],
            TableRow {
                number: 2, cells: vec!["1".into(), "ООО \"Ромашка\"".into(), "line one\nline two".into()]
            }
        );
        assert_eq!(rows[1].number, 4, "the blank line is row 3");
        assert_eq!(rows[2].number, 6, "the row of empty cells is skipped but counted");
        assert_eq!(rows[2].cells[1], "ООО \"Мак\"", "a quote inside an unquoted field is text");
        assert_eq!(rows.len(), 3);
        assert_eq!(r.delimiter(), Some(b';'));
        let (_, rows) = read_all("a,b\n1,\"x\ny\"\n\n2,z\n3,w");
        let numbers: Vec<u64> = rows.into_iter().map(|r| r.unwrap().number).collect();
        assert_eq!(numbers, [2, 4, 5], "LF endings, and a last line without one");
    }

    #[test]
    fn a_file_cut_inside_quotes() {
        let (_, rows) = read_all("id,name\n1,a\n2,\"unfinished\n3,c\n");
        let last = rows.last().unwrap().as_ref().unwrap_err();
        assert_eq!(
            last.to_string(),
            "row 3: the file ends inside a quoted field that starts at row 3: it is cut short, or a quote in that row is not closed"
        );
    }

    #[test]
    fn a_file_cut_mid_row() {
        let (_, rows) = read_all("id,name,phone\n1,a,1\n2,b");
        assert_eq!(rows.len(), 3);
        assert!(rows[2].as_ref().unwrap_err().to_string().contains("last row 3 has 2 of the 3 columns"));
        let (_, rows) = read_all("id,name,phone\n1,a,1\n2,b\n");
        assert!(rows.iter().all(Result::is_ok), "a short row ending in a newline is complete");
    }

    #[test]
    fn empty_files_and_formats() {
        let err = TableReader::from_bytes(Vec::new(), Some("x.csv"), &ReadOptions::default()).err().unwrap();
        assert_eq!(err.to_string(), "the file is empty");
        let err = TableReader::from_bytes(b"id,name".to_vec(), Some("x.xlsx"), &ReadOptions::default()).err().unwrap();
        assert!(err.to_string().starts_with("not a valid XLSX file"));
        let err =
            TableReader::from_bytes(b"\xD0\xCF\x11\xE0....".to_vec(), None, &ReadOptions::default()).err().unwrap();
        assert!(err.to_string().contains(".xls files are not read"));
        let err = TableReader::from_bytes(b"PK\x03\x04garbage".to_vec(), None, &ReadOptions::default()).err().unwrap();
        assert!(err.to_string().starts_with("not a valid XLSX file"), "{err}");
    }
}
