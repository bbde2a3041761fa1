-- sprut schema, PostgreSQL flavour. Ids are uuid, dates date, timestamps timestamptz,
-- money integer minor units. Keep in step with ../sqlite/0001_init.sql.

CREATE TABLE teams (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    head_id     UUID,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE employees (
    id             UUID PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    name_key       TEXT COLLATE "C" NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'head', 'rep', 'staff', 'auditor')),
    department     TEXT CHECK (department IN ('logistics', 'accounting', 'legal', 'support', 'contracts')),
    team_id        UUID REFERENCES teams (id),
    region         TEXT,
    capacity       BIGINT NOT NULL CHECK (capacity >= 0),
    specialisation TEXT CHECK (specialisation IN ('hunter', 'farmer')),
    status         TEXT NOT NULL CHECK (status IN ('active', 'absent', 'departing', 'departed')),
    last_day       DATE,
    language       TEXT NOT NULL CHECK (language IN ('ru', 'en')),
    password_hash  TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
ALTER TABLE teams ADD CONSTRAINT teams_head_fk FOREIGN KEY (head_id) REFERENCES employees (id);
CREATE INDEX employees_team ON employees (team_id);
CREATE INDEX employees_sort ON employees (name_key, id);

CREATE TABLE clients (
    id              UUID PRIMARY KEY,
    name            TEXT NOT NULL,
    search_key      TEXT COLLATE "C" NOT NULL,
    legal_id        TEXT UNIQUE,
    parent_id       UUID REFERENCES clients (id),
    segment         TEXT,
    region          TEXT,
    tier            TEXT NOT NULL CHECK (tier IN ('key', 'regular', 'small')),
    potential_minor BIGINT NOT NULL CHECK (potential_minor >= 0),
    currency        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('active', 'archived')),
    address         TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX clients_sort ON clients (search_key, id);
CREATE INDEX clients_parent ON clients (parent_id);

CREATE TABLE contacts (
    id             UUID PRIMARY KEY,
    client_id      UUID NOT NULL REFERENCES clients (id),
    name           TEXT NOT NULL,
    position       TEXT,
    phones         TEXT NOT NULL,
    emails         TEXT NOT NULL,
    decision_maker BOOLEAN NOT NULL,
    consent        BOOLEAN NOT NULL,
    verified_at    TIMESTAMPTZ,
    verified_by    UUID REFERENCES employees (id),
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX contacts_client ON contacts (client_id);

CREATE TABLE assignments (
    id          UUID PRIMARY KEY,
    client_id   UUID NOT NULL REFERENCES clients (id),
    employee_id UUID NOT NULL REFERENCES employees (id),
    kind        TEXT NOT NULL CHECK (kind IN ('development', 'account')),
    started_on  DATE NOT NULL,
    due_on      DATE,
    ended_on    DATE,
    end_reason  TEXT CHECK (end_reason IN ('released', 'recalled', 'transferred', 'converted', 'archived', 'departed')),
    decided_by  UUID REFERENCES employees (id),
    explanation TEXT NOT NULL,
    end_explanation TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= started_on),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL))
);
-- At most one open assignment per client, enforced by the database itself.
CREATE UNIQUE INDEX assignments_one_open ON assignments (client_id) WHERE ended_on IS NULL;
CREATE INDEX assignments_client ON assignments (client_id, started_on);
CREATE INDEX assignments_holder_open ON assignments (employee_id) WHERE ended_on IS NULL;

CREATE TABLE deals (
    id           UUID PRIMARY KEY,
    client_id    UUID NOT NULL REFERENCES clients (id),
    title        TEXT NOT NULL,
    stage        TEXT NOT NULL CHECK (stage IN ('open', 'won', 'lost')),
    amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT NOT NULL,
    opened_on    DATE NOT NULL,
    closed_on    DATE,
    credited_to  UUID REFERENCES employees (id),
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX deals_client ON deals (client_id);

CREATE TABLE activities (
    id          UUID PRIMARY KEY,
    client_id   UUID NOT NULL REFERENCES clients (id),
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'visit', 'proposal', 'note')),
    occurred_at TIMESTAMPTZ NOT NULL,
    author_id   UUID REFERENCES employees (id),
    contact_ids TEXT NOT NULL,
    outcome     TEXT,
    text        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX activities_client ON activities (client_id, occurred_at);

CREATE TABLE receivables (
    id           UUID PRIMARY KEY,
    client_id    UUID NOT NULL REFERENCES clients (id),
    number       TEXT NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT NOT NULL,
    issued_on    DATE NOT NULL,
    due_on       DATE NOT NULL,
    paid_on      DATE
);
CREATE INDEX receivables_client ON receivables (client_id);

CREATE TABLE account_members (
    client_id   UUID NOT NULL REFERENCES clients (id),
    department  TEXT NOT NULL CHECK (department IN ('logistics', 'accounting', 'legal', 'support', 'contracts')),
    employee_id UUID NOT NULL REFERENCES employees (id),
    since       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client_id, department)
);
CREATE INDEX account_members_employee ON account_members (employee_id);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    employee_id UUID NOT NULL REFERENCES employees (id),
    csrf_token  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_employee ON sessions (employee_id);

CREATE TABLE api_tokens (
    id          UUID PRIMARY KEY,
    employee_id UUID NOT NULL REFERENCES employees (id),
    token_hash  TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit_events (
    id          UUID PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor_id    UUID,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT,
    ip          TEXT,
    user_agent  TEXT,
    details     TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id);
