-- API tokens expire and record their last use; a token made before this has no expiry
-- stored and expires 90 days after it was made (the store reads it so).
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE api_tokens ADD COLUMN last_used_at TIMESTAMPTZ;
CREATE INDEX api_tokens_employee ON api_tokens (employee_id, created_at);
