//! Finding records again: by the id they have in their source system, and clients by name.

use crate::bound::Bound;
use crate::bulk::{select_in, Val};
use crate::id::DbId;
use crate::sql::{q_scalar, Tx};
use sprut_core::import::{ImportEntity, Ref};
use sprut_core::validate::search_key;
use sprut_core::{ClientId, CoreError, Reason};
use std::collections::HashMap;
use time::OffsetDateTime;

/// The sprut ids of the records of `entity` that `source` calls `ids`.
pub(crate) async fn external(
    tx: &mut Tx,
    source: &str,
    entity: ImportEntity,
    ids: &[&str],
) -> Result<HashMap<String, DbId>, CoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let list: Vec<Val> = ids.iter().map(|s| Val::from(*s)).collect();
    let rows: Vec<(String, DbId)> = select_in(
        tx.conn(),
        "SELECT external_id, record_id FROM import_ids WHERE source = $1 AND entity = $2 AND external_id IN ({list})",
        &[source.into(), entity.as_str().into()],
        &list,
    )
    .await?;
    Ok(rows.into_iter().collect())
}

/// Whether `source` gave any record of `entity` before.
pub(crate) async fn any_external(tx: &mut Tx, source: &str, entity: ImportEntity) -> Result<bool, CoreError> {
    let n = q_scalar!(
        tx.conn(),
        i64,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT 1 FROM import_ids WHERE source = $1 AND entity = $2 LIMIT 1) x",
        source,
        entity.as_str()
    )?;
    Ok(n > 0)
}

/// Remembers that `source` calls these records (`(external id, sprut id)`) so.
pub(crate) async fn remember(
    tx: &mut Tx,
    source: &str,
    entity: ImportEntity,
    pairs: Vec<(String, DbId)>,
    now: OffsetDateTime,
) -> Result<(), CoreError> {
    let mut bound = Bound::new(tx.conn().dialect());
    remembered(&mut bound, source, entity, pairs, now)?;
    bound.run(tx.conn()).await
}

/// [`remember`]'s inserts, bound to be run later.
pub(crate) fn remembered(
    bound: &mut Bound,
    source: &str,
    entity: ImportEntity,
    pairs: Vec<(String, DbId)>,
    now: OffsetDateTime,
) -> Result<(), CoreError> {
    let rows = pairs
        .into_iter()
        .map(|(ext, id)| vec![source.into(), Val::word(entity.as_str()), ext.into(), id.into(), now.into()])
        .collect();
    bound.insert(
        "import_ids",
        &["source", "entity", "external_id", "record_id", "created_at"],
        rows,
        " ON CONFLICT (source, entity, external_id) DO NOTHING",
    )
}

/// A client's name as it is compared: trimmed and lower-cased.
pub(crate) fn name_key(name: &str) -> String {
    search_key(&[name])
}

/// A client's name key in SQL: its search key without the legal id at its end; indexed by
/// `clients_name_key` (migration 0005), whose expression must be this one exactly.
pub(crate) const NAME_KEY: &str = "(CASE WHEN legal_id IS NULL THEN search_key \
     ELSE substr(search_key, 1, length(search_key) - length(legal_id) - 1) END)";

/// The clients named `keys` (see [`name_key`]); a name two clients share maps to both.
pub(crate) async fn clients_named(tx: &mut Tx, keys: &[String]) -> Result<HashMap<String, Vec<DbId>>, CoreError> {
    let mut out: HashMap<String, Vec<DbId>> = HashMap::new();
    if keys.is_empty() {
        return Ok(out);
    }
    let list: Vec<Val> = keys.iter().map(|k| Val::from(k.as_str())).collect();
    let sql = format!("SELECT {NAME_KEY}, id FROM clients WHERE {NAME_KEY} IN ({{list}}) ORDER BY created_at, id");
    let rows: Vec<(String, DbId)> = select_in(tx.conn(), &sql, &[], &list).await?;
    for (k, id) in rows {
        out.entry(k).or_default().push(id);
    }
    Ok(out)
}

/// Looks up each client reference of a batch: by external id of `source`, or by name.
pub(crate) async fn resolve_clients<'r>(
    tx: &mut Tx,
    source: &str,
    refs: impl Iterator<Item = &'r Ref>,
) -> Result<HashMap<Ref, Result<ClientId, Reason>>, CoreError> {
    let mut exts: Vec<&str> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut all: Vec<&Ref> = Vec::new();
    for r in refs {
        match r {
            Ref::External(x) => exts.push(x),
            Ref::Name(n) => names.push(name_key(n)),
        }
        all.push(r);
    }
    exts.sort_unstable();
    exts.dedup();
    names.sort_unstable();
    names.dedup();
    let by_ext = external(tx, source, ImportEntity::Clients, &exts).await?;
    let by_name = clients_named(tx, &names).await?;
    let mut out = HashMap::new();
    for r in all {
        let found = match r {
            Ref::External(x) => by_ext
                .get(x.as_str())
                .map(|id| ClientId::from(*id))
                .ok_or_else(|| Reason::NoClientWithId { id: x.clone(), source: source.to_string() }),
            Ref::Name(n) => match by_name.get(&name_key(n)).map(Vec::as_slice) {
                Some([id]) => Ok(ClientId::from(*id)),
                Some([_, _, ..]) => Err(Reason::SeveralClientsNamed { name: n.clone() }),
                _ => Err(Reason::NoClientNamed { name: n.clone() }),
            },
        };
        out.insert(r.clone(), found);
    }
    Ok(out)
}
