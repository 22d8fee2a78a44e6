-- Whether jobs that may not be preempted may run beyond the queue's deserved quota (TRUE, as before this column).
ALTER TABLE queues ADD COLUMN non_preemptible_above_deserved BOOLEAN DEFAULT TRUE NOT NULL;
