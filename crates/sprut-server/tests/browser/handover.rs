//! The guards and the handover in a real browser: a head arranges a transfer in the wizard
//! and works a checklist step, starts a leaver's playbook and reads alerts and the transfer
//! report; an auditor checks the audit chain and reads the export log.

use crate::driver::*;
use sprut_core::employee::{EmployeeStatus, Role};
use time::macros::datetime;

#[test]
fn browser_handover_and_guards() {
    if !browser_available() {
        return;
    }
    let now = datetime!(2026-03-02 09:00 UTC);
    let demo = serve_demo(now);
    let head = demo.data.employees.iter().find(|e| e.email == "head1@demo.sprut").expect("head1");
    let team_reps: Vec<_> = demo
        .data
        .employees
        .iter()
        .filter(|e| e.role == Role::Rep && e.status == EmployeeStatus::Active && e.team_id == head.team_id)
        .collect();
    let (giver, receiver, leaver) = (team_reps[0], team_reps[1], team_reps[2]);

    let driver = Driver::start();
    let profile = tempfile::tempdir().expect("profile dir");
    let b = Browser::open(&driver, profile.path(), &demo.app);
    let mut shots = Vec::new();

    sign_in(&b, "ru", &head.email, PASSWORD);
    // A head starts on "my day"; the client list is one click away.
    b.wait_path("/my-day");
    b.goto("/clients");
    if b.source().contains("aria-pressed=\"true\">EN") {
        b.click("form.lang-switch button[value=ru]");
        b.wait_source("Держатель");
    }

    // The transfer wizard: the giver, two of his clients, the receiver, today.
    b.goto("/transfers");
    b.click("#new-transfer");
    b.wait_path("/transfers/new");
    b.click(&format!("#w-from option[value='{}']", giver.id));
    b.click("form.filters button[type=submit]");
    b.wait_path(&format!("/transfers/new?from={}", giver.id));
    let boxes = b.find_all("#transfer-form input[name=client]");
    assert!(boxes.len() >= 2, "the giver's clients are offered");
    b.click("#transfer-form .check-list label:nth-child(1) input");
    b.click("#transfer-form .check-list label:nth-child(2) input");
    b.click(&format!("#transfer-form select[name=to] option[value='{}']", receiver.id));
    shots.push(b.screenshot("transfer-wizard-ru"));
    b.click("#transfer-form button[type=submit]");
    b.wait_source("transfer-state");
    assert!(b.text("#transfer-state").contains("идёт передача"), "handed over today");
    assert_eq!(b.find_all("ol.checklist").len(), 2);
    // The joint visit happened: the step is ticked (one more step done than before; other
    // steps may be done already, so the old page must not pass for the new one).
    let done = b.find_all("ol.checklist li.done").len();
    b.click("ol.checklist form:has(input[value=visit_done]) button");
    b.wait_count("ol.checklist li.done", done + 1);
    shots.push(b.screenshot("transfer-ru"));

    // A leaver's playbook from the employee list.
    b.goto("/employees");
    let form = format!("form[action='/employees/{}/offboard']", leaver.id);
    // The playbook sits in the row's departure menu; open it, then fill the date.
    b.script(&format!("document.querySelector(\"{form}\").closest('details').open = true;"));
    b.script(&format!("document.querySelector(\"{form} input[name=last_day]\").value = '2026-03-20';"));
    b.click(&format!("{form} button[type=submit]"));
    b.wait_path("/offboardings/");
    assert!(!b.find_all("#plan tbody tr").is_empty(), "his book is planned");
    assert!(b.text("#progress").contains("Получатель выбран"));
    // One retention offer for every client at risk at once.
    let at_risk = b.find_all("#plan tbody tr.at-risk input[name=client_id]");
    assert!(!at_risk.is_empty(), "the leaver has clients at risk");
    shots.push(b.screenshot("offboarding-plan-ru"));
    b.script(
        "document.querySelectorAll('#plan tbody tr.at-risk input[name=client_id]').forEach(c => c.checked = true);",
    );
    b.type_into("#retention-bulk input[name=offer]", "скидка 5 % на квартал");
    b.type_into("#retention-bulk input[name=discount_percent]", "5");
    b.click("#retention-bulk button");
    // Wait for the new page: the offer shows in the rows (the old page has it nowhere).
    b.wait_source("скидка 5 % на квартал · −5%");
    let offers = b.texts("#plan tbody tr.at-risk td:last-child");
    assert!(offers.iter().all(|t| t.contains("скидка 5 % на квартал")), "{offers:?}");
    shots.push(b.screenshot("offboarding-ru"));
    b.click("form.lang-switch button[value=en]");
    b.wait_source("Receiver chosen");
    shots.push(b.screenshot("offboarding-en"));
    b.click("form.lang-switch button[value=ru]");
    b.wait_source("Получатель выбран");

    b.goto("/alerts");
    assert!(b.source().contains("Сигналы"));
    shots.push(b.screenshot("alerts-ru"));
    b.goto("/reports/transfers");
    assert!(!b.find_all("#transfer-chart").is_empty(), "the chart is drawn");
    // Its axis has a unit, its bars their values, and it says in words what it shows.
    let chart = b.source();
    assert!(chart.contains("тыс. ₽") && chart.contains("окно до и после даты передачи"), "axes and unit");
    assert!(!b.find_all("#transfer-chart desc").is_empty() && !b.find_all("#transfer-chart title").is_empty());
    assert!(chart.contains("перераспределение") && !chart.contains(">rebalance<"), "causes in words");
    shots.push(b.screenshot("report-ru"));
    b.click("form.sign-out button");
    b.wait_path("/login");

    // The auditor checks the chain and reads the export log.
    sign_in(&b, "ru", "auditor@demo.sprut", PASSWORD);
    b.wait_path("/clients");
    b.goto("/audit");
    b.click("#verify-chain");
    b.wait_source("chain-result");
    assert!(b.text("#chain-result").contains("Цепочка цела"), "{}", b.text("#chain-result"));
    assert!(!b.find_all("#audit tbody tr").is_empty());
    shots.push(b.screenshot("audit-ru"));
    b.goto("/exports");
    assert!(b.source().contains("Выгрузки"));
    shots.push(b.screenshot("exports-ru"));

    drop(b);
    drop(driver);
    for shot in shots {
        eprintln!("screenshot: {}", shot.display());
    }
}
