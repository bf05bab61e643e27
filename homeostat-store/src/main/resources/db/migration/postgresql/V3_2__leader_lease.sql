-- The leader lease of the distributed mode (JdbcLease), PostgreSQL only: H2 is the embedded,
-- single-process mode, where there is nobody to lead. One row per lease name; the row stays when
-- the lease is released (holder and expires_at NULL), so its fencing token only ever grows.
-- Expiry is judged by the database's clock, so the replicas' clocks need not agree.
CREATE TABLE leader_lease (
    name        VARCHAR(200)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(200),
    token       BIGINT        NOT NULL CHECK (token > 0),
    expires_at  TIMESTAMP WITH TIME ZONE,
    CHECK ((holder IS NULL) = (expires_at IS NULL))
);
