-- A job's walltime (past it the job is stopped) and minimum runtime (before it no reclaim or preemption stops it),
-- in seconds; 0: not set.
ALTER TABLE jobs ADD COLUMN walltime_seconds BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE jobs ADD COLUMN min_runtime_seconds BIGINT DEFAULT 0 NOT NULL;
