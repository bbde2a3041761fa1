-- Handover and departure: transfers with their checklists, the offboarding playbook, the
-- outbox of notices, and the language a client is written to in.
-- Keep in step with ../postgres/0004_handover.sql.

ALTER TABLE clients ADD COLUMN language TEXT NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en'));

CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    to_address      TEXT NOT NULL,
    to_name         TEXT NOT NULL,
    language        TEXT NOT NULL CHECK (language IN ('ru', 'en')),
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    client_id       TEXT REFERENCES clients (id),
    employee_id     TEXT REFERENCES employees (id),
    cause           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    claimed_until   TEXT,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_client ON outbox (client_id);

CREATE TABLE transfers (
    id              TEXT PRIMARY KEY,
    cause           TEXT NOT NULL CHECK (cause IN ('manual', 'rotation', 'rebalance', 'offboarding', 'recall')),
    from_id         TEXT NOT NULL REFERENCES employees (id),
    effective_on    TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'completed', 'cancelled')),
    note            TEXT NOT NULL,
    development_days INTEGER NOT NULL,
    offboarding_id  TEXT,
    created_by      TEXT REFERENCES employees (id),
    created_at      TEXT NOT NULL,
    handed_over_at  TEXT,
    completed_at    TEXT,
    cancelled_at    TEXT,
    cancel_reason   TEXT
);
CREATE INDEX transfers_state ON transfers (state, effective_on);
CREATE INDEX transfers_from ON transfers (from_id);

-- One client of a transfer, with its checklist.
CREATE TABLE transfer_items (
    transfer_id           TEXT NOT NULL REFERENCES transfers (id),
    client_id             TEXT NOT NULL REFERENCES clients (id),
    to_id                 TEXT NOT NULL REFERENCES employees (id),
    kind                  TEXT NOT NULL CHECK (kind IN ('development', 'account')),
    reason                TEXT NOT NULL,
    active                INTEGER NOT NULL,
    joint_visit_on        TEXT,
    joint_visit_done_on   TEXT,
    documents             TEXT NOT NULL,
    documents_from_at     TEXT,
    documents_to_at       TEXT,
    receivables           TEXT,
    receivables_total     INTEGER,
    from_total            INTEGER,
    to_total              INTEGER,
    receivables_note      TEXT,
    receivables_closed_at TEXT,
    departments_notified_at TEXT,
    client_notified_at    TEXT,
    client_notices        INTEGER NOT NULL,
    questions             TEXT NOT NULL,
    questions_accepted_at TEXT,
    handed_over_at        TEXT,
    PRIMARY KEY (transfer_id, client_id)
);
-- A client is in at most one transfer that is not finished.
CREATE UNIQUE INDEX transfer_items_one_active ON transfer_items (client_id) WHERE active = 1;
CREATE INDEX transfer_items_to ON transfer_items (to_id);

CREATE TABLE offboardings (
    id           TEXT PRIMARY KEY,
    employee_id  TEXT NOT NULL REFERENCES employees (id),
    last_day     TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('active', 'completed', 'cancelled')),
    created_by   TEXT REFERENCES employees (id),
    created_at   TEXT NOT NULL,
    applied_at   TEXT,
    completed_at TEXT
);
CREATE UNIQUE INDEX offboardings_one_active ON offboardings (employee_id) WHERE state = 'active';

-- One client of a leaver's book: where it goes, how much is at risk, what is offered.
CREATE TABLE offboarding_items (
    offboarding_id     TEXT NOT NULL REFERENCES offboardings (id),
    client_id          TEXT NOT NULL REFERENCES clients (id),
    proposed_to        TEXT REFERENCES employees (id),
    override_to        TEXT REFERENCES employees (id),
    proposal           TEXT NOT NULL,
    risk_score         INTEGER NOT NULL,
    risk               TEXT NOT NULL,
    revenue_12m        INTEGER NOT NULL,
    retention          TEXT,
    retention_by       TEXT REFERENCES employees (id),
    transfer_id        TEXT REFERENCES transfers (id),
    PRIMARY KEY (offboarding_id, client_id)
);
