-- How many of a job's attempts failed only because GitHub was unreachable, slow or limiting (or
-- refused the installation's credentials). Those are bounded by time (triage.queue.retry-horizon,
-- from created_at), not by triage.queue.max-attempts, which only counts the other attempts:
-- unexpected failures and workers that died mid-job. Version 6.1 so that it sorts before V7.
ALTER TABLE triage_job ADD COLUMN transient_failures INTEGER DEFAULT 0 NOT NULL;
