-- Handover and departure: transfers with their checklists, the offboarding playbook, the
-- outbox of notices, and the language a client is written to in.
-- Keep in step with ../sqlite/0004_handover.sql.

ALTER TABLE clients ADD COLUMN language TEXT NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en'));

CREATE TABLE outbox (
    id              UUID PRIMARY KEY,
    kind            TEXT NOT NULL,
    to_address      TEXT NOT NULL,
    to_name         TEXT NOT NULL,
    language        TEXT NOT NULL CHECK (language IN ('ru', 'en')),
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    client_id       UUID REFERENCES clients (id),
    employee_id     UUID REFERENCES employees (id),
    cause           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        BIGINT NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until   TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_client ON outbox (client_id);

CREATE TABLE transfers (
    id              UUID PRIMARY KEY,
    cause           TEXT NOT NULL CHECK (cause IN ('manual', 'rotation', 'rebalance', 'offboarding', 'recall')),
    from_id         UUID NOT NULL REFERENCES employees (id),
    effective_on    DATE NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'completed', 'cancelled')),
    note            TEXT NOT NULL,
    development_days BIGINT NOT NULL,
    offboarding_id  UUID,
    created_by      UUID REFERENCES employees (id),
    created_at      TIMESTAMPTZ NOT NULL,
    handed_over_at  TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ,
    cancelled_at    TIMESTAMPTZ,
    cancel_reason   TEXT
);
CREATE INDEX transfers_state ON transfers (state, effective_on);
CREATE INDEX transfers_from ON transfers (from_id);

-- One client of a transfer, with its checklist.
CREATE TABLE transfer_items (
    transfer_id           UUID NOT NULL REFERENCES transfers (id),
    client_id             UUID NOT NULL REFERENCES clients (id),
    to_id                 UUID NOT NULL REFERENCES employees (id),
    kind                  TEXT NOT NULL CHECK (kind IN ('development', 'account')),
    reason                TEXT NOT NULL,
    active                BOOLEAN NOT NULL,
    joint_visit_on        DATE,
    joint_visit_done_on   DATE,
    documents             TEXT NOT NULL,
    documents_from_at     TIMESTAMPTZ,
    documents_to_at       TIMESTAMPTZ,
    receivables           TEXT,
    receivables_total     BIGINT,
    from_total            BIGINT,
    to_total              BIGINT,
    receivables_note      TEXT,
    receivables_closed_at TIMESTAMPTZ,
    departments_notified_at TIMESTAMPTZ,
    client_notified_at    TIMESTAMPTZ,
    client_notices        BIGINT NOT NULL,
    questions             TEXT NOT NULL,
    questions_accepted_at TIMESTAMPTZ,
    handed_over_at        TIMESTAMPTZ,
    PRIMARY KEY (transfer_id, client_id)
);
-- A client is in at most one transfer that is not finished.
CREATE UNIQUE INDEX transfer_items_one_active ON transfer_items (client_id) WHERE active;
CREATE INDEX transfer_items_to ON transfer_items (to_id);

CREATE TABLE offboardings (
    id           UUID PRIMARY KEY,
    employee_id  UUID NOT NULL REFERENCES employees (id),
    last_day     DATE NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('active', 'completed', 'cancelled')),
    created_by   UUID REFERENCES employees (id),
    created_at   TIMESTAMPTZ NOT NULL,
    applied_at   TIMESTAMPTZ,
    completed_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX offboardings_one_active ON offboardings (employee_id) WHERE state = 'active';

-- One client of a leaver's book: where it goes, how much is at risk, what is offered.
CREATE TABLE offboarding_items (
    offboarding_id     UUID NOT NULL REFERENCES offboardings (id),
    client_id          UUID NOT NULL REFERENCES clients (id),
    proposed_to        UUID REFERENCES employees (id),
    override_to        UUID REFERENCES employees (id),
    proposal           TEXT NOT NULL,
    risk_score         BIGINT NOT NULL,
    risk               TEXT NOT NULL,
    revenue_12m        BIGINT NOT NULL,
    retention          TEXT,
    retention_by       UUID REFERENCES employees (id),
    transfer_id        UUID REFERENCES transfers (id),
    PRIMARY KEY (offboarding_id, client_id)
);
