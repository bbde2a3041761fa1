//! Throwaway PostgreSQL databases for tests and benchmarks.

use crate::engine::storage;
use sprut_core::CoreError;
use sqlx::Connection;

/// A new, empty database on a PostgreSQL server, dropped by [`ScratchDb::drop`].
pub struct ScratchDb {
    server_url: String,
    name: String,
    /// URL of the new database.
    pub url: String,
}

impl ScratchDb {
    /// Creates a uniquely named database on the server at `server_url`.
    pub async fn create(server_url: &str, prefix: &str) -> Result<ScratchDb, CoreError> {
        let name = format!("{prefix}_{}", uuid::Uuid::now_v7().simple());
        let mut admin = sqlx::PgConnection::connect(server_url).await.map_err(storage)?;
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.map_err(storage)?;
        admin.close().await.ok();
        Ok(ScratchDb { url: with_database(server_url, &name), server_url: server_url.into(), name })
    }

    /// Drops the database, closing whatever is still connected to it.
    pub async fn drop(self) -> Result<(), CoreError> {
        let mut admin = sqlx::PgConnection::connect(&self.server_url).await.map_err(storage)?;
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        sqlx::query(&sql).execute(&mut admin).await.map_err(storage)?;
        Ok(())
    }
}

/// `url` pointing at database `name` on the same server.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let host_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[host_start..].find('/').map(|i| i + host_start).unwrap_or(base.len());
    format!("{}/{}{}", &base[..host_end], name, query)
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn swaps_the_database_name() {
        assert_eq!(with_database("postgres://u@h:5432/test", "x"), "postgres://u@h:5432/x");
        assert_eq!(with_database("postgres://u@h/test?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
