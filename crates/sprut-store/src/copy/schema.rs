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
    "transfers",
    "transfer_items",
    "offboardings",
    "offboarding_items",
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
