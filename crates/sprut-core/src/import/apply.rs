//! Applying parsed rows to the base: the [`ImportStore`] use case and what it reports.

use super::{FileError, ImportEntity, ImportRecord, Mapping, RowError};
use crate::error::CoreResult;
use crate::store::prelude::*;
use crate::Actor;
use serde::Serialize;
use std::collections::BTreeMap;
use std::future::Future;
use time::Date;

/// Rows applied per statement group: big enough for multi-row statements to pay off, small
/// enough that a batch's records and lookups stay a few megabytes whatever the file's size.
pub const BATCH_ROWS: usize = 5_000;

/// Row errors an outcome lists at most; the rest are counted, and all go to
/// [`ImportBatches::spill`] (the errors file).
pub const REPORTED_ERRORS: usize = 1_000;

/// How to apply an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOptions {
    /// What the file holds.
    pub entity: ImportEntity,
    /// Whose ids the file's record ids are (the preset's name): external ids are kept per source.
    pub source: String,
    /// The file's name, for the audit log.
    pub file_name: String,
    /// Report what would happen and change nothing.
    pub dry_run: bool,
    /// Load the good rows even when some are bad (default: all or nothing).
    pub partial: bool,
    /// Create an employee (inactive, never signing in) for an unknown holder or owner instead
    /// of refusing the row.
    pub create_employees: bool,
    /// The business date of the import: opened dates of deals that lack one, assignment starts.
    pub today: Date,
    /// The source column(s) of each sprut field, to name them in row errors.
    pub columns: BTreeMap<String, String>,
}

impl ImportOptions {
    /// Options for a file mapped by `mapping`, everything else off.
    pub fn new(mapping: &Mapping, source: &str, file_name: &str, today: Date) -> Self {
        let mut columns = BTreeMap::new();
        for (column, field) in mapping.pairs() {
            columns
                .entry(field.to_string())
                .and_modify(|c: &mut String| {
                    c.push_str(" + ");
                    c.push_str(column)
                })
                .or_insert_with(|| column.to_string());
        }
        Self {
            entity: mapping.entity(),
            source: source.to_string(),
            file_name: file_name.to_string(),
            dry_run: false,
            partial: false,
            create_employees: false,
            today,
            columns,
        }
    }

    /// A row error about `field` of row `row`, naming its source column (or its `_id` twin's).
    pub fn row_error(&self, row: u64, field: &str, reason: impl Into<super::RowReason>) -> RowError {
        RowError {
            row,
            column: self
                .columns
                .get(field)
                .or_else(|| self.columns.get(&format!("{field}_id")))
                .cloned()
                .unwrap_or_default(),
            field: field.to_string(),
            reason: reason.into(),
        }
    }
}

/// Rows read and parsed: the good records with their row numbers, and the bad rows' errors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportBatch {
    /// Data rows read, good and bad.
    pub rows: u64,
    /// Records to apply, each with its row number.
    pub records: Vec<(u64, ImportRecord)>,
    /// Problems found while reading and parsing.
    pub errors: Vec<RowError>,
    /// Cells kept as written though they did not read as expected (the rows are imported).
    pub warnings: Vec<RowError>,
    /// Canary rows of sprut's own exports found and left out.
    pub canaries: u64,
    /// Rows that repeat an earlier row of the file (reported among the errors).
    pub duplicates: u64,
    /// Deals whose opening date is unknown (created after they closed).
    pub openings_unknown: u64,
}

/// Where an import's rows come from, a batch at a time (a file being read, in the server).
/// No two records of one import share an external id (see [`crate::import::DuplicateTracker`]):
/// the store relies on it.
pub trait ImportBatches: Send {
    /// The next batch of at most [`BATCH_ROWS`] rows, `None` at the end, or why the file
    /// cannot be read further.
    fn next_batch(&mut self) -> Result<Option<ImportBatch>, FileError>;

    /// Hears every row error of the import, a batch's worth at a time in row order, for an
    /// errors file that holds them all (the outcome lists only the first ones).
    fn spill(&mut self, _errors: &[RowError]) {}
}

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    /// Data rows read.
    pub rows: u64,
    /// Records created.
    pub created: u64,
    /// Records changed.
    pub updated: u64,
    /// Records already in the base as the file has them.
    pub skipped: u64,
    /// Employees created for unknown holders and owners.
    pub employees_created: u64,
    /// Assignments inferred from a current owner.
    pub inferred: u64,
    /// The first [`REPORTED_ERRORS`] row errors, by row and column.
    pub errors: Vec<RowError>,
    /// Row errors in all, listed or not.
    pub errors_total: u64,
    /// Rows that repeat an earlier row of the file (same id, ИНН, e-mail or matching key):
    /// reported among the errors, never merged.
    pub duplicates: u64,
    /// The first [`REPORTED_ERRORS`] cells kept as written though they did not read as
    /// expected: a phone that is not a number, an e-mail column's value that is not an address.
    pub warnings: Vec<RowError>,
    /// Warnings in all, listed or not.
    pub warnings_total: u64,
    /// Canary rows of sprut's own exports left out (the file is an export of this base).
    pub canaries_skipped: u64,
    /// Deals whose record was created after they closed (migrated): they open on their close
    /// date and stay out of the sales-cycle sample.
    pub openings_unknown: u64,
    /// The file's columns kept as extra fields of the records (no field matches them).
    pub extra_columns: Vec<String>,
    /// The file could not be read to its end: nothing was imported.
    pub file_error: Option<FileError>,
    /// Whether the changes were saved (false for a dry run and for a refused all-or-nothing run).
    pub committed: bool,
}

impl ImportOutcome {
    /// Counts `errors` (one batch's, or the file's last ones), listing them while there is room.
    pub fn add_errors(&mut self, errors: Vec<RowError>) {
        self.errors_total += errors.len() as u64;
        let room = REPORTED_ERRORS.saturating_sub(self.errors.len());
        self.errors.extend(errors.into_iter().take(room));
    }

    /// Counts `warnings`, listing them while there is room.
    pub fn add_warnings(&mut self, warnings: Vec<RowError>) {
        self.warnings_total += warnings.len() as u64;
        let room = REPORTED_ERRORS.saturating_sub(self.warnings.len());
        self.warnings.extend(warnings.into_iter().take(room));
    }

    /// Row errors not listed in `errors`.
    pub fn errors_unlisted(&self) -> u64 {
        self.errors_total - self.errors.len() as u64
    }
}

/// The import use case.
pub trait ImportStore: Store {
    /// Applies every batch from `batches` in one transaction: upserts records by external id
    /// (clients also by legal id, then normalised name), resolves their references, infers
    /// assignments from current owners, and records one audit event. The transaction commits
    /// unless this is a dry run, the file cannot be read to its end, or a row is bad and the
    /// import is not partial.
    fn import<B: ImportBatches>(
        &self,
        actor: &Actor,
        options: &ImportOptions,
        batches: &mut B,
    ) -> impl Future<Output = CoreResult<ImportOutcome>> + Send;
}
