//! The planner and the sales plans in a real browser: a head previews a redistribution of his
//! team from the transfers page, reads the chart and the reasons, applies it; then reads his
//! team's sales plans and sets a rep's month with a reason.

use crate::driver::*;
use sprut_core::employee::{EmployeeStatus, Role};
use time::macros::datetime;

#[test]
fn browser_planner_and_sales_plans() {
    if !browser_available() {
        return;
    }
    let demo = serve_demo(datetime!(2026-03-02 09:00 UTC));
    let head = demo.data.employees.iter().find(|e| e.email == "head1@demo.sprut").expect("head1");
    let rep = demo
        .data
        .employees
        .iter()
        .find(|e| e.role == Role::Rep && e.status == EmployeeStatus::Active && e.team_id == head.team_id)
        .expect("a rep of his team");
    let driver = Driver::start();
    let profile = tempfile::tempdir().expect("profile dir");
    let b = Browser::open(&driver, profile.path(), &demo.app);
    let mut shots = Vec::new();
    sign_in(&b, "ru", &head.email, PASSWORD);
    b.wait_path("/my-day");

    // The planner from the transfers page: his team, ±10 %, previewed.
    b.goto("/transfers");
    b.click_and_load("#nav-planning");
    b.wait_path("/planning");
    b.click_and_load("#planning-form button[type=submit]");
    b.wait_path("/planning/");
    assert!(!b.find_all("#plan-chart rect").is_empty(), "the before/after chart is drawn");
    assert!(b.find_all("#plan-loads tbody tr").len() > 1, "every rep before and after");
    let moves = b.find_all("#plan-moves tbody tr").len();
    assert!(moves > 0, "the demo's books are uneven");
    assert!(b.text("#plan-moves tbody tr td:last-child").contains("дешевле всего"), "each move says why");
    shots.push(b.screenshot("planning-preview-ru"));
    b.click_and_load("#apply-form button[type=submit]");
    b.wait_source("Передачи по плану");
    assert_eq!(b.text("#plan-state"), "применён");
    assert!(b.find_all("#apply-form").is_empty());
    shots.push(b.screenshot("planning-applied-ru"));

    // The team's sales plans this month: the trend, every rep, and the head's month.
    b.click_and_load("nav.nav a[href='/sales-plans']");
    b.wait_path("/sales-plans");
    assert!(!b.find_all("#plan-trend polyline").is_empty(), "the trend is drawn");
    assert!(b.find_all("#sales-plans tbody tr").len() > 1);
    // The applied plan moved clients today: the changes show with their cause.
    assert!(b.source().contains("передан коллеге"), "a handover shows in the plan's changes");
    let form = format!("#rep-{} form", rep.id);
    b.script(&format!("document.querySelector('#rep-{}').open = true;", rep.id));
    b.type_into(&format!("{form} input[name=plan]"), "1 500 000");
    b.type_into(&format!("{form} input[name=reason]"), "новый склад в Твери");
    b.click_and_load(&format!("{form} button[type=submit]"));
    b.wait_source("новый склад в Твери");
    let table = b.text("#sales-plans").replace('\u{a0}', " ");
    assert!(table.contains("1 500 000 ₽") && table.contains("план руководителя"), "the head's plan shows: {table}");
    shots.push(b.screenshot("sales-plans-ru"));

    drop(b);
    drop(driver);
    for shot in shots {
        eprintln!("screenshot: {}", shot.display());
    }
}
