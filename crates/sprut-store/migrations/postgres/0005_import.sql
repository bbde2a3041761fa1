-- Import from other CRMs: each imported record's id in its source system, so a second run
-- of the same file updates instead of duplicating; and assignments the import inferred from
-- a current owner rather than read from a history. Keep in step with ../sqlite/0005_import.sql.

CREATE TABLE import_ids (
    source      TEXT NOT NULL,
    entity      TEXT NOT NULL CHECK (entity IN ('clients', 'contacts', 'employees', 'deals', 'activities', 'receivables')),
    external_id TEXT NOT NULL,
    record_id   UUID NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, entity, external_id)
);

ALTER TABLE assignments ADD COLUMN inferred BOOLEAN NOT NULL DEFAULT false;

-- A client's lower-cased name without the legal id its search key ends with, to find
-- clients by name; the expression must stay the same as `NAME_KEY` in src/import/keys.rs.
CREATE INDEX clients_name_key ON clients ((CASE WHEN legal_id IS NULL THEN search_key ELSE substr(search_key, 1, length(search_key) - length(legal_id) - 1) END));
