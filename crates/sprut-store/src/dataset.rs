//! Loading a whole dataset in one transaction.

use crate::audit;
use crate::bulk::insert_all;
use crate::id::{opt, ToDb};
use crate::people::{insert_employee, insert_team};
use crate::sql::{q_exec, q_scalar};
use crate::Db;
use sprut_core::dataset::Dataset;
use sprut_core::store::DatasetStore;
use sprut_core::{Actor, CoreError};
use std::collections::HashMap;

impl Db {
    /// Refreshes the planner's statistics after a bulk load, so that the first queries on
    /// a freshly loaded PostgreSQL database do not run blind.
    pub(crate) async fn analyze(&self) -> Result<(), CoreError> {
        let mut tx = self.write().await?;
        if let crate::sql::Tx::Sqlite(_) = &tx {
            // Sampled statistics, as SQLite advises for large databases: a full ANALYZE reads
            // every index and would make each of many chunked loads re-read the whole file.
            q_exec!(tx.conn(), "PRAGMA analysis_limit = 1000")?;
        }
        q_exec!(tx.conn(), "ANALYZE")?;
        tx.commit().await
    }
}
impl DatasetStore for Db {
    async fn load_dataset(&self, actor: &Actor, data: &Dataset) -> Result<(), CoreError> {
        let passwords: HashMap<_, _> = data.passwords.iter().map(|(id, h)| (*id, h.as_str())).collect();
        let mut tx = self.write().await?;
        for t in &data.teams {
            let without_head = sprut_core::team::Team { head_id: None, ..t.clone() };
            insert_team(tx.conn(), &without_head, actor).await?;
        }
        for e in &data.employees {
            insert_employee(tx.conn(), e, passwords.get(&e.id).copied()).await?;
        }
        for t in data.teams.iter().filter(|t| t.head_id.is_some()) {
            q_exec!(tx.conn(), "UPDATE teams SET head_id = $2 WHERE id = $1", t.id.db(), opt(&t.head_id))?;
        }
        insert_all(tx.conn(), &data.clients).await?;
        insert_all(tx.conn(), &data.contacts).await?;
        insert_all(tx.conn(), &data.assignments).await?;
        insert_all(tx.conn(), &data.deals).await?;
        insert_all(tx.conn(), &data.activities).await?;
        insert_all(tx.conn(), &data.receivables).await?;
        insert_all(tx.conn(), &data.tasks).await?;
        insert_all(tx.conn(), &data.account_members).await?;
        crate::rotation::start_rests(&mut tx, &data.rests, actor.now).await?;
        for t in &data.transfers {
            crate::handover::transfers::insert_past(&mut tx, t).await?;
        }
        crate::kept::move_all_in(tx.conn()).await?;
        let counts: serde_json::Map<String, serde_json::Value> =
            data.counts().into_iter().map(|(k, n)| (k.to_string(), n.into())).collect();
        audit::record(&mut tx, actor, "dataset.load", "dataset", "", serde_json::Value::Object(counts)).await?;
        tx.commit().await?;
        self.analyze().await
    }

    async fn is_empty(&self) -> Result<bool, CoreError> {
        Ok(q_scalar!(self.read().await?.conn(), i64, "SELECT COUNT(*) FROM employees")? == 0)
    }
}
