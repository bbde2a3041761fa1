-- Every deal keeps who works it, whatever its stage (an import kept only the owners of won
-- deals, as their credit). Deals closed before this keep their credit as their owner.
ALTER TABLE deals ADD COLUMN owner_id UUID REFERENCES employees (id);
UPDATE deals SET owner_id = credited_to WHERE owner_id IS NULL;
CREATE INDEX deals_owner ON deals (owner_id);
-- A migrated deal whose record was created after it closed has no known opening date: it
-- opens on its close date and stays out of the sales-cycle sample.
ALTER TABLE deals ADD COLUMN opened_known BOOLEAN NOT NULL DEFAULT TRUE;
CREATE INDEX deals_opening_unknown ON deals (opened_on) WHERE opened_known = FALSE;
