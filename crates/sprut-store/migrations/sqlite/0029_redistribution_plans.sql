-- Redistribution plans (article 000): a head's preview of which clients move to balance his
-- team's book, kept with the book it was made on (its apply is refused when that book changed)
-- and, once applied, the plan its transfers belong to (the transfer report groups by it).
CREATE TABLE redistribution_plans (
    id           TEXT PRIMARY KEY,
    team_id      TEXT NOT NULL REFERENCES teams (id),
    made_on      TEXT NOT NULL,
    moves        INTEGER NOT NULL,
    clients      INTEGER NOT NULL,
    plan         TEXT NOT NULL,
    book         TEXT,
    created_by   TEXT REFERENCES employees (id),
    created_at   TEXT NOT NULL,
    applied_at   TEXT,
    effective_on TEXT
);
CREATE INDEX redistribution_plans_team ON redistribution_plans (team_id, created_at);
ALTER TABLE transfers ADD COLUMN redistribution_id TEXT REFERENCES redistribution_plans (id);
CREATE INDEX transfers_redistribution ON transfers (redistribution_id) WHERE redistribution_id IS NOT NULL;
