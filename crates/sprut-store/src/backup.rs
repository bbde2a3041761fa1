//! A consistent copy of a SQLite base while it serves: `VACUUM INTO` writes the database as
//! one read transaction sees it, so writes during the backup are either wholly in it or not.

use crate::engine::{storage, Pools};
use crate::Db;
use sprut_core::Conflict;
use sprut_core::CoreError;
use sprut_core::Reason;
use std::path::Path;

impl Db {
    /// Writes a consistent copy of this SQLite base to `to` (a new file). PostgreSQL bases are
    /// backed up with `pg_dump` instead: this answers an error saying so.
    pub async fn backup_sqlite(&self, to: &Path) -> Result<(), CoreError> {
        let Pools::Sqlite { read, .. } = &self.pools else {
            return Err(CoreError::storage("a PostgreSQL base is backed up with pg_dump"));
        };
        if to.exists() {
            return Err(CoreError::Conflict(Conflict::FileExists { path: to.display().to_string() }));
        }
        let target = to.to_str().ok_or_else(|| {
            CoreError::field("to", Reason::Malformed { detail: "the path is not valid UTF-8".into() })
        })?;
        sqlx::query("VACUUM INTO $1").bind(target).execute(read).await.map_err(storage)?;
        Ok(())
    }
}
