//! Statements with their values bound ahead of running them, so that an import binds one
//! batch while the engine writes the last; inserts bind a value every row shares once.

use crate::bulk::Val;
use crate::sql::{db_err, Conn, Dialect};
use sprut_core::CoreError;
use sqlx::postgres::PgArguments;
use sqlx::sqlite::SqliteArguments;
use sqlx::Arguments;
use std::fmt::Write;

/// Most rows in one statement (both engines allow at least 32,766 parameters).
const MAX_ROWS: usize = 5000;
/// Most values in one statement.
const MAX_PARAMS: usize = 30_000;
/// Most statements in one SQLite text kept prepared for the next call.
const MAX_KEPT_STATEMENTS: usize = 4;

/// Statements with their values bound, to be run later: built while the engine writes
/// something else, then handed to it at once. On SQLite they are one text run in one call
/// (their placeholders are plain `?`, counted across the statements); PostgreSQL's protocol
/// takes one statement with parameters at a time, so there they run one after another.
pub(crate) enum Bound {
    /// The statements' text, every value in order, and how many statements the text holds.
    Sqlite { sql: String, args: SqliteArguments<'static>, statements: usize },
    /// Each statement and its values.
    Pg(Vec<(String, PgArguments)>),
}

impl Bound {
    /// No statement yet, for an engine.
    pub(crate) fn new(dialect: Dialect) -> Self {
        match dialect {
            Dialect::Sqlite => Bound::Sqlite { sql: String::new(), args: SqliteArguments::default(), statements: 0 },
            Dialect::Pg => Bound::Pg(Vec::new()),
        }
    }

    /// Adds the inserts of `rows` (each `cols.len()` values) into `table`, in chunks, `suffix`
    /// appended to each statement. A column whose value is the same in every row (a status,
    /// the import's time, an empty list) is bound once per statement, not once a row: binding
    /// is most of what an engine does for a row besides writing it.
    pub(crate) fn insert(
        &mut self,
        table: &str,
        cols: &[&str],
        rows: Vec<Vec<Val>>,
        suffix: &str,
    ) -> Result<(), CoreError> {
        let same = same_in_every_row(&rows, cols.len());
        let varying = same.iter().filter(|s| !**s).count();
        let per_chunk = (MAX_PARAMS / varying.max(1)).clamp(1, MAX_ROWS);
        let numbered = matches!(self, Bound::Pg(_));
        let shape = Shape { table, cols, same: &same, suffix, numbered };
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<Vec<Val>> = rows.by_ref().take(per_chunk).collect();
            let sql = shape.sql(chunk.len());
            self.push(sql, shape.values(chunk))?;
        }
        Ok(())
    }

    /// Adds one statement and its values; on SQLite, `sql` may hold `$n` placeholders only when
    /// it is the one statement.
    pub(crate) fn push(&mut self, sql: String, vals: impl Iterator<Item = Val>) -> Result<(), CoreError> {
        macro_rules! add_all {
            ($args:expr) => {{
                for v in vals {
                    match v {
                        Val::Text(x) => $args.add(x),
                        Val::Int(x) => $args.add(x),
                        Val::Bool(x) => $args.add(x),
                        Val::Date(x) => $args.add(x),
                        Val::Ts(x) => $args.add(x),
                        Val::Id(x) => $args.add(x),
                    }
                    .map_err(|e| db_err(sqlx::Error::Encode(e)))?;
                }
            }};
        }
        match self {
            Bound::Sqlite { sql: text, args, statements } => {
                if !text.is_empty() {
                    text.push_str(";\n");
                }
                text.push_str(&sql);
                *statements += 1;
                add_all!(args);
            }
            Bound::Pg(list) => {
                let mut args = PgArguments::default();
                add_all!(args);
                list.push((sql, args));
            }
        }
        Ok(())
    }

    /// Runs the statements on `conn`, which must be of the engine they were bound for.
    pub(crate) async fn run(self, conn: Conn<'_>) -> Result<(), CoreError> {
        match (self, conn) {
            (Bound::Sqlite { sql, args, statements }, Conn::Sqlite(c)) => {
                // A batch of an import (a few statements, the same text batch after batch) is
                // kept prepared; a text of many is prepared for this once.
                let keep = statements <= MAX_KEPT_STATEMENTS;
                if statements > 0 {
                    sqlx::query_with(&sql, args).persistent(keep).execute(&mut *c).await.map_err(db_err)?;
                }
            }
            (Bound::Pg(list), Conn::Pg(c)) => {
                for (sql, args) in list {
                    sqlx::query_with(&sql, args).execute(&mut *c).await.map_err(db_err)?;
                }
            }
            _ => return Err(CoreError::storage("statements bound for one engine were run on the other")),
        }
        Ok(())
    }
}

/// Per column, whether every row of more than one holds the same value in it; at least one
/// column is left varying, so that the rows still have a `VALUES` list.
fn same_in_every_row(rows: &[Vec<Val>], width: usize) -> Vec<bool> {
    let mut same = vec![rows.len() > 1; width];
    if let Some((first, rest)) = rows.split_first() {
        for (c, s) in same.iter_mut().enumerate() {
            *s = *s && rest.iter().all(|r| r.get(c) == first.get(c));
        }
    }
    if same.iter().all(|s| *s) {
        if let Some(s) = same.first_mut() {
            *s = false;
        }
    }
    same
}

/// The statement of a chunk of rows: its table, its columns, which of them hold one value
/// for every row, and how placeholders are written.
struct Shape<'a> {
    table: &'a str,
    cols: &'a [&'a str],
    same: &'a [bool],
    suffix: &'a str,
    numbered: bool,
}

impl Shape<'_> {
    /// `INSERT INTO table (cols) VALUES ($1, ...), (...) suffix` for `n` rows; when some
    /// columns hold one value, `INSERT INTO table (cols) SELECT column1, $1, ... FROM (VALUES
    /// ($2, ...), ...) AS v WHERE true suffix` (the `WHERE` tells SQLite that an `ON CONFLICT`
    /// after it belongs to the `INSERT`). With `numbered` false the placeholders are plain `?`,
    /// because SQLite looks each `$n` name up in a list and a statement with thousands of them
    /// would take quadratic time to prepare.
    fn sql(&self, n: usize) -> String {
        let mut p = 0;
        let mut place = |sql: &mut String| {
            p += 1;
            if self.numbered {
                let _ = write!(sql, "${p}");
            } else {
                sql.push('?');
            }
        };
        let mut sql = format!("INSERT INTO {} ({}) ", self.table, self.cols.join(", "));
        let select = self.same.iter().any(|s| *s);
        if select {
            sql.push_str("SELECT ");
            let mut varying = 0;
            for (c, same) in self.same.iter().enumerate() {
                sql.push_str(if c == 0 { "" } else { ", " });
                if *same {
                    place(&mut sql);
                } else {
                    varying += 1;
                    let _ = write!(sql, "column{varying}");
                }
            }
            sql.push_str(" FROM (");
        }
        sql.push_str("VALUES ");
        let varying = self.same.iter().filter(|s| !**s).count();
        for r in 0..n {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..varying {
                sql.push_str(if c == 0 { "" } else { ", " });
                place(&mut sql);
            }
            sql.push(')');
        }
        if select {
            sql.push_str(") AS v WHERE true");
        }
        sql.push_str(self.suffix);
        sql
    }

    /// The values of `rows` in the order of the statement's placeholders: the first row's
    /// shared values, then each row's varying ones.
    fn values(&self, rows: Vec<Vec<Val>>) -> impl Iterator<Item = Val> + '_ {
        let shared: Vec<Val> = match rows.first() {
            Some(first) if self.same.iter().any(|s| *s) => {
                first.iter().zip(self.same).filter(|(_, s)| **s).map(|(v, _)| v.clone()).collect()
            }
            _ => Vec::new(),
        };
        let varying = rows.into_iter().flat_map(|r| r.into_iter().zip(self.same).filter(|(_, s)| !**s).map(|(v, _)| v));
        shared.into_iter().chain(varying)
    }
}

#[cfg(test)]
mod tests {
    use super::{same_in_every_row, Shape, Val};

    fn shape<'a>(cols: &'a [&'a str], same: &'a [bool], suffix: &'a str, numbered: bool) -> Shape<'a> {
        Shape { table: "t", cols, same, suffix, numbered }
    }

    #[test]
    fn numbers_every_placeholder() {
        let sql = shape(&["a", "b"], &[false, false], "", true).sql(2);
        assert_eq!(sql, "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
        assert_eq!(shape(&["a"], &[false], " X", false).sql(2), "INSERT INTO t (a) VALUES (?), (?) X");
    }

    #[test]
    fn binds_a_value_every_row_shares_once() {
        let rows =
            vec![vec![Val::from(1), Val::from("x"), Val::from(3)], vec![Val::from(2), Val::from("x"), Val::from(4)]];
        let same = same_in_every_row(&rows, 3);
        assert_eq!(same, [false, true, false]);
        let s = shape(&["a", "b", "c"], &same, " ON CONFLICT DO NOTHING", true);
        assert_eq!(
            s.sql(2),
            "INSERT INTO t (a, b, c) SELECT column1, $1, column2 FROM (VALUES ($2, $3), ($4, $5)) AS v WHERE true \
             ON CONFLICT DO NOTHING"
        );
        let flat: Vec<Val> = s.values(rows).collect();
        assert_eq!(flat, [Val::from("x"), Val::from(1), Val::from(3), Val::from(2), Val::from(4)]);
        // One row, or rows alike in everything, keep a column in the VALUES list.
        assert_eq!(same_in_every_row(&[vec![Val::from(1)]], 1), [false]);
        assert_eq!(same_in_every_row(&vec![vec![Val::from(1), Val::from(2)]; 2], 2), [false, true]);
    }
}
