-- Claiming takes the oldest due jobs in id order. With a backlog H2 preferred the (status, run_at)
-- index, since the condition names both columns, and then sorted every due job by id to take eight:
-- each claim cost as much as the backlog was long, about 4.5 MB of garbage at 20,000 queued. Without
-- it the store walks (status, id) and stops at the few it needs. The claim was its only reader, so
-- every insert and status change also updates one index less. Portable SQL: H2 2.x and PostgreSQL.
DROP INDEX triage_job_due;
