//! Receivables: invoices a client owes.

use super::extract::Caller;
use super::records::{record_routes, ClientRecord};
use crate::state::AppState;
use sprut_core::error::CoreResult;
use sprut_core::page::{Page, PageRequest};
use sprut_core::receivable::{NewReceivable, Receivable, ReceivablePatch};
use sprut_core::scope::{RecordKind, Scope};
use sprut_core::store::{ChildFilter, Store};
use sprut_core::{Actor, ClientId, ReceivableId};
use sprut_store::Db;

impl ClientRecord for Receivable {
    type New = NewReceivable;
    type Patch = ReceivablePatch;
    type Id = ReceivableId;
    const KIND: RecordKind = RecordKind::Receivables;
    const NAME: &'static str = "receivable";
    fn client_id(&self) -> ClientId {
        self.client_id
    }
    fn client_of(new: &NewReceivable) -> ClientId {
        new.client_id
    }
    async fn complete(new: &mut NewReceivable, _user: &Caller, state: &AppState) {
        if new.currency.is_none() {
            new.currency = Some(state.currency().await);
        }
    }
    async fn list(db: &Db, scope: &Scope, filter: &ChildFilter, page: &PageRequest) -> CoreResult<Page<Self>> {
        db.receivables(scope, filter, page).await
    }
    async fn create(db: &Db, actor: &Actor, new: NewReceivable) -> CoreResult<Self> {
        db.create_receivable(actor, new).await
    }
    async fn read(db: &Db, id: ReceivableId) -> CoreResult<Self> {
        db.receivable(id).await
    }
    async fn update(db: &Db, actor: &Actor, id: ReceivableId, patch: ReceivablePatch) -> CoreResult<Self> {
        db.update_receivable(actor, id, patch).await
    }
}

record_routes!(
    Receivable, NewReceivable, ReceivablePatch, ReceivableId,
    list: "/receivables", item: "/receivables/{id}", tag: "receivables",
    docs: {
        list: "Invoices of the clients in the caller's scope, newest first.",
        create: "Records an invoice of a client in the caller's scope.",
        one: "One receivable.",
        update: "Changes an invoice.",
    },
);
