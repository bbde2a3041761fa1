-- CRM spot checks (article 000): the contacts drawn each week with the draw's seed, who checks
-- each and what was found; an investigation of every contact found wrong, with who wrote the
-- data (from the audit log), the holder's explanation and the head's finding.
CREATE TABLE spot_checks (
    id               TEXT PRIMARY KEY,
    week             TEXT NOT NULL,
    seed             TEXT NOT NULL,
    contact_id       TEXT NOT NULL REFERENCES contacts (id),
    client_id        TEXT NOT NULL REFERENCES clients (id),
    holder_id        TEXT NOT NULL REFERENCES employees (id),
    verifier_id      TEXT NOT NULL REFERENCES employees (id),
    weight           BIGINT NOT NULL,
    outcome          TEXT,
    note             TEXT,
    checked_on       TEXT,
    investigation_id TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX spot_checks_contact ON spot_checks (contact_id, week);
CREATE INDEX spot_checks_verifier ON spot_checks (verifier_id, week);
CREATE INDEX spot_checks_client ON spot_checks (client_id);
CREATE INDEX spot_checks_week ON spot_checks (week);

CREATE TABLE investigations (
    id          TEXT PRIMARY KEY,
    check_id    TEXT NOT NULL REFERENCES spot_checks (id),
    contact_id  TEXT NOT NULL REFERENCES contacts (id),
    client_id   TEXT NOT NULL REFERENCES clients (id),
    holder_id   TEXT NOT NULL REFERENCES employees (id),
    outcome     TEXT NOT NULL,
    note        TEXT,
    history     TEXT NOT NULL,
    explanation TEXT,
    finding     TEXT,
    correction  TEXT,
    opened_on   TEXT NOT NULL,
    closed_on   TEXT,
    closed_by   TEXT REFERENCES employees (id),
    updated_at  TEXT NOT NULL
);
CREATE INDEX investigations_client ON investigations (client_id);
CREATE INDEX investigations_holder ON investigations (holder_id, closed_on);
