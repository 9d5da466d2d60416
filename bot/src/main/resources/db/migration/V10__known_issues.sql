-- Several replicas on one store. Portable SQL: H2 2.x and PostgreSQL.
--
-- The store, not a replica's disk, holds the history the similar-issue index is built from: each
-- known issue's current state, written in the transaction that stores the delivery (or the
-- backfill's page). Each replica's Lucene index is a cache of it, and records in its own commits
-- the repository version it has applied; similar_index_change (V4, V7), whose one applied_at could
-- only serve one replica, is no longer written and empties by retention.

-- Per repository, the version of its newest change. Writers bump it first, in their transaction:
-- the row lock orders the writers of one repository, so a version is visible only once every
-- lower one is, and "everything up to version N" is a sound high-water mark.
CREATE TABLE known_issue_repository (
    repository VARCHAR(300) NOT NULL PRIMARY KEY,
    version    BIGINT       NOT NULL
);

-- The current state of each issue (repository lower-cased). removed: deleted or transferred away,
-- kept as a tombstone so that replicas drop it too. version: the repository version that last
-- changed the row.
CREATE TABLE known_issue (
    repository         VARCHAR(300)             NOT NULL,
    issue_number       INTEGER                  NOT NULL,
    title              TEXT                     NOT NULL,
    body               TEXT                     NOT NULL,
    state              VARCHAR(10)              NOT NULL,
    state_reason       VARCHAR(20),
    -- JSON array of label names
    labels             TEXT                     NOT NULL,
    author_association VARCHAR(40),
    created_at         TIMESTAMP WITH TIME ZONE,
    updated_at         TIMESTAMP WITH TIME ZONE,
    duplicate_of       INTEGER,
    removed            BOOLEAN                  NOT NULL,
    version            BIGINT                   NOT NULL,
    PRIMARY KEY (repository, issue_number)
);

CREATE INDEX known_issue_by_version ON known_issue (repository, version);

-- An issue one replica's index could not take after several attempts, so that the repository's
-- later changes go on there (V7's parking, per replica now). The other replicas are unaffected.
CREATE TABLE similar_index_parked (
    replica      VARCHAR(200)             NOT NULL,
    repository   VARCHAR(300)             NOT NULL,
    issue_number INTEGER                  NOT NULL,
    version      BIGINT                   NOT NULL,
    attempts     INTEGER                  NOT NULL,
    last_error   VARCHAR(2000)            NOT NULL,
    parked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (replica, repository, issue_number, version)
);

-- A backfill runs once per repository across replicas: the replica holding the lease runs it and
-- renews the lease with every page; another one takes it over when the lease lapses.
ALTER TABLE backfill_checkpoint ADD COLUMN leased_by VARCHAR(200);
ALTER TABLE backfill_checkpoint ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE backfill_checkpoint ADD COLUMN last_error VARCHAR(2000);
ALTER TABLE backfill_checkpoint ADD COLUMN rate_reserve INTEGER DEFAULT 500 NOT NULL;
ALTER TABLE backfill_checkpoint ADD COLUMN requested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE backfill_checkpoint DROP CONSTRAINT backfill_checkpoint_status;
ALTER TABLE backfill_checkpoint ADD CONSTRAINT backfill_checkpoint_status
    CHECK (status IN ('requested', 'running', 'done', 'failed'));

-- Backfills done before this version wrote only a replica's disk: run each once more, from the
-- start, so that its history lands in the store.
UPDATE backfill_checkpoint
   SET status = 'requested', since_at = NULL, page = 1, issues_indexed = 0, items_seen = 0;

-- Retention prunes by age.
CREATE INDEX webhook_delivery_by_age ON webhook_delivery (received_at);
CREATE INDEX triage_audit_by_age ON triage_audit (recorded_at);
