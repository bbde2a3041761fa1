//! Activities: every touch with a client; the author is the caller.

use super::records::{record_routes, ClientRecord};
use sprut_core::activity::{Activity, ActivityPatch, NewActivity};
use sprut_core::error::CoreResult;
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::{RecordKind, Scope};
use sprut_core::store::{ChildFilter, Store};
use sprut_core::{ActivityId, Actor, ClientId};
use sprut_store::Db;

impl ClientRecord for Activity {
    type New = NewActivity;
    type Patch = ActivityPatch;
    type Id = ActivityId;
    const KIND: RecordKind = RecordKind::Activities;
    const NAME: &'static str = "activity";
    fn client_id(&self) -> ClientId {
        self.client_id
    }
    fn client_of(new: &NewActivity) -> ClientId {
        new.client_id
    }
    async fn list(db: &Db, scope: &Scope, filter: &ChildFilter, page: &PageRequest) -> CoreResult<Page<Self>> {
        db.activities(scope, filter, page).await
    }
    async fn create(db: &Db, actor: &Actor, new: NewActivity) -> CoreResult<Self> {
        db.create_activity(actor, new).await
    }
    async fn read(db: &Db, id: ActivityId) -> CoreResult<Self> {
        db.activity(id).await
    }
    async fn update(db: &Db, actor: &Actor, id: ActivityId, patch: ActivityPatch) -> CoreResult<Self> {
        db.update_activity(actor, id, patch).await
    }
}

record_routes!(
    Activity, NewActivity, ActivityPatch, ActivityId,
    list: "/activities", item: "/activities/{id}", tag: "activities",
    docs: {
        list: "Activities on the clients in the caller's scope, newest first.",
        create: "Logs an activity on a client in the caller's scope, authored by the caller.",
        one: "One activity.",
        update: "Changes an activity (its author and client never change).",
    },
);
