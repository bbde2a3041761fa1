-- Each employee's private calendar feed (/ical/{secret}.ics): only the secret's hash is kept;
-- issuing a new one replaces it, revoking deletes it, and either ends the old address at once.
CREATE TABLE calendar_feeds (
    employee_id TEXT PRIMARY KEY REFERENCES employees (id),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
