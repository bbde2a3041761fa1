-- Columns of an imported file that map to no field are kept per record (a JSON object of
-- column title to text), so an import never loses what a company's file held.
ALTER TABLE clients ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
-- The extra fields' values as the client search compares them (lower case, single spaces).
ALTER TABLE clients ADD COLUMN extra_key TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
ALTER TABLE deals ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
