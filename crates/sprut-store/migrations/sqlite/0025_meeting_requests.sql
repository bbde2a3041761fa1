-- Requests to meet a client (article 000): who asks, the holder who answers, the dates proposed
-- (a JSON list), and the answer with its reason; `red_flag` marks an answer that raised one.
CREATE TABLE meeting_requests (
    id           TEXT PRIMARY KEY,
    client_id    TEXT NOT NULL REFERENCES clients (id),
    requested_by TEXT NOT NULL REFERENCES employees (id),
    holder_id    TEXT NOT NULL REFERENCES employees (id),
    purpose      TEXT NOT NULL,
    proposed_on  TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'postponed', 'declined', 'withdrawn')),
    agreed_on    TEXT,
    reason       TEXT,
    red_flag     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    answered_at  TEXT
);
CREATE INDEX meeting_requests_client ON meeting_requests (client_id, created_at);
CREATE INDEX meeting_requests_holder ON meeting_requests (holder_id, state);
CREATE INDEX meeting_requests_asker ON meeting_requests (requested_by, created_at);
