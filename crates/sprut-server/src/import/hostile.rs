//! Files made to hurt the reader: a sparse XLSX whose two cells lie at the ends of the sheet,
//! a zip bomb, endless rows and columns, a row with no end. Each is refused with a message
//! that names the cap, in little time and memory.

use super::read::{ReadOptions, TableReader};
use super::ReadLimits;
use rust_xlsxwriter::Workbook;
use std::io::Write;

fn open(bytes: Vec<u8>, name: &str, limits: ReadLimits) -> Result<TableReader, String> {
    TableReader::from_bytes(bytes, Some(name), &ReadOptions { limits, ..ReadOptions::default() })
        .map_err(|e| e.to_string())
}

/// Every row of the file, or the first error.
fn read_all(bytes: Vec<u8>, name: &str, limits: ReadLimits) -> Result<Vec<Vec<String>>, String> {
    let reader = open(bytes, name, limits)?;
    reader.map(|r| r.map(|r| r.cells).map_err(|e| e.to_string())).collect()
}

/// A workbook of one sheet whose XML is `sheet_data` inside `<sheetData>`, with shared strings.
fn raw_workbook(sheet_data: &[u8], shared: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &[u8]); 5] = [
        ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet &amp; 1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
        ("xl/sharedStrings.xml", shared.as_bytes()),
        ("xl/worksheets/sheet1.xml", b""),
    ];
    for (name, body) in parts {
        zip.start_file(name, deflate).unwrap();
        if name.ends_with("sheet1.xml") {
            zip.write_all(br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
            zip.write_all(sheet_data).unwrap();
            zip.write_all(b"</sheetData></worksheet>").unwrap();
        } else {
            zip.write_all(body).unwrap();
        }
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn two_cells_at_the_ends_of_the_sheet_are_refused_not_allocated() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "name").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 10_000, "a small file: {} bytes", bytes.len());
    let err = read_all(bytes, "sparse.xlsx", ReadLimits::default()).unwrap_err();
    assert_eq!(
        err,
        "row 1048576: cell XFD1048576 is in column 16384; at most 1000 columns are read: delete what lies beyond \
         the table (Ctrl+End in Excel shows the last cell in use)"
    );
}

#[test]
fn rows_far_apart_are_read_as_they_come() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "name").unwrap();
    sheet.write_string(0, 2, "city").unwrap();
    sheet.write_string(1_048_575, 2, "Тверь").unwrap();
    let reader = open(book.save_to_buffer().unwrap(), "far.xlsx", ReadLimits::default()).unwrap();
    assert_eq!(reader.headers(), ["name", "", "city"]);
    let rows: Vec<_> = reader.map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].number, rows[0].cells.as_slice()),
        (1_048_576, &["".to_string(), "".into(), "Тверь".into()][..])
    );
}

#[test]
fn a_zip_bomb_is_refused_at_the_cap() {
    let spaces = vec![b' '; 12 * 1024 * 1024];
    let bytes = raw_workbook(&spaces, r#"<sst count="0" uniqueCount="0"/>"#);
    assert!(bytes.len() < 100_000, "{} bytes packed", bytes.len());
    let limits = ReadLimits { max_unzipped_bytes: 4 * 1024 * 1024, ..ReadLimits::default() };
    let err = read_all(bytes.clone(), "bomb.xlsx", limits).err().unwrap();
    assert!(err.starts_with("the workbook unpacks to more than 4 MB"), "{err}");
    // Within the size cap, a run of whitespace is refused before a reader gathers it whole.
    let err = read_all(bytes, "bomb.xlsx", ReadLimits::default()).err().unwrap();
    assert!(err.starts_with("the workbook holds more than 4 MB without any markup"), "{err}");
}

#[test]
fn a_forged_string_count_and_too_many_rows() {
    let mut data = Vec::new();
    for r in 1..=30 {
        data.extend_from_slice(
            format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}"><v>{r}</v></c></row>"#).as_bytes(),
        );
    }
    let shared = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="99999999999999" uniqueCount="99999999999999"><si><t>ООО &quot;Ромашка&quot; &amp; К_x00B0_</t></si></sst>"#;
    let rows = read_all(raw_workbook(&data, shared), "ok.xlsx", ReadLimits::default()).unwrap();
    assert_eq!(rows.len(), 29);
    assert_eq!(rows[0], ["ООО \"Ромашка\" & К°", "2"]);
    let limits = ReadLimits { max_rows: 10, ..ReadLimits::default() };
    let err = read_all(raw_workbook(&data, shared), "many.xlsx", limits).unwrap_err();
    assert_eq!(err, "row 12: the sheet has more than 10 data rows; split it into smaller files");
}

#[test]
fn a_missing_shared_string_and_broken_xml_are_named() {
    let data = br#"<row r="1"><c r="A1" t="s"><v>7</v></c></row>"#;
    let err = read_all(raw_workbook(data, "<sst/>"), "x.xlsx", ReadLimits::default()).unwrap_err();
    assert!(err.contains("refers to shared string 7, which the workbook lacks"), "{err}");
    let err = read_all(raw_workbook(b"<row r=\"1\"><c r=\"A1\"><v>1</v>", "<sst/>"), "x.xlsx", ReadLimits::default())
        .unwrap_err();
    assert!(err.starts_with("not a valid XLSX file"), "{err}");
}

#[test]
fn csv_caps_on_rows_columns_and_row_length() {
    let limits = ReadLimits { max_rows: 3, max_columns: 4, max_row_bytes: 1000, ..ReadLimits::default() };
    let many = "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n";
    let err = read_all(many.as_bytes().to_vec(), "x.csv", limits).unwrap_err();
    assert_eq!(err, "row 5: the file has more than 3 data rows; split it into smaller files");
    let wide = format!("a,b\n{}\n", ["x"; 9].join(","));
    let err = read_all(wide.into_bytes(), "x.csv", limits).unwrap_err();
    assert!(err.starts_with("row 2: it has 9 columns; at most 4 are read"), "{err}");
    let long = format!("a,b\n\"{}\n", "x".repeat(5000));
    let err = read_all(long.into_bytes(), "x.csv", limits).unwrap_err();
    assert!(err.starts_with("the row on line 2 holds more than 1 MB: a quote may be left open"), "{err}");
}
