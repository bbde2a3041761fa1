-- Satisfaction surveys (articles 002, 004): one per consenting contact, reached by a single-use
-- link whose token only the letter holds (its hash here), rating the company and the manager.
CREATE TABLE surveys (
    id             TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL REFERENCES clients (id),
    contact_id     TEXT NOT NULL REFERENCES contacts (id),
    holder_id      TEXT NOT NULL REFERENCES employees (id),
    sent_by        TEXT NOT NULL REFERENCES employees (id),
    token_hash     TEXT NOT NULL UNIQUE,
    sent_on        TEXT NOT NULL,
    expires_on     TEXT NOT NULL,
    answered_at    TEXT,
    company_rating BIGINT,
    manager_rating BIGINT,
    comment        TEXT,
    flagged        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX surveys_client ON surveys (client_id, sent_on);
CREATE INDEX surveys_holder ON surveys (holder_id);
