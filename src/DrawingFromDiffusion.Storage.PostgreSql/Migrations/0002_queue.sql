-- Work spread over machines (issue 15): named roots so workers with different mount points agree, and a job per
-- file that workers claim with FOR UPDATE SKIP LOCKED under a lease they renew (heartbeat).
CREATE TABLE roots (
    name text PRIMARY KEY,
    path text NOT NULL UNIQUE      -- the canonical path: catalog paths are stored under it, whatever the worker's mount
);

CREATE TABLE jobs (
    id          bigserial PRIMARY KEY,
    root        text   NOT NULL REFERENCES roots (name),
    rel_path    text   NOT NULL,
    size        bigint NOT NULL,
    mtime_ticks bigint NOT NULL,
    state       text   NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    worker      text,
    lease_until timestamptz,
    attempts    integer NOT NULL DEFAULT 0,
    reason      text,
    queued_at   timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    UNIQUE (root, rel_path)
);
CREATE INDEX jobs_claimable ON jobs (id) WHERE state IN ('queued', 'running');

-- One row per completion a worker committed: a job done twice would show twice.
CREATE TABLE job_commits (
    job_id bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    worker text   NOT NULL,
    at     timestamptz NOT NULL DEFAULT now()
);
