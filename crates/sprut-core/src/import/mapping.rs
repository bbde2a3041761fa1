//! Which source column feeds which sprut field.

use super::fields::{field_names, required_groups, spec};
use super::headers::{lookup, normalise};
use super::{FileError, ImportEntity, Preset};
use serde::Serialize;

/// The field name that, in `--map SOURCE=-`, leaves a column out of the import.
pub const MAP_IGNORE: &str = "-";
/// The `--map` field that keeps a column as an extra field of the record, feeding no field.
pub const MAP_EXTRA: &str = "+";

/// The columns of one file mapped to the fields of one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapping {
    entity: ImportEntity,
    preset: Preset,
    headers: Vec<String>,
    /// Per source column, the field it feeds.
    columns: Vec<Option<&'static str>>,
    /// Per field with at least one column, those columns in file order.
    #[serde(skip)]
    by_field: Vec<(&'static str, Vec<usize>)>,
    /// Per source column, whether the user left it out (`--map COLUMN=-`).
    #[serde(skip)]
    ignored: Vec<bool>,
}

/// Maps `headers` to the fields of `entity` by the synonyms of `preset`, then by the generic
/// English and Russian dictionary; a column matching nothing stays unmapped. When several
/// columns match a single-valued field, the best-matching title wins, then the leftmost one;
/// multi-valued fields (phones, emails) take every matching column.
pub fn suggest_mapping(entity: ImportEntity, preset: Preset, headers: &[String]) -> Mapping {
    let hits: Vec<Option<(&'static str, usize)>> = headers.iter().map(|h| lookup(preset, entity, h)).collect();
    let mut columns = vec![None; headers.len()];
    for (i, hit) in hits.iter().enumerate() {
        let Some((field, rank)) = *hit else { continue };
        let multi = spec(entity, field).is_some_and(|s| s.multi);
        let best = multi
            || !hits
                .iter()
                .enumerate()
                .any(|(j, other)| matches!(other, Some((f, r)) if *f == field && (*r < rank || (*r == rank && j < i))));
        if best {
            columns[i] = Some(field);
        }
    }
    // The first column of a bad rows' file sprut wrote says what was wrong: not data.
    let ignored: Vec<bool> =
        headers.iter().enumerate().map(|(i, h)| i == 0 && columns[0].is_none() && is_errors_column(h)).collect();
    let mut m = Mapping { entity, preset, headers: headers.to_vec(), columns, by_field: Vec::new(), ignored };
    m.index();
    m
}

/// The names sprut gives the first column of a bad rows' file, in English and Russian.
pub const ERRORS_COLUMN: [&str; 2] = ["error", "ошибка"];

/// Whether `header` names the reasons column of a bad rows' file.
fn is_errors_column(header: &str) -> bool {
    ERRORS_COLUMN.contains(&header.trim().to_lowercase().as_str())
}

impl Mapping {
    /// What is imported.
    pub fn entity(&self) -> ImportEntity {
        self.entity
    }

    /// The preset whose synonyms were tried first.
    pub fn preset(&self) -> Preset {
        self.preset
    }

    /// The file's header row.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The field fed by column `index` (0-based), if any.
    pub fn field_of(&self, index: usize) -> Option<&'static str> {
        self.columns.get(index).copied().flatten()
    }

    /// Whether column `index` is kept as an extra field of the record: it feeds no field, the
    /// user did not leave it out, it has a title, and the entity keeps extra fields.
    pub fn kept_as_extra(&self, index: usize) -> bool {
        self.entity.keeps_extra()
            && self.field_of(index).is_none()
            && !self.ignored.get(index).copied().unwrap_or(false)
            && self.headers.get(index).is_some_and(|h| !h.trim().is_empty())
    }

    /// Whether the user left column `index` out (`--map COLUMN=-`).
    pub fn left_out(&self, index: usize) -> bool {
        self.ignored.get(index).copied().unwrap_or(false)
    }

    /// The columns (0-based, in file order) that feed `field`.
    pub fn columns_of(&self, field: &str) -> &[usize] {
        self.by_field.iter().find(|(f, _)| *f == field).map_or(&[], |(_, cols)| cols.as_slice())
    }

    /// Whether some column feeds `field`.
    pub fn has(&self, field: &str) -> bool {
        !self.columns_of(field).is_empty()
    }

    /// Each mapped column's header with its field, in file order.
    pub fn pairs(&self) -> Vec<(&str, &'static str)> {
        self.headers.iter().zip(&self.columns).filter_map(|(h, f)| f.map(|f| (h.as_str(), f))).collect()
    }

    /// The headers of columns that feed nothing (they are not imported).
    pub fn unmapped(&self) -> Vec<&str> {
        self.headers.iter().zip(&self.columns).filter(|(_, f)| f.is_none()).map(|(h, _)| h.as_str()).collect()
    }

    /// The requirements no column meets: each a list of fields any one of which would do.
    pub fn missing_required(&self) -> Vec<Vec<&'static str>> {
        required_groups(self.entity)
            .iter()
            .filter(|group| !group.iter().any(|f| self.has(f)))
            .map(|group| group.to_vec())
            .collect()
    }

    /// Refuses the file when a required column is missing.
    pub fn check(&self) -> Result<(), FileError> {
        let missing = self.missing_required();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(FileError::MissingColumns { entity: self.entity, missing })
        }
    }

    /// Applies the user's `--map 'SOURCE COLUMN=field'` options in order; `field` may be `-` to
    /// leave the column out. A single-valued field moves to the named column.
    pub fn apply_overrides<S: AsRef<str>>(&mut self, options: &[S]) -> Result<(), FileError> {
        for option in options {
            let option = option.as_ref();
            let (column, field) = option
                .rsplit_once('=')
                .ok_or_else(|| FileError::bad_option(format!("--map expects 'SOURCE COLUMN=field', got '{option}'")))?;
            self.set(column.trim(), field.trim())?;
        }
        Ok(())
    }

    /// Maps the column titled `column` (exactly, or compared like synonyms) to `field`, or leaves
    /// it out when `field` is [`MAP_IGNORE`] or empty.
    pub fn set(&mut self, column: &str, field: &str) -> Result<(), FileError> {
        let index = self
            .headers
            .iter()
            .position(|h| h.trim() == column)
            .or_else(|| self.headers.iter().position(|h| normalise(h) == normalise(column)))
            .ok_or_else(|| FileError::UnknownColumn { column: column.to_string(), headers: self.headers.clone() })?;
        self.ignored[index] = field.is_empty() || field == MAP_IGNORE;
        if self.ignored[index] || field == MAP_EXTRA {
            self.columns[index] = None;
        } else {
            let spec = spec(self.entity, field).ok_or_else(|| FileError::UnknownField {
                entity: self.entity,
                field: field.to_string(),
                valid: field_names(self.entity),
            })?;
            if !spec.multi {
                for c in self.columns.iter_mut().filter(|c| **c == Some(spec.name)) {
                    *c = None;
                }
            }
            self.columns[index] = Some(spec.name);
        }
        self.index();
        Ok(())
    }

    fn index(&mut self) {
        self.by_field.clear();
        for (i, field) in self.columns.iter().enumerate() {
            let Some(field) = *field else { continue };
            match self.by_field.iter_mut().find(|(f, _)| *f == field) {
                Some((_, cols)) => cols.push(i),
                None => self.by_field.push((field, vec![i])),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str, sep: char) -> Vec<String> {
        line.split(sep).map(str::to_string).collect()
    }

    fn mapped(m: &Mapping) -> Vec<(String, &'static str)> {
        m.pairs().into_iter().map(|(h, f)| (h.to_string(), f)).collect()
    }

    fn pairs(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        list.iter().map(|(h, f)| (h.to_string(), *f)).collect()
    }

    #[test]
    fn a_bad_rows_file_imported_again_leaves_its_reasons_out() {
        for first in ["error", "Ошибка"] {
            let m = suggest_mapping(ImportEntity::Clients, Preset::Generic, &headers(&format!("{first};id;name"), ';'));
            assert!(m.left_out(0) && !m.kept_as_extra(0), "{first}");
            assert_eq!(mapped(&m), pairs(&[("id", "external_id"), ("name", "name")]));
        }
        let m = suggest_mapping(ImportEntity::Clients, Preset::Generic, &headers("name;error", ';'));
        assert!(m.kept_as_extra(1), "a client's own column named so elsewhere is data");
    }

    #[test]
    fn bitrix24_companies() {
        let h = headers(
            "ID;Название компании;Тип компании;Сфера деятельности;Рабочий телефон;Мобильный телефон;Рабочий e-mail;\
             Фактический адрес;Юридический адрес;Ответственный;Дата создания;Годовой оборот;Валюта;ИНН;Комментарий",
            ';',
        );
        let m = suggest_mapping(ImportEntity::Clients, Preset::Bitrix24, &h);
        assert_eq!(
            mapped(&m),
            pairs(&[
                ("ID", "external_id"),
                ("Название компании", "name"),
                ("Сфера деятельности", "segment"),
                ("Рабочий телефон", "phones"),
                ("Мобильный телефон", "phones"),
                ("Рабочий e-mail", "emails"),
                ("Фактический адрес", "address"),
                ("Ответственный", "holder"),
                ("Дата создания", "created_on"),
                ("Годовой оборот", "potential"),
                ("Валюта", "currency"),
                ("ИНН", "legal_id"),
            ])
        );
        assert_eq!(m.unmapped(), vec!["Тип компании", "Юридический адрес", "Комментарий"]);
        assert_eq!(m.columns_of("phones"), &[4, 5]);
        assert!(m.check().is_ok());
    }

    #[test]
    fn bitrix24_contacts_build_the_name_from_parts() {
        let h = headers("ID;Имя;Отчество;Фамилия;Должность;Компания;Рабочий телефон;Рабочий e-mail", ';');
        let m = suggest_mapping(ImportEntity::Contacts, Preset::Bitrix24, &h);
        assert_eq!(
            mapped(&m),
            pairs(&[
                ("ID", "external_id"),
                ("Имя", "first_name"),
                ("Отчество", "middle_name"),
                ("Фамилия", "last_name"),
                ("Должность", "position"),
                ("Компания", "client"),
                ("Рабочий телефон", "phones"),
                ("Рабочий e-mail", "emails"),
            ])
        );
        assert!(m.check().is_ok());
    }

    #[test]
    fn amocrm_deals() {
        let h = headers(
            "ID,Название сделки,Бюджет,Ответственный,Статус сделки,Воронка,Компания,Дата создания,Дата закрытия,Теги",
            ',',
        );
        let m = suggest_mapping(ImportEntity::Deals, Preset::Amocrm, &h);
        assert_eq!(
            mapped(&m),
            pairs(&[
                ("ID", "external_id"),
                ("Название сделки", "title"),
                ("Бюджет", "amount"),
                ("Ответственный", "owner"),
                ("Статус сделки", "stage"),
                ("Компания", "client"),
                ("Дата создания", "opened_on"),
                ("Дата закрытия", "closed_on"),
            ])
        );
    }

    #[test]
    fn hubspot_companies_and_contacts() {
        let h = headers(
            "Record ID,Company name,Company Domain Name,Company owner,Create Date,Phone Number,Industry,Annual Revenue,City",
            ',',
        );
        let m = suggest_mapping(ImportEntity::Clients, Preset::Hubspot, &h);
        assert_eq!(
            mapped(&m),
            pairs(&[
                ("Record ID", "external_id"),
                ("Company name", "name"),
                ("Company owner", "holder"),
                ("Create Date", "created_on"),
                ("Phone Number", "phones"),
                ("Industry", "segment"),
                ("Annual Revenue", "potential"),
                ("City", "region"),
            ])
        );
        let h = headers("Record ID,First Name,Last Name,Email,Job Title,Associated Company IDs", ',');
        let m = suggest_mapping(ImportEntity::Contacts, Preset::Hubspot, &h);
        assert_eq!(m.field_of(5), Some("client_id"));
        assert_eq!(m.field_of(3), Some("emails"));
        assert!(m.check().is_ok());
    }

    #[test]
    fn salesforce_opportunities_and_accounts() {
        let h =
            headers("Id,Name,AccountId,OwnerId,StageName,Amount,CloseDate,IsWon,IsClosed,CreatedDate,Probability", ',');
        let m = suggest_mapping(ImportEntity::Deals, Preset::Salesforce, &h);
        assert_eq!(
            mapped(&m),
            pairs(&[
                ("Id", "external_id"),
                ("Name", "title"),
                ("AccountId", "client_id"),
                ("OwnerId", "owner_id"),
                ("StageName", "stage"),
                ("Amount", "amount"),
                ("CloseDate", "closed_on"),
                ("IsWon", "is_won"),
                ("IsClosed", "is_closed"),
                ("CreatedDate", "opened_on"),
            ])
        );
        let h = headers("Id,Name,ParentId,OwnerId,Industry,BillingState,AnnualRevenue", ',');
        let m = suggest_mapping(ImportEntity::Clients, Preset::Salesforce, &h);
        assert_eq!(m.field_of(2), Some("parent_id"));
        assert_eq!(m.field_of(3), Some("holder_id"));
    }

    #[test]
    fn generic_titles_in_both_languages() {
        let h = headers("Название компании;ИНН;Телефон;E-mail;Ответственный;Регион;Город", ';');
        let m = suggest_mapping(ImportEntity::Clients, Preset::Generic, &h);
        assert_eq!(m.field_of(0), Some("name"));
        assert_eq!(m.field_of(1), Some("legal_id"));
        assert_eq!(m.field_of(2), Some("phones"));
        assert_eq!(m.field_of(3), Some("emails"));
        assert_eq!(m.field_of(4), Some("holder"));
        assert_eq!(m.field_of(5), Some("region"), "Регион is preferred over Город");
        assert_eq!(m.field_of(6), None);
        let h = headers("Company name,Phone,Email,Owner", ',');
        let m = suggest_mapping(ImportEntity::Clients, Preset::Generic, &h);
        assert_eq!(m.pairs().len(), 4);
    }

    #[test]
    fn missing_required_columns_are_a_file_error() {
        let h = headers("Компания,Телефон", ',');
        let m = suggest_mapping(ImportEntity::Contacts, Preset::Generic, &h);
        let err = m.check().unwrap_err();
        assert_eq!(
            err,
            FileError::MissingColumns {
                entity: ImportEntity::Contacts,
                missing: vec![vec!["name", "first_name", "last_name"]]
            }
        );
        assert!(
            err.to_string().contains("no column for name (or first_name, or last_name); importing contacts needs it"),
            "{err}"
        );
        // Contacts without a client column go to the pool.
        assert!(suggest_mapping(ImportEntity::Contacts, Preset::Generic, &headers("Имя,Телефон", ',')).check().is_ok());
    }

    #[test]
    fn user_overrides() {
        let h = headers("Org,Stage,Value,Контрагент", ',');
        let mut m = suggest_mapping(ImportEntity::Deals, Preset::Generic, &h);
        assert_eq!(m.field_of(3), Some("client"));
        m.apply_overrides(&["Org=client", "value=amount", "Stage=title", "Контрагент=-"]).unwrap();
        assert_eq!(m.field_of(0), Some("client"));
        assert_eq!(m.field_of(1), Some("title"));
        assert_eq!(m.field_of(2), Some("amount"));
        assert_eq!(m.field_of(3), None);
        let err = m.apply_overrides(&["Org=company"]).unwrap_err();
        assert!(
            err.to_string().starts_with("'company' is not a field of deals; valid fields: external_id, client,"),
            "{err}"
        );
        let err = m.apply_overrides(&["Nope=title"]).unwrap_err();
        assert!(matches!(err, FileError::UnknownColumn { .. }));
        assert!(matches!(m.apply_overrides(&["Org"]), Err(FileError::BadOption { .. })));
    }
}
