//! `sprut tasks`, `sprut touches overdue`, `sprut receivables aging`, `sprut deals board` and
//! `sprut meetings`: the daily workbench from the terminal.

use crate::cli::{TeamDayArgs, WhoseArgs};
use sprut_core::aging::{receivables_aging as aged, AgingBucket, AgingLine};
use sprut_core::board::deal_board as board;
use sprut_core::rules::store::RotationStore;
use sprut_core::scope::OwnerFilter;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::touch::{due_touches, TouchBasis, TouchCadence};
use sprut_core::{ClientId, EmployeeId};
use sprut_store::Db;
use std::collections::HashMap;
use time::Date;

/// The names of `clients` and of `people`, for printing lines.
async fn names(
    db: &Db,
    clients: Vec<ClientId>,
    people: Vec<EmployeeId>,
) -> anyhow::Result<(HashMap<ClientId, String>, HashMap<EmployeeId, String>)> {
    let clients = db.client_names(&clients).await?.into_iter().collect();
    let people = db.employees_among(&people).await?.into_iter().map(|e| (e.id, e.email)).collect();
    Ok((clients, people))
}

/// Prints the open tasks, of the employee with e-mail `owner` when given, due by `due`.
pub async fn tasks(db: &Db, owner: Option<String>, due: Option<Date>, as_json: bool) -> anyhow::Result<()> {
    let owner = match owner {
        Some(email) => Some(crate::rotation::employee(db, &email).await?),
        None => None,
    };
    let list = db.open_tasks(&Scope::All, owner, due).await?;
    if as_json {
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    let (clients, people) =
        names(db, list.iter().map(|t| t.client_id).collect(), list.iter().map(|t| t.owner_id).collect()).await?;
    let today = crate::company_today(db).await?;
    for t in &list {
        let late = if t.overdue_on(today) { " (overdue)" } else { "" };
        let client = clients.get(&t.client_id).map_or("?", String::as_str);
        let who = people.get(&t.owner_id).map_or("?", String::as_str);
        println!("{}{late}  {client}  {}  — {who}", t.due_on, t.title);
    }
    println!("{} open tasks", list.len());
    Ok(())
}

/// Prints the touches due by the day (default today), of one team when given.
pub async fn touches_overdue(db: &Db, args: TeamDayArgs) -> anyhow::Result<()> {
    let today = crate::day_or_today(db, args.as_of).await?;
    let scope = crate::rotation::team_scope(db, args.team).await?;
    let cadence = TouchCadence::from_settings(&db.settings().await?);
    let due = due_touches(&db.touch_facts(&scope, None, Some(today)).await?, &cadence, today);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&due)?);
        return Ok(());
    }
    let (clients, people) =
        names(db, due.iter().map(|t| t.client_id).collect(), due.iter().map(|t| t.holder).collect()).await?;
    for t in &due {
        let from = match t.basis {
            TouchBasis::Task => "a task".to_string(),
            TouchBasis::LastTouch { on } => format!("last touch {on} + {} days", t.cadence_days),
            TouchBasis::HeldSince { on } => format!("never touched, held since {on} + {} days", t.cadence_days),
        };
        let client = clients.get(&t.client_id).map_or("?", String::as_str);
        let who = people.get(&t.holder).map_or("?", String::as_str);
        let long = if t.long_overdue(today) { ", past a whole cadence" } else { "" };
        println!("{}  {client} ({})  {} days over{long}  — {who}; {from}", t.due_on, t.tier, t.days_overdue(today));
    }
    println!("{} touches due", due.len());
    Ok(())
}

/// The filter `whose` asks for: a team by name, an employee by e-mail.
async fn owner_filter(db: &Db, whose: &WhoseArgs) -> anyhow::Result<OwnerFilter> {
    let team_id = match &whose.team {
        Some(name) => Some(crate::rotation::team_named(db, name).await?.id),
        None => None,
    };
    let owner_id = match &whose.rep {
        Some(email) => Some(crate::rotation::employee(db, email).await?),
        None => None,
    };
    Ok(OwnerFilter { owner_id, team_id })
}

/// One aging line as text: the amount of each bucket, then the sum past due.
fn aging_text(l: &AgingLine) -> String {
    let money = |minor: i64| format!("{} {}", sprut_core::money::format_minor(minor), l.currency);
    let buckets: Vec<String> =
        AgingBucket::ALL.iter().map(|b| format!("{}: {}", b.as_str(), money(l.amount(*b)))).collect();
    format!(
        "{}; overdue {} ({} of {} invoices)",
        buckets.join(", "),
        money(l.overdue()),
        l.overdue_invoices,
        l.invoices
    )
}

/// Prints the unpaid invoices aged on the day (default today), of one team or rep when given.
pub async fn receivables_aging(db: &Db, whose: WhoseArgs, as_of: Option<Date>) -> anyhow::Result<()> {
    let today = crate::day_or_today(db, as_of).await?;
    let filter = owner_filter(db, &whose).await?;
    let aging = aged(db, &Scope::All, &filter, today).await?;
    if whose.json {
        println!("{}", serde_json::to_string_pretty(&aging)?);
        return Ok(());
    }
    let (_, people) = names(db, Vec::new(), aging.reps.iter().filter_map(|r| r.employee_id).collect()).await?;
    println!("Receivables on {today}");
    for l in &aging.total {
        println!("  total  {}", aging_text(l));
    }
    for r in &aging.reps {
        let who = r.employee_id.and_then(|e| people.get(&e)).map_or("no holder", String::as_str);
        for l in &r.lines {
            println!("  {who}  {}", aging_text(l));
        }
    }
    for c in &aging.clients {
        let name = aging.names.get(&c.client_id).map_or("?", String::as_str);
        for l in &c.lines {
            println!("  {name}  {}", aging_text(l));
        }
    }
    println!("{} clients owe", aging.clients_count);
    Ok(())
}

/// Prints the open deals by funnel phase, of one team or rep when given.
pub async fn deal_board(db: &Db, whose: WhoseArgs) -> anyhow::Result<()> {
    let filter = owner_filter(db, &whose).await?;
    let b = board(db, &Scope::All, &filter).await?;
    if whose.json {
        println!("{}", serde_json::to_string_pretty(&b)?);
        return Ok(());
    }
    for col in &b.columns {
        let totals: Vec<String> = col
            .totals
            .iter()
            .map(|(cur, minor)| format!("{} {cur}", sprut_core::money::format_minor(*minor)))
            .collect();
        println!("{} — {} deals, {}", col.phase.as_str(), col.deals_count, totals.join(", "));
        for d in &col.deals {
            let client = b.clients.get(&d.client_id).map_or("?", String::as_str);
            let close = d.expected_close_on.map_or_else(String::new, |e| format!(", expected {e}"));
            println!(
                "  {}  {client}  {} {}{close}",
                d.title,
                sprut_core::money::format_minor(d.amount_minor),
                d.currency
            );
        }
    }
    Ok(())
}

/// Prints the quarter's head meetings on the day (default today), of one team when given.
pub async fn meetings(db: &Db, args: TeamDayArgs) -> anyhow::Result<()> {
    let today = crate::day_or_today(db, args.as_of).await?;
    let scope = crate::rotation::team_scope(db, args.team).await?;
    let list = sprut_core::meeting::head_meetings(db, &scope, today).await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    let ids = list.meetings.iter().flat_map(|m| [Some(m.holder_id), m.head_id]).flatten().collect();
    let (_, people) = names(db, Vec::new(), ids).await?;
    let who = |id: Option<EmployeeId>| id.and_then(|e| people.get(&e)).map_or("—", String::as_str);
    println!(
        "Head meetings, quarter {}/{} ({} – {})",
        list.quarter.number, list.quarter.year, list.starts_on, list.ends_on
    );
    for m in &list.meetings {
        let name = list.names.get(&m.client_id).map_or("?", String::as_str);
        let last = m.last_met_on.map_or_else(|| "never met".to_string(), |d| format!("last met {d}"));
        let planned = m.planned.as_ref().map_or_else(String::new, |t| format!(", planned {}", t.due_on));
        println!(
            "  {:<8} {name}  head {}  rep {}  {last}{planned}",
            m.state.as_str(),
            who(m.head_id),
            who(Some(m.holder_id))
        );
    }
    println!("{} clients need a head meeting", list.meetings.len());
    Ok(())
}

/// Prints the relationship map of a client and its coverage score.
pub async fn relationships(db: &Db, key: &str, as_of: Option<Date>, json: bool) -> anyhow::Result<()> {
    let today = crate::day_or_today(db, as_of).await?;
    let client = crate::handover::client(db, key).await?;
    let map = sprut_core::octopus::client_relationships(db, &Scope::All, client, today).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&map)?);
        return Ok(());
    }
    let (_, people) = names(db, Vec::new(), map.people.clone()).await?;
    let who = |e: &EmployeeId| people.get(e).cloned().unwrap_or_else(|| "?".into());
    let c = &map.coverage;
    println!(
        "Coverage {}/100: {} of ours in touch, {} of theirs reached over {} days",
        c.score,
        c.employees,
        c.contacts_reached,
        sprut_core::octopus::COVERAGE_DAYS
    );
    for gap in &c.gaps {
        println!("  missing: {}", serde_json::to_string(gap)?);
    }
    for k in &map.contacts {
        let met: Vec<String> = k.met_by.iter().map(&who).collect();
        let last = k.last_on.map_or_else(|| "never touched".to_string(), |d| format!("last {d}"));
        let only = if k.only_holder { "  [only the holder knows]" } else { "" };
        println!(
            "{} ({}): {last}; met by {}{only}",
            k.name,
            k.level,
            if met.is_empty() { "no one".into() } else { met.join(", ") }
        );
    }
    for l in map.links.iter().filter(|l| l.contact_id.is_none()) {
        println!("{}: {} touches naming no contact, last {}", who(&l.employee_id), l.touches, l.last_on);
    }
    Ok(())
}

/// Prints what the company loses if each of its people leaves (one of them with `employee`).
pub async fn risk(db: &Db, employee: Option<&str>, as_of: Option<Date>, json: bool) -> anyhow::Result<()> {
    let today = crate::day_or_today(db, as_of).await?;
    let one = match employee {
        Some(email) => Some(crate::rotation::employee(db, email).await?),
        None => None,
    };
    let working = crate::import::spinner(json, "{spinner} {msg} ({elapsed})");
    working.set_message("reading the touches of 180 days");
    let risk = sprut_core::concentration::concentration(db, &Scope::All, today, one).await?;
    working.finish_and_clear();
    if json {
        println!("{}", serde_json::to_string_pretty(&risk)?);
        return Ok(());
    }
    let clients = risk.employees.iter().flat_map(|l| l.clients.iter().map(|c| c.client_id)).collect();
    let (clients, people) = names(db, clients, risk.employees.iter().map(|l| l.employee_id).collect()).await?;
    let money = sprut_core::money::format_minor;
    println!(
        "{}: {} clients held, {} of them on a single thread (touches since {})",
        risk.today, risk.clients, risk.single_threaded, risk.since
    );
    if risk.employees.is_empty() {
        println!("no client hangs on a single thread");
    }
    for l in &risk.employees {
        let over = if l.alert { format!("  [over the alert at {}%]", risk.alert_percent) } else { String::new() };
        println!(
            "{}: the only thread of {} of {} clients, revenue {} ({}% of the team's {}), potential {}; \
             people only he met {}, without a direct channel {}{over}",
            people.get(&l.employee_id).map_or("?", String::as_str),
            l.single_threaded,
            l.clients_held,
            money(l.revenue_minor),
            l.share_percent,
            money(l.team_revenue_minor),
            money(l.potential_minor),
            l.contacts_only_his,
            l.contacts_unreachable,
        );
        for c in &l.clients {
            let untouched = if c.untouched { "  [no one in touch]" } else { "" };
            println!(
                "  {}: revenue {}, potential {}{untouched}",
                clients.get(&c.client_id).map_or("?", String::as_str),
                money(c.revenue_minor),
                money(c.potential_minor)
            );
        }
    }
    Ok(())
}

/// Prints the holders' answers to meeting requests and the requests (to `holder`, in `state`).
pub async fn meeting_requests(
    db: &Db,
    holder: Option<&str>,
    state: Option<sprut_core::meeting_request::RequestState>,
    json: bool,
) -> anyhow::Result<()> {
    use sprut_core::meeting_request::{holder_answers, RequestFilter};
    let holder_id = match holder {
        Some(email) => Some(crate::rotation::employee(db, email).await?),
        None => None,
    };
    let list = db.meeting_requests(&Scope::All, None, &RequestFilter { client_id: None, state, holder_id }).await?;
    let counts = holder_answers(&list);
    if json {
        println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "holders": counts, "requests": list }))?);
        return Ok(());
    }
    let people = list.iter().flat_map(|r| [r.holder_id, r.requested_by]).collect();
    let (clients, people) = names(db, list.iter().map(|r| r.client_id).collect(), people).await?;
    let who = |e: &EmployeeId| people.get(e).map_or("?", String::as_str);
    if list.is_empty() {
        println!("no meeting requests");
    }
    for h in &counts {
        println!(
            "{}: {} requests, {} open, {} accepted, {} postponed, {} declined, {} red flags",
            who(&h.holder_id),
            h.requests,
            h.open,
            h.accepted,
            h.postponed,
            h.declined,
            h.red_flags
        );
    }
    for r in &list {
        let flag = if r.red_flag { "  [red flag]" } else { "" };
        let on = r.agreed_on.map(|d| format!(" on {d}")).unwrap_or_default();
        let why = r.reason.as_deref().map(|w| format!(" ({w})")).unwrap_or_default();
        println!(
            "{} asked {} to meet {}: {}{on}{why}{flag}",
            who(&r.requested_by),
            who(&r.holder_id),
            clients.get(&r.client_id).map_or("?", String::as_str),
            r.state
        );
    }
    Ok(())
}

/// Draws this week's spot checks from `seed` (default: from the clock) and prints what it did.
pub async fn spot_draw(db: &Db, seed: Option<u64>, as_of: Option<Date>) -> anyhow::Result<()> {
    let today = crate::day_or_today(db, as_of).await?;
    let seed = seed.unwrap_or_else(|| time::OffsetDateTime::now_utc().unix_timestamp_nanos() as u64);
    let actor = sprut_core::Actor::system(time::OffsetDateTime::now_utc());
    let week = sprut_core::rules::reports::week_of(today);
    match sprut_core::spot_check::draw_week(db, &actor, today, seed).await? {
        Some(n) => println!("week of {week}: {n} contacts drawn from seed {seed}"),
        None => println!("week of {week}: already drawn, or spot checks are off (spot_check_per_rep = 0)"),
    }
    Ok(())
}

/// Prints each rep's accuracy per quarter and the open investigations.
pub async fn spot_report(db: &Db, json: bool) -> anyhow::Result<()> {
    let checks = db.spot_checks(&Scope::All, None, false).await?;
    let cases = db.investigations(&Scope::All, None, false).await?;
    let findings: Vec<_> = cases.iter().filter_map(|i| Some((i.holder_id, i.closed_on?, i.finding?))).collect();
    let accuracy = sprut_core::spot_check::accuracy(&checks, &findings);
    let open: Vec<_> = cases.iter().filter(|i| i.closed_on.is_none()).collect();
    if json {
        let quarters: Vec<_> =
            accuracy.iter().map(|(q, a)| serde_json::json!({ "quarter": q, "figures": a })).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "accuracy": quarters, "open_investigations": open }))?
        );
        return Ok(());
    }
    let people = accuracy.iter().map(|(_, a)| a.holder_id).chain(open.iter().map(|i| i.holder_id)).collect();
    let (clients, people) = names(db, open.iter().map(|i| i.client_id).collect(), people).await?;
    let who = |e: &EmployeeId| people.get(e).map_or("?", String::as_str);
    if accuracy.is_empty() {
        println!("no spot checks drawn yet");
    }
    for (q, a) in &accuracy {
        println!(
            "{q} {}: {} drawn, {} checked, {} wrong ({}%), {} invented",
            who(&a.holder_id),
            a.drawn,
            a.checked,
            a.wrong,
            a.wrong_percent,
            a.invented
        );
    }
    for i in open {
        println!(
            "open investigation: {} of {} ({}), since {}",
            clients.get(&i.client_id).map_or("?", String::as_str),
            who(&i.holder_id),
            i.outcome,
            i.opened_on
        );
    }
    Ok(())
}

/// Prints the survey report and the answers that flag a manager far above the company.
pub async fn surveys(db: &Db, json: bool) -> anyhow::Result<()> {
    let all = db.surveys(&Scope::All, None).await?;
    let holders: Vec<EmployeeId> = all.iter().map(|s| s.holder_id).collect();
    let teams = db.employees_among(&holders).await?.into_iter().map(|e| (e.id, e.team_id)).collect();
    let report = sprut_core::survey::report(&all, &teams);
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    let (clients, people) = names(db, all.iter().map(|s| s.client_id).collect(), holders).await?;
    let who = |e: &EmployeeId| people.get(e).map_or("?", String::as_str);
    let mean = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |x| format!("{x:.1}"));
    if all.is_empty() {
        println!("no surveys sent yet");
    }
    for r in &report.reps {
        let s = &r.score;
        println!(
            "{}: {} sent, {} answered, company {}, manager {}, {} flagged",
            who(&r.employee_id),
            s.sent,
            s.answered,
            mean(s.company_mean),
            mean(s.manager_mean),
            s.flagged
        );
    }
    for s in all.iter().filter(|s| s.flagged) {
        println!(
            "flagged: {} ({}): company {}, manager {}{}",
            clients.get(&s.client_id).map_or("?", String::as_str),
            who(&s.holder_id),
            s.company_rating.unwrap_or(0),
            s.manager_rating.unwrap_or(0),
            s.comment.as_deref().map(|c| format!(": {c}")).unwrap_or_default()
        );
    }
    Ok(())
}

/// Counts every client's coverage now when asked, then prints the key clients below the
/// coverage minimum with what each lacks, or every client whose kept score is below `below`.
pub async fn coverage(db: &Db, as_of: Option<Date>, count: bool, below: Option<u8>, json: bool) -> anyhow::Result<()> {
    let today = crate::day_or_today(db, as_of).await?;
    if count {
        let bar = crate::import::spinner(json, "{spinner} counting coverage: {pos} clients");
        let actor = sprut_core::Actor::system(time::OffsetDateTime::now_utc());
        let c = sprut_core::octopus::count_coverage(db, &actor, today, |n| bar.set_position(n)).await?;
        bar.finish_and_clear();
        eprintln!("{}: coverage counted for {} clients, {} changed", c.day, c.clients, c.changed);
    }
    if let Some(below) = below {
        return clients_below(db, below, json).await;
    }
    let r = sprut_core::octopus::key_clients_below(db, &Scope::All, today).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&r)?);
        return Ok(());
    }
    let holders = r.below.iter().filter_map(|t| t.holder).collect();
    let (clients, people) = names(db, r.below.iter().map(|t| t.client_id).collect(), holders).await?;
    println!("{}: {} key clients, {} below the minimum of {}", r.today, r.key_clients, r.below.len(), r.minimum);
    for t in &r.below {
        let gaps: Vec<String> = t.coverage.gaps.iter().map(|g| serde_json::to_string(g).unwrap_or_default()).collect();
        println!(
            "{} ({}): {}/100; missing: {}",
            clients.get(&t.client_id).map_or("?", String::as_str),
            t.holder.and_then(|h| people.get(&h)).map_or("?", String::as_str),
            t.coverage.score,
            gaps.join(", ")
        );
    }
    Ok(())
}

/// Prints every client whose kept coverage score is below `below`, the thinnest first.
async fn clients_below(db: &Db, below: u8, json: bool) -> anyhow::Result<()> {
    use sprut_core::client::{ClientFilter, ClientSort};
    use sprut_core::page::{PageRequest, MAX_LIMIT};
    let filter = ClientFilter { coverage_below: Some(below), sort: Some(ClientSort::Coverage), ..Default::default() };
    let mut request = PageRequest { after: None, limit: Some(MAX_LIMIT) };
    let mut all = Vec::new();
    loop {
        let page = db.clients(&Scope::All, &filter, &request).await?;
        all.extend(page.items);
        match page.next {
            Some(next) => request.after = Some(next),
            None => break,
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(());
    }
    match db.coverage_counted_on().await? {
        Some(d) => println!("coverage counted on {d}; {} clients below {below}", all.len()),
        None => println!("coverage not counted yet: run `sprut coverage --count`"),
    }
    for c in &all {
        let holder = c.holder.as_ref().map_or("no holder", |h| h.name.as_str());
        println!("{} ({holder}): {}/100", c.client.name, c.coverage.unwrap_or_default());
    }
    Ok(())
}
