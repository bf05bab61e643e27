-- The server's API tokens live in the database: before this version they were a file in each
-- server's data directory, so a standby that took over a PostgreSQL database (homeostat server
-- --standby), or any server started on another data directory, knew none of the tokens operators
-- and agents held. Only SHA-256 hashes of the secrets are stored (a secret is 256 random bits). At
-- its first start on this version each server adds the tokens of its data directory's file here,
-- but for a name the table holds already, and renames the file tokens.imported.
CREATE TABLE api_token (
    -- sha-256 of the secret, 64 lower-case hex digits
    token_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    -- viewer, operator or admin
    role        VARCHAR(16)  NOT NULL,
    -- the order the tokens were made in, as listed
    seq         INTEGER      NOT NULL,
    CONSTRAINT api_token_name UNIQUE (name)
);
