-- Every deal keeps who works it, whatever its stage (an import kept only the owners of won
-- deals, as their credit). Deals closed before this keep their credit as their owner.
ALTER TABLE deals ADD COLUMN owner_id TEXT REFERENCES employees (id);
UPDATE deals SET owner_id = credited_to WHERE owner_id IS NULL;
CREATE INDEX deals_owner ON deals (owner_id);
