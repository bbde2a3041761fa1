//! Contacts a file names without a client: into the pool, matched by their id in the source or,
//! without one, by name; one that a head has attached since is left with its client.

use super::{keys, merged, Run};
use crate::bulk::{insert_one, update_one};
use crate::contact_pool::{pooled_in, PooledRow, POOL_COLS};
use crate::id::ToDb;
use crate::sql::{q_all, Tx};
use sprut_core::channel;
use sprut_core::contact::NewContact;
use sprut_core::contact_pool::PooledContact;
use sprut_core::import::{ContactRecord, ImportEntity};
use sprut_core::validate::search_key;
use sprut_core::{ClientId, ContactId, CoreError};

/// Applies the rows of a batch that name no client.
pub(crate) async fn apply(tx: &mut Tx, run: &mut Run<'_>, recs: Vec<(u64, ContactRecord)>) -> Result<(), CoreError> {
    let source = run.o.source.clone();
    let exts: Vec<&str> = recs.iter().filter_map(|(_, r)| r.external_id.as_deref()).collect();
    let by_ext = keys::external(tx, &source, ImportEntity::Contacts, &exts).await?;
    let mut remember = Vec::new();
    for (row, r) in recs {
        let before = match r.external_id.as_deref().and_then(|x| by_ext.get(x)) {
            Some(id) => match pooled_in(tx.conn(), ContactId::from(*id)).await? {
                Some(p) => Some(p),
                None => {
                    // Attached to its client since: the head's decision stands.
                    run.out.skipped += 1;
                    continue;
                }
            },
            None if r.external_id.is_none() => by_name(tx, &r.name).await?,
            None => None,
        };
        // Checked as any contact is; the pool keeps all but the client.
        let new = NewContact {
            client_id: ClientId(uuid::Uuid::nil()),
            name: r.name.clone(),
            position: r.position.clone(),
            function: None,
            phones: r.phones.clone(),
            emails: r.emails.clone(),
            channels: r.channels.clone(),
            decision_maker: r.decision_maker.unwrap_or(false),
            consent: r.consent.unwrap_or(false),
        };
        let checked = match new.into_contact(run.actor.now) {
            Ok(c) => PooledContact::from_contact(c),
            Err(e) => {
                run.refuse(row, e)?;
                continue;
            }
        };
        let id = match before {
            Some(b) => {
                let after = PooledContact {
                    id: b.id,
                    position: checked.position.or(b.position.clone()),
                    phones: if checked.phones.is_empty() { b.phones.clone() } else { checked.phones },
                    emails: if checked.emails.is_empty() { b.emails.clone() } else { checked.emails },
                    channels: channel::merged(&b.channels, &checked.channels),
                    decision_maker: r.decision_maker.unwrap_or(b.decision_maker),
                    consent: r.consent.unwrap_or(b.consent),
                    extra: merged(&b.extra, &r.extra),
                    created_at: b.created_at,
                    updated_at: b.updated_at,
                    name: checked.name,
                };
                if after == b {
                    run.out.skipped += 1;
                } else {
                    update_one(tx.conn(), &PooledContact { updated_at: run.actor.now, ..after }).await?;
                    run.out.updated += 1;
                }
                b.id
            }
            None => {
                let p = PooledContact { extra: r.extra.clone(), ..checked };
                insert_one(tx.conn(), &p).await?;
                run.out.created += 1;
                p.id
            }
        };
        if let Some(x) = &r.external_id {
            if !by_ext.contains_key(x) {
                remember.push((x.clone(), id.db()));
            }
        }
    }
    keys::remember(tx, &source, ImportEntity::Contacts, remember, run.actor.now).await
}

/// The pooled contact of this name, when exactly one has it.
async fn by_name(tx: &mut Tx, name: &str) -> Result<Option<PooledContact>, CoreError> {
    let sql = format!("SELECT {POOL_COLS} FROM contact_pool WHERE name_key = $1 LIMIT 2");
    let rows = q_all!(tx.conn(), PooledRow, &sql, search_key(&[name]))?;
    match <[PooledRow; 1]>::try_from(rows) {
        Ok([one]) => one.into_pooled().map(Some),
        Err(_) => Ok(None),
    }
}
