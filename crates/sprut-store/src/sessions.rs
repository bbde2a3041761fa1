//! Sign-in sessions and API tokens.

use crate::audit;
use crate::id::ToDb;
use crate::people::employee_in;
use crate::sql::{q_all, q_exec, q_opt, Conn};
use crate::Db;
use sprut_core::employee::Employee;
use sprut_core::store::Session;
use sprut_core::store::SignInStore;
use sprut_core::token::{ApiToken, DEFAULT_TOKEN_DAYS};
use sprut_core::*;
use time::OffsetDateTime;

#[derive(sqlx::FromRow)]
struct SessionRow {
    csrf_token: String,
    expires_at: OffsetDateTime,
}

impl SignInStore for Db {
    async fn create_session(&self, actor: &Actor, s: Session) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        q_exec!(tx.conn(), "DELETE FROM sessions WHERE expires_at <= $1", actor.now)?;
        q_exec!(
            tx.conn(),
            "INSERT INTO sessions (token_hash, employee_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
            &s.token_hash,
            s.employee_id.db(),
            &s.csrf_token,
            actor.now,
            s.expires_at,
        )?;
        audit::record(&mut tx, actor, "session.start", "employee", &s.employee_id.to_string(), serde_json::json!({}))
            .await?;
        tx.commit().await
    }

    async fn session(&self, hash: &str, now: OffsetDateTime) -> Result<Option<(Session, Employee)>, CoreError> {
        let mut r = self.read().await?;
        let row: Option<(crate::id::DbId,)> = q_opt!(
            r.conn(),
            (crate::id::DbId,),
            "SELECT employee_id FROM sessions WHERE token_hash = $1 AND expires_at > $2",
            hash,
            now
        )?;
        let Some((employee_id,)) = row else { return Ok(None) };
        let s =
            q_opt!(r.conn(), SessionRow, "SELECT csrf_token, expires_at FROM sessions WHERE token_hash = $1", hash)?;
        let Some(s) = s else { return Ok(None) };
        let e = employee_in(r.conn(), employee_id.into()).await?;
        let session = Session {
            token_hash: hash.to_string(),
            employee_id: e.id,
            csrf_token: s.csrf_token,
            expires_at: s.expires_at,
        };
        Ok(Some((session, e)))
    }

    async fn delete_session(&self, hash: &str) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        q_exec!(tx.conn(), "DELETE FROM sessions WHERE token_hash = $1", hash)?;
        tx.commit().await
    }

    async fn create_token(
        &self,
        actor: &Actor,
        employee: EmployeeId,
        hash: String,
        label: String,
        expires_at: OffsetDateTime,
    ) -> Result<TokenId, CoreError> {
        let id = TokenId::new();
        let mut tx = self.write().await?;
        employee_in(tx.conn(), employee).await?;
        q_exec!(
            tx.conn(),
            "INSERT INTO api_tokens (id, employee_id, token_hash, label, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            id.db(),
            employee.db(),
            hash,
            &label,
            actor.now,
            expires_at,
        )?;
        let details = serde_json::json!({ "token": id, "label": label, "expires_at": expires_at.to_string() });
        audit::record(&mut tx, actor, "token.create", "employee", &employee.to_string(), details).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn token_owner(&self, hash: &str, now: OffsetDateTime) -> Result<Option<(Employee, ApiToken)>, CoreError> {
        let sql = format!("SELECT {TOKEN_COLS} FROM api_tokens WHERE token_hash = $1");
        let mut r = self.read().await?;
        let token = q_opt!(r.conn(), TokenRow, &sql, hash)?.map(TokenRow::into_token);
        let Some(token) = token.filter(|t| t.is_live(now)) else { return Ok(None) };
        Ok(Some((employee_in(r.conn(), token.employee_id).await?, token)))
    }

    async fn touch_token(&self, id: TokenId, now: OffsetDateTime) -> Result<(), CoreError> {
        // Bookkeeping, not a change anyone made: no audit event.
        let mut tx = self.write().await?;
        q_exec!(tx.conn(), "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1", id.db(), now)?;
        tx.commit().await
    }

    async fn tokens(&self, employee: Option<EmployeeId>) -> Result<Vec<ApiToken>, CoreError> {
        let sql = format!(
            "SELECT {TOKEN_COLS} FROM api_tokens WHERE ($1 IS NULL OR employee_id = $1) ORDER BY created_at DESC, id"
        );
        let rows = q_all!(self.read().await?.conn(), TokenRow, &sql, employee.map(|e| e.db()))?;
        Ok(rows.into_iter().map(TokenRow::into_token).collect())
    }

    async fn token(&self, id: TokenId) -> Result<ApiToken, CoreError> {
        token_in(self.read().await?.conn(), id).await
    }

    async fn revoke_token(&self, actor: &Actor, id: TokenId) -> Result<ApiToken, CoreError> {
        let mut tx = self.write().await?;
        let before = token_in(tx.conn(), id).await?;
        if before.revoked_at.is_some() {
            return Ok(before);
        }
        q_exec!(tx.conn(), "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1", id.db(), actor.now)?;
        let details = serde_json::json!({ "token": id, "label": before.label });
        audit::record(&mut tx, actor, "token.revoke", "employee", &before.employee_id.to_string(), details).await?;
        tx.commit().await?;
        Ok(ApiToken { revoked_at: Some(actor.now), ..before })
    }

    async fn issue_calendar_feed(&self, actor: &Actor, employee: EmployeeId, hash: String) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        employee_in(tx.conn(), employee).await?;
        q_exec!(tx.conn(), "DELETE FROM calendar_feeds WHERE employee_id = $1", employee.db())?;
        q_exec!(
            tx.conn(),
            "INSERT INTO calendar_feeds (employee_id, token_hash, created_at) VALUES ($1, $2, $3)",
            employee.db(),
            hash,
            actor.now,
        )?;
        audit::record(&mut tx, actor, "calendar.issue", "employee", &employee.to_string(), serde_json::json!({}))
            .await?;
        tx.commit().await
    }

    async fn revoke_calendar_feed(&self, actor: &Actor, employee: EmployeeId) -> Result<bool, CoreError> {
        let mut tx = self.write().await?;
        let gone = q_exec!(tx.conn(), "DELETE FROM calendar_feeds WHERE employee_id = $1", employee.db())?;
        if gone > 0 {
            audit::record(&mut tx, actor, "calendar.revoke", "employee", &employee.to_string(), serde_json::json!({}))
                .await?;
        }
        tx.commit().await?;
        Ok(gone > 0)
    }

    async fn calendar_feed_owner(&self, hash: &str) -> Result<Option<Employee>, CoreError> {
        let mut r = self.read().await?;
        let owner: Option<(crate::id::DbId,)> =
            q_opt!(r.conn(), (crate::id::DbId,), "SELECT employee_id FROM calendar_feeds WHERE token_hash = $1", hash)?;
        let Some((id,)) = owner else { return Ok(None) };
        let e = employee_in(r.conn(), id.into()).await?;
        Ok(sprut_core::scope::may_write(&e).then_some(e))
    }

    async fn calendar_feed_since(&self, employee: EmployeeId) -> Result<Option<OffsetDateTime>, CoreError> {
        let mut r = self.read().await?;
        let since: Option<(OffsetDateTime,)> = q_opt!(
            r.conn(),
            (OffsetDateTime,),
            "SELECT created_at FROM calendar_feeds WHERE employee_id = $1",
            employee.db()
        )?;
        Ok(since.map(|(t,)| t))
    }
}
/// The columns of [`TokenRow`].
const TOKEN_COLS: &str = "id, employee_id, label, created_at, last_used_at, expires_at, revoked_at";

/// An API token as stored.
#[derive(sqlx::FromRow)]
struct TokenRow {
    id: crate::id::DbId,
    employee_id: crate::id::DbId,
    label: String,
    created_at: OffsetDateTime,
    last_used_at: Option<OffsetDateTime>,
    expires_at: Option<OffsetDateTime>,
    revoked_at: Option<OffsetDateTime>,
}

impl TokenRow {
    fn into_token(self) -> ApiToken {
        ApiToken {
            id: self.id.into(),
            employee_id: self.employee_id.into(),
            label: self.label,
            created_at: self.created_at,
            last_used_at: self.last_used_at,
            // Made before tokens expired: the default life from its making.
            expires_at: self.expires_at.unwrap_or(self.created_at + time::Duration::days(DEFAULT_TOKEN_DAYS)),
            revoked_at: self.revoked_at,
        }
    }
}

async fn token_in(conn: Conn<'_>, id: TokenId) -> Result<ApiToken, CoreError> {
    let sql = format!("SELECT {TOKEN_COLS} FROM api_tokens WHERE id = $1");
    q_opt!(conn, TokenRow, &sql, id.db())?.map(TokenRow::into_token).ok_or(CoreError::NotFound("token"))
}
