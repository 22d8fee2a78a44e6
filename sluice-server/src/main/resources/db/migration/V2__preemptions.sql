-- A job the scheduler stopped to make room goes back to PENDING: how many times that happened, and the
-- GPU- and CPU-milli-milliseconds it had used in its runs before (kept for accounting).
ALTER TABLE jobs ADD COLUMN preemptions INT DEFAULT 0 NOT NULL;
ALTER TABLE jobs ADD COLUMN earlier_gpu_milli_ms BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE jobs ADD COLUMN earlier_cpu_milli_ms BIGINT DEFAULT 0 NOT NULL;
