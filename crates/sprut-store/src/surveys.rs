//! Satisfaction surveys: sent with their letters in one transaction, opened and answered once by
//! the hash of a token only the letter holds.

use crate::audit;
use crate::clients::client_seen;
use crate::id::{DbId, ToDb};
use crate::outbox::enqueue;
use crate::rows::json_list;
use crate::scope::{quoted, scope_sql};
use crate::settings::settings_in;
use crate::sql::{q_all, q_exec, q_opt, q_scalar, Conn};
use crate::Db;
use sprut_core::employee::Language;
use sprut_core::letters::survey_request;
use sprut_core::outbox::{MessageKind, NewMessage};
use sprut_core::scope::Scope;
use sprut_core::store::SurveyStore;
use sprut_core::survey::{expires, may_send, Survey, SurveyAnswer};
use sprut_core::{Actor, ClientId, CoreError, Reason, SurveyId};
use time::{Date, OffsetDateTime};

#[derive(sqlx::FromRow)]
struct SurveyRow {
    id: DbId,
    client_id: DbId,
    contact_id: DbId,
    holder_id: DbId,
    sent_by: DbId,
    sent_on: Date,
    expires_on: Date,
    answered_at: Option<OffsetDateTime>,
    company_rating: Option<i64>,
    manager_rating: Option<i64>,
    comment: Option<String>,
    flagged: bool,
}

/// Columns of [`SurveyRow`].
const COLS: &str = "v.id, v.client_id, v.contact_id, v.holder_id, v.sent_by, v.sent_on, v.expires_on, v.answered_at, \
                    v.company_rating, v.manager_rating, v.comment, v.flagged";

impl SurveyRow {
    fn into_survey(self) -> Survey {
        let rating = |v: Option<i64>| v.and_then(|r| u8::try_from(r).ok());
        Survey {
            id: self.id.into(),
            client_id: self.client_id.into(),
            contact_id: self.contact_id.into(),
            holder_id: self.holder_id.into(),
            sent_by: self.sent_by.into(),
            sent_on: self.sent_on,
            expires_on: self.expires_on,
            answered_at: self.answered_at,
            company_rating: rating(self.company_rating),
            manager_rating: rating(self.manager_rating),
            comment: self.comment,
            flagged: self.flagged,
        }
    }
}

/// The survey whose token hashes to `hash`.
async fn by_hash(conn: Conn<'_>, hash: &str) -> Result<Option<Survey>, CoreError> {
    let sql = format!("SELECT {COLS} FROM surveys v WHERE v.token_hash = $1");
    Ok(q_opt!(conn, SurveyRow, &sql, hash)?.map(SurveyRow::into_survey))
}

impl SurveyStore for Db {
    async fn send_surveys(
        &self,
        actor: &Actor,
        scope: &Scope,
        client: ClientId,
        base: &str,
        token: &(dyn Fn() -> (String, String) + Send + Sync),
        today: Date,
    ) -> Result<Vec<Survey>, CoreError> {
        let by = actor.employee_id.ok_or_else(|| CoreError::Forbidden("a person decides who gets a survey".into()))?;
        let mut tx = self.write().await?;
        let company = settings_in(tx.conn()).await?.company_name;
        let seen = client_seen(tx.conn(), scope, client).await?;
        let Some(holder) = seen.holder.as_ref().map(|h| h.employee_id) else {
            return Err(CoreError::field("client_id", Reason::NotHeld { client: seen.client.name }));
        };
        let last =
            q_scalar!(tx.conn(), Option<Date>, "SELECT MAX(sent_on) FROM surveys WHERE client_id = $1", client.db())?;
        may_send(last, today)?;
        let contacts: Vec<(DbId, String, String)> = q_all!(
            tx.conn(),
            (DbId, String, String),
            "SELECT id, name, emails FROM contacts WHERE client_id = $1 AND consent ORDER BY name, id",
            client.db()
        )?;
        let lang = seen.client.language;
        let mut sent = Vec::new();
        let mut letters = Vec::new();
        for (contact, name, emails) in contacts {
            let Some(to) = json_list::<String>(&emails)?.into_iter().next() else { continue };
            let (raw, hash) = token();
            let s = Survey {
                id: SurveyId::new(),
                client_id: client,
                contact_id: contact.into(),
                holder_id: holder,
                sent_by: by,
                sent_on: today,
                expires_on: expires(today),
                answered_at: None,
                company_rating: None,
                manager_rating: None,
                comment: None,
                flagged: false,
            };
            q_exec!(
                tx.conn(),
                "INSERT INTO surveys (id, client_id, contact_id, holder_id, sent_by, token_hash, sent_on, expires_on, flagged) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE)",
                s.id.db(),
                client.db(),
                s.contact_id.db(),
                holder.db(),
                by.db(),
                &hash,
                today,
                s.expires_on,
            )?;
            let l =
                survey_request(lang, &company, &name, &seen.client.name, &format!("{base}/survey/{raw}"), s.expires_on);
            letters.push(NewMessage {
                kind: MessageKind::Survey,
                to_address: to,
                to_name: name,
                language: lang,
                subject: l.subject,
                body: l.body,
                client_id: Some(client),
                employee_id: Some(holder),
                cause: format!("survey:{}", s.id),
            });
            sent.push(s);
        }
        if sent.is_empty() {
            return Err(CoreError::field("client_id", Reason::NoWritableContact));
        }
        enqueue(&mut tx, actor.now, &letters).await?;
        let details = serde_json::json!({ "surveys": sent.len(), "holder_id": holder, "expires_on": expires(today) });
        audit::record(&mut tx, actor, "survey.send", "client", &client.to_string(), details).await?;
        tx.commit().await?;
        Ok(sent)
    }

    async fn survey_by_token(&self, hash: &str) -> Result<Option<(Survey, String, Language)>, CoreError> {
        let mut read = self.read().await?;
        let company = settings_in(read.conn()).await?.company_name;
        let Some(s) = by_hash(read.conn(), hash).await? else { return Ok(None) };
        let lang: Option<(String,)> =
            q_opt!(read.conn(), (String,), "SELECT language FROM clients WHERE id = $1", s.client_id.db())?;
        let lang = lang.and_then(|(l,)| l.parse().ok()).unwrap_or(Language::Ru);
        Ok(Some((s, company, lang)))
    }

    async fn answer_survey(
        &self,
        hash: &str,
        answer: SurveyAnswer,
        now: OffsetDateTime,
        today: Date,
    ) -> Result<Survey, CoreError> {
        let answer = answer.checked()?;
        let mut tx = self.write().await?;
        let before = by_hash(tx.conn(), hash).await?.ok_or(CoreError::NotFound("survey"))?;
        before.open_on(today)?;
        let after = Survey {
            answered_at: Some(now),
            company_rating: Some(answer.company_rating),
            manager_rating: Some(answer.manager_rating),
            comment: answer.comment.clone(),
            flagged: answer.flagged(),
            ..before
        };
        q_exec!(
            tx.conn(),
            "UPDATE surveys SET answered_at = $2, company_rating = $3, manager_rating = $4, comment = $5, flagged = $6 \
             WHERE id = $1 AND answered_at IS NULL",
            after.id.db(),
            now,
            i64::from(answer.company_rating),
            i64::from(answer.manager_rating),
            answer.comment.as_deref(),
            after.flagged,
        )?;
        let details = serde_json::json!({ "client_id": after.client_id, "company_rating": answer.company_rating,
            "manager_rating": answer.manager_rating, "flagged": after.flagged });
        audit::record(&mut tx, &Actor::system(now), "survey.answer", "survey", &after.id.to_string(), details).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn surveys(&self, scope: &Scope, client: Option<ClientId>) -> Result<Vec<Survey>, CoreError> {
        let mut read = self.read().await?;
        let mut condition = scope_sql(read.conn().dialect(), scope, "v.client_id");
        if let Some(c) = client {
            condition += &format!(" AND v.client_id = {}", quoted(c.0));
        }
        let sql = format!(
            "SELECT {COLS} FROM surveys v WHERE {condition} ORDER BY v.sent_on DESC, v.id LIMIT {}",
            sprut_core::page::MAX_LIMIT
        );
        Ok(q_all!(read.conn(), SurveyRow, &sql)?.into_iter().map(SurveyRow::into_survey).collect())
    }
}
