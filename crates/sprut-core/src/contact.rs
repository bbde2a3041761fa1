//! Contacts: the people at a client, and whether the company can reach them directly.

use crate::channel::Channel;
use crate::validate::{double_option, is_email, Checks};
use crate::Reason;
use crate::{word_enum, ClientId, ContactId, CoreError, EmployeeId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

word_enum!(
    /// What a contact is the company's person for; staff departments see the contacts of their function.
    ContactFunction {
        /// Buying, management, anything else: the sales contact.
        General = "general",
        /// Invoices and payments (accounting).
        Billing = "billing",
        /// Deliveries and warehouse (logistics).
        Delivery = "delivery",
        /// Contracts and legal matters (legal).
        Legal = "legal",
        /// Service and complaints (support).
        Support = "support",
    }
);

impl ContactFunction {
    /// The function a position title suggests (Russian or English), `general` when unsure.
    pub fn from_position(position: &str) -> ContactFunction {
        let p = position.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| p.contains(w));
        if has(&["бухгалт", "финанс", "account", "billing", "finance", "казнач"]) {
            ContactFunction::Billing
        } else if has(&["склад", "логист", "warehouse", "logist", "delivery", "shipping", "снабж"]) {
            ContactFunction::Delivery
        } else if has(&["юрист", "юридич", "legal", "lawyer", "counsel", "договор"]) {
            ContactFunction::Legal
        } else if has(&["инженер", "поддерж", "сервис", "support", "engineer", "service"]) {
            ContactFunction::Support
        } else {
            ContactFunction::General
        }
    }
}

word_enum!(
    /// The part a contact plays in the client's decisions and work with us.
    ContactLevel {
        /// Makes or signs off decisions (ЛПР).
        DecisionMaker = "decision_maker",
        /// Sways the decision (ЛВР).
        Influencer = "influencer",
        /// Uses what we sell.
        User = "user",
        /// Accounting: invoices and payments.
        Accountant = "accountant",
        /// Logistics: deliveries and the warehouse.
        Logistics = "logistics",
        /// Legal: contracts.
        Lawyer = "lawyer",
        /// Anyone else.
        Other = "other",
    }
);

impl ContactLevel {
    /// The level a contact's other fields suggest when none is given: a decision maker is one,
    /// a billing, delivery or legal contact is the accountant, logistics or lawyer.
    pub fn implied(decision_maker: bool, function: ContactFunction) -> ContactLevel {
        match (decision_maker, function) {
            (true, _) => ContactLevel::DecisionMaker,
            (false, ContactFunction::Billing) => ContactLevel::Accountant,
            (false, ContactFunction::Delivery) => ContactLevel::Logistics,
            (false, ContactFunction::Legal) => ContactLevel::Lawyer,
            (false, _) => ContactLevel::Other,
        }
    }
}

/// Whether `p` is written as a contact's phone must be: 5 to 15 digits, with spaces, + - ( ).
pub fn is_phone(p: &str) -> bool {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    (5..=15).contains(&digits) && p.chars().all(|ch| ch.is_ascii_digit() || " +-()".contains(ch))
}

/// A person at a client (ЛПР when `decision_maker`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Contact {
    /// Id.
    pub id: ContactId,
    /// The client.
    pub client_id: ClientId,
    /// Full name.
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// What the contact is our person for.
    pub function: ContactFunction,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// Other channels: sites, messengers, and phones kept as written that do not read as numbers.
    pub channels: Vec<Channel>,
    /// Makes or signs off decisions (always `level == decision_maker`).
    pub decision_maker: bool,
    /// The part the contact plays.
    pub level: ContactLevel,
    /// Agreed to be contacted directly by the company.
    pub consent: bool,
    /// When someone other than the holder last checked this contact.
    #[serde(with = "time::serde::rfc3339::option")]
    pub verified_at: Option<OffsetDateTime>,
    /// Who checked it.
    pub verified_by: Option<EmployeeId>,
    /// When created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// Columns of an imported file that map to no field, by column title ("From the import").
    #[schema(value_type = Object)]
    pub extra: crate::ExtraFields,
}

/// A new contact as submitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewContact {
    /// The client.
    pub client_id: ClientId,
    /// Full name.
    pub name: String,
    /// Position.
    #[serde(default)]
    pub position: Option<String>,
    /// Function (default: guessed from the position).
    #[serde(default)]
    pub function: Option<ContactFunction>,
    /// Phones.
    #[serde(default)]
    pub phones: Vec<String>,
    /// E-mails.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Other channels: sites, messengers, phones that are not numbers.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Decision maker.
    #[serde(default)]
    pub decision_maker: bool,
    /// The part the contact plays (default: decision maker when `decision_maker`, else what
    /// the function suggests); it decides `decision_maker` when given.
    #[serde(default)]
    pub level: Option<ContactLevel>,
    /// Consent to direct communication.
    #[serde(default)]
    pub consent: bool,
}

/// Changes to a contact.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ContactPatch {
    /// Name.
    pub name: Option<String>,
    /// Position.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub position: Option<Option<String>>,
    /// Function.
    pub function: Option<ContactFunction>,
    /// Phones (replaces the list).
    pub phones: Option<Vec<String>>,
    /// E-mails (replaces the list).
    pub emails: Option<Vec<String>>,
    /// Other channels (replaces the list).
    pub channels: Option<Vec<Channel>>,
    /// Decision maker (sets the level to decision maker, or back to what the function suggests).
    pub decision_maker: Option<bool>,
    /// The part the contact plays; it decides `decision_maker`.
    pub level: Option<ContactLevel>,
    /// Consent.
    pub consent: Option<bool>,
    /// `true` records that the acting employee verified the contact now.
    pub verified: Option<bool>,
}

impl NewContact {
    /// Checks the input and builds the contact.
    pub fn into_contact(self, now: OffsetDateTime) -> Result<Contact, CoreError> {
        let function =
            self.function.unwrap_or_else(|| ContactFunction::from_position(self.position.as_deref().unwrap_or("")));
        let level = self.level.unwrap_or_else(|| ContactLevel::implied(self.decision_maker, function));
        Contact {
            id: ContactId::new(),
            client_id: self.client_id,
            name: self.name,
            function,
            position: self.position,
            phones: self.phones,
            emails: self.emails,
            channels: self.channels,
            decision_maker: level == ContactLevel::DecisionMaker,
            level,
            consent: self.consent,
            verified_at: None,
            verified_by: None,
            created_at: now,
            updated_at: now,
            extra: Default::default(),
        }
        .checked()
    }
}

impl Contact {
    /// This contact with `patch` applied by `actor` at `now`, checked.
    pub fn patched(
        &self,
        p: ContactPatch,
        actor: Option<EmployeeId>,
        now: OffsetDateTime,
    ) -> Result<Contact, CoreError> {
        let mut c = self.clone();
        if let Some(v) = p.name {
            c.name = v;
        }
        if let Some(v) = p.position {
            c.position = v;
        }
        if let Some(v) = p.function {
            c.function = v;
        }
        if let Some(v) = p.phones {
            c.phones = v;
        }
        if let Some(v) = p.emails {
            c.emails = v;
        }
        if let Some(v) = p.channels {
            c.channels = v;
        }
        match (p.level, p.decision_maker) {
            (Some(level), _) => c.level = level,
            (None, Some(true)) => c.level = ContactLevel::DecisionMaker,
            (None, Some(false)) if c.level == ContactLevel::DecisionMaker => {
                c.level = ContactLevel::implied(false, c.function)
            }
            _ => {}
        }
        c.decision_maker = c.level == ContactLevel::DecisionMaker;
        if let Some(v) = p.consent {
            c.consent = v;
        }
        match p.verified {
            Some(true) => {
                c.verified_at = Some(now);
                c.verified_by = actor;
            }
            Some(false) => {
                c.verified_at = None;
                c.verified_by = None;
            }
            None => {}
        }
        c.updated_at = now;
        c.checked()
    }

    fn checked(mut self) -> Result<Contact, CoreError> {
        let mut c = Checks::new();
        self.name = c.text("name", &self.name, 200);
        self.position = c.optional_text("position", self.position.as_deref(), 200);
        self.phones = self.phones.iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
        for p in &self.phones {
            if !is_phone(p) {
                c.fail("phones", Reason::Phone { value: p.to_string() });
            }
        }
        self.emails = self.emails.iter().map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()).collect();
        for e in &self.emails {
            if !is_email(e) {
                c.fail("emails", Reason::Email { value: e.to_string() });
            }
        }
        self.channels = crate::channel::checked(&mut c, "channels", self.channels);
        c.finish()?;
        Ok(self)
    }
}
