//! Receivables aging: the unpaid invoices of a scope by how long they are past due (not due,
//! 1–30, 31–60, 61–90, over 90 days), in total, per team, per rep and per client.

use crate::error::CoreResult;
use crate::money::Currency;
use crate::receivable::Receivable;
use crate::rules::store::RotationStore;
use crate::scope::{OwnerFilter, Scope};
use crate::store::WorkbenchStore;
use crate::{word_enum, ClientId, EmployeeId, TeamId};
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

/// Most clients the aging lists one by one (largest overdue first); the totals cover all.
pub const AGING_CLIENTS: usize = 500;

word_enum!(
    /// How long an unpaid invoice is past its due date on a day.
    AgingBucket {
        /// Not yet due (due today or later).
        NotDue = "not_due",
        /// 1 to 30 days past due.
        Days1To30 = "days_1_30",
        /// 31 to 60 days.
        Days31To60 = "days_31_60",
        /// 61 to 90 days.
        Days61To90 = "days_61_90",
        /// More than 90 days.
        Over90 = "over_90",
    }
);

impl AgingBucket {
    /// The bucket of an invoice due on `due_on`, seen on `today`.
    pub fn of(due_on: Date, today: Date) -> Self {
        match (today - due_on).whole_days() {
            ..=0 => AgingBucket::NotDue,
            1..=30 => AgingBucket::Days1To30,
            31..=60 => AgingBucket::Days31To60,
            61..=90 => AgingBucket::Days61To90,
            _ => AgingBucket::Over90,
        }
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|b| *b == self).unwrap_or(0)
    }
}

/// The unpaid amounts in one currency, by bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AgingLine {
    /// The currency.
    pub currency: Currency,
    /// Not yet due, minor units.
    pub not_due: i64,
    /// 1–30 days past due.
    pub days_1_30: i64,
    /// 31–60 days past due.
    pub days_31_60: i64,
    /// 61–90 days past due.
    pub days_61_90: i64,
    /// More than 90 days past due.
    pub over_90: i64,
    /// How many unpaid invoices.
    pub invoices: u64,
    /// How many of them are past due.
    pub overdue_invoices: u64,
}

impl AgingLine {
    fn new(currency: Currency) -> Self {
        Self {
            currency,
            not_due: 0,
            days_1_30: 0,
            days_31_60: 0,
            days_61_90: 0,
            over_90: 0,
            invoices: 0,
            overdue_invoices: 0,
        }
    }

    /// The amount in `bucket`, minor units.
    pub fn amount(&self, bucket: AgingBucket) -> i64 {
        [self.not_due, self.days_1_30, self.days_31_60, self.days_61_90, self.over_90][bucket.index()]
    }

    /// The amount past due, minor units.
    pub fn overdue(&self) -> i64 {
        self.days_1_30 + self.days_31_60 + self.days_61_90 + self.over_90
    }

    fn add(&mut self, r: &Receivable, today: Date) {
        let bucket = AgingBucket::of(r.due_on, today);
        let slot = match bucket {
            AgingBucket::NotDue => &mut self.not_due,
            AgingBucket::Days1To30 => &mut self.days_1_30,
            AgingBucket::Days31To60 => &mut self.days_31_60,
            AgingBucket::Days61To90 => &mut self.days_61_90,
            AgingBucket::Over90 => &mut self.over_90,
        };
        *slot = slot.saturating_add(r.amount_minor);
        self.invoices += 1;
        self.overdue_invoices += u64::from(bucket != AgingBucket::NotDue);
    }
}

/// The aging of the unpaid invoices among `receivables` on `today`, one line per currency.
pub fn aging<'a>(receivables: impl IntoIterator<Item = &'a Receivable>, today: Date) -> Vec<AgingLine> {
    let mut by: BTreeMap<String, AgingLine> = BTreeMap::new();
    for r in receivables.into_iter().filter(|r| r.unpaid_on(today)) {
        by.entry(r.currency.as_str().to_string()).or_insert_with(|| AgingLine::new(r.currency.clone())).add(r, today);
    }
    by.into_values().collect()
}

/// An unpaid invoice with the holder of its client and the holder's team.
#[derive(Debug, Clone)]
pub struct HeldReceivable {
    /// The invoice.
    pub receivable: Receivable,
    /// Who holds the client (`None`: no one).
    pub holder: Option<EmployeeId>,
    /// The holder's team.
    pub team: Option<TeamId>,
}

/// One team's aging.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamAging {
    /// The team (`None`: clients held by no one or by someone in no team).
    pub team_id: Option<TeamId>,
    /// One line per currency.
    pub lines: Vec<AgingLine>,
}

/// One rep's aging: the invoices of the clients he holds.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RepAging {
    /// The holder (`None`: clients held by no one).
    pub employee_id: Option<EmployeeId>,
    /// One line per currency.
    pub lines: Vec<AgingLine>,
}

/// One client's aging.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ClientAging {
    /// The client.
    pub client_id: ClientId,
    /// Who holds it.
    pub holder_id: Option<EmployeeId>,
    /// One line per currency.
    pub lines: Vec<AgingLine>,
}

/// The receivables of a scope on a day, aged.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReceivablesAging {
    /// The day the ages are counted on.
    pub today: Date,
    /// All unpaid invoices, one line per currency.
    pub total: Vec<AgingLine>,
    /// Per team of the holder.
    pub teams: Vec<TeamAging>,
    /// Per holder, largest overdue first.
    pub reps: Vec<RepAging>,
    /// Per client, largest overdue first, at most [`AGING_CLIENTS`].
    pub clients: Vec<ClientAging>,
    /// How many clients owe anything (the list may show fewer).
    pub clients_count: usize,
    /// The name of every client listed.
    #[schema(value_type = Object)]
    pub names: BTreeMap<ClientId, String>,
}

/// The overdue amount of `lines` to sort by (all currencies added: only an order).
fn weight(lines: &[AgingLine]) -> (i64, i64) {
    let overdue = lines.iter().map(AgingLine::overdue).fold(0i64, i64::saturating_add);
    let all = lines.iter().map(|l| l.overdue() + l.not_due).fold(0i64, i64::saturating_add);
    (overdue, all)
}

/// Groups `held` by `key` and ages each group.
fn grouped<K: Ord + Copy>(
    held: &[HeldReceivable],
    today: Date,
    key: impl Fn(&HeldReceivable) -> K,
) -> Vec<(K, Vec<AgingLine>)> {
    let mut groups: BTreeMap<K, Vec<&Receivable>> = BTreeMap::new();
    for h in held {
        groups.entry(key(h)).or_default().push(&h.receivable);
    }
    let mut out: Vec<(K, Vec<AgingLine>)> = groups.into_iter().map(|(k, rs)| (k, aging(rs, today))).collect();
    out.sort_by(|a, b| weight(&b.1).cmp(&weight(&a.1)).then(a.0.cmp(&b.0)));
    out
}

/// Ages `held` on `today`: in total, per team, per rep and per client.
pub fn age(held: &[HeldReceivable], today: Date) -> ReceivablesAging {
    let holders: BTreeMap<ClientId, Option<EmployeeId>> =
        held.iter().map(|h| (h.receivable.client_id, h.holder)).collect();
    let mut clients: Vec<ClientAging> = grouped(held, today, |h| h.receivable.client_id)
        .into_iter()
        .map(|(client_id, lines)| ClientAging {
            client_id,
            holder_id: holders.get(&client_id).copied().flatten(),
            lines,
        })
        .collect();
    let clients_count = clients.len();
    clients.truncate(AGING_CLIENTS);
    ReceivablesAging {
        today,
        total: aging(held.iter().map(|h| &h.receivable), today),
        teams: grouped(held, today, |h| h.team)
            .into_iter()
            .map(|(team_id, lines)| TeamAging { team_id, lines })
            .collect(),
        reps: grouped(held, today, |h| h.holder)
            .into_iter()
            .map(|(employee_id, lines)| RepAging { employee_id, lines })
            .collect(),
        clients,
        clients_count,
        names: BTreeMap::new(),
    }
}

/// The aging of the unpaid invoices inside `scope` that `filter` picks (by holder or the
/// holder's team), on `today`, with the names of the clients listed.
pub async fn receivables_aging<S: WorkbenchStore + RotationStore>(
    store: &S,
    scope: &Scope,
    filter: &OwnerFilter,
    today: Date,
) -> CoreResult<ReceivablesAging> {
    let held = store.unpaid_receivables(scope, filter).await?;
    let mut out = age(&held, today);
    let named: Vec<ClientId> = out.clients.iter().map(|c| c.client_id).collect();
    out.names = store.client_names(&named).await?.into_iter().collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ReceivableId;
    use time::macros::date;
    use time::Duration;

    const TODAY: Date = date!(2026 - 06 - 30);

    fn invoice(client: ClientId, days_late: i64, amount: i64) -> Receivable {
        Receivable {
            id: ReceivableId::new(),
            client_id: client,
            number: "1".into(),
            amount_minor: amount,
            currency: Currency::rub(),
            issued_on: date!(2026 - 01 - 01),
            due_on: TODAY - Duration::days(days_late),
            paid_on: None,
            extra: Default::default(),
        }
    }

    #[test]
    fn buckets_start_the_day_after_the_due_date_and_end_on_their_last_day() {
        let cases = [(-5, AgingBucket::NotDue), (0, AgingBucket::NotDue), (1, AgingBucket::Days1To30)];
        let more = [(30, AgingBucket::Days1To30), (31, AgingBucket::Days31To60), (60, AgingBucket::Days31To60)];
        let last = [(61, AgingBucket::Days61To90), (90, AgingBucket::Days61To90), (91, AgingBucket::Over90)];
        for (late, bucket) in cases.into_iter().chain(more).chain(last) {
            assert_eq!(AgingBucket::of(TODAY - Duration::days(late), TODAY), bucket, "{late} days late");
        }
    }

    #[test]
    fn aging_adds_unpaid_invoices_per_bucket_and_skips_the_paid() {
        let c = ClientId::new();
        let mut paid = invoice(c, 40, 1_000);
        paid.paid_on = Some(TODAY - Duration::days(1));
        let mut paid_later = invoice(c, 40, 7);
        paid_later.paid_on = Some(TODAY + Duration::days(1));
        let list = [invoice(c, -3, 100), invoice(c, 10, 20), invoice(c, 45, 3), paid, paid_later, invoice(c, 200, 5)];
        let lines = aging(&list, TODAY);
        assert_eq!(lines.len(), 1);
        let l = &lines[0];
        assert_eq!((l.not_due, l.days_1_30, l.days_31_60, l.days_61_90, l.over_90), (100, 20, 10, 0, 5));
        assert_eq!((l.invoices, l.overdue_invoices, l.overdue()), (5, 4, 35));
    }

    #[test]
    fn the_largest_debtor_comes_first_per_client_and_per_rep() {
        let (small, big) = (ClientId::new(), ClientId::new());
        let (a, b) = (EmployeeId::new(), EmployeeId::new());
        let held = [
            HeldReceivable { receivable: invoice(small, 5, 10), holder: Some(a), team: None },
            HeldReceivable { receivable: invoice(big, 95, 900), holder: Some(b), team: None },
            HeldReceivable { receivable: invoice(big, -1, 50), holder: Some(b), team: None },
        ];
        let aged = age(&held, TODAY);
        assert_eq!(aged.clients.iter().map(|c| c.client_id).collect::<Vec<_>>(), vec![big, small]);
        assert_eq!(aged.reps.iter().map(|r| r.employee_id).collect::<Vec<_>>(), vec![Some(b), Some(a)]);
        assert_eq!(aged.total[0].over_90, 900);
        assert_eq!(aged.teams.len(), 1);
        assert_eq!(aged.clients_count, 2);
    }
}
