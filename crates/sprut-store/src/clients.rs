//! Clients, their list and their corporate groups.

use crate::audit;
use crate::bulk::insert_one;
use crate::holding::open_assignment;
use crate::id::{opt, DbId, ToDb};
use crate::paging::{after, like_pattern, page};
use crate::rows::{all, ClientRow, CLIENT_COLS, CLIENT_FROM};
use crate::scope::scope_sql;
use crate::sql::{q_all, q_opt, q_scalar, Conn};
use crate::Db;
use sprut_core::assignment::NewAssignment;
use sprut_core::client::{Client, ClientFilter, ClientListItem, ClientPatch, ClientSort, NewClient};
use sprut_core::page::{Page, PageRequest};
use sprut_core::rules::why::RuleWhy;
use sprut_core::scope::Scope;
use sprut_core::store::ClientStore;
use sprut_core::Reason;
use sprut_core::{Actor, ClientId, CoreError};

/// The stored coverage score of a client not counted yet (after every score in order).
pub(crate) const UNSCORED: u8 = 101;

pub(crate) async fn client_in(conn: Conn<'_>, id: ClientId) -> Result<ClientListItem, CoreError> {
    client_seen(conn, &Scope::All, id).await
}

/// The client `id` if `scope` sees it; not found otherwise, as if it did not exist.
pub(crate) async fn client_seen(conn: Conn<'_>, scope: &Scope, id: ClientId) -> Result<ClientListItem, CoreError> {
    let sql = format!(
        "SELECT {CLIENT_COLS} FROM {CLIENT_FROM} WHERE c.id = $1 AND {}",
        scope_sql(conn.dialect(), scope, "c.id")
    );
    q_opt!(conn, ClientRow, &sql, id.db())?.ok_or(CoreError::NotFound("client"))?.into_item()
}

/// Refuses a parent that does not exist or whose chain leads back to `id`.
pub(crate) async fn check_parent(
    conn: &mut crate::sql::Tx,
    id: ClientId,
    parent: Option<ClientId>,
) -> Result<(), CoreError> {
    let mut next = parent;
    let mut depth = 0;
    while let Some(p) = next {
        if p == id || depth > 32 {
            return Err(CoreError::field("parent_id", Reason::GroupLoop));
        }
        let row: Option<(Option<DbId>,)> =
            q_opt!(conn.conn(), (Option<DbId>,), "SELECT parent_id FROM clients WHERE id = $1", p.db())?;
        let Some((grand,)) = row else {
            return Err(CoreError::field("parent_id", Reason::NoSuchClient { id: String::new() }));
        };
        next = grand.map(Into::into);
        depth += 1;
    }
    Ok(())
}

/// The conditions of a [`ClientFilter`] on `c` (clients), `a` (open assignment) and `h`
/// (holder), with placeholders `$first` to `$first + 7` bound by [`client_filter_args`].
pub(crate) fn client_filter_sql(first: usize) -> String {
    let p = |i: usize| first + i;
    format!(
        "(${0} IS NULL OR a.employee_id = ${0}) AND (${1} IS NULL OR h.team_id = ${1}) \
         AND (${2} IS NULL OR c.segment = ${2}) AND (${3} IS NULL OR c.region = ${3}) \
         AND (${4} IS NULL OR c.tier = ${4}) AND (${5} IS NULL OR c.status = ${5}) \
         AND (${6} IS NULL OR c.search_key LIKE ${6} ESCAPE '\\' OR c.extra_key LIKE ${6} ESCAPE '\\') \
         AND (${7} IS NULL OR c.coverage_score < ${7})",
        p(0),
        p(1),
        p(2),
        p(3),
        p(4),
        p(5),
        p(6),
        p(7)
    )
}

/// The values of [`client_filter_sql`]'s placeholders, in order.
#[allow(clippy::type_complexity)]
pub(crate) fn client_filter_args(
    f: &ClientFilter,
) -> (
    Option<DbId>,
    Option<DbId>,
    Option<String>,
    Option<String>,
    Option<&'static str>,
    Option<&'static str>,
    Option<String>,
    Option<i64>,
) {
    let blank = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    (
        opt(&f.holder_id),
        opt(&f.team_id),
        blank(&f.segment),
        blank(&f.region),
        f.tier.map(|t| t.as_str()),
        f.status.map(|s| s.as_str()),
        f.q.as_deref().and_then(like_pattern),
        f.coverage_below.map(|n| i64::from(n.min(UNSCORED))),
    )
}

impl ClientStore for Db {
    async fn create_client(
        &self,
        actor: &Actor,
        new: NewClient,
        holder: Option<NewAssignment>,
    ) -> Result<Client, CoreError> {
        let mut client = new.into_client(actor.now)?;
        let mut assignment = holder.map(|h| h.into_assignment(client.id, actor.employee_id, actor.now)).transpose()?;
        // A client its creator holds is one he found himself.
        if let Some(a) = assignment.as_mut().filter(|a| Some(a.employee_id) == actor.employee_id) {
            a.why = Some(RuleWhy::FoundByRep);
        }
        let mut tx = self.write().await?;
        crate::settings::read_channels(tx.conn(), &mut client.channels).await?;
        check_parent(&mut tx, client.id, client.parent_id).await?;
        insert_one(tx.conn(), &client).await?;
        audit::record(&mut tx, actor, "client.create", "client", &client.id.to_string(), audit::created(&client))
            .await?;
        if let Some(a) = assignment {
            open_assignment(&mut tx, actor, &a).await?;
        }
        tx.commit().await?;
        Ok(client)
    }

    async fn update_client(&self, actor: &Actor, id: ClientId, patch: ClientPatch) -> Result<Client, CoreError> {
        let mut tx = self.write().await?;
        let before = client_in(tx.conn(), id).await?.client;
        let mut after = before.patched(patch, actor.now)?;
        crate::settings::read_channels(tx.conn(), &mut after.channels).await?;
        if after.parent_id != before.parent_id {
            check_parent(&mut tx, id, after.parent_id).await?;
        }
        crate::bulk::update_one(tx.conn(), &after).await?;
        audit::record(&mut tx, actor, "client.update", "client", &id.to_string(), audit::change(&before, &after))
            .await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn client(&self, scope: &Scope, id: ClientId) -> Result<ClientListItem, CoreError> {
        client_seen(self.read().await?.conn(), scope, id).await
    }

    async fn client_in_scope(&self, scope: &Scope, id: ClientId) -> Result<bool, CoreError> {
        let sql =
            format!("SELECT COUNT(*) FROM clients c WHERE c.id = $1 AND {}", scope_sql(self.dialect(), scope, "c.id"));
        Ok(q_scalar!(self.read().await?.conn(), i64, &sql, id.db())? > 0)
    }

    async fn clients(
        &self,
        scope: &Scope,
        f: &ClientFilter,
        p: &PageRequest,
    ) -> Result<Page<ClientListItem>, CoreError> {
        let after = after(p.cursor()?)?;
        let by_coverage = f.sort == Some(ClientSort::Coverage);
        // Ordered by coverage, a cursor's key is the score in three digits, then the name key.
        let (score, key) = match (&after.key, by_coverage) {
            (Some(k), true) => {
                let (score, key) = k.split_at_checked(3).ok_or(CoreError::field("after", Reason::Cursor))?;
                (Some(score.parse::<i64>().map_err(|_| CoreError::field("after", Reason::Cursor))?), Some(key))
            }
            (k, _) => (None, k.as_deref()),
        };
        // Both orders bind the same values; by name the score is none.
        let (keyset, order) = if by_coverage {
            (
                "($9 IS NULL OR c.coverage_score > $11 OR (c.coverage_score = $11 \
                 AND (c.search_key > $9 OR (c.search_key = $9 AND c.id > $10))))",
                "c.coverage_score, c.search_key, c.id",
            )
        } else {
            (
                "($9 IS NULL OR c.search_key > $9 OR (c.search_key = $9 AND c.id > $10)) AND $11 IS NULL",
                "c.search_key, c.id",
            )
        };
        let sql = format!(
            "SELECT {CLIENT_COLS} FROM {CLIENT_FROM} WHERE {} AND {} AND {keyset} ORDER BY {order} LIMIT $12",
            scope_sql(self.dialect(), scope, "c.id"),
            client_filter_sql(1)
        );
        let (holder, team, segment, region, tier, status, q, coverage) = client_filter_args(f);
        let rows = q_all!(
            self.read().await?.conn(),
            ClientRow,
            &sql,
            holder,
            team,
            segment,
            region,
            tier,
            status,
            q,
            coverage,
            key,
            after.id.map(DbId),
            score,
            i64::from(p.limit()) + 1,
        )?;
        let items = all(rows, ClientRow::into_item)?;
        Ok(page(items, p.limit(), |i| {
            let name = i.client.search_key();
            let key = if by_coverage { format!("{:03}{name}", i.coverage.unwrap_or(UNSCORED)) } else { name };
            (key, i.client.id.0)
        }))
    }

    async fn client_group(&self, scope: &Scope, id: ClientId) -> Result<Vec<Client>, CoreError> {
        let mut r = self.read().await?;
        let me = client_seen(r.conn(), scope, id).await?.client;
        let root = me.parent_id.unwrap_or(me.id);
        let sql = format!(
            "SELECT {CLIENT_COLS} FROM {CLIENT_FROM} WHERE c.id = $1 OR c.parent_id = $1 ORDER BY c.search_key, c.id"
        );
        let rows = q_all!(r.conn(), ClientRow, &sql, root.db())?;
        Ok(all(rows, ClientRow::into_item)?.into_iter().map(|i| i.client).collect())
    }
}
