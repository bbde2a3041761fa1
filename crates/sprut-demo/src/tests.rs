//! The demo company is deterministic, valid record by record, consistent across records,
//! and has material for the rules.

use super::*;
use sprut_core::activity::NewActivity;
use sprut_core::assignment::{Assignment, AssignmentKind, NewAssignment};
use sprut_core::client::{check_legal_id, ClientStatus, NewClient, Tier};
use sprut_core::contact::NewContact;
use sprut_core::deal::{DealStage, NewDeal};
use sprut_core::employee::{EmployeeStatus, Language, NewEmployee, Role, Specialisation};
use sprut_core::receivable::NewReceivable;
use sprut_core::validate::is_email;
use sprut_core::{ClientId, EmployeeId};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use time::macros::date;

const TODAY: Date = date!(2026 - 11 - 23);

fn demo() -> &'static Dataset {
    static DEMO: OnceLock<Dataset> = OnceLock::new();
    DEMO.get_or_init(|| generate(1, TODAY))
}

fn spans_by_client(data: &Dataset) -> HashMap<ClientId, Vec<&Assignment>> {
    let mut map: HashMap<ClientId, Vec<&Assignment>> = HashMap::new();
    for a in &data.assignments {
        map.entry(a.client_id).or_default().push(a);
    }
    map
}

fn holder_on(spans: &HashMap<ClientId, Vec<&Assignment>>, client: ClientId, day: Date) -> Option<EmployeeId> {
    spans.get(&client)?.iter().find(|a| a.covers(day)).map(|a| a.employee_id)
}

fn count<T>(items: &[T], f: impl Fn(&T) -> bool) -> usize {
    items.iter().filter(|x| f(x)).count()
}

#[test]
fn same_seed_same_company_other_seed_other_company() {
    let (a, b) = (demo(), generate(1, TODAY));
    assert_eq!(a.teams, b.teams);
    assert_eq!(a.employees, b.employees);
    assert_eq!(a.clients, b.clients);
    assert_eq!(a.contacts, b.contacts);
    assert_eq!(a.assignments, b.assignments);
    assert_eq!(a.deals, b.deals);
    assert_eq!(a.activities, b.activities);
    assert_eq!(a.receivables, b.receivables);
    assert_eq!(a.account_members, b.account_members);
    let c = generate(2, TODAY);
    assert_ne!(a.clients[0].id, c.clients[0].id);
    let names_a: Vec<&str> = a.clients.iter().take(50).map(|c| c.name.as_str()).collect();
    let names_c: Vec<&str> = c.clients.iter().take(50).map(|c| c.name.as_str()).collect();
    assert_ne!(names_a, names_c);
    assert!(a.passwords.is_empty());
}

#[test]
fn the_company_has_its_people() {
    let data = demo();
    let of_role = |r| count(&data.employees, |e: &Employee| e.role == r);
    assert_eq!(data.teams.len(), 3);
    assert_eq!((of_role(Role::Admin), of_role(Role::Auditor), of_role(Role::Head)), (1, 1, 3));
    assert_eq!(of_role(Role::Rep), 24);
    assert!(of_role(Role::Staff) >= 4);
    for team in &data.teams {
        let head = data.employees.iter().find(|e| Some(e.id) == team.head_id).expect("team has a head");
        assert_eq!((head.role, head.team_id), (Role::Head, Some(team.id)));
        let reps: Vec<&Employee> =
            data.employees.iter().filter(|e| e.role == Role::Rep && e.team_id == Some(team.id)).collect();
        assert_eq!(reps.len(), 8);
        for s in [Specialisation::Hunter, Specialisation::Farmer] {
            assert!(reps.iter().any(|r| r.specialisation == Some(s)));
        }
        assert!(reps.iter().all(|r| (40..=80).contains(&r.capacity) && r.region.is_some()));
    }
    for e in data.employees.iter().filter(|e| matches!(e.role, Role::Head | Role::Rep | Role::Staff)) {
        assert!(e.team_id.is_some(), "{} has no team", e.email);
    }
    let departing: Vec<&Employee> = data.employees.iter().filter(|e| e.status == EmployeeStatus::Departing).collect();
    assert_eq!(departing.len(), 1);
    assert_eq!(departing[0].last_day, Some(TODAY + Duration::days(14)));
    assert_eq!(count(&data.employees, |e: &Employee| e.status == EmployeeStatus::Absent), 1);
    assert_eq!(count(&data.employees, |e: &Employee| e.language == Language::En), 2);
}

#[test]
fn employees_have_unique_valid_emails() {
    let data = demo();
    let mut seen = HashSet::new();
    for e in &data.employees {
        assert!(e.email.is_ascii() && e.email == e.email.to_lowercase() && is_email(&e.email), "{}", e.email);
        assert!(e.email.ends_with("@demo.sprut"));
        assert!(seen.insert(e.email.clone()), "duplicate {}", e.email);
        assert!(e.name.split(' ').count() == 3, "{}", e.name);
        let new = NewEmployee {
            email: e.email.clone(),
            name: e.name.clone(),
            role: e.role,
            department: e.department,
            team_id: e.team_id,
            region: e.region.clone(),
            capacity: Some(e.capacity),
            specialisation: e.specialisation,
            language: Some(e.language),
        };
        let checked = new.into_employee(e.created_at).expect("valid employee");
        assert_eq!((checked.email, checked.name), (e.email.clone(), e.name.clone()));
    }
}

#[test]
fn logins_are_the_memorable_accounts_in_order() {
    let data = demo();
    let logins = logins(data);
    let emails: Vec<&str> = logins.iter().map(|e| e.email.as_str()).collect();
    assert_eq!(emails, LOGINS.to_vec());
    let roles: Vec<Role> = logins.iter().map(|e| e.role).collect();
    use Role::*;
    assert_eq!(roles, vec![Admin, Auditor, Head, Head, Head, Rep, Rep, Rep, Staff]);
    let reps = &logins[5..8];
    assert!(reps.iter().any(|r| r.specialisation == Some(Specialisation::Hunter)));
    assert!(reps.iter().any(|r| r.specialisation == Some(Specialisation::Farmer)));
    let teams: HashSet<_> = reps.iter().map(|r| r.team_id).collect();
    assert_eq!(teams.len(), 3);
    assert!(logins.iter().all(|e| e.status == EmployeeStatus::Active));
}

#[test]
fn clients_and_corporate_groups() {
    let data = demo();
    assert_eq!(data.clients.len(), 5000);
    let position: HashMap<ClientId, usize> = data.clients.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut children: HashMap<ClientId, usize> = HashMap::new();
    for (i, c) in data.clients.iter().enumerate() {
        if let Some(parent) = c.parent_id {
            assert!(position[&parent] < i, "parent after child");
            assert!(data.clients[position[&parent]].parent_id.is_none(), "groups are one level deep");
            *children.entry(parent).or_default() += 1;
        }
    }
    assert_eq!(children.len(), 50);
    assert!(children.values().all(|n| (1..=7).contains(n)), "groups of 2 to 8 companies");
    let tier = |t| count(&data.clients, |c: &Client| c.tier == t) as f64 / 5000.0;
    assert!((0.07..0.15).contains(&tier(Tier::Key)), "key {}", tier(Tier::Key));
    assert!((0.4..0.6).contains(&tier(Tier::Regular)), "regular {}", tier(Tier::Regular));
    assert!((0.3..0.5).contains(&tier(Tier::Small)), "small {}", tier(Tier::Small));
    let segments: HashSet<_> = data.clients.iter().map(|c| c.segment.clone()).collect();
    let regions: HashSet<_> = data.clients.iter().map(|c| c.region.clone()).collect();
    assert!(segments.len() >= 5 && regions.len() >= 5);
    let archived = count(&data.clients, |c: &Client| c.status == ClientStatus::Archived);
    assert!((20..250).contains(&archived), "archived {archived}");
    let names: HashSet<&str> = data.clients.iter().map(|c| c.name.as_str()).collect();
    assert!(names.len() > 3300, "names should vary: {} distinct", names.len());
}

#[test]
fn clients_pass_their_own_checks() {
    let data = demo();
    let mut legal_ids = HashSet::new();
    for c in &data.clients {
        let new = NewClient {
            name: c.name.clone(),
            legal_id: c.legal_id.clone(),
            parent_id: c.parent_id,
            segment: c.segment.clone(),
            region: c.region.clone(),
            tier: Some(c.tier),
            potential_minor: Some(c.potential_minor),
            currency: Some(c.currency.clone()),
            address: c.address.clone(),
            language: Some(c.language),
            channels: c.channels.clone(),
        };
        let checked = new.into_client(c.created_at).expect("valid client");
        assert_eq!((&checked.name, &checked.legal_id, &checked.channels), (&c.name, &c.legal_id, &c.channels));
        if let Some(id) = &c.legal_id {
            assert_eq!(check_legal_id(id), Ok(()), "{id}");
            assert!(legal_ids.insert(id.clone()), "duplicate legal id {id}");
        }
        let (lo, hi) = match c.tier {
            Tier::Small => (10_000_000, 100_000_000),
            Tier::Regular => (100_000_000, 1_000_000_000),
            Tier::Key => (1_000_000_000, 10_000_000_000),
        };
        assert!((lo..=hi).contains(&c.potential_minor), "{} {:?}", c.potential_minor, c.tier);
        assert!(c.created_at.date() <= TODAY && c.updated_at >= c.created_at);
    }
    let without = 5000 - legal_ids.len();
    assert!((100..400).contains(&without), "{without} clients without a legal id");
}

#[test]
fn contacts_pass_their_own_checks() {
    let data = demo();
    let mut per_client: HashMap<ClientId, (usize, usize)> = HashMap::new();
    for c in &data.contacts {
        let new = NewContact {
            client_id: c.client_id,
            name: c.name.clone(),
            position: c.position.clone(),
            function: None,
            phones: c.phones.clone(),
            emails: c.emails.clone(),
            channels: c.channels.clone(),
            decision_maker: c.decision_maker,
            consent: c.consent,
            level: None,
        };
        let checked = new.into_contact(c.created_at).expect("valid contact");
        assert_eq!((&checked.phones, &checked.emails), (&c.phones, &c.emails));
        assert_eq!(checked.function, c.function, "the demo's function is the one its position suggests");
        assert!(!c.phones.is_empty());
        assert!(c.emails.iter().all(|e| is_email(e)), "{:?}", c.emails);
        assert_eq!(c.verified_at.is_some(), c.verified_by.is_some());
        assert!(c.verified_at.is_none_or(|v| v >= c.created_at && v.date() <= TODAY));
        let entry = per_client.entry(c.client_id).or_default();
        entry.0 += 1;
        entry.1 += usize::from(c.decision_maker);
    }
    assert_eq!(per_client.len(), 5000);
    assert!(per_client.values().all(|(n, dm)| (1..=4).contains(n) && *dm <= 1));
    let with_boss = per_client.values().filter(|(_, dm)| *dm == 1).count();
    assert!(with_boss > 4000, "{with_boss} clients with a decision maker");
    let share = |f: fn(&Contact) -> bool| count(&data.contacts, f) as f64 / data.contacts.len() as f64;
    assert!((0.5..0.7).contains(&share(|c| c.consent)));
    assert!((0.2..0.4).contains(&share(|c| c.verified_at.is_some())));
}

#[test]
fn holding_history_keeps_its_invariants() {
    let data = demo();
    let employees: HashMap<EmployeeId, &Employee> = data.employees.iter().map(|e| (e.id, e)).collect();
    let heads: HashSet<EmployeeId> = data.teams.iter().filter_map(|t| t.head_id).collect();
    let spans = spans_by_client(data);
    for list in spans.values() {
        let mut list = list.clone();
        list.sort_by_key(|a| a.started_on);
        assert!(count(&list, |a| a.ended_on.is_none()) <= 1);
        for pair in list.windows(2) {
            assert!(pair[0].ended_on.is_some_and(|end| end <= pair[1].started_on), "spans overlap");
        }
    }
    let mut open_development: HashMap<EmployeeId, i64> = HashMap::new();
    for a in &data.assignments {
        assert!(a.started_on <= TODAY && a.ended_on.is_none_or(|e| a.started_on < e && e <= TODAY));
        assert_eq!(a.ended_on.is_some(), a.end_reason.is_some());
        assert_eq!(employees[&a.employee_id].role, Role::Rep);
        assert!(a.decided_by.is_none_or(|d| heads.contains(&d)));
        assert!(!a.explanation.trim().is_empty());
        let new = NewAssignment {
            employee_id: a.employee_id,
            kind: a.kind,
            started_on: a.started_on,
            due_on: a.due_on,
            explanation: a.explanation.clone(),
        };
        new.into_assignment(a.client_id, a.decided_by, a.created_at).expect("valid assignment");
        if a.kind == AssignmentKind::Development && a.ended_on.is_none() {
            *open_development.entry(a.employee_id).or_default() += 1;
        }
    }
    for (rep, open) in open_development {
        assert!(open <= employees[&rep].capacity, "{} over capacity", employees[&rep].email);
    }
    let active: Vec<&Client> = data.clients.iter().filter(|c| c.status == ClientStatus::Active).collect();
    let unheld = active.iter().filter(|c| holder_on(&spans, c.id, TODAY).is_none()).count();
    let share = unheld as f64 / active.len() as f64;
    assert!((0.05..0.12).contains(&share), "unheld share {share}");
    for c in data.clients.iter().filter(|c| c.status == ClientStatus::Archived) {
        assert!(holder_on(&spans, c.id, TODAY).is_none(), "archived clients are not held");
    }
}

#[test]
fn deals_are_credited_to_the_holder_at_close() {
    let data = demo();
    let spans = spans_by_client(data);
    for d in &data.deals {
        let new = NewDeal {
            client_id: d.client_id,
            title: d.title.clone(),
            stage: Some(d.stage),
            amount_minor: d.amount_minor,
            currency: Some(d.currency.clone()),
            opened_on: d.opened_on,
            closed_on: d.closed_on,
            owner_id: None,
            credited_to: d.credited_to,
            phase: None,
            expected_close_on: None,
            next_step: None,
        };
        new.into_deal(d.created_at).expect("valid deal");
        assert!(d.amount_minor > 0 && d.opened_on <= TODAY);
        match d.stage {
            DealStage::Open => assert!(d.closed_on.is_none() && d.credited_to.is_none()),
            DealStage::Won => {
                let closed = d.closed_on.expect("closed");
                assert!(d.opened_on <= closed && closed <= TODAY);
                assert_eq!(d.credited_to, holder_on(&spans, d.client_id, closed), "{}", d.title);
                assert!(d.credited_to.is_some());
            }
            DealStage::Lost => assert!(d.closed_on.is_some_and(|c| d.opened_on <= c && c <= TODAY)),
        }
    }
    for stage in DealStage::ALL {
        assert!(count(&data.deals, |d| d.stage == *stage) > 100, "{stage} deals");
    }
}

#[test]
fn activities_are_written_by_the_holder_of_the_day() {
    let data = demo();
    let spans = spans_by_client(data);
    let mut contacts: HashMap<ClientId, HashSet<_>> = HashMap::new();
    for c in &data.contacts {
        contacts.entry(c.client_id).or_default().insert(c.id);
    }
    for a in &data.activities {
        let day = a.occurred_at.date();
        assert!(day <= TODAY);
        assert_eq!(a.author_id, holder_on(&spans, a.client_id, day), "{}", a.text);
        assert!(a.contact_ids.iter().all(|id| contacts[&a.client_id].contains(id)));
        let new = NewActivity {
            checklist: None,
            client_id: a.client_id,
            kind: a.kind,
            occurred_at: Some(a.occurred_at),
            contact_ids: a.contact_ids.clone(),
            participant_ids: a.participant_ids.clone(),
            outcome: a.outcome.clone(),
            text: a.text.clone(),
            next_step: None,
        };
        new.into_activity(a.author_id, a.created_at).expect("valid activity");
    }
    assert!((45_000..80_000).contains(&data.activities.len()), "{} activities", data.activities.len());
}

#[test]
fn receivables_follow_won_deals() {
    let data = demo();
    let won = count(&data.deals, |d| d.stage == DealStage::Won);
    assert_eq!(data.receivables.len(), won);
    let mut numbers = HashSet::new();
    for r in &data.receivables {
        let new = NewReceivable {
            client_id: r.client_id,
            number: r.number.clone(),
            amount_minor: r.amount_minor,
            currency: Some(r.currency.clone()),
            issued_on: r.issued_on,
            due_on: r.due_on,
            paid_on: r.paid_on,
        };
        new.into_receivable().expect("valid invoice");
        assert!(r.issued_on <= TODAY && r.paid_on.is_none_or(|p| p <= TODAY));
        assert!(numbers.insert(r.number.clone()));
    }
    let paid = count(&data.receivables, |r| r.paid_on.is_some());
    let overdue = count(&data.receivables, |r| r.overdue_on(TODAY));
    let open = count(&data.receivables, |r| r.paid_on.is_none() && !r.overdue_on(TODAY));
    assert!(paid as f64 > 0.85 * won as f64);
    assert!(overdue > 50 && open > 50, "overdue {overdue}, open {open}");
}

#[test]
fn account_seats_match_the_department() {
    let data = demo();
    let employees: HashMap<EmployeeId, &Employee> = data.employees.iter().map(|e| (e.id, e)).collect();
    let mut seats = HashSet::new();
    for m in &data.account_members {
        let e = employees[&m.employee_id];
        assert_eq!((e.role, e.department), (Role::Staff, Some(m.department)));
        assert_eq!(e.name, m.employee_name);
        assert!(m.since.date() <= TODAY);
        assert!(seats.insert((m.client_id, m.department)), "one person per seat");
    }
    let clients: HashSet<ClientId> = data.account_members.iter().map(|m| m.client_id).collect();
    let share = clients.len() as f64 / 5000.0;
    assert!((0.3..0.5).contains(&share), "{share} of clients have an account team");
}

#[test]
fn the_rules_have_material() {
    let data = demo();
    let year_ago = TODAY - Duration::days(365);
    let mut last_win: HashMap<ClientId, Date> = HashMap::new();
    for d in data.deals.iter().filter(|d| d.stage == DealStage::Won) {
        let closed = d.closed_on.expect("closed");
        let e = last_win.entry(d.client_id).or_insert(closed);
        *e = (*e).max(closed);
    }
    let open: Vec<&Assignment> = data.assignments.iter().filter(|a| a.ended_on.is_none()).collect();
    let developing: Vec<&&Assignment> = open.iter().filter(|a| a.kind == AssignmentKind::Development).collect();
    let stale = developing
        .iter()
        .filter(|a| a.due_on.is_some_and(|due| due < TODAY - Duration::days(60)))
        .filter(|a| last_win.get(&a.client_id).is_none_or(|w| *w < a.started_on))
        .count();
    let share = stale as f64 / developing.len() as f64;
    assert!((0.1..0.25).contains(&share), "{stale} of {} developments long past due without a sale", developing.len());

    let held_customers: Vec<&&Assignment> = open.iter().filter(|a| last_win.contains_key(&a.client_id)).collect();
    let lapsed = held_customers.iter().filter(|a| last_win[&a.client_id] < year_ago).count();
    let share = lapsed as f64 / held_customers.len() as f64;
    assert!((0.06..0.2).contains(&share), "{lapsed} of {} held customers lapsed", held_customers.len());

    let mut last_touch: HashMap<ClientId, Date> = HashMap::new();
    for a in data.activities.iter().filter(|a| a.author_id.is_some()) {
        let e = last_touch.entry(a.client_id).or_insert(a.occurred_at.date());
        *e = (*e).max(a.occurred_at.date());
    }
    let half_year = TODAY - Duration::days(180);
    let silent = open.iter().filter(|a| last_touch.get(&a.client_id).is_none_or(|d| *d < half_year)).count();
    assert!(silent > 100, "{silent} held clients untouched for six months");

    let concentrated = concentrated_reps(data);
    assert!(concentrated >= 2);
    eprintln!(
        "{stale} of {} developments long past due without a sale; {lapsed} of {} held customers lapsed; \
         {silent} held clients untouched for six months; {concentrated} reps living off three clients",
        developing.len(),
        held_customers.len()
    );
}

#[test]
fn nothing_happens_to_a_client_before_it_exists() {
    let data = demo();
    let created: HashMap<ClientId, Date> = data.clients.iter().map(|c| (c.id, c.created_at.date())).collect();
    assert!(data.assignments.iter().all(|a| created[&a.client_id] <= a.started_on));
    assert!(data.deals.iter().all(|d| created[&d.client_id] <= d.opened_on));
    assert!(data.activities.iter().all(|a| created[&a.client_id] <= a.occurred_at.date()));
    assert!(data.contacts.iter().all(|c| created[&c.client_id] <= c.created_at.date()));
    let hired: HashMap<EmployeeId, Date> = data.employees.iter().map(|e| (e.id, e.created_at.date())).collect();
    assert!(data.assignments.iter().all(|a| hired[&a.employee_id] <= a.started_on));
}

/// Reps whose revenue over the last 12 months comes mostly (two thirds) from at most three clients.
fn concentrated_reps(data: &Dataset) -> usize {
    let year_ago = TODAY - Duration::days(365);
    let mut revenue: HashMap<EmployeeId, HashMap<ClientId, i64>> = HashMap::new();
    for d in data.deals.iter().filter(|d| d.stage == DealStage::Won && d.closed_on > Some(year_ago)) {
        let rep = d.credited_to.expect("credited");
        *revenue.entry(rep).or_default().entry(d.client_id).or_default() += d.amount_minor;
    }
    revenue
        .values()
        .filter(|by_client| {
            let mut amounts: Vec<i64> = by_client.values().copied().collect();
            amounts.sort_unstable_by(|a, b| b.cmp(a));
            let total: i64 = amounts.iter().sum();
            amounts.iter().take(3).sum::<i64>() * 3 > total * 2
        })
        .count()
}

#[test]
#[ignore = "prints the demo's counts and how long it takes; run with --ignored --nocapture"]
fn prints_counts_and_time() {
    let started = std::time::Instant::now();
    let data = generate(1, TODAY);
    eprintln!("generate(1, {TODAY}) took {:?}", started.elapsed());
    for (what, n) in data.counts() {
        eprintln!("{what:>16}: {n}");
    }
    eprintln!("concentrated reps: {}", concentrated_reps(&data));
}
