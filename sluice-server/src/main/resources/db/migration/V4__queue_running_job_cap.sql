-- A queue may cap how many of its jobs run at once (NULL: no cap).
ALTER TABLE queues ADD COLUMN max_running_jobs INT;
