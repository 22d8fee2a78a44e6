-- The Unix account a user's jobs run as when the control plane runs as root (NULL: its own, or nobody in
-- the sandbox).
ALTER TABLE users ADD COLUMN unix_user VARCHAR(32);
