//! Receivables: invoices a client owes.

use crate::money::Currency;
use crate::validate::{double_option, Checks};
use crate::Reason;
use crate::{ClientId, CoreError, ReceivableId};
use serde::{Deserialize, Serialize};
use time::Date;

/// An invoice issued to a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Receivable {
    /// Id.
    pub id: ReceivableId,
    /// The client.
    pub client_id: ClientId,
    /// Invoice number.
    pub number: String,
    /// Amount, minor units.
    pub amount_minor: i64,
    /// Currency.
    pub currency: Currency,
    /// Issued.
    pub issued_on: Date,
    /// Payment due.
    pub due_on: Date,
    /// Paid (`None`: still open).
    pub paid_on: Option<Date>,
    /// Columns of an imported file that map to no field, by column title ("From the import").
    #[schema(value_type = Object)]
    pub extra: crate::ExtraFields,
}

impl Receivable {
    /// Whether it is still unpaid on `day`.
    pub fn unpaid_on(&self, day: Date) -> bool {
        self.paid_on.is_none_or(|paid| paid > day)
    }

    /// Whether it is unpaid and past due on `day`.
    pub fn overdue_on(&self, day: Date) -> bool {
        self.unpaid_on(day) && self.due_on < day
    }
}

/// A new invoice as submitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewReceivable {
    /// The client.
    pub client_id: ClientId,
    /// Invoice number.
    pub number: String,
    /// Amount.
    pub amount_minor: i64,
    /// Currency (default RUB).
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Issued.
    pub issued_on: Date,
    /// Due.
    pub due_on: Date,
    /// Paid.
    #[serde(default)]
    pub paid_on: Option<Date>,
}

/// Changes to an invoice.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ReceivablePatch {
    /// Number.
    pub number: Option<String>,
    /// Amount.
    pub amount_minor: Option<i64>,
    /// Currency.
    pub currency: Option<Currency>,
    /// Issued.
    pub issued_on: Option<Date>,
    /// Due.
    pub due_on: Option<Date>,
    /// Paid; `null` marks it unpaid again.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Date>)]
    pub paid_on: Option<Option<Date>>,
}

impl NewReceivable {
    /// Checks the input and builds the invoice.
    pub fn into_receivable(self) -> Result<Receivable, CoreError> {
        Receivable {
            id: ReceivableId::new(),
            client_id: self.client_id,
            number: self.number,
            amount_minor: self.amount_minor,
            currency: self.currency.unwrap_or_else(Currency::rub),
            issued_on: self.issued_on,
            due_on: self.due_on,
            paid_on: self.paid_on,
            extra: Default::default(),
        }
        .checked()
    }
}

impl Receivable {
    /// This invoice with `patch` applied, checked.
    pub fn patched(&self, p: ReceivablePatch) -> Result<Receivable, CoreError> {
        let mut r = self.clone();
        if let Some(v) = p.number {
            r.number = v;
        }
        if let Some(v) = p.amount_minor {
            r.amount_minor = v;
        }
        if let Some(v) = p.currency {
            r.currency = v;
        }
        if let Some(v) = p.issued_on {
            r.issued_on = v;
        }
        if let Some(v) = p.due_on {
            r.due_on = v;
        }
        if let Some(v) = p.paid_on {
            r.paid_on = v;
        }
        r.checked()
    }

    fn checked(mut self) -> Result<Receivable, CoreError> {
        let mut c = Checks::new();
        self.number = c.text("number", &self.number, 100);
        c.non_negative("amount_minor", self.amount_minor);
        if self.due_on < self.issued_on {
            c.fail("due_on", Reason::Before { other: "issued_on" });
        }
        if self.paid_on.is_some_and(|p| p < self.issued_on) {
            c.fail("paid_on", Reason::Before { other: "issued_on" });
        }
        c.finish()?;
        Ok(self)
    }
}
