//! Contacts without a client: people a file names without a company (every CRM has them).
//! They wait in a pool that heads and administrators see, until one of them attaches each to
//! its client; the contact keeps its id, so a later import of the same file finds it.

use crate::channel::Channel;
use crate::contact::{Contact, ContactFunction};
use crate::error::CoreResult;
use crate::page::{Page, PageRequest};
use crate::store::prelude::*;
use crate::{Actor, ClientId, ContactId};
use serde::Serialize;
use std::future::Future;
use time::OffsetDateTime;

/// A contact waiting for its client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PooledContact {
    /// Id, kept when the contact is attached.
    pub id: ContactId,
    /// Full name.
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// Sites, messengers and values kept as written.
    pub channels: Vec<Channel>,
    /// Makes or signs off decisions.
    pub decision_maker: bool,
    /// Agreed to be contacted directly by the company.
    pub consent: bool,
    /// Columns of the imported file that map to no field, by title.
    #[schema(value_type = Object)]
    pub extra: crate::ExtraFields,
    /// When it entered the pool.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl PooledContact {
    /// The pooled contact a checked contact's fields make (its client is left behind).
    pub fn from_contact(c: Contact) -> Self {
        Self {
            id: c.id,
            name: c.name,
            position: c.position,
            phones: c.phones,
            emails: c.emails,
            channels: c.channels,
            decision_maker: c.decision_maker,
            consent: c.consent,
            extra: c.extra,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }

    /// This contact as a contact of `client_id` (its position tells its function), unchanged
    /// otherwise: how the import compares a row with it, and what attaching makes of it.
    pub fn as_contact(&self, client_id: ClientId) -> Contact {
        let function = ContactFunction::from_position(self.position.as_deref().unwrap_or(""));
        Contact {
            id: self.id,
            client_id,
            name: self.name.clone(),
            position: self.position.clone(),
            function,
            level: crate::contact::ContactLevel::implied(self.decision_maker, function),
            phones: self.phones.clone(),
            emails: self.emails.clone(),
            channels: self.channels.clone(),
            decision_maker: self.decision_maker,
            consent: self.consent,
            verified_at: None,
            verified_by: None,
            created_at: self.created_at,
            updated_at: self.updated_at,
            extra: self.extra.clone(),
        }
    }

    /// This contact attached to `client_id` at `now` (it was checked when it entered the pool).
    pub fn attached(&self, client_id: ClientId, now: OffsetDateTime) -> Contact {
        Contact { updated_at: now, ..self.as_contact(client_id) }
    }
}

/// The pool's use cases.
pub trait ContactPoolStore: Store {
    /// The pooled contacts by name.
    fn pooled_contacts(&self, page: &PageRequest) -> impl Future<Output = CoreResult<Page<PooledContact>>> + Send;

    /// Attaches pooled contact `id` to `client`, in one transaction with its audit event; a
    /// contact already attached to that client is returned as it is.
    fn attach_contact(
        &self,
        actor: &Actor,
        id: ContactId,
        client: ClientId,
    ) -> impl Future<Output = CoreResult<Contact>> + Send;
}
