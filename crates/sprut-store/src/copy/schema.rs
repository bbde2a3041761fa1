//! Every table of the base, in the order a copy fills them; the one list to extend when a
//! migration adds a table.

/// Tables in dependency order (a table after every table it references), for counts and copies.
pub const TABLES: &[&str] = &[
    "teams",
    "employees",
    "clients",
    "contacts",
    "contact_pool",
    "assignments",
    "deals",
    "activities",
    "receivables",
    "tasks",
    "account_members",
    "sessions",
    "api_tokens",
    "calendar_feeds",
    "settings",
    "audit_events",
    "audit_head",
    "card_views",
    "read_meter",
    "read_meter_seen",
    "alerts",
    "exports",
    "export_canaries",
    "outbox",
    "redistribution_plans",
    "transfers",
    "transfer_items",
    "offboardings",
    "offboarding_items",
    "meeting_requests",
    "spot_checks",
    "investigations",
    "surveys",
    "sales_plan_months",
    "import_ids",
    "extensions",
    "status_reports",
    "rests",
    "rotation_decisions",
    "job_runs",
];

/// Columns that reference a row a copy may not have written yet (a cycle, or the same table):
/// copied as NULL first and set once every table is in.
pub const LATER: &[(&str, &str)] = &[("teams", "head_id"), ("clients", "parent_id")];

/// Tables the migrations fill with a row of their own, replaced by the source's rows.
pub const SEEDED: &[&str] = &["audit_head"];

/// Tables of figures the base recomputes (a copy starts them afresh).
pub const DERIVED: &[&str] = &["kept_epochs", "kept_days"];

#[cfg(test)]
mod tests {
    use super::{DERIVED, TABLES};

    #[test]
    fn every_table_a_migration_creates_is_copied_or_derived() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let sql = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for rest in sql.split("CREATE TABLE ").skip(1) {
                let name = rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("");
                if name != "IF" && !TABLES.contains(&name) && !DERIVED.contains(&name) {
                    missing.push(name.to_string());
                }
            }
        }
        assert!(missing.is_empty(), "add these tables to TABLES (in reference order) or DERIVED: {missing:?}");
    }
}
