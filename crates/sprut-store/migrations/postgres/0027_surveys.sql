-- Satisfaction surveys (articles 002, 004): one per consenting contact, reached by a single-use
-- link whose token only the letter holds (its hash here), rating the company and the manager.
CREATE TABLE surveys (
    id             UUID PRIMARY KEY,
    client_id      UUID NOT NULL REFERENCES clients (id),
    contact_id     UUID NOT NULL REFERENCES contacts (id),
    holder_id      UUID NOT NULL REFERENCES employees (id),
    sent_by        UUID NOT NULL REFERENCES employees (id),
    token_hash     TEXT NOT NULL UNIQUE,
    sent_on        DATE NOT NULL,
    expires_on     DATE NOT NULL,
    answered_at    TIMESTAMPTZ,
    company_rating BIGINT,
    manager_rating BIGINT,
    comment        TEXT,
    flagged        BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX surveys_client ON surveys (client_id, sent_on);
CREATE INDEX surveys_holder ON surveys (holder_id);
