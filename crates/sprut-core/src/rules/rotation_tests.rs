//! Tests of rotation.

use super::*;
use uuid::Uuid;

fn emp(n: u128) -> EmployeeId {
    EmployeeId(Uuid::from_u128(n))
}

fn team(n: u128) -> TeamId {
    TeamId(Uuid::from_u128(1000 + n))
}

fn rep(n: u128, load: i64) -> RepLoad {
    RepLoad {
        employee_id: emp(n),
        team_id: Some(team(1)),
        region: Some("Москва".into()),
        status: EmployeeStatus::Active,
        role: Role::Rep,
        capacity: 60,
        development_load: load,
    }
}

fn client(n: u128) -> RestedClient {
    RestedClient {
        client_id: ClientId(Uuid::from_u128(n)),
        region: Some("Москва".into()),
        team_id: Some(team(1)),
        last_holder: None,
        past_holders: vec![],
        potential_minor: 0,
    }
}

fn chosen(r: &Result<Pick, NoCandidate>) -> Option<EmployeeId> {
    r.as_ref().ok().map(|p| p.employee_id)
}

#[test]
fn departing_absent_and_departed_reps_get_nothing() {
    let reps = [
        RepLoad { status: EmployeeStatus::Departing, ..rep(1, 0) },
        RepLoad { status: EmployeeStatus::Absent, ..rep(2, 0) },
        RepLoad { status: EmployeeStatus::Departed, ..rep(3, 0) },
        RepLoad { role: Role::Head, ..rep(4, 0) },
        rep(5, 40),
    ];
    let p = pick(&client(1), &reps, &RotationSettings::default()).unwrap();
    assert_eq!(p.employee_id, emp(5));
    let e = p.figures.excluded;
    assert_eq!((e.departing, e.absent, e.departed, e.not_rep, e.total()), (1, 1, 1, 1, 4));
    let none = pick(&client(1), &reps[..4], &RotationSettings::default()).unwrap_err();
    assert_eq!(none.explain(), "no eligible rep among 4: 1 not in the rep role, 1 departed, 1 departing, 1 absent");
    assert_eq!(pick(&client(1), &[], &RotationSettings::default()).unwrap_err().explain(), "no reps to choose from");
}

#[test]
fn never_straight_back_to_the_last_holder() {
    let c = RestedClient { last_holder: Some(emp(1)), past_holders: vec![emp(1)], ..client(1) };
    let alone = pick(&c, &[rep(1, 0)], &RotationSettings::default()).unwrap_err();
    assert_eq!(alone.excluded.last_holder, 1);
    assert_eq!(alone.explain(), "no eligible rep among 1: 1 last holder");
    let p = pick(&c, &[rep(1, 0), rep(2, 59)], &RotationSettings::default()).unwrap();
    assert_eq!(p.employee_id, emp(2));
}

#[test]
fn never_held_is_preferred_over_less_loaded() {
    let c = RestedClient { last_holder: Some(emp(9)), past_holders: vec![emp(9), emp(1)], ..client(1) };
    let p = pick(&c, &[rep(1, 0), rep(2, 30), rep(3, 31)], &RotationSettings::default()).unwrap();
    assert_eq!((p.employee_id, p.rule), (emp(2), PickRule::NeverHeld));
    assert_eq!((p.figures.eligible, p.figures.never_held_eligible, p.figures.load), (3, 2, 30));
    assert_eq!(
        p.explain(),
        "never held this client; least development load (30 of 60) among the 2 eligible reps who never held it; \
         3 of 3 reps eligible"
    );
    // Everyone held it: the least loaded of them.
    let all = RestedClient { past_holders: vec![emp(1), emp(2), emp(3)], ..c };
    let p = pick(&all, &[rep(3, 31), rep(2, 30), rep(1, 5)], &RotationSettings::default()).unwrap();
    assert_eq!((p.employee_id, p.rule), (emp(1), PickRule::HeldBefore));
}

#[test]
fn ties_go_to_the_lowest_employee_id() {
    let p = pick(&client(1), &[rep(7, 10), rep(3, 10), rep(5, 10)], &RotationSettings::default()).unwrap();
    assert_eq!((p.employee_id, p.figures.tied), (emp(3), 3));
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["rule"], "never_held_least_loaded");
    assert_eq!(json["figures"]["excluded"]["no_capacity"], 0);
    assert!(p.explain().contains("tied with 2 more, lowest employee id first"));
}

#[test]
fn same_team_and_region_when_configured() {
    let other_team = RepLoad { team_id: Some(team(2)), ..rep(1, 0) };
    let no_team = RepLoad { team_id: None, ..rep(2, 0) };
    let far = RepLoad { region: Some("Казань".into()), ..rep(3, 1) };
    let reps = [other_team, no_team, far, rep(4, 50)];
    let strict = RotationSettings { same_team: true, same_region: true };
    let p = pick(&client(1), &reps, &strict).unwrap();
    assert_eq!(p.employee_id, emp(4));
    let e = p.figures.excluded;
    assert_eq!((e.other_team, e.other_region), (2, 1));
    assert!(p.explain().ends_with("; 1 of 4 reps eligible; excluded: 2 in another team, 1 in another region"));
    // Team only (the default): the rep in Kazan qualifies.
    assert_eq!(pick(&client(1), &reps, &RotationSettings::default()).unwrap().employee_id, emp(3));
    // Unrestricted: the least loaded of all.
    let free = RotationSettings { same_team: false, same_region: false };
    assert_eq!(pick(&client(1), &reps, &free).unwrap().employee_id, emp(1));
    // A client with no team or region is not restricted by them.
    let loose = RestedClient { team_id: None, region: None, ..client(1) };
    assert_eq!(pick(&loose, &reps, &strict).unwrap().employee_id, emp(1));
}

#[test]
fn capacity_holds_across_a_run_and_big_clients_go_first() {
    let reps = [RepLoad { capacity: 2, ..rep(1, 1) }, RepLoad { capacity: 3, ..rep(2, 2) }];
    let clients: Vec<_> = (1..=4).map(|n| RestedClient { potential_minor: n as i64 * 100, ..client(n) }).collect();
    let out = plan(&clients, &reps, &RotationSettings::default());
    let ids: Vec<_> = out.iter().map(|(c, _)| c.0.as_u128()).collect();
    assert_eq!(ids, [4, 3, 2, 1]);
    let who: Vec<_> = out.iter().map(|(_, r)| chosen(r)).collect();
    assert_eq!(who, [Some(emp(1)), Some(emp(2)), None, None]);
    let second = out[1].1.as_ref().unwrap();
    assert_eq!((second.figures.load, second.figures.capacity), (2, 3));
    let refused = out[2].1.as_ref().unwrap_err();
    assert_eq!(refused.excluded.no_capacity, 2);
    assert_eq!(refused.explain(), "no eligible rep among 2: 2 at capacity");
}

#[test]
fn the_same_input_in_any_order_gives_the_same_plan() {
    let reps: Vec<RepLoad> = (1..=12)
        .map(|n| RepLoad { team_id: Some(team(n % 2)), capacity: 3 + (n % 3) as i64, ..rep(n, (n % 4) as i64) })
        .collect();
    let clients: Vec<RestedClient> = (1..=40)
        .map(|n| RestedClient {
            team_id: Some(team(n % 2)),
            last_holder: Some(emp(n % 12 + 1)),
            past_holders: vec![emp(n % 12 + 1), emp((n * 7) % 12 + 1)],
            potential_minor: ((n * 37) % 5) as i64,
            ..client(n)
        })
        .collect();
    let settings = RotationSettings::default();
    let base = plan(&clients, &reps, &settings);
    assert!(base.iter().filter(|(_, r)| r.is_ok()).count() > 10);
    let (mut r2, mut c2) = (reps.clone(), clients.clone());
    r2.reverse();
    c2.reverse();
    c2.rotate_left(13);
    r2.rotate_left(5);
    assert_eq!(plan(&c2, &r2, &settings), base);
    // A client listed twice is placed once.
    c2.push(clients[0].clone());
    assert_eq!(plan(&c2, &r2, &settings), base);
}
