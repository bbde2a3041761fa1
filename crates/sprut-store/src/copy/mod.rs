//! `sprut db copy`: the whole base from one engine to the other, table by table in one
//! transaction on the target, verified by row counts and checksums of every table.
//!
//! Column types come from PostgreSQL's catalogue (the copy's one PostgreSQL side), so each
//! value is read and written as the Rust type the store itself uses: a SQLite copy stores
//! exactly what sprut would have written there.

pub mod schema;

use crate::bulk::{exec_with, insert_rows, Val};
use crate::engine::Pools;
use crate::id::DbId;
use crate::sql::{q_all, q_exec, q_scalar, Conn};
use crate::Db;
use schema::{LATER, SEEDED, TABLES};
use sprut_core::Conflict;
use sprut_core::CoreError;
use sqlx::Row;
use std::hash::{DefaultHasher, Hash, Hasher};
use time::{Date, OffsetDateTime};

/// How a column's values are read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A UUID.
    Id,
    /// Text.
    Text,
    /// A 64-bit integer.
    Int,
    /// A 32-bit integer.
    Int4,
    /// A boolean.
    Bool,
    /// A calendar date.
    Date,
    /// A UTC timestamp.
    Ts,
}

/// Every table's columns and their kinds, in table order.
#[derive(Debug, Clone)]
pub struct Columns(Vec<(&'static str, Vec<(String, Kind)>)>);

/// One table's row count and checksum (order-independent, over values as the store reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCheck {
    /// The table.
    pub table: &'static str,
    /// Its rows.
    pub rows: i64,
    /// A sum of per-row hashes.
    pub checksum: u64,
}

const PAGE: i64 = 5_000;

impl Db {
    /// The columns of every table, read from this PostgreSQL database's catalogue.
    pub async fn columns(&self) -> Result<Columns, CoreError> {
        let Pools::Pg(pool) = &self.pools else {
            return Err(CoreError::storage("column types are read from the PostgreSQL side of a copy"));
        };
        let mut conn = pool.acquire().await.map_err(crate::engine::storage)?;
        let mut out = Vec::new();
        for t in TABLES {
            let cols: Vec<(String, String)> = q_all!(
                Conn::Pg(&mut conn),
                (String, String),
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                *t
            )?;
            if cols.is_empty() {
                return Err(CoreError::storage(format!("table {t} is missing; migrate the database first")));
            }
            let cols = cols
                .into_iter()
                .map(|(name, ty)| {
                    let kind = match ty.as_str() {
                        "uuid" => Kind::Id,
                        "text" | "character varying" => Kind::Text,
                        "bigint" => Kind::Int,
                        "integer" | "smallint" => Kind::Int4,
                        "boolean" => Kind::Bool,
                        "date" => Kind::Date,
                        "timestamp with time zone" => Kind::Ts,
                        other => {
                            return Err(CoreError::storage(format!("{t}.{name}: cannot copy a column of type {other}")))
                        }
                    };
                    Ok((name, kind))
                })
                .collect::<Result<_, _>>()?;
            out.push((*t, cols));
        }
        Ok(Columns(out))
    }

    /// Copies every table of this base into `target`, which must be migrated and empty, in one
    /// transaction; then checks that both sides have the same rows and checksums per table.
    pub async fn copy_to(&self, target: &Db) -> Result<Vec<TableCheck>, CoreError> {
        let columns = match (self.engine(), target.engine()) {
            (crate::Engine::Postgres, crate::Engine::Sqlite) => self.columns().await?,
            (crate::Engine::Sqlite, crate::Engine::Postgres) => target.columns().await?,
            _ => {
                return Err(CoreError::storage(
                    "db copy goes from SQLite to PostgreSQL or back; to copy within one engine use its own backup",
                ))
            }
        };
        for (table, n) in target.counts().await? {
            if n > 0 && !SEEDED.contains(&table) {
                return Err(CoreError::Conflict(Conflict::TargetNotEmpty { table: table.to_string(), rows: n }));
            }
        }
        let mut source = self.read().await?;
        let mut tx = target.write().await?;
        let mut delayed = Vec::new();
        for (table, cols) in &columns.0 {
            if SEEDED.contains(table) {
                q_exec!(tx.conn(), &format!("DELETE FROM {table}"))?;
            }
            let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
            let later: Vec<usize> =
                names.iter().enumerate().filter(|(_, n)| LATER.contains(&(*table, **n))).map(|(i, _)| i).collect();
            let mut offset = 0;
            loop {
                let rows = read_page(source.conn(), table, cols, offset).await?;
                let n = rows.len() as i64;
                let rows: Vec<Vec<Val>> = rows
                    .into_iter()
                    .map(|mut r| {
                        for &i in &later {
                            let v = std::mem::replace(&mut r[i], Val::Id(None));
                            if !matches!(v, Val::Id(None)) {
                                let sql = format!("UPDATE {table} SET {} = $1 WHERE {} = $2", names[i], names[0]);
                                delayed.push((sql, v, r[0].clone()));
                            }
                        }
                        r
                    })
                    .collect();
                insert_rows(tx.conn(), table, &names, rows, "")
                    .await
                    .map_err(|e| CoreError::storage(format!("copying {table}: {e}")))?;
                offset += n;
                if n < PAGE {
                    break;
                }
            }
        }
        for (sql, v, key) in delayed {
            exec_with(tx.conn(), &sql, vec![v, key]).await?;
        }
        tx.commit().await?;
        drop(source);
        let from = self.checksums(&columns).await?;
        let to = target.checksums(&columns).await?;
        for (a, b) in from.iter().zip(&to) {
            if a != b {
                return Err(CoreError::storage(format!(
                    "the copy of {} differs: {} rows (checksum {:016x}) in the source, {} ({:016x}) in the target",
                    a.table, a.rows, a.checksum, b.rows, b.checksum
                )));
            }
        }
        Ok(to)
    }

    /// Row counts and checksums of every table, reading columns as `columns` says.
    pub async fn checksums(&self, columns: &Columns) -> Result<Vec<TableCheck>, CoreError> {
        let mut conn = self.read().await?;
        let mut out = Vec::new();
        for (table, cols) in &columns.0 {
            let (mut rows, mut sum) = (0i64, 0u64);
            loop {
                let page = read_page(conn.conn(), table, cols, rows).await?;
                let n = page.len() as i64;
                for r in page {
                    let mut h = DefaultHasher::new();
                    for v in &r {
                        canonical(v).hash(&mut h);
                    }
                    sum = sum.wrapping_add(h.finish());
                }
                rows += n;
                if n < PAGE {
                    break;
                }
            }
            let counted = q_scalar!(conn.conn(), i64, &format!("SELECT COUNT(*) FROM {table}"))?;
            if counted != rows {
                return Err(CoreError::storage(format!("{table} changed while being read")));
            }
            out.push(TableCheck { table, rows, checksum: sum });
        }
        Ok(out)
    }
}

/// A value as text both engines agree on (timestamps to the microsecond PostgreSQL keeps).
fn canonical(v: &Val) -> String {
    match v {
        Val::Text(x) => x.as_ref().map_or("\0".into(), |s| format!("t{s}")),
        Val::Int(x) => x.map_or("\0".into(), |n| format!("i{n}")),
        Val::Bool(b) => format!("b{b}"),
        Val::Date(x) => x.map_or("\0".into(), |d| format!("d{d}")),
        Val::Ts(x) => x.map_or("\0".into(), |t| format!("s{}", t.unix_timestamp_nanos() / 1000)),
        Val::Id(x) => x.map_or("\0".into(), |id| format!("u{}", id.0)),
    }
}

/// One page of a table's rows, in the engine's physical order.
async fn read_page(
    conn: Conn<'_>,
    table: &str,
    cols: &[(String, Kind)],
    offset: i64,
) -> Result<Vec<Vec<Val>>, CoreError> {
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    // import_ids is a WITHOUT ROWID table on SQLite (migration 0006): its key is its order.
    let order = match (&conn, table) {
        (Conn::Pg(_), _) => "ctid",
        (_, "import_ids") => "source, entity, external_id",
        _ => "rowid",
    };
    let sql = format!("SELECT {} FROM {table} ORDER BY {order} LIMIT {PAGE} OFFSET {offset}", names.join(", "));
    macro_rules! values {
        ($rows:expr) => {{
            let mut out = Vec::with_capacity($rows.len());
            for row in $rows {
                let mut vals = Vec::with_capacity(cols.len());
                for (i, (_, kind)) in cols.iter().enumerate() {
                    vals.push(match kind {
                        Kind::Id => Val::Id(row.try_get::<Option<DbId>, _>(i).map_err(crate::sql::db_err)?),
                        Kind::Text => Val::from(row.try_get::<Option<String>, _>(i).map_err(crate::sql::db_err)?),
                        Kind::Int => Val::Int(row.try_get::<Option<i64>, _>(i).map_err(crate::sql::db_err)?),
                        Kind::Int4 => {
                            Val::Int(row.try_get::<Option<i32>, _>(i).map_err(crate::sql::db_err)?.map(i64::from))
                        }
                        Kind::Bool => Val::Bool(row.try_get::<bool, _>(i).map_err(crate::sql::db_err)?),
                        Kind::Date => Val::Date(row.try_get::<Option<Date>, _>(i).map_err(crate::sql::db_err)?),
                        Kind::Ts => Val::Ts(row.try_get::<Option<OffsetDateTime>, _>(i).map_err(crate::sql::db_err)?),
                    });
                }
                out.push(vals);
            }
            out
        }};
    }
    Ok(match conn {
        Conn::Sqlite(c) => {
            let rows = sqlx::query(&sql).fetch_all(&mut *c).await.map_err(crate::sql::db_err)?;
            values!(rows)
        }
        Conn::Pg(c) => {
            let rows = sqlx::query(&sql).fetch_all(&mut *c).await.map_err(crate::sql::db_err)?;
            values!(rows)
        }
    })
}

/// Column kinds by table, for callers that print them.
impl Columns {
    /// The columns of `table`.
    pub fn of(&self, table: &str) -> Option<&[(String, Kind)]> {
        self.0.iter().find(|(t, _)| *t == table).map(|(_, c)| c.as_slice())
    }
}
