//! The relationship map of a client through the API, the card and the scope: who of ours is in
//! touch with whom, the contact only the holder knows, the coverage score and what it lacks.

use crate::support::Company;
use axum::http::StatusCode;
use serde_json::{json, Value};

async fn contact(c: &Company, client: &str, name: &str, level: &str, function: &str) -> String {
    let body = json!({ "client_id": client, "name": name, "level": level, "function": function });
    let (s, made) = c.post("/api/v1/contacts", &c.rep1, body).await;
    assert_eq!(s, StatusCode::CREATED, "{made}");
    made["id"].as_str().unwrap().to_string()
}

async fn touch(c: &Company, by: &crate::support::Person, client: &str, contacts: &[&str], people: &[String], at: &str) {
    let body = json!({ "client_id": client, "kind": "meeting", "text": "Встреча", "occurred_at": at,
        "contact_ids": contacts, "participant_ids": people });
    let (s, made) = c.post("/api/v1/activities", by, body).await;
    assert_eq!(s, StatusCode::CREATED, "{made}");
}

#[tokio::test]
async fn the_map_shows_who_knows_whom_and_the_score_grows_with_the_octopus() {
    let c = Company::new().await;
    let alfa = c.rep_client(&c.rep1, "Альфа").await;
    let boss = contact(&c, &alfa, "Пётр Директоров", "decision_maker", "general").await;
    let lawyer = contact(&c, &alfa, "Олег Юристов", "lawyer", "legal").await;
    touch(&c, &c.rep1, &alfa, &[&boss], &[], "2026-02-20T10:00:00Z").await;

    // A drip: only the rep, only the boss; the boss is known to no one but him.
    let (s, map) = c.get(&format!("/api/v1/clients/{alfa}/relationships"), &c.head).await;
    assert_eq!(s, StatusCode::OK, "{map}");
    assert_eq!(map["coverage"]["score"], 35, "{map}");
    let gaps: Vec<&str> =
        map["coverage"]["gaps"].as_array().unwrap().iter().map(|g| g["gap"].as_str().unwrap()).collect();
    assert_eq!(gaps, ["one_of_ours", "decision_maker_only_holder", "one_of_theirs", "no_department"]);
    let the_boss = |m: &Value| {
        m["contacts"].as_array().unwrap().iter().find(|k| k["contact_id"] == boss.as_str()).cloned().unwrap()
    };
    assert_eq!(the_boss(&map)["only_holder"], true);
    let (_, card) = c.get(&format!("/clients/{alfa}"), &c.head).await;
    let card = card.as_str().unwrap_or_default();
    assert!(card.contains("Связи с клиентом") && card.contains("знает только держатель"), "{card}");
    assert!(card.contains("с ЛПР не встречался никто, кроме"), "{card}");

    // The head meets the boss with the rep, and with our lawyer, seated in the account team,
    // their lawyer.
    touch(&c, &c.head, &alfa, &[&boss], &[c.rep1.employee.id.to_string()], "2026-02-27T09:00:00Z").await;
    let seat = json!({ "employee_id": c.staff.employee.id });
    let (s, body) = c
        .call(
            axum::http::Method::PUT,
            &format!("/api/v1/clients/{alfa}/account-team/legal"),
            Some(&c.head.token),
            Some(seat),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    touch(&c, &c.head, &alfa, &[&lawyer], &[c.staff.employee.id.to_string()], "2026-02-28T09:00:00Z").await;
    let (_, map) = c.get(&format!("/api/v1/clients/{alfa}/relationships"), &c.rep1).await;
    // Three of ours (45), two of theirs (20), the boss by more than the holder (15), legal (10).
    assert_eq!(map["coverage"]["score"], 90, "{map}");
    assert_eq!(the_boss(&map)["only_holder"], false);
    assert_eq!(map["people"][0], json!(c.rep1.employee.id), "the holder first");

    // Made key, it reaches the minimum of 50 and leaves the list of thin key clients; before the
    // head's visit it was on it with what it lacked.
    let (s, _) = c.patch(&format!("/api/v1/clients/{alfa}"), &c.head, json!({ "tier": "key" })).await;
    assert_eq!(s, StatusCode::OK);
    let (_, thin) = c.get("/api/v1/coverage/key-clients?as_of=2026-02-21", &c.head).await;
    assert_eq!(
        (thin["key_clients"].as_u64(), thin["below"][0]["coverage"]["score"].as_u64()),
        (Some(1), Some(35)),
        "{thin}"
    );
    let (_, thin) = c.get("/api/v1/coverage/key-clients", &c.head).await;
    assert!(thin["below"].as_array().unwrap().is_empty(), "{thin}");
    let (s, page) = c.get("/coverage", &c.head).await;
    assert!(s == StatusCode::OK && page.as_str().unwrap_or_default().contains("Все ключевые клиенты не ниже минимума"));
    assert_eq!(c.get("/api/v1/coverage/key-clients", &c.rep1).await.0, StatusCode::FORBIDDEN);

    // Outside the scope it is not found; a bad date is named.
    let (s, _) = c.get(&format!("/api/v1/clients/{alfa}/relationships"), &c.rep2).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, body) = c.get(&format!("/api/v1/clients/{alfa}/relationships?as_of=вчера"), &c.head).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test]
async fn the_risk_names_who_is_the_only_thread_and_what_he_carries() {
    let c = Company::new().await;
    let alfa = c.rep_client(&c.rep1, "Альфа").await;
    let beta = c.rep_client(&c.rep2, "Бета").await;
    let boss = contact(&c, &alfa, "Пётр Директоров", "decision_maker", "general").await;
    let won = json!({ "client_id": alfa, "title": "Контракт", "stage": "won", "amount_minor": 1_200_000_00i64,
        "opened_on": "2026-01-10", "closed_on": "2026-02-10" });
    let (s, body) = c.post("/api/v1/deals", &c.rep1, won).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    touch(&c, &c.rep1, &alfa, &[&boss], &[], "2026-02-20T10:00:00Z").await;
    touch(&c, &c.head, &beta, &[], &[c.rep2.employee.id.to_string()], "2026-02-21T10:00:00Z").await;

    let (s, risk) = c.get("/api/v1/risk", &c.head).await;
    assert_eq!(s, StatusCode::OK, "{risk}");
    assert_eq!((risk["clients"].as_u64(), risk["single_threaded"].as_u64()), (Some(2), Some(1)), "{risk}");
    let first = &risk["employees"][0];
    assert_eq!(first["employee_id"], json!(c.rep1.employee.id), "{risk}");
    assert_eq!((first["revenue_minor"].as_i64(), first["contacts_only_his"].as_u64()), (Some(1_200_000_00), Some(1)));
    assert_eq!((first["share_percent"].as_f64(), first["alert"].as_bool()), (Some(100.0), Some(true)), "{first}");
    assert!(first["clients"].as_array().unwrap().is_empty(), "clients only for one employee");
    let (_, one) = c.get(&format!("/api/v1/risk?employee_id={}", c.rep1.employee.id), &c.head).await;
    assert_eq!(one["employees"].as_array().unwrap().len(), 1);
    assert_eq!(one["employees"][0]["clients"][0]["client_id"], alfa.as_str(), "{one}");
    // A rep does not see the company's risk; a bad day is named.
    assert_eq!(c.get("/api/v1/risk", &c.rep1).await.0, StatusCode::FORBIDDEN);
    assert_eq!(c.get("/api/v1/risk?as_of=вчера", &c.head).await.0, StatusCode::BAD_REQUEST);

    // The page: the chart with its labelled bar, the table, one employee's clients.
    let (s, page) = c.get("/risk", &c.head).await;
    assert_eq!(s, StatusCode::OK);
    let page = page.as_str().unwrap_or_default();
    assert!(page.contains("Что потеряем, если сотрудник уйдёт") && page.contains(r#"id="risk-chart""#), "{page}");
    assert!(page.contains("1\u{a0}200") && page.contains("выше порога"), "{page}");
    let (_, page) = c.get(&format!("/risk?employee={}", c.rep1.employee.id), &c.head).await;
    assert!(page.as_str().unwrap_or_default().contains("Альфа"), "{page}");

    // The daily job raises the alert once, with its figures.
    sprut_server::jobs::run_once(&c.state).await;
    sprut_server::jobs::run_once(&c.state).await;
    let (_, alerts) = c.get("/api/v1/alerts?kind=single_threaded", &c.head).await;
    let items = alerts["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{alerts}");
    assert_eq!((items[0]["count"].as_i64(), items[0]["employee_id"].clone()), (Some(1), json!(c.rep1.employee.id)));
}

#[tokio::test]
async fn a_head_asks_to_meet_a_client_and_its_holder_s_declines_raise_a_red_flag() {
    let c = Company::new().await;
    let alfa = c.rep_client(&c.rep1, "Альфа").await;
    let ask = json!({ "client_id": alfa, "purpose": "Познакомиться с директором", "proposed_on": ["2026-03-10", "2026-03-05"] });
    let (s, r) = c.post("/api/v1/meeting-requests", &c.head, ask.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["proposed_on"], json!(["2026-03-05", "2026-03-10"]), "sorted");
    let id = r["id"].as_str().unwrap().to_string();
    // The holder himself, an auditor, a past date: each refused by name.
    assert_eq!(c.post("/api/v1/meeting-requests", &c.rep1, ask.clone()).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(c.post("/api/v1/meeting-requests", &c.auditor, ask.clone()).await.0, StatusCode::FORBIDDEN);
    let past = json!({ "client_id": alfa, "purpose": "x", "proposed_on": ["2026-02-01"] });
    let (s, body) = c.post("/api/v1/meeting-requests", &c.head, past).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("proposed_on"), "{body}");

    // The rep's day says a request waits for him; he finds it on the page and declines it there.
    let (_, day) = c.get("/my-day", &c.rep1).await;
    assert!(day.as_str().unwrap_or_default().contains("/meeting-requests#incoming"), "{day}");
    let (s, page) = c.get("/meeting-requests", &c.rep1).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.as_str().unwrap_or_default().contains("Ждут вашего ответа"), "{page}");
    let (s, _) = c
        .form(
            &format!("/meeting-requests/{id}/answer"),
            &c.rep1,
            "answer=decline&on=2026-03-05&reason=%D0%B7%D0%B0%D0%BD%D1%8F%D1%82",
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    // A second request, declined through the API: the red flag and its alert.
    let (_, r2) = c.post("/api/v1/meeting-requests", &c.head, ask.clone()).await;
    let uri = format!("/api/v1/meeting-requests/{}/answer", r2["id"].as_str().unwrap());
    let (s, bad) = c.post(&uri, &c.rep1, json!({ "answer": "decline" })).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a decline needs its reason: {bad}");
    let (s, done) = c.post(&uri, &c.rep1, json!({ "answer": "decline", "reason": "клиент против" })).await;
    assert_eq!(s, StatusCode::OK, "{done}");
    assert_eq!(done["red_flag"], true, "{done}");
    let (_, alerts) = c.get("/api/v1/alerts?kind=meeting_blocked", &c.head).await;
    assert_eq!(alerts["items"].as_array().unwrap().len(), 1, "{alerts}");
    let (_, holders) = c.get("/api/v1/meeting-requests/holders", &c.head).await;
    assert_eq!((holders[0]["declined"].as_u64(), holders[0]["red_flags"].as_u64()), (Some(2), Some(1)), "{holders}");
    assert_eq!(c.get("/api/v1/meeting-requests/holders", &c.rep1).await.0, StatusCode::FORBIDDEN);

    // The head's page shows the holder's answers; a refused request comes back with its reason
    // and what was typed; the card links to the form.
    let (_, page) = c.get("/meeting-requests", &c.head).await;
    let page = page.as_str().unwrap_or_default().to_string();
    assert!(page.contains("Как отвечают держатели") && page.contains("красный флаг"), "{page}");
    let typed = format!("client_id={alfa}&purpose=%D0%92%D1%81%D1%82%D1%80%D0%B5%D1%87%D0%B0&proposed_on=2026-02-01");
    let (s, page) = c.form("/meeting-requests", &c.head, &typed).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("request-error") && page.contains("Встреча") && page.contains("2026-02-01"), "{page}");
    let (_, card) = c.get(&format!("/clients/{alfa}"), &c.head).await;
    let card = card.as_str().unwrap_or_default();
    assert!(card.contains(&format!("/meeting-requests?client={alfa}")) && card.contains("отказ"), "{card}");
}

#[tokio::test]
async fn the_head_checks_a_drawn_contact_and_invented_data_are_investigated() {
    let c = Company::new().await;
    let alfa = c.rep_client(&c.rep1, "Альфа").await;
    let body = json!({ "client_id": alfa, "name": "Иван Снабженцев", "phones": ["+7 495 765-43-21"] });
    assert_eq!(c.post("/api/v1/contacts", &c.rep1, body).await.0, StatusCode::CREATED);

    // The administrator draws the week now; the head checks, the rep is not told.
    let (s, done) = c.post("/api/v1/spot-checks/draw", &c.admin, json!({})).await;
    assert_eq!(s, StatusCode::OK, "{done}");
    assert_eq!(done["drawn"], 1, "{done}");
    let (_, again) = c.post("/api/v1/spot-checks/draw", &c.admin, json!({})).await;
    assert_eq!(again["drawn"], Value::Null, "once a week");
    let (_, mine) = c.get("/api/v1/spot-checks?open=true", &c.head).await;
    let check = mine[0]["id"].as_str().unwrap().to_string();
    assert!(c.get("/api/v1/spot-checks", &c.rep1).await.1.as_array().unwrap().is_empty(), "not told");
    let (_, page) = c.get("/spot-checks", &c.head).await;
    assert!(page.as_str().unwrap_or_default().contains("+7 495 765-43-21"), "{page}");
    let (_, day) = c.get("/my-day", &c.head).await;
    assert!(day.as_str().unwrap_or_default().contains("/spot-checks#my-checks"), "the head's day says a check waits");

    // A wrong e-mail needs a note; with it, an investigation opens.
    let (s, page) = c.form(&format!("/spot-checks/{check}/result"), &c.head, "outcome=wrong_email").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("check-error"), "{page}");
    let (s, _) = c.form(&format!("/spot-checks/{check}/result"), &c.head, "outcome=unknown_to_client&note=x").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, cases) = c.get("/api/v1/investigations?open=true", &c.rep1).await;
    let case = cases[0]["id"].as_str().unwrap().to_string();
    let (_, day) = c.get("/my-day", &c.rep1).await;
    assert!(day.as_str().unwrap_or_default().contains("/spot-checks#investigations"), "his day asks him to explain");
    assert_eq!(cases[0]["history"][0]["action"], "contact.create", "{cases}");

    // The rep explains; the head finds the data invented: an alert, and it counts against him.
    let uri = format!("/api/v1/investigations/{case}/step");
    let (s, body) = c.post(&uri, &c.rep1, json!({ "step": "close", "finding": "invented", "correction": "x" })).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");
    let (s, body) = c.post(&uri, &c.rep1, json!({ "step": "explain", "explanation": "со слов секретаря" })).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let (s, _) = c
        .form(
            &format!("/investigations/{case}/step"),
            &c.head,
            "step=close&finding=invented&correction=%D1%83%D0%B4%D0%B0%D0%BB%D1%91%D0%BD",
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, alerts) = c.get("/api/v1/alerts?kind=invented_data", &c.head).await;
    assert_eq!(alerts["items"].as_array().unwrap().len(), 1, "{alerts}");
    let (_, accuracy) = c.get("/api/v1/spot-checks/accuracy", &c.head).await;
    assert_eq!(
        (accuracy[0]["wrong_percent"].as_f64(), accuracy[0]["invented"].as_u64()),
        (Some(100.0), Some(1)),
        "{accuracy}"
    );
    let (_, page) = c.get("/spot-checks", &c.head).await;
    let page = page.as_str().unwrap_or_default();
    assert!(page.contains("Точность данных") && page.contains("данные выдуманы"), "{page}");
}

#[tokio::test]
async fn the_company_asks_the_client_and_the_answer_lands_once_on_the_card() {
    let c = Company::new().await;
    let alfa = c.rep_client(&c.rep1, "Альфа").await;
    let body = json!({ "client_id": alfa, "name": "Пётр Директоров", "emails": ["petr@alfa.ru"], "consent": true });
    assert_eq!(c.post("/api/v1/contacts", &c.rep1, body).await.0, StatusCode::CREATED);

    // Only a head or an admin sends; the letter carries the link, once a quarter.
    assert_eq!(c.post(&format!("/api/v1/clients/{alfa}/surveys"), &c.rep1, json!({})).await.0, StatusCode::FORBIDDEN);
    let (s, sent) = c.post(&format!("/api/v1/clients/{alfa}/surveys"), &c.head, json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{sent}");
    let (s, _) = c.post(&format!("/api/v1/clients/{alfa}/surveys"), &c.head, json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "once a quarter");
    let (_, outbox) = c.get("/api/v1/outbox?kind=survey", &c.admin).await;
    let letter = outbox["items"][0]["body"].as_str().unwrap().to_string();
    let link = letter.split_whitespace().find(|w| w.contains("/survey/")).unwrap().to_string();
    let path = format!("/survey/{}", link.rsplit('/').next().unwrap());

    // The public page: no sign-in, the company's name and the questions, nothing else.
    let app = c.app.clone();
    let get = |uri: String| {
        let app = app.clone();
        async move {
            let req = axum::http::Request::get(uri).body(axum::body::Body::empty()).unwrap();
            let res = tower::ServiceExt::oneshot(app, req).await.unwrap();
            let status = res.status();
            (status, String::from_utf8(axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap())
        }
    };
    let (s, page) = get(path.clone()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Как вы оцениваете работу вашего менеджера?") && !page.contains("Альфа"), "{page}");
    let (s, page) = get(format!("{path}?lang=en")).await;
    assert!(s == StatusCode::OK && page.contains("How do you rate the company?"));
    let post = |form: &'static str| {
        let req = axum::http::Request::post(path.clone())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(form))
            .unwrap();
        tower::ServiceExt::oneshot(c.app.clone(), req)
    };
    let res = post("company_rating=2&manager_rating=9").await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = post("company_rating=2&manager_rating=5&comment=%D0%BC%D0%B5%D0%BD%D0%B5%D0%B4%D0%B6%D0%B5%D1%80+%D1%81%D1%83%D0%BF%D0%B5%D1%80").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = post("company_rating=5&manager_rating=5").await.unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT, "a link answers once");
    let (s, page) = get("/survey/forged".into()).await;
    assert!(s == StatusCode::NOT_FOUND && page.contains("Эта ссылка не действует"), "{page}");

    // The head sees it on the card and in the report, flagged.
    let (_, card) = c.get(&format!("/clients/{alfa}"), &c.head).await;
    let card = card.as_str().unwrap_or_default();
    assert!(card.contains("менеджер супер") && card.contains("менеджер выше компании"), "{card}");
    let (_, report) = c.get("/api/v1/surveys/report", &c.head).await;
    assert_eq!(report["reps"][0]["flagged"], 1, "{report}");
    assert_eq!(c.get("/api/v1/surveys", &c.rep1).await.0, StatusCode::FORBIDDEN);
    let (s, page) = c.get("/surveys", &c.head).await;
    assert!(s == StatusCode::OK && page.as_str().unwrap_or_default().contains("Голос клиента"));
}

#[tokio::test]
async fn the_client_list_filters_and_sorts_by_the_kept_coverage() {
    let c = Company::new().await;
    let wide = c.rep_client(&c.rep1, "Альфа").await;
    let thin = c.rep_client(&c.rep1, "Бета").await;
    let boss = contact(&c, &wide, "Пётр Директоров", "decision_maker", "general").await;
    let buh = contact(&c, &wide, "Инна Счётова", "accountant", "billing").await;
    let head = c.head.employee.id.to_string();
    touch(&c, &c.rep1, &wide, &[&boss, &buh], &[head], "2026-02-20T10:00:00Z").await;

    // Before the first count no score is kept: the list says so and orders by name.
    let (s, list) = c.get("/api/v1/clients?sort=coverage", &c.rep1).await;
    assert_eq!(s, StatusCode::OK, "{list}");
    assert!(list["items"].as_array().unwrap().iter().all(|i| i["coverage"].is_null()), "{list}");
    let (s, page) = c.get("/clients?sort=coverage", &c.admin).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.as_str().unwrap().contains("Охват ещё не считался"), "{page}");

    // Only an administrator counts now; the count writes every client's score.
    assert_eq!(c.post("/api/v1/coverage/count", &c.head, json!({})).await.0, StatusCode::FORBIDDEN);
    let (s, counted) = c.post("/api/v1/coverage/count", &c.admin, json!({})).await;
    assert_eq!((s, counted["clients"].as_u64()), (StatusCode::OK, Some(2)), "{counted}");
    let (_, list) = c.get("/api/v1/clients?sort=coverage", &c.rep1).await;
    let rows: Vec<(String, u64)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["name"].as_str().unwrap().to_string(), i["coverage"].as_u64().unwrap()))
        .collect();
    assert_eq!(rows, [("Бета".to_string(), 0), ("Альфа".to_string(), 75)], "{list}");
    let (_, below) = c.get("/api/v1/clients?coverage_below=50", &c.head).await;
    let ids: Vec<&str> = below["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [thin.as_str()]);

    // Bad input names the field.
    let (s, problem) = c.get("/api/v1/clients?sort=score", &c.rep1).await;
    assert_eq!(s.as_u16() / 100, 4, "{problem}");
    assert!(problem.to_string().contains("sort"), "{problem}");

    // The page: the filter, the column, when counted, and the administrator's button.
    let (_, page) = c.get("/clients?sort=coverage&coverage_below=50", &c.admin).await;
    let page = page.as_str().unwrap();
    assert!(page.contains("Охват посчитан на 02.03.2026") && page.contains("id=\"count-coverage\""), "{page}");
    assert!(page.contains("Бета") && !page.contains(">Альфа<"), "{page}");
    let (_, page) = c.get("/clients?sort=coverage", &c.head).await;
    assert!(!page.as_str().unwrap().contains("count-coverage"), "only administrators count");
    let (s, _) = c.form("/coverage/count", &c.admin, "").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
}
