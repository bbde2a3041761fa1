//! Running one SQL text on either engine: transactions, connections, and the
//! `q_*!` macros that bind the same arguments for SQLite and PostgreSQL.

use crate::engine::{storage, Db, Pools};
use sprut_core::Conflict;
use sprut_core::CoreError;
use sqlx::pool::PoolConnection;
use sqlx::{PgConnection, Postgres, Sqlite, SqliteConnection};

/// A connection of either engine, borrowed for one statement.
pub(crate) enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Pg(&'c mut PgConnection),
}

/// A write transaction. SQLite ones start `BEGIN IMMEDIATE` on the single writer connection.
pub(crate) enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Pg(sqlx::Transaction<'static, Postgres>),
}

/// A pooled connection for reads.
pub(crate) enum Reader {
    Sqlite(PoolConnection<Sqlite>),
    Pg(PoolConnection<Postgres>),
}

/// Which engine a statement is written for, where the two plan the same SQL differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Pg,
}

/// `INDEXED BY index` on SQLite, nothing on PostgreSQL: for the few reads where SQLite's
/// planner cannot tell a small partial index from a large one with the same first column (a
/// contract test runs each on SQLite, so a renamed index fails there, not in production).
pub(crate) fn sqlite_index(d: Dialect, index: &str) -> String {
    match d {
        Dialect::Sqlite => format!("INDEXED BY {index}"),
        Dialect::Pg => String::new(),
    }
}

impl Db {
    /// The engine of this database.
    pub(crate) fn dialect(&self) -> Dialect {
        match self.pools {
            Pools::Sqlite { .. } => Dialect::Sqlite,
            Pools::Pg(_) => Dialect::Pg,
        }
    }
}

impl Conn<'_> {
    /// The engine of this connection.
    pub(crate) fn dialect(&self) -> Dialect {
        match self {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Pg(_) => Dialect::Pg,
        }
    }

    /// The same connection for one more statement.
    pub(crate) fn reborrow(&mut self) -> Conn<'_> {
        match self {
            Conn::Sqlite(c) => Conn::Sqlite(c),
            Conn::Pg(c) => Conn::Pg(c),
        }
    }
}

impl Tx {
    pub(crate) fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(t) => Conn::Sqlite(&mut *t),
            Tx::Pg(t) => Conn::Pg(&mut *t),
        }
    }

    /// Commits, after planning again the touches of the holdings its changes made stale.
    pub(crate) async fn commit(mut self) -> Result<(), CoreError> {
        crate::holding_plan::replan_stale(&mut self).await?;
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Pg(t) => t.commit().await,
        }
        .map_err(storage)
    }

    /// Rolls back now, releasing locks at once rather than when the pool next uses the
    /// connection.
    pub(crate) async fn rollback(self) -> Result<(), CoreError> {
        match self {
            Tx::Sqlite(t) => t.rollback().await,
            Tx::Pg(t) => t.rollback().await,
        }
        .map_err(storage)
    }
}

impl Reader {
    pub(crate) fn conn(&mut self) -> Conn<'_> {
        match self {
            Reader::Sqlite(c) => Conn::Sqlite(&mut *c),
            Reader::Pg(c) => Conn::Pg(&mut *c),
        }
    }
}

impl Db {
    /// Starts a write transaction. Writers take turns on both engines: SQLite has one writer
    /// connection whose transactions start `BEGIN IMMEDIATE`; on PostgreSQL each write
    /// transaction first locks the audit log's head row, which every change appends to anyway.
    /// Taking it first, rather than at the first audit event, means two writers can never hold
    /// each other's rows (no deadlocks), and the hash chain never forks.
    pub(crate) async fn write(&self) -> Result<Tx, CoreError> {
        match &self.pools {
            Pools::Sqlite { write, .. } => write.begin_with("BEGIN IMMEDIATE").await.map(Tx::Sqlite).map_err(storage),
            Pools::Pg(p) => {
                let mut tx = p.begin().await.map_err(storage)?;
                sqlx::query("SELECT 1 FROM audit_head WHERE id = 1 FOR UPDATE")
                    .execute(&mut *tx)
                    .await
                    .map_err(storage)?;
                Ok(Tx::Pg(tx))
            }
        }
    }

    /// Takes a connection for reads.
    pub(crate) async fn read(&self) -> Result<Reader, CoreError> {
        match &self.pools {
            Pools::Sqlite { read, .. } => read.acquire().await.map(Reader::Sqlite),
            Pools::Pg(p) => p.acquire().await.map(Reader::Pg),
        }
        .map_err(storage)
    }
}

/// Maps a database error to the domain: unique violations become the conflicts of
/// [`crate::constraints::UNIQUE_RULES`], foreign-key and check violations conflicts users can
/// act on; anything else is a storage error that keeps the engine's error as its cause.
pub(crate) fn db_err(e: sqlx::Error) -> CoreError {
    if let sqlx::Error::Database(d) = &e {
        if d.is_unique_violation() {
            let conflict = crate::constraints::unique_conflict(d.constraint(), d.message());
            return CoreError::Conflict(conflict.unwrap_or(Conflict::Duplicate));
        }
        if d.is_foreign_key_violation() {
            return CoreError::Conflict(Conflict::MissingReference);
        }
        if d.is_check_violation() {
            return CoreError::Conflict(Conflict::BrokenRule { detail: d.message().to_string() });
        }
    }
    storage(e)
}

/// Binds the arguments to `$sql` on either engine and fetches all rows as `$row`.
macro_rules! q_all {
    ($conn:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::sql::Conn::Sqlite(c) => sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.fetch_all(c).await,
            $crate::sql::Conn::Pg(c) => sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.fetch_all(c).await,
        }.map_err($crate::sql::db_err)
    };
}

/// Like `q_all!` for at most one row.
macro_rules! q_opt {
    ($conn:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::sql::Conn::Sqlite(c) => sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.fetch_optional(c).await,
            $crate::sql::Conn::Pg(c) => sqlx::query_as::<_, $row>($sql)$(.bind($arg))*.fetch_optional(c).await,
        }.map_err($crate::sql::db_err)
    };
}

/// Runs a statement and returns the number of rows it affected.
macro_rules! q_exec {
    ($conn:expr, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::sql::Conn::Sqlite(c) => sqlx::query($sql)$(.bind($arg))*.execute(c).await.map(|r| r.rows_affected()),
            $crate::sql::Conn::Pg(c) => sqlx::query($sql)$(.bind($arg))*.execute(c).await.map(|r| r.rows_affected()),
        }.map_err($crate::sql::db_err)
    };
}

/// Fetches one scalar value.
macro_rules! q_scalar {
    ($conn:expr, $ty:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $conn {
            $crate::sql::Conn::Sqlite(c) => sqlx::query_scalar::<_, $ty>($sql)$(.bind($arg))*.fetch_one(c).await,
            $crate::sql::Conn::Pg(c) => sqlx::query_scalar::<_, $ty>($sql)$(.bind($arg))*.fetch_one(c).await,
        }.map_err($crate::sql::db_err)
    };
}

pub(crate) use {q_all, q_exec, q_opt, q_scalar};
