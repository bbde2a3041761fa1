//! What handovers read: facts about clients (revenue, ties, invoices), the possible
//! receivers with their loads, and the history the analysis compares.

use crate::id::{DbId, ToDb};
use crate::rows::word;
use crate::sql::{q_all, q_opt};
use crate::Db;
use sprut_core::handover::analysis::{Handed, Sale};
use sprut_core::handover::share::{ClientFacts, Receiver};
use sprut_core::Reason;
use sprut_core::{ClientId, CoreError};
use std::collections::BTreeMap;
use time::{Date, Duration, OffsetDateTime};

#[derive(sqlx::FromRow)]
struct FactsRow {
    id: DbId,
    name: String,
    region: Option<String>,
    potential_minor: i64,
    is_customer: i64,
    revenue_12m: i64,
    contacts: i64,
    verified: i64,
    last_meeting: Option<OffsetDateTime>,
    open_receivables: i64,
    overdue: i64,
}

/// One client's facts as of `$2` (a year ago) and `$3` (today). Aggregates are cast to
/// BIGINT so both engines return the same type.
const FACTS_SQL: &str = "SELECT c.id, c.name, c.region, c.potential_minor, \
     CAST(CASE WHEN EXISTS (SELECT 1 FROM deals d WHERE d.client_id = c.id AND d.stage = 'won') THEN 1 ELSE 0 END AS BIGINT) AS is_customer, \
     CAST(COALESCE((SELECT SUM(d.amount_minor) FROM deals d WHERE d.client_id = c.id AND d.stage = 'won' AND d.closed_on > $2), 0) AS BIGINT) AS revenue_12m, \
     CAST((SELECT COUNT(*) FROM contacts k WHERE k.client_id = c.id) AS BIGINT) AS contacts, \
     CAST((SELECT COUNT(*) FROM contacts k WHERE k.client_id = c.id AND k.verified_at >= $4) AS BIGINT) AS verified, \
     (SELECT MAX(a.occurred_at) FROM activities a JOIN employees e ON e.id = a.author_id \
        WHERE a.client_id = c.id AND a.kind IN ('meeting', 'visit') AND e.role IN ('head', 'admin')) AS last_meeting, \
     CAST(COALESCE((SELECT SUM(r.amount_minor) FROM receivables r WHERE r.client_id = c.id AND r.paid_on IS NULL), 0) AS BIGINT) AS open_receivables, \
     CAST(COALESCE((SELECT SUM(r.amount_minor) FROM receivables r WHERE r.client_id = c.id AND r.paid_on IS NULL AND r.due_on < $3), 0) AS BIGINT) AS overdue \
     FROM clients c WHERE c.id = $1";

#[derive(sqlx::FromRow)]
struct ReceiverRow {
    id: DbId,
    name: String,
    role: String,
    status: String,
    team_id: Option<DbId>,
    region: Option<String>,
    specialisation: Option<String>,
    load: i64,
}

impl Db {
    pub(crate) async fn facts_of(&self, clients: &[ClientId], today: Date) -> Result<Vec<ClientFacts>, CoreError> {
        let year_ago = today - Duration::days(365);
        let year_ago_at = year_ago.midnight().assume_utc();
        let mut r = self.read().await?;
        let mut out = Vec::with_capacity(clients.len());
        for c in clients {
            let row = q_opt!(r.conn(), FactsRow, FACTS_SQL, c.db(), year_ago, today, year_ago_at)?
                .ok_or_else(|| CoreError::field("clients", Reason::NoSuchClient { id: c.to_string() }))?;
            out.push(ClientFacts {
                client_id: row.id.into(),
                name: row.name,
                region: row.region,
                potential_minor: row.potential_minor,
                is_customer: row.is_customer != 0,
                revenue_12m: row.revenue_12m,
                contacts: row.contacts,
                verified_contacts: row.verified,
                last_management_meeting: row.last_meeting.map(|t| t.date()),
                open_receivables: row.open_receivables,
                overdue_receivables: row.overdue,
            });
        }
        Ok(out)
    }

    pub(crate) async fn receiver_list(&self) -> Result<Vec<Receiver>, CoreError> {
        let rows = q_all!(
            self.read().await?.conn(),
            ReceiverRow,
            "SELECT e.id, e.name, e.role, e.status, e.team_id, e.region, e.specialisation, \
             CAST((SELECT COUNT(*) FROM assignments a WHERE a.employee_id = e.id AND a.ended_on IS NULL) AS BIGINT) AS load \
             FROM employees e WHERE e.role IN ('rep', 'head') ORDER BY e.id"
        )?;
        rows.into_iter()
            .map(|r| {
                Ok(Receiver {
                    employee_id: r.id.into(),
                    name: r.name,
                    role: word(&r.role)?,
                    status: word(&r.status)?,
                    team_id: r.team_id.map(Into::into),
                    region: r.region,
                    specialisation: r.specialisation.as_deref().map(word).transpose()?,
                    load: r.load,
                })
            })
            .collect()
    }

    #[allow(clippy::type_complexity)]
    pub(crate) async fn history_of_handovers(
        &self,
    ) -> Result<(Vec<Handed>, Vec<Sale>, BTreeMap<ClientId, Option<String>>), CoreError> {
        let mut r = self.read().await?;
        let handed: Vec<(DbId, Option<String>, String, DbId, Date, Option<DbId>)> = q_all!(
            r.conn(),
            (DbId, Option<String>, String, DbId, Date, Option<DbId>),
            "SELECT ti.client_id, c.segment, t.cause, ti.to_id, t.effective_on, t.redistribution_id FROM transfer_items ti \
             JOIN transfers t ON t.id = ti.transfer_id JOIN clients c ON c.id = ti.client_id \
             WHERE ti.handed_over_at IS NOT NULL ORDER BY t.effective_on, ti.client_id"
        )?;
        let handed = handed
            .into_iter()
            .map(|(c, segment, cause, to, on, plan)| {
                Ok(Handed {
                    client_id: c.into(),
                    segment,
                    cause: word(&cause)?,
                    to_id: to.into(),
                    effective_on: on,
                    plan: plan.map(Into::into),
                })
            })
            .collect::<Result<Vec<_>, CoreError>>()?;
        let sales: Vec<(DbId, Date, i64)> = q_all!(
            r.conn(),
            (DbId, Date, i64),
            "SELECT client_id, closed_on, amount_minor FROM deals WHERE stage = 'won' AND closed_on IS NOT NULL"
        )?;
        let sales =
            sales.into_iter().map(|(c, d, a)| Sale { client_id: c.into(), closed_on: d, amount_minor: a }).collect();
        let segments: Vec<(DbId, Option<String>)> =
            q_all!(r.conn(), (DbId, Option<String>), "SELECT id, segment FROM clients")?;
        Ok((handed, sales, segments.into_iter().map(|(c, s)| (c.into(), s)).collect()))
    }
}
