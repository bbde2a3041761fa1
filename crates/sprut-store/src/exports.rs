//! Exports: each exported file is recorded with who, when and which filter, its canary
//! tokens kept for tracing leaks; a refused export attempt is audited and alerted.

use crate::alerts::{upsert_alert, Count};
use crate::audit;
use crate::bulk::{insert_rows, Val};
use crate::id::{DbId, ToDb};
use crate::rows::word;
use crate::sql::{q_all, q_exec, q_opt};
use crate::Db;
use sprut_core::alert::{AlertKind, NewAlert};
use sprut_core::export::{Canary, ExportEntity, ExportFormat, ExportRecord};
use sprut_core::page::{Page, PageRequest};
use sprut_core::store::ExportStore;
use sprut_core::{Actor, CoreError, ExportId};
use std::collections::BTreeMap;
use time::OffsetDateTime;

#[derive(sqlx::FromRow)]
struct ExportRow {
    id: DbId,
    employee_id: DbId,
    at: OffsetDateTime,
    entity: String,
    format: String,
    filter: String,
    row_count: i64,
    canaries: i64,
}

impl ExportRow {
    fn into_record(self) -> Result<ExportRecord, CoreError> {
        Ok(ExportRecord {
            id: self.id.into(),
            employee_id: self.employee_id.into(),
            at: self.at,
            entity: word(&self.entity)?,
            format: word(&self.format)?,
            filter: serde_json::from_str(&self.filter).unwrap_or(serde_json::Value::Null),
            rows: self.row_count,
            canaries: self.canaries,
        })
    }
}

const COLS: &str = "id, employee_id, at, entity, format, filter, row_count, canaries";

impl ExportStore for Db {
    /// Records an export and its canaries, with its audit event.
    async fn record_export(&self, actor: &Actor, r: &ExportRecord, canaries: &[Canary]) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        q_exec!(
            tx.conn(),
            &format!("INSERT INTO exports ({COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"),
            r.id.db(),
            r.employee_id.db(),
            r.at,
            r.entity.as_str(),
            r.format.as_str(),
            r.filter.to_string(),
            r.rows,
            r.canaries,
        )?;
        let mut tokens = Vec::new();
        for (i, c) in canaries.iter().enumerate() {
            for t in &c.tokens {
                tokens.push(vec![Val::from(t.as_str()), r.id.db().into(), (i as i64).into()]);
            }
        }
        insert_rows(tx.conn(), "export_canaries", &["token", "export_id", "canary"], tokens, " ON CONFLICT DO NOTHING")
            .await?;
        let details = serde_json::to_value(r).unwrap_or_default();
        audit::record(&mut tx, actor, "export.create", "export", &r.id.to_string(), details).await?;
        tx.commit().await
    }

    /// Audits a refused export and alerts the heads.
    async fn refuse_export(
        &self,
        actor: &Actor,
        entity: ExportEntity,
        format: ExportFormat,
        filter: &serde_json::Value,
    ) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        let details = serde_json::json!({ "entity": entity, "format": format, "filter": filter });
        audit::record(&mut tx, actor, "export.denied", "export", "", details.clone()).await?;
        let alert = NewAlert {
            kind: AlertKind::ExportAttempt,
            employee_id: actor.employee_id,
            client_id: None,
            day: actor.today(),
            summary: format!("tried to export {entity} as {format}; exports are for heads, admins and auditors"),
            details,
        };
        upsert_alert(&mut tx, &alert, Count::Add(1), actor.now).await?;
        tx.commit().await
    }

    /// Exports, newest first.
    async fn exports(&self, p: &PageRequest) -> Result<Page<ExportRecord>, CoreError> {
        let after = crate::paging::after(p.cursor()?)?;
        let sql = format!("SELECT {COLS} FROM exports WHERE ($1 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2");
        let rows = q_all!(self.read().await?.conn(), ExportRow, &sql, after.id.map(DbId), i64::from(p.limit()) + 1)?;
        let items = rows.into_iter().map(ExportRow::into_record).collect::<Result<Vec<_>, _>>()?;
        Ok(crate::paging::page(items, p.limit(), |e| (String::new(), e.id.0)))
    }

    /// One export.
    async fn export(&self, id: ExportId) -> Result<ExportRecord, CoreError> {
        let sql = format!("SELECT {COLS} FROM exports WHERE id = $1");
        q_opt!(self.read().await?.conn(), ExportRow, &sql, id.db())?.ok_or(CoreError::NotFound("export"))?.into_record()
    }

    /// Every canary token with its export and canary number.
    async fn canary_tokens(&self) -> Result<BTreeMap<String, (ExportId, u32)>, CoreError> {
        let rows: Vec<(String, DbId, i64)> = q_all!(
            self.read().await?.conn(),
            (String, DbId, i64),
            "SELECT token, export_id, canary FROM export_canaries"
        )?;
        Ok(rows.into_iter().map(|(t, e, c)| (t, (e.into(), c as u32))).collect())
    }
}
