//! Loading a whole dataset in one transaction.

use crate::account::upsert_seat;
use crate::audit;
use crate::clients::insert_client;
use crate::holding::insert_assignment;
use crate::id::{opt, ToDb};
use crate::people::{insert_employee, insert_team};
use crate::records::{insert_activity, insert_contact, insert_deal, insert_receivable};
use crate::sql::{q_exec, q_scalar};
use crate::Db;
use sprut_core::dataset::Dataset;
use sprut_core::{Actor, CoreError};
use std::collections::HashMap;

impl Db {
    pub(crate) async fn load(&self, actor: &Actor, data: &Dataset) -> Result<(), CoreError> {
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
        for c in &data.clients {
            insert_client(tx.conn(), c).await?;
        }
        for c in &data.contacts {
            insert_contact(tx.conn(), c).await?;
        }
        for a in &data.assignments {
            insert_assignment(tx.conn(), a).await?;
        }
        for d in &data.deals {
            insert_deal(tx.conn(), d).await?;
        }
        for a in &data.activities {
            insert_activity(tx.conn(), a).await?;
        }
        for r in &data.receivables {
            insert_receivable(tx.conn(), r).await?;
        }
        for m in &data.account_members {
            upsert_seat(tx.conn(), m).await?;
        }
        let counts: serde_json::Map<String, serde_json::Value> =
            data.counts().into_iter().map(|(k, n)| (k.to_string(), n.into())).collect();
        audit::record(tx.conn(), actor, "dataset.load", "dataset", "", serde_json::Value::Object(counts)).await?;
        tx.commit().await
    }

    pub(crate) async fn empty(&self) -> Result<bool, CoreError> {
        Ok(q_scalar!(self.read().await?.conn(), i64, "SELECT COUNT(*) FROM employees")? == 0)
    }
}
