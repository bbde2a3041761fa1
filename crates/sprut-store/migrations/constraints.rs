//! What a user is told when a change breaks a uniqueness rule of the schema: one line for each
//! rule the migrations beside this file define, named as each engine reports it (PostgreSQL by
//! the constraint's or unique index's name, SQLite by its table and columns). A rule missing
//! here gives the generic [`Conflict::Duplicate`].

use sprut_core::Conflict;

/// A uniqueness rule of the schema and the conflict it means for a user.
#[derive(Debug)]
pub struct UniqueRule {
    /// The table it guards.
    pub table: &'static str,
    /// The column whose repeat breaks it (for tests that break it on purpose).
    pub column: &'static str,
    /// PostgreSQL's name of the constraint or unique index.
    pub postgres: &'static str,
    /// SQLite's columns in "UNIQUE constraint failed: …".
    pub sqlite: &'static str,
    /// The conflict it means for the user.
    pub conflict: Conflict,
}

const fn rule(
    table: &'static str,
    column: &'static str,
    postgres: &'static str,
    sqlite: &'static str,
    conflict: Conflict,
) -> UniqueRule {
    UniqueRule { table, column, postgres, sqlite, conflict }
}

/// Every uniqueness rule a use case can run into (the others guard sprut's own bookkeeping).
pub const UNIQUE_RULES: &[UniqueRule] = &[
    rule("teams", "name_key", "teams_name_key_key", "teams.name_key", Conflict::TeamNameTaken),
    rule("employees", "email", "employees_email_key", "employees.email", Conflict::EmailTaken),
    rule("clients", "legal_id", "clients_legal_id_key", "clients.legal_id", Conflict::LegalIdTaken),
    rule("assignments", "client_id", "assignments_one_open", "assignments.client_id", Conflict::AlreadyHeld),
    rule("rests", "client_id", "rests_one_open", "rests.client_id", Conflict::AlreadyResting),
    rule(
        "status_reports",
        "week",
        "status_reports_week",
        "status_reports.client_id, status_reports.employee_id, status_reports.week",
        Conflict::ReportWritten,
    ),
    rule(
        "transfer_items",
        "client_id",
        "transfer_items_one_active",
        "transfer_items.client_id",
        Conflict::InTransferUnderWay,
    ),
    rule(
        "offboardings",
        "employee_id",
        "offboardings_one_active",
        "offboardings.employee_id",
        Conflict::DepartureBeingPlanned,
    ),
];

/// The conflict of the rule a unique violation broke, from the engine's constraint name
/// (PostgreSQL) or its error text (SQLite).
pub fn unique_conflict(constraint: Option<&str>, text: &str) -> Option<Conflict> {
    UNIQUE_RULES
        .iter()
        .find(|r| match constraint {
            Some(name) => name == r.postgres,
            None => text.strip_prefix("UNIQUE constraint failed: ") == Some(r.sqlite),
        })
        .map(|r| r.conflict.clone())
}
