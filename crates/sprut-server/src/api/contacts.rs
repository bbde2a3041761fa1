//! Contacts: the people at a client.

use super::records::{record_routes, ClientRecord};
use sprut_core::contact::{Contact, ContactPatch, NewContact};
use sprut_core::error::CoreResult;
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::{RecordKind, Scope};
use sprut_core::store::{ChildFilter, Store};
use sprut_core::{Actor, ClientId, ContactId};
use sprut_store::Db;

impl ClientRecord for Contact {
    type New = NewContact;
    type Patch = ContactPatch;
    type Id = ContactId;
    const KIND: RecordKind = RecordKind::Contacts;
    const NAME: &'static str = "contact";
    fn client_id(&self) -> ClientId {
        self.client_id
    }
    fn client_of(new: &NewContact) -> ClientId {
        new.client_id
    }
    /// A contact another department works with is as if it did not exist.
    fn hidden_from(&self, scope: &Scope) -> bool {
        scope.contact_functions().is_some_and(|fs| !fs.contains(&self.function))
    }
    async fn list(db: &Db, scope: &Scope, filter: &ChildFilter, page: &PageRequest) -> CoreResult<Page<Self>> {
        db.contacts(scope, filter, page).await
    }
    async fn create(db: &Db, actor: &Actor, new: NewContact) -> CoreResult<Self> {
        db.create_contact(actor, new).await
    }
    async fn read(db: &Db, id: ContactId) -> CoreResult<Self> {
        db.contact(id).await
    }
    async fn update(db: &Db, actor: &Actor, id: ContactId, patch: ContactPatch) -> CoreResult<Self> {
        db.update_contact(actor, id, patch).await
    }
}

record_routes!(
    Contact, NewContact, ContactPatch, ContactId,
    list: "/contacts", item: "/contacts/{id}", tag: "contacts",
    docs: {
        list: "Contacts of the clients in the caller's scope.",
        create: "Adds a contact to a client in the caller's scope.",
        one: "One contact.",
        update: "Changes a contact; `verified: true` records that the caller checked it now.",
    },
);
