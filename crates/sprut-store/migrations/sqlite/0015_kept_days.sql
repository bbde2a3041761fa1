-- Figures kept per day: the sales cycle and the transfer report are computed once a day (by the
-- daily job or on the first page that needs them) and read from here while the epoch of their
-- inputs has not moved. Triggers move an epoch in the same transaction as the change.
CREATE TABLE kept_epochs (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
);
INSERT INTO kept_epochs (name, n) VALUES ('cycle', 0), ('transfers', 0);

CREATE TABLE kept_days (
    kind  TEXT NOT NULL,
    day   TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    body  TEXT NOT NULL,
    PRIMARY KEY (kind, day)
);

-- The cycle reads deals and segments; the transfer report reads won deals, segments, transfers.
CREATE TRIGGER deals_move_kept_on_insert AFTER INSERT ON deals
BEGIN UPDATE kept_epochs SET n = n + 1; END;
CREATE TRIGGER deals_move_kept_on_delete AFTER DELETE ON deals
BEGIN UPDATE kept_epochs SET n = n + 1; END;
CREATE TRIGGER deals_move_kept_on_update AFTER UPDATE OF stage, closed_on, opened_on, opened_known, client_id, amount_minor ON deals
WHEN OLD.stage IS NOT NEW.stage OR OLD.closed_on IS NOT NEW.closed_on OR OLD.opened_on IS NOT NEW.opened_on
  OR OLD.opened_known IS NOT NEW.opened_known OR OLD.client_id IS NOT NEW.client_id
  OR (NEW.stage = 'won' AND OLD.amount_minor IS NOT NEW.amount_minor)
BEGIN UPDATE kept_epochs SET n = n + 1; END;
CREATE TRIGGER clients_move_kept_on_segment AFTER UPDATE OF segment ON clients
WHEN OLD.segment IS NOT NEW.segment
BEGIN UPDATE kept_epochs SET n = n + 1; END;
CREATE TRIGGER clients_move_kept_on_insert AFTER INSERT ON clients
BEGIN UPDATE kept_epochs SET n = n + 1 WHERE name = 'transfers'; END;
CREATE TRIGGER transfers_move_kept_on_insert AFTER INSERT ON transfer_items
BEGIN UPDATE kept_epochs SET n = n + 1 WHERE name = 'transfers'; END;
CREATE TRIGGER transfers_move_kept_on_delete AFTER DELETE ON transfer_items
BEGIN UPDATE kept_epochs SET n = n + 1 WHERE name = 'transfers'; END;
CREATE TRIGGER transfers_move_kept_on_update AFTER UPDATE OF handed_over_at, to_id, client_id ON transfer_items
WHEN OLD.handed_over_at IS NOT NEW.handed_over_at OR OLD.to_id IS NOT NEW.to_id OR OLD.client_id IS NOT NEW.client_id
BEGIN UPDATE kept_epochs SET n = n + 1 WHERE name = 'transfers'; END;
CREATE TRIGGER transfer_dates_move_kept AFTER UPDATE OF cause, effective_on ON transfers
WHEN OLD.cause IS NOT NEW.cause OR OLD.effective_on IS NOT NEW.effective_on
BEGIN UPDATE kept_epochs SET n = n + 1 WHERE name = 'transfers'; END;
