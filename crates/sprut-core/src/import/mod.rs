//! Importing clients, contacts, employees, deals, activities and receivables from the CSV and
//! XLSX exports of other CRMs: the pure part (no IO, no clock).
//!
//! The flow, one row at a time so that a file of any size streams:
//! 1. a reader (in the server crate) yields the header row and then data rows of text cells;
//! 2. [`suggest_mapping`] maps the source columns to sprut's fields for an [`ImportEntity`],
//!    using the synonyms of a [`Preset`] and a generic dictionary; the user's `--map` pairs
//!    override it ([`Mapping::apply_overrides`]); [`Mapping::check`] refuses a file that lacks a
//!    required column;
//! 3. [`parse_row`] turns each row into a typed [`ImportRecord`] with unresolved references
//!    ([`Ref`], [`PersonRef`]) or into every [`RowError`] found in it;
//! 4. a [`DuplicateTracker`] reports a record id (or ИНН) seen twice in one file.
//!
//! Resolving references and writing to the store happen later, outside this module.

mod apply;
mod fields;
mod generic;
mod headers;
mod mapping;
mod record;
mod row;
mod seen;
mod value_map;
mod values;
mod words;

#[cfg(test)]
mod message_tests {
    use super::*;

    #[test]
    fn missing_columns_say_each_is_needed() {
        let e = FileError::MissingColumns {
            entity: ImportEntity::Employees,
            missing: vec![vec!["email"], vec!["name", "first_name", "last_name"]],
        };
        assert_eq!(
            e.to_string(),
            "the file has no column for email, nor for name (or first_name, or last_name); importing employees needs \
             each of these: map them with --map 'SOURCE COLUMN=field'"
        );
    }
}

#[cfg(test)]
mod tests;

pub use apply::{ImportBatch, ImportBatches, ImportOptions, ImportOutcome, ImportStore, BATCH_ROWS, REPORTED_ERRORS};
pub use fields::{field_names, fields, required_groups, FieldSpec};
pub use mapping::{suggest_mapping, Mapping, ERRORS_COLUMN, MAP_EXTRA, MAP_IGNORE};
pub use record::{
    ActivityRecord, ClientRecord, ContactRecord, DealRecord, EmployeeRecord, ImportRecord, LeadRecord, PersonRef,
    ReceivableRecord, Ref,
};
pub use row::{parse_row, parse_row_in, DuplicateTracker};
pub use value_map::ValueMaps;
pub use values::{parse_currency, parse_date, parse_datetime, parse_local_date, parse_money, Money};
pub use words::{
    parse_activity_kind, parse_bool, parse_department, parse_multi, parse_role, parse_stage, parse_tier,
    stage_from_flags,
};

use crate::word_enum;
use serde::Serialize;

word_enum!(
    /// What a file imports: one kind of record per file.
    ImportEntity {
        /// Companies (клиенты, юрлица).
        Clients = "clients",
        /// People at clients (контакты).
        Contacts = "contacts",
        /// The company's own staff (сотрудники).
        Employees = "employees",
        /// Deals (сделки).
        Deals = "deals",
        /// Touches with clients (касания, дела).
        Activities = "activities",
        /// Invoices (дебиторка).
        Receivables = "receivables",
        /// Leads (лиды): each a prospect without a holder, with its contact person.
        Leads = "leads",
    }
);

word_enum!(
    /// Whose export format the file is in: decides the column synonyms tried first.
    Preset {
        /// Any spreadsheet: English and Russian column titles people commonly use.
        Generic = "generic",
        /// Bitrix24 CSV/XLSX export (Russian titles, `;` CSV, Windows-1251).
        Bitrix24 = "bitrix24",
        /// amoCRM export (Russian titles).
        Amocrm = "amocrm",
        /// HubSpot export (property labels such as "Record ID", "Company name").
        Hubspot = "hubspot",
        /// Salesforce Data Loader / Data Export (API field names such as `AccountId`).
        Salesforce = "salesforce",
    }
);

impl ImportEntity {
    /// Whether its records keep the columns no field matches as extra fields.
    pub fn keeps_extra(self) -> bool {
        !matches!(self, Self::Employees)
    }
}

/// A problem with the file as a whole: nothing in it is imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FileError {
    /// The file lacks columns the entity cannot do without.
    #[error("{}", missing_columns_message(*.entity, .missing))]
    MissingColumns {
        /// What was being imported.
        entity: ImportEntity,
        /// Each missing requirement: one of these fields must be mapped.
        missing: Vec<Vec<&'static str>>,
    },
    /// A `--map` or `--value` option names a field the entity does not have.
    #[error("'{field}' is not a field of {entity}; valid fields: {}", .valid.join(", "))]
    UnknownField {
        /// The entity.
        entity: ImportEntity,
        /// The field as given.
        field: String,
        /// The fields the entity has.
        valid: Vec<&'static str>,
    },
    /// A `--map` option names a column the file does not have.
    #[error("the file has no column '{column}'; its columns are: {}", .headers.join(", "))]
    UnknownColumn {
        /// The column as given.
        column: String,
        /// The file's header row.
        headers: Vec<String>,
    },
    /// A `--map` or `--value` option is malformed or names an impossible value.
    #[error("{reason}")]
    BadOption {
        /// What is wrong with the option.
        reason: String,
    },
    /// The file cannot be read: wrong encoding, cut short, not a spreadsheet...
    #[error("{}", unreadable_message(*.row, .reason))]
    Unreadable {
        /// The row (as a spreadsheet shows it, header = 1) where reading failed, when known.
        row: Option<u64>,
        /// What is wrong and what to do.
        reason: String,
    },
}

impl FileError {
    /// A file that cannot be read, at `row` when known.
    pub fn unreadable(row: Option<u64>, reason: impl Into<String>) -> Self {
        Self::Unreadable { row, reason: reason.into() }
    }

    /// A malformed option.
    pub fn bad_option(reason: impl Into<String>) -> Self {
        Self::BadOption { reason: reason.into() }
    }
}

/// Names every missing requirement, each with its alternatives, and says each one is needed:
/// "no column for email, nor for a name (name, or first_name, or last_name)".
fn missing_columns_message(entity: ImportEntity, missing: &[Vec<&'static str>]) -> String {
    let each: Vec<String> = missing
        .iter()
        .map(|alts| match alts.as_slice() {
            [one] => one.to_string(),
            [first, rest @ ..] => format!("{first} (or {})", rest.join(", or ")),
            [] => String::new(),
        })
        .collect();
    let (what, them) = if each.len() == 1 { ("it", "it") } else { ("each of these", "them") };
    format!(
        "the file has no column for {}; importing {entity} needs {what}: map {them} with --map 'SOURCE COLUMN=field'",
        each.join(", nor for ")
    )
}

fn unreadable_message(row: Option<u64>, reason: &str) -> String {
    match row {
        Some(r) => format!("row {r}: {reason}"),
        None => reason.to_string(),
    }
}

/// One problem in one cell of a data row; the row is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row as a spreadsheet shows it (the header is row 1).
    pub row: u64,
    /// The source column's header (several joined with " + " when a field comes from several).
    pub column: String,
    /// The sprut field.
    pub field: String,
    /// What is wrong and what to do.
    pub reason: RowReason,
}

/// Why a row is refused: a value of one field, or a conflict with what the base holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowReason {
    /// A field's value.
    Value(crate::Reason),
    /// The state of the base.
    Conflict(crate::Conflict),
}

impl RowReason {
    /// The machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            RowReason::Value(r) => r.code(),
            RowReason::Conflict(c) => c.code(),
        }
    }
}

impl From<crate::Reason> for RowReason {
    fn from(r: crate::Reason) -> Self {
        RowReason::Value(r)
    }
}

impl From<crate::Conflict> for RowReason {
    fn from(c: crate::Conflict) -> Self {
        RowReason::Conflict(c)
    }
}

/// In English, for the API, the CLI and the errors file.
impl std::fmt::Display for RowReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowReason::Value(r) => r.fmt(f),
            RowReason::Conflict(c) => c.fmt(f),
        }
    }
}

/// The API's shape: the reason in English beside its code.
impl Serialize for RowError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("RowError", 5)?;
        st.serialize_field("row", &self.row)?;
        st.serialize_field("column", &self.column)?;
        st.serialize_field("field", &self.field)?;
        st.serialize_field("reason", &self.reason.to_string())?;
        st.serialize_field("code", self.reason.code())?;
        st.end()
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}, column '{}' ({}): {}", self.row, self.column, self.field, self.reason)
    }
}
