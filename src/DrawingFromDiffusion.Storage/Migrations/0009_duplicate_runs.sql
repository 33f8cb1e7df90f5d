-- Stored duplicate groups (`dfd dupes`, `dfd export`, `dfd serve`): one row per settings, with the catalog state
-- they were computed on. A reader reuses the groups while the state still matches and recomputes otherwise.
CREATE TABLE duplicate_runs (
    settings      TEXT PRIMARY KEY,   -- tiers and thresholds, as one text
    catalog_state TEXT NOT NULL,      -- DuplicateRunStore.CatalogState() when computed
    groups_json   TEXT NOT NULL,      -- the groups, keeper first
    note          TEXT,
    created_at    TEXT NOT NULL
);

-- A counter every change to what the groups depend on moves (files, vectors, generation records): part of the
-- catalog state. A rescan that only marks files as seen (last_scan_id) leaves it alone.
CREATE TABLE catalog_changes (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    counter INTEGER NOT NULL
);
INSERT INTO catalog_changes (id, counter) VALUES (1, 0);
CREATE TRIGGER files_inserted AFTER INSERT ON files BEGIN UPDATE catalog_changes SET counter = counter + 1; END;
CREATE TRIGGER files_deleted AFTER DELETE ON files BEGIN UPDATE catalog_changes SET counter = counter + 1; END;
CREATE TRIGGER files_changed AFTER UPDATE OF path, image_id, size, mtime_ticks ON files BEGIN UPDATE catalog_changes SET counter = counter + 1; END;
CREATE TRIGGER embeddings_inserted AFTER INSERT ON embeddings BEGIN UPDATE catalog_changes SET counter = counter + 1; END;
CREATE TRIGGER embeddings_deleted AFTER DELETE ON embeddings BEGIN UPDATE catalog_changes SET counter = counter + 1; END;
CREATE TRIGGER generation_inserted AFTER INSERT ON generation BEGIN UPDATE catalog_changes SET counter = counter + 1; END;
CREATE TRIGGER generation_deleted AFTER DELETE ON generation BEGIN UPDATE catalog_changes SET counter = counter + 1; END;
CREATE TRIGGER generation_changed AFTER UPDATE ON generation BEGIN UPDATE catalog_changes SET counter = counter + 1; END;
