-- Most clients have no parent: the index of parents holds only the clients that have one, so
-- that it costs nothing to keep for the others (an import of a million clients builds it in no time).
DROP INDEX clients_parent;
CREATE INDEX clients_parent ON clients (parent_id) WHERE parent_id IS NOT NULL;
