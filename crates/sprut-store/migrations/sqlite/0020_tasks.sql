-- Next steps: what one employee must do for a client by a date. A touch may set one; the open
-- ones move with the client when it changes hands. A touch also names who else of ours took part.
ALTER TABLE activities ADD COLUMN participant_ids TEXT NOT NULL DEFAULT '[]';

CREATE TABLE tasks (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL REFERENCES clients (id),
    owner_id    TEXT NOT NULL REFERENCES employees (id),
    title       TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
    activity_id TEXT REFERENCES activities (id),
    created_by  TEXT REFERENCES employees (id),
    created_at  TEXT NOT NULL,
    closed_at   TEXT
);
CREATE INDEX tasks_client ON tasks (client_id, status);
CREATE INDEX tasks_owner_open ON tasks (owner_id, due_on) WHERE status = 'open';
