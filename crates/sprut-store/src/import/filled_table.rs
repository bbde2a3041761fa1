//! The table an import fills, as it was when the import started: whether it was empty, and on
//! SQLite its secondary indexes, set aside while the import fills it from empty and built once
//! at the end, so that millions of rows go in without a random write into an index larger than
//! the page cache for each of them. On PostgreSQL dropping an index locks its table for the
//! whole import, so there nothing is set aside.

use crate::sql::{q_all, q_exec, q_scalar, Conn, Tx};
use sprut_core::CoreError;

/// The filled table's state at the start, and the `CREATE INDEX` statements to run again.
#[derive(Debug, Default)]
pub(crate) struct FilledTable {
    was_empty: bool,
    sqls: Vec<String>,
}

impl FilledTable {
    /// Looks at `table` and, when it is an SQLite table without a row, drops its non-unique
    /// indexes and remembers how to build them again.
    pub(crate) async fn start(tx: &mut Tx, table: &str) -> Result<Self, CoreError> {
        let filled = q_scalar!(tx.conn(), bool, &format!("SELECT EXISTS (SELECT 1 FROM {table})"))?;
        if filled || !matches!(tx.conn(), Conn::Sqlite(_)) {
            return Ok(Self { was_empty: !filled, sqls: Vec::new() });
        }
        // Unique indexes keep enforcing their rule during the import; automatic ones have no SQL.
        let indexes = q_all!(
            tx.conn(),
            (String, String),
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL \
             AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
            table
        )?;
        let mut sqls = Vec::with_capacity(indexes.len());
        for (name, sql) in indexes {
            q_exec!(tx.conn(), &format!("DROP INDEX \"{name}\""))?;
            sqls.push(sql);
        }
        Ok(Self { was_empty: true, sqls })
    }

    /// Whether the table held no row when the import started: its rows then match nothing
    /// that was there before, only what this import wrote.
    pub(crate) fn was_empty(&self) -> bool {
        self.was_empty
    }

    /// Builds the indexes set aside again (before anything reads the table through them).
    pub(crate) async fn restore(&mut self, tx: &mut Tx) -> Result<(), CoreError> {
        for sql in std::mem::take(&mut self.sqls) {
            q_exec!(tx.conn(), &sql)?;
        }
        Ok(())
    }
}
