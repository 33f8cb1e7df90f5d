-- Style clusters: the latest `dfd clusters` run. A new run replaces both tables, so export and `dfd serve`
-- always show one consistent assignment. 0004 is left for adherence scores.
CREATE TABLE clusters (
    cluster         INTEGER PRIMARY KEY,
    model_id        TEXT    NOT NULL,
    size            INTEGER NOT NULL,
    medoid_image_id INTEGER REFERENCES images (id) ON DELETE SET NULL,
    label           TEXT    NOT NULL,            -- a short label for people
    terms_json      TEXT    NOT NULL,            -- ["word", …]: distinctive prompt words, then style words
    map_x           REAL,                        -- centre on the 2-D map
    map_y           REAL,
    created_at      TEXT    NOT NULL
);

CREATE TABLE cluster_members (
    image_id   INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    cluster    INTEGER NOT NULL REFERENCES clusters (cluster) ON DELETE CASCADE,
    similarity REAL    NOT NULL,                 -- cosine similarity to the cluster centre
    map_x      REAL    NOT NULL,
    map_y      REAL    NOT NULL
);
CREATE INDEX cluster_members_cluster ON cluster_members (cluster, similarity DESC);
