//! Imports in the database: a whole file's batches applied in one transaction, records
//! upserted by their source's ids, references resolved, holdings inferred, one audit event.

mod clients;
mod employees;
mod filled_table;
mod inferred;
mod keys;
mod leads;
mod people;
mod pool;
mod records;
mod writes;

use crate::audit;
use crate::sql::Tx;
use crate::Db;
use people::People;
use sprut_core::error::CoreResult;
use sprut_core::import::{
    ImportBatches, ImportEntity, ImportOptions, ImportOutcome, ImportRecord, ImportStore, Ref, RowError,
};
use sprut_core::{Actor, ClientId, CoreError};
use std::future::Future;

impl ImportStore for Db {
    fn import<B: ImportBatches>(
        &self,
        actor: &Actor,
        options: &ImportOptions,
        batches: &mut B,
    ) -> impl Future<Output = CoreResult<ImportOutcome>> + Send {
        self.import_tx(actor, options, batches)
    }
}

/// One import under way: its options, the employees it can name, and the parents to link
/// once every client of the file is in.
pub(crate) struct Run<'a> {
    pub(crate) o: &'a ImportOptions,
    pub(crate) actor: &'a Actor,
    pub(crate) people: People,
    pub(crate) parents: Vec<(u64, ClientId, Ref)>,
    /// Employees and the managers their rows name, linked once every employee is in.
    pub(crate) managers: Vec<(u64, sprut_core::EmployeeId, sprut_core::import::PersonRef)>,
    pub(crate) out: ImportOutcome,
    /// Row errors found since the last [`Run::flush`].
    pub(crate) pending: Vec<RowError>,
    /// Per client, the row that decides its inferred holder, over the whole file.
    pub(crate) claims: std::collections::HashMap<ClientId, inferred::Claim>,
    /// Whether the source had no record of this entity before the import: its records then
    /// need no lookup by external id (the batches never repeat one).
    pub(crate) fresh: bool,
    /// The table the import fills, as it was at the start (its indexes set aside when empty).
    pub(crate) table: filled_table::FilledTable,
    /// The engine the import writes to.
    pub(crate) dialect: crate::sql::Dialect,
}

impl Run<'_> {
    /// Records a bad row.
    pub(crate) fn fail(&mut self, row: u64, field: &str, reason: impl Into<sprut_core::import::RowReason>) {
        let e = self.o.row_error(row, field, reason);
        self.pending.push(e);
    }

    /// Hands the errors found since the last flush, in row order, to the errors file and the
    /// outcome.
    fn flush(&mut self, batches: &mut impl ImportBatches) {
        let mut errors = std::mem::take(&mut self.pending);
        errors.sort_by_key(|e| e.row);
        batches.spill(&errors);
        self.out.add_errors(errors);
    }

    /// Records the fields of a refused record as bad.
    pub(crate) fn refuse(&mut self, row: u64, e: CoreError) -> Result<(), CoreError> {
        match e {
            CoreError::Validation(fields) => {
                for f in fields {
                    self.fail(row, &f.field, f.reason);
                }
                Ok(())
            }
            CoreError::Conflict(reason) => {
                self.fail(row, "", reason);
                Ok(())
            }
            other => Err(other),
        }
    }
}

impl Db {
    async fn import_tx<B: ImportBatches>(
        &self,
        actor: &Actor,
        o: &ImportOptions,
        batches: &mut B,
    ) -> Result<ImportOutcome, CoreError> {
        let mut tx = self.write().await?;
        if let crate::sql::Conn::Sqlite(c) = tx.conn() {
            // A big import touches far more pages than SQLite's default 2 MB cache holds (64 MB at most, allocated as used).
            sqlx::query("PRAGMA cache_size = -65536").execute(c).await.map_err(crate::sql::db_err)?;
        }
        let people = People::load(&mut tx, &o.source).await?;
        // Leads keep their ids among the clients and the contacts: always looked up.
        let fresh = o.entity != ImportEntity::Leads && !keys::any_external(&mut tx, &o.source, o.entity).await?;
        let table = match o.entity {
            ImportEntity::Clients => Some("clients"),
            ImportEntity::Contacts => Some("contacts"),
            ImportEntity::Deals => Some("deals"),
            ImportEntity::Activities => Some("activities"),
            ImportEntity::Receivables => Some("receivables"),
            // Employees are few; a lead fills two tables, both of them looked up as it goes.
            ImportEntity::Employees | ImportEntity::Leads => None,
        };
        let table = match table {
            Some(t) => filled_table::FilledTable::start(&mut tx, t).await?,
            None => filled_table::FilledTable::default(),
        };
        let mut run = Run {
            o,
            actor,
            people,
            parents: Vec::new(),
            managers: Vec::new(),
            out: ImportOutcome::default(),
            pending: Vec::new(),
            claims: Default::default(),
            fresh,
            table,
            dialect: self.dialect(),
        };
        // The writes of the last batch, done while the next one is built.
        let mut last = None;
        loop {
            match batches.next_batch() {
                Ok(Some(batch)) => {
                    run.out.rows += batch.rows;
                    run.out.canaries_skipped += batch.canaries;
                    run.out.duplicates += batch.duplicates;
                    run.out.openings_unknown += batch.openings_unknown;
                    run.pending.extend(batch.errors);
                    run.out.add_warnings(batch.warnings);
                    last = apply(&mut tx, &mut run, batch.records, last.take()).await?;
                    run.flush(batches);
                }
                Ok(None) => break,
                Err(e) => {
                    run.out.file_error = Some(e);
                    break;
                }
            }
        }
        if let Some(w) = last.take() {
            w.write(&mut tx).await?;
        }
        run.table.restore(&mut tx).await?;
        clients::link_parents(&mut tx, &mut run).await?;
        employees::link_managers(&mut tx, &mut run).await?;
        inferred::apply(&mut tx, &mut run).await?;
        run.flush(batches);
        let mut out = run.out;
        out.employees_created = run.people.created;
        let keep = !o.dry_run && out.file_error.is_none() && (o.partial || out.errors_total == 0);
        if keep {
            let details = serde_json::json!({
                "source": o.source, "entity": o.entity, "file": o.file_name, "partial": o.partial,
                "rows": out.rows, "created": out.created, "updated": out.updated, "skipped": out.skipped,
                "errors": out.errors_total, "duplicates": out.duplicates, "warnings": out.warnings_total, "canaries_skipped": out.canaries_skipped, "openings_unknown": out.openings_unknown, "employees_created": out.employees_created, "inferred": out.inferred,
            });
            audit::record(&mut tx, actor, "import.apply", "import", "", details).await?;
            crate::kept::move_all_in(tx.conn()).await?;
            tx.commit().await?;
            out.committed = true;
        } else {
            tx.rollback().await?;
        }
        Ok(out)
    }
}

/// A record's extra fields with a row's added: a column of this file replaces the same column
/// of an earlier import, the others stay, so a re-run changes nothing.
pub(crate) fn merged(before: &sprut_core::ExtraFields, row: &sprut_core::ExtraFields) -> sprut_core::ExtraFields {
    let mut out = before.clone();
    out.extend(row.iter().map(|(k, v)| (k.clone(), v.clone())));
    out
}

/// The records of one kind in a batch (a batch holds the import's entity only).
macro_rules! only {
    ($records:expr, $variant:ident) => {
        $records
            .into_iter()
            .filter_map(|(row, r)| match r {
                ImportRecord::$variant(x) => Some((row, x)),
                _ => None,
            })
            .collect()
    };
}

/// Applies one batch of records of the import's entity. Clients and the records kept under
/// them are looked up, then built while `last` (the previous batch's rows) is written, and their
/// own rows are answered to be written with the next batch (see [`clients::staged`] and
/// [`records::staged`]); employees and leads are written at once.
async fn apply(
    tx: &mut Tx,
    run: &mut Run<'_>,
    records: Vec<(u64, ImportRecord)>,
    last: Option<writes::Writes>,
) -> Result<Option<writes::Writes>, CoreError> {
    let built = match run.o.entity {
        ImportEntity::Clients => clients::staged(tx, run, only!(records, Client), last).await?,
        ImportEntity::Contacts => {
            let placed = records::pool_loose(tx, run, only!(records, Contact)).await?;
            records::staged(tx, run, placed, last).await?
        }
        ImportEntity::Deals => records::staged(tx, run, only!(records, Deal), last).await?,
        ImportEntity::Activities => records::staged(tx, run, only!(records, Activity), last).await?,
        ImportEntity::Receivables => records::staged(tx, run, only!(records, Receivable), last).await?,
        ImportEntity::Employees => {
            employees::apply(tx, run, only!(records, Employee)).await?;
            return Ok(None);
        }
        ImportEntity::Leads => {
            leads::apply(tx, run, only!(records, Lead)).await?;
            return Ok(None);
        }
    };
    Ok(Some(built))
}
