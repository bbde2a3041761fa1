-- The daily rotation reads these from the index alone: a rep's development load, and a
-- client's won deals by date (stage is a column so the partial index covers the query).
CREATE INDEX assignments_development_open ON assignments (employee_id) WHERE ended_on IS NULL AND kind = 'development';
DROP INDEX deals_won;
CREATE INDEX deals_won ON deals (client_id, closed_on, stage) WHERE stage = 'won';
