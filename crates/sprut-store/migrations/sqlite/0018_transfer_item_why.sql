-- Why a transfer's receiver was chosen, as JSON beside its English line (the head's choice, the
-- one receiver named, or the playbook's rule and figures), so the transfer and the card say it in
-- their reader's language.
ALTER TABLE transfer_items ADD COLUMN reason_why TEXT;
