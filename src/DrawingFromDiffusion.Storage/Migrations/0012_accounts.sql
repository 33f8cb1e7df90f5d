-- Accounts of `dfd serve` on a network, and the audit log of what people changed. Password hashes are
-- pbkdf2-sha256$ITERATIONS$SALT$HASH (Core/Accounts/PasswordHash); the role is viewer, curator or admin.
CREATE TABLE users (
    name          TEXT    PRIMARY KEY COLLATE NOCASE,
    role          TEXT    NOT NULL CHECK (role IN ('viewer', 'curator', 'admin')),
    password_hash TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);

-- Who did what to what, and when; kept when the user is removed (user is a name, not a reference).
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT    NOT NULL,
    user   TEXT    NOT NULL,
    action TEXT    NOT NULL,
    target TEXT    NOT NULL
);
