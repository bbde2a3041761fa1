//! Records that belong to a client: contacts, deals, activities and invoices.

use crate::audit;
use crate::bulk::insert_one;
use crate::clients::client_in;
use crate::clients::{client_filter_args, client_filter_sql};
use crate::holding::holder_on_in;
use crate::id::{opt, DbId, ToDb};
use crate::paging::{after, page};
use crate::people::employee_in;
use crate::rotation::{raise_hopeless_then_sold, SalesOf};
use crate::rows::*;
use crate::scope::scope_sql;
use crate::sql::Dialect;
use crate::sql::{q_all, q_exec, q_opt, Conn};
use crate::Db;
use sprut_core::activity::{Activity, ActivityPatch, NewActivity};
use sprut_core::contact::{Contact, ContactPatch, NewContact};
use sprut_core::deal::{Deal, DealPatch, DealStage, NewDeal};
use sprut_core::meeting::TaskKind;
use sprut_core::page::{Page, PageRequest};
use sprut_core::receivable::{NewReceivable, Receivable, ReceivablePatch};
use sprut_core::scope::{RecordKind, Scope};
use sprut_core::store::ChildFilter;
use sprut_core::store::RecordStore;
use sprut_core::task::{NewTask, NextStep, Task, TaskPatch, TaskStatus};
use sprut_core::Reason;
use sprut_core::*;
use time::Date;

/// `SELECT cols FROM table t` of the `kind` of records, limited to the scope (including
/// what a staff department may see), one client or the clients matching a client filter,
/// and a page, in id order. Bound by [`list_args`].
///
/// One client's records are the common case (the card): then the condition is written
/// `t.client_id = $1`, which the planner serves from the client index, rather than
/// `($1 IS NULL OR ...)`, which made SQLite walk every row in id order.
fn list_sql(d: Dialect, cols: &str, table: &str, scope: &Scope, kind: RecordKind, one_client: bool) -> String {
    let client = if one_client { "t.client_id = $1" } else { "$1 IS NULL" };
    format!(
        "SELECT {cols} FROM {table} t JOIN clients c ON c.id = t.client_id \
         LEFT JOIN assignments a ON a.client_id = c.id AND a.ended_on IS NULL \
         LEFT JOIN employees h ON h.id = a.employee_id \
         WHERE {} AND {client} AND {} \
         AND ($10 IS NULL OR t.id > $10) ORDER BY t.id LIMIT $11",
        seen_sql(d, scope, kind),
        client_filter_sql(2)
    )
}

/// The records `t` of `kind` that `scope` sees: their client in scope, the kind among what the
/// reader's department sees, and for staff only contacts of its functions. Lists and
/// single-record reads ask this one condition.
fn seen_sql(d: Dialect, scope: &Scope, kind: RecordKind) -> String {
    let visible = if scope.sees(kind) { "1 = 1".to_string() } else { "1 = 0".to_string() };
    let functions = match (kind, scope.contact_functions()) {
        (RecordKind::Contacts, Some(fs)) => {
            let list: Vec<String> = fs.iter().map(|f| format!("'{}'", f.as_str())).collect();
            format!("t.function IN ({})", list.join(", "))
        }
        _ => "1 = 1".to_string(),
    };
    format!("{} AND {visible} AND {functions}", scope_sql(d, scope, "t.client_id"))
}

/// Runs a [`list_sql`] query and keeps a page of it.
macro_rules! child_page {
    ($db:expr, $row:ty, $into:expr, $cols:expr, $table:expr, $scope:expr, $kind:expr, $f:expr, $p:expr) => {{
        let sql = list_sql($db.dialect(), $cols, $table, $scope, $kind, $f.client_id.is_some());
        let (holder, team, segment, region, tier, status, q, coverage) = client_filter_args(&$f.clients);
        let after = after($p.cursor()?)?.id.map(DbId);
        let limit = i64::from($p.limit()) + 1;
        let rows = q_all!(
            $db.read().await?.conn(),
            $row,
            &sql,
            opt(&$f.client_id),
            holder,
            team,
            segment,
            region,
            tier,
            status,
            q,
            coverage,
            after,
            limit
        )?;
        Ok(page(all(rows, $into)?, $p.limit(), |r| (String::new(), r.id.0)))
    }};
}

/// `SELECT cols FROM table t WHERE t.id = $1` and `scope` sees it as a record of `kind`.
fn one_sql(d: Dialect, cols: &str, table: &str, scope: &Scope, kind: RecordKind) -> String {
    format!("SELECT {cols} FROM {table} t WHERE t.id = $1 AND {}", seen_sql(d, scope, kind))
}

pub(crate) async fn contact_in(conn: Conn<'_>, id: ContactId) -> Result<Contact, CoreError> {
    contact_seen(conn, &Scope::All, id).await
}

async fn contact_seen(conn: Conn<'_>, scope: &Scope, id: ContactId) -> Result<Contact, CoreError> {
    let sql = one_sql(conn.dialect(), CONTACT_COLS, "contacts", scope, RecordKind::Contacts);
    q_opt!(conn, ContactRow, &sql, id.db())?.ok_or(CoreError::NotFound("contact"))?.into_contact()
}

async fn deal_in(conn: Conn<'_>, scope: &Scope, id: DealId) -> Result<Deal, CoreError> {
    let sql = one_sql(conn.dialect(), DEAL_COLS, "deals", scope, RecordKind::Deals);
    q_opt!(conn, DealRow, &sql, id.db())?.ok_or(CoreError::NotFound("deal"))?.into_deal()
}

async fn activity_in(conn: Conn<'_>, scope: &Scope, id: ActivityId) -> Result<Activity, CoreError> {
    let sql = one_sql(conn.dialect(), ACTIVITY_COLS, "activities", scope, RecordKind::Activities);
    q_opt!(conn, ActivityRow, &sql, id.db())?.ok_or(CoreError::NotFound("activity"))?.into_activity()
}

async fn receivable_in(conn: Conn<'_>, scope: &Scope, id: ReceivableId) -> Result<Receivable, CoreError> {
    let sql = one_sql(conn.dialect(), RECEIVABLE_COLS, "receivables", scope, RecordKind::Receivables);
    q_opt!(conn, ReceivableRow, &sql, id.db())?.ok_or(CoreError::NotFound("receivable"))?.into_receivable()
}

/// Refuses a reference to a client that does not exist, naming the field.
async fn require_client(tx: &mut crate::sql::Tx, id: ClientId) -> Result<(), CoreError> {
    client_in(tx.conn(), id)
        .await
        .map(|_| ())
        .map_err(|_| CoreError::field("client_id", Reason::NoSuchClient { id: String::new() }))
}

/// A closed deal without an explicit credit goes to whoever held the client on its close date.
async fn credit(tx: &mut crate::sql::Tx, d: &mut Deal) -> Result<(), CoreError> {
    if let (Some(closed), None) = (d.closed_on, d.credited_to) {
        d.credited_to = holder_on_in(tx.conn(), d.client_id, closed).await?.map(|a| a.employee_id);
    }
    Ok(())
}

impl RecordStore for Db {
    async fn create_contact(&self, actor: &Actor, new: NewContact) -> Result<Contact, CoreError> {
        let mut c = new.into_contact(actor.now)?;
        let mut tx = self.write().await?;
        crate::settings::read_channels(tx.conn(), &mut c.channels).await?;
        require_client(&mut tx, c.client_id).await?;
        insert_one(tx.conn(), &c).await?;
        audit::record(&mut tx, actor, "contact.create", "contact", &c.id.to_string(), audit::created(&c)).await?;
        tx.commit().await?;
        Ok(c)
    }

    async fn update_contact(&self, actor: &Actor, id: ContactId, p: ContactPatch) -> Result<Contact, CoreError> {
        let mut tx = self.write().await?;
        let before = contact_in(tx.conn(), id).await?;
        let mut after = before.patched(p, actor.employee_id, actor.now)?;
        crate::settings::read_channels(tx.conn(), &mut after.channels).await?;
        crate::bulk::update_one(tx.conn(), &after).await?;
        audit::record(&mut tx, actor, "contact.update", "contact", &id.to_string(), audit::change(&before, &after))
            .await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn contact(&self, scope: &Scope, id: ContactId) -> Result<Contact, CoreError> {
        contact_seen(self.read().await?.conn(), scope, id).await
    }

    async fn contacts(&self, s: &Scope, f: &ChildFilter, p: &PageRequest) -> Result<Page<Contact>, CoreError> {
        child_page!(self, ContactRow, ContactRow::into_contact, CONTACT_COLS, "contacts", s, RecordKind::Contacts, f, p)
    }

    async fn create_deal(&self, actor: &Actor, mut new: NewDeal, today: Date) -> Result<Deal, CoreError> {
        let next = new.next_step.take();
        let mut d = new.into_deal(actor.now)?;
        let mut tx = self.write().await?;
        require_client(&mut tx, d.client_id).await?;
        credit(&mut tx, &mut d).await?;
        insert_one(tx.conn(), &d).await?;
        audit::record(&mut tx, actor, "deal.create", "deal", &d.id.to_string(), audit::created(&d)).await?;
        if d.stage == DealStage::Won {
            raise_hopeless_then_sold(&mut tx, SalesOf::Deal(d.id), actor).await?;
        }
        set_next_step(&mut tx, actor, next, d.client_id, None, today).await?;
        tx.commit().await?;
        Ok(d)
    }

    async fn update_deal(&self, actor: &Actor, id: DealId, mut p: DealPatch, today: Date) -> Result<Deal, CoreError> {
        let next = p.next_step.take();
        let mut tx = self.write().await?;
        let before = deal_in(tx.conn(), &Scope::All, id).await?;
        let mut after = before.patched(p, actor.now)?;
        credit(&mut tx, &mut after).await?;
        crate::bulk::update_one(tx.conn(), &after).await?;
        audit::record(&mut tx, actor, "deal.update", "deal", &id.to_string(), audit::change(&before, &after)).await?;
        if after.stage == DealStage::Won {
            raise_hopeless_then_sold(&mut tx, SalesOf::Deal(id), actor).await?;
        }
        set_next_step(&mut tx, actor, next, after.client_id, None, today).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn deal(&self, scope: &Scope, id: DealId) -> Result<Deal, CoreError> {
        deal_in(self.read().await?.conn(), scope, id).await
    }

    async fn deals(&self, s: &Scope, f: &ChildFilter, p: &PageRequest) -> Result<Page<Deal>, CoreError> {
        child_page!(self, DealRow, DealRow::into_deal, DEAL_COLS, "deals", s, RecordKind::Deals, f, p)
    }

    async fn create_activity(&self, actor: &Actor, new: NewActivity, today: Date) -> Result<Activity, CoreError> {
        let (a, next) = new.into_activity(actor.employee_id, actor.now)?;
        let a = a.happened_by(actor.now, today)?;
        let mut tx = self.write().await?;
        require_client(&mut tx, a.client_id).await?;
        check_contacts(&mut tx, a.client_id, &a.contact_ids).await?;
        check_participants(&mut tx, &a.participant_ids).await?;
        insert_one(tx.conn(), &a).await?;
        audit::record(&mut tx, actor, "activity.create", "activity", &a.id.to_string(), audit::created(&a)).await?;
        set_next_step(&mut tx, actor, next, a.client_id, Some(a.id), today).await?;
        head_meeting_held(&mut tx, actor, &a).await?;
        tx.commit().await?;
        Ok(a)
    }

    async fn update_activity(&self, actor: &Actor, id: ActivityId, p: ActivityPatch) -> Result<Activity, CoreError> {
        let mut tx = self.write().await?;
        let before = activity_in(tx.conn(), &Scope::All, id).await?;
        let after = before.patched(p)?;
        let after =
            if after.occurred_at != before.occurred_at { after.happened_by(actor.now, actor.today())? } else { after };
        check_contacts(&mut tx, after.client_id, &after.contact_ids).await?;
        check_participants(&mut tx, &after.participant_ids).await?;
        q_exec!(
            tx.conn(),
            "UPDATE activities SET kind = $2, occurred_at = $3, contact_ids = $4, outcome = $5, text = $6, \
             participant_ids = $7 WHERE id = $1",
            id.db(),
            after.kind.as_str(),
            after.occurred_at,
            serde_json::to_string(&after.contact_ids).unwrap_or_default(),
            after.outcome.as_deref(),
            &after.text,
            serde_json::to_string(&after.participant_ids).unwrap_or_default(),
        )?;
        audit::record(&mut tx, actor, "activity.update", "activity", &id.to_string(), audit::change(&before, &after))
            .await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn activity(&self, scope: &Scope, id: ActivityId) -> Result<Activity, CoreError> {
        activity_in(self.read().await?.conn(), scope, id).await
    }

    async fn activities(&self, s: &Scope, f: &ChildFilter, p: &PageRequest) -> Result<Page<Activity>, CoreError> {
        child_page!(
            self,
            ActivityRow,
            ActivityRow::into_activity,
            ACTIVITY_COLS,
            "activities",
            s,
            RecordKind::Activities,
            f,
            p
        )
    }

    async fn create_receivable(&self, actor: &Actor, new: NewReceivable) -> Result<Receivable, CoreError> {
        let r = new.into_receivable()?;
        let mut tx = self.write().await?;
        require_client(&mut tx, r.client_id).await?;
        insert_one(tx.conn(), &r).await?;
        audit::record(&mut tx, actor, "receivable.create", "receivable", &r.id.to_string(), audit::created(&r)).await?;
        tx.commit().await?;
        Ok(r)
    }

    async fn update_receivable(
        &self,
        actor: &Actor,
        id: ReceivableId,
        p: ReceivablePatch,
    ) -> Result<Receivable, CoreError> {
        let mut tx = self.write().await?;
        let before = receivable_in(tx.conn(), &Scope::All, id).await?;
        let after = before.patched(p)?;
        q_exec!(
            tx.conn(),
            "UPDATE receivables SET number = $2, amount_minor = $3, issued_on = $4, due_on = $5, paid_on = $6, \
             currency = $7 WHERE id = $1",
            id.db(),
            &after.number,
            after.amount_minor,
            after.issued_on,
            after.due_on,
            after.paid_on,
            after.currency.as_str(),
        )?;
        let details = audit::change(&before, &after);
        audit::record(&mut tx, actor, "receivable.update", "receivable", &id.to_string(), details).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn receivable(&self, scope: &Scope, id: ReceivableId) -> Result<Receivable, CoreError> {
        receivable_in(self.read().await?.conn(), scope, id).await
    }

    async fn receivables(&self, s: &Scope, f: &ChildFilter, p: &PageRequest) -> Result<Page<Receivable>, CoreError> {
        child_page!(
            self,
            ReceivableRow,
            ReceivableRow::into_receivable,
            RECEIVABLE_COLS,
            "receivables",
            s,
            RecordKind::Receivables,
            f,
            p
        )
    }

    async fn create_task(&self, actor: &Actor, new: NewTask, today: Date) -> Result<Task, CoreError> {
        let mut tx = self.write().await?;
        let t = set_task(&mut tx, actor, new, None, today).await?;
        tx.commit().await?;
        Ok(t)
    }

    async fn update_task(&self, actor: &Actor, id: TaskId, p: TaskPatch, today: Date) -> Result<Task, CoreError> {
        let mut tx = self.write().await?;
        let before = task_in(tx.conn(), &Scope::All, id).await?;
        require_kind_by(&mut tx, actor, before.kind).await?;
        let after = before.patched(p, today, actor.now)?;
        if after.owner_id != before.owner_id {
            require_owner(&mut tx, after.owner_id).await?;
        }
        save_task(&mut tx, actor, &before, &after).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn task(&self, scope: &Scope, id: TaskId) -> Result<Task, CoreError> {
        task_in(self.read().await?.conn(), scope, id).await
    }

    async fn tasks(&self, s: &Scope, f: &ChildFilter, p: &PageRequest) -> Result<Page<Task>, CoreError> {
        child_page!(self, TaskRow, TaskRow::into_task, TASK_COLS, "tasks", s, RecordKind::Tasks, f, p)
    }
}

/// Writes the change of a task from `before` to `after` inside `tx`, with its audit event.
async fn save_task(tx: &mut crate::sql::Tx, actor: &Actor, before: &Task, after: &Task) -> Result<(), CoreError> {
    q_exec!(
        tx.conn(),
        "UPDATE tasks SET title = $2, due_on = $3, owner_id = $4, status = $5, closed_at = $6 WHERE id = $1",
        after.id.db(),
        &after.title,
        after.due_on,
        after.owner_id.db(),
        after.status.as_str(),
        after.closed_at,
    )?;
    audit::record(tx, actor, "task.update", "task", &after.id.to_string(), audit::change(before, after)).await
}

/// Refuses an actor who may not set or change a task of `kind` (a head's meeting is a head's).
async fn require_kind_by(tx: &mut crate::sql::Tx, actor: &Actor, kind: TaskKind) -> Result<(), CoreError> {
    if kind.open_to_all() {
        return Ok(());
    }
    let role = match actor.employee_id {
        Some(id) => Some(employee_in(tx.conn(), id).await?.role),
        None => None,
    };
    if kind.may_be_changed_by(role) {
        Ok(())
    } else {
        Err(TaskKind::refusal())
    }
}

/// Marks done, inside `tx`, the planned head meetings of `a`'s client whose head took part in
/// `a`, a meeting logged with the head's checklist.
async fn head_meeting_held(tx: &mut crate::sql::Tx, actor: &Actor, a: &Activity) -> Result<(), CoreError> {
    if a.checklist.is_none() {
        return Ok(());
    }
    let sql = format!(
        "SELECT {TASK_COLS} FROM tasks t WHERE t.client_id = $1 AND t.status = 'open' AND t.kind = 'head_meeting'"
    );
    let planned = q_all!(tx.conn(), TaskRow, &sql, a.client_id.db())?;
    for row in planned {
        let before = row.into_task()?;
        if a.author_id == Some(before.owner_id) || a.participant_ids.contains(&before.owner_id) {
            let mut after = before.clone();
            after.status = TaskStatus::Done;
            after.closed_at = Some(actor.now);
            save_task(tx, actor, &before, &after).await?;
        }
    }
    Ok(())
}

/// The head of the team of `client`'s holder, if it has one.
async fn holders_head(tx: &mut crate::sql::Tx, client: ClientId) -> Result<Option<EmployeeId>, CoreError> {
    let head: Option<(Option<DbId>,)> = q_opt!(
        tx.conn(),
        (Option<DbId>,),
        "SELECT m.head_id FROM assignments a JOIN employees e ON e.id = a.employee_id \
         JOIN teams m ON m.id = e.team_id WHERE a.client_id = $1 AND a.ended_on IS NULL",
        client.db()
    )?;
    Ok(head.and_then(|(h,)| h).map(Into::into))
}

async fn task_in(conn: Conn<'_>, scope: &Scope, id: TaskId) -> Result<Task, CoreError> {
    let sql = one_sql(conn.dialect(), TASK_COLS, "tasks", scope, RecordKind::Tasks);
    q_opt!(conn, TaskRow, &sql, id.db())?.ok_or(CoreError::NotFound("task"))?.into_task()
}

/// Sets `new` inside `tx` (from the touch `activity` when it is a next step), with its audit
/// event: owned by whom it names, else the client's holder, else the actor.
async fn set_task(
    tx: &mut crate::sql::Tx,
    actor: &Actor,
    new: NewTask,
    activity: Option<ActivityId>,
    today: Date,
) -> Result<Task, CoreError> {
    require_client(tx, new.client_id).await?;
    let kind = new.kind.unwrap_or(TaskKind::Step);
    require_kind_by(tx, actor, kind).await?;
    let holder = match kind {
        TaskKind::Step => holder_on_in(tx.conn(), new.client_id, today).await?.map(|a| a.employee_id),
        TaskKind::HeadMeeting => holders_head(tx, new.client_id).await?,
    };
    let owner = new.owner_id.or(holder).or(actor.employee_id).ok_or(CoreError::field("owner_id", Reason::Required))?;
    require_owner(tx, owner).await?;
    let t = new.into_task(owner, actor.employee_id, activity, today, actor.now)?;
    insert_one(tx.conn(), &t).await?;
    audit::record(tx, actor, "task.create", "task", &t.id.to_string(), audit::created(&t)).await?;
    Ok(t)
}

/// Sets the next step of a touch or a deal on `client`, if one is given, as a task inside `tx`;
/// its problems are named inside `next_step`.
async fn set_next_step(
    tx: &mut crate::sql::Tx,
    actor: &Actor,
    next: Option<NextStep>,
    client: ClientId,
    activity: Option<ActivityId>,
    today: Date,
) -> Result<(), CoreError> {
    if let Some(next) = next {
        set_task(tx, actor, next.for_client(client), activity, today).await.map_err(|e| e.within("next_step"))?;
    }
    Ok(())
}

/// Refuses a task owner who is not an employee able to work (active or away for a while).
async fn require_owner(tx: &mut crate::sql::Tx, owner: EmployeeId) -> Result<(), CoreError> {
    match employee_in(tx.conn(), owner).await {
        Ok(e) if sprut_core::scope::may_write(&e) => Ok(()),
        Ok(e) => Err(CoreError::field("owner_id", Reason::CannotTakeClients { name: e.name })),
        Err(_) => Err(CoreError::field("owner_id", Reason::NoSuchEmployee)),
    }
}

/// Refuses participants who are not employees.
async fn check_participants(tx: &mut crate::sql::Tx, ids: &[EmployeeId]) -> Result<(), CoreError> {
    for id in ids {
        employee_in(tx.conn(), *id).await.map_err(|_| CoreError::field("participant_ids", Reason::NoSuchEmployee))?;
    }
    Ok(())
}
/// Refuses contacts that are not the client's.
async fn check_contacts(tx: &mut crate::sql::Tx, client: ClientId, ids: &[ContactId]) -> Result<(), CoreError> {
    for id in ids {
        let c = contact_in(tx.conn(), *id)
            .await
            .map_err(|_| CoreError::field("contact_ids", Reason::NoSuchContact { id: id.to_string() }))?;
        if c.client_id != client {
            return Err(CoreError::field("contact_ids", Reason::ContactOfOtherClient { id: id.to_string() }));
        }
    }
    Ok(())
}
