//! `sprut import` as a user runs it: each preset's sample file, a broken file, re-runs, XLSX
//! and Windows-1251.

use std::path::PathBuf;
use std::process::{Command, Output};

fn sprut(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sprut")).arg("--db").arg(db).args(args).output().expect("run sprut")
}

fn sample(name: &str) -> String {
    let p: PathBuf =
        [env!("CARGO_MANIFEST_DIR"), "..", "sprut-server", "tests", "data", "import", name].iter().collect();
    p.display().to_string()
}

/// Runs an import with `--json` and returns its outcome.
fn import(db: &str, args: &[&str]) -> (bool, serde_json::Value, String) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--json", "--as-of", "2026-11-23"]);
    let out = sprut(db, &all);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (out.status.success(), json, stderr)
}

fn tally(v: &serde_json::Value) -> (u64, u64, u64, usize) {
    let n = |k: &str| v[k].as_u64().unwrap_or(u64::MAX);
    (n("created"), n("updated"), n("skipped"), v["errors"].as_array().map_or(usize::MAX, Vec::len))
}

fn counts(db: &str) -> Vec<(&'static str, i64)> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let d = sprut_store::Db::open(db).await.unwrap();
        let c = d.counts().await.unwrap();
        d.close().await;
        c.into_iter().filter(|(t, _)| *t != "audit_events").collect()
    })
}

fn fresh() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    (dir, db)
}

#[test]
fn bitrix24_then_amocrm_deals_and_reruns_change_nothing() {
    let (_dir, db) = fresh();
    let companies = sample("bitrix24_companies.csv");
    let args = ["clients", companies.as_str(), "--preset", "bitrix24", "--create-employees"];
    let (ok, out, err) = import(&db, &args);
    assert!(ok, "{err} {out}");
    assert_eq!(tally(&out), (3, 0, 0, 0), "{out}");
    assert_eq!((out["employees_created"].as_u64(), out["inferred"].as_u64()), (Some(2), Some(3)));
    let before = counts(&db);
    let (ok, again, _) = import(&db, &args);
    assert!(ok);
    assert_eq!(tally(&again), (0, 0, 3, 0), "Windows-1251 read the same way twice changes nothing");
    assert_eq!(counts(&db), before);

    let deals = sample("amocrm_deals.csv");
    let args = ["deals", deals.as_str(), "--preset", "amocrm", "--create-employees"];
    let (ok, out, err) = import(&db, &args);
    assert!(ok, "{err} {out}");
    assert_eq!(tally(&out), (4, 0, 0, 0), "clients found by name, owners by name and e-mail: {out}");
    let before = counts(&db);
    let (_, again, _) = import(&db, &args);
    assert_eq!(tally(&again), (0, 0, 4, 0));
    assert_eq!(counts(&db), before);
}

#[test]
fn hubspot_companies_and_salesforce_opportunities() {
    let (dir, db) = fresh();
    let hubspot = sample("hubspot_companies.csv");
    let (ok, out, err) = import(&db, &["clients", &hubspot, "--preset", "hubspot", "--create-employees"]);
    assert!(ok, "{err} {out}");
    assert_eq!(tally(&out), (3, 0, 0, 0));

    let accounts = dir.path().join("accounts.csv");
    std::fs::write(
        &accounts,
        "Id,Name,OwnerId\n0015g00000XyZaBAAV,Acme Corporation,0055g000001X7tNAAS\n0015g00000XyZaCAAV,Globex LLC,\n",
    )
    .unwrap();
    let accounts = accounts.display().to_string();
    let (ok, out, err) = import(&db, &["clients", &accounts, "--preset", "salesforce", "--create-employees"]);
    assert!(ok, "{err} {out}");
    assert_eq!(tally(&out), (0, 0, 2, 0), "matched to the HubSpot clients by name: {out}");

    let opportunities = sample("salesforce_opportunities.csv");
    let args = ["deals", opportunities.as_str(), "--preset", "salesforce", "--value", "stage:Engaging=open"];
    let (ok, out, _) = import(&db, &args);
    assert!(!ok, "an owner only Salesforce knows is a row error");
    assert_eq!((out["errors"][0]["row"].as_u64(), out["errors"][0]["column"].as_str()), (Some(4), Some("OWNERID")));
    let mut args = args.to_vec();
    args.push("--create-employees");
    let (ok, out, err) = import(&db, &args);
    assert!(ok, "{err} {out}");
    assert_eq!(tally(&out), (4, 0, 0, 0), "deals find accounts and owners by their Salesforce ids");
}

#[test]
fn a_broken_file_reports_its_rows_and_imports_nothing() {
    let (dir, db) = fresh();
    let companies = sample("bitrix24_companies.csv");
    assert!(import(&db, &["clients", &companies, "--preset", "bitrix24", "--create-employees"]).0);
    let before = counts(&db);
    let broken = sample("broken_contacts.csv");
    let elsewhere = dir.path().join("broken.errors.csv");
    let elsewhere = elsewhere.to_str().unwrap();
    for extra in [&[][..], &["--partial", "--errors", elsewhere][..], &["--dry-run"][..]] {
        let mut args = vec!["contacts", broken.as_str()];
        args.extend_from_slice(extra);
        let (ok, out, err) = import(&db, &args);
        assert!(!ok, "{extra:?}");
        assert!(err.contains("the file ends inside a quoted field"), "{err}");
        let rows: Vec<(u64, String)> = out["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["row"].as_u64().unwrap(), e["field"].as_str().unwrap().to_string()))
            .collect();
        // Row 4's e-mail that is not an address is kept as written with a warning, not an error.
        // Row 7 names no company: it goes to the pool of contacts without a client.
        let want = [(3, "name"), (4, "decision_maker"), (5, "external_id"), (6, "")];
        assert_eq!(rows, want.map(|(r, f)| (r, f.to_string())), "{extra:?}");
        assert_eq!(out["duplicates"], 1, "row 5 repeats row 2's id");
        assert_eq!(out["committed"], false);
        assert_eq!(counts(&db), before, "{extra:?}: nothing imported");
    }
    // Without the cut, --partial loads the good rows and writes the bad ones to a file.
    let text = std::fs::read_to_string(&broken).unwrap();
    let whole = dir.path().join("contacts.csv");
    std::fs::write(&whole, &text[..text.find("c-7").unwrap()]).unwrap();
    let whole = whole.display().to_string();
    let (ok, out, _) = import(&db, &["contacts", &whole]);
    assert!(!ok);
    assert_eq!(counts(&db), before, "all or nothing by default");
    assert_eq!(out["created"], 3, "the dry count still says what would be created");
    let errors = dir.path().join("bad.csv");
    let (ok, out, err) = import(&db, &["contacts", &whole, "--partial", "--errors", errors.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert_eq!(tally(&out), (3, 0, 0, 4), "an odd phone or e-mail, or no company, no longer rejects a row: {out}");
    // The errors file holds the bad rows as the file had them, each once, with its reasons.
    let bad = std::fs::read_to_string(&errors).unwrap();
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).from_reader(bad.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers, ["error", "id", "client", "name", "position", "phones", "emails", "decision maker"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(ids, ["c-2", "c-3", "c-1", "c-4"], "{bad}");
    assert_eq!(&rows[1][5], "звонить вечером", "the cells as written");
    assert_eq!(&rows[3][8], "лишнее", "a cell past the header is kept");
    let reasons = &rows[1][0];
    assert!(reasons.starts_with("decision maker: "), "{reasons}");
    // Fixed in a spreadsheet and imported again: the error column is left alone.
    let fixed = bad.replace(
        "Пётр Ильин,Инженер,звонить вечером,petr@lutik,может быть",
        "Пётр Ильин,Инженер,+7 812 300-40-51,petr@lutik.ru,нет",
    );
    let refile = dir.path().join("fixed.csv");
    std::fs::write(&refile, fixed).unwrap();
    let (_, out, _) =
        import(&db, &["contacts", refile.to_str().unwrap(), "--partial", "--errors", errors.to_str().unwrap()]);
    assert_eq!(out["created"], 1, "the fixed row goes in: {out}");
}

#[test]
fn xlsx_and_a_forced_wrong_encoding() {
    let (dir, db) = fresh();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, t) in ["Название", "ИНН", "Сегмент"].iter().enumerate() {
        sheet.write_string(0, c as u16, *t).unwrap();
    }
    sheet.write_string(1, 0, "ООО Ромашка").unwrap();
    sheet.write_string(1, 1, "7707083893").unwrap();
    sheet.write_string(1, 2, "Опт").unwrap();
    sheet.write_string(2, 0, "АО Лютик").unwrap();
    let path = dir.path().join("clients.xlsx");
    book.save(&path).unwrap();
    let path = path.display().to_string();
    let (ok, out, err) = import(&db, &["clients", &path]);
    assert!(ok, "{err} {out}");
    assert_eq!(tally(&out), (2, 0, 0, 0));
    assert_eq!(tally(&import(&db, &["clients", &path]).1), (0, 0, 2, 0));

    let companies = sample("bitrix24_companies.csv");
    let (ok, _, err) = import(&db, &["clients", &companies, "--preset", "bitrix24", "--encoding", "utf-8"]);
    assert!(!ok);
    assert!(err.contains("not valid UTF-8"), "{err}");
}

/// A Salesforce export of a migrated org: the records were loaded after the deals closed, so
/// CreatedDate comes after CloseDate on every won deal. Nothing is refused: such deals open on
/// their close date, are counted in the report and left out of the sales cycle, which says so;
/// every deal keeps its owner, whatever its stage.
#[test]
fn migrated_salesforce_deals_created_after_they_closed() {
    let (dir, db) = fresh();
    let accounts = dir.path().join("accounts.csv");
    std::fs::write(&accounts, "Id,Name,OwnerId\n001A,Acme Corporation,005X\n001B,Globex LLC,005Y\n").unwrap();
    let (ok, out, err) =
        import(&db, &["clients", accounts.to_str().unwrap(), "--preset", "salesforce", "--create-employees"]);
    assert!(ok, "{err} {out}");
    let opportunities = dir.path().join("opportunities.csv");
    std::fs::write(
        &opportunities,
        "\"ID\",\"ACCOUNTID\",\"NAME\",\"STAGENAME\",\"AMOUNT\",\"CLOSEDATE\",\"ISWON\",\"ISCLOSED\",\"OWNERID\",\"CREATEDDATE\"\n\
         \"006A\",\"001A\",\"Acme renewal\",\"Closed Won\",\"15000.00\",\"2023-03-05\",\"true\",\"true\",\"005X\",\"2024-06-10T09:00:00.000+0000\"\n\
         \"006B\",\"001B\",\"Globex pilot\",\"Closed Won\",\"8000.00\",\"2023-11-20\",\"true\",\"true\",\"005Y\",\"2024-06-10T09:00:00.000+0000\"\n\
         \"006C\",\"001A\",\"Acme expansion\",\"Negotiation/Review\",\"42000.50\",\"2024-09-30\",\"false\",\"false\",\"005Y\",\"2024-06-09T22:30:00.000+0000\"\n\
         \"006D\",\"001B\",\"Globex lost\",\"Closed Lost\",\"1000.00\",\"2024-08-01\",\"false\",\"true\",\"005X\",\"2024-06-10T09:00:00.000+0000\"\n",
    )
    .unwrap();
    let (ok, out, err) =
        import(&db, &["deals", opportunities.to_str().unwrap(), "--preset", "salesforce", "--create-employees"]);
    assert!(ok, "{err} {out}");
    assert_eq!(tally(&out), (4, 0, 0, 0), "nothing refused: {out}");
    assert_eq!(out["openings_unknown"], 2, "{out}");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        use sprut_core::store::prelude::*;
        let store = sprut_store::Db::open(&db).await.unwrap();
        let page = sprut_core::page::PageRequest { after: None, limit: Some(50) };
        let deals = store.deals(&sprut_core::scope::Scope::All, &Default::default(), &page).await.unwrap().items;
        assert_eq!(deals.len(), 4);
        assert!(deals.iter().all(|d| d.owner_id.is_some()), "every stage keeps its owner");
        let migrated: Vec<_> = deals.iter().filter(|d| !d.opened_known).collect();
        assert_eq!(migrated.len(), 2);
        assert!(migrated.iter().all(|d| Some(d.opened_on) == d.closed_on));
        // 22:30 UTC on the 9th is 01:30 on the 10th in Moscow, the company's time zone.
        let expansion = deals.iter().find(|d| d.title == "Acme expansion").unwrap();
        assert_eq!(expansion.opened_on, time::macros::date!(2024 - 06 - 10));
        store.close().await;
    });
    let cycle = sprut(&db, &["cycle", "--as-of", "2026-11-23"]);
    let text = String::from_utf8_lossy(&cycle.stdout);
    assert!(text.contains("2 deal(s) left out: their opening date is unknown"), "{text}");
}

/// Amounts take their currency from the file's column, else `--currency`, else the company's
/// setting (no longer always RUB).
#[test]
fn amounts_take_the_file_s_the_option_s_or_the_company_s_currency() {
    let (dir, db) = fresh();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        use sprut_core::store::prelude::*;
        let store = sprut_store::Db::open(&db).await.unwrap();
        let usd = sprut_core::settings::Settings { currency: "USD".into(), ..Default::default() };
        store.save_settings(&sprut_core::Actor::system(time::OffsetDateTime::now_utc()), &usd).await.unwrap();
        store.close().await;
    });
    let file = dir.path().join("clients.csv");
    std::fs::write(&file, "Название;Потенциал;Валюта\nАльфа;1000;\nБета;2000;EUR\n").unwrap();
    let file = file.to_str().unwrap();
    let (ok, out, err) = import(&db, &["clients", file]);
    assert!(ok, "{err} {out}");
    let currencies = |db: &str| {
        rt.block_on(async {
            use sprut_core::store::prelude::*;
            let store = sprut_store::Db::open(db).await.unwrap();
            let page = sprut_core::page::PageRequest { after: None, limit: Some(10) };
            let mut got: Vec<(String, String)> = store
                .clients(&sprut_core::scope::Scope::All, &Default::default(), &page)
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|i| (i.client.name, i.client.currency.as_str().to_string()))
                .collect();
            got.sort();
            store.close().await;
            got
        })
    };
    let pair = |n: &str, c: &str| (n.to_string(), c.to_string());
    assert_eq!(currencies(&db), [pair("Альфа", "USD"), pair("Бета", "EUR")], "the column, else the company's");
    let (ok, out, err) = import(&db, &["clients", file, "--currency", "kzt"]);
    assert!(ok, "{err} {out}");
    assert_eq!(currencies(&db), [pair("Альфа", "KZT"), pair("Бета", "EUR")], "the column, else --currency");
    let (ok, _, err) = import(&db, &["clients", file, "--currency", "рубли"]);
    assert!(!ok && err.contains("--currency"), "{err}");
}

/// The same file without record ids imported in batches of 1, 7 and 5,000 rows gives the
/// same base: each client is held by the owner of its latest deal in the whole file, and a row
/// repeating another (same client, title and opening) is reported, never merged.
#[test]
fn the_result_does_not_depend_on_the_batches() {
    let dir = tempfile::tempdir().unwrap();
    let clients = dir.path().join("clients.csv");
    let mut text = String::from("Название\n");
    for i in 0..12 {
        text.push_str(&format!("Клиент {i}\n"));
    }
    std::fs::write(&clients, text).unwrap();
    let deals = dir.path().join("deals.csv");
    let mut text = String::from("Клиент;Сделка;Стадия;Сумма;Дата начала;Дата закрытия;Ответственный\n");
    for round in 0..3 {
        for i in 0..12u32 {
            // Round 2 is the latest for even clients, round 0 for odd ones.
            let month = if i.is_multiple_of(2) { 1 + round * 3 } else { 9 - round * 3 };
            let owner = ["Анна Орлова", "Борис Лебедев", "Вера Соколова"][round];
            text.push_str(&format!("Клиент {i};Поставка {round};open;1000;2024-{month:02}-01;;{owner}\n"));
        }
    }
    text.push_str("Клиент 3;Поставка 1;open;1000;2024-06-01;;Борис Лебедев\n");
    std::fs::write(&deals, text).unwrap();
    let mut bases = Vec::new();
    for batch in ["1", "7", "5000"] {
        let db = format!("sqlite://{}?mode=rwc", dir.path().join(format!("b{batch}.db")).display());
        let (ok, out, err) = import(&db, &["clients", clients.to_str().unwrap(), "--batch-rows", batch]);
        assert!(ok, "{err} {out}");
        let args = ["deals", deals.to_str().unwrap(), "--create-employees", "--partial", "--batch-rows", batch];
        let (ok, out, err) = import(&db, &args);
        assert!(ok, "{err} {out}");
        assert_eq!(tally(&out), (36, 0, 0, 1), "batch {batch}: {out}");
        assert!(out["errors"][0]["reason"].as_str().unwrap().contains("already appeared in row 17"), "{out}");
        bases.push((batch, held(&db)));
    }
    let (_, first) = &bases[0];
    assert_eq!(first.len(), 12);
    assert!(
        first.iter().all(|(c, h, _)| {
            let i: usize = c.trim_start_matches("Клиент ").parse().unwrap();
            h == if i.is_multiple_of(2) { "Вера Соколова" } else { "Анна Орлова" }
        }),
        "{first:?}"
    );
    for (batch, b) in &bases[1..] {
        assert_eq!(b, first, "batches of {batch} rows give the same holders");
    }
}

/// Each client's holder (name) and since when, by client name.
fn held(db: &str) -> Vec<(String, String, String)> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        use sprut_core::store::prelude::*;
        let store = sprut_store::Db::open(db).await.unwrap();
        let page = sprut_core::page::PageRequest { after: None, limit: Some(100) };
        let items = store.clients(&sprut_core::scope::Scope::All, &Default::default(), &page).await.unwrap().items;
        let mut out: Vec<(String, String, String)> = items
            .into_iter()
            .map(|i| {
                let h = i.holder.expect("inferred holder");
                (i.client.name, h.name, h.since.to_string())
            })
            .collect();
        out.sort();
        store.close().await;
        out
    })
}

/// The text report lists every column and where it goes, so no column is dropped unseen.
#[test]
fn the_report_lists_where_each_column_goes() {
    let (dir, db) = fresh();
    let file = dir.path().join("clients.csv");
    std::fs::write(&file, "Название;ИНН;Банковские реквизиты;Комментарий\nАльфа;;р/с 40702810;важный\n").unwrap();
    let out = sprut(&db, &["import", "clients", file.to_str().unwrap(), "--dry-run", "--map", "Комментарий=-"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Название") && text.contains("→ name") && text.contains("→ legal_id"), "{text}");
    assert!(text.lines().any(|l| l.contains("Банковские реквизиты") && l.contains("kept as an extra field")), "{text}");
    assert!(text.lines().any(|l| l.contains("Комментарий") && l.contains("left out by --map")), "{text}");
}

/// Columns no field matches are kept with the record ("From the import"): a Bitrix24 company
/// with its bank details, type, staff and comment, a Salesforce opportunity with its
/// description, next step, probability, lead source and type. A re-run changes nothing; the
/// export carries them.
#[test]
fn unmapped_columns_land_as_extra_fields() {
    let (dir, db) = fresh();
    let companies = dir.path().join("companies.csv");
    std::fs::write(
        &companies,
        "ID;Название компании;Тип компании;Банковские реквизиты;Кол-во сотрудников;Комментарий\n\
         12;ООО Ромашка;Клиент;р/с 40702810900000012345 в ПАО Сбербанк;50-250;звонить утром\n",
    )
    .unwrap();
    let (ok, out, err) = import(&db, &["clients", companies.to_str().unwrap(), "--preset", "bitrix24"]);
    assert!(ok, "{err} {out}");
    let kept: Vec<&str> = out["extra_columns"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(kept, ["Тип компании", "Банковские реквизиты", "Кол-во сотрудников", "Комментарий"], "{out}");
    let (ok, again, _) = import(&db, &["clients", companies.to_str().unwrap(), "--preset", "bitrix24"]);
    assert!(ok);
    assert_eq!(tally(&again), (0, 0, 1, 0), "a re-run changes nothing: {again}");
    let opportunities = dir.path().join("opportunities.csv");
    std::fs::write(
        &opportunities,
        "Id,AccountId,Name,StageName,Amount,CloseDate,IsWon,IsClosed,Description,NextStep,Probability,LeadSource,Type\n\
         006A,ООО Ромашка,Ромашка: поставка,Prospecting,1000.00,2026-12-30,false,false,Тендер на 2027 год,Встреча 10.12,20,Web,New Customer\n",
    )
    .unwrap();
    let args = ["deals", opportunities.to_str().unwrap(), "--preset", "salesforce", "--map", "AccountId=client"];
    let (ok, out, err) = import(&db, &args);
    assert!(ok, "{err} {out}");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (client_extra, deal_extra) = rt.block_on(async {
        use sprut_core::store::prelude::*;
        let store = sprut_store::Db::open(&db).await.unwrap();
        let page = sprut_core::page::PageRequest { after: None, limit: Some(10) };
        let all = sprut_core::scope::Scope::All;
        let client = store.clients(&all, &Default::default(), &page).await.unwrap().items.remove(0).client;
        let deal = store.deals(&all, &Default::default(), &page).await.unwrap().items.remove(0);
        // Searchable by their values.
        let by_bank = sprut_core::client::ClientFilter { q: Some("Сбербанк".into()), ..Default::default() };
        let found = store.clients(&all, &by_bank, &page).await.unwrap().items;
        assert_eq!(found.len(), 1, "the client search finds an extra field's value");
        store.close().await;
        (client.extra, deal.extra)
    });
    assert_eq!(
        client_extra.get("Банковские реквизиты").map(String::as_str),
        Some("р/с 40702810900000012345 в ПАО Сбербанк")
    );
    assert_eq!(client_extra.get("Комментарий").map(String::as_str), Some("звонить утром"));
    assert_eq!(client_extra.len(), 4, "{client_extra:?}");
    for (k, v) in [
        ("Description", "Тендер на 2027 год"),
        ("NextStep", "Встреча 10.12"),
        ("Probability", "20"),
        ("LeadSource", "Web"),
        ("Type", "New Customer"),
    ] {
        assert_eq!(deal_extra.get(k).map(String::as_str), Some(v), "{deal_extra:?}");
    }
}

/// A Bitrix24 company with six phone, three e-mail, six site and five messenger columns keeps
/// every one of them, each with its kind and label; a pager `060` and an extension are kept as
/// written with a warning and never reject the row; the phones are found by their digits; a
/// re-run changes nothing; the export carries them. A Bitrix24 contact file in its field codes
/// lands its phones, e-mails and messengers the same way.
#[test]
fn a_bitrix24_company_keeps_every_channel() {
    let (dir, db) = fresh();
    let file = sample("bitrix24_company_channels.csv");
    let args = ["clients", file.as_str(), "--preset", "bitrix24"];
    let (ok, out, err) = import(&db, &args);
    assert!(ok, "{err} {out}");
    assert_eq!(tally(&out), (1, 0, 0, 0), "{out}");
    let warnings: Vec<(&str, &str)> = out["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["column"].as_str().unwrap(), w["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        warnings,
        [
            ("Пейджер", "'060' does not read as a phone number of RU; kept as written"),
            ("Другой телефон", "'доб. 12' does not read as a phone number of RU; kept as written"),
        ],
        "{out}"
    );
    assert_eq!(out["warnings_total"], 2);
    let kept: Vec<&str> = out["extra_columns"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(kept, ["Банковские реквизиты"], "the legal address is the address; the rest are channels");
    let (ok, again, _) = import(&db, &args);
    assert!(ok);
    assert_eq!(tally(&again), (0, 0, 1, 0), "a re-run changes nothing: {again}");

    let contacts = dir.path().join("contacts.csv");
    std::fs::write(
        &contacts,
        "ID;NAME;SECOND_NAME;LAST_NAME;COMPANY_ID;PHONE_WORK;PHONE_MOBILE;PHONE_PAGER;EMAIL_WORK;EMAIL_HOME;IM_TELEGRAM;WEB_HOME\n\
         7;Иван;Петрович;Иванов;301;+7 (495) 123-45-70;8 916 555-01-09;060;i.ivanov@sever.ru;ivan@mail.ru;@ivanov;https://ivanov.me\n",
    )
    .unwrap();
    let (ok, out, err) = import(&db, &["contacts", contacts.to_str().unwrap(), "--preset", "bitrix24"]);
    assert!(ok, "{err} {out}");
    assert_eq!((tally(&out), out["warnings_total"].as_u64()), ((1, 0, 0, 0), Some(1)), "{out}");

    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (client, found, contact) = rt.block_on(async {
        use sprut_core::store::prelude::*;
        let store = sprut_store::Db::open(&db).await.unwrap();
        let page = sprut_core::page::PageRequest { after: None, limit: Some(10) };
        let all = sprut_core::scope::Scope::All;
        let client = store.clients(&all, &Default::default(), &page).await.unwrap().items.remove(0).client;
        let by_digits = sprut_core::client::ClientFilter { q: Some("74951234569".into()), ..Default::default() };
        let found = store.clients(&all, &by_digits, &page).await.unwrap().items.len();
        let contact = store.contacts(&all, &Default::default(), &page).await.unwrap().items.remove(0);
        store.close().await;
        (client, found, contact)
    });
    use sprut_core::channel::{ChannelKind as K, ChannelLabel as L};
    let got: Vec<(K, L, &str, Option<&str>)> =
        client.channels.iter().map(|c| (c.kind, c.label, c.value.as_str(), c.e164.as_deref())).collect();
    assert_eq!(
        got,
        [
            (K::Phone, L::Work, "+7 (495) 123-45-67", Some("+74951234567")),
            (K::Phone, L::Mobile, "8 916 555-01-02", Some("+79165550102")),
            (K::Phone, L::Fax, "+7 495 123-45-69", Some("+74951234569")),
            (K::Phone, L::Home, "8 (495) 765-43-21", Some("+74957654321")),
            (K::Phone, L::Other, "060", None),
            (K::Phone, L::Other, "доб. 12", None),
            (K::Email, L::Work, "office@sever.ru", None),
            (K::Email, L::Home, "Ivanov@mail.ru", None),
            (K::Email, L::Other, "buh@sever.ru", None),
            (K::Web, L::Work, "https://sever.ru", None),
            (K::Web, L::Home, "https://ivanov.me", None),
            (K::Web, L::Work, "https://facebook.com/sever", None),
            (K::Web, L::Work, "https://vk.com/sever", None),
            (K::Web, L::Work, "https://twitter.com/sever", None),
            (K::Web, L::Other, "sever.shop", None),
            (K::Messenger, L::Work, "@sever_sales", None),
            (K::Messenger, L::Work, "+7 916 555-01-02", None),
            (K::Messenger, L::Work, "sever.skype", None),
            (K::Messenger, L::Work, "+7 916 555-01-03", None),
            (K::Messenger, L::Other, "icq 123456", None),
        ]
    );
    assert_eq!(client.channels[17].source_column.as_deref(), Some("Контакт Skype"));
    assert_eq!(client.address.as_deref(), Some("г. Москва, ул. Тверская, д. 1"));
    assert_eq!(found, 1, "the client search finds a phone by its digits");
    assert_eq!(contact.name, "Иванов Иван Петрович");
    assert_eq!(contact.phones, ["+7 (495) 123-45-70", "8 916 555-01-09"]);
    assert_eq!(contact.emails, ["i.ivanov@sever.ru", "ivan@mail.ru"]);
    let other: Vec<(K, &str)> = contact.channels.iter().map(|c| (c.kind, c.value.as_str())).collect();
    assert_eq!(other, [(K::Phone, "060"), (K::Web, "https://ivanov.me"), (K::Messenger, "@ivanov")]);

    let row =
        sprut_core::export::client_row(&sprut_core::client::ClientListItem { client, holder: None, coverage: None });
    assert!(row
        .iter()
        .any(|cell| cell.contains("phone (fax): +7 495 123-45-69") && cell.contains("messenger: sever.skype")));
}

/// Bitrix24's own contact sample has no company column: its contacts land in the pool instead of
/// refusing the file, are listed by `sprut contacts pool`, and `sprut contacts attach` gives one
/// to its client; a re-run leaves it there.
#[test]
fn contacts_without_a_company_wait_in_the_pool() {
    let (dir, db) = fresh();
    let file = dir.path().join("contacts.csv");
    std::fs::write(
        &file,
        "ID;NAME;SECOND_NAME;LAST_NAME;POST;PHONE_WORK;EMAIL_WORK\n\
         1;Иван;Петрович;Иванов;Директор;+7 (495) 123-45-67;ivanov@example.ru\n\
         2;Мария;;Смирнова;Бухгалтер;;smirnova@example.ru\n",
    )
    .unwrap();
    let args = ["contacts", file.to_str().unwrap(), "--preset", "bitrix24"];
    let (ok, out, err) = import(&db, &args);
    assert!(ok, "{err} {out}");
    assert_eq!(tally(&out), (2, 0, 0, 0), "{out}");
    let pool = sprut(&db, &["contacts", "pool", "--json"]);
    let listed: serde_json::Value = serde_json::from_slice(&pool.stdout).unwrap();
    let names: Vec<&str> = listed.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Иванов Иван Петрович", "Смирнова Мария"]);
    let clients = dir.path().join("clients.csv");
    std::fs::write(&clients, "Название;ИНН\nООО Ромашка;7707083893\n").unwrap();
    assert!(import(&db, &["clients", clients.to_str().unwrap()]).0);
    let id = listed[0]["id"].as_str().unwrap();
    let attach = sprut(&db, &["contacts", "attach", id, "--client", "7707083893"]);
    assert!(attach.status.success(), "{}", String::from_utf8_lossy(&attach.stderr));
    let (ok, again, _) = import(&db, &args);
    assert!(ok);
    assert_eq!(tally(&again), (0, 0, 2, 0), "the attached contact stays with its client: {again}");
    let pool = sprut(&db, &["contacts", "pool"]);
    let text = String::from_utf8_lossy(&pool.stdout);
    assert!(text.contains("Смирнова Мария") && !text.contains("Иванов") && text.contains("1 contact(s)"), "{text}");
}

/// Salesforce leads land as prospects: a client nobody holds (for a head to hand to a hunter)
/// with its person as a contact; a lead without a company makes the person the client; what
/// no field takes (source, status, owner, description) stays with the client; a re-run changes
/// nothing.
#[test]
fn salesforce_leads_become_unheld_prospects_with_their_contact() {
    let (dir, db) = fresh();
    let leads = dir.path().join("leads.csv");
    std::fs::write(
        &leads,
        "Id,FirstName,LastName,Company,Title,Phone,Email,Website,LeadSource,Status,OwnerId,Industry,State,CreatedDate,Description\n\
         00Q1,Анна,Котова,ООО Вектор,Закупщик,+7 495 765-43-21,kotova@vector.ru,https://vector.ru,Web,Open - Not Contacted,005X,Опт,Москва,2026-10-01T09:00:00.000+0000,Просит прайс\n\
         00Q2,Олег,Сидоров,,ИП,8 916 555-01-07,sidorov@mail.ru,,Phone Inquiry,Working,005X,,,2026-10-02T09:00:00.000+0000,\n",
    )
    .unwrap();
    let args = ["leads", leads.to_str().unwrap(), "--preset", "salesforce"];
    let (ok, out, err) = import(&db, &args);
    assert!(ok, "{err} {out}");
    assert_eq!(tally(&out), (4, 0, 0, 0), "two clients and two contacts: {out}");
    let (ok, again, _) = import(&db, &args);
    assert!(ok);
    assert_eq!(tally(&again), (0, 0, 4, 0), "a re-run changes nothing: {again}");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        use sprut_core::store::prelude::*;
        let store = sprut_store::Db::open(&db).await.unwrap();
        let page = sprut_core::page::PageRequest { after: None, limit: Some(10) };
        let all = sprut_core::scope::Scope::All;
        let clients = store.clients(&all, &Default::default(), &page).await.unwrap().items;
        let names: Vec<(&str, bool)> = clients.iter().map(|i| (i.client.name.as_str(), i.holder.is_none())).collect();
        assert_eq!(names, [("Олег Сидоров", true), ("ООО Вектор", true)]);
        let vector = &clients[1].client;
        assert_eq!((vector.segment.as_deref(), vector.region.as_deref()), (Some("Опт"), Some("Москва")));
        assert_eq!(vector.extra.get("LeadSource").map(String::as_str), Some("Web"));
        assert_eq!(vector.extra.get("Description").map(String::as_str), Some("Просит прайс"));
        assert_eq!(vector.channels.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(), ["https://vector.ru"]);
        let contacts = store.contacts(&all, &Default::default(), &page).await.unwrap().items;
        let people: Vec<(&str, sprut_core::ClientId, &str)> =
            contacts.iter().map(|c| (c.name.as_str(), c.client_id, c.position.as_deref().unwrap_or(""))).collect();
        assert!(people.contains(&("Анна Котова", vector.id, "Закупщик")), "{people:?}");
        assert!(people.contains(&("Олег Сидоров", clients[0].client.id, "ИП")), "{people:?}");
        let kotova = contacts.iter().find(|c| c.name == "Анна Котова").unwrap();
        assert_eq!(
            (kotova.phones.clone(), kotova.emails.clone()),
            (vec!["+7 495 765-43-21".to_string()], vec!["kotova@vector.ru".to_string()])
        );
        store.close().await;
    });
}
