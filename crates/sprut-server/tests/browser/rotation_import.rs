//! The head's review of dead clients and the import wizard in a real browser: a head recalls a
//! dead client to rest and reads the sales cycle; an admin uploads a Bitrix24 export, checks
//! the suggested mapping and the dry run, applies it and finds the imported company.

use crate::driver::*;
use serde_json::json;
use time::macros::datetime;

#[test]
fn browser_rotation_and_import() {
    if !browser_available() {
        return;
    }
    let demo = serve_demo(datetime!(2026-03-02 09:00 UTC));
    let driver = Driver::start();
    let profile = tempfile::tempdir().expect("profile dir");
    let b = Browser::open(&driver, profile.path(), &demo.app);
    let mut shots = Vec::new();

    // The head's review: dead clients with why, and the decision forms.
    sign_in(&b, "ru", "head1@demo.sprut", PASSWORD);
    b.wait_path("/my-day");
    b.goto("/clients");
    if b.source().contains("aria-pressed=\"true\">EN") {
        b.click("form.lang-switch button[value=ru]");
        b.wait_source("Держатель");
    }
    b.goto("/rotation");
    let rows = b.find_all("#dead tbody tr");
    assert!(!rows.is_empty(), "the demo company has dead clients");
    assert!(!b.text("#dead tbody tr td.explain").is_empty(), "each dead client says why");
    shots.push(b.screenshot("rotation-review-ru"));
    let name = b.text("#dead tbody tr td.name a");
    b.type_into(
        "#dead tbody tr:first-child form[action$='/decide/recall'] input[name=reason]",
        "не работает с клиентом",
    );
    b.click_and_load("#dead tbody tr:first-child form[action$='/decide/recall'] button");
    b.wait_path("/rotation");
    assert!(!b.texts("#dead tbody tr td.name a").contains(&name), "{name} was recalled to rest");
    // Recalled straight to a teammate: the client leaves the list and the teammate holds it.
    let recall = "#dead tbody tr:first-child form[action$='/decide/recall']";
    let name = b.text("#dead tbody tr td.name a");
    let receiver = b.text(&format!("{recall} select[name=to] option:nth-child(2)"));
    let card = b.script("return document.querySelector('#dead tbody tr td.name a').getAttribute('href');");
    let card = card["value"].as_str().expect("the card's link").to_string();
    b.type_into(&format!("{recall} input[name=reason]"), "отдаём тому, кто будет работать");
    b.click(&format!("{recall} select[name=to] option:nth-child(2)"));
    b.click_and_load(&format!("{recall} button"));
    b.wait_path("/rotation");
    assert!(!b.texts("#dead tbody tr td.name a").contains(&name), "{name} was recalled to {receiver}");
    let clean: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let word = clean.split_whitespace().max_by_key(|w| w.chars().count()).unwrap_or_default();
    b.goto(&format!("/clients?q={word}"));
    assert!(b.text("#clients tbody").contains(&receiver), "{receiver} holds {name} now");
    // Two ticked rows recalled to rest at once, with one reason; the list says how many.
    b.goto("/rotation");
    let ticked = b.texts("#dead tbody tr td.name a").into_iter().take(2).collect::<Vec<_>>();
    b.click("#dead tbody tr:nth-child(1) input[name=client]");
    b.click("#dead tbody tr:nth-child(2) input[name=client]");
    b.type_into("#bulk input[name=reason]", "разбор базы на планёрке");
    b.click("#bulk select[name=action] option[value=recall]");
    b.click_and_load("#bulk button");
    b.wait_path("/rotation");
    assert_eq!(b.text("#bulk-done"), "Решение принято по клиентам: 2");
    let left = b.texts("#dead tbody tr td.name a");
    assert!(ticked.iter().all(|n| !left.contains(n)), "{ticked:?} were recalled to rest");
    // The review filters: one holder's clients only, most overdue first.
    let holder = b.text("#dead tbody tr td:nth-child(3)");
    b.script(&format!(
        "const s = document.querySelector('#r-rep'); s.value = [...s.options].find(o => o.text === {holder:?}).value;"
    ));
    b.click("#review-filters button");
    b.wait_path("/rotation?rep=");
    let holders = b.texts("#dead tbody tr td:nth-child(3)");
    assert!(!holders.is_empty() && holders.iter().all(|h| *h == holder), "only {holder}'s clients: {holders:?}");
    // The card tells the story: the head's decision with his words.
    b.goto(&card);
    let trail = b.text("#decision-list");
    assert!(trail.contains("отзыв другому менеджеру") && trail.contains("отдаём тому"), "{trail}");
    shots.push(b.screenshot("card-decisions-ru"));
    b.goto("/rotation/cycle");
    assert!(!b.find_all("#cycle tbody tr").is_empty(), "the cycle table has rows");
    shots.push(b.screenshot("rotation-cycle-ru"));
    b.click("form.lang-switch button[value=en]");
    b.wait_source("Sales cycle");
    shots.push(b.screenshot("rotation-cycle-en"));
    b.click("form.lang-switch button[value=ru]");
    b.wait_source("Период продажи");

    // The import wizard as the admin: upload, mapping and dry run, apply.
    b.click("form[action='/logout'] button");
    // Wait for the sign-out to land before going to the sign-in page (a busy machine lost the race).
    b.wait_path("/login");
    sign_in(&b, "ru", "admin@demo.sprut", PASSWORD);
    b.wait_path("/clients");
    b.goto("/import");
    b.click("#i-entity option[value=clients]");
    b.click("#i-preset option[value=bitrix24]");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/bitrix24_companies.csv");
    let input = b.find("#i-file");
    b.post(&format!("/element/{input}/value"), json!({ "text": file.display().to_string() }));
    b.click("#import-upload button[type=submit]");
    b.wait_source("import-columns");
    assert!(b.source().contains("Название компании"), "the file's own column titles are shown");
    assert!(b.text("#import-figures").contains('3'), "the dry run counts the rows: {}", b.text("#import-figures"));
    shots.push(b.screenshot("import-preview-ru"));
    b.click("#import-mapping input[name=create_employees]");
    b.click("#import-mapping button[value=apply]");
    b.wait_source("import-done");
    shots.push(b.screenshot("import-done-ru"));
    b.goto("/clients?q=%D0%9B%D1%8E%D1%82%D0%B8%D0%BA");
    assert!(b.text("#clients tbody").contains("Лютик"), "the imported company is in the list");
    for s in shots {
        assert!(s.exists());
    }
}
