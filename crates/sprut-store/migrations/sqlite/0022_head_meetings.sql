-- Quarterly head meetings: a task is a next step or a head's planned meeting, and a meeting or
-- visit may carry the head's checklist (JSON: decision makers met, contacts confirmed, what the
-- client said about the company).
ALTER TABLE tasks ADD COLUMN kind TEXT NOT NULL DEFAULT 'step';
ALTER TABLE activities ADD COLUMN checklist TEXT;
CREATE INDEX tasks_head_meetings ON tasks (client_id) WHERE status = 'open' AND kind = 'head_meeting';
CREATE INDEX activities_checklist ON activities (client_id) WHERE checklist IS NOT NULL;
