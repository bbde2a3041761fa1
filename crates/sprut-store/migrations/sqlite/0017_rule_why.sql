-- The rotation's rule and figures behind a holding's start and end, as JSON, so a page says
-- them in its reader's language; the explanation keeps the English line for the API.
ALTER TABLE assignments ADD COLUMN why TEXT;
ALTER TABLE assignments ADD COLUMN end_why TEXT;
