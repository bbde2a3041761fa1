-- A rep's scorecard reads all his development periods, ended ones too, and his weekly
-- reports; without these it read every assignment and every report of the company.
CREATE INDEX assignments_holder ON assignments (employee_id, kind, started_on);
CREATE INDEX status_reports_author ON status_reports (employee_id, week);
