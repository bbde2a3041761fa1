//! The daily workbench in a real browser: a rep opens "my day", creates a client and a contact
//! with two phones, logs a call with a next step in three days and wins a deal on the board;
//! his head sees the rep's overdue touches, plans a quarterly meeting and reads what the team
//! loses if one of its people leaves.

use crate::driver::*;
use sprut_core::employee::{EmployeeStatus, Role};
use time::macros::datetime;

/// The survey link the outbox holds for `email`, read from the server's database.
fn survey_link(db_url: &str, email: &str) -> String {
    use sprut_core::outbox::{MessageKind, OutboxFilter, OutboxStore};
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let letters = runtime.block_on(async {
        let db = sprut_store::Db::open(db_url).await.expect("open db");
        let filter = OutboxFilter { kind: Some(MessageKind::Survey), ..OutboxFilter::default() };
        db.outbox(&filter, &Default::default()).await.expect("outbox").items
    });
    let letter = letters.into_iter().find(|m| m.to_address == *email).expect("the survey letter");
    let url = letter.body.split_whitespace().find(|w| w.contains("/survey/")).expect("a link").to_string();
    url.split_once("/survey/").map(|(_, token)| format!("/survey/{token}")).expect("a path")
}

/// Sets a form field's value by script (a date input takes no typing in the page's locale).
fn set(b: &Browser, css: &str, value: &str) {
    b.script(&format!("document.querySelector(\"{css}\").value = '{value}';"));
}

#[test]
fn browser_workbench_day() {
    if !browser_available() {
        return;
    }
    let now = datetime!(2026-03-02 09:00 UTC);
    let demo = serve_demo(now);
    let head = demo.data.employees.iter().find(|e| e.email == "head1@demo.sprut").expect("head1");
    let rep = (demo.data.employees.iter())
        .find(|e| e.role == Role::Rep && e.status == EmployeeStatus::Active && e.team_id == head.team_id)
        .filter(|e| demo.logins.contains(&e.id))
        .expect("a rep of head1 who can sign in");

    let driver = Driver::start();
    let profile = tempfile::tempdir().expect("profile dir");
    let b = Browser::open(&driver, profile.path(), &demo.app);
    let mut shots = Vec::new();

    // The rep starts on his day.
    sign_in(&b, "ru", &rep.email, PASSWORD);
    b.wait_path("/my-day");
    assert!(b.text("h1").contains("Мой день"), "{}", b.text("h1"));
    shots.push(b.screenshot("my-day-rep-ru"));

    // A new client, then its contact with two phones.
    b.goto("/clients/new");
    b.type_into("form.record-form input[name=name]", "ООО «Вектор Плюс»");
    b.click("form.record-form button[type=submit]");
    b.wait_source("Сохранено.");
    let card = b.current_path();
    let card = card.split(['?', '#']).next().unwrap().to_string();
    assert!(card.starts_with("/clients/"), "{card}");
    b.goto(&format!("{card}/contacts/new"));
    b.type_into("form.record-form input[name=name]", "Ирина Сергеевна Закупова");
    b.script("const p = document.querySelectorAll('form.record-form input[name=phones]'); p[0].value = '+7 495 123-45-67'; p[1].value = '8 (916) 555-44-33';");
    b.click("form.record-form button[type=submit]");
    b.wait_source("Ирина Сергеевна Закупова");
    let page = b.source();
    assert!(page.contains("+74951234567") || page.contains("+7 495 123-45-67"), "the first phone");
    assert!(page.contains("+79165554433") || page.contains("8 (916) 555-44-33"), "the second phone");

    // A call with its next step in three days.
    b.script("document.querySelector('details.log-form').open = true;");
    b.click("details.log-form select[name=kind] option[value=call]");
    b.type_into("#a-text", "Обсудили поставку на второй квартал");
    b.type_into("#a-next", "Отправить КП");
    set(&b, "#a-due", "2026-03-05");
    b.click_and_load("details.log-form button[type=submit]");
    assert!(b.text("#next-steps").contains("05.03.2026"), "{}", b.text("#next-steps"));
    shots.push(b.screenshot("card-next-step-ru"));
    // The relationship map: one of ours, a touch naming no contact, a drip's score.
    let map = b.text("#relationships").to_lowercase();
    assert!(
        map.contains("охват: 15 / 100") && map.contains("без контакта") && map.contains("в контакте только"),
        "{map}"
    );

    // A deal, won from the board on a date for an amount.
    b.goto(&format!("{card}/deals/new"));
    b.type_into("form.record-form input[name=title]", "Поставка Q2");
    b.type_into("form.record-form input[name=amount_minor]", "150 000");
    b.click("form.record-form button[type=submit]");
    b.wait_source("Поставка Q2");
    b.goto("/deals/board");
    let deal = "[...document.querySelectorAll('article.deal-card')].find(a => a.textContent.includes('Поставка Q2'))";
    b.script(&format!("{deal}.querySelector('details.close-deal').open = true;"));
    b.script(&format!("{deal}.querySelector('select[name=to]').value = 'won';"));
    b.script(&format!("{deal}.querySelector('input[name=amount]').value = '155 000,50';"));
    shots.push(b.screenshot("board-ru"));
    b.script(&format!("{deal}.querySelector('details.close-deal button[type=submit]').id = 'win-it';"));
    b.click_and_load("#win-it");
    b.wait_path("/deals/board");
    assert!(!b.source().contains("Поставка Q2"), "a won deal leaves the board");
    b.goto(&card);
    assert!(b.text("#deals").contains("выиграна") && b.text("#deals").contains("155 000,5"), "{}", b.text("#deals"));
    b.click("form.sign-out button");
    b.wait_path("/login");

    // The head: his team's day with the rep's overdue touches, then a quarterly meeting.
    sign_in(&b, "ru", &head.email, PASSWORD);
    b.wait_path("/my-day");
    let team = b.text("#team");
    assert!(team.contains(&rep.name), "{team}");
    let rows = b.texts("#team tbody tr");
    let touches: usize = rows.iter().filter_map(|r| r.split_whitespace().rev().nth(4)?.parse::<usize>().ok()).sum();
    assert!(touches > 0, "overdue touches are counted: {rows:?}");
    b.click(&format!("#team a[href='/my-day?employee={}']", rep.id));
    b.wait_source("touches");
    assert!(!b.find_all("#touches tbody tr").is_empty(), "the rep's overdue touches, one by one");
    shots.push(b.screenshot("head-rep-day-ru"));
    b.goto("/meetings");
    let plans = b.find_all("form[action$='/head-meeting'] button");
    assert!(!plans.is_empty(), "key clients without a meeting this quarter");
    b.click("form[action$='/head-meeting'] button");
    b.wait_source("Встреча запланирована.");
    assert!(b.text("table.meetings").contains("запланирована"));
    shots.push(b.screenshot("meetings-ru"));

    // What the team loses if one of its people leaves: the chart, the table, one rep's clients.
    b.click("nav.nav a[href='/risk']");
    b.wait_path("/risk");
    assert!(b.text("h1").contains("Что потеряем"), "{}", b.text("h1"));
    assert!(!b.find_all("#risk-chart rect").is_empty(), "bars of the revenue at stake");
    assert!(!b.find_all("#risk tbody tr").is_empty(), "an employee per line");
    shots.push(b.screenshot("risk-ru"));
    b.click("#risk tbody tr a");
    b.wait_source("his-clients");
    assert!(!b.find_all("#his-clients tbody tr").is_empty(), "his single-threaded clients");

    // The head sends a client of his rep a survey from its card; its contact answers on a phone.
    let held: Vec<_> =
        demo.data.assignments.iter().filter(|a| a.employee_id == rep.id && a.ended_on.is_none()).collect();
    let asked = (demo.data.contacts.iter())
        .find(|k| k.consent && !k.emails.is_empty() && held.iter().any(|a| a.client_id == k.client_id))
        .expect("a consenting contact with an e-mail of the rep's book");
    b.goto(&format!("/clients/{}", asked.client_id));
    b.click_and_load("form[action$='/survey'] button");
    b.wait_source("Сохранено.");
    assert!(b.text("#surveys").contains("ждём ответа"), "{}", b.text("#surveys"));
    let link = survey_link(&demo.db_url, &asked.emails[0]);
    b.click("form.sign-out button");
    b.wait_path("/login");
    b.post("/window/rect", serde_json::json!({ "width": 390, "height": 844 }));
    b.goto(&link);
    assert!(b.text("h1").contains("Как мы работаем?"), "{}", b.text("h1"));
    let fits = b.script("return document.documentElement.scrollWidth <= window.innerWidth;");
    assert_eq!(fits["value"], serde_json::json!(true), "no sideways scrolling on a phone");
    shots.push(b.screenshot_as_is("survey-phone-ru"));
    b.click("input[name=company_rating][value='2']");
    b.click("input[name=manager_rating][value='5']");
    b.type_into("textarea[name=comment]", "Менеджер отличный, а поставки срывают");
    b.click_and_load("#survey-form button[type=submit]");
    b.wait_source("survey-thanks");
    b.goto(&link);
    assert!(b.text("#survey-refused").contains("уже ответили"), "{}", b.text("#survey-refused"));

    drop(b);
    drop(driver);
    for shot in shots {
        eprintln!("screenshot: {}", shot.display());
    }
}
