-- An index change that keeps failing is parked after a number of attempts, with its last error
-- kept in last_error, so that the changes after it (of its repository and of every other one) go
-- on. Parked changes are not tried again until an operator clears parked_at. Portable SQL.
ALTER TABLE similar_index_change ADD COLUMN parked_at TIMESTAMP WITH TIME ZONE;
