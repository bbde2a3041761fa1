//! The deal board: the open deals of a scope in columns by funnel phase, with each column's
//! count and totals per currency.

use crate::deal::{Deal, DealPhase};
use crate::error::CoreResult;
use crate::money::Currency;
use crate::rules::store::RotationStore;
use crate::scope::{OwnerFilter, Scope};
use crate::store::WorkbenchStore;
use crate::ClientId;
use serde::Serialize;
use std::collections::BTreeMap;

/// Most deals a column shows (soonest expected close first); its count and totals cover all.
pub const COLUMN_DEALS: u32 = 100;

/// The count and the sum of one phase's open deals in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PhaseTotal {
    /// The phase.
    pub phase: DealPhase,
    /// The currency.
    pub currency: Currency,
    /// How many deals.
    pub deals: u64,
    /// Their amount, minor units.
    pub amount_minor: i64,
}

/// One column of the board.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BoardColumn {
    /// The phase.
    pub phase: DealPhase,
    /// How many open deals are in it.
    pub deals_count: u64,
    /// Their amounts per currency, minor units.
    #[schema(value_type = Object)]
    pub totals: BTreeMap<String, i64>,
    /// Its first [`COLUMN_DEALS`] deals, soonest expected close first.
    pub deals: Vec<Deal>,
}

/// The board.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DealBoard {
    /// One column per phase, in funnel order.
    pub columns: Vec<BoardColumn>,
    /// The name of every client the cards name.
    #[schema(value_type = Object)]
    pub clients: BTreeMap<ClientId, String>,
}

/// The board of the open deals inside `scope` that `filter` picks.
pub async fn deal_board<S: WorkbenchStore + RotationStore>(
    store: &S,
    scope: &Scope,
    filter: &OwnerFilter,
) -> CoreResult<DealBoard> {
    let totals = store.open_deal_totals(scope, filter).await?;
    let deals = store.open_deals(scope, filter, COLUMN_DEALS).await?;
    let named: Vec<ClientId> = deals.iter().map(|d| d.client_id).collect();
    let clients = store.client_names(&named).await?.into_iter().collect();
    let columns = DealPhase::ALL
        .iter()
        .map(|phase| {
            let mine = totals.iter().filter(|t| t.phase == *phase);
            BoardColumn {
                phase: *phase,
                deals_count: mine.clone().map(|t| t.deals).sum(),
                totals: mine.map(|t| (t.currency.as_str().to_string(), t.amount_minor)).collect(),
                deals: deals.iter().filter(|d| d.phase == *phase).cloned().collect(),
            }
        })
        .collect();
    Ok(DealBoard { columns, clients })
}
