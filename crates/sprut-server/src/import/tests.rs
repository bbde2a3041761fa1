//! Sample exports of each supported system, read through [`TableReader`] and parsed by
//! `sprut_core::import`, as the import command will do.

use super::*;
use sprut_core::activity::ActivityKind;
use sprut_core::deal::DealStage;
use sprut_core::import::*;
use std::path::PathBuf;
use time::macros::{date, datetime};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/import").join(name)
}

/// What an import's dry run sees.
struct Loaded {
    reader: TableReader,
    mapping: Mapping,
    records: Vec<(u64, ImportRecord)>,
    errors: Vec<RowError>,
    file_error: Option<FileError>,
}

fn load_from(mut reader: TableReader, entity: ImportEntity, preset: Preset, maps: &[&str], values: &[&str]) -> Loaded {
    let mut mapping = suggest_mapping(entity, preset, reader.headers());
    mapping.apply_overrides(maps).unwrap();
    mapping.check().unwrap();
    let values = ValueMaps::parse(entity, values).unwrap();
    let (mut records, mut errors, mut file_error) = (Vec::new(), Vec::new(), None);
    let mut dups = DuplicateTracker::new();
    for row in reader.by_ref() {
        match row {
            Err(e) => file_error = Some(e),
            Ok(row) => match parse_row(entity, &mapping, &values, row.number, &row.cells) {
                Ok(record) => {
                    let dup = dups.check(&mapping, row.number, &record);
                    if dup.is_empty() {
                        records.push((row.number, record));
                    } else {
                        errors.extend(dup);
                    }
                }
                Err(e) => errors.extend(e),
            },
        }
    }
    Loaded { reader, mapping, records, errors, file_error }
}

fn load(name: &str, entity: ImportEntity, preset: Preset, values: &[&str]) -> Loaded {
    let reader = TableReader::open(data(name), &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    load_from(reader, entity, preset, &[], values)
}

fn rub() -> Option<sprut_core::money::Currency> {
    Some(sprut_core::money::Currency::rub())
}

#[test]
fn bitrix24_companies_in_windows_1251() {
    let l = load("bitrix24_companies.csv", ImportEntity::Clients, Preset::Bitrix24, &[]);
    assert_eq!(l.reader.format(), SourceFormat::Csv);
    assert_eq!((l.reader.delimiter(), l.reader.encoding()), (Some(b';'), Some("windows-1251")));
    assert_eq!(l.mapping.unmapped(), ["Тип компании", "Комментарий"]);
    assert!(l.errors.is_empty() && l.file_error.is_none(), "{:?} {:?}", l.errors, l.file_error);
    let clients: Vec<(u64, ClientRecord)> = l
        .records
        .into_iter()
        .map(|(n, r)| match r {
            ImportRecord::Client(c) => (n, c),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(clients.iter().map(|c| c.0).collect::<Vec<_>>(), [2, 3, 4], "the comment's newline is not a row");
    let romashka = &clients[0].1;
    assert_eq!(romashka.external_id.as_deref(), Some("101"));
    assert_eq!(romashka.name, "ООО \"Ромашка\"");
    assert_eq!(romashka.legal_id.as_deref(), Some("7707083893"));
    assert_eq!(romashka.segment.as_deref(), Some("Розничная торговля"));
    let values: Vec<&str> = romashka.channels.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(
        values,
        ["+7 495 123-45-67", "+7 495 123-45-68", "+7 916 555-01-02", "info@romashka.ru", "sales@romashka.ru"]
    );
    assert_eq!(romashka.address.as_deref(), Some("г. Москва, ул. Лесная, д. 5"));
    assert_eq!(romashka.holder, Some(PersonRef::Name("Иван Петров".into())));
    assert_eq!((romashka.potential_minor, &romashka.currency), (Some(12_000_000_00), &rub()));
    assert_eq!(romashka.created_on, Some(date!(2024 - 03 - 05)));
    let lutik = &clients[1].1;
    assert_eq!(
        (lutik.potential_minor, &lutik.currency, lutik.channels.len()),
        (None, &None, 2),
        "a phone and an e-mail"
    );
    let ip = &clients[2].1;
    assert_eq!((ip.legal_id.as_deref(), ip.potential_minor), (Some("500100732259"), Some(950_000_50)));
}

#[test]
fn amocrm_deals_in_utf8_with_bom() {
    let l = load("amocrm_deals.csv", ImportEntity::Deals, Preset::Amocrm, &[]);
    assert_eq!(l.reader.headers()[0], "ID", "the BOM is not part of the first title");
    assert!(l.errors.is_empty() && l.file_error.is_none(), "{:?} {:?}", l.errors, l.file_error);
    let deals: Vec<DealRecord> = l
        .records
        .into_iter()
        .map(|(_, r)| match r {
            ImportRecord::Deal(d) => d,
            other => panic!("{other:?}"),
        })
        .collect();
    let summary: Vec<(&str, DealStage, i64, Option<time::Date>)> =
        deals.iter().map(|d| (d.title.as_str(), d.stage, d.amount_minor, d.closed_on)).collect();
    assert_eq!(
        summary,
        [
            ("Поставка оборудования", DealStage::Won, 1_250_000_00, Some(date!(2024 - 02 - 28))),
            ("Сервисный контракт", DealStage::Open, 480_000_00, None),
            ("Тендер на 2024", DealStage::Lost, 3_000_000_00, Some(date!(2024 - 03 - 01))),
            ("Допродажа", DealStage::Open, 75_500_50, None),
        ]
    );
    assert_eq!(deals[0].client, Ref::Name("ООО \"Ромашка\"".into()));
    assert_eq!(deals[0].opened_on, Some(date!(2024 - 01 - 12)));
    assert_eq!(deals[0].external_id.as_deref(), Some("24315001"));
    assert_eq!(deals[1].owner, Some(PersonRef::Email("maria@firm.ru".into())));
    assert_eq!(deals[2].owner, Some(PersonRef::Name("Иван Петров".into())));
}

#[test]
fn hubspot_companies() {
    let l = load("hubspot_companies.csv", ImportEntity::Clients, Preset::Hubspot, &[]);
    assert_eq!((l.reader.delimiter(), l.reader.encoding()), (Some(b','), None), "plain ASCII needs no decision");
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    let [(_, ImportRecord::Client(acme)), (_, ImportRecord::Client(globex)), (_, ImportRecord::Client(initech))] =
        &l.records[..]
    else {
        panic!("{:?}", l.records)
    };
    assert_eq!(acme.external_id.as_deref(), Some("5712345678"));
    assert_eq!(acme.name, "Acme Corporation");
    assert_eq!(acme.holder, Some(PersonRef::Email("jane.doe@firm.com".into())));
    assert_eq!((acme.created_on, acme.region.as_deref()), (Some(date!(2024 - 03 - 05)), Some("California")));
    assert_eq!((acme.potential_minor, acme.segment.as_deref()), (Some(5_000_000_00), Some("COMPUTER_SOFTWARE")));
    assert_eq!(globex.holder, Some(PersonRef::Name("John Smith".into())));
    assert_eq!(globex.potential_minor, Some(1_250_000_50));
    assert_eq!(
        (initech.holder.as_ref(), initech.channels.iter().map(|c| c.value.as_str()).collect::<Vec<_>>()),
        (None, vec!["+1 (512) 555-0199"])
    );
}

#[test]
fn salesforce_opportunities_from_data_loader() {
    let l = load("salesforce_opportunities.csv", ImportEntity::Deals, Preset::Salesforce, &["stage:Engaging=open"]);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    let deals: Vec<DealRecord> = l
        .records
        .into_iter()
        .map(|(_, r)| match r {
            ImportRecord::Deal(d) => d,
            other => panic!("{other:?}"),
        })
        .collect();
    let stages: Vec<(DealStage, i64, Option<time::Date>)> =
        deals.iter().map(|d| (d.stage, d.amount_minor, d.closed_on)).collect();
    assert_eq!(
        stages,
        [
            (DealStage::Won, 15_000_00, Some(date!(2024 - 03 - 05))),
            (DealStage::Open, 42_000_50, None),
            (DealStage::Lost, 8_000_00, Some(date!(2024 - 02 - 15))),
            (DealStage::Open, 0, None),
        ]
    );
    assert_eq!(deals[0].client, Ref::External("0015g00000XyZaBAAV".into()));
    assert_eq!(deals[0].owner, Some(PersonRef::External("0055g000001X7tNAAS".into())));
    assert_eq!(deals[0].opened_on, Some(date!(2024 - 01 - 10)));
    assert_eq!(deals[2].opened_on, Some(date!(2023 - 12 - 01)));
}

#[test]
fn a_broken_file_reports_every_bad_row_and_the_cut() {
    let l = load("broken_contacts.csv", ImportEntity::Contacts, Preset::Generic, &[]);
    let errors: Vec<(u64, &str, &str)> =
        l.errors.iter().map(|e| (e.row, e.column.as_str(), e.field.as_str())).collect();
    assert_eq!(
        errors,
        [(3, "name", "name"), (4, "decision maker", "decision_maker"), (5, "id", "external_id"), (6, "column 8", ""),]
    );
    assert_eq!(l.errors[2].reason.to_string(), "the id 'c-1' already appeared in row 2; each record must appear once");
    let rows: Vec<u64> = l.records.iter().map(|r| r.0).collect();
    assert_eq!(rows, [2, 7, 8, 9], "row 7 goes to the pool; row 8 spans two lines; row 9 is the cut one");
    let ImportRecord::Contact(kotov) = &l.records[2].1 else { panic!() };
    assert_eq!(kotov.position.as_deref(), Some("Главный\nинженер"));
    assert_eq!(
        l.file_error.map(|e| e.to_string()),
        Some(
            "row 9: the file ends inside a quoted field that starts at row 9: it is cut short, or a quote in that \
             row is not closed"
                .into()
        )
    );
}

#[test]
fn a_forced_wrong_encoding_is_a_file_error() {
    let options = ReadOptions { encoding: Encoding::Utf8, ..ReadOptions::default() };
    let err = TableReader::open(data("bitrix24_companies.csv"), &options).err().unwrap();
    assert!(
        err.to_string().starts_with("row 1: the file is not valid UTF-8 (at byte"),
        "the header itself is Cyrillic in Windows-1251: {err}"
    );
}

/// A small workbook: a first sheet to skip, then the header on Excel row 2, typed cells, and an
/// empty row between the data rows.
fn workbook() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let stamp = Format::new().set_num_format("dd.mm.yyyy hh:mm");
    let notes = book.add_worksheet();
    notes.set_name("Заметки").unwrap();
    notes.write_string(0, 0, "не тот лист").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Активности").unwrap();
    for (col, title) in ["Клиент", "Тип", "Дата", "Ответственный", "Описание"].iter().enumerate()
    {
        sheet.write_string(1, col as u16, *title).unwrap();
    }
    sheet.write_string(2, 0, "ООО \"Ромашка\"").unwrap();
    sheet.write_string(2, 1, "Звонок").unwrap();
    sheet.write_datetime_with_format(2, 2, ExcelDateTime::from_ymd(2024, 3, 5).unwrap(), &date).unwrap();
    sheet.write_string(2, 3, "ivan@firm.ru").unwrap();
    sheet.write_string(2, 4, "Обсудили поставку").unwrap();
    sheet.write_string(4, 0, "АО «Лютик»").unwrap();
    sheet.write_string(4, 1, "Встреча").unwrap();
    let at = ExcelDateTime::from_ymd(2024, 3, 6).unwrap().and_hms(14, 30, 0).unwrap();
    sheet.write_datetime_with_format(4, 2, at, &stamp).unwrap();
    sheet.write_string(4, 4, "Презентация").unwrap();
    sheet.write_string(5, 0, "АО «Лютик»").unwrap();
    sheet.write_string(5, 1, "Созвон в зуме").unwrap();
    sheet.write_number(5, 2, 1234.4999999999998).unwrap();
    sheet.write_string(5, 4, "?").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_activities_from_a_named_sheet() {
    let options = ReadOptions { sheet: Some("Активности".into()), ..ReadOptions::default() };
    let reader = TableReader::from_bytes(workbook(), Some("activities.xlsx"), &options).unwrap();
    assert_eq!(reader.format(), SourceFormat::Xlsx);
    assert_eq!(reader.headers(), ["Клиент", "Тип", "Дата", "Ответственный", "Описание"]);
    let l = load_from(reader, ImportEntity::Activities, Preset::Bitrix24, &[], &[]);
    let got: Vec<(u64, ActivityKind, time::OffsetDateTime, Option<PersonRef>)> = l
        .records
        .into_iter()
        .map(|(n, r)| match r {
            ImportRecord::Activity(a) => (n, a.kind, a.occurred_at, a.author),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        got,
        [
            (3, ActivityKind::Call, datetime!(2024-03-05 00:00 UTC), Some(PersonRef::Email("ivan@firm.ru".into()))),
            (5, ActivityKind::Meeting, datetime!(2024-03-06 14:30 UTC), None),
        ],
        "rows keep Excel's numbers across the title row and the empty row"
    );
    let errors: Vec<(u64, &str, String)> =
        l.errors.iter().map(|e| (e.row, e.column.as_str(), e.reason.to_string())).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, 6);
    assert!(errors[0].2.starts_with("'Созвон в зуме' is not an activity kind"));
    assert_eq!(errors[1], (6, "Дата", "'1234.5' is not a date and time (expected dd.mm.yyyy hh:mm, yyyy-mm-dd hh:mm:ss, yyyy-mm-ddThh:mm:ss+hhmm or mm/dd/yy hh:mm AM)".to_string()));
}

#[test]
fn xlsx_sheet_choice_and_damage() {
    let first = TableReader::from_bytes(workbook(), None, &ReadOptions::default()).unwrap();
    assert_eq!(first.headers(), ["не тот лист"]);
    let options = ReadOptions { sheet: Some("Сделки".into()), ..ReadOptions::default() };
    let err = TableReader::from_bytes(workbook(), None, &options).err().unwrap();
    assert_eq!(err.to_string(), "the workbook has no sheet 'Сделки'; its sheets are: Заметки, Активности");
    let mut cut = workbook();
    cut.truncate(cut.len() / 2);
    let err = TableReader::from_bytes(cut, Some("x.xlsx"), &ReadOptions::default()).err().unwrap();
    assert!(err.to_string().starts_with("not a valid XLSX file"), "{err}");
}
