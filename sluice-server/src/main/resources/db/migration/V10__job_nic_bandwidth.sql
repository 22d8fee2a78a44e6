-- NIC bandwidth a job asks for, in Mbit/s (0: none), and whether it must be RDMA (InfiniBand or RoCE).
ALTER TABLE jobs ADD COLUMN nic_bandwidth_mbps BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE jobs ADD COLUMN rdma BOOLEAN DEFAULT FALSE NOT NULL;
