-- Each open holding keeps what a head's counts per rep need as index ranges instead of a probe
-- per held client: the date of its next touch planned by the cadence (none when an open task
-- says when), the last day before that touch is overdue by a whole cadence, the due date of its
-- client's earliest unpaid invoice, and whether the quarterly head meeting rule takes its
-- client. The rules stay in Rust: triggers only mark a holding stale when an input changes (a
-- touch, a task, an invoice, the client's tier or potential, the holding's start), and the
-- transaction that changed it plans its stale holdings again just before it commits. New
-- holdings start stale.
ALTER TABLE assignments ADD COLUMN touch_due_on TEXT;
ALTER TABLE assignments ADD COLUMN touch_late_after TEXT;
ALTER TABLE assignments ADD COLUMN unpaid_due_on TEXT;
ALTER TABLE assignments ADD COLUMN head_meeting INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assignments ADD COLUMN plan_stale INTEGER NOT NULL DEFAULT 1;
CREATE INDEX assignments_touch_due ON assignments (employee_id, touch_due_on) WHERE ended_on IS NULL;
CREATE INDEX assignments_unpaid_due ON assignments (employee_id, unpaid_due_on, client_id) WHERE ended_on IS NULL;
CREATE INDEX assignments_head_meeting ON assignments (employee_id, client_id, started_on) WHERE ended_on IS NULL AND head_meeting;
CREATE INDEX receivables_unpaid ON receivables (client_id, due_on) WHERE paid_on IS NULL;
-- Developments counted per rep and start (the reports owed) from the index alone.
DROP INDEX assignments_development_open;
CREATE INDEX assignments_development_open ON assignments (employee_id, started_on) WHERE ended_on IS NULL AND kind = 'development';
CREATE INDEX assignments_plan_stale ON assignments (client_id) WHERE plan_stale;
CREATE INDEX deals_owner_open ON deals (owner_id, expected_close_on) WHERE stage = 'open';

CREATE TRIGGER activities_plan_stale_insert AFTER INSERT ON activities
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE client_id = NEW.client_id AND ended_on IS NULL AND NOT plan_stale; END;
CREATE TRIGGER activities_plan_stale_update AFTER UPDATE OF occurred_at, client_id ON activities
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE client_id IN (OLD.client_id, NEW.client_id) AND ended_on IS NULL AND NOT plan_stale; END;
CREATE TRIGGER activities_plan_stale_delete AFTER DELETE ON activities
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE client_id = OLD.client_id AND ended_on IS NULL AND NOT plan_stale; END;
CREATE TRIGGER tasks_plan_stale_insert AFTER INSERT ON tasks
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE client_id = NEW.client_id AND ended_on IS NULL AND NOT plan_stale; END;
CREATE TRIGGER tasks_plan_stale_update AFTER UPDATE OF due_on, status, client_id ON tasks
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE client_id IN (OLD.client_id, NEW.client_id) AND ended_on IS NULL AND NOT plan_stale; END;
CREATE TRIGGER tasks_plan_stale_delete AFTER DELETE ON tasks
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE client_id = OLD.client_id AND ended_on IS NULL AND NOT plan_stale; END;
CREATE TRIGGER receivables_plan_stale_insert AFTER INSERT ON receivables
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE client_id = NEW.client_id AND ended_on IS NULL AND NOT plan_stale; END;
CREATE TRIGGER receivables_plan_stale_update AFTER UPDATE OF due_on, paid_on, client_id ON receivables
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE client_id IN (OLD.client_id, NEW.client_id) AND ended_on IS NULL AND NOT plan_stale; END;
CREATE TRIGGER receivables_plan_stale_delete AFTER DELETE ON receivables
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE client_id = OLD.client_id AND ended_on IS NULL AND NOT plan_stale; END;
CREATE TRIGGER clients_plan_stale_tier AFTER UPDATE OF tier, potential_minor ON clients
WHEN OLD.tier IS NOT NEW.tier OR OLD.potential_minor IS NOT NEW.potential_minor
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE client_id = NEW.id AND ended_on IS NULL AND NOT plan_stale; END;
CREATE TRIGGER assignments_plan_stale_start AFTER UPDATE OF started_on ON assignments
BEGIN UPDATE assignments SET plan_stale = TRUE WHERE id = NEW.id; END;
