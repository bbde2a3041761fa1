//! The pool of contacts without a client, and attaching one to its client.

use crate::audit;
use crate::bulk::{insert_one, json, Insert, Val};
use crate::id::{DbId, ToDb};
use crate::paging::{after, page};
use crate::rows::{extra_fields, json_list};
use crate::sql::{q_all, q_exec, q_opt, Conn};
use crate::Db;
use sprut_core::contact::Contact;
use sprut_core::contact_pool::{ContactPoolStore, PooledContact};
use sprut_core::page::{Page, PageRequest};
use sprut_core::validate::search_key;
use sprut_core::{Actor, ClientId, ContactId, CoreError};
use std::future::Future;
use time::OffsetDateTime;

#[derive(sqlx::FromRow)]
pub(crate) struct PooledRow {
    id: DbId,
    name: String,
    position: Option<String>,
    phones: String,
    emails: String,
    channels: String,
    decision_maker: bool,
    consent: bool,
    extra: String,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

/// Columns of [`PooledRow`].
pub(crate) const POOL_COLS: &str =
    "id, name, position, phones, emails, channels, decision_maker, consent, extra, created_at, updated_at";

impl PooledRow {
    pub(crate) fn into_pooled(self) -> Result<PooledContact, CoreError> {
        Ok(PooledContact {
            id: self.id.into(),
            name: self.name,
            position: self.position,
            phones: json_list(&self.phones)?,
            emails: json_list(&self.emails)?,
            channels: json_list(&self.channels)?,
            decision_maker: self.decision_maker,
            consent: self.consent,
            extra: extra_fields(&self.extra)?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

impl Insert for PooledContact {
    const TABLE: &'static str = "contact_pool";
    const COLS: &'static [&'static str] = &[
        "id",
        "name",
        "name_key",
        "position",
        "phones",
        "emails",
        "channels",
        "decision_maker",
        "consent",
        "extra",
        "created_at",
        "updated_at",
    ];
    fn values(&self) -> Vec<Val> {
        vec![
            self.id.db().into(),
            self.name.as_str().into(),
            search_key(&[&self.name]).into(),
            self.position.as_deref().into(),
            json(&self.phones).into(),
            json(&self.emails).into(),
            json(&self.channels).into(),
            self.decision_maker.into(),
            self.consent.into(),
            crate::bulk::extra_json(&self.extra).into(),
            self.created_at.into(),
            self.updated_at.into(),
        ]
    }
}

/// The pooled contact `id`, if it is in the pool.
pub(crate) async fn pooled_in(conn: Conn<'_>, id: ContactId) -> Result<Option<PooledContact>, CoreError> {
    let sql = format!("SELECT {POOL_COLS} FROM contact_pool WHERE id = $1");
    q_opt!(conn, PooledRow, &sql, id.db())?.map(PooledRow::into_pooled).transpose()
}

impl Db {
    async fn pool_page(&self, p: &PageRequest) -> Result<Page<PooledContact>, CoreError> {
        let after = after(p.cursor()?)?;
        let sql = format!(
            "SELECT {POOL_COLS} FROM contact_pool WHERE ($1 IS NULL OR name_key > $1 OR (name_key = $1 AND id > $2)) \
             ORDER BY name_key, id LIMIT $3"
        );
        let rows = q_all!(
            self.read().await?.conn(),
            PooledRow,
            &sql,
            after.key,
            after.id.map(DbId),
            i64::from(p.limit()) + 1
        )?;
        let items = rows.into_iter().map(PooledRow::into_pooled).collect::<Result<Vec<_>, _>>()?;
        Ok(page(items, p.limit(), |c| (search_key(&[&c.name]), c.id.0)))
    }

    async fn attach_tx(&self, actor: &Actor, id: ContactId, client: ClientId) -> Result<Contact, CoreError> {
        let mut tx = self.write().await?;
        crate::clients::client_in(tx.conn(), client).await?;
        let Some(pooled) = pooled_in(tx.conn(), id).await? else {
            // Attached before: to this client, the same answer again; otherwise not in the pool.
            return match crate::records::contact_in(tx.conn(), id).await {
                Ok(c) if c.client_id == client => Ok(c),
                _ => Err(CoreError::NotFound("contact in the pool")),
            };
        };
        let contact = pooled.attached(client, actor.now);
        q_exec!(tx.conn(), "DELETE FROM contact_pool WHERE id = $1", id.db())?;
        insert_one(tx.conn(), &contact).await?;
        let details = serde_json::json!({ "client_id": client, "name": contact.name });
        audit::record(&mut tx, actor, "contact.attach", "contact", &id.to_string(), details).await?;
        tx.commit().await?;
        Ok(contact)
    }
}

impl ContactPoolStore for Db {
    fn pooled_contacts(
        &self,
        page: &PageRequest,
    ) -> impl Future<Output = Result<Page<PooledContact>, CoreError>> + Send {
        self.pool_page(page)
    }

    fn attach_contact(
        &self,
        actor: &Actor,
        id: ContactId,
        client: ClientId,
    ) -> impl Future<Output = Result<Contact, CoreError>> + Send {
        self.attach_tx(actor, id, client)
    }
}
