-- The daily record limit counts each record once a day: re-reading one's first page is free.
CREATE TABLE read_meter_seen (
    employee_id TEXT NOT NULL REFERENCES employees (id),
    day         TEXT NOT NULL,
    record      TEXT NOT NULL,
    PRIMARY KEY (employee_id, day, record)
);

-- A head may lift an employee's limit for one day, with a reason (audited).
ALTER TABLE read_meter ADD COLUMN lifted INTEGER NOT NULL DEFAULT 0;
