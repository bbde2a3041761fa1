-- Import from other CRMs: each imported record's id in its source system, so a second run
-- of the same file updates instead of duplicating; and assignments the import inferred from
-- a current owner rather than read from a history. Keep in step with ../postgres/0005_import.sql.
-- import_ids is kept in its key's order (WITHOUT ROWID): a big import resolves every row's
-- client here, and one b-tree instead of two halves its random page reads.

CREATE TABLE import_ids (
    source      TEXT NOT NULL,
    entity      TEXT NOT NULL CHECK (entity IN ('clients', 'contacts', 'employees', 'deals', 'activities', 'receivables')),
    external_id TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (source, entity, external_id)
) WITHOUT ROWID;

ALTER TABLE assignments ADD COLUMN inferred INTEGER NOT NULL DEFAULT 0;

-- A client's lower-cased name without the legal id its search key ends with, to find
-- clients by name; the expression must stay the same as `NAME_KEY` in src/import/keys.rs.
CREATE INDEX clients_name_key ON clients ((CASE WHEN legal_id IS NULL THEN search_key ELSE substr(search_key, 1, length(search_key) - length(legal_id) - 1) END));
