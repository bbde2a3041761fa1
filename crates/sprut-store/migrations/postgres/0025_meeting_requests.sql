-- Requests to meet a client (article 000): who asks, the holder who answers, the dates proposed
-- (a JSON list), and the answer with its reason; `red_flag` marks an answer that raised one.
CREATE TABLE meeting_requests (
    id           UUID PRIMARY KEY,
    client_id    UUID NOT NULL REFERENCES clients (id),
    requested_by UUID NOT NULL REFERENCES employees (id),
    holder_id    UUID NOT NULL REFERENCES employees (id),
    purpose      TEXT NOT NULL,
    proposed_on  TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'postponed', 'declined', 'withdrawn')),
    agreed_on    DATE,
    reason       TEXT,
    red_flag     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ NOT NULL,
    answered_at  TIMESTAMPTZ
);
CREATE INDEX meeting_requests_client ON meeting_requests (client_id, created_at);
CREATE INDEX meeting_requests_holder ON meeting_requests (holder_id, state);
CREATE INDEX meeting_requests_asker ON meeting_requests (requested_by, created_at);
