//! The SQL form of a [`Scope`]: which clients a query may return.

use crate::sql::Dialect;
use sprut_core::scope::Scope;
use sprut_core::TeamId;
use std::fmt::Write;

/// `'id'`, quoted for SQL (a typed id: hex and dashes only, never user input).
pub(crate) fn quoted(id: uuid::Uuid) -> String {
    format!("'{}'", id.hyphenated())
}

/// The quoted ids of `teams`, comma-separated, for an SQL `IN (...)`.
pub(crate) fn team_list(teams: &[TeamId]) -> String {
    let mut list = String::new();
    for (i, t) in teams.iter().enumerate() {
        let _ = write!(list, "{}{}", if i > 0 { ", " } else { "" }, quoted(t.0));
    }
    list
}

/// `col IN` the members of `teams`, written so each engine reads the members first and then
/// only their rows from an index (PostgreSQL otherwise hashed every open assignment).
pub(crate) fn team_members(d: Dialect, col: &str, teams: &[TeamId]) -> String {
    if teams.is_empty() {
        return "1 = 0".into();
    }
    let members = format!("SELECT id FROM employees WHERE team_id IN ({})", team_list(teams));
    match d {
        Dialect::Sqlite => format!("{col} IN ({members})"),
        Dialect::Pg => format!("{col} = ANY(ARRAY({members}))"),
    }
}

/// A boolean SQL condition true for the employees (`col`) whose work `scope` oversees: everyone,
/// one employee, or the members of the teams; nobody for other scopes.
pub(crate) fn people_sql(d: Dialect, scope: &Scope, col: &str) -> String {
    match scope {
        Scope::All => "1 = 1".into(),
        Scope::HeldBy(e) => format!("{col} = '{}'", e.0.hyphenated()),
        Scope::Teams(teams) => team_members(d, col, teams),
        _ => "1 = 0".into(),
    }
}

/// A boolean SQL condition true for the clients (`client_col`) inside `scope`.
///
/// Only typed ids are written into the text (hex and dashes), never user input.
pub(crate) fn scope_sql(d: Dialect, scope: &Scope, client_col: &str) -> String {
    let open = |extra: &str| {
        format!("EXISTS (SELECT 1 FROM assignments s WHERE s.client_id = {client_col} AND s.ended_on IS NULL{extra})")
    };
    match scope {
        Scope::All => "1 = 1".into(),
        Scope::Nothing => "1 = 0".into(),
        Scope::HeldBy(e) => open(&format!(" AND s.employee_id = '{}'", e.0.hyphenated())),
        Scope::AccountTeam(e, _) => format!(
            "EXISTS (SELECT 1 FROM account_members m WHERE m.client_id = {client_col} AND m.employee_id = '{}')",
            e.0.hyphenated()
        ),
        Scope::Teams(teams) => {
            let held_by_team = if teams.is_empty() {
                "1 = 0".to_string()
            } else {
                open(&format!(" AND {}", team_members(d, "s.employee_id", teams)))
            };
            // A head sees his teams' clients and the unheld pool he hands out.
            format!("({held_by_team} OR NOT {})", open(""))
        }
    }
}
