-- Each open holding keeps what a head's counts per rep need as index ranges instead of a probe
-- per held client: the date of its next touch planned by the cadence (none when an open task
-- says when), the last day before that touch is overdue by a whole cadence, the due date of its
-- client's earliest unpaid invoice, and whether the quarterly head meeting rule takes its
-- client. The rules stay in Rust: triggers only mark a holding stale when an input changes (a
-- touch, a task, an invoice, the client's tier or potential, the holding's start), and the
-- transaction that changed it plans its stale holdings again just before it commits. New
-- holdings start stale.
ALTER TABLE assignments ADD COLUMN touch_due_on DATE;
ALTER TABLE assignments ADD COLUMN touch_late_after DATE;
ALTER TABLE assignments ADD COLUMN unpaid_due_on DATE;
ALTER TABLE assignments ADD COLUMN head_meeting BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE assignments ADD COLUMN plan_stale BOOLEAN NOT NULL DEFAULT TRUE;
CREATE INDEX assignments_touch_due ON assignments (employee_id, touch_due_on) WHERE ended_on IS NULL;
CREATE INDEX assignments_unpaid_due ON assignments (employee_id, unpaid_due_on, client_id) WHERE ended_on IS NULL;
CREATE INDEX assignments_head_meeting ON assignments (employee_id, client_id, started_on) WHERE ended_on IS NULL AND head_meeting;
CREATE INDEX receivables_unpaid ON receivables (client_id, due_on) WHERE paid_on IS NULL;
-- Developments counted per rep and start (the reports owed) from the index alone.
DROP INDEX assignments_development_open;
CREATE INDEX assignments_development_open ON assignments (employee_id, started_on) WHERE ended_on IS NULL AND kind = 'development';
CREATE INDEX assignments_plan_stale ON assignments (client_id) WHERE plan_stale;
CREATE INDEX deals_owner_open ON deals (owner_id, expected_close_on) WHERE stage = 'open';

-- Marks stale the open holdings of the clients of the statement's rows (one update per
-- statement, so a bulk load of touches costs one join, not one update per row).
CREATE FUNCTION plan_stale_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE assignments a SET plan_stale = TRUE FROM (SELECT DISTINCT client_id FROM new_rows) n
    WHERE a.client_id = n.client_id AND a.ended_on IS NULL AND NOT a.plan_stale;
    RETURN NULL;
END
$$;
CREATE FUNCTION plan_stale_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE assignments a SET plan_stale = TRUE FROM (SELECT DISTINCT client_id FROM old_rows) o
    WHERE a.client_id = o.client_id AND a.ended_on IS NULL AND NOT a.plan_stale;
    RETURN NULL;
END
$$;
CREATE FUNCTION plan_stale_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE assignments a SET plan_stale = TRUE
    FROM (SELECT client_id FROM new_rows UNION SELECT client_id FROM old_rows) x
    WHERE a.client_id = x.client_id AND a.ended_on IS NULL AND NOT a.plan_stale;
    RETURN NULL;
END
$$;
CREATE FUNCTION plan_stale_tier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE assignments a SET plan_stale = TRUE FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.tier, o.potential_minor) IS DISTINCT FROM (n.tier, n.potential_minor) AND a.client_id = n.id AND a.ended_on IS NULL AND NOT a.plan_stale;
    RETURN NULL;
END
$$;
CREATE FUNCTION plan_stale_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.plan_stale := TRUE;
    RETURN NEW;
END
$$;

CREATE TRIGGER activities_plan_stale_insert AFTER INSERT ON activities
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_stale_new();
CREATE TRIGGER activities_plan_stale_update AFTER UPDATE ON activities
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_stale_both();
CREATE TRIGGER activities_plan_stale_delete AFTER DELETE ON activities
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_stale_old();
CREATE TRIGGER tasks_plan_stale_insert AFTER INSERT ON tasks
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_stale_new();
CREATE TRIGGER tasks_plan_stale_update AFTER UPDATE ON tasks
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_stale_both();
CREATE TRIGGER tasks_plan_stale_delete AFTER DELETE ON tasks
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_stale_old();
CREATE TRIGGER receivables_plan_stale_insert AFTER INSERT ON receivables
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_stale_new();
CREATE TRIGGER receivables_plan_stale_update AFTER UPDATE ON receivables
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_stale_both();
CREATE TRIGGER receivables_plan_stale_delete AFTER DELETE ON receivables
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_stale_old();
CREATE TRIGGER clients_plan_stale_tier AFTER UPDATE ON clients
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION plan_stale_tier();
CREATE TRIGGER assignments_plan_stale_start BEFORE UPDATE OF started_on ON assignments
FOR EACH ROW EXECUTE FUNCTION plan_stale_start();
