//! Doing a checklist step of a transfer; telling the departments and the client writes the
//! letters into the outbox in the same transaction.

use super::transfers::{complete_in, load, save_checklist};
use crate::audit;
use crate::clients::client_in;
use crate::id::{DbId, ToDb};
use crate::outbox::enqueue;
use crate::people::employee_in;
use crate::rows::word;
use crate::sql::{q_all, Tx};
use crate::Db;
use sprut_core::employee::{Department, Language};
use sprut_core::handover::checklist::{CheckAction, Effect, Side};
use sprut_core::handover::transfer::{Transfer, TransferItem, TransferState};
use sprut_core::letters::{client_notice, department_notice};
use sprut_core::outbox::{MessageKind, NewMessage};
use sprut_core::Conflict;
use sprut_core::Reason;
use sprut_core::{Actor, ClientId, CoreError, TransferId};
use time::Date;

/// The letters to the account team of the client of `item`.
async fn department_letters(
    tx: &mut Tx,
    t: &Transfer,
    item: &TransferItem,
    company: &str,
) -> Result<Vec<NewMessage>, CoreError> {
    let from = employee_in(tx.conn(), t.from_id).await?;
    let to = employee_in(tx.conn(), item.to_id).await?;
    let seats: Vec<(String, DbId, String, String, String)> = q_all!(
        tx.conn(),
        (String, DbId, String, String, String),
        "SELECT m.department, e.id, e.name, e.email, e.language FROM account_members m JOIN employees e ON e.id = m.employee_id \
         WHERE m.client_id = $1 AND e.status <> 'departed' ORDER BY m.department",
        item.client_id.db()
    )?;
    seats
        .into_iter()
        .map(|(department, id, name, email, language)| {
            let lang: Language = word(&language)?;
            let department: Department = word(&department)?;
            let letter =
                department_notice(lang, company, department, &item.client_name, &from.name, &to.name, t.effective_on);
            Ok(NewMessage {
                kind: MessageKind::DepartmentNotice,
                to_address: email,
                to_name: name,
                language: lang,
                subject: letter.subject,
                body: letter.body,
                client_id: Some(item.client_id),
                employee_id: Some(id.into()),
                cause: format!("transfer:{}", t.id),
            })
        })
        .collect()
}

/// The letters to the client's contacts who agreed to be written to, in the client's language.
async fn client_letters(
    tx: &mut Tx,
    t: &Transfer,
    item: &TransferItem,
    company: &str,
) -> Result<Vec<NewMessage>, CoreError> {
    let client = client_in(tx.conn(), item.client_id).await?.client;
    let to = employee_in(tx.conn(), item.to_id).await?;
    let contacts: Vec<(String, String)> = q_all!(
        tx.conn(),
        (String, String),
        "SELECT name, emails FROM contacts WHERE client_id = $1 AND consent = $2 ORDER BY name, id",
        item.client_id.db(),
        true
    )?;
    let mut out = Vec::new();
    for (name, emails) in contacts {
        let emails: Vec<String> = serde_json::from_str(&emails).unwrap_or_default();
        if let Some(email) = emails.first() {
            let letter =
                client_notice(client.language, company, &name, &client.name, &to.name, &to.email, t.effective_on);
            out.push(NewMessage {
                kind: MessageKind::ClientNotice,
                to_address: email.clone(),
                to_name: name,
                language: client.language,
                subject: letter.subject,
                body: letter.body,
                client_id: Some(client.id),
                employee_id: None,
                cause: format!("transfer:{}", t.id),
            });
        }
    }
    Ok(out)
}

impl Db {
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn check_transfer_tx(
        &self,
        actor: &Actor,
        id: TransferId,
        client: ClientId,
        action: CheckAction,
        side: Side,
        today: Date,
        company: &str,
    ) -> Result<Transfer, CoreError> {
        let mut tx = self.write().await?;
        let (t, _) = load(tx.conn(), id).await?;
        if matches!(t.state, TransferState::Completed | TransferState::Cancelled) {
            return Err(CoreError::Conflict(Conflict::TransferState { state: t.state }));
        }
        let item =
            t.items.iter().find(|i| i.client_id == client).ok_or(CoreError::NotFound("client in this transfer"))?;
        let mut checklist = item.checklist.clone();
        let step = serde_json::to_value(&action).ok().and_then(|v| v["step"].as_str().map(String::from));
        let effect = checklist.apply(action, side, actor.now, today)?;
        let mut letters = Vec::new();
        let mut note = None;
        match effect {
            Effect::None => {}
            Effect::NotifyDepartments => letters = department_letters(&mut tx, &t, item, company).await?,
            Effect::NotifyClient(Some(n)) => note = Some(n),
            Effect::NotifyClient(None) => {
                letters = client_letters(&mut tx, &t, item, company).await?;
                if letters.is_empty() {
                    return Err(CoreError::field("note", Reason::NoWritableContact));
                }
                checklist.client_notices = letters.len() as i64;
            }
        }
        enqueue(&mut tx, actor.now, &letters).await?;
        save_checklist(&mut tx, id, client, &checklist).await?;
        let details = serde_json::json!({
            "client": client, "step": step, "side": format!("{side:?}").to_lowercase(), "letters": letters.len(), "note": note,
        });
        audit::record(&mut tx, actor, "transfer.check", "transfer", &id.to_string(), details).await?;
        let (t, _) = load(tx.conn(), id).await?;
        if t.state == TransferState::InProgress && t.open_steps().is_empty() {
            complete_in(&mut tx, actor, &t).await?;
        }
        let (t, _) = load(tx.conn(), id).await?;
        tx.commit().await?;
        Ok(t)
    }
}
