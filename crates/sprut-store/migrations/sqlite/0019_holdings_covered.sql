-- A team's open holdings read from the index alone: the weekly reports a head's review and
-- the missing-reports list check are owed for every open development of the team's reps.
CREATE INDEX assignments_held_covered ON assignments (employee_id, kind, ended_on, client_id, started_on);
