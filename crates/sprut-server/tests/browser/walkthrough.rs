//! The foundation's walkthrough: sign-in, the client list, a search and a card, in both
//! languages, as an admin and as a rep.

use crate::driver::*;
use sprut_core::assignment::Assignment;
use sprut_core::client::Client;
use sprut_core::dataset::Dataset;
use sprut_core::employee::{Employee, EmployeeStatus, Role};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use time::macros::datetime;
/// The people and clients of the demo company the test walks through.
struct Cast {
    admin: Employee,
    rep: Employee,
    /// A client the rep holds now, with a unique name.
    client: Client,
    /// A client someone else holds now.
    foreign: Client,
}

fn pick_cast(data: &Dataset, logins: &[sprut_core::EmployeeId]) -> Cast {
    let open: Vec<&Assignment> = data.assignments.iter().filter(|a| a.ended_on.is_none()).collect();
    let active = |e: &&Employee| e.status == EmployeeStatus::Active && logins.contains(&e.id);
    let admin = data.employees.iter().filter(active).find(|e| e.role == Role::Admin).expect("an admin").clone();
    let held_by = |id| open.iter().filter(|a| a.employee_id == id).count();
    let rep = data
        .employees
        .iter()
        .filter(active)
        .filter(|e| e.role == Role::Rep)
        .max_by_key(|e| (held_by(e.id), std::cmp::Reverse(e.name.clone())))
        .expect("a rep")
        .clone();
    let mut names: HashMap<&str, usize> = HashMap::new();
    for c in &data.clients {
        *names.entry(c.name.as_str()).or_default() += 1;
    }
    let spans = |c: &Client| data.assignments.iter().filter(|a| a.client_id == c.id).count();
    let by_id: HashMap<_, _> = data.clients.iter().map(|c| (c.id, c)).collect();
    let client = open
        .iter()
        .filter(|a| a.employee_id == rep.id)
        .filter_map(|a| by_id.get(&a.client_id).copied())
        .filter(|c| names[c.name.as_str()] == 1)
        .max_by_key(|c| (spans(c), c.name.clone()))
        .expect("a client held by the rep")
        .clone();
    let foreign = open
        .iter()
        .find(|a| a.employee_id != rep.id)
        .and_then(|a| by_id.get(&a.client_id).copied())
        .expect("a client held by someone else")
        .clone();
    Cast { admin, rep, client, foreign }
}

/// The CSRF token of the first form on a page.
fn csrf_in(source: &str) -> String {
    source
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF field on the page")
        .to_string()
}

#[test]
fn browser_walkthrough() {
    if !browser_available() {
        return;
    }
    let now = datetime!(2026-03-02 09:00 UTC);
    let demo = serve_demo(now);
    let cast = pick_cast(&demo.data, &demo.logins);
    let app = demo.app.clone();

    // Plain HTTP: the stylesheet is served, pages need a session.
    let css = ureq::get(&format!("{app}/assets/app.css")).call().expect("css");
    assert!(css.content_type().starts_with("text/css"));
    assert!(css.header("cache-control").is_some_and(|c| c.contains("max-age")));
    let no_redirects = ureq::AgentBuilder::new().redirects(0).build();
    let anon = no_redirects.get(&format!("{app}/clients")).call().expect("redirect");
    assert_eq!((anon.status(), anon.header("location")), (303, Some("/login")));
    match no_redirects.get(&format!("{app}/no/such/page")).call() {
        Err(ureq::Error::Status(404, r)) => assert!(r.into_string().unwrap_or_default().contains("404")),
        other => panic!("expected 404, got {:?}", other.map(|r| r.status())),
    }

    let driver = Driver::start();
    let profile = tempfile::tempdir().expect("profile dir");
    let b = Browser::open(&driver, profile.path(), &app);
    let mut shots = Vec::new();

    // Russian sign-in page; a wrong password is refused with a message.
    sign_in(&b, "ru", &cast.admin.email, "not the password");
    assert!(b.text("#sign-in-error").contains("Неверная"));
    assert!(b.source().contains("Пароль"));
    shots.push(b.screenshot("login-error-ru"));

    // Admin in Russian: the list, a search, the card.
    sign_in(&b, "ru", &cast.admin.email, PASSWORD);
    b.wait_path("/clients");
    if b.source().contains("aria-pressed=\"true\">EN") {
        b.click("form.lang-switch button[value=ru]");
        b.wait_source("Держатель");
    }
    assert!(!b.find_all("#clients tbody tr").is_empty(), "the admin sees clients");
    let src = b.source();
    assert!(src.contains("Клиенты") && src.contains("Держатель") && src.contains("Категория"));
    shots.push(b.screenshot("clients-ru"));
    if !b.find_all("#next-page").is_empty() {
        let first_page = b.texts("#clients tbody tr td.name a");
        b.click("#next-page");
        b.wait_path("/clients?after=");
        let second_page = b.texts("#clients tbody tr td.name a");
        assert!(!second_page.is_empty() && second_page.first() != first_page.first());
        b.click("#first-page");
        let deadline = Instant::now() + Duration::from_secs(10);
        while b.current_path() != "/clients" {
            assert!(Instant::now() < deadline, "the first-page link goes to /clients");
            std::thread::sleep(Duration::from_millis(100));
        }
        assert!(b.find_all("#first-page").is_empty());
        assert_eq!(b.texts("#clients tbody tr td.name a"), first_page);
    }

    // The company's settings: a refusal keeps what was typed, with each error beside its field.
    b.click("a[href='/settings']");
    b.wait_path("/settings");
    b.type_into("#s-company_name", "ООО «Спрут-Дистрибуция»");
    b.type_into("#s-time_zone", "Москва");
    b.type_into("#s-daily_record_limit", "много");
    b.click("#settings-form button[type=submit]");
    b.wait_source("settings-errors");
    assert_eq!(b.script("return document.querySelector('#s-time_zone').value;")["value"], "Москва");
    assert_eq!(b.script("return document.querySelector('#s-company_name').value;")["value"], "ООО «Спрут-Дистрибуция»");
    assert!(b.text("#e-daily_record_limit").contains("не целое число"), "the error sits beside its field");
    assert!(b.text("#e-time_zone").contains("часовой пояс"), "every mistake is named in one round");
    shots.push(b.screenshot("settings-error-ru"));
    b.type_into("#s-time_zone", "Europe/Moscow");
    b.type_into("#s-daily_record_limit", "3000");
    b.click("#settings-form button[type=submit]");
    b.wait_source("settings-saved");
    assert_eq!(b.script("return document.querySelector('#s-daily_record_limit').value;")["value"], "3000");
    // A new team with its head.
    b.type_into("#new-team input[name=name]", "Юг");
    b.click("#new-team select[name=head_id] option:nth-child(2)");
    b.click("#new-team button");
    // The page before was /settings?saved=1 already: wait for the team's own landing.
    b.wait_path("/settings?saved=1#teams");
    let names = b.script("return [...document.querySelectorAll('#teams input[name=name]')].map(i => i.value);");
    assert!(names["value"].as_array().unwrap().iter().any(|n| n == "Юг"), "{names}");
    // A new employee: a refused e-mail keeps the form open with what was typed.
    b.goto("/employees");
    b.click("#add-employee summary");
    b.type_into("#n-name", "Лебедева Ольга Игоревна");
    b.type_into("#n-email", "lebedeva-at-firm");
    b.click("#n-role option[value=rep]");
    b.click("#add-employee button[type=submit]");
    b.wait_source("ne-email");
    assert_eq!(b.script("return document.querySelector('#n-name').value;")["value"], "Лебедева Ольга Игоревна");
    b.type_into("#n-email", "o.lebedeva@demo.sprut");
    b.click("#add-employee button[type=submit]");
    b.wait_source("employee-saved");
    assert!(b.texts("#employees tbody tr td.name").contains(&"Лебедева Ольга Игоревна".to_string()));
    b.goto("/clients");

    b.type_into("#f-q", &cast.client.name);
    b.click("#apply");
    b.wait_path("/clients?q=");
    let names = b.texts("#clients tbody tr td.name a");
    assert!(names.contains(&cast.client.name), "the searched client is found: {names:?}");
    let wanted = cast.client.name.to_lowercase();
    assert!(names.iter().all(|n| n.to_lowercase().contains(&wanted)), "the search narrows the list: {names:?}");
    shots.push(b.screenshot("search-ru"));

    b.click("#clients tbody tr td.name a");
    b.wait_path("/clients/");
    assert_eq!(b.text("#client-name"), cast.client.name);
    assert!(b.text("#holder").contains(&cast.rep.name), "the card shows the holder");
    let history = b.text("#history");
    assert!(history.contains("История закреплений") && history.contains(&cast.rep.name));
    shots.push(b.screenshot("card-ru"));

    // Log an activity from the card.
    let card_path = b.current_path();
    b.click("details.log-form summary");
    b.type_into("#a-text", "Позвонили, договорились о встрече");
    b.type_into("#a-outcome", "встреча в четверг");
    b.click("#activity-form button[type=submit]");
    b.wait_path(&format!("{card_path}?saved=1"));
    assert!(b.text("#activities").contains("Позвонили, договорились о встрече"));

    // A form without the session's token is refused with a 403 page.
    let session = b.cookie("sprut_session");
    let forged = no_redirects
        .post(&format!("{app}/logout"))
        .set("Cookie", &format!("sprut_session={session}"))
        .send_form(&[("csrf", "forged")]);
    match forged {
        Err(ureq::Error::Status(403, r)) => assert!(r.into_string().unwrap_or_default().contains("Доступ запрещён")),
        other => panic!("expected 403, got {:?}", other.map(|r| r.status())),
    }

    // An empty activity is refused with the reason next to the field.
    let src = b.source();
    let csrf = csrf_in(&src);
    let empty = no_redirects
        .post(&format!("{app}/clients/{}/activities", cast.client.id))
        .set("Cookie", &format!("sprut_session={session}"))
        .send_form(&[("csrf", &csrf), ("kind", "call"), ("text", "  ")]);
    match empty {
        Err(ureq::Error::Status(422, r)) => {
            let page = r.into_string().unwrap_or_default();
            assert!(page.contains("field-error") && page.contains("заполните это поле"), "{page}");
        }
        other => panic!("expected 422, got {:?}", other.map(|r| r.status())),
    }

    // Switch to English: the same card, English labels.
    b.click("form.lang-switch button[value=en]");
    b.wait_source("Holding history");
    assert_eq!(b.current_path(), card_path);
    let src = b.source();
    assert!(src.contains("Holding history") && src.contains("Held now by") && !src.contains("История закреплений"));
    shots.push(b.screenshot("card-en"));

    b.goto(&format!("/clients?q={}", cast.client.legal_id.clone().unwrap_or_else(|| cast.client.name.clone())));
    assert_eq!(b.text("#clients tbody tr td.name a"), cast.client.name);
    let src = b.source();
    assert!(src.contains("Holder") && src.contains("Clients") && !src.contains("Держатель"));
    b.goto("/clients");
    shots.push(b.screenshot("clients-en"));
    b.goto("/employees");
    assert!(b.find_all("#employees tbody tr").len() > 1);
    shots.push(b.screenshot("employees-en"));
    b.click("form.lang-switch button[value=ru]");
    b.wait_source("Сотрудники");
    shots.push(b.screenshot("employees-ru"));

    // Sign out; the English sign-in page.
    b.click("form.sign-out button");
    b.wait_path("/login");
    b.goto("/login?lang=en");
    assert!(b.source().contains("Password"));
    shots.push(b.screenshot("login-en"));

    // The rep sees only his own clients, and others' cards do not exist for him.
    sign_in(&b, "en", &cast.rep.email, PASSWORD);
    // A rep starts on his day: what is due, each line a link to its card.
    b.wait_path("/my-day");
    assert!(b.source().contains("href=\"/my-day\" aria-current=\"page\""));
    shots.push(b.screenshot("my-day-en"));
    b.goto("/clients");
    let holders = b.texts("#clients tbody tr td.held-by");
    assert!(!holders.is_empty(), "the rep sees his clients");
    for holder in &holders {
        assert!(holder.contains(&cast.rep.name), "a row held by {holder}, not by the rep");
    }
    assert!(b.find_all("#f-holder").is_empty(), "a rep gets no holder filter");
    shots.push(b.screenshot("clients-rep"));
    b.goto(&format!("/clients/{}", cast.foreign.id));
    assert!(b.source().contains("404"));
    shots.push(b.screenshot("not-found-rep"));
    b.goto(&format!("/clients/{}", cast.client.id));
    assert_eq!(b.text("#client-name"), cast.client.name);
    // Nor can he write on them.
    let session = b.cookie("sprut_session");
    let foreign = no_redirects
        .post(&format!("{app}/clients/{}/activities", cast.foreign.id))
        .set("Cookie", &format!("sprut_session={session}"))
        .send_form(&[("csrf", &csrf_in(&b.source())), ("kind", "note"), ("text", "not mine")]);
    assert!(matches!(foreign, Err(ureq::Error::Status(404, _))), "a rep cannot log on others' clients");

    drop(b);
    drop(driver);
    for shot in shots {
        eprintln!("screenshot: {}", shot.display());
    }
}
