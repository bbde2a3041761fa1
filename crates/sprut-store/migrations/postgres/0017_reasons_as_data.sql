-- The rules' reasons as JSON beside their English lines, so a page says them in its reader's
-- language: the rotation's rule and figures behind a holding's start and end and behind its
-- decisions, a transfer's sides, and why the departure playbook proposed a receiver.
ALTER TABLE assignments ADD COLUMN why TEXT;
ALTER TABLE assignments ADD COLUMN end_why TEXT;
ALTER TABLE offboarding_items ADD COLUMN proposal_why TEXT;
ALTER TABLE rotation_decisions ADD COLUMN why TEXT;
