-- "Needs a look": a report too thin to decide, scored just below a signature's match threshold.
-- It is listed for maintainers on /review and never shown on the issue: no comment, no label;
-- its labels are only suggested. Portable SQL: H2 2.x and PostgreSQL.
ALTER TABLE review_suggestion ADD COLUMN needs_look BOOLEAN DEFAULT FALSE NOT NULL;
