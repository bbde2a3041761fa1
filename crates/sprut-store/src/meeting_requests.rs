//! Requests to meet a client: asked by a colleague or a head, answered by the holder, the
//! red-flag alert raised in the answer's own transaction.

use crate::alerts::{upsert_alert, Count};
use crate::audit;
use crate::clients::client_seen;
use crate::id::{DbId, ToDb};
use crate::rows::{json_list, word};
use crate::scope::{quoted, scope_sql};
use crate::settings::settings_in;
use crate::sql::{q_all, q_exec, q_opt, Conn};
use crate::Db;
use sprut_core::alert::{AlertKind, NewAlert};
use sprut_core::meeting_request::{
    red_flag, MeetingAnswer, MeetingRequest, NewMeetingRequest, RequestFilter, RequestState,
};
use sprut_core::page::MAX_LIMIT;
use sprut_core::scope::Scope;
use sprut_core::store::MeetingRequestStore;
use sprut_core::{Actor, CoreError, EmployeeId, MeetingRequestId, Reason};
use time::{Date, OffsetDateTime};

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: DbId,
    client_id: DbId,
    requested_by: DbId,
    holder_id: DbId,
    purpose: String,
    proposed_on: String,
    state: String,
    agreed_on: Option<Date>,
    reason: Option<String>,
    red_flag: bool,
    created_at: OffsetDateTime,
    answered_at: Option<OffsetDateTime>,
}

/// Columns of [`RequestRow`].
const COLS: &str = "q.id, q.client_id, q.requested_by, q.holder_id, q.purpose, q.proposed_on, q.state, q.agreed_on, \
                    q.reason, q.red_flag, q.created_at, q.answered_at";

impl RequestRow {
    fn into_request(self) -> Result<MeetingRequest, CoreError> {
        Ok(MeetingRequest {
            id: self.id.into(),
            client_id: self.client_id.into(),
            requested_by: self.requested_by.into(),
            holder_id: self.holder_id.into(),
            purpose: self.purpose,
            proposed_on: json_list(&self.proposed_on)?,
            state: word(&self.state)?,
            agreed_on: self.agreed_on,
            reason: self.reason,
            red_flag: self.red_flag,
            created_at: self.created_at,
            answered_at: self.answered_at,
        })
    }
}

/// The requests matching `condition` (typed ids and words only), newest first.
async fn requests_where(conn: Conn<'_>, condition: &str) -> Result<Vec<MeetingRequest>, CoreError> {
    let sql = format!(
        "SELECT {COLS} FROM meeting_requests q WHERE {condition} ORDER BY q.created_at DESC, q.id LIMIT {MAX_LIMIT}"
    );
    q_all!(conn, RequestRow, &sql)?.into_iter().map(RequestRow::into_request).collect()
}

impl MeetingRequestStore for Db {
    async fn request_meeting(
        &self,
        actor: &Actor,
        scope: &Scope,
        new: NewMeetingRequest,
        today: Date,
    ) -> Result<MeetingRequest, CoreError> {
        let new = new.checked(today)?;
        let asker = actor.employee_id.ok_or_else(|| CoreError::Forbidden("a person asks for a meeting".into()))?;
        let mut tx = self.write().await?;
        let client = client_seen(tx.conn(), scope, new.client_id).await?;
        let holder: Option<(DbId,)> = q_opt!(
            tx.conn(),
            (DbId,),
            "SELECT employee_id FROM assignments WHERE client_id = $1 AND ended_on IS NULL",
            new.client_id.db()
        )?;
        let Some((holder,)) = holder else {
            return Err(CoreError::field("client_id", Reason::NotHeld { client: client.client.name }));
        };
        let holder: EmployeeId = holder.into();
        if holder == asker {
            return Err(CoreError::field("client_id", Reason::OwnClient));
        }
        let r = MeetingRequest {
            id: MeetingRequestId::new(),
            client_id: new.client_id,
            requested_by: asker,
            holder_id: holder,
            purpose: new.purpose,
            proposed_on: new.proposed_on,
            state: RequestState::Open,
            agreed_on: None,
            reason: None,
            red_flag: false,
            created_at: actor.now,
            answered_at: None,
        };
        q_exec!(
            tx.conn(),
            "INSERT INTO meeting_requests (id, client_id, requested_by, holder_id, purpose, proposed_on, state, red_flag, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8)",
            r.id.db(),
            r.client_id.db(),
            r.requested_by.db(),
            r.holder_id.db(),
            &r.purpose,
            serde_json::to_string(&r.proposed_on).unwrap_or_default(),
            r.state.as_str(),
            r.created_at,
        )?;
        let details = serde_json::json!({ "client_id": r.client_id, "holder_id": r.holder_id, "purpose": r.purpose,
            "proposed_on": r.proposed_on });
        audit::record(&mut tx, actor, "meeting_request.create", "meeting_request", &r.id.to_string(), details).await?;
        tx.commit().await?;
        Ok(r)
    }

    async fn answer_meeting(
        &self,
        actor: &Actor,
        id: MeetingRequestId,
        answer: MeetingAnswer,
        today: Date,
    ) -> Result<MeetingRequest, CoreError> {
        let by = actor.employee_id.ok_or_else(|| CoreError::Forbidden("a person answers a meeting request".into()))?;
        let mut tx = self.write().await?;
        let settings = settings_in(tx.conn()).await?;
        // Only its holder and the one who asked know the request is there.
        let before = requests_where(tx.conn(), &format!("q.id = {}", quoted(id.0)))
            .await?
            .pop()
            .filter(|r| by == r.holder_id || by == r.requested_by)
            .ok_or(CoreError::NotFound("meeting request"))?;
        let mut after = before.answered(answer, by, today, actor.now)?;
        if matches!(after.state, RequestState::Declined | RequestState::Postponed) {
            let earlier = requests_where(
                tx.conn(),
                &format!(
                    "q.client_id = {} AND q.holder_id = {} AND q.state IN ('declined', 'postponed')",
                    quoted(after.client_id.0),
                    quoted(after.holder_id.0)
                ),
            )
            .await?;
            if let Some((summary, details)) = red_flag(&after, &earlier, today, &settings) {
                after.red_flag = true;
                let alert = NewAlert {
                    kind: AlertKind::MeetingBlocked,
                    employee_id: Some(after.holder_id),
                    client_id: Some(after.client_id),
                    day: today,
                    summary,
                    details,
                };
                upsert_alert(&mut tx, &alert, Count::Add(1), actor.now).await?;
            }
        }
        q_exec!(
            tx.conn(),
            "UPDATE meeting_requests SET state = $2, agreed_on = $3, reason = $4, red_flag = $5, answered_at = $6 WHERE id = $1",
            after.id.db(),
            after.state.as_str(),
            after.agreed_on,
            after.reason.as_deref(),
            after.red_flag,
            after.answered_at,
        )?;
        let details = serde_json::json!({ "state": after.state.as_str(), "agreed_on": after.agreed_on,
            "reason": after.reason, "red_flag": after.red_flag });
        audit::record(&mut tx, actor, "meeting_request.answer", "meeting_request", &id.to_string(), details).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn meeting_requests(
        &self,
        scope: &Scope,
        asker: Option<EmployeeId>,
        f: &RequestFilter,
    ) -> Result<Vec<MeetingRequest>, CoreError> {
        let mut read = self.read().await?;
        let mine = asker.map_or_else(|| "1 = 0".to_string(), |e| format!("q.requested_by = {}", quoted(e.0)));
        let mut condition = format!("({} OR {mine})", scope_sql(read.conn().dialect(), scope, "q.client_id"));
        if let Some(c) = f.client_id {
            condition += &format!(" AND q.client_id = {}", quoted(c.0));
        }
        if let Some(h) = f.holder_id {
            condition += &format!(" AND q.holder_id = {}", quoted(h.0));
        }
        if let Some(s) = f.state {
            condition += &format!(" AND q.state = '{}'", s.as_str());
        }
        requests_where(read.conn(), &condition).await
    }
}
