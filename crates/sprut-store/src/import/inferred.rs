//! Holdings inferred by an import: a source that knows only a client's current owner (or the
//! owners of its deals and activities) yields an account assignment from the client's first
//! deal or activity, marked `inferred`. The claims are gathered over the whole file and
//! applied once at its end, so the result does not depend on where batches begin.

use super::Run;
use crate::bulk::{insert_rows, select_in, Insert, Val};
use crate::id::{DbId, ToDb};
use crate::rows::why_text;
use crate::sql::{q_exec, Tx};
use sprut_core::assignment::{AssignmentKind, NewAssignment};
use sprut_core::rules::why::RuleWhy;
use sprut_core::{ClientId, CoreError, EmployeeId};
use std::collections::HashMap;
use time::{Date, OffsetDateTime};

/// A row's word on who holds a client.
#[derive(Debug, Clone)]
pub(crate) struct Claim {
    /// The row.
    pub(crate) row: u64,
    /// The client.
    pub(crate) client: ClientId,
    /// The employee.
    pub(crate) employee: EmployeeId,
    /// The day the row dates it to (a deal's opening, an activity, a client's creation).
    pub(crate) on: Option<Date>,
    /// The source's current holder (a client row), not an owner of history (a deal, a touch).
    pub(crate) current: bool,
}

#[derive(sqlx::FromRow)]
struct Held {
    id: DbId,
    client_id: DbId,
    employee_id: DbId,
    started_on: Date,
    ended_on: Option<Date>,
    inferred: bool,
}

/// Keeps, per client, the claim that decides its holder over the whole file: the current
/// holder a client row names, else the owner of the latest dated deal or touch (the earlier row
/// on a tie).
pub(crate) fn collect(run: &mut Run<'_>, claims: Vec<Claim>) {
    for c in claims {
        match run.claims.get(&c.client) {
            Some(p) if p.current || (!c.current && p.on >= c.on) => {}
            _ => {
                run.claims.insert(c.client, c);
            }
        }
    }
}

/// Makes the holdings agree with the claims of the whole file (whose rows are all written).
pub(crate) async fn apply(tx: &mut Tx, run: &mut Run<'_>) -> Result<(), CoreError> {
    let mut all: Vec<Claim> = std::mem::take(&mut run.claims).into_values().collect();
    all.sort_by_key(|c| c.client);
    for chunk in all.chunks(sprut_core::import::BATCH_ROWS) {
        apply_chunk(tx, run, chunk).await?;
    }
    Ok(())
}

async fn apply_chunk(tx: &mut Tx, run: &mut Run<'_>, claims: &[Claim]) -> Result<(), CoreError> {
    let per: HashMap<ClientId, Claim> = claims.iter().map(|c| (c.client, c.clone())).collect();
    let list: Vec<Val> = claims.iter().map(|c| Val::from(c.client.db())).collect();
    let mut held: HashMap<ClientId, Vec<Held>> = HashMap::new();
    let rows: Vec<Held> = select_in(
        tx.conn(),
        "SELECT id, client_id, employee_id, started_on, ended_on, inferred FROM assignments WHERE client_id IN ({list})",
        &[],
        &list,
    )
    .await?;
    for h in rows {
        held.entry(h.client_id.into()).or_default().push(h);
    }
    let first = first_dates(tx, &list).await?;
    let today = run.o.today;
    let mut opened = Vec::new();
    let mut per: Vec<(ClientId, Claim)> = per.into_iter().collect();
    per.sort_by_key(|(c, _)| *c);
    for (client, claim) in per {
        let history = held.remove(&client).unwrap_or_default();
        let first = first.get(&client).copied().into_iter().chain(claim.on).min();
        let open = history.iter().find(|h| h.ended_on.is_none());
        let start = match open {
            Some(h) if h.employee_id == claim.employee.db() || !claim.current => {
                if let (true, 1, Some(f)) = (h.inferred, history.len(), first) {
                    if f < h.started_on {
                        q_exec!(tx.conn(), "UPDATE assignments SET started_on = $2 WHERE id = $1", h.id, f)?;
                    }
                }
                continue;
            }
            Some(h) => {
                let end = today.max(h.started_on);
                q_exec!(
                    tx.conn(),
                    "UPDATE assignments SET ended_on = $2, end_reason = 'transferred', end_explanation = $3, \
                     end_why = $4 WHERE id = $1",
                    h.id,
                    end,
                    format!("import from {}: the client's holder there is someone else", run.o.source),
                    why_text(Some(&RuleWhy::HolderElsewhere { source: run.o.source.clone() })),
                )?;
                end
            }
            None if history.is_empty() => first.unwrap_or(today),
            None if !claim.current => continue,
            None => history.iter().filter_map(|h| h.ended_on).max().unwrap_or(today).max(today),
        };
        let why = if claim.current { "holder" } else { "owner of its latest deal or touch" };
        let new = NewAssignment {
            employee_id: claim.employee,
            kind: AssignmentKind::Account,
            started_on: start,
            due_on: None,
            explanation: format!("inferred by the import from {}: the client's {why} there", run.o.source),
        };
        match new.into_assignment(client, run.actor.employee_id, run.actor.now) {
            Ok(mut a) => {
                a.why = Some(RuleWhy::Inferred { source: run.o.source.clone(), holder: claim.current });
                opened.push(a)
            }
            Err(e) => run.refuse(claim.row, e)?,
        }
    }
    run.out.inferred += opened.len() as u64;
    let mut cols = sprut_core::assignment::Assignment::COLS.to_vec();
    cols.push("inferred");
    let rows = opened
        .iter()
        .map(|a| {
            let mut v = a.values();
            v.push(Val::Bool(true));
            v
        })
        .collect();
    insert_rows(tx.conn(), "assignments", &cols, rows, "").await
}

/// The first day of each client's deals and activities.
async fn first_dates(tx: &mut Tx, clients: &[Val]) -> Result<HashMap<ClientId, Date>, CoreError> {
    let deals: Vec<(DbId, Date)> = select_in(
        tx.conn(),
        "SELECT client_id, MIN(opened_on) FROM deals WHERE client_id IN ({list}) GROUP BY client_id",
        &[],
        clients,
    )
    .await?;
    let touches: Vec<(DbId, OffsetDateTime)> = select_in(
        tx.conn(),
        "SELECT client_id, MIN(occurred_at) FROM activities WHERE client_id IN ({list}) GROUP BY client_id",
        &[],
        clients,
    )
    .await?;
    let mut out: HashMap<ClientId, Date> = HashMap::new();
    for (c, d) in deals.into_iter().chain(touches.into_iter().map(|(c, t)| (c, t.date()))) {
        let e = out.entry(c.into()).or_insert(d);
        *e = (*e).min(d);
    }
    Ok(out)
}
