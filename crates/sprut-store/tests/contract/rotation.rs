//! Dead clients and rotation: a year replayed day by day, the head's decisions and their
//! refusals, weekly reports with "hopeless, then sold", and the once-a-day claim.

use crate::fixtures::*;
use sprut_core::activity::{ActivityKind, NewActivity};
use sprut_core::alert::{AlertFilter, AlertKind};
use sprut_core::assignment::{AssignmentKind, EndReason, NewAssignment};
use sprut_core::client::NewClient;
use sprut_core::deal::{DealPatch, DealStage, NewDeal};
use sprut_core::employee::{Employee, EmployeePatch, EmployeeStatus, Role};
use sprut_core::page::PageRequest;
use sprut_core::rules::day::RotationPolicy;
use sprut_core::rules::dead::{dead_clients, DeadReason, DeadSettings};
use sprut_core::rules::extension::{ExtensionReason, ExtensionRequest};
use sprut_core::rules::reports::ReportStatus;
use sprut_core::rules::store::{ClientBrief, DecisionKind, NewReport, RotationStore};
use sprut_core::rules::why::RuleWhy;
use sprut_core::scope::Scope;
use sprut_core::settings::Settings;
use sprut_core::store::prelude::*;
use sprut_core::{Actor, ClientId, CoreError, EmployeeId};
use sprut_store::Db;
use std::collections::BTreeMap;
use time::{Date, Duration};

fn policy() -> RotationPolicy {
    RotationPolicy::from_settings(&Settings::default())
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// A rep of the north team with `capacity`, set to `status`.
async fn rep(db: &Db, c: &Company, email: &str, capacity: i64, status: EmployeeStatus) -> Employee {
    let mut p = person(email, email, Role::Rep, Some(&c.north));
    p.capacity = Some(capacity);
    let e = db.create_employee(&sys(), p, None).await.unwrap();
    if status == EmployeeStatus::Active {
        return e;
    }
    let last_day = (status == EmployeeStatus::Departing).then_some(Some(JAN + days(400)));
    let patch = EmployeePatch { status: Some(status), last_day, ..EmployeePatch::default() };
    db.update_employee(&sys(), e.id, patch).await.unwrap()
}

/// A client developed by `holder` from `from` for `cycle` days; in a corporate group when `parent` is given.
async fn developed(
    db: &Db,
    name: &str,
    holder: &Employee,
    from: Date,
    cycle: i64,
    parent: Option<ClientId>,
) -> ClientId {
    let mut n = NewClient::named(name);
    n.segment = Some("Розница".into());
    n.parent_id = parent;
    let cl = db.create_client(&sys(), n, None).await.unwrap();
    let a = NewAssignment { due_on: Some(from + days(cycle)), ..develop(holder, from) };
    db.assign(&sys(), cl.id, a).await.unwrap();
    cl.id
}

fn head(c: &Company) -> Actor {
    Actor::employee(c.head_n.id, NOW)
}

/// Open development clients per rep.
async fn loads(db: &Db, clients: &[ClientId], day: Date) -> BTreeMap<EmployeeId, i64> {
    let mut out = BTreeMap::new();
    for c in clients {
        if let Some(a) = db.holder_on(&Scope::All, *c, day).await.unwrap() {
            if a.kind == AssignmentKind::Development && a.started_on <= day {
                *out.entry(a.employee_id).or_default() += 1;
            }
        }
    }
    out
}

/// A year, day by day: releases on the due date, rest, hand-outs never straight back, an
/// extension holding to its date, the corporate group's longer cycle, departing and absent
/// reps left out, capacity kept, and a dry run equal to the run.
pub async fn a_year_of_rotation(db: &Db) {
    let c = company(db).await;
    let ann = rep(db, &c, "ann@x.ru", 3, EmployeeStatus::Active).await;
    let bob = rep(db, &c, "bob@x.ru", 3, EmployeeStatus::Active).await;
    let gone = rep(db, &c, "gone@x.ru", 10, EmployeeStatus::Departing).await;
    let away = rep(db, &c, "away@x.ru", 10, EmployeeStatus::Absent).await;
    let start = JAN;
    let parent = developed(db, "Холдинг", &c.rep_n, start, 60, None).await;
    let child = developed(db, "Холдинг-Юг", &ann, start, 30, Some(parent)).await;
    let plain = developed(db, "Простой", &c.rep_n, start, 30, None).await;
    let extended = developed(db, "Бюджетник", &bob, start, 30, None).await;
    let clients = [parent, child, plain, extended];
    // Extended on day 10 to day 50 (within one cycle of 30 past the due date of day 30).
    let ext = ExtensionRequest {
        reason: ExtensionReason::BudgetPeriod,
        text: "бюджет утверждают в марте".into(),
        until: start + days(50),
    };
    db.extend(&head(&c), extended, &ext, start + days(10), &policy()).await.unwrap();
    let mut released_on: BTreeMap<ClientId, Vec<Date>> = BTreeMap::new();
    let mut handed: Vec<(ClientId, EmployeeId, Date, Date)> = Vec::new();
    for d in 0..365 {
        let today = start + days(d);
        let dry = db.rotate(&sys(), today, &policy(), true).await.unwrap();
        let plan = db.rotate(&sys(), today, &policy(), false).await.unwrap();
        assert_eq!(dry, plan, "a dry run plans exactly what the run does on {today}");
        for r in &plan.releases {
            released_on.entry(r.client_id).or_default().push(today);
        }
        for h in &plan.handouts {
            handed.push((h.client_id, h.pick.employee_id, today, h.due_on));
        }
        for (rep, load) in loads(db, &clients, today).await {
            let e = db.employee(rep).await.unwrap();
            assert!(load <= e.capacity, "{} holds {load} of {} on {today}", e.name, e.capacity);
        }
    }
    // The plain client: released on day 30, rests 45 days, handed on day 76 to someone new.
    assert_eq!(released_on[&plain][0], start + days(30));
    let first = handed.iter().find(|h| h.0 == plain).unwrap();
    assert_eq!(first.2, start + days(76));
    assert_ne!(first.1, c.rep_n.id);
    // The extension holds until its date, then the client is released.
    assert_eq!(released_on[&extended][0], start + days(50));
    // The corporate group's clients get the cycle ×1.5 (no sales: default 90 → 135 days).
    let grouped = handed.iter().find(|h| h.0 == child).unwrap();
    assert_eq!(grouped.3 - grouped.2, days(135));
    // Nobody gets a client straight back, departing and absent reps get nothing.
    for cl in clients {
        let history = db.assignments(&Scope::All, cl).await.unwrap();
        for pair in history.windows(2) {
            assert_ne!(pair[0].employee_id, pair[1].employee_id, "straight back to the same rep");
        }
        assert!(history.iter().all(|a| a.employee_id != gone.id && a.employee_id != away.id));
        assert!(history.iter().filter(|a| a.ended_on.is_some()).all(|a| a.end_reason == Some(EndReason::Released)));
    }
    // Every hand-out says why, with the rule and figures.
    let why = db.decisions(plain).await.unwrap();
    let rotate = why.iter().find(|d| d.kind == DecisionKind::Rotate).unwrap();
    assert!(rotate.decided_by.is_none() && rotate.rule.is_some());
    assert!(rotate.figures.as_ref().unwrap()["pick"]["figures"]["eligible"].as_u64().unwrap() >= 1);
    let a = db.holder_on(&Scope::All, plain, first.2).await.unwrap().unwrap();
    assert!(a.explanation.starts_with("rotation: "), "{}", a.explanation);
    // A dead scan of the head's team lists only past-due or silent clients.
    let facts = db.holding_facts(&Scope::Teams(vec![c.north.id]), start + days(364)).await.unwrap();
    assert!(!facts.is_empty());
}

/// Extensions in the past, without a reason text or beyond the limit; recalls to an unknown
/// rep, to a rep without capacity, or of a resting client: errors, and nothing changes.
pub async fn bad_decisions_change_nothing(db: &Db) {
    let c = company(db).await;
    let full = rep(db, &c, "full@x.ru", 0, EmployeeStatus::Active).await;
    let cl = developed(db, "Клиент", &c.rep_n, JAN, 30, None).await;
    let today = JAN + days(10);
    let h = head(&c);
    let req =
        |text: &str, until: Date| ExtensionRequest { reason: ExtensionReason::Seasonality, text: text.into(), until };
    let field = |r: Result<_, CoreError>| match r {
        Err(CoreError::Validation(f)) => f.iter().map(|e| e.field.clone()).collect::<Vec<_>>(),
        other => panic!("expected a validation error, got {other:?}"),
    };
    assert_eq!(field(db.extend(&h, cl, &req("сезон", JAN), today, &policy()).await), ["until"]);
    assert_eq!(field(db.extend(&h, cl, &req(" ", JAN + days(40)), today, &policy()).await), ["text"]);
    assert_eq!(field(db.extend(&h, cl, &req("сезон", JAN + days(61)), today, &policy()).await), ["until"]);
    assert_eq!(field(db.recall(&h, cl, Some(EmployeeId::new()), "нет", today, &policy()).await), ["to"]);
    assert_eq!(field(db.recall(&h, cl, Some(full.id), "нет", today, &policy()).await), ["to"]);
    assert_eq!(field(db.recall(&h, cl, None, "  ", today, &policy()).await), ["reason"]);
    assert!(db.decisions(cl).await.unwrap().is_empty());
    assert_eq!(db.assignments(&Scope::All, cl).await.unwrap().len(), 1);
    // Recalled straight to another rep: the new holding keeps the head's reason and the
    // development's length as data.
    let moved = developed(db, "Другой", &c.rep_n, JAN, 30, None).await;
    db.recall(&h, moved, Some(c.rep_s.id), "не звонит", today, &policy()).await.unwrap();
    let held = db.assignments(&Scope::All, moved).await.unwrap();
    assert!(
        matches!(&held[1].why, Some(RuleWhy::Recalled { reason, .. }) if reason == "не звонит"),
        "{:?}",
        held[1].why
    );
    // A client a rep enters himself is one he found.
    let found = NewClient::named("Находка");
    let start = NewAssignment { explanation: "found by the rep".into(), ..develop(&c.rep_n, today) };
    let created = db.create_client(&Actor::employee(c.rep_n.id, NOW), found, Some(start)).await.unwrap();
    let held = db.assignments(&Scope::All, created.id).await.unwrap();
    assert_eq!(held[0].why, Some(RuleWhy::FoundByRep));
    // To rest, then a second recall is refused: it is already resting.
    db.recall(&h, cl, None, "не работает", today, &policy()).await.unwrap();
    match db.recall(&h, cl, None, "ещё раз", today, &policy()).await {
        Err(CoreError::Conflict(m)) => assert!(m.to_string().contains("already resting until"), "{m}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(matches!(
        db.extend(&h, cl, &req("x", JAN + days(40)), today, &policy()).await,
        Err(CoreError::Conflict(_))
    ));
    assert_eq!(db.decisions(cl).await.unwrap().len(), 1);
    // Archive ends the rest; the archived client never rotates.
    db.archive(&h, cl, "ликвидирован", today).await.unwrap();
    let plan = db.rotate(&sys(), today + days(100), &policy(), false).await.unwrap();
    assert!(plan.handouts.is_empty());
}

/// Weekly reports, missing ones, and an alert when a client reported hopeless is sold later.
pub async fn reports_and_hopeless_then_sold(db: &Db) {
    let c = company(db).await;
    let ann = rep(db, &c, "ann@x.ru", 3, EmployeeStatus::Active).await;
    let cl = developed(db, "Клиент", &c.rep_n, JAN, 90, None).await;
    let today = JAN + days(20);
    let me = Actor::employee(c.rep_n.id, NOW);
    let report = |status, until| NewReport {
        client_id: cl,
        week: JAN + days(14),
        status,
        postponed_until: until,
        text: "звонил, не берут трубку".into(),
        next_step: "письмо директору".into(),
    };
    let bad = db.write_report(&me, c.rep_n.id, &report(ReportStatus::Postponed, None), today).await;
    assert!(matches!(bad, Err(CoreError::Validation(_))));
    let (as_ann, working) = (Actor::employee(ann.id, NOW), report(ReportStatus::Working, None));
    let other = db.write_report(&as_ann, ann.id, &working, today).await;
    assert!(matches!(other, Err(CoreError::NotFound(_))), "not the holder");
    db.write_report(&me, c.rep_n.id, &report(ReportStatus::Working, None), today).await.unwrap();
    db.write_report(&me, c.rep_n.id, &report(ReportStatus::Hopeless, None), today).await.unwrap();
    let reports = db.reports(cl).await.unwrap();
    assert_eq!(reports.len(), 1, "a second report of the week replaces the first");
    assert_eq!(reports[0].report.status, ReportStatus::Hopeless);
    let (held, written) = db.report_facts(&Scope::Teams(vec![c.north.id]), JAN).await.unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(written.len(), 1);
    // The head recalls it straight to Ann, who sells.
    db.recall(&head(&c), cl, Some(ann.id), "безнадёжен у Виктора", today, &policy()).await.unwrap();
    let won_on = today + days(10);
    let deal = NewDeal {
        client_id: cl,
        title: "Поставка".into(),
        stage: Some(DealStage::Won),
        amount_minor: 100_000,
        currency: None,
        opened_on: today,
        closed_on: Some(won_on),
        owner_id: None,
        credited_to: Some(ann.id),
        phase: None,
        expected_close_on: None,
        next_step: None,
    };
    // The alert comes with the sale itself (an open deal marked won); the day's rotation
    // does not raise it again.
    let open = db
        .create_deal(&sys(), NewDeal { stage: Some(DealStage::Open), closed_on: None, ..deal }, sys().today())
        .await
        .unwrap();
    let filter = AlertFilter { kind: Some(AlertKind::HopelessThenSold), ..AlertFilter::default() };
    assert!(db.alerts(&filter, None, &PageRequest::default()).await.unwrap().items.is_empty(), "not sold yet");
    let won = DealPatch { stage: Some(DealStage::Won), closed_on: Some(Some(won_on)), ..DealPatch::default() };
    db.update_deal(&sys(), open.id, won, sys().today()).await.unwrap();
    let alerts = db.alerts(&filter, None, &PageRequest::default()).await.unwrap();
    assert_eq!(alerts.items.len(), 1);
    assert_eq!(alerts.items[0].employee_id, Some(c.rep_n.id));
    db.rotate(&sys(), won_on, &policy(), false).await.unwrap();
    assert_eq!(db.alerts(&filter, None, &PageRequest::default()).await.unwrap().items.len(), 1);
    // Run again: still one alert. Ann's development converted into an account.
    db.rotate(&sys(), won_on + days(1), &policy(), false).await.unwrap();
    assert_eq!(db.alerts(&filter, None, &PageRequest::default()).await.unwrap().items.len(), 1);
    assert_eq!(db.holder_on(&Scope::All, cl, won_on + days(1)).await.unwrap().unwrap().kind, AssignmentKind::Account);
    let (periods, hopeless) = db.scorecard_facts(c.rep_n.id).await.unwrap();
    assert_eq!((periods.len(), hopeless), (1, 1));
}

/// The store's narrowed dead-client candidates give exactly the dead clients the rules find
/// over every holding: developments past due or extended, a sale turning one into an account
/// that later lapses, an old customer, silence and activity, under several limits, over a year.
pub async fn dead_candidates_are_the_dead_ones(db: &Db) {
    let c = company(db).await;
    let due = developed(db, "Срок", &c.rep_n, JAN, 30, None).await;
    let extended = developed(db, "Продлён", &c.rep_n, JAN, 30, None).await;
    let sold = developed(db, "Продажа", &c.rep_n, JAN, 200, None).await;
    let talked = developed(db, "Звонки", &c.rep_n, JAN, 400, None).await;
    let old = client(db, "Старый клиент", "Розница").await;
    let account = NewAssignment { kind: AssignmentKind::Account, due_on: None, ..develop(&c.rep_n, JAN) };
    db.assign(&sys(), old.id, account).await.unwrap();
    let ext =
        ExtensionRequest { reason: ExtensionReason::BudgetPeriod, text: "бюджет".into(), until: JAN + days(50) };
    db.extend(&head(&c), extended, &ext, JAN + days(10), &policy()).await.unwrap();
    for (cl, opened, won) in [(sold, JAN + days(20), JAN + days(40)), (old.id, JAN - days(300), JAN - days(200))] {
        let deal = NewDeal {
            client_id: cl,
            title: "Поставка".into(),
            stage: Some(DealStage::Won),
            amount_minor: 1,
            currency: None,
            opened_on: opened,
            closed_on: Some(won),
            owner_id: None,
            credited_to: Some(c.rep_n.id),
            phase: None,
            expected_close_on: None,
            next_step: None,
        };
        db.create_deal(&sys(), deal, sys().today()).await.unwrap();
    }
    for d in [5, 70, 150] {
        let at = (JAN + days(d)).midnight().assume_utc() + Duration::hours(15);
        let act = NewActivity {
            checklist: None,
            client_id: talked,
            kind: ActivityKind::Call,
            occurred_at: Some(at),
            contact_ids: vec![],
            outcome: None,
            text: "звонок".into(),
            participant_ids: vec![],
            next_step: None,
        };
        db.create_activity(&sys(), act, NOW.date()).await.unwrap();
    }
    let day41 = db.rotate(&sys(), JAN + days(41), &policy(), false).await.unwrap();
    assert_eq!(day41.releases.iter().map(|r| r.client_id).collect::<Vec<_>>(), [due]);
    assert_eq!(day41.conversions.iter().map(|r| r.client_id).collect::<Vec<_>>(), [sold]);
    let limit = |no_activity_days, lapse_days| DeadSettings { no_activity_days, lapse_days };
    let limits = [policy().dead, limit(20, 100), limit(i64::MAX, 100), limit(20, i64::MAX), limit(i64::MAX, i64::MAX)];
    let mut rules = std::collections::BTreeSet::new();
    for d in (0..400).step_by(3) {
        let today = JAN + days(d);
        for s in &limits {
            for scope in [Scope::All, Scope::HeldBy(c.rep_n.id), Scope::Teams(vec![c.south.id])] {
                let all = dead_clients(&db.holding_facts(&scope, today).await.unwrap(), today, s);
                let narrowed = dead_clients(&db.dead_candidates(&scope, today, s).await.unwrap(), today, s);
                assert_eq!(narrowed, all, "on {today} with {s:?} in {scope:?}");
                rules.extend(all.iter().flat_map(|x| x.reasons.iter().map(|r| r.rule())));
            }
        }
    }
    assert_eq!(rules.into_iter().collect::<Vec<_>>(), ["lapsed", "no_activity", "past_due"]);
    // An outline is the brief without its won deals and weekly report, which a page reads for
    // the clients it shows.
    let ids = [due, extended, sold, talked, old.id];
    let briefs = db.client_briefs(&ids).await.unwrap();
    assert!(briefs.iter().any(|b| b.won_deals > 0), "the full brief counts the sales");
    let stripped: Vec<ClientBrief> = briefs
        .into_iter()
        .map(|b| ClientBrief { won_deals: 0, last_report_week: None, last_report_status: None, ..b })
        .collect();
    assert_eq!(db.client_outlines(&ids).await.unwrap(), stripped);
}

/// The daily job claims its day once, even when two runners race.
pub async fn daily_rotation_runs_once(db: &Db) {
    let c = company(db).await;
    let client = developed(db, "Клиент", &c.rep_n, JAN, 30, None).await;
    let day = JAN + days(30);
    let (actor, p) = (sys(), policy());
    let (a, b) = tokio::join!(db.rotate_daily(&actor, day, &p), db.rotate_daily(&actor, day, &p));
    let runs: Vec<_> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
    assert_eq!(runs.len(), 1, "exactly one runner rotates the day");
    assert_eq!(runs[0].releases.len(), 1);
    // The release keeps its rule and figures as data beside the English line.
    let released = &db.assignments(&Scope::All, client).await.unwrap()[0];
    let until = runs[0].releases[0].rest_until;
    assert!(
        matches!(&released.end_why, Some(RuleWhy::Released { until: u, reason: DeadReason::PastDue { .. } }) if *u == until),
        "{released:?}"
    );
    assert!(released.end_explanation.as_deref().is_some_and(|e| e.starts_with("released to rest")));
    let decided = db.decisions(client).await.unwrap();
    assert_eq!(decided.last().and_then(|d| d.why.clone()), released.end_why, "the decision says the same");
    assert!(db.rotate_daily(&sys(), day, &policy()).await.unwrap().is_none());
    assert!(db.rotate_daily(&sys(), day + days(1), &policy()).await.unwrap().is_some());
}

/// The sales-cycle samples the store reads, against a hand-computed fixture: won deals, an
/// open deal (censored), a development period that ended in a sale and one released without.
pub async fn cycle_samples_match_a_hand_computed_fixture(db: &Db) {
    use sprut_core::assignment::EndAssignment;
    use sprut_core::rules::cycle::CycleTable;
    let c = company(db).await;
    let x = client(db, "Икс", "Розница").await;
    let y = db.create_client(&sys(), NewClient::named("Игрек"), None).await.unwrap();
    let deal = |client, stage, opened: i64, closed: Option<i64>| NewDeal {
        client_id: client,
        title: "Сделка".into(),
        stage: Some(stage),
        amount_minor: 100,
        currency: None,
        opened_on: JAN + days(opened),
        closed_on: closed.map(|d| JAN + days(d)),
        owner_id: None,
        credited_to: None,
        phase: None,
        expected_close_on: None,
        next_step: None,
    };
    db.create_deal(&sys(), deal(x.id, DealStage::Won, 0, Some(30)), sys().today()).await.unwrap(); // won after 30 days
    db.create_deal(&sys(), deal(x.id, DealStage::Lost, 0, Some(10)), sys().today()).await.unwrap(); // lost: no sample
    db.create_deal(&sys(), deal(x.id, DealStage::Open, 0, None), sys().today()).await.unwrap(); // open: censored at 100
    let dev = NewAssignment { due_on: Some(JAN + days(130)), ..develop(&c.rep_n, JAN + days(40)) };
    db.assign(&sys(), x.id, dev).await.unwrap();
    db.create_deal(&sys(), deal(x.id, DealStage::Won, 45, Some(60)), sys().today()).await.unwrap(); // deal 15; period 20
    db.assign(&sys(), y.id, develop(&c.rep_s, JAN)).await.unwrap();
    let end = EndAssignment { ended_on: JAN + days(50), reason: EndReason::Released, explanation: "x".into() };
    db.end_assignment(&sys(), y.id, end).await.unwrap(); // censored at 50, no segment
    let mut got: Vec<_> = db
        .cycle_samples(JAN + days(100))
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.segment, s.days, s.won, s.count))
        .collect();
    got.sort();
    let r = || Some("Розница".to_string());
    assert_eq!(
        got,
        [(None, 50, false, 1), (r(), 15, true, 1), (r(), 20, true, 1), (r(), 30, true, 1), (r(), 100, false, 1)]
    );
    let t = CycleTable::build(&db.cycle_samples(JAN + days(100)).await.unwrap());
    let retail = &t.segments["Розница"];
    assert_eq!((retail.n, retail.censored, retail.median, retail.km_median), (3, 1, Some(20.0), Some(20)));
    assert!((retail.mean.unwrap() - 65.0 / 3.0).abs() < 1e-9);
}

/// The day's cycle is kept until a deal's cycle inputs or a client's segment change: an
/// amount does not move it, a win and a new segment do, and the table read afterwards is the
/// one computed from scratch.
pub async fn the_cycle_is_kept_until_its_inputs_change(db: &Db) {
    use sprut_core::client::ClientPatch;
    use sprut_core::rules::cycle::CycleTable;
    let _ = company(db).await;
    let x = client(db, "Икс", "Розница").await;
    let day = JAN + days(100);
    let deal = |stage, closed: Option<i64>| NewDeal {
        client_id: x.id,
        title: "Сделка".into(),
        stage: Some(stage),
        amount_minor: 100,
        currency: None,
        opened_on: JAN,
        closed_on: closed.map(|d| JAN + days(d)),
        owner_id: None,
        credited_to: None,
        phase: None,
        expected_close_on: None,
        next_step: None,
    };
    db.create_deal(&sys(), deal(DealStage::Won, Some(30)), sys().today()).await.unwrap();
    let open = db.create_deal(&sys(), deal(DealStage::Open, None), sys().today()).await.unwrap();
    assert!(!db.cycle_is_kept(day).await.unwrap());
    let first = CycleTable::build(&db.cycle_samples(day).await.unwrap());
    assert!(db.cycle_is_kept(day).await.unwrap(), "the first reading keeps the day");
    assert_eq!(first.segments["Розница"].n, 1);

    let amount = DealPatch { amount_minor: Some(500), title: Some("Другая".into()), ..DealPatch::default() };
    db.update_deal(&sys(), open.id, amount, sys().today()).await.unwrap();
    assert!(db.cycle_is_kept(day).await.unwrap(), "an amount or a title is not a cycle input");

    let won = DealPatch { stage: Some(DealStage::Won), closed_on: Some(Some(JAN + days(50))), ..DealPatch::default() };
    db.update_deal(&sys(), open.id, won, sys().today()).await.unwrap();
    assert!(!db.cycle_is_kept(day).await.unwrap(), "a won deal moves the cycle");
    let second = CycleTable::build(&db.cycle_samples(day).await.unwrap());
    assert_eq!((second.segments["Розница"].n, second.segments["Розница"].median), (2, Some(40.0)));

    let segment = ClientPatch { segment: Some(Some("Опт".into())), ..ClientPatch::default() };
    db.update_client(&sys(), x.id, segment).await.unwrap();
    assert!(!db.cycle_is_kept(day).await.unwrap(), "a new segment moves the cycle");
    let third = CycleTable::build(&db.cycle_samples(day).await.unwrap());
    assert!(!third.segments.contains_key("Розница"));
    assert_eq!(third.segments["Опт"].n, 2);
}
