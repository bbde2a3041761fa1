//! Contacts a file names without a client: into the pool, matched by their id in the source or,
//! without one, by name; one that a head has attached since is left with its client.

use super::records::ChildRecord;
use super::{keys, Run};
use crate::bulk::{insert_one, update_one};
use crate::contact_pool::{pooled_in, PooledRow, POOL_COLS};
use crate::id::ToDb;
use crate::sql::{q_all, Tx};
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
        // Built and checked as a contact of a client is; the pool keeps all but the client.
        let nobody = ClientId(uuid::Uuid::nil());
        let was = before.as_ref().map(|b| b.as_contact(nobody));
        let built = match r.build(nobody, None, was.as_ref(), run.actor, run.o.today) {
            Ok(c) => PooledContact::from_contact(c),
            Err(e) => {
                run.refuse(row, e)?;
                continue;
            }
        };
        let id = match before {
            Some(b) if built == b => {
                run.out.skipped += 1;
                b.id
            }
            Some(b) => {
                update_one(tx.conn(), &PooledContact { updated_at: run.actor.now, ..built }).await?;
                run.out.updated += 1;
                b.id
            }
            None => {
                insert_one(tx.conn(), &built).await?;
                run.out.created += 1;
                built.id
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
