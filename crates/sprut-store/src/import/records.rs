//! Contacts, deals, activities and receivables from a file: each matched by its external id
//! (or, when the file gives none, by a natural key within its client: a contact's name, a
//! deal's title and opening day, an activity's time and kind, an invoice's number), then
//! created or updated in bulk.

use super::inferred::{self, Claim};
use super::keys;
use super::writes::{self, Writes};
use super::{merged, Run};
use crate::bulk::{select_in, Insert, Val};
use crate::id::{DbId, ToDb};
use crate::rows::{
    ActivityRow, ContactRow, DealRow, ReceivableRow, ACTIVITY_COLS, CONTACT_COLS, DEAL_COLS, RECEIVABLE_COLS,
};
use crate::sql::Tx;
use sprut_core::activity::{Activity, ActivityPatch, NewActivity};
use sprut_core::contact::{Contact, ContactPatch, NewContact};
use sprut_core::deal::{Deal, DealPatch, DealStage, NewDeal};
use sprut_core::import::{ActivityRecord, ContactRecord, DealRecord, ImportEntity, PersonRef, ReceivableRecord, Ref};
use sprut_core::receivable::{NewReceivable, Receivable, ReceivablePatch};
use sprut_core::validate::search_key;
use sprut_core::{Actor, ClientId, CoreError, EmployeeId, Reason};
use std::collections::HashMap;
use time::Date;

/// A record kept in a table of its own under a client.
pub(crate) trait Child: Insert + Clone + PartialEq + Send + Sync + Sized {
    /// Its row type.
    type Row: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin;
    /// Its import entity.
    const ENTITY: ImportEntity;
    /// `SELECT cols FROM table t`.
    fn select() -> String;
    /// The record of a row.
    fn from_row(r: Self::Row) -> Result<Self, CoreError>;
    /// Its id.
    fn id(&self) -> DbId;
    /// Its client.
    fn client(&self) -> ClientId;
    /// What identifies it within its client when the file gives no id.
    fn key(&self) -> String;
}

/// A file's row for a [`Child`].
pub(crate) trait ChildRecord: Send + Sync {
    /// The record it becomes.
    type Out: Child;
    /// The source's id.
    fn ext(&self) -> Option<&str>;
    /// The client it belongs to (always named: a contact without one goes to the pool first).
    fn client_ref(&self) -> Option<&Ref>;
    /// The employee it names, and the field naming it.
    fn person(&self) -> Option<(&PersonRef, &'static str)>;
    /// The new record, or `before` changed to match the row.
    fn build(
        &self,
        client: ClientId,
        person: Option<EmployeeId>,
        before: Option<&Self::Out>,
        actor: &Actor,
        today: Date,
    ) -> Result<Self::Out, CoreError>;
    /// The day the row dates the client's history to (for inferred holdings).
    fn day(&self) -> Option<Date>;
}

/// What a batch of child rows needs from the base before it is built: its clients, the
/// records it may update, and the employees it names.
struct Looked<Out> {
    clients: HashMap<Ref, Result<ClientId, Reason>>,
    by_ext: HashMap<String, DbId>,
    existing: HashMap<DbId, Out>,
    by_key: HashMap<(ClientId, String), DbId>,
    persons: HashMap<PersonRef, Result<(EmployeeId, bool), Reason>>,
}

/// Builds one batch of child records while the last batch's rows are written (an import into
/// an empty table of a source new to it: nothing one batch writes can change what the next
/// looks up, because no id repeats in a file, and a row without an id waits for the writes).
pub(crate) async fn staged<R: ChildRecord>(
    tx: &mut Tx,
    run: &mut Run<'_>,
    recs: Vec<(u64, R)>,
    last: Option<Writes>,
) -> Result<Writes, CoreError> {
    let last = writes::settle(tx, last, recs.iter().any(|(_, r)| r.ext().is_none())).await?;
    let looked = look(tx, run, &recs).await?;
    writes::while_writing(tx, last, build(run, recs, looked)).await
}

/// Looks up what a batch of child rows needs from the base.
async fn look<R: ChildRecord>(tx: &mut Tx, run: &mut Run<'_>, recs: &[(u64, R)]) -> Result<Looked<R::Out>, CoreError> {
    let source = run.o.source.clone();
    let clients = keys::resolve_clients(tx, &source, recs.iter().filter_map(|(_, r)| r.client_ref())).await?;
    let exts: Vec<&str> = recs.iter().filter_map(|(_, r)| r.ext()).collect();
    let by_ext = if run.fresh { HashMap::new() } else { keys::external(tx, &source, R::Out::ENTITY, &exts).await? };
    let ids: Vec<Val> = by_ext.values().map(|id| Val::from(*id)).collect();
    let mut existing: HashMap<DbId, R::Out> = HashMap::new();
    let sql = format!("{} WHERE t.id IN ({{list}})", R::Out::select());
    for row in select_in::<<R::Out as Child>::Row>(tx.conn(), &sql, &[], &ids).await? {
        let c = R::Out::from_row(row)?;
        existing.insert(c.id(), c);
    }
    let placed = |r: &R| r.client_ref().and_then(|x| clients.get(x)).and_then(|c| c.as_ref().ok()).copied();
    let mut keyed: Vec<Val> = recs
        .iter()
        .filter(|(_, r)| r.ext().is_none())
        .filter_map(|(_, r)| placed(r))
        .map(|c| Val::from(c.db()))
        .collect();
    keyed.dedup_by(|a, b| matches!((a, b), (Val::Id(x), Val::Id(y)) if x == y));
    if !keyed.is_empty() {
        run.table.restore(tx).await?;
    }
    let mut by_key: HashMap<(ClientId, String), DbId> = HashMap::new();
    let sql = format!("{} WHERE t.client_id IN ({{list}})", R::Out::select());
    for row in select_in::<<R::Out as Child>::Row>(tx.conn(), &sql, &[], &keyed).await? {
        let c = R::Out::from_row(row)?;
        by_key.insert((c.client(), c.key()), c.id());
        existing.insert(c.id(), c);
    }
    // In row order and only for rows whose client is known, as the rows were checked before.
    let mut persons = HashMap::new();
    for (_, r) in recs {
        if let (Some((p, _)), Some(_)) = (r.person(), placed(r)) {
            if !persons.contains_key(p) {
                let found = run.people.resolve(tx, run.actor, &source, p, run.o.create_employees).await?;
                persons.insert(p.clone(), found.map(|p| (p.id, p.can_hold())));
            }
        }
    }
    Ok(Looked { clients, by_ext, existing, by_key, persons })
}

/// Builds the records of a batch of child rows from what was looked up; every few hundred
/// rows it lets the writing of the last batch go on.
async fn build<R: ChildRecord>(
    run: &mut Run<'_>,
    recs: Vec<(u64, R)>,
    looked: Looked<R::Out>,
) -> Result<Writes, CoreError> {
    let Looked { clients, by_ext, existing, mut by_key, persons } = looked;
    let mut new = Vec::new();
    let mut updates = Vec::new();
    let mut remember = Vec::new();
    let mut claims = Vec::new();
    for (n, (row, r)) in recs.into_iter().enumerate() {
        if n % 256 == 255 {
            tokio::task::yield_now().await;
        }
        let client = match r.client_ref().and_then(|x| clients.get(x)) {
            Some(Ok(c)) => *c,
            Some(Err(reason)) => {
                run.fail(row, "client", reason.clone());
                continue;
            }
            None => continue,
        };
        let person = match r.person() {
            Some((p, field)) => match persons.get(p) {
                Some(Ok(p)) => Some(*p),
                Some(Err(reason)) => {
                    run.fail(row, field, reason.clone());
                    continue;
                }
                None => continue,
            },
            None => None,
        };
        let known = r.ext().and_then(|x| by_ext.get(x)).copied();
        let before = match known {
            Some(id) => existing.get(&id),
            None => None,
        };
        let built = match r.build(client, person.map(|p| p.0), before, run.actor, run.o.today) {
            Ok(b) => b,
            Err(e) => {
                run.refuse(row, e)?;
                continue;
            }
        };
        let before = match r.ext() {
            Some(_) => before,
            None => by_key.get(&(client, built.key())).and_then(|id| existing.get(id)),
        };
        let built = match (before, known) {
            (Some(b), None) => match r.build(client, person.map(|p| p.0), Some(b), run.actor, run.o.today) {
                Ok(x) => x,
                Err(e) => {
                    run.refuse(row, e)?;
                    continue;
                }
            },
            _ => built,
        };
        let id = match before {
            Some(b) if *b == built => {
                run.out.skipped += 1;
                b.id()
            }
            Some(b) => {
                run.out.updated += 1;
                updates.push(built);
                b.id()
            }
            None => {
                run.out.created += 1;
                let id = built.id();
                by_key.insert((client, built.key()), id);
                new.push(built);
                id
            }
        };
        if let Some(x) = r.ext() {
            if !by_ext.contains_key(x) {
                remember.push((x.to_string(), id));
            }
        }
        if let (Some((employee, true)), Some(on)) = (person, r.day()) {
            claims.push(Claim { row, client, employee, on: Some(on), current: false });
        }
    }
    inferred::collect(run, claims);
    // In client order, so the client index and the client check touch neighbouring pages.
    new.sort_by_key(|c| c.client());
    Writes::of(run.dialect, &updates, &new, &run.o.source, R::Out::ENTITY, remember, run.actor.now)
}

/// Puts the contact rows that name no client in the pool; answers the others.
pub(crate) async fn pool_loose(
    tx: &mut Tx,
    run: &mut Run<'_>,
    recs: Vec<(u64, ContactRecord)>,
) -> Result<Vec<(u64, ContactRecord)>, CoreError> {
    let (placed, pooled): (Vec<_>, Vec<_>) = recs.into_iter().partition(|(_, r)| r.client.is_some());
    super::pool::apply(tx, run, pooled).await?;
    Ok(placed)
}

impl Child for Contact {
    type Row = ContactRow;
    const ENTITY: ImportEntity = ImportEntity::Contacts;
    fn select() -> String {
        format!("SELECT {CONTACT_COLS} FROM contacts t")
    }
    fn from_row(r: ContactRow) -> Result<Self, CoreError> {
        r.into_contact()
    }
    fn id(&self) -> DbId {
        self.id.db()
    }
    fn client(&self) -> ClientId {
        self.client_id
    }
    fn key(&self) -> String {
        search_key(&[&self.name])
    }
}

impl ChildRecord for ContactRecord {
    type Out = Contact;
    fn ext(&self) -> Option<&str> {
        self.external_id.as_deref()
    }
    fn client_ref(&self) -> Option<&Ref> {
        self.client.as_ref()
    }
    fn person(&self) -> Option<(&PersonRef, &'static str)> {
        None
    }
    fn day(&self) -> Option<Date> {
        None
    }
    fn build(
        &self,
        client: ClientId,
        _: Option<EmployeeId>,
        before: Option<&Contact>,
        actor: &Actor,
        _: Date,
    ) -> Result<Contact, CoreError> {
        match before {
            Some(b) => {
                let p = ContactPatch {
                    name: Some(self.name.clone()),
                    position: self.position.clone().map(Some),
                    phones: (!self.phones.is_empty()).then(|| self.phones.clone()),
                    emails: (!self.emails.is_empty()).then(|| self.emails.clone()),
                    channels: Some(sprut_core::channel::merged(&b.channels, &self.channels)),
                    decision_maker: self.decision_maker,
                    consent: self.consent,
                    ..ContactPatch::default()
                };
                b.patched(p, actor.employee_id, b.updated_at)
                    .map(|c| Contact { extra: merged(&c.extra, &self.extra), ..c })
            }
            None => NewContact {
                client_id: client,
                name: self.name.clone(),
                position: self.position.clone(),
                function: None,
                phones: self.phones.clone(),
                emails: self.emails.clone(),
                channels: self.channels.clone(),
                decision_maker: self.decision_maker.unwrap_or(false),
                level: None,
                consent: self.consent.unwrap_or(false),
            }
            .into_contact(actor.now)
            .map(|c| Contact { extra: self.extra.clone(), ..c }),
        }
    }
}

impl Child for Deal {
    type Row = DealRow;
    const ENTITY: ImportEntity = ImportEntity::Deals;
    fn select() -> String {
        format!("SELECT {DEAL_COLS} FROM deals t")
    }
    fn from_row(r: DealRow) -> Result<Self, CoreError> {
        r.into_deal()
    }
    fn id(&self) -> DbId {
        self.id.db()
    }
    fn client(&self) -> ClientId {
        self.client_id
    }
    fn key(&self) -> String {
        format!("{} {}", search_key(&[&self.title]), self.opened_on)
    }
}

impl ChildRecord for DealRecord {
    type Out = Deal;
    fn ext(&self) -> Option<&str> {
        self.external_id.as_deref()
    }
    fn client_ref(&self) -> Option<&Ref> {
        Some(&self.client)
    }
    fn person(&self) -> Option<(&PersonRef, &'static str)> {
        self.owner.as_ref().map(|o| (o, "owner"))
    }
    fn day(&self) -> Option<Date> {
        self.opened_on
    }
    fn build(
        &self,
        client: ClientId,
        owner: Option<EmployeeId>,
        before: Option<&Deal>,
        actor: &Actor,
        today: Date,
    ) -> Result<Deal, CoreError> {
        let credited = if self.stage == DealStage::Won { owner } else { None };
        match before {
            Some(b) => {
                let p = DealPatch {
                    title: Some(self.title.clone()),
                    stage: Some(self.stage),
                    amount_minor: Some(self.amount_minor),
                    currency: self.currency.clone(),
                    opened_on: self.opened_on,
                    closed_on: Some(self.closed_on),
                    credited_to: Some(credited.or(b.credited_to.filter(|_| self.stage == DealStage::Won))),
                    owner_id: Some(owner.or(b.owner_id)),
                    ..DealPatch::default()
                };
                b.patched(p, b.updated_at).map(|d| Deal {
                    opened_known: !self.opened_unknown,
                    extra: merged(&d.extra, &self.extra),
                    ..d
                })
            }
            None => NewDeal {
                client_id: client,
                title: self.title.clone(),
                stage: Some(self.stage),
                amount_minor: self.amount_minor,
                currency: self.currency.clone(),
                opened_on: self.opened_on.unwrap_or(today),
                closed_on: self.closed_on,
                owner_id: owner,
                credited_to: credited,
                phase: None,
                expected_close_on: None,
                next_step: None,
            }
            .into_deal(actor.now)
            .map(|d| Deal { opened_known: !self.opened_unknown, extra: self.extra.clone(), ..d }),
        }
    }
}

impl Child for Activity {
    type Row = ActivityRow;
    const ENTITY: ImportEntity = ImportEntity::Activities;
    fn select() -> String {
        format!("SELECT {ACTIVITY_COLS} FROM activities t")
    }
    fn from_row(r: ActivityRow) -> Result<Self, CoreError> {
        r.into_activity()
    }
    fn id(&self) -> DbId {
        self.id.db()
    }
    fn client(&self) -> ClientId {
        self.client_id
    }
    fn key(&self) -> String {
        format!("{} {}", self.occurred_at.unix_timestamp(), self.kind)
    }
}

impl ChildRecord for ActivityRecord {
    type Out = Activity;
    fn ext(&self) -> Option<&str> {
        self.external_id.as_deref()
    }
    fn client_ref(&self) -> Option<&Ref> {
        Some(&self.client)
    }
    fn person(&self) -> Option<(&PersonRef, &'static str)> {
        self.author.as_ref().map(|a| (a, "author"))
    }
    fn day(&self) -> Option<Date> {
        Some(self.occurred_at.date())
    }
    fn build(
        &self,
        client: ClientId,
        author: Option<EmployeeId>,
        before: Option<&Activity>,
        actor: &Actor,
        _: Date,
    ) -> Result<Activity, CoreError> {
        match before {
            Some(b) => {
                let p = ActivityPatch {
                    kind: Some(self.kind),
                    occurred_at: Some(self.occurred_at),
                    outcome: self.outcome.clone(),
                    text: Some(self.text.clone()),
                    contact_ids: None,
                    participant_ids: None,
                };
                b.patched(p).map(|a| Activity { extra: merged(&b.extra, &self.extra), ..a })
            }
            None => NewActivity {
                client_id: client,
                kind: self.kind,
                occurred_at: Some(self.occurred_at),
                contact_ids: Vec::new(),
                participant_ids: Vec::new(),
                outcome: self.outcome.clone(),
                text: self.text.clone(),
                next_step: None,
                checklist: None,
            }
            .into_activity(author, actor.now)
            .map(|(a, _)| Activity { extra: self.extra.clone(), ..a }),
        }
    }
}

impl Child for Receivable {
    type Row = ReceivableRow;
    const ENTITY: ImportEntity = ImportEntity::Receivables;
    fn select() -> String {
        format!("SELECT {RECEIVABLE_COLS} FROM receivables t")
    }
    fn from_row(r: ReceivableRow) -> Result<Self, CoreError> {
        r.into_receivable()
    }
    fn id(&self) -> DbId {
        self.id.db()
    }
    fn client(&self) -> ClientId {
        self.client_id
    }
    fn key(&self) -> String {
        search_key(&[&self.number])
    }
}

impl ChildRecord for ReceivableRecord {
    type Out = Receivable;
    fn ext(&self) -> Option<&str> {
        self.external_id.as_deref()
    }
    fn client_ref(&self) -> Option<&Ref> {
        Some(&self.client)
    }
    fn person(&self) -> Option<(&PersonRef, &'static str)> {
        None
    }
    fn day(&self) -> Option<Date> {
        None
    }
    fn build(
        &self,
        client: ClientId,
        _: Option<EmployeeId>,
        before: Option<&Receivable>,
        _: &Actor,
        _: Date,
    ) -> Result<Receivable, CoreError> {
        match before {
            Some(b) => b
                .patched(ReceivablePatch {
                    number: Some(self.number.clone()),
                    amount_minor: Some(self.amount_minor),
                    issued_on: Some(self.issued_on),
                    due_on: Some(self.due_on),
                    paid_on: Some(self.paid_on),
                    currency: None,
                })
                .map(|r| Receivable { extra: merged(&b.extra, &self.extra), ..r }),
            None => NewReceivable {
                client_id: client,
                number: self.number.clone(),
                amount_minor: self.amount_minor,
                currency: self.currency.clone(),
                issued_on: self.issued_on,
                due_on: self.due_on,
                paid_on: self.paid_on,
            }
            .into_receivable()
            .map(|r| Receivable { extra: self.extra.clone(), ..r }),
        }
    }
}
