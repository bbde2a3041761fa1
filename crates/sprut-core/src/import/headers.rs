//! Column titles of real exports, per preset and entity, and a generic dictionary.
//!
//! Titles are compared normalised: lower-cased, `ё` read as `е`, everything but letters and
//! digits dropped ("E-mail" = "email", "Record ID" = "recordid" = "RecordId"). A title earlier
//! in a list is preferred when several columns of a file match the same field.
//!
//! Sources of the titles:
//! - Bitrix24: the Russian column captions of its CRM lists, which its CSV/Excel export writes as
//!   the header row (bitrix24 core, `components/bitrix/crm.company.list/lang/ru/component.php`:
//!   «ID», «Название компании», «Телефон», «E-mail», «Фактический адрес», «Юридический адрес»,
//!   «Сфера деятельности», «Годовой оборот», «Валюта», «Ответственный», «Дата создания»;
//!   `crm.contact.list/lang/ru`: «Имя», «Фамилия», «Отчество», «Должность», «Компания»;
//!   `crm.deal.list/lang/ru`: «Название сделки», «Стадия сделки», «Сумма», «Дата начала»,
//!   «Предполагаемая дата закрытия», «Сделка закрыта»). Multi-value fields are exported one
//!   column per type («Рабочий телефон», «Мобильный телефон», «Рабочий e-mail», «Частный
//!   e-mail»); its requisites add «ИНН». Help: helpdesk.bitrix24.ru "Импорт данных в CRM".
//! - amoCRM: the titles of its list export («ID», «Название сделки»/«Наименование», «Бюджет»,
//!   «Ответственный», «Статус сделки»/«Этап сделки», «Компания», «Дата создания», «Дата
//!   закрытия», «Рабочий телефон», «Рабочий email»), as listed in the import issue; no official
//!   column list was found in the searchable docs, so variants seen in users' files are added.
//! - HubSpot: exports use property labels ("Record ID", "Company name", "Company Domain Name",
//!   "Company owner", "Create Date", "Phone Number", "Industry", "Annual Revenue",
//!   "Associated Company IDs", "Deal Name", "Deal Stage", "Close Date", "Deal owner");
//!   knowledge.hubspot.com "Set up your import files" and the companies API property names.
//! - Salesforce: Data Loader and the weekly Data Export write API field names; Account: `Id`,
//!   `Name`, `ParentId`, `OwnerId`, `Industry`, `BillingState`, `AnnualRevenue`, `Phone`;
//!   Opportunity: `Id`, `Name`, `AccountId`, `OwnerId`, `StageName`, `Amount`, `CloseDate`,
//!   `IsWon`, `IsClosed`, `CreatedDate`, `CurrencyIsoCode` (developer.salesforce.com, Salesforce
//!   Field Reference: Account, Opportunity).

use super::generic::generic;
use super::{ImportEntity, Preset};

/// A dictionary: (column title, field), best first.
pub(crate) type Synonyms = &'static [(&'static str, &'static str)];

/// Lower-cases, reads `ё` as `е`, and keeps only letters and digits.
pub(crate) fn normalise(title: &str) -> String {
    normalised_chars(title).collect()
}

/// The characters of [`normalise`]'s result, without allocating.
pub(crate) fn normalised_chars(title: &str) -> impl Iterator<Item = char> + '_ {
    title.chars().flat_map(char::to_lowercase).map(|c| if c == 'ё' { 'е' } else { c }).filter(|c| c.is_alphanumeric())
}

/// Whether `word` normalises to `key` (already normalised).
pub(crate) fn matches_normalised(word: &str, key: &str) -> bool {
    normalised_chars(word).eq(key.chars())
}

/// The field `title` names for `entity` under `preset`, with a rank (lower is a better match).
pub(crate) fn lookup(preset: Preset, entity: ImportEntity, title: &str) -> Option<(&'static str, usize)> {
    let key = normalise(title);
    if key.is_empty() {
        return None;
    }
    let find = |list: Synonyms| list.iter().position(|(t, _)| matches_normalised(t, &key)).map(|i| (list[i].1, i));
    if let Some(hit) = find(preset_synonyms(preset, entity)) {
        return Some(hit);
    }
    if let Some((field, i)) = find(channel_synonyms(preset, entity)) {
        return Some((field, 500 + i));
    }
    find(generic(entity)).map(|(field, i)| (field, 1000 + i))
}

fn preset_synonyms(preset: Preset, entity: ImportEntity) -> Synonyms {
    use ImportEntity as E;
    match (preset, entity) {
        (Preset::Generic, _) => &[],
        (Preset::Bitrix24, E::Clients) => BITRIX_COMPANIES,
        (Preset::Bitrix24, E::Contacts) => BITRIX_CONTACTS,
        (Preset::Bitrix24, E::Deals) => BITRIX_DEALS,
        (Preset::Bitrix24, E::Employees) => BITRIX_USERS,
        (Preset::Bitrix24, E::Activities) => BITRIX_ACTIVITIES,
        (Preset::Bitrix24, E::Receivables) => BITRIX_INVOICES,
        (Preset::Amocrm, E::Clients) => AMO_COMPANIES,
        (Preset::Amocrm, E::Contacts) => AMO_CONTACTS,
        (Preset::Amocrm, E::Deals) => AMO_DEALS,
        (Preset::Amocrm, _) => &[],
        (Preset::Hubspot, E::Clients) => HUBSPOT_COMPANIES,
        (Preset::Hubspot, E::Contacts) => HUBSPOT_CONTACTS,
        (Preset::Hubspot, E::Deals) => HUBSPOT_DEALS,
        (Preset::Hubspot, E::Activities) => HUBSPOT_ACTIVITIES,
        (Preset::Hubspot, _) => &[],
        (Preset::Salesforce, E::Clients) => SALESFORCE_ACCOUNT,
        (Preset::Salesforce, E::Contacts) => SALESFORCE_CONTACT,
        (Preset::Salesforce, E::Employees) => SALESFORCE_USER,
        (Preset::Salesforce, E::Deals) => SALESFORCE_OPPORTUNITY,
        (Preset::Salesforce, E::Activities) => SALESFORCE_TASK,
        (Preset::Salesforce, E::Receivables) => &[],
        (Preset::Salesforce, E::Leads) => SALESFORCE_LEAD,
        (Preset::Bitrix24, E::Leads) => BITRIX_LEADS,
    }
}

/// The channel columns of a preset's clients and contacts (one column per kind of channel).
fn channel_synonyms(preset: Preset, entity: ImportEntity) -> Synonyms {
    match (preset, entity) {
        (Preset::Bitrix24, ImportEntity::Clients | ImportEntity::Contacts | ImportEntity::Leads) => BITRIX_CHANNELS,
        (Preset::Salesforce, ImportEntity::Clients | ImportEntity::Contacts | ImportEntity::Leads) => {
            SALESFORCE_CHANNELS
        }
        (_, ImportEntity::Clients | ImportEntity::Contacts | ImportEntity::Leads) => GENERIC_CHANNELS,
        _ => &[],
    }
}

/// Bitrix24's multi-fields: the field codes of its import sample and the captions of its export.
const BITRIX_CHANNELS: Synonyms = &[
    ("PHONE_WORK", "phones"),
    ("PHONE_MOBILE", "phones"),
    ("PHONE_FAX", "phones"),
    ("PHONE_HOME", "phones"),
    ("PHONE_PAGER", "phones"),
    ("PHONE_MAILING", "phones"),
    ("PHONE_OTHER", "phones"),
    ("Факс", "phones"),
    ("Пейджер", "phones"),
    ("Домашний телефон", "phones"),
    ("EMAIL_WORK", "emails"),
    ("EMAIL_HOME", "emails"),
    ("EMAIL_MAILING", "emails"),
    ("EMAIL_OTHER", "emails"),
    ("WEB_WORK", "websites"),
    ("WEB_HOME", "websites"),
    ("WEB_FACEBOOK", "websites"),
    ("WEB_VK", "websites"),
    ("WEB_LIVEJOURNAL", "websites"),
    ("WEB_TWITTER", "websites"),
    ("WEB_OTHER", "websites"),
    ("Корпоративный сайт", "websites"),
    ("Личная страница", "websites"),
    ("Страница Facebook", "websites"),
    ("Страница ВКонтакте", "websites"),
    ("Страница LiveJournal", "websites"),
    ("Микроблог Twitter", "websites"),
    ("Другой сайт", "websites"),
    ("IM_TELEGRAM", "messengers"),
    ("IM_WHATSAPP", "messengers"),
    ("IM_VIBER", "messengers"),
    ("IM_SKYPE", "messengers"),
    ("IM_ICQ", "messengers"),
    ("IM_MSN", "messengers"),
    ("IM_JABBER", "messengers"),
    ("IM_VK", "messengers"),
    ("IM_IMOL", "messengers"),
    ("IM_OTHER", "messengers"),
    ("Контакт Telegram", "messengers"),
    ("Контакт WhatsApp", "messengers"),
    ("Контакт Viber", "messengers"),
    ("Контакт Skype", "messengers"),
    ("Контакт ICQ", "messengers"),
    ("Контакт MSN/Live!", "messengers"),
    ("Контакт Jabber", "messengers"),
    ("Контакт ВКонтакте", "messengers"),
    ("Другой контакт", "messengers"),
];

/// Salesforce Account and Contact phone and site fields.
const SALESFORCE_CHANNELS: Synonyms = &[
    ("Phone", "phones"),
    ("MobilePhone", "phones"),
    ("HomePhone", "phones"),
    ("OtherPhone", "phones"),
    ("AssistantPhone", "phones"),
    ("Fax", "phones"),
    ("Email", "emails"),
    ("Website", "websites"),
];

/// Channel columns of any spreadsheet.
const GENERIC_CHANNELS: Synonyms = &[
    ("Fax", "phones"),
    ("Факс", "phones"),
    ("Website", "websites"),
    ("Web site", "websites"),
    ("Сайт", "websites"),
    ("Веб-сайт", "websites"),
    ("Telegram", "messengers"),
    ("WhatsApp", "messengers"),
    ("Skype", "messengers"),
    ("Viber", "messengers"),
    ("Мессенджер", "messengers"),
];

const BITRIX_COMPANIES: Synonyms = &[
    ("ID", "external_id"),
    ("Название компании", "name"),
    ("Компания", "name"),
    ("ИНН", "legal_id"),
    ("Реквизит: ИНН", "legal_id"),
    ("Сфера деятельности", "segment"),
    ("Регион", "region"),
    ("Фактический адрес: Регион", "region"),
    ("Фактический адрес: Область", "region"),
    ("Годовой оборот", "potential"),
    ("Валюта", "currency"),
    ("Фактический адрес", "address"),
    ("Адрес", "address"),
    ("Юридический адрес", "address"),
    ("Ответственный", "holder"),
    ("Дата создания", "created_on"),
    ("Телефон", "phones"),
    ("Рабочий телефон", "phones"),
    ("Мобильный телефон", "phones"),
    ("Номер для рассылок", "phones"),
    ("Другой телефон", "phones"),
    ("E-mail", "emails"),
    ("Рабочий e-mail", "emails"),
    ("Частный e-mail", "emails"),
    ("E-mail для рассылок", "emails"),
    ("Другой e-mail", "emails"),
];

const BITRIX_CONTACTS: Synonyms = &[
    ("ID", "external_id"),
    ("Компания", "client"),
    ("ID компании", "client_id"),
    ("COMPANY_ID", "client_id"),
    // The field codes of Bitrix24's own import sample.
    ("NAME", "first_name"),
    ("SECOND_NAME", "middle_name"),
    ("LAST_NAME", "last_name"),
    ("POST", "position"),
    ("Имя", "first_name"),
    ("Отчество", "middle_name"),
    ("Фамилия", "last_name"),
    ("Должность", "position"),
    ("Телефон", "phones"),
    ("Рабочий телефон", "phones"),
    ("Мобильный телефон", "phones"),
    ("Домашний телефон", "phones"),
    ("Другой телефон", "phones"),
    ("E-mail", "emails"),
    ("Рабочий e-mail", "emails"),
    ("Частный e-mail", "emails"),
    ("Другой e-mail", "emails"),
];

const BITRIX_DEALS: Synonyms = &[
    ("ID", "external_id"),
    ("Компания", "client"),
    ("ID компании", "client_id"),
    ("Название сделки", "title"),
    ("Стадия сделки", "stage"),
    ("Сделка закрыта", "is_closed"),
    ("Сумма", "amount"),
    ("Валюта", "currency"),
    ("Дата начала", "opened_on"),
    ("Дата создания", "opened_on"),
    ("Предполагаемая дата закрытия", "closed_on"),
    ("Дата закрытия", "closed_on"),
    ("Ответственный", "owner"),
];

const BITRIX_USERS: Synonyms = &[
    ("ID", "external_id"),
    ("E-mail", "email"),
    ("NAME", "first_name"),
    ("SECOND_NAME", "middle_name"),
    ("LAST_NAME", "last_name"),
    ("Имя", "first_name"),
    ("Отчество", "middle_name"),
    ("Фамилия", "last_name"),
    ("Подразделение", "team"),
    ("Отдел", "team"),
];

const BITRIX_ACTIVITIES: Synonyms = &[
    ("ID", "external_id"),
    ("Клиент", "client"),
    ("Компания", "client"),
    ("Тип", "kind"),
    ("Тип дела", "kind"),
    ("Дата", "occurred_at"),
    ("Срок", "occurred_at"),
    ("Дата создания", "occurred_at"),
    ("Ответственный", "author"),
    ("Описание", "text"),
    ("Тема", "text"),
    ("Результат", "outcome"),
];

const BITRIX_INVOICES: Synonyms = &[
    ("ID", "external_id"),
    ("Компания", "client"),
    ("Номер", "number"),
    ("Номер счета", "number"),
    ("Сумма", "amount"),
    ("Валюта", "currency"),
    ("Дата выставления", "issued_on"),
    ("Срок оплаты", "due_on"),
    ("Дата оплаты", "paid_on"),
];

const AMO_COMPANIES: Synonyms = &[
    ("ID", "external_id"),
    ("Наименование", "name"),
    ("Название компании", "name"),
    ("Компания", "name"),
    ("ИНН", "legal_id"),
    ("Ответственный", "holder"),
    ("Дата создания", "created_on"),
    ("Адрес", "address"),
    ("Рабочий телефон", "phones"),
    ("Мобильный телефон", "phones"),
    ("Телефон", "phones"),
    ("Рабочий email", "emails"),
    ("Личный email", "emails"),
    ("Email", "emails"),
];

const AMO_CONTACTS: Synonyms = &[
    ("ID", "external_id"),
    ("Компания", "client"),
    ("Полное имя контакта", "name"),
    ("Полное имя", "name"),
    ("Имя", "first_name"),
    ("Фамилия", "last_name"),
    ("Должность", "position"),
    ("Рабочий телефон", "phones"),
    ("Мобильный телефон", "phones"),
    ("Телефон", "phones"),
    ("Рабочий email", "emails"),
    ("Личный email", "emails"),
    ("Email", "emails"),
];

const AMO_DEALS: Synonyms = &[
    ("ID", "external_id"),
    ("Компания", "client"),
    ("Название сделки", "title"),
    ("Наименование", "title"),
    ("Статус сделки", "stage"),
    ("Этап сделки", "stage"),
    ("Этап", "stage"),
    ("Бюджет", "amount"),
    ("Валюта", "currency"),
    ("Дата создания", "opened_on"),
    ("Дата закрытия", "closed_on"),
    ("Ответственный", "owner"),
];

const HUBSPOT_COMPANIES: Synonyms = &[
    ("Record ID", "external_id"),
    ("Company ID", "external_id"),
    ("Company name", "name"),
    ("Name", "name"),
    ("Industry", "segment"),
    ("State/Region", "region"),
    ("Annual Revenue", "potential"),
    ("Currency", "currency"),
    ("Street Address", "address"),
    ("Company owner", "holder"),
    ("Create Date", "created_on"),
    ("Parent Company", "parent"),
    ("Parent Company ID", "parent_id"),
    ("Phone Number", "phones"),
];

const HUBSPOT_CONTACTS: Synonyms = &[
    ("Record ID", "external_id"),
    ("Contact ID", "external_id"),
    ("Associated Company IDs (Primary)", "client_id"),
    ("Associated Company IDs", "client_id"),
    ("Associated Company", "client"),
    ("Company Name", "client"),
    ("First Name", "first_name"),
    ("Last Name", "last_name"),
    ("Job Title", "position"),
    ("Phone Number", "phones"),
    ("Mobile Phone Number", "phones"),
    ("Email", "emails"),
];

const HUBSPOT_DEALS: Synonyms = &[
    ("Record ID", "external_id"),
    ("Deal ID", "external_id"),
    ("Associated Company IDs (Primary)", "client_id"),
    ("Associated Company IDs", "client_id"),
    ("Associated Company", "client"),
    ("Deal Name", "title"),
    ("Deal Stage", "stage"),
    ("Amount", "amount"),
    ("Currency", "currency"),
    ("Create Date", "opened_on"),
    ("Close Date", "closed_on"),
    ("Deal owner", "owner"),
];

const HUBSPOT_ACTIVITIES: Synonyms = &[
    ("Record ID", "external_id"),
    ("Associated Company IDs", "client_id"),
    ("Associated Company", "client"),
    ("Activity type", "kind"),
    ("Activity date", "occurred_at"),
    ("Activity assigned to", "author"),
    ("Call notes", "text"),
    ("Note body", "text"),
    ("Call outcome", "outcome"),
];

const SALESFORCE_ACCOUNT: Synonyms = &[
    ("Id", "external_id"),
    ("Name", "name"),
    ("ParentId", "parent_id"),
    ("Industry", "segment"),
    ("BillingState", "region"),
    ("AnnualRevenue", "potential"),
    ("CurrencyIsoCode", "currency"),
    ("BillingStreet", "address"),
    ("OwnerId", "holder_id"),
    ("CreatedDate", "created_on"),
    ("Phone", "phones"),
];

const SALESFORCE_CONTACT: Synonyms = &[
    ("Id", "external_id"),
    ("AccountId", "client_id"),
    ("Name", "name"),
    ("FirstName", "first_name"),
    ("MiddleName", "middle_name"),
    ("LastName", "last_name"),
    ("Title", "position"),
    ("Phone", "phones"),
    ("MobilePhone", "phones"),
    ("Email", "emails"),
];

/// Salesforce Lead (Field Reference: Lead).
const SALESFORCE_LEAD: Synonyms = &[
    ("Id", "external_id"),
    ("Company", "client"),
    ("FirstName", "first_name"),
    ("MiddleName", "middle_name"),
    ("LastName", "last_name"),
    ("Name", "name"),
    ("Title", "position"),
    ("Industry", "segment"),
    ("State", "region"),
    ("AnnualRevenue", "potential"),
    ("CurrencyIsoCode", "currency"),
    ("Street", "address"),
    ("CreatedDate", "created_on"),
];

/// Bitrix24 leads: the captions of its lead list and the field codes of its import sample.
const BITRIX_LEADS: Synonyms = &[
    ("ID", "external_id"),
    ("Название компании", "client"),
    ("COMPANY_TITLE", "client"),
    ("Имя", "first_name"),
    ("NAME", "first_name"),
    ("Отчество", "middle_name"),
    ("SECOND_NAME", "middle_name"),
    ("Фамилия", "last_name"),
    ("LAST_NAME", "last_name"),
    ("Должность", "position"),
    ("POST", "position"),
    ("Адрес", "address"),
    ("Дата создания", "created_on"),
    ("Телефон", "phones"),
    ("E-mail", "emails"),
];

const SALESFORCE_USER: Synonyms = &[
    ("Id", "external_id"),
    ("Email", "email"),
    ("Name", "name"),
    ("FirstName", "first_name"),
    ("MiddleName", "middle_name"),
    ("LastName", "last_name"),
    ("Department", "team"),
    ("State", "region"),
    ("ManagerId", "manager_id"),
];

const SALESFORCE_OPPORTUNITY: Synonyms = &[
    ("Id", "external_id"),
    ("AccountId", "client_id"),
    ("Name", "title"),
    ("StageName", "stage"),
    ("IsWon", "is_won"),
    ("IsClosed", "is_closed"),
    ("Amount", "amount"),
    ("CurrencyIsoCode", "currency"),
    ("CreatedDate", "opened_on"),
    ("CloseDate", "closed_on"),
    ("OwnerId", "owner_id"),
];

const SALESFORCE_TASK: Synonyms = &[
    ("Id", "external_id"),
    ("AccountId", "client_id"),
    ("WhatId", "client_id"),
    ("TaskSubtype", "kind"),
    ("Type", "kind"),
    ("ActivityDate", "occurred_at"),
    ("CreatedDate", "occurred_at"),
    ("OwnerId", "author_id"),
    ("Description", "text"),
    ("Subject", "text"),
    ("CallDisposition", "outcome"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::fields::spec;

    #[test]
    fn every_synonym_names_a_field_of_its_entity() {
        for &preset in Preset::ALL {
            for &entity in ImportEntity::ALL {
                for list in [preset_synonyms(preset, entity), channel_synonyms(preset, entity), generic(entity)] {
                    for (title, field) in list {
                        assert!(spec(entity, field).is_some(), "{preset}/{entity}: {title} → {field}");
                        assert!(!normalise(title).is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn titles_compare_without_case_spaces_and_punctuation() {
        assert_eq!(normalise("  Рабочий E-mail "), normalise("рабочий email"));
        assert_eq!(normalise("Record ID"), normalise("RecordId"));
        assert_eq!(normalise("Номер счёта"), normalise("номер счета"));
        assert_eq!(lookup(Preset::Generic, ImportEntity::Clients, "ИНН"), Some(("legal_id", 1016)));
        assert_eq!(lookup(Preset::Salesforce, ImportEntity::Deals, "account_id").map(|h| h.0), Some("client_id"));
        assert_eq!(lookup(Preset::Generic, ImportEntity::Clients, "Website").map(|h| h.0), Some("websites"));
        assert_eq!(lookup(Preset::Bitrix24, ImportEntity::Contacts, "IM_TELEGRAM").map(|h| h.0), Some("messengers"));
        assert_eq!(lookup(Preset::Generic, ImportEntity::Deals, "Website"), None);
    }
}
