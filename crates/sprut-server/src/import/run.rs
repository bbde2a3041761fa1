//! The import pipeline: a file's reader → column mapping (suggested, then the user's
//! overrides) → value maps → typed rows → duplicate check → the store, batch by batch in one
//! transaction, so memory stays flat however long the file is.

use super::read::TableReader;
use sprut_core::employee::Language;
use sprut_core::export::canaries_in;
use sprut_core::import::{
    parse_row_in, suggest_mapping, DuplicateTracker, FileError, ImportBatch, ImportBatches, ImportEntity,
    ImportOptions, ImportOutcome, ImportRecord, ImportStore, Mapping, Preset, RowError, ValueMaps, BATCH_ROWS,
};
use sprut_core::money::Currency;
use sprut_core::{Actor, CoreError, ExportId};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use time::Date;

/// What to import and how, as a person chose it.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// What the file holds.
    pub entity: ImportEntity,
    /// Whose export it is.
    pub preset: Preset,
    /// `SOURCE COLUMN=field` overrides of the suggested mapping.
    pub maps: Vec<String>,
    /// `field:SOURCE VALUE=value` translations of cell values.
    pub values: Vec<String>,
    /// Report only.
    pub dry_run: bool,
    /// Load the good rows, report the bad.
    pub partial: bool,
    /// Create unknown holders and owners as inactive employees.
    pub create_employees: bool,
    /// The file's name, for the audit log.
    pub file_name: String,
    /// The business date of the import.
    pub today: Date,
    /// The currency of amounts the file gives none for (default: the company's).
    pub currency: Option<Currency>,
    /// Rows per batch; `None` is [`BATCH_ROWS`]. The result never depends on it (a test varies
    /// it to prove so).
    pub batch_rows: Option<usize>,
    /// The language of the errors file.
    pub language: Language,
}

/// The mapping and value maps `request` gives a file with these `headers`, checked.
pub fn plan(request: &ImportRequest, headers: &[String]) -> Result<(Mapping, ValueMaps), FileError> {
    let mut mapping = suggest_mapping(request.entity, request.preset, headers);
    mapping.apply_overrides(&request.maps)?;
    mapping.check()?;
    let values = ValueMaps::parse(request.entity, &request.values)?;
    Ok((mapping, values))
}

/// Why an import did not run at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file or an option is wrong before any row is read.
    #[error(transparent)]
    File(#[from] FileError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] CoreError),
}

/// Where every row error of a run is written (the outcome lists only the first ones).
pub type ErrorsFile = Box<dyn Write + Send>;

/// Runs the whole import of `reader` into `store`; `progress` hears the number of rows read
/// after every batch; `errors_to`, when given, gets every bad row with its reasons as CSV.
pub async fn run<S: ImportStore>(
    store: &S,
    actor: &Actor,
    reader: TableReader,
    request: &ImportRequest,
    progress: Option<Box<dyn FnMut(u64) + Send>>,
    errors_to: Option<ErrorsFile>,
) -> Result<ImportOutcome, ImportError> {
    let (mapping, values) = plan(request, reader.headers())?;
    let mut options = ImportOptions::new(&mapping, request.preset.as_str(), &request.file_name, request.today);
    options.dry_run = request.dry_run;
    options.partial = request.partial;
    options.create_employees = request.create_employees;
    let errors = match errors_to {
        Some(out) => {
            let delimiter = reader.delimiter().unwrap_or(b';');
            let writer = ErrorsWriter::new(out, reader.headers(), delimiter, request.language);
            Some(writer.map_err(|e| FileError::unreadable(None, e.to_string()))?)
        }
        None => None,
    };
    let canaries = store.canary_tokens().await?;
    let settings = store.settings().await?;
    let currency = match &request.currency {
        Some(c) => c.clone(),
        None => Currency::parse(&settings.currency).unwrap_or_else(|_| Currency::rub()),
    };
    let extra_columns: Vec<String> = (0..mapping.headers().len())
        .filter(|&i| mapping.kept_as_extra(i))
        .map(|i| mapping.headers()[i].trim().to_string())
        .collect();
    let source = RowSource {
        reader,
        mapping,
        values,
        dups: DuplicateTracker::new(),
        read: 0,
        progress,
        cut: None,
        keep_cells: errors.is_some(),
        canaries,
        currency,
        phone_region: settings.phone_region,
        time_zone: settings.time_zone,
        batch_rows: request.batch_rows.unwrap_or(BATCH_ROWS).clamp(1, BATCH_ROWS),
    };
    let mut rows = FileRows::reading(source, errors);
    let mut out = store.import(actor, &options, &mut rows).await?;
    out.extra_columns = extra_columns;
    if let Some(mut w) = rows.errors {
        w.finish();
    }
    Ok(out)
}

/// One batch read and parsed, with the cells of its rows when an errors file wants them.
struct ReadBatch {
    batch: ImportBatch,
    cells: HashMap<u64, Vec<String>>,
}

/// What the reading thread sends: a batch, the end of the file, or why it cannot go on.
type Sent = Result<Option<ReadBatch>, FileError>;

/// A file's rows read and parsed a batch at a time.
struct RowSource {
    reader: TableReader,
    mapping: Mapping,
    values: ValueMaps,
    dups: DuplicateTracker,
    read: u64,
    progress: Option<Box<dyn FnMut(u64) + Send>>,
    /// Why the file could not be read further, told after the rows read before it.
    cut: Option<FileError>,
    /// Whether to keep each batch's cells (for the errors file).
    keep_cells: bool,
    /// The canary values of every export of this base, to leave its canary rows out.
    canaries: BTreeMap<String, (ExportId, u32)>,
    /// The currency of amounts the file gives none for.
    currency: Currency,
    /// The country of phone numbers written without a country code.
    phone_region: String,
    /// The company's time zone, for the date of a moment with an offset.
    time_zone: String,
    /// Rows per batch.
    batch_rows: usize,
}

impl RowSource {
    fn next_batch(&mut self) -> Sent {
        if let Some(e) = self.cut.take() {
            return Err(e);
        }
        let mut batch = ImportBatch::default();
        let mut cells = HashMap::new();
        let zone = self.time_zone.as_str();
        let local = |at| crate::zone::local_date(at, zone);
        for row in self.reader.by_ref() {
            let row = match row {
                Ok(r) => r,
                Err(e) if batch.rows == 0 => return Err(e),
                Err(e) => {
                    self.cut = Some(e);
                    break;
                }
            };
            batch.rows += 1;
            if self.keep_cells {
                cells.insert(row.number, row.cells.clone());
            }
            if !self.canaries.is_empty() && !canaries_in(&row.cells, &self.canaries).is_empty() {
                batch.canaries += 1;
                continue;
            }
            match parse_row_in(self.mapping.entity(), &self.mapping, &self.values, &local, row.number, &row.cells) {
                Ok(mut record) => {
                    record.default_currency(&self.currency);
                    batch.warnings.extend(record.read_channels(row.number, &self.phone_region));
                    if matches!(&record, ImportRecord::Deal(d) if d.opened_unknown) {
                        batch.openings_unknown += 1;
                    }
                    let dups = self.dups.check(&self.mapping, row.number, &record);
                    if dups.is_empty() {
                        batch.records.push((row.number, record));
                    } else {
                        batch.duplicates += 1;
                        batch.errors.extend(dups);
                    }
                }
                Err(errors) => batch.errors.extend(errors),
            }
            if batch.rows as usize >= self.batch_rows {
                break;
            }
        }
        self.read += batch.rows;
        if let Some(p) = self.progress.as_mut() {
            p(self.read);
        }
        Ok((batch.rows > 0).then_some(ReadBatch { batch, cells }))
    }
}

/// The batches of a file for the store: read and parsed on a thread of their own, one batch
/// ahead, while the store writes the last one; the errors file is written here, in row order.
pub struct FileRows {
    ahead: std::sync::mpsc::Receiver<Sent>,
    /// Whether the reading thread told the end (of the file, or why it stopped).
    ended: bool,
    /// Where every row error goes.
    errors: Option<ErrorsWriter>,
    /// The cells of the last batch's rows, by row number, for the errors file.
    batch_cells: HashMap<u64, Vec<String>>,
}

impl FileRows {
    /// Starts reading `source` on its own thread.
    fn reading(mut source: RowSource, errors: Option<ErrorsWriter>) -> Self {
        let (tx, ahead) = std::sync::mpsc::sync_channel::<Sent>(1);
        std::thread::spawn(move || loop {
            let sent = source.next_batch();
            let last = !matches!(sent, Ok(Some(_)));
            // The import stopped listening (it failed or was refused): stop reading.
            if tx.send(sent).is_err() || last {
                break;
            }
        });
        Self { ahead, ended: false, errors, batch_cells: HashMap::new() }
    }
}

impl ImportBatches for FileRows {
    fn next_batch(&mut self) -> Result<Option<ImportBatch>, FileError> {
        if self.ended {
            return Ok(None);
        }
        let sent = self.ahead.recv().unwrap_or_else(|_| {
            // The thread ended without telling the end: never take that for the end of the file.
            Err(FileError::unreadable(None, "reading the file stopped unexpectedly; nothing was imported, try again"))
        });
        match sent {
            Ok(Some(read)) => {
                self.batch_cells = read.cells;
                Ok(Some(read.batch))
            }
            other => {
                self.ended = true;
                other.map(|_| None)
            }
        }
    }

    fn spill(&mut self, errors: &[RowError]) {
        if let Some(w) = self.errors.as_mut() {
            w.write(errors, &self.batch_cells);
        }
    }
}

/// The bad rows as the file had them, after a first column (`error`) that gives every reason of
/// the row (first, so that a row with more cells than the header keeps them all), so a person fixes them in a spreadsheet and imports that file again; a write that
/// fails is logged and ends the writing, never the import.
struct ErrorsWriter {
    csv: Option<csv::Writer<ErrorsFile>>,
    width: usize,
    language: Language,
}

impl ErrorsWriter {
    fn new(mut out: ErrorsFile, headers: &[String], delimiter: u8, language: Language) -> std::io::Result<Self> {
        // A byte-order mark, so that Excel reads the names in UTF-8.
        out.write_all(b"\xEF\xBB\xBF")?;
        let mut csv = csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(out);
        let first = crate::ui::i18n::tr(language).import.error;
        csv.write_record([first].into_iter().chain(headers.iter().map(String::as_str)))?;
        Ok(Self { csv: Some(csv), width: headers.len(), language })
    }

    /// Writes the rows of `errors` (in row order), each once with all of its reasons; a row
    /// whose cells are no longer kept (a reference resolved after the whole file) is written
    /// with its number in place of its cells.
    fn write(&mut self, errors: &[RowError], cells: &HashMap<u64, Vec<String>>) {
        let Some(csv) = self.csv.as_mut() else { return };
        let mut written: csv::Result<()> = Ok(());
        for row in errors.chunk_by(|a, b| a.row == b.row) {
            let number = row[0].row;
            let reasons: Vec<String> = row
                .iter()
                .map(|e| {
                    let reason = crate::ui::i18n::row_reason(self.language, &e.reason);
                    if e.column.is_empty() {
                        reason
                    } else {
                        format!("{}: {reason}", e.column)
                    }
                })
                .collect();
            let mut record = vec![reasons.join("; ")];
            match cells.get(&number) {
                Some(c) => record.extend(c.iter().cloned()),
                None => record.push(format!("row {number}")),
            }
            record.resize(record.len().max(self.width + 1), String::new());
            written = csv.write_record(&record);
            if written.is_err() {
                break;
            }
        }
        if let Err(e) = written {
            tracing::warn!(error = %e, "the errors file could not be written to its end");
            self.csv = None;
        }
    }

    fn finish(&mut self) {
        if let Some(Err(e)) = self.csv.as_mut().map(csv::Writer::flush) {
            tracing::warn!(error = %e, "the errors file could not be written to its end");
        }
    }
}
