-- A client's own phones, e-mails, sites and messengers, and a contact's channels other than its
-- phones and e-mails (a JSON list of {kind, label, value, e164, source_column}), kept as written.
ALTER TABLE clients ADD COLUMN channels TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contacts ADD COLUMN channels TEXT NOT NULL DEFAULT '[]';
-- The client search also compares the channels' values: extra_key now holds them too.
