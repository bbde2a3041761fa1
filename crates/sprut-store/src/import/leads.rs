//! Leads: each a prospect (a client nobody holds, for a head to hand to a hunter) with the
//! person who came with it as its contact. The client keeps the lead's id among the clients,
//! the contact among the contacts, so a re-run finds both.

use super::{clients, records, Run};
use crate::sql::Tx;
use sprut_core::import::LeadRecord;
use sprut_core::CoreError;

/// Applies one batch of lead rows: their clients first, then their contacts.
pub(crate) async fn apply(tx: &mut Tx, run: &mut Run<'_>, recs: Vec<(u64, Box<LeadRecord>)>) -> Result<(), CoreError> {
    let mut people = Vec::new();
    let mut companies = Vec::with_capacity(recs.len());
    for (row, lead) in recs {
        let lead = *lead;
        companies.push((row, lead.client));
        if let Some(c) = lead.contact {
            people.push((row, c));
        }
    }
    clients::staged(tx, run, companies, None).await?.write(tx).await?;
    let placed = records::pool_loose(tx, run, people).await?;
    records::staged(tx, run, placed, None).await?.write(tx).await
}
