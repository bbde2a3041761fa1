//! Contacts: the people at a client.

use super::records::record_routes;
use sprut_core::contact::{Contact, ContactPatch, NewContact};
use sprut_core::scope::Scope;
use sprut_core::ContactId;

record_routes!(
    Contact, NewContact, ContactPatch, ContactId, kind: Contacts, name: "contact",
    store: { list: contacts, create: create_contact, read: contact, update: update_contact },
    also: {
        /// A contact another department works with is as if it did not exist.
        fn hidden_from(&self, scope: &Scope) -> bool {
            scope.contact_functions().is_some_and(|fs| !fs.contains(&self.function))
        }
    },
    list: "/contacts", item: "/contacts/{id}", tag: "contacts",
    docs: {
        list: "Contacts of the clients in the caller's scope.",
        create: "Adds a contact to a client in the caller's scope.",
        one: "One contact.",
        update: "Changes a contact; `verified: true` records that the caller checked it now.",
    },
);
