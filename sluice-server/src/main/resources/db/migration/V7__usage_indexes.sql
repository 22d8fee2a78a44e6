-- GET /api/v1/usage reads only the jobs that ever started (started_at) or were stopped and requeued (preemptions):
-- with a deep queue most jobs are neither, and these indexes keep it from reading them.
CREATE INDEX jobs_by_start ON jobs (started_at);
CREATE INDEX jobs_by_preemptions ON jobs (preemptions);
