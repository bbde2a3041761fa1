//! What the rotation rules read: sales-cycle samples, facts of held clients, rested clients,
//! reps with their loads, review details, report facts and scorecard facts.

use crate::bulk::{select_in, Val};
use crate::id::{DbId, ToDb};
use crate::rows::word;
use crate::scope::team_list;
use crate::sql::{q_all, q_scalar, Conn, Dialect};
use sprut_core::rules::cycle::CycleSample;
use sprut_core::rules::day::RestedFacts;
use sprut_core::rules::dead::{DeadSettings, HoldingFacts};
use sprut_core::rules::rotation::{RepLoad, RestedClient};
use sprut_core::rules::scorecard::DevPeriod;
use sprut_core::rules::store::ClientBrief;
use sprut_core::scope::Scope;
use sprut_core::{ClientId, CoreError, EmployeeId};
use std::collections::{BTreeMap, HashMap};
use time::{Date, Duration, OffsetDateTime};

/// Whole days from date expression `from` to `to`, as BIGINT, in the connection's dialect.
fn days(conn: &Conn<'_>, from: &str, to: &str) -> String {
    match conn {
        Conn::Sqlite(_) => format!("CAST(julianday({to}) - julianday({from}) AS BIGINT)"),
        Conn::Pg(_) => format!("CAST(({to}) - ({from}) AS BIGINT)"),
    }
}

/// Sales-cycle samples as of `today`: won deals (opened to closed), open deals (censored at
/// today), development assignments (start to first sale inside them, else censored at their end).
pub(crate) async fn cycle_samples_in(mut conn: Conn<'_>, today: Date) -> Result<Vec<CycleSample>, CoreError> {
    let deal_days =
        days(&conn, "d.opened_on", "CASE WHEN d.stage = 'won' AND d.closed_on <= $1 THEN d.closed_on ELSE $1 END");
    let win_days = days(&conn, "x.started_on", "x.first_win");
    let cut_days =
        days(&conn, "x.started_on", "CASE WHEN x.ended_on IS NOT NULL AND x.ended_on < $1 THEN x.ended_on ELSE $1 END");
    let sql = format!(
        "SELECT segment, days, won, CAST(COUNT(*) AS BIGINT) FROM ( \
           SELECT c.segment, {deal_days} AS days, \
                  CAST(CASE WHEN d.stage = 'won' AND d.closed_on <= $1 THEN 1 ELSE 0 END AS BIGINT) AS won \
           FROM deals d JOIN clients c ON c.id = d.client_id \
           WHERE d.opened_on <= $1 AND d.opened_known = TRUE \
             AND (d.stage = 'open' OR (d.stage = 'won' AND d.closed_on IS NOT NULL)) \
           UNION ALL \
           SELECT x.segment, CASE WHEN x.first_win IS NULL THEN {cut_days} ELSE {win_days} END AS days, \
                  CAST(CASE WHEN x.first_win IS NULL THEN 0 ELSE 1 END AS BIGINT) AS won \
           FROM (SELECT c.segment, a.started_on, a.ended_on, \
                   (SELECT MIN(d.closed_on) FROM deals d WHERE d.client_id = a.client_id AND d.stage = 'won' \
                     AND d.closed_on >= a.started_on AND d.closed_on <= $1 \
                     AND (a.ended_on IS NULL OR d.closed_on <= a.ended_on)) AS first_win \
                 FROM assignments a JOIN clients c ON c.id = a.client_id \
                 WHERE a.kind = 'development' AND a.started_on <= $1) x \
         ) s GROUP BY segment, days, won"
    );
    let rows = q_all!(conn.reborrow(), (Option<String>, i64, i64, i64), &sql, today)?;
    Ok(rows
        .into_iter()
        .map(|(segment, days, won, count)| CycleSample { segment, days, won: won != 0, count: count.max(0) as u64 })
        .collect())
}

#[derive(sqlx::FromRow)]
struct HoldingRow {
    client_id: DbId,
    id: DbId,
    employee_id: DbId,
    kind: String,
    started_on: Date,
    due_on: Option<Date>,
    ext: Option<Date>,
    last_act: Option<OffsetDateTime>,
    last_won: Option<Date>,
    won_since: i64,
}

/// The SQL condition on open assignment `a` for `scope`; only typed ids are written.
pub(crate) fn holding_scope(d: Dialect, scope: &Scope) -> String {
    crate::scope::people_sql(d, scope, "a.employee_id")
}

/// The SQL condition on employee `e` for `scope`.
fn employee_scope(scope: &Scope) -> String {
    match scope {
        Scope::All => "1 = 1".into(),
        Scope::HeldBy(e) => format!("e.id = '{}'", e.0.hyphenated()),
        Scope::Teams(teams) if !teams.is_empty() => format!("e.team_id IN ({})", team_list(teams)),
        _ => "1 = 0".into(),
    }
}

/// Which open holdings [`holding_facts_in`] returns.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Only<'a> {
    /// Every one.
    All,
    /// Those the dead-client rules may find dead with these settings (the rules still decide).
    MaybeDead(&'a DeadSettings),
    /// Development holdings the rotation acts on: due by their date or an extension's, or with
    /// a sale since they started.
    DueDevelopments,
}

/// `today - days`, or `None` when that is before the calendar starts (a limit that never
/// fires), so the condition that compares with it is never true.
fn days_before(today: Date, days: i64) -> Option<Date> {
    today.checked_sub(Duration::seconds(days.checked_mul(86_400)?))
}

/// Facts of the open assignments inside `scope` as of `today` that `only` selects, by client id.
///
/// The conditions of [`Only`] are applied in SQL so that a large book does not cross the driver
/// row by row; they are necessary conditions of the rules in `sprut_core::rules::dead`, which
/// still classify every row returned (a contract test checks both give the same dead clients).
pub(crate) async fn holding_facts_in(
    conn: Conn<'_>,
    scope: &Scope,
    today: Date,
    only: Only<'_>,
) -> Result<Vec<HoldingFacts>, CoreError> {
    let end_of_day = (today + Duration::days(1)).midnight().assume_utc();
    let (silent_since, lapsed_since) = match only {
        Only::MaybeDead(s) => (days_before(today, s.no_activity_days), days_before(today, s.lapse_days)),
        _ => (None, None),
    };
    // Due by its own date or an extension's (the rules take the later of the two). Cheap column
    // tests come before the subqueries they guard, which then run for few holdings, and each
    // subquery is named once (`x IS NULL OR x < y` ran it twice on PostgreSQL).
    let due = "(h.due_on <= $1 OR h.ext <= $1)";
    let condition = match only {
        Only::All => "1 = 1".to_string(),
        Only::MaybeDead(_) => format!(
            "(h.kind = 'development' AND {due} AND COALESCE(h.last_won < h.started_on, TRUE)) \
             OR (h.started_on < $3 AND COALESCE(h.last_act < $4, TRUE)) \
             OR (h.kind = 'account' AND h.started_on < $5 AND COALESCE(h.last_won < $5, TRUE))"
        ),
        Only::DueDevelopments => format!("h.kind = 'development' AND (h.last_won >= h.started_on OR {due})"),
    };
    let sql = format!(
        // A sale since the start is a latest sale on or after it: one index seek serves both.
        "SELECT h.*, CAST(CASE WHEN h.last_won >= h.started_on THEN 1 ELSE 0 END AS BIGINT) AS won_since \
         FROM (SELECT a.client_id, a.id, a.employee_id, a.kind, a.started_on, a.due_on, \
         (SELECT MAX(x.until_on) FROM extensions x WHERE x.assignment_id = a.id) AS ext, \
         (SELECT MAX(v.occurred_at) FROM activities v WHERE v.client_id = a.client_id AND v.occurred_at < $2) AS last_act, \
         (SELECT MAX(d.closed_on) FROM deals d WHERE d.client_id = a.client_id AND d.stage = 'won' AND d.closed_on <= $1) AS last_won \
         FROM assignments a JOIN employees e ON e.id = a.employee_id \
         WHERE a.ended_on IS NULL AND a.started_on <= $1 AND {}) h WHERE {condition} ORDER BY h.client_id",
        holding_scope(conn.dialect(), scope)
    );
    let silent_at = silent_since.map(|d| d.midnight().assume_utc());
    let rows = q_all!(conn, HoldingRow, &sql, today, end_of_day, silent_since, silent_at, lapsed_since)?;
    rows.into_iter()
        .map(|r| {
            Ok(HoldingFacts {
                client_id: r.client_id.into(),
                assignment_id: r.id.into(),
                employee_id: r.employee_id.into(),
                kind: word(&r.kind)?,
                started_on: r.started_on,
                due_on: r.due_on,
                extension_until: r.ext,
                last_activity: r.last_act.map(|t| t.date()),
                last_won: r.last_won,
                won_since_start: r.won_since != 0,
            })
        })
        .collect()
}

/// Open development assignments inside `scope` as `(client, holder, started_on)`.
pub(crate) async fn developments_in(
    conn: Conn<'_>,
    scope: &Scope,
) -> Result<Vec<(ClientId, EmployeeId, Date)>, CoreError> {
    let sql = format!(
        "SELECT a.client_id, a.employee_id, a.started_on FROM assignments a JOIN employees e ON e.id = a.employee_id \
         WHERE a.ended_on IS NULL AND a.kind = 'development' AND {}",
        holding_scope(conn.dialect(), scope)
    );
    let rows = q_all!(conn, (DbId, DbId, Date), &sql)?;
    Ok(rows.into_iter().map(|(c, e, d)| (c.into(), e.into(), d)).collect())
}

#[derive(sqlx::FromRow)]
struct RestedRow {
    client_id: DbId,
    region: Option<String>,
    segment: Option<String>,
    potential_minor: i64,
    released_by: Option<DbId>,
    team_id: Option<DbId>,
    in_group: i64,
}

/// Active clients whose rest ended before `today`, with everyone who ever held them.
pub(crate) async fn rested_in(mut conn: Conn<'_>, today: Date) -> Result<Vec<RestedFacts>, CoreError> {
    let rows = q_all!(
        conn.reborrow(),
        RestedRow,
        "SELECT r.client_id, c.region, c.segment, c.potential_minor, r.released_by, e.team_id, \
         CAST(CASE WHEN c.parent_id IS NOT NULL OR EXISTS (SELECT 1 FROM clients k WHERE k.parent_id = c.id) \
           THEN 1 ELSE 0 END AS BIGINT) AS in_group \
         FROM rests r JOIN clients c ON c.id = r.client_id LEFT JOIN employees e ON e.id = r.released_by \
         WHERE r.ended_on IS NULL AND r.until_on < $1 AND c.status = 'active' ORDER BY r.client_id",
        today
    )?;
    let holders = q_all!(
        conn,
        (DbId, DbId),
        "SELECT DISTINCT a.client_id, a.employee_id FROM assignments a JOIN rests r ON r.client_id = a.client_id \
         WHERE r.ended_on IS NULL AND r.until_on < $1 ORDER BY a.client_id, a.employee_id",
        today
    )?;
    let mut past: BTreeMap<ClientId, Vec<EmployeeId>> = BTreeMap::new();
    for (c, e) in holders {
        past.entry(c.into()).or_default().push(e.into());
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let client_id: ClientId = r.client_id.into();
            RestedFacts {
                client: RestedClient {
                    client_id,
                    region: r.region,
                    team_id: r.team_id.map(Into::into),
                    last_holder: r.released_by.map(Into::into),
                    past_holders: past.remove(&client_id).unwrap_or_default(),
                    potential_minor: r.potential_minor,
                },
                segment: r.segment,
                in_group: r.in_group != 0,
            }
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct RepRow {
    id: DbId,
    team_id: Option<DbId>,
    region: Option<String>,
    status: String,
    role: String,
    capacity: i64,
    load: i64,
}

/// Every rep with their open development assignments.
pub(crate) async fn reps_in(conn: Conn<'_>, scope: &Scope) -> Result<Vec<RepLoad>, CoreError> {
    // Each rep's load is counted from the partial index alone, so a head's few reps cost little.
    let within = employee_scope(scope);
    let sql = format!(
        "SELECT e.id, e.team_id, e.region, e.status, e.role, e.capacity, \
           CAST((SELECT COUNT(*) FROM assignments a WHERE a.employee_id = e.id AND a.ended_on IS NULL \
             AND a.kind = 'development') AS BIGINT) AS load \
         FROM employees e WHERE e.role = 'rep' AND {within} ORDER BY e.id"
    );
    let rows = q_all!(conn, RepRow, &sql)?;
    rows.into_iter()
        .map(|r| {
            Ok(RepLoad {
                employee_id: r.id.into(),
                team_id: r.team_id.map(Into::into),
                region: r.region,
                status: word(&r.status)?,
                role: word(&r.role)?,
                capacity: r.capacity,
                development_load: r.load,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct BriefRow {
    id: DbId,
    name: String,
    holder_name: Option<String>,
    segment: Option<String>,
    in_group: i64,
    potential_minor: i64,
    won_deals: i64,
    report_week: Option<Date>,
    report_status: Option<String>,
}

/// The review details of `clients`, in their order; an unknown client is not found.
/// How much of a client's brief to read.
pub(crate) enum Brief {
    /// Everything.
    Full,
    /// What a review filters and sorts on: no won deals, no weekly report.
    Outline,
}

/// The name of each of `clients`, read from the clients' primary key alone.
pub(crate) async fn names_in(
    conn: Conn<'_>,
    clients: &[ClientId],
) -> Result<std::collections::BTreeMap<ClientId, String>, CoreError> {
    let list: Vec<Val> = clients.iter().map(|c| Val::from(c.db())).collect();
    let rows: Vec<(DbId, String)> =
        select_in(conn, "SELECT c.id, c.name FROM clients c WHERE c.id IN ({list})", &[], &list).await?;
    Ok(rows.into_iter().map(|(id, name)| (id.into(), name)).collect())
}

pub(crate) async fn briefs_in(
    conn: Conn<'_>,
    clients: &[ClientId],
    brief: Brief,
) -> Result<Vec<ClientBrief>, CoreError> {
    let list: Vec<Val> = clients.iter().map(|c| Val::from(c.db())).collect();
    let (figures, report) = match brief {
        Brief::Full => (
            "CAST((SELECT COUNT(*) FROM deals d WHERE d.client_id = c.id AND d.stage = 'won') AS BIGINT) AS won_deals, \
             r.week AS report_week, r.status AS report_status",
            "LEFT JOIN status_reports r ON r.id = (SELECT r2.id FROM status_reports r2 \
             WHERE r2.client_id = c.id ORDER BY r2.week DESC, r2.created_at DESC LIMIT 1)",
        ),
        Brief::Outline => {
            ("CAST(0 AS BIGINT) AS won_deals, CAST(NULL AS DATE) AS report_week, CAST(NULL AS TEXT) AS report_status", "")
        }
    };
    let sql = format!(
        "SELECT c.id, c.name, \
         (SELECT e.name FROM assignments a JOIN employees e ON e.id = a.employee_id \
           WHERE a.client_id = c.id AND a.ended_on IS NULL) AS holder_name, c.segment, \
         CAST(CASE WHEN c.parent_id IS NOT NULL OR EXISTS (SELECT 1 FROM clients k WHERE k.parent_id = c.id) \
           THEN 1 ELSE 0 END AS BIGINT) AS in_group, c.potential_minor, {figures} \
         FROM clients c {report} WHERE c.id IN ({{list}})"
    );
    let rows: Vec<BriefRow> = select_in(conn, &sql, &[], &list).await?;
    let mut by_id: HashMap<ClientId, ClientBrief> = HashMap::with_capacity(rows.len());
    for r in rows {
        let brief = ClientBrief {
            client_id: r.id.into(),
            name: r.name,
            holder_name: r.holder_name,
            segment: r.segment,
            in_group: r.in_group != 0,
            potential_minor: r.potential_minor,
            won_deals: r.won_deals,
            last_report_week: r.report_week,
            last_report_status: r.report_status.as_deref().map(word).transpose()?,
        };
        by_id.insert(brief.client_id, brief);
    }
    clients.iter().map(|c| by_id.get(c).cloned().ok_or(CoreError::NotFound("client"))).collect()
}

/// A rep's development periods with the first sale on or after each start.
pub(crate) async fn dev_periods_in(
    mut conn: Conn<'_>,
    employee: EmployeeId,
) -> Result<(Vec<DevPeriod>, u32), CoreError> {
    let rows = q_all!(
        conn.reborrow(),
        (Date, Option<Date>, Option<Date>),
        "SELECT a.started_on, a.ended_on, (SELECT MIN(d.closed_on) FROM deals d WHERE d.client_id = a.client_id \
           AND d.stage = 'won' AND d.closed_on >= a.started_on) \
         FROM assignments a WHERE a.employee_id = $1 AND a.kind = 'development' ORDER BY a.started_on, a.id",
        employee.db()
    )?;
    let periods = rows
        .into_iter()
        .map(|(started_on, ended_on, first_win)| DevPeriod { started_on, ended_on, first_win })
        .collect();
    let hopeless = q_scalar!(
        conn,
        i64,
        "SELECT CAST(COUNT(DISTINCT r.client_id) AS BIGINT) FROM status_reports r \
         WHERE r.employee_id = $1 AND r.status = 'hopeless' AND EXISTS (SELECT 1 FROM deals d \
           WHERE d.client_id = r.client_id AND d.stage = 'won' AND d.closed_on > r.week \
           AND d.credited_to IS NOT NULL AND d.credited_to <> $1)",
        employee.db()
    )?;
    Ok((periods, hopeless.max(0) as u32))
}

/// Weekly reports `(client, author, week)` of weeks from `since` on, by authors inside `scope`.
pub(crate) async fn reports_since_in(
    conn: Conn<'_>,
    scope: &Scope,
    since: Date,
) -> Result<Vec<(ClientId, EmployeeId, Date)>, CoreError> {
    let sql = format!(
        "SELECT r.client_id, r.employee_id, r.week FROM status_reports r JOIN employees e ON e.id = r.employee_id \
         WHERE r.week >= $1 AND {} ORDER BY r.client_id, r.week",
        employee_scope(scope)
    );
    let rows = q_all!(conn, (DbId, DbId, Date), &sql, since)?;
    Ok(rows.into_iter().map(|(c, e, w)| (c.into(), e.into(), w)).collect())
}
