-- The base stays with the company: a hash-chained audit log, what staff departments see,
-- card views and paging per day, alerts, and watermarked exports.
-- Keep in step with ../sqlite/0002_security.sql.

ALTER TABLE audit_events ADD COLUMN seq BIGINT;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_events_seq ON audit_events (seq);
CREATE INDEX audit_events_actor ON audit_events (actor_id, at);
CREATE INDEX audit_events_action ON audit_events (action, at);

CREATE TABLE audit_head (
    id   BIGINT PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

ALTER TABLE contacts ADD COLUMN function TEXT NOT NULL DEFAULT 'general'
    CHECK (function IN ('general', 'billing', 'delivery', 'legal', 'support'));

CREATE TABLE card_views (
    employee_id UUID NOT NULL REFERENCES employees (id),
    day         DATE NOT NULL,
    client_id   UUID NOT NULL REFERENCES clients (id),
    PRIMARY KEY (employee_id, day, client_id)
);

CREATE TABLE read_meter (
    employee_id UUID NOT NULL REFERENCES employees (id),
    day         DATE NOT NULL,
    records     BIGINT NOT NULL,
    PRIMARY KEY (employee_id, day)
);

CREATE TABLE alerts (
    id          UUID PRIMARY KEY,
    kind        TEXT NOT NULL,
    employee_id UUID REFERENCES employees (id),
    client_id   UUID REFERENCES clients (id),
    subject_key TEXT NOT NULL,
    day         DATE NOT NULL,
    count       BIGINT NOT NULL,
    summary     TEXT NOT NULL,
    details     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    closed_by   UUID REFERENCES employees (id),
    closed_at   TIMESTAMPTZ,
    note        TEXT
);
CREATE UNIQUE INDEX alerts_once_a_day ON alerts (kind, subject_key, day);
CREATE INDEX alerts_by_status ON alerts (status, day);

CREATE TABLE exports (
    id          UUID PRIMARY KEY,
    employee_id UUID NOT NULL REFERENCES employees (id),
    at          TIMESTAMPTZ NOT NULL,
    entity      TEXT NOT NULL,
    format      TEXT NOT NULL,
    filter      TEXT NOT NULL,
    row_count   BIGINT NOT NULL,
    canaries    BIGINT NOT NULL
);

CREATE TABLE export_canaries (
    token     TEXT NOT NULL,
    export_id UUID NOT NULL REFERENCES exports (id),
    canary    BIGINT NOT NULL,
    PRIMARY KEY (token, export_id)
);
