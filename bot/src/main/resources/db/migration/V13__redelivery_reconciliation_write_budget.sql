-- Missed deliveries and the write budget. Portable SQL: H2 2.x and PostgreSQL.

-- Each failed delivery the bot asked GitHub to redeliver, by GitHub's delivery guid (the
-- X-GitHub-Delivery a redelivery keeps): a guid here is never asked for again, by any replica.
-- outcome: 'requested', or why GitHub refused (e.g. too old to redeliver).
CREATE TABLE webhook_redelivery (
    guid            VARCHAR(100)             NOT NULL PRIMARY KEY,
    attempt_id      BIGINT                   NOT NULL,
    event           VARCHAR(100)             NOT NULL,
    action          VARCHAR(100),
    installation_id BIGINT,
    outcome         VARCHAR(300)             NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Per repository, up to when its issues were compared with the store: the next reconciliation
-- lists the issues updated since then.
CREATE TABLE repository_reconciliation (
    repository       VARCHAR(300)             NOT NULL PRIMARY KEY,
    reconciled_until TIMESTAMP WITH TIME ZONE NOT NULL,
    issues_queued    INTEGER                  NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Content-creating requests (comments, labels, reactions) per installation, counted in 10-second
-- buckets so that every replica sees the same sliding minute and hour. The lock row serialises
-- one installation's writers across replicas while they count.
CREATE TABLE github_write_lock (
    installation_id BIGINT NOT NULL PRIMARY KEY
);
CREATE TABLE github_write_count (
    installation_id BIGINT                   NOT NULL,
    bucket_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    writes          INTEGER                  NOT NULL,
    PRIMARY KEY (installation_id, bucket_start)
);
