-- Figures kept per day: the sales cycle and the transfer report are computed once a day (by the
-- daily job or on the first page that needs them) and read from here while the epoch of their
-- inputs has not moved. Triggers move an epoch in the same transaction as the change.
CREATE TABLE kept_epochs (
    name TEXT PRIMARY KEY,
    n    BIGINT NOT NULL
);
INSERT INTO kept_epochs (name, n) VALUES ('cycle', 0), ('transfers', 0);

CREATE TABLE kept_days (
    kind  TEXT NOT NULL,
    day   DATE NOT NULL,
    epoch BIGINT NOT NULL,
    body  TEXT NOT NULL,
    PRIMARY KEY (kind, day)
);

-- Moves every epoch, or the one named by the trigger's argument.
CREATE FUNCTION move_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE kept_epochs SET n = n + 1 WHERE TG_NARGS = 0 OR name = TG_ARGV[0];
    RETURN NULL;
END
$$;

-- Updates move them only when an input changed; one check per statement, so a bulk update of
-- titles or an open deal's amount leaves the day's figures alone.
CREATE FUNCTION move_kept_if_deals_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
               WHERE (o.stage, o.closed_on, o.opened_on, o.opened_known, o.client_id)
                     IS DISTINCT FROM (n.stage, n.closed_on, n.opened_on, n.opened_known, n.client_id)
                  OR (n.stage = 'won' AND o.amount_minor IS DISTINCT FROM n.amount_minor)) THEN
        UPDATE kept_epochs SET n = n + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION move_kept_if_segments_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
               WHERE o.segment IS DISTINCT FROM n.segment) THEN
        UPDATE kept_epochs SET n = n + 1;
    END IF;
    RETURN NULL;
END
$$;

-- The cycle reads deals and segments; the transfer report reads won deals, segments, transfers.
CREATE TRIGGER deals_move_kept AFTER INSERT OR DELETE ON deals
FOR EACH STATEMENT EXECUTE FUNCTION move_kept();
CREATE TRIGGER deals_move_kept_on_update AFTER UPDATE ON deals
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION move_kept_if_deals_moved();
CREATE TRIGGER clients_move_kept_on_segment AFTER UPDATE ON clients
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION move_kept_if_segments_moved();
CREATE TRIGGER clients_move_kept_on_insert AFTER INSERT ON clients
FOR EACH STATEMENT EXECUTE FUNCTION move_kept('transfers');
CREATE TRIGGER transfers_move_kept AFTER INSERT OR DELETE OR UPDATE OF handed_over_at, to_id, client_id ON transfer_items
FOR EACH STATEMENT EXECUTE FUNCTION move_kept('transfers');
CREATE TRIGGER transfer_dates_move_kept AFTER UPDATE OF cause, effective_on ON transfers
FOR EACH STATEMENT EXECUTE FUNCTION move_kept('transfers');
