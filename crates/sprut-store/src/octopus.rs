//! What a client's relationship map is drawn from: its holder, contacts, account team and
//! touches, each one query on the client's own index.

use crate::alerts::{upsert_alert, Count};
use crate::clients::client_seen;
use crate::id::{DbId, ToDb};
use crate::job_runs::{claim_day, day_claimed, last_day};
use crate::rotation::facts::holding_scope;
use crate::rows::{json_list, word};
use crate::sql::{q_all, q_exec, q_opt, Conn};
use crate::Db;
use sprut_core::alert::NewAlert;
use sprut_core::concentration::{ContactReach, HeldClient, ThreadFacts, ThreadTouch};
use sprut_core::octopus::{ContactFacts, RelationshipFacts, TouchLinks};
use sprut_core::scope::Scope;
use sprut_core::store::OctopusStore;
use sprut_core::{Actor, ClientId, CoreError, EmployeeId};
use std::collections::BTreeMap;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// One stored touch as the people it links. The day of a touch is its stored (UTC) date, as the
/// rules read it.
fn touch_links(at: OffsetDateTime, author: Option<DbId>, people: &str, theirs: &str) -> Result<TouchLinks, CoreError> {
    let mut ours: Vec<EmployeeId> = author.map(EmployeeId::from).into_iter().collect();
    ours.extend(json_list::<EmployeeId>(people)?);
    Ok(TouchLinks { on: at.date(), ours, theirs: json_list(theirs)? })
}

/// The relationship facts of the clients `held` (each with its holder), read from the clients
/// whose ids lie in `range` and that `within(column)` keeps: their contacts, account team and
/// touches since `since`, one query each.
async fn facts_of(
    mut conn: Conn<'_>,
    held: Vec<(DbId, Option<DbId>)>,
    within: impl Fn(&str) -> String,
    since: Date,
    range: (Uuid, Uuid),
) -> Result<Vec<RelationshipFacts>, CoreError> {
    let mut facts: BTreeMap<ClientId, RelationshipFacts> = held
        .into_iter()
        .map(|(c, e)| {
            let client_id: ClientId = c.into();
            let f = RelationshipFacts {
                client_id,
                holder: e.map(Into::into),
                contacts: Vec::new(),
                account_team: Vec::new(),
                touches: Vec::new(),
            };
            (client_id, f)
        })
        .collect();
    let of = |col: &str| format!("{col} >= $1 AND {col} <= $2 AND {}", within(col));
    let (lo, hi) = (DbId(range.0), DbId(range.1));
    let sql =
        format!("SELECT k.client_id, k.id, k.name, k.level, k.function FROM contacts k WHERE {}", of("k.client_id"));
    for (c, id, name, level, function) in q_all!(conn.reborrow(), (DbId, DbId, String, String, String), &sql, lo, hi)? {
        if let Some(f) = facts.get_mut(&c.into()) {
            f.contacts.push(ContactFacts {
                contact_id: id.into(),
                name,
                level: word(&level)?,
                function: word(&function)?,
            });
        }
    }
    let sql = format!("SELECT m.client_id, m.employee_id FROM account_members m WHERE {}", of("m.client_id"));
    for (c, e) in q_all!(conn.reborrow(), (DbId, DbId), &sql, lo, hi)? {
        if let Some(f) = facts.get_mut(&c.into()) {
            f.account_team.push(e.into());
        }
    }
    let sql = format!(
        "SELECT t.client_id, t.occurred_at, t.author_id, t.participant_ids, t.contact_ids FROM activities t \
         WHERE t.occurred_at >= $3 AND {}",
        of("t.client_id")
    );
    let rows = q_all!(
        conn.reborrow(),
        (DbId, OffsetDateTime, Option<DbId>, String, String),
        &sql,
        lo,
        hi,
        since.midnight().assume_utc()
    )?;
    for (c, at, author, people, theirs) in rows {
        if let Some(f) = facts.get_mut(&c.into()) {
            f.touches.push(touch_links(at, author, &people, &theirs)?);
        }
    }
    Ok(facts.into_values().collect())
}

/// The daily count of every client's coverage score.
const COVERAGE_COUNT: &str = "coverage_count";

/// The daily job that raises the single-thread alerts.
const THREAD_ALERTS: &str = "single_thread_alerts";

impl OctopusStore for Db {
    async fn relationship_facts(&self, scope: &Scope, client: ClientId) -> Result<RelationshipFacts, CoreError> {
        let mut read = self.read().await?;
        client_seen(read.conn(), scope, client).await?;
        let id = client.db();
        let holder: Option<(DbId,)> = q_opt!(
            read.conn(),
            (DbId,),
            "SELECT employee_id FROM assignments WHERE client_id = $1 AND ended_on IS NULL",
            id
        )?;
        let contacts: Vec<(DbId, String, String, String)> = q_all!(
            read.conn(),
            (DbId, String, String, String),
            "SELECT id, name, level, function FROM contacts WHERE client_id = $1",
            id
        )?;
        let seated: Vec<(DbId,)> =
            q_all!(read.conn(), (DbId,), "SELECT employee_id FROM account_members WHERE client_id = $1", id)?;
        let touches: Vec<(OffsetDateTime, Option<DbId>, String, String)> = q_all!(
            read.conn(),
            (OffsetDateTime, Option<DbId>, String, String),
            "SELECT occurred_at, author_id, participant_ids, contact_ids FROM activities WHERE client_id = $1",
            id
        )?;
        let contacts = contacts
            .into_iter()
            .map(|(id, name, level, function)| {
                Ok(ContactFacts { contact_id: id.into(), name, level: word(&level)?, function: word(&function)? })
            })
            .collect::<Result<_, CoreError>>()?;
        let touches = touches
            .into_iter()
            .map(|(at, author, people, theirs)| touch_links(at, author, &people, &theirs))
            .collect::<Result<_, CoreError>>()?;
        Ok(RelationshipFacts {
            client_id: client,
            holder: holder.map(|(h,)| h.into()),
            contacts,
            account_team: seated.into_iter().map(|(e,)| e.into()).collect(),
            touches,
        })
    }

    async fn key_relationship_facts(&self, scope: &Scope, since: Date) -> Result<Vec<RelationshipFacts>, CoreError> {
        let mut read = self.read().await?;
        let key = format!(
            "a.ended_on IS NULL AND {} AND a.client_id IN (SELECT c.id FROM clients c WHERE c.tier = 'key')",
            holding_scope(read.conn().dialect(), scope)
        );
        let held = q_all!(
            read.conn(),
            (DbId, Option<DbId>),
            &format!("SELECT a.client_id, a.employee_id FROM assignments a WHERE {key}")
        )?;
        let within = |col: &str| format!("{col} IN (SELECT a.client_id FROM assignments a WHERE {key})");
        facts_of(read.conn(), held, within, since, (Uuid::nil(), Uuid::max())).await
    }

    async fn relationship_facts_batch(
        &self,
        after: Option<ClientId>,
        since: Date,
        limit: u32,
    ) -> Result<Vec<RelationshipFacts>, CoreError> {
        let mut read = self.read().await?;
        let held = q_all!(
            read.conn(),
            (DbId, Option<DbId>),
            "SELECT c.id, a.employee_id FROM clients c \
             LEFT JOIN assignments a ON a.client_id = c.id AND a.ended_on IS NULL \
             WHERE c.id > $1 ORDER BY c.id LIMIT $2",
            // From the smallest id on the first batch: `$1 IS NULL OR` here made PostgreSQL's
            // generic plan read every batch from the start.
            after.map_or(DbId(Uuid::nil()), |a| a.db()),
            i64::from(limit)
        )?;
        let (Some(first), Some(last)) = (held.first(), held.last()) else { return Ok(Vec::new()) };
        let range = (first.0 .0, last.0 .0);
        facts_of(read.conn(), held, |_: &str| "1 = 1".to_string(), since, range).await
    }

    async fn keep_coverage(&self, scores: &[(ClientId, u8)]) -> Result<u64, CoreError> {
        let mut tx = self.write().await?;
        let mut changed = 0;
        for (client, score) in scores {
            changed += q_exec!(
                tx.conn(),
                "UPDATE clients SET coverage_score = $2 WHERE id = $1 AND coverage_score <> $2",
                client.db(),
                i64::from(*score)
            )?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    async fn coverage_counted_on(&self) -> Result<Option<Date>, CoreError> {
        last_day(self.read().await?.conn(), COVERAGE_COUNT).await
    }

    async fn coverage_counted(&self, day: Date, now: OffsetDateTime) -> Result<bool, CoreError> {
        let mut tx = self.write().await?;
        let claimed = claim_day(&mut tx, COVERAGE_COUNT, day, now).await?;
        tx.commit().await?;
        Ok(claimed)
    }

    async fn thread_facts(&self, scope: &Scope, today: Date) -> Result<ThreadFacts, CoreError> {
        let mut read = self.read().await?;
        let held = format!("a.ended_on IS NULL AND {}", holding_scope(read.conn().dialect(), scope));
        let sql = format!(
            "SELECT a.client_id, a.employee_id, c.potential_minor, COALESCE(r.revenue, 0) FROM assignments a \
             JOIN clients c ON c.id = a.client_id \
             LEFT JOIN (SELECT client_id, CAST(SUM(amount_minor) AS BIGINT) AS revenue FROM deals \
                        WHERE stage = 'won' AND closed_on >= $1 GROUP BY client_id) r ON r.client_id = a.client_id \
             WHERE {held}"
        );
        let clients = q_all!(read.conn(), (DbId, DbId, i64, i64), &sql, ThreadFacts::revenue_since(today))?
            .into_iter()
            .map(|(c, e, potential_minor, revenue_minor)| HeldClient {
                client_id: c.into(),
                holder: e.into(),
                potential_minor,
                revenue_minor,
            })
            .collect();
        let of_held = |col: &str| match scope {
            Scope::All => "1 = 1".to_string(),
            _ => format!("{col} IN (SELECT a.client_id FROM assignments a WHERE {held})"),
        };
        let sql = format!(
            "SELECT DISTINCT t.client_id, t.author_id, t.participant_ids, t.contact_ids FROM activities t \
             WHERE t.occurred_at >= $1 AND {}",
            of_held("t.client_id")
        );
        // Only who met whom matters, not how often: repeats of the same people are read once.
        let since = ThreadFacts::since(today).midnight().assume_utc();
        let touches = q_all!(read.conn(), (DbId, Option<DbId>, String, String), &sql, since)?
            .into_iter()
            .map(|(client, author, people, theirs)| {
                let mut ours: Vec<EmployeeId> = author.map(EmployeeId::from).into_iter().collect();
                ours.extend(json_list::<EmployeeId>(&people)?);
                Ok(ThreadTouch { client_id: client.into(), ours, theirs: json_list(&theirs)? })
            })
            .collect::<Result<_, CoreError>>()?;
        let sql = format!(
            "SELECT k.id, k.client_id, k.consent, (k.phones <> '[]' OR k.emails <> '[]') FROM contacts k \
             WHERE k.client_id IN (SELECT a.client_id FROM assignments a WHERE {held})"
        );
        let contacts = q_all!(read.conn(), (DbId, DbId, bool, bool), &sql)?
            .into_iter()
            .map(|(k, c, consent, own_channel)| ContactReach {
                contact_id: k.into(),
                client_id: c.into(),
                consent,
                own_channel,
            })
            .collect();
        let teams = q_all!(read.conn(), (DbId, Option<DbId>), "SELECT id, team_id FROM employees")?
            .into_iter()
            .map(|(e, t)| (e.into(), t.map(Into::into)))
            .collect();
        Ok(ThreadFacts { clients, touches, contacts, teams })
    }

    async fn thread_alerts_raised(&self, day: Date) -> Result<bool, CoreError> {
        day_claimed(self.read().await?.conn(), THREAD_ALERTS, day).await
    }

    async fn raise_thread_alerts(&self, actor: &Actor, day: Date, alerts: &[NewAlert]) -> Result<bool, CoreError> {
        let mut tx = self.write().await?;
        if !claim_day(&mut tx, THREAD_ALERTS, day, actor.now).await? {
            tx.rollback().await?;
            return Ok(false);
        }
        for a in alerts {
            upsert_alert(&mut tx, a, Count::Set(1), actor.now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }
}
