//! Clients from a file: matched by external id, then legal id (ИНН), then name; created or
//! updated in bulk; parents linked once the whole file is in.

use super::inferred::{self, Claim};
use super::keys::{self, name_key};
use super::people::Person;
use super::writes::{self, Writes};
use super::Run;
use crate::bulk::{select_in, Val};
use crate::clients::check_parent;
use crate::id::{opt, DbId, ToDb};
use crate::rows::{ClientRow, CLIENT_COLS, CLIENT_FROM};
use crate::sql::{q_exec, Tx};
use sprut_core::client::{Client, ClientPatch, NewClient};
use sprut_core::import::{ClientRecord, ImportEntity, PersonRef};
use sprut_core::{ClientId, CoreError, Reason};
use std::collections::HashMap;
use time::Time;

/// What a batch of client rows needs from the base before it is built.
struct Looked {
    by_ext: HashMap<String, DbId>,
    /// Per row, in order: the client it matches, if any, or why it cannot be matched.
    found: Vec<Result<Option<DbId>, Reason>>,
    existing: HashMap<ClientId, Client>,
    holders: HashMap<PersonRef, Result<Person, Reason>>,
}

/// Builds one batch of client rows while the last batch's rows are written, when the table was
/// empty (a name then matches nothing, and no id or ИНН repeats in a file); otherwise after.
pub(crate) async fn staged(
    tx: &mut Tx,
    run: &mut Run<'_>,
    recs: Vec<(u64, ClientRecord)>,
    last: Option<Writes>,
) -> Result<Writes, CoreError> {
    let last = writes::settle(tx, last, !run.table.was_empty()).await?;
    let looked = look(tx, run, &recs).await?;
    writes::while_writing(tx, last, build(run, recs, looked)).await
}

/// Looks up what a batch of client rows needs from the base.
async fn look(tx: &mut Tx, run: &mut Run<'_>, recs: &[(u64, ClientRecord)]) -> Result<Looked, CoreError> {
    let source = run.o.source.clone();
    let exts: Vec<&str> = recs.iter().filter_map(|(_, r)| r.external_id.as_deref()).collect();
    let by_ext =
        if run.fresh { HashMap::new() } else { keys::external(tx, &source, ImportEntity::Clients, &exts).await? };
    let legal: Vec<Val> = recs
        .iter()
        .filter(|(_, r)| r.external_id.as_ref().is_none_or(|x| !by_ext.contains_key(x)))
        .filter_map(|(_, r)| r.legal_id.as_deref().map(Val::from))
        .collect();
    let by_legal: HashMap<String, DbId> = if legal.is_empty() {
        HashMap::new()
    } else {
        select_in::<(String, DbId)>(
            tx.conn(),
            "SELECT legal_id, id FROM clients WHERE legal_id IN ({list})",
            &[],
            &legal,
        )
        .await?
        .into_iter()
        .collect()
    };
    // Into a table that was empty, a client's name can only match one this file wrote: rows
    // alike without an id are reported as duplicates before they come here, and rows with
    // different ids are different clients, whatever batch they fall in.
    let names: Vec<String> = recs
        .iter()
        .filter(|_| !run.table.was_empty())
        .filter(|(_, r)| r.external_id.as_ref().is_none_or(|x| !by_ext.contains_key(x)))
        .filter(|(_, r)| r.legal_id.as_ref().is_none_or(|l| !by_legal.contains_key(l)))
        .map(|(_, r)| name_key(&r.name))
        .collect();
    let by_name = keys::clients_named(tx, &names).await?;
    let mut found = Vec::with_capacity(recs.len());
    for (_, r) in recs {
        found.push(if let Some(id) = r.external_id.as_ref().and_then(|x| by_ext.get(x)) {
            Ok(Some(*id))
        } else if let Some(id) = r.legal_id.as_ref().and_then(|l| by_legal.get(l)) {
            Ok(Some(*id))
        } else {
            match by_name.get(&name_key(&r.name)).map(Vec::as_slice) {
                Some([id]) => Ok(Some(*id)),
                Some([_, _, ..]) => Err(Reason::SeveralClientsNamed { name: r.name.clone() }),
                _ => Ok(None),
            }
        });
    }
    let ids: Vec<Val> = found.iter().filter_map(|f| f.clone().ok().flatten().map(Val::from)).collect();
    let sql = format!("SELECT {CLIENT_COLS} FROM {CLIENT_FROM} WHERE c.id IN ({{list}})");
    let mut existing: HashMap<ClientId, Client> = HashMap::new();
    for row in select_in::<ClientRow>(tx.conn(), &sql, &[], &ids).await? {
        let c = row.into_item()?.client;
        existing.insert(c.id, c);
    }
    // In row order and only for rows that match, as the rows were checked before.
    let mut holders = HashMap::new();
    for ((_, r), f) in recs.iter().zip(&found) {
        if let (Some(h), Ok(_)) = (&r.holder, f) {
            if !holders.contains_key(h) {
                let p = run.people.resolve(tx, run.actor, &source, h, run.o.create_employees).await?;
                holders.insert(h.clone(), p);
            }
        }
    }
    Ok(Looked { by_ext, found, existing, holders })
}

/// Builds the clients of a batch from what was looked up; every few hundred rows it lets the
/// writing of the last batch go on.
async fn build(run: &mut Run<'_>, recs: Vec<(u64, ClientRecord)>, looked: Looked) -> Result<Writes, CoreError> {
    let Looked { by_ext, found, existing, holders } = looked;
    let now = run.actor.now;
    let mut new = Vec::new();
    let mut updates = Vec::new();
    let mut remember = Vec::new();
    let mut claims = Vec::new();
    for (n, ((row, r), found)) in recs.into_iter().zip(found).enumerate() {
        if n % 256 == 255 {
            tokio::task::yield_now().await;
        }
        let found = match found {
            Ok(f) => f,
            Err(reason) => {
                run.fail(row, "name", reason);
                continue;
            }
        };
        let holder = match &r.holder {
            Some(h) => match holders.get(h) {
                Some(Ok(p)) if p.can_hold() => Some(p.id),
                Some(Ok(_)) => {
                    run.fail(row, "holder", Reason::CannotHold);
                    continue;
                }
                Some(Err(reason)) => {
                    run.fail(row, "holder", reason.clone());
                    continue;
                }
                None => continue,
            },
            None => None,
        };
        let id = match found.and_then(|id| existing.get(&ClientId::from(id))) {
            Some(before) => {
                let patch = ClientPatch {
                    name: Some(r.name.clone()),
                    legal_id: r.legal_id.clone().map(Some),
                    segment: r.segment.clone().map(Some),
                    region: r.region.clone().map(Some),
                    tier: r.tier,
                    potential_minor: r.potential_minor,
                    currency: r.currency.clone(),
                    address: r.address.clone().map(Some),
                    channels: Some(sprut_core::channel::merged(&before.channels, &r.channels)),
                    ..ClientPatch::default()
                };
                let after = match before.patched(patch, before.updated_at) {
                    Ok(a) => with_extra(a, &r.extra),
                    Err(e) => {
                        run.refuse(row, e)?;
                        continue;
                    }
                };
                if &after == before {
                    run.out.skipped += 1;
                } else {
                    updates.push(Client { updated_at: now, ..after });
                    run.out.updated += 1;
                }
                before.id
            }
            None => {
                let n = NewClient {
                    name: r.name.clone(),
                    legal_id: r.legal_id.clone(),
                    parent_id: None,
                    segment: r.segment.clone(),
                    region: r.region.clone(),
                    tier: r.tier,
                    potential_minor: r.potential_minor,
                    currency: r.currency.clone(),
                    address: r.address.clone(),
                    language: None,
                    channels: r.channels.clone(),
                };
                let mut c = match n.into_client(now) {
                    Ok(c) => with_extra(c, &r.extra),
                    Err(e) => {
                        run.refuse(row, e)?;
                        continue;
                    }
                };
                if let Some(d) = r.created_on {
                    c.created_at = d.with_time(Time::MIDNIGHT).assume_utc();
                }
                run.out.created += 1;
                let id = c.id;
                new.push(c);
                id
            }
        };
        if let Some(x) = &r.external_id {
            if !by_ext.contains_key(x) {
                remember.push((x.clone(), id.db()));
            }
        }
        if let Some(p) = r.parent {
            run.parents.push((row, id, p));
        }
        if let Some(h) = holder {
            claims.push(Claim { row, client: id, employee: h, on: r.created_on, current: true });
        }
    }
    inferred::collect(run, claims);
    Writes::of(run.dialect, &updates, &new, &run.o.source, ImportEntity::Clients, remember, now)
}

/// `c` with the extra fields of its row added.
fn with_extra(c: Client, extra: &sprut_core::ExtraFields) -> Client {
    Client { extra: super::merged(&c.extra, extra), ..c }
}

/// Links each client to the parent its row names, now that every client of the file is in.
pub(crate) async fn link_parents(tx: &mut Tx, run: &mut Run<'_>) -> Result<(), CoreError> {
    let pending = std::mem::take(&mut run.parents);
    for chunk in pending.chunks(sprut_core::import::BATCH_ROWS) {
        let found = keys::resolve_clients(tx, &run.o.source, chunk.iter().map(|(_, _, r)| r)).await?;
        for (row, id, r) in chunk {
            let parent = match found.get(r) {
                Some(Ok(p)) => *p,
                Some(Err(reason)) => {
                    run.fail(*row, "parent", reason.clone());
                    continue;
                }
                None => continue,
            };
            let current: Option<(Option<DbId>,)> =
                crate::sql::q_opt!(tx.conn(), (Option<DbId>,), "SELECT parent_id FROM clients WHERE id = $1", id.db())?;
            if current.and_then(|(p,)| p) == Some(parent.db()) {
                continue;
            }
            if let Err(e) = check_parent(tx, *id, Some(parent)).await {
                run.refuse(*row, e)?;
                continue;
            }
            q_exec!(tx.conn(), "UPDATE clients SET parent_id = $2 WHERE id = $1", id.db(), opt(&Some(parent)))?;
        }
    }
    Ok(())
}
