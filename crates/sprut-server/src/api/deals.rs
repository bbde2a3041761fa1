//! Deals: sales, open or closed, credited to the holder at close.

use super::extract::Caller;
use super::records::{record_routes, ClientRecord};
use crate::state::AppState;
use sprut_core::deal::{Deal, DealPatch, NewDeal};
use sprut_core::error::CoreResult;
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::{RecordKind, Scope};
use sprut_core::store::{ChildFilter, Store};
use sprut_core::{Actor, ClientId, DealId};
use sprut_store::Db;

impl ClientRecord for Deal {
    type New = NewDeal;
    type Patch = DealPatch;
    type Id = DealId;
    const KIND: RecordKind = RecordKind::Deals;
    const NAME: &'static str = "deal";
    fn client_id(&self) -> ClientId {
        self.client_id
    }
    fn client_of(new: &NewDeal) -> ClientId {
        new.client_id
    }
    async fn complete(new: &mut NewDeal, user: &Caller, state: &AppState) {
        new.owner_id = new.owner_id.or(Some(user.employee.id));
        if new.currency.is_none() {
            new.currency = Some(state.currency().await);
        }
    }
    async fn list(db: &Db, scope: &Scope, filter: &ChildFilter, page: &PageRequest) -> CoreResult<Page<Self>> {
        db.deals(scope, filter, page).await
    }
    async fn create(db: &Db, actor: &Actor, new: NewDeal) -> CoreResult<Self> {
        db.create_deal(actor, new).await
    }
    async fn read(db: &Db, id: DealId) -> CoreResult<Self> {
        db.deal(id).await
    }
    async fn update(db: &Db, actor: &Actor, id: DealId, patch: DealPatch) -> CoreResult<Self> {
        db.update_deal(actor, id, patch).await
    }
}

record_routes!(
    Deal, NewDeal, DealPatch, DealId,
    list: "/deals", item: "/deals/{id}", tag: "deals",
    docs: {
        list: "Deals of the clients in the caller's scope, newest first.",
        create: "Records a deal with a client in the caller's scope; a closed deal is credited to the holder at close.",
        one: "One deal.",
        update: "Changes a deal.",
    },
);
