-- Redistribution plans (article 000): a head's preview of which clients move to balance his
-- team's book, kept with the book it was made on (its apply is refused when that book changed)
-- and, once applied, the plan its transfers belong to (the transfer report groups by it).
CREATE TABLE redistribution_plans (
    id           UUID PRIMARY KEY,
    team_id      UUID NOT NULL REFERENCES teams (id),
    made_on      DATE NOT NULL,
    moves        BIGINT NOT NULL,
    clients      BIGINT NOT NULL,
    plan         TEXT NOT NULL,
    book         TEXT,
    created_by   UUID REFERENCES employees (id),
    created_at   TIMESTAMPTZ NOT NULL,
    applied_at   TIMESTAMPTZ,
    effective_on DATE
);
CREATE INDEX redistribution_plans_team ON redistribution_plans (team_id, created_at);
ALTER TABLE transfers ADD COLUMN redistribution_id UUID REFERENCES redistribution_plans (id);
CREATE INDEX transfers_redistribution ON transfers (redistribution_id) WHERE redistribution_id IS NOT NULL;
