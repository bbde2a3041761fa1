//! The deal board: the open deals of a scope in columns by funnel phase, with each column's
//! count and totals per currency.

use crate::deal::{Deal, DealPhase};
use crate::error::CoreResult;
use crate::money::Currency;
use crate::rules::store::RotationStore;
use crate::scope::Scope;
use crate::store::WorkbenchStore;
use crate::{ClientId, EmployeeId, TeamId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most deals a column shows (soonest expected close first); its count and totals cover all.
pub const COLUMN_DEALS: u32 = 100;

/// Whose deals the board shows.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, utoipa::IntoParams)]
pub struct BoardFilter {
    /// Deals this employee owns.
    pub owner_id: Option<EmployeeId>,
    /// Deals owned by the members of this team.
    pub team_id: Option<TeamId>,
}

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
    filter: &BoardFilter,
) -> CoreResult<DealBoard> {
    let totals = store.open_deal_totals(scope, filter).await?;
    let deals = store.open_deals(scope, filter, COLUMN_DEALS).await?;
    let named: Vec<ClientId> = deals.iter().map(|d| d.client_id).collect();
    let clients = store.client_outlines(&named).await?.into_iter().map(|b| (b.client_id, b.name)).collect();
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
