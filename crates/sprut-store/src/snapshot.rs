//! A throwaway copy of a whole database, for replaying rules on it without touching the original.

use crate::engine::{storage, Pools};
use crate::Db;
use sprut_core::CoreError;
use sqlx::Connection;

/// A copy of a database; [`Snapshot::discard`] removes it.
pub enum Snapshot {
    /// A copied SQLite file.
    Sqlite {
        /// The copy's path.
        path: std::path::PathBuf,
        /// URL of the copy.
        url: String,
    },
    /// A PostgreSQL schema holding a copy of every table, on the same database.
    Postgres {
        /// URL of the original database.
        source: String,
        /// The schema's name.
        schema: String,
        /// URL of the copy (the original with `search_path` set to the schema).
        url: String,
    },
}

impl Snapshot {
    /// Copies the database at `url` (open as `db`, which is closed). SQLite: `VACUUM INTO` a
    /// temporary file. PostgreSQL: every table copied into a new schema in one repeatable-read
    /// transaction, reached through `search_path`. Both are consistent while others write.
    pub async fn take(db: Db, url: &str) -> Result<Snapshot, CoreError> {
        match &db.pools {
            Pools::Sqlite { read, .. } => {
                let path = std::env::temp_dir().join(format!("sprut-copy-{}.db", uuid::Uuid::now_v7().simple()));
                let target = path.display().to_string().replace('\'', "''");
                let mut conn = read.acquire().await.map_err(storage)?;
                sqlx::query(&format!("VACUUM INTO '{target}'")).execute(&mut *conn).await.map_err(storage)?;
                drop(conn);
                db.close().await;
                let url = format!("sqlite://{}?mode=rw", path.display());
                Ok(Snapshot::Sqlite { path, url })
            }
            Pools::Pg(pool) => {
                let schema = format!("sprut_sim_{}", uuid::Uuid::now_v7().simple());
                let mut tx = pool.begin().await.map_err(storage)?;
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    .execute(&mut *tx)
                    .await
                    .map_err(storage)?;
                sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&mut *tx).await.map_err(storage)?;
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
                )
                .fetch_all(&mut *tx)
                .await
                .map_err(storage)?;
                for t in tables {
                    let copy = format!(
                        "CREATE TABLE {schema}.\"{t}\" (LIKE \"{t}\" INCLUDING ALL); \
                         INSERT INTO {schema}.\"{t}\" SELECT * FROM \"{t}\""
                    );
                    sqlx::raw_sql(&copy).execute(&mut *tx).await.map_err(storage)?;
                }
                tx.commit().await.map_err(storage)?;
                db.close().await;
                let sep = if url.contains('?') { '&' } else { '?' };
                let copy = format!("{url}{sep}options=-c%20search_path%3D{schema}");
                Ok(Snapshot::Postgres { source: url.to_string(), schema, url: copy })
            }
        }
    }

    /// URL of the copy.
    pub fn url(&self) -> &str {
        match self {
            Snapshot::Sqlite { url, .. } => url,
            Snapshot::Postgres { url, .. } => url,
        }
    }

    /// Removes the copy.
    pub async fn discard(self) -> Result<(), CoreError> {
        match self {
            Snapshot::Sqlite { path, .. } => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                Ok(())
            }
            Snapshot::Postgres { source, schema, .. } => {
                let mut conn = sqlx::PgConnection::connect(&source).await.map_err(storage)?;
                sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&mut conn).await.map_err(storage)?;
                conn.close().await.ok();
                Ok(())
            }
        }
    }
}
