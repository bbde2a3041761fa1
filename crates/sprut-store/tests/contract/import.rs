use crate::fixtures::*;
use sprut_core::activity::ActivityKind;
use sprut_core::deal::DealStage;
use sprut_core::import::*;
use sprut_core::page::PageRequest;
use sprut_core::rules::why::RuleWhy;
use sprut_core::scope::Scope;
use sprut_core::store::prelude::*;
use sprut_core::store::ChildFilter;
use sprut_store::Db;
use std::collections::BTreeMap;
use time::macros::{date, datetime};

/// Batches given in advance.
struct Given(Vec<ImportBatch>);

impl ImportBatches for Given {
    fn next_batch(&mut self) -> Result<Option<ImportBatch>, FileError> {
        Ok((!self.0.is_empty()).then(|| self.0.remove(0)))
    }
}

fn batch(records: Vec<ImportRecord>) -> ImportBatch {
    let n = records.len() as u64;
    ImportBatch { rows: n, records: (2..).zip(records).collect(), ..ImportBatch::default() }
}

fn options(entity: ImportEntity) -> ImportOptions {
    ImportOptions {
        entity,
        source: "amocrm".into(),
        file_name: "test.csv".into(),
        dry_run: false,
        partial: false,
        create_employees: false,
        today: date!(2026 - 11 - 23),
        columns: BTreeMap::from([("holder".to_string(), "Ответственный".to_string())]),
    }
}

fn client(ext: &str, name: &str, legal: Option<&str>, parent: Option<&str>, holder: Option<PersonRef>) -> ImportRecord {
    ImportRecord::Client(ClientRecord {
        external_id: Some(ext.into()),
        name: name.into(),
        legal_id: legal.map(Into::into),
        parent: parent.map(|p| Ref::External(p.into())),
        segment: Some("Опт".into()),
        region: None,
        tier: None,
        potential_minor: Some(100_000),
        currency: None,
        address: None,
        holder,
        created_on: Some(date!(2024 - 01 - 10)),
        channels: Vec::new(),
        extra: Default::default(),
    })
}

fn deal(ext: &str, client: Ref, stage: DealStage, opened: time::Date, owner: Option<PersonRef>) -> ImportRecord {
    ImportRecord::Deal(DealRecord {
        external_id: Some(ext.into()),
        client,
        title: format!("Сделка {ext}"),
        stage,
        amount_minor: 5_000_00,
        currency: None,
        opened_on: Some(opened),
        closed_on: (stage != DealStage::Open).then_some(date!(2024 - 06 - 01)),
        owner,
        opened_unknown: false,
        extra: Default::default(),
    })
}

async fn run(db: &Db, o: &ImportOptions, batches: Vec<ImportBatch>) -> ImportOutcome {
    db.import(&sys(), o, &mut Given(batches)).await.expect("import runs")
}

async fn counts(db: &Db) -> Vec<(&'static str, i64)> {
    db.counts().await.unwrap().into_iter().filter(|(t, _)| *t != "audit_events").collect()
}

pub async fn reimport_changes_nothing(db: &Db) {
    let c = company(db).await;
    let file = || {
        vec![
            batch(vec![
                client("1", "ООО Ромашка", Some("7707083893"), None, Some(PersonRef::Email(c.rep_n.email.clone()))),
                client("2", "Лютик", None, Some("1"), None),
            ]),
            batch(vec![client("3", "Василёк", None, Some("2"), Some(PersonRef::Name(c.rep_s.name.clone())))]),
        ]
    };
    let o = options(ImportEntity::Clients);
    let first = run(db, &o, file()).await;
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    assert_eq!((first.created, first.updated, first.skipped, first.inferred), (3, 0, 0, 2));
    assert!(first.committed);
    let before = counts(db).await;
    let again = run(db, &o, file()).await;
    assert_eq!((again.created, again.updated, again.skipped, again.inferred), (0, 0, 3, 0));
    assert_eq!(counts(db).await, before, "a second run adds no rows");
    // The same clients found by legal id and by name from another source update, not duplicate.
    let mut other = options(ImportEntity::Clients);
    other.source = "bitrix24".into();
    let mut renamed = client("b-9", "ООО «Ромашка» (опт)", Some("7707083893"), None, None);
    if let ImportRecord::Client(r) = &mut renamed {
        r.segment = Some("Розница".into());
    }
    let by_keys = run(db, &other, vec![batch(vec![renamed, client("b-10", "Лютик", None, None, None)])]).await;
    assert_eq!((by_keys.created, by_keys.updated, by_keys.skipped), (0, 1, 1), "{:?}", by_keys.errors);
    let all = db.clients(&Scope::All, &Default::default(), &PageRequest::default()).await.unwrap();
    assert_eq!(all.items.len(), 3);
}

pub async fn relations_resolve_and_history_is_inferred(db: &Db) {
    let c = company(db).await;
    let o = options(ImportEntity::Clients);
    run(
        db,
        &o,
        vec![batch(vec![client("1", "Ромашка", None, None, None), client("2", "Лютик", None, Some("1"), None)])],
    )
    .await;
    let all = db.clients(&Scope::All, &Default::default(), &PageRequest::default()).await.unwrap();
    let romashka = all.items.iter().find(|i| i.client.name == "Ромашка").unwrap().client.clone();
    let lutik = all.items.iter().find(|i| i.client.name == "Лютик").unwrap().client.clone();
    assert_eq!(lutik.parent_id, Some(romashka.id), "the parent resolves by its external id");
    let owner = Some(PersonRef::Email(c.rep_n.email.clone()));
    let deals = vec![
        batch(vec![deal("d1", Ref::External("1".into()), DealStage::Won, date!(2024 - 03 - 01), owner.clone())]),
        batch(vec![
            deal("d2", Ref::Name("лютик".into()), DealStage::Open, date!(2024 - 05 - 01), owner.clone()),
            deal("d3", Ref::External("1".into()), DealStage::Lost, date!(2024 - 02 - 01), owner.clone()),
        ]),
    ];
    let out = run(db, &options(ImportEntity::Deals), deals).await;
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!((out.created, out.inferred), (3, 2));
    let held = db.assignments(&Scope::All, romashka.id).await.unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].employee_id, c.rep_n.id);
    assert_eq!(held[0].started_on, date!(2024 - 02 - 01), "from the first deal, even one in a later batch");
    assert!(held[0].explanation.contains("inferred"));
    assert_eq!(held[0].why, Some(RuleWhy::Inferred { source: o.source.clone(), holder: false }), "kept as data");
    let won = db
        .deals(
            &Scope::All,
            &ChildFilter { client_id: Some(romashka.id), ..Default::default() },
            &PageRequest::default(),
        )
        .await
        .unwrap();
    let d1 = won.items.iter().find(|d| d.stage == DealStage::Won).unwrap();
    assert_eq!(
        (d1.opened_on, d1.closed_on, d1.credited_to),
        (date!(2024 - 03 - 01), Some(date!(2024 - 06 - 01)), Some(c.rep_n.id))
    );
    // Every deal keeps its owner, whatever its stage; only the won one is credited.
    let owners: Vec<(DealStage, Option<sprut_core::EmployeeId>, bool)> =
        won.items.iter().map(|d| (d.stage, d.owner_id, d.credited_to.is_some())).collect();
    assert_eq!(owners.len(), 2);
    for (stage, owner, credited) in owners {
        assert_eq!(owner, Some(c.rep_n.id), "{stage}");
        assert_eq!(credited, stage == DealStage::Won, "{stage}");
    }
    // An activity by the same rep changes nothing about the holding.
    let touch = ImportRecord::Activity(ActivityRecord {
        external_id: Some("a1".into()),
        client: Ref::External("2".into()),
        kind: ActivityKind::Call,
        occurred_at: datetime!(2023-12-01 10:00 UTC),
        author: owner,
        text: "Первый звонок".into(),
        outcome: None,
        extra: [("Тема".to_string(), "Прайс на 2024".to_string())].into(),
    });
    let out = run(db, &options(ImportEntity::Activities), vec![batch(vec![touch.clone()])]).await;
    assert_eq!((out.created, out.inferred), (1, 0));
    let again = run(db, &options(ImportEntity::Activities), vec![batch(vec![touch])]).await;
    assert_eq!((again.created, again.updated, again.skipped), (0, 0, 1), "a touch's extra fields stay as they were");
    let f = ChildFilter { client_id: Some(lutik.id), ..Default::default() };
    let page = PageRequest { after: None, limit: Some(10) };
    let touches = db.activities(&Scope::All, &f, &page).await.unwrap().items;
    assert_eq!(touches[0].extra.get("Тема").map(String::as_str), Some("Прайс на 2024"), "kept from the import");
    assert_eq!(db.assignments(&Scope::All, lutik.id).await.unwrap()[0].started_on, date!(2023 - 12 - 01));
    // The source names another holder: the inferred holding ends, the named one starts, both
    // with their reason as data.
    let named = client("1", "Ромашка", None, None, Some(PersonRef::Email(c.rep_s.email.clone())));
    let out = run(db, &o, vec![batch(vec![named])]).await;
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let held = db.assignments(&Scope::All, romashka.id).await.unwrap();
    assert_eq!(held.len(), 2);
    assert_eq!(held[0].end_why, Some(RuleWhy::HolderElsewhere { source: o.source.clone() }));
    assert_eq!(
        (held[1].employee_id, held[1].why.clone()),
        (c.rep_s.id, Some(RuleWhy::Inferred { source: o.source, holder: true }))
    );
}

pub async fn unknown_holder_is_a_row_error_and_nothing_is_written(db: &Db) {
    let c = company(db).await;
    let before = counts(db).await;
    let o = options(ImportEntity::Clients);
    let recs = vec![
        client("1", "Ромашка", None, None, Some(PersonRef::Email(c.rep_n.email.clone()))),
        client("2", "Лютик", None, None, Some(PersonRef::Name("Иван Петров".into()))),
    ];
    let out = run(db, &o, vec![batch(recs.clone())]).await;
    assert!(!out.committed);
    assert_eq!(out.errors.len(), 1);
    let e = &out.errors[0];
    assert_eq!((e.row, e.column.as_str(), e.field.as_str()), (3, "Ответственный", "holder"));
    assert!(e.reason.to_string().contains("Иван Петров"), "{}", e.reason);
    assert_eq!(counts(db).await, before, "all or nothing: the good row is not written either");
    // A dry run reports the same and writes nothing.
    let dry = run(db, &ImportOptions { dry_run: true, ..o.clone() }, vec![batch(recs.clone())]).await;
    assert_eq!((dry.created, dry.errors.len(), dry.committed), (1, 1, false));
    assert_eq!(counts(db).await, before);
    // Partial loads the good row; --create-employees makes an inactive one for the unknown.
    let part = run(db, &ImportOptions { partial: true, ..o.clone() }, vec![batch(recs.clone())]).await;
    assert_eq!((part.created, part.errors.len(), part.committed), (1, 1, true));
    let made = run(db, &ImportOptions { create_employees: true, ..o }, vec![batch(recs)]).await;
    assert_eq!((made.created, made.skipped, made.employees_created, made.errors.len()), (1, 1, 1, 0));
    let petrov = db
        .employees(&Default::default(), &PageRequest::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|e| e.name == "Иван Петров")
        .expect("created");
    assert_eq!(petrov.status, sprut_core::employee::EmployeeStatus::Absent);
}

pub async fn unresolved_client_and_file_error_write_nothing(db: &Db) {
    company(db).await;
    let before = counts(db).await;
    let out = run(
        db,
        &options(ImportEntity::Deals),
        vec![batch(vec![deal("d1", Ref::Name("Нет такого".into()), DealStage::Open, date!(2024 - 01 - 01), None)])],
    )
    .await;
    assert_eq!(out.errors.len(), 1);
    assert_eq!(out.errors[0].field, "client");
    assert!(!out.committed);
    struct Cut(u8);
    impl ImportBatches for Cut {
        fn next_batch(&mut self) -> Result<Option<ImportBatch>, FileError> {
            self.0 += 1;
            match self.0 {
                1 => Ok(Some(batch(vec![client("1", "Ромашка", None, None, None)]))),
                _ => Err(FileError::unreadable(Some(3), "the file ends inside a quoted field")),
            }
        }
    }
    let cut = db
        .import(&sys(), &ImportOptions { partial: true, ..options(ImportEntity::Clients) }, &mut Cut(0))
        .await
        .unwrap();
    assert!(cut.file_error.is_some() && !cut.committed);
    assert_eq!(counts(db).await, before);
}

/// Batches given in advance, keeping every error the store spills.
struct Spilled(Vec<ImportBatch>, Vec<RowError>);

impl ImportBatches for Spilled {
    fn next_batch(&mut self) -> Result<Option<ImportBatch>, FileError> {
        Ok((!self.0.is_empty()).then(|| self.0.remove(0)))
    }

    fn spill(&mut self, errors: &[RowError]) {
        self.1.extend_from_slice(errors);
    }
}

pub async fn a_flood_of_bad_rows_is_counted_listed_in_part_and_spilled_whole(db: &Db) {
    company(db).await;
    let before = counts(db).await;
    let o = options(ImportEntity::Deals);
    // Two batches: parse errors of every other row, and deals whose client is unknown.
    let batches: Vec<ImportBatch> = (0..2u64)
        .map(|b| {
            let first = 2 + b * 1000;
            let records = (first..first + 1000)
                .step_by(2)
                .map(|row| {
                    (
                        row,
                        deal(
                            &format!("d{row}"),
                            Ref::Name("Нет такого".into()),
                            DealStage::Open,
                            date!(2024 - 01 - 01),
                            None,
                        ),
                    )
                })
                .collect();
            let errors = (first + 1..first + 1000)
                .step_by(2)
                .map(|row| o.row_error(row, "amount", sprut_core::Reason::Amount { value: "not a sum".into() }))
                .collect();
            ImportBatch { rows: 1000, records, errors, ..ImportBatch::default() }
        })
        .collect();
    let mut given = Spilled(batches, Vec::new());
    let out = db.import(&sys(), &o, &mut given).await.unwrap();
    assert_eq!(out.errors_total, 2000);
    assert_eq!(out.errors.len(), REPORTED_ERRORS);
    assert_eq!(out.errors_unlisted(), 2000 - REPORTED_ERRORS as u64);
    let rows: Vec<u64> = given.1.iter().map(|e| e.row).collect();
    assert_eq!(rows, (2..2002).collect::<Vec<u64>>(), "every error, in row order");
    assert_eq!(out.errors[..], given.1[..REPORTED_ERRORS], "the listed ones are the first");
    assert!(!out.committed);
    assert_eq!(counts(db).await, before);
}

fn person(name: &str, team: Option<&str>, manager: Option<&str>) -> ImportRecord {
    ImportRecord::Employee(EmployeeRecord {
        external_id: None,
        email: None,
        name: name.into(),
        role: None,
        department: None,
        team: team.map(Into::into),
        region: None,
        manager: manager.map(|m| PersonRef::Name(m.into())),
    })
}

/// A sales-team sheet with names, managers and regional offices but no e-mails: everyone lands,
/// unable to sign in until an administrator adds an e-mail; each manager heads the team of the
/// people who report to him (a manager named after his people, too); a re-run changes nothing.
pub async fn a_sales_team_sheet_without_emails(db: &Db) {
    let sheet = || {
        vec![batch(vec![
            person("Соколова Анна", Some("Казань"), Some("Морозов Павел")),
            person("Зайцев Олег", None, Some("Белова Ирина")),
            person("Морозов Павел", Some("Казань"), None),
            person("Белова Ирина", None, None),
            person("Лебедев Кирилл", Some("Казань"), Some("Лебедев Кирилл")),
        ])]
    };
    let mut o = options(ImportEntity::Employees);
    o.partial = true;
    let out = run(db, &o, sheet()).await;
    assert_eq!((out.created, out.errors_total), (5, 1), "{out:?}");
    assert_eq!(out.errors[0].reason.to_string(), "an employee cannot be his own manager");
    let page = PageRequest { after: None, limit: Some(100) };
    let people = db.employees(&Default::default(), &page).await.unwrap().items;
    let by = |n: &str| people.iter().find(|e| e.name == n).unwrap().clone();
    assert!(people.iter().all(|e| !sprut_core::employee::has_mailbox(&e.email)), "no one can be mailed or sign in");
    let teams = db.teams().await.unwrap();
    let kazan = teams.iter().find(|t| t.name == "Казань").unwrap();
    assert_eq!(kazan.head_id, Some(by("Морозов Павел").id));
    assert_eq!(by("Морозов Павел").role, sprut_core::employee::Role::Head, "a manager heads");
    let belova = teams.iter().find(|t| t.head_id == Some(by("Белова Ирина").id)).expect("her team");
    assert_eq!(belova.name, "Белова Ирина");
    assert_eq!(by("Зайцев Олег").team_id, Some(belova.id));
    let before = counts(db).await;
    let again = run(db, &o, sheet()).await;
    assert_eq!((again.created, again.updated, again.skipped), (0, 0, 5), "{again:?}");
    assert_eq!(counts(db).await, before, "a re-run changes nothing");
}

fn loose(ext: Option<&str>, name: &str, phone: &str) -> ImportRecord {
    ImportRecord::Contact(ContactRecord {
        external_id: ext.map(Into::into),
        client: None,
        name: name.into(),
        position: Some("Главный бухгалтер".into()),
        phones: vec![phone.into()],
        emails: Vec::new(),
        channels: Vec::new(),
        decision_maker: None,
        consent: None,
        extra: Default::default(),
    })
}

/// Contacts a file names without a company land in the pool (never refusing the file); a
/// re-run changes nothing; a head attaches one to its client, where it keeps its id, and a
/// later run of the same file leaves it there.
pub async fn contacts_without_a_client_wait_in_the_pool(db: &Db) {
    use sprut_core::contact_pool::ContactPoolStore;
    let file = || {
        vec![batch(vec![
            loose(Some("c1"), "Иванова Мария", "+7 495 111-22-33"),
            loose(None, "Петров Пётр", "+7 495 111-22-44"),
        ])]
    };
    let o = options(ImportEntity::Contacts);
    let out = run(db, &o, file()).await;
    assert_eq!((out.created, out.errors_total, out.committed), (2, 0, true), "{out:?}");
    let again = run(db, &o, file()).await;
    assert_eq!((again.created, again.updated, again.skipped), (0, 0, 2), "{again:?}");
    let page = PageRequest { after: None, limit: Some(10) };
    let pool = db.pooled_contacts(&page).await.unwrap().items;
    let names: Vec<&str> = pool.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Иванова Мария", "Петров Пётр"]);
    let alfa = crate::fixtures::client(db, "Альфа", "Опт").await;
    let attached = db.attach_contact(&sys(), pool[0].id, alfa.id).await.unwrap();
    assert_eq!(
        (attached.id, attached.client_id, attached.phones.clone()),
        (pool[0].id, alfa.id, pool[0].phones.clone())
    );
    assert_eq!(db.contact(&Scope::All, attached.id).await.unwrap(), attached);
    assert_eq!(db.attach_contact(&sys(), pool[0].id, alfa.id).await.unwrap(), attached, "again: the same answer");
    let beta = crate::fixtures::client(db, "Бета", "Опт").await;
    assert!(matches!(db.attach_contact(&sys(), pool[0].id, beta.id).await, Err(sprut_core::CoreError::NotFound(_))));
    assert_eq!(db.pooled_contacts(&page).await.unwrap().items.len(), 1);
    let third = run(db, &o, file()).await;
    assert_eq!((third.created, third.updated, third.skipped), (0, 0, 2), "the attached one stays with its client");
    assert_eq!(db.pooled_contacts(&page).await.unwrap().items.len(), 1);
}

fn lead(ext: &str, company: Option<&str>, person: &str) -> ImportRecord {
    let name = company.unwrap_or(person);
    let mut client = match client(ext, name, None, None, None) {
        ImportRecord::Client(c) => c,
        _ => unreachable!("a client"),
    };
    client.created_on = None;
    ImportRecord::Lead(Box::new(LeadRecord {
        client,
        contact: Some(ContactRecord {
            external_id: Some(ext.into()),
            client: Some(Ref::External(ext.into())),
            name: person.into(),
            position: None,
            phones: Vec::new(),
            emails: vec![format!("{ext}@lead.ru")],
            channels: Vec::new(),
            decision_maker: None,
            consent: None,
            extra: Default::default(),
        }),
    }))
}

/// Leads become prospects nobody holds, each with its person as a contact; a lead naming a
/// company the base has adds its person there; a re-run changes nothing.
pub async fn leads_become_unheld_prospects(db: &Db) {
    let known = crate::fixtures::client(db, "ООО Известная", "Опт").await;
    let file = || {
        vec![batch(vec![
            lead("00Q1", Some("ООО Вектор"), "Анна Котова"),
            lead("00Q2", None, "Олег Сидоров"),
            lead("00Q3", Some("ООО Известная"), "Ирина Белова"),
        ])]
    };
    let o = options(ImportEntity::Leads);
    let out = run(db, &o, file()).await;
    assert_eq!((out.created, out.updated, out.errors_total), (5, 1, 0), "{out:?}");
    let before = counts(db).await;
    let again = run(db, &o, file()).await;
    assert_eq!((again.created, again.updated, again.skipped), (0, 0, 6), "{again:?}");
    assert_eq!(counts(db).await, before);
    let page = PageRequest { after: None, limit: Some(10) };
    let clients = db.clients(&Scope::All, &Default::default(), &page).await.unwrap().items;
    let names: Vec<(&str, bool)> = clients.iter().map(|i| (i.client.name.as_str(), i.holder.is_none())).collect();
    assert_eq!(names, [("Олег Сидоров", true), ("ООО Вектор", true), ("ООО Известная", true)]);
    let f = ChildFilter { client_id: Some(known.id), ..Default::default() };
    let people = db.contacts(&Scope::All, &f, &page).await.unwrap().items;
    assert_eq!(people.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Ирина Белова"]);
}

fn placed(ext: Option<&str>, client: &str, name: &str) -> ImportRecord {
    match loose(ext, name, "+7 495 111-22-33") {
        ImportRecord::Contact(mut c) => {
            c.client = Some(Ref::External(client.into()));
            ImportRecord::Contact(c)
        }
        _ => unreachable!("a contact"),
    }
}

/// A first import into empty tables (whose indexes SQLite sets aside meanwhile) leaves every
/// index as the migrations made it, whether it commits, is a dry run, or is refused; a row
/// without an id in a later batch is still matched to the record an earlier batch wrote; and
/// clients with different ids sharing a name stay different clients whatever the batches.
pub async fn a_first_import_into_empty_tables_keeps_the_schema(db: &Db) {
    let clients_idx = db.indexes("clients").await.unwrap();
    let contacts_idx = db.indexes("contacts").await.unwrap();
    let o = options(ImportEntity::Clients);
    let same_name = vec![
        batch(vec![client("1", "Ромашка", None, None, None), client("2", "Ромашка", None, Some("1"), None)]),
        batch(vec![client("3", "Ромашка", None, None, None)]),
    ];
    let mut dry = o.clone();
    dry.dry_run = true;
    let out = run(db, &dry, same_name.clone()).await;
    assert_eq!((out.created, out.committed), (3, false), "{out:?}");
    assert_eq!(db.indexes("clients").await.unwrap(), clients_idx, "a dry run keeps the indexes");
    let out = run(db, &o, same_name).await;
    assert_eq!((out.created, out.updated, out.errors_total), (3, 0, 0), "{:?}", out.errors);
    assert_eq!(db.indexes("clients").await.unwrap(), clients_idx);
    let o = options(ImportEntity::Contacts);
    let refused = vec![batch(vec![placed(Some("k1"), "1", "Анна"), placed(Some("k2"), "404", "Борис")])];
    let out = run(db, &o, refused).await;
    assert_eq!((out.errors_total, out.committed), (1, false), "{:?}", out.errors);
    assert_eq!(db.indexes("contacts").await.unwrap(), contacts_idx, "a refused import keeps the indexes");
    let file = || {
        vec![
            batch(vec![placed(Some("k1"), "1", "Анна"), placed(Some("k2"), "2", "Борис")]),
            batch(vec![placed(None, "1", "Анна"), placed(Some("k3"), "3", "Вера")]),
            batch(vec![placed(Some("k4"), "3", "Глеб")]),
        ]
    };
    let out = run(db, &o, file()).await;
    assert_eq!((out.created, out.skipped, out.committed), (4, 1, true), "{:?}", out.errors);
    assert_eq!(db.indexes("contacts").await.unwrap(), contacts_idx);
    let again = run(db, &o, file()).await;
    assert_eq!((again.created, again.updated, again.skipped), (0, 0, 5), "{again:?}");
}
