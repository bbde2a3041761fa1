//! `sprut transfer`, `sprut offboard`, `sprut report transfers`: handovers from the terminal.

use crate::cli::{OffboardArgs, ReportCommand, TransferCommand};
use anyhow::{anyhow, bail, Context};
use sprut_core::handover::checklist::{side_of, CheckAction};
use sprut_core::handover::offboarding::{progress, StartOffboarding};
use sprut_core::handover::service;
use sprut_core::handover::transfer::{NewTransfer, Transfer, TransferFilter};
use sprut_core::handover::HandoverStore;
use sprut_core::page::PageRequest;
use sprut_core::scope::{manages, Scope};
use sprut_core::store::prelude::*;
use sprut_core::{Actor, ClientId, EmployeeId};
use sprut_store::Db;
use time::OffsetDateTime;

async fn employee(db: &Db, email: &str) -> anyhow::Result<sprut_core::employee::Employee> {
    db.employee_by_email(email).await?.map(|(e, _)| e).with_context(|| format!("no employee with e-mail {email}"))
}

/// A client by id or by ИНН.
pub(crate) async fn client(db: &Db, key: &str) -> anyhow::Result<ClientId> {
    if let Ok(id) = key.parse::<ClientId>() {
        return Ok(id);
    }
    let filter = sprut_core::client::ClientFilter { q: Some(key.to_string()), ..Default::default() };
    let found = db.clients(&Scope::All, &filter, &PageRequest::default()).await?;
    let exact: Vec<_> = found.items.iter().filter(|i| i.client.legal_id.as_deref() == Some(key)).collect();
    match exact.as_slice() {
        [one] => Ok(one.client.id),
        _ => bail!("no client with id or ИНН '{key}'"),
    }
}

/// Runs `sprut contacts ...`.
pub async fn contacts(db: &Db, cmd: crate::cli::ContactsCommand) -> anyhow::Result<()> {
    use sprut_core::contact_pool::ContactPoolStore;
    match cmd {
        crate::cli::ContactsCommand::Pool { json } => {
            let mut all = Vec::new();
            let mut page = PageRequest { after: None, limit: Some(sprut_core::page::MAX_LIMIT) };
            loop {
                let p = db.pooled_contacts(&page).await?;
                all.extend(p.items);
                match p.next {
                    Some(next) => page.after = Some(next),
                    None => break,
                }
            }
            if json {
                println!("{}", serde_json::to_string_pretty(&all)?);
            } else {
                for c in &all {
                    let reach: Vec<&str> = c.phones.iter().chain(&c.emails).map(String::as_str).collect();
                    println!("{}  {}  {}  {}", c.id, c.name, c.position.as_deref().unwrap_or("—"), reach.join(", "));
                }
                println!(
                    "{} contact(s) without a client; attach one with `sprut contacts attach ID --client ИНН`",
                    all.len()
                );
            }
        }
        crate::cli::ContactsCommand::Attach { id, client: key } => {
            let client = client(db, &key).await?;
            let c = db.attach_contact(&Actor::system(OffsetDateTime::now_utc()), id, client).await?;
            println!("{} is now a contact of client {}", c.name, c.client_id);
        }
    }
    Ok(())
}

fn print(t: &Transfer, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(t)?);
        return Ok(());
    }
    println!("transfer {} ({}), {} on {}, from {}", t.id, t.cause, t.state, t.effective_on, t.from_id);
    for i in &t.items {
        let open: Vec<&str> = i.checklist.open_steps().iter().map(|s| s.as_str()).collect();
        let state = if open.is_empty() { "checklist closed".to_string() } else { format!("open: {}", open.join(", ")) };
        println!("  {} -> {} ({}): {state}", i.client_name, i.to_id, i.kind);
    }
    Ok(())
}

/// Runs one `transfer` command.
pub async fn transfer(db: &Db, cmd: TransferCommand) -> anyhow::Result<()> {
    let now = OffsetDateTime::now_utc();
    let settings = db.settings().await?;
    let today = sprut_server::zone::local_date(now, &settings.time_zone);
    match cmd {
        TransferCommand::Create { from, clients, to, by_specialisation, on, cause, note, json } => {
            let from = employee(db, &from).await?;
            let mut ids = Vec::new();
            for c in &clients {
                ids.push(client(db, c).await?);
            }
            let mut receivers: Vec<EmployeeId> = Vec::new();
            for t in &to {
                receivers.push(employee(db, t).await?.id);
            }
            let req = NewTransfer {
                cause: Some(cause),
                from_id: from.id,
                clients: ids,
                to: receivers,
                assign: vec![],
                by_specialisation,
                effective_on: on.unwrap_or(today),
                note,
            };
            let t = service::create_transfer(db, &Actor::system(now), req, &settings, today).await?;
            print(&t, json)?;
        }
        TransferCommand::Show { id, json } => print(&db.transfer(id).await?, json)?,
        TransferCommand::Check { id, client: c, step, actor, on, items, total, note } => {
            let t = db.transfer(id).await?;
            let client = client(db, &c).await?;
            let item = t.items.iter().find(|i| i.client_id == client).context("the client is not in this transfer")?;
            let (actor, side) = match actor {
                Some(email) => {
                    let e = employee(db, &email).await?;
                    let side = side_of(e.id, t.from_id, item.to_id, manages(&e))
                        .ok_or_else(|| anyhow!("{email} is neither holder nor a manager"))?;
                    (Actor::employee(e.id, now), side)
                }
                None => (Actor::system(now), sprut_core::handover::checklist::Side::Manager),
            };
            let mut fields = serde_json::json!({ "step": step });
            if let Some(on) = on {
                fields["on"] = serde_json::to_value(on)?;
            }
            if !items.is_empty() {
                fields["items"] = serde_json::to_value(&items)?;
            }
            if let Some(total) = total {
                fields["total_minor"] = total.into();
            }
            if let Some(note) = note {
                fields["note"] = note.into();
            }
            let action: CheckAction = serde_json::from_value(fields).map_err(|e| anyhow!("step {step}: {e}"))?;
            let t = db.check_transfer(&actor, id, client, action, side, today, &settings.company_name).await?;
            print(&t, false)?;
        }
        TransferCommand::Complete { id } => print(&db.complete_transfer(&Actor::system(now), id).await?, false)?,
        TransferCommand::Cancel { id, reason } => {
            print(&db.cancel_transfer(&Actor::system(now), id, &reason).await?, false)?
        }
    }
    Ok(())
}

/// Runs `offboard`.
pub async fn offboard(db: &Db, args: OffboardArgs) -> anyhow::Result<()> {
    let now = OffsetDateTime::now_utc();
    let settings = db.settings().await?;
    let today = sprut_server::zone::local_date(now, &settings.time_zone);
    let e = employee(db, &args.email).await?;
    let actor = Actor::system(now);
    let running = db
        .offboardings(&PageRequest { after: None, limit: Some(500) })
        .await?
        .items
        .into_iter()
        .find(|o| o.employee_id == e.id && o.state == sprut_core::handover::offboarding::OffboardingState::Active);
    let mut o = match (running, args.last_day) {
        (Some(o), _) => o,
        (None, Some(last_day)) => {
            let req = StartOffboarding { last_day, by_specialisation: true };
            service::start_offboarding(db, &actor, e.id, &req, &settings, today).await?
        }
        (None, None) => bail!("no playbook runs for {}: give --last-day to start one", e.email),
    };
    if let Some(on) = args.apply {
        o = service::apply_offboarding(db, &actor, o.id, on, &settings, today).await?;
    }
    let mut transfers = Vec::new();
    for t in db
        .transfers(
            &TransferFilter { employee_id: Some(e.id), ..Default::default() },
            &PageRequest { after: None, limit: Some(500) },
        )
        .await?
        .items
    {
        if t.offboarding_id == Some(o.id) {
            transfers.push(t);
        }
    }
    let p = progress(&o, &transfers);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "offboarding": o, "progress": p, "transfers": transfers })
            )?
        );
        return Ok(());
    }
    println!("playbook {} for {} (last day {}): {}", o.id, e.email, o.last_day, o.state);
    println!(
        "  {} clients, {} with a receiver, {} at risk ({} decided), {} handed over, {} checklists closed",
        p.clients, p.with_receiver, p.at_risk, p.retention_decided, p.handed_over, p.checklists_closed
    );
    for i in &o.items {
        let risk = if i.risk.at_risk { format!("AT RISK {}", i.risk.score) } else { format!("risk {}", i.risk.score) };
        println!(
            "  {:<40} {:>14} {risk:<12} -> {}",
            i.client_name,
            sprut_core::money::format_minor(i.revenue_12m),
            i.proposal
        );
    }
    Ok(())
}

/// Runs one `report` command.
pub async fn report_cmd(db: &Db, cmd: ReportCommand) -> anyhow::Result<()> {
    match cmd {
        ReportCommand::Transfers { json } => {
            let r = db.transfer_report(crate::company_today(db).await?).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r)?);
                return Ok(());
            }
            println!("transferred clients, as of {}: {}", r.as_of, r.total.transferred);
            let mut names = std::collections::HashMap::new();
            let mut page = PageRequest { after: None, limit: Some(500) };
            loop {
                let got = db.employees(&Default::default(), &page).await?;
                names.extend(got.items.into_iter().map(|e| (e.id.to_string(), e.name)));
                match got.next {
                    Some(n) => page.after = Some(n),
                    None => break,
                }
            }
            let plans = sprut_core::planner::service::PlannerStore::redistributions(db).await?;
            names
                .extend(plans.into_iter().map(|p| (p.id.to_string(), format!("redistribution plan of {}", p.made_on))));
            for o in std::iter::once(&r.total).chain(&r.by_cause).chain(&r.by_receiver).chain(&r.by_plan) {
                let label = names.get(&o.key).cloned().unwrap_or_else(|| o.key.clone());
                for w in &o.windows {
                    let pct = |p: Option<f64>| p.map(|v| format!("{v:+.0}%")).unwrap_or_else(|| "-".into());
                    println!(
                        "{:<38} {:>2} mo: {:>3} clients, before {:>14} after {:>14} ({}), stayed ({}), lift {}",
                        label,
                        w.months,
                        w.clients,
                        sprut_core::money::format_minor(w.before_minor),
                        sprut_core::money::format_minor(w.after_minor),
                        pct(w.change_percent),
                        pct(w.control_change_percent),
                        w.lift_points.map(|v| format!("{v:+.0} pts")).unwrap_or_else(|| "-".into())
                    );
                }
            }
        }
    }
    Ok(())
}
