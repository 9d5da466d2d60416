-- At most one running job per issue, across every worker and replica: a job being claimed copies
-- its issue into running_issue, and the unique index refuses a second claim for the same issue
-- (NULLs, i.e. jobs not running or not about an issue, never collide). Runs on H2 and PostgreSQL.
ALTER TABLE triage_job ADD COLUMN issue_key VARCHAR(400);
ALTER TABLE triage_job ADD COLUMN running_issue VARCHAR(400);
CREATE UNIQUE INDEX triage_job_running_issue ON triage_job (running_issue);
