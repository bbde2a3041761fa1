-- sprut schema, SQLite flavour. Ids are UUID text, dates ISO text, timestamps UTC text,
-- money integer minor units. Keep in step with ../postgres/0001_init.sql.

CREATE TABLE teams (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    head_id     TEXT REFERENCES employees (id),
    created_at  TEXT NOT NULL
);

CREATE TABLE employees (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('admin', 'head', 'rep', 'staff', 'auditor')),
    department     TEXT CHECK (department IN ('logistics', 'accounting', 'legal', 'support', 'contracts')),
    team_id        TEXT REFERENCES teams (id),
    region         TEXT,
    capacity       INTEGER NOT NULL CHECK (capacity >= 0),
    specialisation TEXT CHECK (specialisation IN ('hunter', 'farmer')),
    status         TEXT NOT NULL CHECK (status IN ('active', 'absent', 'departing', 'departed')),
    last_day       TEXT,
    language       TEXT NOT NULL CHECK (language IN ('ru', 'en')),
    password_hash  TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX employees_team ON employees (team_id);
CREATE INDEX employees_sort ON employees (name_key, id);

CREATE TABLE clients (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    search_key      TEXT NOT NULL,
    legal_id        TEXT UNIQUE,
    parent_id       TEXT REFERENCES clients (id),
    segment         TEXT,
    region          TEXT,
    tier            TEXT NOT NULL CHECK (tier IN ('key', 'regular', 'small')),
    potential_minor INTEGER NOT NULL CHECK (potential_minor >= 0),
    currency        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('active', 'archived')),
    address         TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX clients_sort ON clients (search_key, id);
CREATE INDEX clients_parent ON clients (parent_id);

CREATE TABLE contacts (
    id             TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES clients (id),
    name           TEXT NOT NULL,
    position       TEXT,
    phones         TEXT NOT NULL,
    emails         TEXT NOT NULL,
    decision_maker INTEGER NOT NULL,
    consent        INTEGER NOT NULL,
    verified_at    TEXT,
    verified_by    TEXT REFERENCES employees (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX contacts_client ON contacts (client_id);

CREATE TABLE assignments (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    employee_id TEXT NOT NULL REFERENCES employees (id),
    kind        TEXT NOT NULL CHECK (kind IN ('development', 'account')),
    started_on  TEXT NOT NULL,
    due_on      TEXT,
    ended_on    TEXT,
    end_reason  TEXT CHECK (end_reason IN ('released', 'recalled', 'transferred', 'converted', 'archived', 'departed')),
    decided_by  TEXT REFERENCES employees (id),
    explanation TEXT NOT NULL,
    end_explanation TEXT,
    created_at  TEXT NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= started_on),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL))
);
-- At most one open assignment per client, enforced by the database itself.
CREATE UNIQUE INDEX assignments_one_open ON assignments (client_id) WHERE ended_on IS NULL;
CREATE INDEX assignments_client ON assignments (client_id, started_on);
CREATE INDEX assignments_holder_open ON assignments (employee_id) WHERE ended_on IS NULL;

CREATE TABLE deals (
    id           TEXT PRIMARY KEY,
    client_id    TEXT NOT NULL REFERENCES clients (id),
    title        TEXT NOT NULL,
    stage        TEXT NOT NULL CHECK (stage IN ('open', 'won', 'lost')),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT NOT NULL,
    opened_on    TEXT NOT NULL,
    closed_on    TEXT,
    credited_to  TEXT REFERENCES employees (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX deals_client ON deals (client_id);

CREATE TABLE activities (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'visit', 'proposal', 'note')),
    occurred_at TEXT NOT NULL,
    author_id   TEXT REFERENCES employees (id),
    contact_ids TEXT NOT NULL,
    outcome     TEXT,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX activities_client ON activities (client_id, occurred_at);

CREATE TABLE receivables (
    id           TEXT PRIMARY KEY,
    client_id    TEXT NOT NULL REFERENCES clients (id),
    number       TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    paid_on      TEXT
);
CREATE INDEX receivables_client ON receivables (client_id);

CREATE TABLE account_members (
    client_id   TEXT NOT NULL REFERENCES clients (id),
    department  TEXT NOT NULL CHECK (department IN ('logistics', 'accounting', 'legal', 'support', 'contracts')),
    employee_id TEXT NOT NULL REFERENCES employees (id),
    since       TEXT NOT NULL,
    PRIMARY KEY (client_id, department)
);
CREATE INDEX account_members_employee ON account_members (employee_id);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees (id),
    csrf_token  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX sessions_employee ON sessions (employee_id);

CREATE TABLE api_tokens (
    id          TEXT PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees (id),
    token_hash  TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit_events (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    TEXT,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT,
    ip          TEXT,
    user_agent  TEXT,
    details     TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id);
