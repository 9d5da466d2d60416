-- The newest issue state the bot has acted on, per issue. GitHub does not deliver events in order:
-- a job whose payload shows the issue as it was before this time is older than what the bot's
-- comment already reflects, and is skipped rather than allowed to overwrite it. Portable SQL.
CREATE TABLE issue_watermark (
    issue_key   VARCHAR(400)             NOT NULL PRIMARY KEY,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
