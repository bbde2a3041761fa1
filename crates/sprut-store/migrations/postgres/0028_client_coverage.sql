-- The coverage score of each client (article 004: octopus or drip) as the nightly count keeps
-- it, so the client list filters and sorts by it a page at a time. 0–100 is a score; 101 means
-- not counted yet (a client added since the last count), which sorts after every score.
ALTER TABLE clients ADD COLUMN coverage_score BIGINT NOT NULL DEFAULT 101;
CREATE INDEX clients_coverage ON clients (coverage_score, search_key, id);
