//! What a client's relationship map is drawn from: its holder, contacts, account team and
//! touches, each one query on the client's own index.

use crate::clients::client_seen;
use crate::id::{DbId, ToDb};
use crate::rows::{json_list, word};
use crate::sql::{q_all, q_opt};
use crate::Db;
use sprut_core::octopus::{ContactFacts, RelationshipFacts, TouchLinks};
use sprut_core::scope::Scope;
use sprut_core::store::OctopusStore;
use sprut_core::{ClientId, CoreError, EmployeeId};
use time::OffsetDateTime;

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
            .map(|(at, author, people, theirs)| {
                let mut ours: Vec<EmployeeId> = author.map(EmployeeId::from).into_iter().collect();
                ours.extend(json_list::<EmployeeId>(&people)?);
                // The day of a touch is its stored (UTC) date, as the rules read it.
                Ok(TouchLinks { on: at.date(), ours, theirs: json_list(&theirs)? })
            })
            .collect::<Result<_, CoreError>>()?;
        Ok(RelationshipFacts {
            client_id: client,
            holder: holder.map(|(h,)| h.into()),
            contacts,
            account_team: seated.into_iter().map(|(e,)| e.into()).collect(),
            touches,
        })
    }
}
