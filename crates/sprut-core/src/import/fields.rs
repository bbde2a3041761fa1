//! The sprut fields a source column can be mapped to, per entity, and which are required.
//!
//! A reference to another record comes in two fields: `client` holds a name, `client_id` the
//! source system's record id (the same for `parent`/`parent_id`); a person reference (`holder`,
//! `owner`, `author`) holds an e-mail or a name, its `_id` twin the source's user id. A person's
//! name may come whole (`name`) or in parts (`first_name`, `middle_name`, `last_name`).

use super::ImportEntity;

/// One target field of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field's name, as written in `--map SOURCE=field`.
    pub name: &'static str,
    /// Whether several source columns may feed it (their values are merged, e.g. phones).
    pub multi: bool,
    /// What the field holds and how its cells are read.
    pub doc: &'static str,
}

const fn f(name: &'static str, doc: &'static str) -> FieldSpec {
    FieldSpec { name, multi: false, doc }
}

const fn multi(name: &'static str, doc: &'static str) -> FieldSpec {
    FieldSpec { name, multi: true, doc }
}

const EXTERNAL_ID: FieldSpec = f("external_id", "the source system's record id, kept per source for re-imports");
const CLIENT: FieldSpec = f("client", "the client's name");
const CLIENT_ID: FieldSpec = f("client_id", "the client's record id in the source system");
const CURRENCY: FieldSpec = f("currency", "ISO code (RUB, USD) or a symbol (₽, $); default: from the amount or RUB");
const FIRST_NAME: FieldSpec = f("first_name", "first name (Имя), joined into `name`");
const MIDDLE_NAME: FieldSpec = f("middle_name", "patronymic (Отчество), joined into `name`");
const LAST_NAME: FieldSpec = f("last_name", "last name (Фамилия), joined into `name`");
const PHONES: FieldSpec = multi(
    "phones",
    "phone numbers, kept as written; a cell may hold several separated by , ; or new lines; the column's title gives \
     the kind (work, mobile, fax, home, other)",
);
const EMAILS: FieldSpec = multi("emails", "e-mail addresses; a cell may hold several separated by , ; or new lines");
const WEBSITES: FieldSpec =
    multi("websites", "web sites and pages; the column's title gives the kind (work, personal)");
const MESSENGERS: FieldSpec =
    multi("messengers", "messenger accounts (Telegram, WhatsApp, Skype...), kept with their column's title");

const CLIENT_FIELDS: &[FieldSpec] = &[
    EXTERNAL_ID,
    f("name", "the company's name"),
    f("legal_id", "tax id: ИНН of 10 or 12 digits, or a foreign one"),
    f("parent", "the parent company's name (корпоративная группа, «куст»)"),
    f("parent_id", "the parent company's record id in the source system"),
    f("segment", "market segment (рынок, отрасль)"),
    f("region", "region"),
    f("tier", "key, regular or small (also A/B/C, ключевой/обычный/мелкий)"),
    f("potential", "expected yearly revenue, a money amount"),
    CURRENCY,
    f("address", "postal or delivery address"),
    f("holder", "the employee who holds the client: e-mail or full name"),
    f("holder_id", "the holder's user id in the source system"),
    f("created_on", "when the client was created in the source system"),
    PHONES,
    EMAILS,
    WEBSITES,
    MESSENGERS,
];

const CONTACT_FIELDS: &[FieldSpec] = &[
    EXTERNAL_ID,
    CLIENT,
    CLIENT_ID,
    f("name", "full name"),
    FIRST_NAME,
    MIDDLE_NAME,
    LAST_NAME,
    f("position", "position (должность)"),
    PHONES,
    EMAILS,
    WEBSITES,
    MESSENGERS,
    f("decision_maker", "decision maker (ЛПР): yes/no, да/нет, 1/0, x"),
    f("consent", "agreed to be contacted directly: yes/no, да/нет, 1/0, x"),
];

const EMPLOYEE_FIELDS: &[FieldSpec] = &[
    EXTERNAL_ID,
    f("email", "sign-in e-mail; blank: the employee cannot sign in until an administrator adds one"),
    f("name", "full name"),
    FIRST_NAME,
    MIDDLE_NAME,
    LAST_NAME,
    f("role", "admin, head, rep, staff or auditor (also Russian job titles); default rep"),
    f("department", "for staff: logistics, accounting, legal, support or contracts"),
    f("team", "team name (a regional office, a department)"),
    f("region", "region served"),
    f("manager", "whom the employee reports to (e-mail or full name): heads the employee's team"),
    f("manager_id", "the manager's user id in the source system"),
];

const DEAL_FIELDS: &[FieldSpec] = &[
    EXTERNAL_ID,
    CLIENT,
    CLIENT_ID,
    f("title", "what is sold"),
    f("stage", "won, lost or anything else (open); see --value stage:SOURCE=open|won|lost"),
    f("is_won", "Salesforce IsWon: true/false"),
    f("is_closed", "Salesforce IsClosed: true/false"),
    f("amount", "deal amount; blank is 0"),
    CURRENCY,
    f("opened_on", "when work on the deal began (default: the import date)"),
    f("closed_on", "when won or lost (ignored for open deals)"),
    f("owner", "the deal owner: e-mail or full name"),
    f("owner_id", "the owner's user id in the source system"),
];

const ACTIVITY_FIELDS: &[FieldSpec] = &[
    EXTERNAL_ID,
    CLIENT,
    CLIENT_ID,
    f("kind", "call, email, meeting, visit, proposal or note (also Russian words); default note"),
    f("occurred_at", "when it happened: a date or date and time (UTC unless the cell has an offset)"),
    f("author", "who logged it: e-mail or full name"),
    f("author_id", "the author's user id in the source system"),
    f("text", "what happened"),
    f("outcome", "the outcome in a few words"),
];

const RECEIVABLE_FIELDS: &[FieldSpec] = &[
    EXTERNAL_ID,
    CLIENT,
    CLIENT_ID,
    f("number", "invoice number"),
    f("amount", "invoice amount"),
    CURRENCY,
    f("issued_on", "issue date"),
    f("due_on", "payment due date"),
    f("paid_on", "payment date; blank: unpaid"),
];

const LEAD_FIELDS: &[FieldSpec] = &[
    EXTERNAL_ID,
    f("client", "the company the lead is about; blank: the person is the client"),
    f("legal_id", "the company's tax id (ИНН)"),
    f("segment", "market segment (industry)"),
    f("region", "region"),
    f("potential", "expected yearly revenue, a money amount"),
    CURRENCY,
    f("address", "postal address"),
    f("created_on", "when the lead came in"),
    f("name", "the person's full name"),
    FIRST_NAME,
    MIDDLE_NAME,
    LAST_NAME,
    f("position", "the person's position"),
    PHONES,
    EMAILS,
    WEBSITES,
    MESSENGERS,
];

/// Every field an entity's rows may carry, in a stable order.
pub fn fields(entity: ImportEntity) -> &'static [FieldSpec] {
    match entity {
        ImportEntity::Clients => CLIENT_FIELDS,
        ImportEntity::Contacts => CONTACT_FIELDS,
        ImportEntity::Employees => EMPLOYEE_FIELDS,
        ImportEntity::Deals => DEAL_FIELDS,
        ImportEntity::Activities => ACTIVITY_FIELDS,
        ImportEntity::Receivables => RECEIVABLE_FIELDS,
        ImportEntity::Leads => LEAD_FIELDS,
    }
}

/// The names of [`fields`], for messages.
pub fn field_names(entity: ImportEntity) -> Vec<&'static str> {
    fields(entity).iter().map(|f| f.name).collect()
}

/// The columns a file must have: each inner list is one requirement met by any of its fields.
pub fn required_groups(entity: ImportEntity) -> &'static [&'static [&'static str]] {
    const PERSON_NAME: &[&str] = &["name", "first_name", "last_name"];
    const CLIENT_REF: &[&str] = &["client", "client_id"];
    match entity {
        ImportEntity::Clients => &[&["name"]],
        // A contact without a client goes to the pool for a head to attach.
        ImportEntity::Contacts => &[PERSON_NAME],
        ImportEntity::Employees => &[PERSON_NAME],
        ImportEntity::Deals => &[CLIENT_REF, &["title"]],
        ImportEntity::Activities => &[CLIENT_REF, &["occurred_at"], &["text"]],
        ImportEntity::Receivables => &[CLIENT_REF, &["number"], &["amount"], &["issued_on"], &["due_on"]],
        // A lead is a company or, without one, the person himself.
        ImportEntity::Leads => &[&["client", "name", "first_name", "last_name"]],
    }
}

/// The spec of `name` in `entity`, if it has such a field.
pub(crate) fn spec(entity: ImportEntity, name: &str) -> Option<&'static FieldSpec> {
    fields(entity).iter().find(|f| f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_fields_exist_and_names_are_unique() {
        for &e in ImportEntity::ALL {
            let names = field_names(e);
            let mut sorted = names.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), names.len(), "{e}");
            for group in required_groups(e) {
                for name in *group {
                    assert!(spec(e, name).is_some(), "{e}: {name}");
                }
            }
        }
    }
}
