-- The rules' reasons as JSON beside their English lines, so a page says them in its reader's
-- language: the rotation's rule and figures behind a holding's start and end, and why the
-- departure playbook proposed a receiver.
ALTER TABLE assignments ADD COLUMN why TEXT;
ALTER TABLE assignments ADD COLUMN end_why TEXT;
ALTER TABLE offboarding_items ADD COLUMN proposal_why TEXT;
