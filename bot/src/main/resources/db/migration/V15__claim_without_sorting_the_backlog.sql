-- Claiming takes the oldest due jobs in id order. With a backlog H2 preferred the (status, run_at)
-- index, since the condition names both columns, and then sorted every due job by id to take eight:
-- each claim cost as much as the backlog was long (4.5 MB of garbage per claim over a run). The
-- claim now sorts by (status, id), which H2 reads from that index and stops at the few it needs
-- (JobQueue). This index was read only by the claim, so it goes: every insert and status change
-- updates one index less. Portable SQL: H2 2.x and PostgreSQL.
DROP INDEX triage_job_due;
