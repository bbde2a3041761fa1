//! A batch's records, built and not yet written, so that they can be written while the next
//! batch is built.

use super::keys;
use crate::bound::Bound;
use crate::bulk::{update_values, Insert, Val};
use crate::id::DbId;
use crate::sql::{Dialect, Tx};
use sprut_core::import::ImportEntity;
use sprut_core::CoreError;
use time::OffsetDateTime;

/// The changed records as rows, and the inserts of the new ones and of the source's ids of
/// the new ones, bound: the engine writes a batch's new rows in one call.
pub(crate) struct Writes {
    table: &'static str,
    cols: &'static [&'static str],
    updates: Vec<Vec<Val>>,
    inserts: Bound,
}

impl Writes {
    /// The rows of `updates` and `new`, and the ids `remember` the source calls new ones by.
    pub(crate) fn of<T: Insert>(
        dialect: Dialect,
        updates: &[T],
        new: &[T],
        source: &str,
        entity: ImportEntity,
        remember: Vec<(String, DbId)>,
        now: OffsetDateTime,
    ) -> Result<Self, CoreError> {
        let mut inserts = Bound::new(dialect);
        inserts.insert(T::TABLE, T::COLS, new.iter().map(Insert::values).collect(), "")?;
        keys::remembered(&mut inserts, source, entity, remember, now)?;
        Ok(Self { table: T::TABLE, cols: T::COLS, updates: updates.iter().map(Insert::values).collect(), inserts })
    }

    /// Writes them: the changes, the new records, then their ids.
    pub(crate) async fn write(self, tx: &mut Tx) -> Result<(), CoreError> {
        for vals in self.updates {
            update_values(tx.conn(), self.table, self.cols, vals).await?;
        }
        self.inserts.run(tx.conn()).await
    }
}

/// `last` written now when `wait` (the next batch's lookups may need them), else kept to be
/// written while that batch is built.
pub(crate) async fn settle(tx: &mut Tx, last: Option<Writes>, wait: bool) -> Result<Option<Writes>, CoreError> {
    match last {
        Some(w) if wait => {
            w.write(tx).await?;
            Ok(None)
        }
        other => Ok(other),
    }
}

/// Runs `build` while `last` is written; answers what `build` built.
pub(crate) async fn while_writing(
    tx: &mut Tx,
    last: Option<Writes>,
    build: impl std::future::Future<Output = Result<Writes, CoreError>>,
) -> Result<Writes, CoreError> {
    match last {
        Some(w) => {
            let (written, built) = tokio::join!(w.write(tx), build);
            written?;
            built
        }
        None => build.await,
    }
}
