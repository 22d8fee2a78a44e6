-- Which launch of a job its run directory (process_run_dir) belongs to: recorded, with the run directory, before
-- the process starts, so that a restart after a crash in between finds whatever of it runs. 0: none recorded yet.
ALTER TABLE jobs ADD COLUMN attempt INT DEFAULT 0 NOT NULL;
