-- Dead clients and rotation: extensions with a firm date, weekly reports, rests between
-- holders, the head's and the rules' decisions with their figures, and the daily job's runs.
-- Development assignments are rows of `assignments` (kind 'development', due_on).
-- Keep in step with ../sqlite/0003_rotation.sql.

CREATE TABLE extensions (
    id            UUID PRIMARY KEY,
    client_id     UUID NOT NULL REFERENCES clients (id),
    assignment_id UUID NOT NULL REFERENCES assignments (id),
    holder_id     UUID NOT NULL REFERENCES employees (id),
    reason        TEXT NOT NULL CHECK (reason IN ('purchase_cycle', 'budget_period', 'corporate_group', 'state_funding', 'seasonality')),
    text          TEXT NOT NULL,
    until_on      DATE NOT NULL,
    decided_by    UUID REFERENCES employees (id),
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX extensions_assignment ON extensions (assignment_id, until_on);

CREATE TABLE status_reports (
    id              UUID PRIMARY KEY,
    client_id       UUID NOT NULL REFERENCES clients (id),
    employee_id     UUID NOT NULL REFERENCES employees (id),
    week            DATE NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('working', 'postponed', 'hopeless')),
    postponed_until DATE,
    text            TEXT NOT NULL,
    next_step       TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    CHECK ((status = 'postponed') = (postponed_until IS NOT NULL))
);
CREATE UNIQUE INDEX status_reports_week ON status_reports (client_id, employee_id, week);

CREATE TABLE rests (
    id            UUID PRIMARY KEY,
    client_id     UUID NOT NULL REFERENCES clients (id),
    released_by   UUID REFERENCES employees (id),
    from_on       DATE NOT NULL,
    until_on      DATE NOT NULL,
    ended_on      DATE,
    handed_to     UUID REFERENCES employees (id),
    created_at    TIMESTAMPTZ NOT NULL,
    CHECK (until_on >= from_on)
);
-- At most one rest in progress per client.
CREATE UNIQUE INDEX rests_one_open ON rests (client_id) WHERE ended_on IS NULL;
CREATE INDEX rests_due ON rests (until_on) WHERE ended_on IS NULL;

CREATE TABLE rotation_decisions (
    id            UUID PRIMARY KEY,
    client_id     UUID NOT NULL REFERENCES clients (id),
    assignment_id UUID REFERENCES assignments (id),
    kind          TEXT NOT NULL CHECK (kind IN ('extend', 'recall_to_rest', 'recall_to_rep', 'archive', 'release', 'rotate', 'convert')),
    on_date       DATE NOT NULL,
    reason        TEXT NOT NULL,
    decided_by    UUID REFERENCES employees (id),
    rule          TEXT,
    figures       TEXT,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX rotation_decisions_client ON rotation_decisions (client_id, created_at);
CREATE INDEX rotation_decisions_assignment ON rotation_decisions (assignment_id);

CREATE TABLE job_runs (
    job        TEXT NOT NULL,
    day        DATE NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (job, day)
);

CREATE INDEX deals_won ON deals (client_id, closed_on) WHERE stage = 'won';

