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
                .map_err(|e| CoreError::storage(format!("bad SQLite URL {}: {e}", redact_url(url))))?
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
                // Readers map the file (pages come from the OS cache without a copy per read) and
                // keep 16 MB of pages each: a head's pages seek into indexes of millions of rows.
                let opts = opts.pragma("mmap_size", "1073741824").pragma("cache_size", "-16384");
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
            return Err(CoreError::storage(format!(
                "unsupported database URL '{}': use sqlite://FILE or postgres://USER@HOST/DB",
                redact_url(url)
            )));
        };
        Ok(Db { pools })
    }

    /// Applies the migrations this build knows and the database lacks, then keeps what the
    /// holdings a migration left stale must keep (one write transaction, empty when none is).
    pub async fn migrate(&self) -> Result<(), CoreError> {
        match &self.pools {
            Pools::Sqlite { write, .. } => SQLITE_MIGRATIONS.run(write).await,
            Pools::Pg(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        }
        .map_err(|e| CoreError::storage(format!("migration failed: {e}")))?;
        self.write().await?.commit().await
    }

    /// A round trip to the database and where its schema stands against this build's.
    pub async fn health(&self) -> Result<Health, CoreError> {
        let known: Vec<i64> = match self.pools {
            Pools::Sqlite { .. } => &SQLITE_MIGRATIONS,
            Pools::Pg(_) => &POSTGRES_MIGRATIONS,
        }
        .iter()
        .map(|m| m.version)
        .collect();
        let mut r = self.read().await?;
        let applied: Vec<(i64, bool)> = crate::sql::q_all!(
            r.conn(),
            (i64, bool),
            "SELECT version, success FROM _sqlx_migrations ORDER BY version"
        )?;
        let done: Vec<i64> = applied.iter().filter(|(_, ok)| *ok).map(|(v, _)| *v).collect();
        Ok(Health {
            engine: self.engine(),
            schema_version: done.last().copied().unwrap_or(0),
            pending: known.iter().filter(|v| !done.contains(v)).count(),
            unknown: done.iter().filter(|v| !known.contains(v)).count(),
            failed: applied.len() - done.len(),
        })
    }

    /// Each connection pool's name, size and idle connections, for the metrics.
    pub fn pool_use(&self) -> Vec<(&'static str, u32, usize)> {
        match &self.pools {
            Pools::Sqlite { write, read } => {
                vec![("write", write.size(), write.num_idle()), ("read", read.size(), read.num_idle())]
            }
            Pools::Pg(p) => vec![("main", p.size(), p.num_idle())],
        }
    }

    /// Open alerts, and the last day each daily job ran with when it started, for the metrics.
    pub async fn operations(&self) -> Result<(i64, Vec<(String, time::OffsetDateTime)>), CoreError> {
        let mut r = self.read().await?;
        let open: i64 = crate::sql::q_scalar!(r.conn(), i64, "SELECT COUNT(*) FROM alerts WHERE status = 'open'")?;
        let jobs: Vec<(String, time::OffsetDateTime)> = crate::sql::q_all!(
            r.conn(),
            (String, time::OffsetDateTime),
            "SELECT j.job, j.started_at FROM job_runs j WHERE j.day = (SELECT MAX(k.day) FROM job_runs k WHERE k.job = j.job)"
        )?;
        Ok((open, jobs))
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
                // Everything into the main file and an empty log, whenever the last connection
                // actually closes (sqlx closes them in worker threads): a copy of the file is whole.
                if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(write).await {
                    tracing::warn!(error = %e, "the write-ahead log could not be checkpointed on close");
                }
                write.close().await;
                read.close().await;
            }
            Pools::Pg(p) => p.close().await,
        }
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Whether the database answers and its schema is the one this build expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Health {
    /// The engine.
    pub engine: Engine,
    /// The newest migration applied.
    pub schema_version: i64,
    /// Migrations of this build not applied yet (another server may be applying them).
    pub pending: usize,
    /// Migrations applied that this build does not know (a newer build migrated the base).
    pub unknown: usize,
    /// Migrations that started and did not finish.
    pub failed: usize,
}

impl Health {
    /// Whether this build may serve this database now.
    pub fn ready(&self) -> bool {
        self.pending == 0 && self.unknown == 0 && self.failed == 0
    }
}

/// `url` with its password, if any, replaced by `***`, to print in messages and logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => match rest[..at].split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

pub(crate) fn storage(e: sqlx::Error) -> CoreError {
    CoreError::storage_caused("the database", e)
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

    /// The names of `table`'s indexes, sorted (the engine's own ones for keys included).
    pub async fn indexes(&self, table: &str) -> Result<Vec<String>, CoreError> {
        let mut r = self.read().await?;
        let sql = match r.conn() {
            crate::sql::Conn::Sqlite(_) => {
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 ORDER BY name"
            }
            crate::sql::Conn::Pg(_) => {
                "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 \
                 ORDER BY indexname::text"
            }
        };
        let names = crate::sql::q_all!(r.conn(), (String,), sql, table)?;
        Ok(names.into_iter().map(|(n,)| n).collect())
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

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_are_never_printed() {
        assert_eq!(redact_url("postgres://sprut:s3cr%40t@db.local:5432/crm"), "postgres://sprut:***@db.local:5432/crm");
        assert_eq!(redact_url("postgres://sprut@db.local/crm"), "postgres://sprut@db.local/crm");
        assert_eq!(redact_url("sqlite:///var/lib/sprut/sprut.db"), "sqlite:///var/lib/sprut/sprut.db");
        assert_eq!(redact_url("postgres://u:p@h/d?sslmode=require"), "postgres://u:***@h/d?sslmode=require");
    }
}
