//! Inserting rows many at a time: one multi-row `INSERT` per chunk, the same text on
//! both engines. Single inserts go through here too, so a table has one column list.

use crate::bound::Bound;
use crate::id::{opt, DbId, ToDb};
use crate::rows::why_text;
use crate::sql::{db_err, Conn};
use sprut_core::account_team::AccountMember;
use sprut_core::activity::Activity;
use sprut_core::assignment::Assignment;
use sprut_core::client::Client;
use sprut_core::contact::Contact;
use sprut_core::deal::Deal;
use sprut_core::receivable::Receivable;
use sprut_core::task::Task;
use sprut_core::CoreError;
use std::borrow::Cow;
use std::fmt::Write;
use time::{Date, OffsetDateTime};

/// One value to bind, typed so each engine stores it natively.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// Text: owned, or a word of the code (a status, a kind) bound without a copy.
    Text(Option<Cow<'static, str>>),
    /// A 64-bit integer.
    Int(Option<i64>),
    /// A boolean.
    Bool(bool),
    /// A calendar date.
    Date(Option<Date>),
    /// A UTC timestamp.
    Ts(Option<OffsetDateTime>),
    /// An id.
    Id(Option<DbId>),
}

impl Val {
    /// A word of the code (a status, a kind, a tier): the same text in many rows, never copied.
    pub(crate) fn word(s: &'static str) -> Self {
        Val::Text(Some(Cow::Borrowed(s)))
    }
}

impl From<&str> for Val {
    fn from(s: &str) -> Self {
        Val::Text(Some(Cow::Owned(s.to_string())))
    }
}
impl From<String> for Val {
    fn from(s: String) -> Self {
        Val::Text(Some(Cow::Owned(s)))
    }
}
impl From<Option<&str>> for Val {
    fn from(s: Option<&str>) -> Self {
        Val::Text(s.map(|s| Cow::Owned(s.to_string())))
    }
}
impl From<Option<String>> for Val {
    fn from(s: Option<String>) -> Self {
        Val::Text(s.map(Cow::Owned))
    }
}
impl From<i64> for Val {
    fn from(n: i64) -> Self {
        Val::Int(Some(n))
    }
}
impl From<Option<i64>> for Val {
    fn from(n: Option<i64>) -> Self {
        Val::Int(n)
    }
}
impl From<bool> for Val {
    fn from(b: bool) -> Self {
        Val::Bool(b)
    }
}
impl From<Date> for Val {
    fn from(d: Date) -> Self {
        Val::Date(Some(d))
    }
}
impl From<Option<Date>> for Val {
    fn from(d: Option<Date>) -> Self {
        Val::Date(d)
    }
}
impl From<OffsetDateTime> for Val {
    fn from(t: OffsetDateTime) -> Self {
        Val::Ts(Some(t))
    }
}
impl From<Option<OffsetDateTime>> for Val {
    fn from(t: Option<OffsetDateTime>) -> Self {
        Val::Ts(t)
    }
}
impl From<DbId> for Val {
    fn from(d: DbId) -> Self {
        Val::Id(Some(d))
    }
}
impl From<Option<DbId>> for Val {
    fn from(d: Option<DbId>) -> Self {
        Val::Id(d)
    }
}

/// A record with a table of its own.
pub(crate) trait Insert {
    /// The table.
    const TABLE: &'static str;
    /// Its columns, in the order of [`Insert::values`].
    const COLS: &'static [&'static str];
    /// The values of one row.
    fn values(&self) -> Vec<Val>;
}

/// Most values in one `IN (...)` list.
const MAX_IN_LIST: usize = 4096;

/// Inserts `rows` of `T` in chunks.
pub(crate) async fn insert_all<T: Insert>(conn: Conn<'_>, rows: &[T]) -> Result<(), CoreError> {
    let values: Vec<Vec<Val>> = rows.iter().map(Insert::values).collect();
    insert_rows(conn, T::TABLE, T::COLS, values, "").await
}

/// `UPDATE table SET every column but the id WHERE id = the record's`: one way to save a
/// changed record.
pub(crate) async fn update_one<T: Insert>(conn: Conn<'_>, r: &T) -> Result<(), CoreError> {
    update_values(conn, T::TABLE, T::COLS, r.values()).await
}

/// [`update_one`] of a record's values (`cols[0]` is the id).
pub(crate) async fn update_values(conn: Conn<'_>, table: &str, cols: &[&str], vals: Vec<Val>) -> Result<(), CoreError> {
    use std::fmt::Write;
    let mut sql = format!("UPDATE {table} SET ");
    for (i, c) in cols.iter().enumerate().skip(1) {
        let _ = write!(sql, "{}{c} = ${}", if i > 1 { ", " } else { "" }, i + 1);
    }
    sql.push_str(" WHERE id = $1");
    exec_with(conn, &sql, vals).await
}

/// Inserts one record.
pub(crate) async fn insert_one<T: Insert>(conn: Conn<'_>, row: &T) -> Result<(), CoreError> {
    insert_rows(conn, T::TABLE, T::COLS, vec![row.values()], "").await
}

/// Inserts `rows` (each `cols.len()` values) into `table`, `suffix` appended to each
/// statement (e.g. an `ON CONFLICT` clause); see [`Bound::insert`].
pub(crate) async fn insert_rows(
    conn: Conn<'_>,
    table: &str,
    cols: &[&str],
    rows: Vec<Vec<Val>>,
    suffix: &str,
) -> Result<(), CoreError> {
    let mut bound = Bound::new(conn.dialect());
    bound.insert(table, cols, rows, suffix)?;
    bound.run(conn).await
}

/// Fetches the rows of `sql`, whose `{list}` stands for `list.len()` placeholders after the
/// `$1..$n` of `fixed`; long lists run in several statements.
pub(crate) async fn select_in<R>(
    mut conn: Conn<'_>,
    sql: &str,
    fixed: &[Val],
    list: &[Val],
) -> Result<Vec<R>, CoreError>
where
    R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    R: Send + Unpin,
{
    let mut out = Vec::new();
    for chunk in list.chunks(MAX_IN_LIST) {
        let numbered = matches!(conn, Conn::Pg(_));
        // Lists are padded (with their last value) to a power of two, so a few statement
        // texts serve every batch: each engine prepares and caches them once.
        let padded = chunk.len().next_power_of_two().max(8);
        let text = in_sql(sql, fixed.len(), if chunk.is_empty() { 0 } else { padded }, numbered);
        let pad = chunk.last().into_iter().cycle().take(padded.saturating_sub(chunk.len()));
        let vals: Vec<&Val> = fixed
            .iter()
            .chain(chunk)
            .chain(if chunk.is_empty() { None } else { Some(pad) }.into_iter().flatten())
            .collect();
        macro_rules! bind_refs {
            ($q:expr) => {{
                let mut q = $q;
                for v in &vals {
                    q = match v {
                        Val::Text(x) => q.bind(x.clone()),
                        Val::Int(x) => q.bind(*x),
                        Val::Bool(x) => q.bind(*x),
                        Val::Date(x) => q.bind(*x),
                        Val::Ts(x) => q.bind(*x),
                        Val::Id(x) => q.bind(*x),
                    };
                }
                q
            }};
        }
        let rows = match conn.reborrow() {
            Conn::Sqlite(c) => bind_refs!(sqlx::query_as::<_, R>(&text)).fetch_all(&mut *c).await,
            Conn::Pg(c) => bind_refs!(sqlx::query_as::<_, R>(&text)).fetch_all(&mut *c).await,
        }
        .map_err(db_err)?;
        out.extend(rows);
    }
    Ok(out)
}

/// `sql` with its `{list}` spelled out; on SQLite every placeholder becomes a plain `?`.
fn in_sql(sql: &str, fixed: usize, n: usize, numbered: bool) -> String {
    let mut text = sql.to_string();
    let mut list = String::new();
    for i in 0..n.max(1) {
        if i > 0 {
            list.push_str(", ");
        }
        if n == 0 {
            list.push_str("NULL");
        } else if numbered {
            let _ = write!(list, "${}", fixed + i + 1);
        } else {
            list.push('?');
        }
    }
    if !numbered {
        for k in (1..=fixed).rev() {
            text = text.replace(&format!("${k}"), "?");
        }
    }
    text.replace("{list}", &list)
}

/// Runs one statement with `vals` bound (`$n` placeholders on both engines).
pub(crate) async fn exec_with(conn: Conn<'_>, sql: &str, vals: Vec<Val>) -> Result<(), CoreError> {
    let mut bound = Bound::new(conn.dialect());
    bound.push(sql.to_string(), vals.into_iter())?;
    bound.run(conn).await
}

/// A value as stored JSON text.
pub(crate) fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Extra fields as stored: a JSON object of strings.
pub(crate) fn extra_json(extra: &sprut_core::ExtraFields) -> String {
    serde_json::to_string(extra).unwrap_or_else(|_| "{}".into())
}

/// What the client search compares besides the name and legal id: the values of the extra
/// fields and of the channels (and a phone's E.164 digits).
pub(crate) fn extra_key(c: &Client) -> String {
    let channels = sprut_core::channel::search_words(&c.channels);
    let values: Vec<&str> = c.extra.values().map(String::as_str).chain(channels.iter().map(String::as_str)).collect();
    sprut_core::validate::search_key(&values)
}

impl Insert for Client {
    const TABLE: &'static str = "clients";
    const COLS: &'static [&'static str] = &[
        "id",
        "name",
        "search_key",
        "legal_id",
        "parent_id",
        "segment",
        "region",
        "tier",
        "potential_minor",
        "currency",
        "status",
        "address",
        "language",
        "created_at",
        "updated_at",
        "extra",
        "extra_key",
        "channels",
    ];
    fn values(&self) -> Vec<Val> {
        vec![
            self.id.db().into(),
            self.name.as_str().into(),
            self.search_key().into(),
            self.legal_id.as_deref().into(),
            opt(&self.parent_id).into(),
            self.segment.as_deref().into(),
            self.region.as_deref().into(),
            Val::word(self.tier.as_str()),
            self.potential_minor.into(),
            self.currency.as_str().into(),
            Val::word(self.status.as_str()),
            self.address.as_deref().into(),
            Val::word(self.language.as_str()),
            self.created_at.into(),
            self.updated_at.into(),
            extra_json(&self.extra).into(),
            extra_key(self).into(),
            json(&self.channels).into(),
        ]
    }
}

impl Insert for Contact {
    const TABLE: &'static str = "contacts";
    const COLS: &'static [&'static str] = &[
        "id",
        "client_id",
        "name",
        "position",
        "function",
        "phones",
        "emails",
        "decision_maker",
        "level",
        "consent",
        "verified_at",
        "verified_by",
        "created_at",
        "updated_at",
        "extra",
        "channels",
    ];
    fn values(&self) -> Vec<Val> {
        vec![
            self.id.db().into(),
            self.client_id.db().into(),
            self.name.as_str().into(),
            self.position.as_deref().into(),
            Val::word(self.function.as_str()),
            json(&self.phones).into(),
            json(&self.emails).into(),
            self.decision_maker.into(),
            Val::word(self.level.as_str()),
            self.consent.into(),
            self.verified_at.into(),
            opt(&self.verified_by).into(),
            self.created_at.into(),
            self.updated_at.into(),
            extra_json(&self.extra).into(),
            json(&self.channels).into(),
        ]
    }
}

impl Insert for Deal {
    const TABLE: &'static str = "deals";
    const COLS: &'static [&'static str] = &[
        "id",
        "client_id",
        "title",
        "stage",
        "phase",
        "amount_minor",
        "currency",
        "opened_on",
        "expected_close_on",
        "closed_on",
        "opened_known",
        "owner_id",
        "credited_to",
        "created_at",
        "updated_at",
        "extra",
    ];
    fn values(&self) -> Vec<Val> {
        vec![
            self.id.db().into(),
            self.client_id.db().into(),
            self.title.as_str().into(),
            Val::word(self.stage.as_str()),
            Val::word(self.phase.as_str()),
            self.amount_minor.into(),
            self.currency.as_str().into(),
            self.opened_on.into(),
            self.expected_close_on.into(),
            self.closed_on.into(),
            self.opened_known.into(),
            opt(&self.owner_id).into(),
            opt(&self.credited_to).into(),
            self.created_at.into(),
            self.updated_at.into(),
            extra_json(&self.extra).into(),
        ]
    }
}

impl Insert for Activity {
    const TABLE: &'static str = "activities";
    const COLS: &'static [&'static str] = &[
        "id",
        "client_id",
        "kind",
        "occurred_at",
        "author_id",
        "participant_ids",
        "contact_ids",
        "outcome",
        "text",
        "checklist",
        "created_at",
        "extra",
    ];
    fn values(&self) -> Vec<Val> {
        vec![
            self.id.db().into(),
            self.client_id.db().into(),
            Val::word(self.kind.as_str()),
            self.occurred_at.into(),
            opt(&self.author_id).into(),
            json(&self.participant_ids).into(),
            json(&self.contact_ids).into(),
            self.outcome.as_deref().into(),
            self.text.as_str().into(),
            self.checklist.as_ref().map(json).into(),
            self.created_at.into(),
            extra_json(&self.extra).into(),
        ]
    }
}

impl Insert for Receivable {
    const TABLE: &'static str = "receivables";
    const COLS: &'static [&'static str] =
        &["id", "client_id", "number", "amount_minor", "currency", "issued_on", "due_on", "paid_on", "extra"];
    fn values(&self) -> Vec<Val> {
        vec![
            self.id.db().into(),
            self.client_id.db().into(),
            self.number.as_str().into(),
            self.amount_minor.into(),
            self.currency.as_str().into(),
            self.issued_on.into(),
            self.due_on.into(),
            self.paid_on.into(),
            extra_json(&self.extra).into(),
        ]
    }
}

impl Insert for Task {
    const TABLE: &'static str = "tasks";
    const COLS: &'static [&'static str] = &[
        "id",
        "client_id",
        "owner_id",
        "kind",
        "title",
        "due_on",
        "status",
        "activity_id",
        "created_by",
        "created_at",
        "closed_at",
    ];
    fn values(&self) -> Vec<Val> {
        vec![
            self.id.db().into(),
            self.client_id.db().into(),
            self.owner_id.db().into(),
            Val::word(self.kind.as_str()),
            self.title.as_str().into(),
            self.due_on.into(),
            Val::word(self.status.as_str()),
            opt(&self.activity_id).into(),
            opt(&self.created_by).into(),
            self.created_at.into(),
            self.closed_at.into(),
        ]
    }
}

impl Insert for Assignment {
    const TABLE: &'static str = "assignments";
    const COLS: &'static [&'static str] = &[
        "id",
        "client_id",
        "employee_id",
        "kind",
        "started_on",
        "due_on",
        "ended_on",
        "end_reason",
        "end_explanation",
        "decided_by",
        "explanation",
        "why",
        "end_why",
        "created_at",
    ];
    fn values(&self) -> Vec<Val> {
        vec![
            self.id.db().into(),
            self.client_id.db().into(),
            self.employee_id.db().into(),
            Val::word(self.kind.as_str()),
            self.started_on.into(),
            self.due_on.into(),
            self.ended_on.into(),
            Val::Text(self.end_reason.map(|r| Cow::Borrowed(r.as_str()))),
            self.end_explanation.as_deref().into(),
            opt(&self.decided_by).into(),
            self.explanation.as_str().into(),
            why_text(self.why.as_ref()).into(),
            why_text(self.end_why.as_ref()).into(),
            self.created_at.into(),
        ]
    }
}

impl Insert for AccountMember {
    const TABLE: &'static str = "account_members";
    const COLS: &'static [&'static str] = &["client_id", "department", "employee_id", "since"];
    fn values(&self) -> Vec<Val> {
        vec![
            self.client_id.db().into(),
            Val::word(self.department.as_str()),
            self.employee_id.db().into(),
            self.since.into(),
        ]
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn spells_out_lists() {
        use super::in_sql;
        assert_eq!(in_sql("a = $1 AND b IN ({list})", 1, 2, true), "a = $1 AND b IN ($2, $3)");
        assert_eq!(in_sql("a = $1 AND b IN ({list})", 1, 2, false), "a = ? AND b IN (?, ?)");
    }
}
