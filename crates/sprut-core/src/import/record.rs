//! Typed, checked rows with their references to other records still unresolved.

use super::ImportEntity;
use crate::activity::ActivityKind;
use crate::channel::{Channel, ChannelKind};
use crate::client::Tier;
use crate::deal::DealStage;
use crate::employee::{Department, Role};
use crate::money::Currency;
use serde::Serialize;
use time::{Date, OffsetDateTime};

/// A reference to a client not yet looked up.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum Ref {
    /// By the source system's record id (an external id kept from an earlier import).
    External(String),
    /// By name, compared normalised.
    Name(String),
}

/// A reference to an employee not yet looked up.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum PersonRef {
    /// By e-mail (lower-cased).
    Email(String),
    /// By full name.
    Name(String),
    /// By the source system's user id (an employee's external id).
    External(String),
}

/// A client row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientRecord {
    /// The source's record id.
    pub external_id: Option<String>,
    /// Name.
    pub name: String,
    /// Tax id (ИНН), checked like the domain does.
    pub legal_id: Option<String>,
    /// The parent company.
    pub parent: Option<Ref>,
    /// Segment.
    pub segment: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Tier; `None` keeps the domain default (regular) or the current value.
    pub tier: Option<Tier>,
    /// Expected yearly revenue in minor units.
    pub potential_minor: Option<i64>,
    /// Currency of the potential (from the currency column or the amount's own sign).
    pub currency: Option<Currency>,
    /// Address.
    pub address: Option<String>,
    /// Who holds the client.
    pub holder: Option<PersonRef>,
    /// When created in the source system.
    pub created_on: Option<Date>,
    /// The row's columns that map to no field, by title.
    pub extra: crate::ExtraFields,
    /// The company's phones, e-mails, sites and messengers, as written.
    pub channels: Vec<Channel>,
}

/// A contact row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactRecord {
    /// The source's record id.
    pub external_id: Option<String>,
    /// The client the person works at; `None`: the contact goes to the pool of contacts
    /// without a client, for a head to attach.
    pub client: Option<Ref>,
    /// Full name.
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// E-mail addresses, lower-cased.
    pub emails: Vec<String>,
    /// Sites, messengers, and the phones and e-mails that do not read as such, as written.
    pub channels: Vec<Channel>,
    /// Decision maker; `None` when the file does not say.
    pub decision_maker: Option<bool>,
    /// Consent to direct communication; `None` when the file does not say.
    pub consent: Option<bool>,
    /// The row's columns that map to no field, by title.
    pub extra: crate::ExtraFields,
}

/// An employee row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmployeeRecord {
    /// The source's user id.
    pub external_id: Option<String>,
    /// Sign-in e-mail, lower-cased; `None`: the employee cannot sign in until one is added.
    pub email: Option<String>,
    /// Full name.
    pub name: String,
    /// Role; `None` when the file does not say (the importer uses rep).
    pub role: Option<Role>,
    /// Department, for staff.
    pub department: Option<Department>,
    /// Team name, to look up or create.
    pub team: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Whom the employee reports to: the head of his team.
    pub manager: Option<PersonRef>,
}

/// A deal row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DealRecord {
    /// The source's record id.
    pub external_id: Option<String>,
    /// The client.
    pub client: Ref,
    /// Title.
    pub title: String,
    /// Stage.
    pub stage: DealStage,
    /// Amount in minor units (0 when blank).
    pub amount_minor: i64,
    /// Currency (from the currency column or the amount's own sign).
    pub currency: Option<Currency>,
    /// When work began; `None` when the file does not say (the importer uses the import date).
    pub opened_on: Option<Date>,
    /// When won or lost; always `None` for open deals.
    pub closed_on: Option<Date>,
    /// The owner, credited when the deal is won.
    pub owner: Option<PersonRef>,
    /// The file's opening date came after the close (a migrated record): the deal opens on
    /// its close date and its opening counts as unknown.
    pub opened_unknown: bool,
    /// The row's columns that map to no field, by title.
    pub extra: crate::ExtraFields,
}

/// An activity row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityRecord {
    /// The source's record id.
    pub external_id: Option<String>,
    /// The client.
    pub client: Ref,
    /// Kind (note when blank).
    pub kind: ActivityKind,
    /// When it happened, UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
    /// Who logged it.
    pub author: Option<PersonRef>,
    /// What happened.
    pub text: String,
    /// The outcome.
    pub outcome: Option<String>,
    /// The row's columns that map to no field, by title.
    pub extra: crate::ExtraFields,
}

/// A receivable (invoice) row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceivableRecord {
    /// The source's record id.
    pub external_id: Option<String>,
    /// The client.
    pub client: Ref,
    /// Invoice number.
    pub number: String,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// Currency.
    pub currency: Option<Currency>,
    /// Issued.
    pub issued_on: Date,
    /// Due.
    pub due_on: Date,
    /// Paid; `None` while unpaid.
    pub paid_on: Option<Date>,
    /// The row's columns that map to no field, by title.
    pub extra: crate::ExtraFields,
}

/// A lead: a prospect (a client nobody holds yet, for a head to hand to a hunter) and the
/// person who came with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadRecord {
    /// The prospect: the company, or the person himself when the lead names no company.
    pub client: ClientRecord,
    /// The person, a contact of that client, when the lead names one.
    pub contact: Option<ContactRecord>,
}

/// One imported row, typed by entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "entity", rename_all = "snake_case")]
pub enum ImportRecord {
    /// A client.
    Client(ClientRecord),
    /// A contact.
    Contact(ContactRecord),
    /// An employee.
    Employee(EmployeeRecord),
    /// A deal.
    Deal(DealRecord),
    /// An activity.
    Activity(ActivityRecord),
    /// A receivable.
    Receivable(ReceivableRecord),
    /// A lead (boxed: it holds a client and a contact).
    Lead(Box<LeadRecord>),
}

impl ImportRecord {
    /// Gives an amount the file says no currency for the import's one (`--currency`, else the
    /// company's).
    pub fn default_currency(&mut self, currency: &Currency) {
        let slot = match self {
            Self::Client(r) => &mut r.currency,
            Self::Lead(r) => &mut r.client.currency,
            Self::Deal(r) => &mut r.currency,
            Self::Receivable(r) => &mut r.currency,
            Self::Contact(_) | Self::Employee(_) | Self::Activity(_) => return,
        };
        if slot.is_none() {
            *slot = Some(currency.clone());
        }
    }

    /// Reads the record's phones in `region` (E.164 where they are numbers) and returns a
    /// warning for each cell kept as written: a phone that is not a number, an e-mail column's
    /// value that is not an address. A contact's phones that are numbers move to its `phones`.
    pub fn read_channels(&mut self, row: u64, region: &str) -> Vec<super::RowError> {
        match self {
            Self::Client(c) => read_client(c, row, region),
            Self::Contact(c) => read_contact(c, row, region),
            // The client's own channels are read too; the warnings are the person's when he has any.
            Self::Lead(l) => {
                let client = read_client(&mut l.client, row, region);
                l.contact.as_mut().map_or(client, |c| read_contact(c, row, region))
            }
            _ => Vec::new(),
        }
    }

    /// The kind of record.
    pub fn entity(&self) -> ImportEntity {
        match self {
            Self::Client(_) => ImportEntity::Clients,
            Self::Contact(_) => ImportEntity::Contacts,
            Self::Employee(_) => ImportEntity::Employees,
            Self::Deal(_) => ImportEntity::Deals,
            Self::Activity(_) => ImportEntity::Activities,
            Self::Receivable(_) => ImportEntity::Receivables,
            Self::Lead(_) => ImportEntity::Leads,
        }
    }

    /// The source system's record id, when the file has one.
    pub fn external_id(&self) -> Option<&str> {
        match self {
            Self::Client(r) => r.external_id.as_deref(),
            Self::Contact(r) => r.external_id.as_deref(),
            Self::Employee(r) => r.external_id.as_deref(),
            Self::Deal(r) => r.external_id.as_deref(),
            Self::Activity(r) => r.external_id.as_deref(),
            Self::Receivable(r) => r.external_id.as_deref(),
            Self::Lead(r) => r.client.external_id.as_deref(),
        }
    }
}

/// Reads a client's phones in `region`; the warnings of its channels kept as written.
fn read_client(c: &mut ClientRecord, row: u64, region: &str) -> Vec<super::RowError> {
    crate::channel::normalise_all(&mut c.channels, region);
    warnings(&c.channels, row, region)
}

/// Reads a contact's phones in `region`: the numbers go to its `phones`, the rest stay channels.
fn read_contact(c: &mut ContactRecord, row: u64, region: &str) -> Vec<super::RowError> {
    crate::channel::normalise_all(&mut c.channels, region);
    let (numbers, rest): (Vec<Channel>, Vec<Channel>) = std::mem::take(&mut c.channels)
        .into_iter()
        .partition(|ch| ch.e164.is_some() && crate::contact::is_phone(&ch.value));
    c.phones = numbers.into_iter().map(|ch| ch.value).collect();
    c.channels = rest;
    warnings(&c.channels, row, region)
}

/// A warning for each channel kept as written: a phone that is not a number of `region`, an
/// e-mail column's value that is not an address.
fn warnings(channels: &[Channel], row: u64, region: &str) -> Vec<super::RowError> {
    channels
        .iter()
        .filter_map(|c| {
            let value = c.value.clone();
            let (field, reason) = match c.kind {
                ChannelKind::Phone if c.e164.is_none() => {
                    ("phones", crate::Reason::PhoneKept { value, region: region.to_string() })
                }
                ChannelKind::Other => ("emails", crate::Reason::EmailKept { value }),
                _ => return None,
            };
            Some(super::RowError {
                row,
                column: c.source_column.clone().unwrap_or_default(),
                field: field.into(),
                reason: reason.into(),
            })
        })
        .collect()
}
