-- Claiming takes the oldest due jobs of one status: with this index the store walks that status's
-- jobs in id order and stops at the few it needs, instead of reading every older job (done ones
-- included) on each claim. Portable SQL: H2 2.x and PostgreSQL.
CREATE INDEX triage_job_by_status_id ON triage_job (status, id);
