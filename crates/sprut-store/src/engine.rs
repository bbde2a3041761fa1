//! Connecting to an engine and running migrations.

use sprut_core::CoreError;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// Which database engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

pub(crate) enum Pools {
    Sqlite { write: SqlitePool, read: SqlitePool },
    Pg(PgPool),
}

/// The client base in a database.
pub struct Db {
    pub(crate) pools: Pools,
}

impl Db {
    /// Connects to `url` (`sqlite://FILE` or `postgres://...`) and applies pending migrations.
    pub async fn open(url: &str) -> Result<Db, CoreError> {
        let db = Self::connect(url).await?;
        db.migrate().await?;
        db.chain_unchained().await?;
        Ok(db)
    }

    /// Connects to `url` without migrating.
    pub async fn connect(url: &str) -> Result<Db, CoreError> {
        let pools = if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| CoreError::Storage(format!("bad SQLite URL {url}: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true);
            let memory = url.contains(":memory:") || url.contains("mode=memory");
            let write =
                SqlitePoolOptions::new().max_connections(1).connect_with(opts.clone()).await.map_err(storage)?;
            let read = if memory {
                write.clone()
            } else {
                SqlitePoolOptions::new().max_connections(8).connect_with(opts).await.map_err(storage)?
            };
            Pools::Sqlite { write, read }
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .map_err(storage)?;
            Pools::Pg(pool)
        } else {
            return Err(CoreError::Storage(format!(
                "unsupported database URL '{url}': use sqlite://FILE or postgres://USER@HOST/DB"
            )));
        };
        Ok(Db { pools })
    }

    /// Applies the migrations this build knows and the database lacks.
    pub async fn migrate(&self) -> Result<(), CoreError> {
        match &self.pools {
            Pools::Sqlite { write, .. } => sqlx::migrate!("./migrations/sqlite").run(write).await,
            Pools::Pg(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await,
        }
        .map_err(|e| CoreError::Storage(format!("migration failed: {e}")))
    }

    /// The engine this store runs on.
    pub fn engine(&self) -> Engine {
        match self.pools {
            Pools::Sqlite { .. } => Engine::Sqlite,
            Pools::Pg(_) => Engine::Postgres,
        }
    }

    /// Closes every connection.
    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite { write, read } => {
                write.close().await;
                read.close().await;
            }
            Pools::Pg(p) => p.close().await,
        }
    }
}

pub(crate) fn storage(e: sqlx::Error) -> CoreError {
    CoreError::Storage(e.to_string())
}

pub use crate::copy::schema::TABLES;

impl Db {
    /// Runs one SQL statement as it is, outside the use cases: for maintenance and for tests
    /// that must damage the database on purpose (e.g. to prove tampering is detected).
    pub async fn execute_raw(&self, sql: &str) -> Result<u64, CoreError> {
        let mut tx = self.write().await?;
        let n = crate::sql::q_exec!(tx.conn(), sql)?;
        tx.commit().await?;
        Ok(n)
    }

    /// Row counts of every table, in [`TABLES`] order.
    pub async fn counts(&self) -> Result<Vec<(&'static str, i64)>, CoreError> {
        let mut r = self.read().await?;
        let mut out = Vec::with_capacity(TABLES.len());
        for t in TABLES {
            let n = crate::sql::q_scalar!(r.conn(), i64, &format!("SELECT COUNT(*) FROM {t}"))?;
            out.push((*t, n));
        }
        Ok(out)
    }
}
