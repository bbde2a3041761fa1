//! A batch's records, built and not yet written, so that they can be written while the next
//! batch is built.

use super::keys;
use crate::bulk::{insert_rows, update_values, Insert, Val};
use crate::id::DbId;
use crate::sql::Tx;
use sprut_core::import::ImportEntity;
use sprut_core::CoreError;
use time::OffsetDateTime;

/// The changed records, the new ones and the source's ids of the new ones, as rows.
pub(crate) struct Writes {
    table: &'static str,
    cols: &'static [&'static str],
    updates: Vec<Vec<Val>>,
    new: Vec<Vec<Val>>,
    source: String,
    entity: ImportEntity,
    remember: Vec<(String, DbId)>,
    now: OffsetDateTime,
}

impl Writes {
    /// The rows of `updates` and `new`, and the ids `remember` the source calls new ones by.
    pub(crate) fn of<T: Insert>(
        updates: &[T],
        new: &[T],
        source: &str,
        entity: ImportEntity,
        remember: Vec<(String, DbId)>,
        now: OffsetDateTime,
    ) -> Self {
        Self {
            table: T::TABLE,
            cols: T::COLS,
            updates: updates.iter().map(Insert::values).collect(),
            new: new.iter().map(Insert::values).collect(),
            source: source.to_string(),
            entity,
            remember,
            now,
        }
    }

    /// Writes them: the changes, the new records, then their ids.
    pub(crate) async fn write(self, tx: &mut Tx) -> Result<(), CoreError> {
        for vals in self.updates {
            update_values(tx.conn(), self.table, self.cols, vals).await?;
        }
        insert_rows(tx.conn(), self.table, self.cols, self.new, "").await?;
        keys::remember(tx, &self.source, self.entity, self.remember, self.now).await
    }
}
