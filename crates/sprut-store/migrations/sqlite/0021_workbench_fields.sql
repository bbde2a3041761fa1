-- The daily workbench's fields: the part a contact plays in the client's decisions, and where an
-- open deal stands in the funnel and when it is expected to close.
ALTER TABLE contacts ADD COLUMN level TEXT NOT NULL DEFAULT 'other';
UPDATE contacts SET level = CASE
    WHEN decision_maker THEN 'decision_maker'
    WHEN function = 'billing' THEN 'accountant'
    WHEN function = 'delivery' THEN 'logistics'
    WHEN function = 'legal' THEN 'lawyer'
    ELSE 'other' END;
ALTER TABLE deals ADD COLUMN phase TEXT NOT NULL DEFAULT 'new';
ALTER TABLE deals ADD COLUMN expected_close_on TEXT;
CREATE INDEX deals_open_expected ON deals (expected_close_on) WHERE stage = 'open';
