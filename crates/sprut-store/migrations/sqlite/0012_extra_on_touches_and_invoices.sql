-- Touches and invoices keep the columns of an imported file no field matches, as clients,
-- contacts and deals do (a JSON object of column title to text).
ALTER TABLE activities ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
ALTER TABLE receivables ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
