//! The words of the import pages, in Russian and English.

use super::pick;
use sprut_core::employee::Language;
use sprut_core::import::ImportEntity;

phrases! {
    /// Navigation and page title.
    title: "Импорт"
        | "Import",
    /// What the page is for.
    lead: "Загрузите выгрузку из Битрикс24, amoCRM, HubSpot, Salesforce или таблицу Excel (CSV или XLSX). \
         sprut предложит, какой столбец во что загрузить, и покажет, что будет создано и обновлено и какие строки с ошибками, \
         прежде чем что-то изменить. Повторная загрузка того же файла ничего не меняет."
        | "Upload an export from Bitrix24, amoCRM, HubSpot, Salesforce or an Excel sheet (CSV or XLSX). \
         sprut suggests which column goes where and shows what would be created and updated and which rows are bad \
         before anything changes. Loading the same file again changes nothing.",
    /// What the file holds.
    entity_label: "Что в файле"
        | "What the file holds",
    /// Whose export.
    preset: "Откуда выгрузка"
        | "Exported from",
    /// A generic spreadsheet.
    generic: "Таблица (любая)"
        | "Spreadsheet (any)",
    /// Text encoding.
    encoding: "Кодировка CSV"
        | "CSV encoding",
    /// Detect the encoding.
    auto: "определить"
        | "detect",
    /// The file field.
    file: "Файл"
        | "File",
    /// The upload button.
    upload: "Загрузить и проверить"
        | "Upload and check",
    /// No file was chosen.
    no_file: "Выберите файл CSV или XLSX."
        | "Choose a CSV or XLSX file.",
    /// The mapping section.
    mapping: "Столбцы"
        | "Columns",
    /// Column header: the file's column.
    column: "Столбец файла"
        | "File column",
    /// Column header: the sprut field.
    field: "Поле sprut"
        | "sprut field",
    /// Do not import a column.
    skip: "— не загружать —"
        | "— do not import —",
    /// The mapping choice that keeps a column as an extra field of the record.
    keep_extra: "— сохранить как доп. поле —"
        | "— keep as an extra field —",
    /// Re-check with the chosen mapping.
    recheck: "Проверить снова"
        | "Check again",
    /// The dry run section.
    preview: "Что будет загружено"
        | "What would be imported",
    /// Nothing was imported because of bad rows.
    refused: "Ничего не загружено: в файле есть строки с ошибками. Исправьте их или загрузите только хорошие строки."
        | "Nothing was imported: the file has bad rows. Fix them, or load only the good rows.",
    /// Row errors heading.
    errors: "Строки с ошибками"
        | "Bad rows",
    /// Row column header.
    row: "Строка"
        | "Row",
    /// Reason column header.
    reason: "Что не так"
        | "What is wrong",
    /// The Bitrix24 preset, as its makers write it in each language.
    bitrix24: "Битрикс24"
        | "Bitrix24",
    /// The first column of the bad rows' file.
    error: "ошибка"
        | "error",
    /// Load the good rows only.
    partial: "Загрузить хорошие строки, пропустив плохие"
        | "Load the good rows, leave out the bad ones",
    /// Create unknown employees.
    create_employees: "Создать неизвестных ответственных как неактивных сотрудников"
        | "Create unknown owners as inactive employees",
    /// The apply button.
    apply: "Загрузить в базу"
        | "Import into the base",
    /// Another file.
    another: "Загрузить другой файл"
        | "Upload another file",
    /// The heading of the cells kept as written though they did not read as expected.
    warnings: "Предупреждения: значения сохранены как есть"
        | "Warnings: values kept as written",
    /// The link to the contacts an import found without a client.
    pool_link: "Контакты без клиента: привязать к клиентам"
        | "Contacts without a client: attach them to clients",
    /// The link to the file of bad rows.
    errors_file: "Скачать строки с ошибками (CSV): исправьте и загрузите снова"
        | "Download the bad rows (CSV): fix them and upload again",
}

/// An entity's name.
pub fn entity(lang: Language, e: ImportEntity) -> &'static str {
    match e {
        ImportEntity::Clients => pick(lang, "Клиенты", "Clients"),
        ImportEntity::Contacts => pick(lang, "Контакты", "Contacts"),
        ImportEntity::Employees => pick(lang, "Сотрудники", "Employees"),
        ImportEntity::Deals => pick(lang, "Сделки", "Deals"),
        ImportEntity::Activities => pick(lang, "Касания", "Activities"),
        ImportEntity::Receivables => pick(lang, "Дебиторка", "Receivables"),
        ImportEntity::Leads => pick(lang, "Лиды", "Leads"),
    }
}

/// Figures of an outcome.
pub fn figures(lang: Language, rows: u64, created: u64, updated: u64, skipped: u64, bad: u64) -> String {
    match lang {
        Language::Ru => format!(
            "Строк: {rows}. Создать: {created}, обновить: {updated}, без изменений: {skipped}. Строк с ошибками: {bad}."
        ),
        Language::En => {
            format!("Rows: {rows}. To create: {created}, to update: {updated}, unchanged: {skipped}. Bad rows: {bad}.")
        }
    }
}

/// Figures of a finished import.
pub fn done(lang: Language, created: u64, updated: u64, skipped: u64, bad: u64) -> String {
    match lang {
        Language::Ru => format!(
            "Загружено. Создано: {created}, обновлено: {updated}, без изменений: {skipped}, пропущено строк с ошибками: {bad}."
        ),
        Language::En => {
            format!("Imported. Created: {created}, updated: {updated}, unchanged: {skipped}, bad rows left out: {bad}.")
        }
    }
}

/// The bad rows beyond those listed on the page.
pub fn more_errors(lang: Language, n: u64) -> String {
    match lang {
        Language::Ru => format!("…и ещё {n} ошибок. Все ошибки попадут в файл ошибок при загрузке из командной строки (sprut import --partial)."),
        Language::En => format!("…and {n} more. The command line writes them all to an errors file (sprut import --partial)."),
    }
}

/// The kept upload is gone (expired, imported, or sent to another server).
pub fn upload_gone(lang: Language) -> &'static str {
    match lang {
        Language::Ru => "Загруженный файл больше не хранится (прошёл час, он уже загружен или запрос попал на другой сервер). Выберите файл ещё раз.",
        Language::En => "The uploaded file is no longer kept (an hour passed, it was imported, or the request reached another server). Choose the file again.",
    }
}

/// Canary rows of an export of this base, left out.
pub fn canaries(lang: Language, n: u64) -> String {
    match lang {
        Language::Ru => {
            format!("Пропущено контрольных строк выгрузки из этой базы: {n} (они метят файл и не являются клиентами).")
        }
        Language::En => {
            format!("Canary rows of an export of this base left out: {n} (they mark the file; they are not records).")
        }
    }
}

/// The warnings beyond those listed on the page.
pub fn more_warnings(lang: Language, n: u64) -> String {
    match lang {
        Language::Ru => format!("…и ещё {n} предупреждений."),
        Language::En => format!("…and {n} more warnings."),
    }
}

/// Deals created after they closed (migrated records).
pub fn openings_unknown(lang: Language, n: u64) -> String {
    match lang {
        Language::Ru => format!(
            "Сделок, созданных в источнике позже закрытия (перенесённые записи): {n}. Они открываются датой закрытия и не входят в расчёт цикла сделки."
        ),
        Language::En => format!(
            "Deals created after they closed (migrated records): {n}. They open on their close date and stay out of the sales cycle."
        ),
    }
}

/// The rest of the report: repeated rows, warnings, columns kept as extra fields.
pub fn more_figures(lang: Language, duplicates: u64, warnings: u64, extra: usize) -> String {
    match lang {
        Language::Ru => format!(
            "Из них повторяют более раннюю строку: {duplicates}. Предупреждений: {warnings}. Колонок сохранено как доп. поля: {extra}."
        ),
        Language::En => format!(
            "Of them repeating an earlier row: {duplicates}. Warnings: {warnings}. Columns kept as extra fields: {extra}."
        ),
    }
}

/// The name of an import field (its code as `--map` writes it) in `lang`, with the code.
pub fn field_name(lang: Language, code: &str) -> String {
    let label = match lang {
        Language::Ru => match code {
            "external_id" => "ид. записи в источнике",
            "client" => "клиент (название)",
            "client_id" => "клиент (ид. в источнике)",
            "currency" => "валюта",
            "first_name" => "имя",
            "middle_name" => "отчество",
            "last_name" => "фамилия",
            "phones" => "телефоны",
            "emails" => "эл. почта",
            "websites" => "сайты",
            "messengers" => "мессенджеры",
            "address" => "адрес",
            "amount" => "сумма",
            "author" => "автор (почта или имя)",
            "author_id" => "автор (ид. в источнике)",
            "closed_on" => "дата закрытия",
            "consent" => "согласие на письма",
            "created_on" => "дата создания",
            "decision_maker" => "ЛПР",
            "department" => "отдел",
            "due_on" => "срок оплаты",
            "email" => "эл. почта",
            "holder" => "держатель (почта или имя)",
            "holder_id" => "держатель (ид. в источнике)",
            "is_closed" => "закрыта",
            "is_won" => "выиграна",
            "issued_on" => "дата счёта",
            "kind" => "вид",
            "legal_id" => "ИНН",
            "manager" => "руководитель (почта или имя)",
            "manager_id" => "руководитель (ид. в источнике)",
            "name" => "название или ФИО",
            "number" => "номер счёта",
            "occurred_at" => "когда было",
            "opened_on" => "дата начала",
            "outcome" => "итог",
            "owner" => "ответственный (почта или имя)",
            "owner_id" => "ответственный (ид. в источнике)",
            "paid_on" => "дата оплаты",
            "parent" => "головная компания (название)",
            "parent_id" => "головная компания (ид. в источнике)",
            "position" => "должность",
            "potential" => "потенциал",
            "region" => "регион",
            "role" => "роль",
            "segment" => "сегмент",
            "stage" => "стадия",
            "team" => "команда",
            "text" => "текст",
            "tier" => "категория",
            "title" => "предмет",
            _ => return code.to_string(),
        },
        Language::En => match code {
            "external_id" => "source record id",
            "client" => "client (name)",
            "client_id" => "client (source id)",
            "currency" => "currency",
            "first_name" => "first name",
            "middle_name" => "middle name",
            "last_name" => "last name",
            "phones" => "phones",
            "emails" => "e-mails",
            "websites" => "websites",
            "messengers" => "messengers",
            "address" => "address",
            "amount" => "amount",
            "author" => "author (e-mail or name)",
            "author_id" => "author (source id)",
            "closed_on" => "closed on",
            "consent" => "consent to letters",
            "created_on" => "created on",
            "decision_maker" => "decision maker",
            "department" => "department",
            "due_on" => "due on",
            "email" => "e-mail",
            "holder" => "holder (e-mail or name)",
            "holder_id" => "holder (source id)",
            "is_closed" => "closed",
            "is_won" => "won",
            "issued_on" => "issued on",
            "kind" => "kind",
            "legal_id" => "tax id (INN)",
            "manager" => "manager (e-mail or name)",
            "manager_id" => "manager (source id)",
            "name" => "name",
            "number" => "invoice number",
            "occurred_at" => "occurred at",
            "opened_on" => "opened on",
            "outcome" => "outcome",
            "owner" => "owner (e-mail or name)",
            "owner_id" => "owner (source id)",
            "paid_on" => "paid on",
            "parent" => "parent company (name)",
            "parent_id" => "parent company (source id)",
            "position" => "position",
            "potential" => "potential",
            "region" => "region",
            "role" => "role",
            "segment" => "segment",
            "stage" => "stage",
            "team" => "team",
            "text" => "text",
            "tier" => "tier",
            "title" => "title",
            _ => return code.to_string(),
        },
    };
    format!("{label} ({code})")
}
