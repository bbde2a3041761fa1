//! Deals: sales, open or closed, worked by an owner and credited to the holder at close.

use crate::money::Currency;
use crate::task::NextStep;
use crate::validate::{double_option, Checks};
use crate::Reason;
use crate::{word_enum, ClientId, CoreError, DealId, EmployeeId};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

word_enum!(
    /// Where a deal stands.
    DealStage {
        /// In progress.
        Open = "open",
        /// Sold.
        Won = "won",
        /// Lost.
        Lost = "lost",
    }
);

word_enum!(
    /// Where an open deal stands in the sales funnel (the columns of the deal board).
    DealPhase {
        /// Just recorded.
        New = "new",
        /// The need and the budget are confirmed.
        Qualified = "qualified",
        /// An offer is sent.
        Proposal = "proposal",
        /// Terms are being agreed.
        Negotiation = "negotiation",
        /// The contract is being signed.
        Contract = "contract",
    }
);

impl DealPhase {
    /// The phase after this one; `None` after the contract, where the next move is won.
    pub fn next(self) -> Option<DealPhase> {
        Self::ALL.iter().skip_while(|p| **p != self).nth(1).copied()
    }
}

/// A deal with a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Deal {
    /// Id.
    pub id: DealId,
    /// The client.
    pub client_id: ClientId,
    /// What is sold.
    pub title: String,
    /// Stage.
    pub stage: DealStage,
    /// Where it stands in the funnel (kept as it was when the deal closed).
    pub phase: DealPhase,
    /// Amount, minor units.
    pub amount_minor: i64,
    /// Currency.
    pub currency: Currency,
    /// When work on it began.
    pub opened_on: Date,
    /// When it is expected to close.
    pub expected_close_on: Option<Date>,
    /// When won or lost.
    pub closed_on: Option<Date>,
    /// Whether `opened_on` is the real opening (false for a migrated record created after the
    /// deal closed: such a deal stays out of the sales-cycle sample).
    pub opened_known: bool,
    /// Who works the deal, whatever its stage.
    pub owner_id: Option<EmployeeId>,
    /// The holder at close, who gets the credit.
    pub credited_to: Option<EmployeeId>,
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

/// A new deal as submitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewDeal {
    /// The client.
    pub client_id: ClientId,
    /// Title.
    pub title: String,
    /// Stage (default open).
    #[serde(default)]
    pub stage: Option<DealStage>,
    /// Funnel phase (default new).
    #[serde(default)]
    pub phase: Option<DealPhase>,
    /// Amount, minor units.
    pub amount_minor: i64,
    /// Currency (default RUB).
    #[serde(default)]
    pub currency: Option<Currency>,
    /// When work began.
    pub opened_on: Date,
    /// When it is expected to close.
    #[serde(default)]
    pub expected_close_on: Option<Date>,
    /// When closed (won or lost only).
    #[serde(default)]
    pub closed_on: Option<Date>,
    /// Who works the deal (default: who creates it).
    #[serde(default)]
    pub owner_id: Option<EmployeeId>,
    /// Credit to someone other than the holder at close.
    #[serde(default)]
    pub credited_to: Option<EmployeeId>,
    /// What to do next, by when: a task on the client, saved with the deal.
    #[serde(default)]
    pub next_step: Option<NextStep>,
}

/// Changes to a deal.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct DealPatch {
    /// Title.
    pub title: Option<String>,
    /// Stage.
    pub stage: Option<DealStage>,
    /// Funnel phase.
    pub phase: Option<DealPhase>,
    /// Amount.
    pub amount_minor: Option<i64>,
    /// Currency.
    pub currency: Option<Currency>,
    /// Opened.
    pub opened_on: Option<Date>,
    /// Expected close; `null` clears.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Date>)]
    pub expected_close_on: Option<Option<Date>>,
    /// Closed.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Date>)]
    pub closed_on: Option<Option<Date>>,
    /// Credited to.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<EmployeeId>)]
    pub credited_to: Option<Option<EmployeeId>>,
    /// Owner.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<EmployeeId>)]
    pub owner_id: Option<Option<EmployeeId>>,
    /// What to do next, by when: a task on the client, saved with the change.
    pub next_step: Option<NextStep>,
}

impl NewDeal {
    /// Checks the input and builds the deal.
    pub fn into_deal(self, now: OffsetDateTime) -> Result<Deal, CoreError> {
        Deal {
            id: DealId::new(),
            client_id: self.client_id,
            title: self.title,
            stage: self.stage.unwrap_or(DealStage::Open),
            phase: self.phase.unwrap_or(DealPhase::New),
            amount_minor: self.amount_minor,
            currency: self.currency.unwrap_or_else(Currency::rub),
            opened_on: self.opened_on,
            expected_close_on: self.expected_close_on,
            closed_on: self.closed_on,
            opened_known: true,
            owner_id: self.owner_id,
            credited_to: self.credited_to,
            created_at: now,
            updated_at: now,
            extra: Default::default(),
        }
        .checked()
    }
}

impl Deal {
    /// This deal with `patch` applied at `now`, checked.
    pub fn patched(&self, p: DealPatch, now: OffsetDateTime) -> Result<Deal, CoreError> {
        let mut d = self.clone();
        if let Some(v) = p.title {
            d.title = v;
        }
        if let Some(v) = p.stage {
            d.stage = v;
        }
        if let Some(v) = p.phase {
            d.phase = v;
        }
        if let Some(v) = p.expected_close_on {
            d.expected_close_on = v;
        }
        if let Some(v) = p.amount_minor {
            d.amount_minor = v;
        }
        if let Some(v) = p.currency {
            d.currency = v;
        }
        if let Some(v) = p.opened_on {
            d.opened_on = v;
        }
        if let Some(v) = p.closed_on {
            d.closed_on = v;
        }
        if let Some(v) = p.owner_id {
            d.owner_id = v;
        }
        if let Some(v) = p.credited_to {
            d.credited_to = v;
        }
        if d.stage == DealStage::Open {
            d.credited_to = None;
        }
        d.updated_at = now;
        d.checked()
    }

    /// Whether the deal is closed (won or lost).
    pub fn is_closed(&self) -> bool {
        self.stage != DealStage::Open
    }

    fn checked(mut self) -> Result<Deal, CoreError> {
        let mut c = Checks::new();
        self.title = c.text("title", &self.title, 300);
        c.non_negative("amount_minor", self.amount_minor);
        match (self.stage, self.closed_on) {
            (DealStage::Open, Some(_)) => c.fail("closed_on", Reason::OpenDealHasNoClose),
            (DealStage::Won | DealStage::Lost, None) => c.fail("closed_on", Reason::ClosedDealNeedsDate),
            (_, Some(closed)) if closed < self.opened_on => c.fail("closed_on", Reason::Before { other: "opened_on" }),
            _ => {}
        }
        if self.expected_close_on.is_some_and(|e| e < self.opened_on) {
            c.fail("expected_close_on", Reason::Before { other: "opened_on" });
        }
        c.finish()?;
        Ok(self)
    }
}
