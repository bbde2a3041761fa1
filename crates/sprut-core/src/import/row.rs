//! One data row → one checked record, or every problem in it; and duplicates across rows.

use super::headers::normalise;
use super::record::*;
use super::seen::SeenKeys;
use super::values::{parse_currency, parse_datetime, parse_local_date, parse_money, Money};
use super::words::stage_from_flags;
use super::words::{
    parse_activity_kind, parse_bool, parse_department, parse_multi, parse_role, parse_stage, parse_tier,
};
use super::{ImportEntity, Mapping, Preset, RowError, ValueMaps};
use crate::activity::ActivityKind;
use crate::channel::{label_from_title, Channel, ChannelKind};
use crate::client::check_legal_id;
use crate::deal::DealStage;
use crate::employee::Role;
use crate::money::Currency;
use crate::reason::RecordKey;
use crate::validate::is_email;
use crate::Reason;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Reads data row `row` (numbered as a spreadsheet shows it) of a file mapped by `mapping` into
/// a record of `entity`, checked with the domain's rules; or returns every problem found in it.
/// Missing trailing cells read as blank; cells of unmapped columns are ignored; non-blank
/// cells beyond the header's width are an error (the row's cells have likely shifted).
pub fn parse_row(
    entity: ImportEntity,
    mapping: &Mapping,
    values: &ValueMaps,
    row: u64,
    cells: &[String],
) -> Result<ImportRecord, Vec<RowError>> {
    parse_row_in(entity, mapping, values, &|at| at.date(), row, cells)
}

/// [`parse_row`] for a company whose local date of a moment is `local`: a date cell that is a
/// moment with an offset gives the company's date of it, not the date as written.
pub fn parse_row_in(
    entity: ImportEntity,
    mapping: &Mapping,
    values: &ValueMaps,
    local: &dyn Fn(time::OffsetDateTime) -> time::Date,
    row: u64,
    cells: &[String],
) -> Result<ImportRecord, Vec<RowError>> {
    let mut r = RowReader { mapping, values, local, row, cells, errors: Vec::new() };
    let width = mapping.headers().len();
    if cells.iter().skip(width).any(|c| !c.trim().is_empty()) {
        r.errors.push(RowError {
            row,
            column: format!("column {}", width + 1),
            field: String::new(),
            reason: Reason::RowShifted { cells: cells.len(), width }.into(),
        });
    }
    let record = match entity {
        ImportEntity::Clients => ImportRecord::Client(r.client()),
        ImportEntity::Contacts => ImportRecord::Contact(r.contact()),
        ImportEntity::Employees => ImportRecord::Employee(r.employee()),
        ImportEntity::Deals => ImportRecord::Deal(r.deal()),
        ImportEntity::Activities => ImportRecord::Activity(r.activity()),
        ImportEntity::Receivables => ImportRecord::Receivable(r.receivable()),
        ImportEntity::Leads => ImportRecord::Lead(Box::new(r.lead())),
    };
    if r.errors.is_empty() {
        Ok(record)
    } else {
        Err(r.errors)
    }
}

struct RowReader<'a> {
    mapping: &'a Mapping,
    values: &'a ValueMaps,
    local: &'a dyn Fn(time::OffsetDateTime) -> time::Date,
    row: u64,
    cells: &'a [String],
    errors: Vec<RowError>,
}

impl RowReader<'_> {
    /// The row's non-blank cells of the columns kept as extra fields, by title (a title the
    /// file repeats gets its position: `Телефон (3)`).
    fn extra(&self) -> crate::ExtraFields {
        let mut out = crate::ExtraFields::new();
        for (i, title) in self.mapping.headers().iter().enumerate() {
            let Some(cell) = self.cells.get(i).map(|c| c.trim()).filter(|c| !c.is_empty()) else { continue };
            if self.mapping.kept_as_extra(i) {
                let key = if out.contains_key(title.trim()) {
                    format!("{} ({})", title.trim(), i + 1)
                } else {
                    title.trim().to_string()
                };
                out.insert(key, cell.to_string());
            }
        }
        out
    }

    /// The headers of the columns feeding any of `fields`, joined.
    fn column(&self, fields: &[&str]) -> String {
        let headers = self.mapping.headers();
        let cols: Vec<&str> =
            fields.iter().flat_map(|f| self.mapping.columns_of(f)).map(|&i| headers[i].as_str()).collect();
        cols.join(" + ")
    }

    fn fail(&mut self, field: &str, columns: &[&str], reason: Reason) {
        let column = self.column(columns);
        self.errors.push(RowError { row: self.row, column, field: field.to_string(), reason: reason.into() });
    }

    /// The first non-blank cell feeding `field`, translated by the user's value maps.
    fn text(&self, field: &str) -> Option<String> {
        self.mapping.columns_of(field).iter().find_map(|&i| {
            let cell = self.cells.get(i).map(|c| c.trim()).filter(|c| !c.is_empty())?;
            Some(self.values.get(field, cell).unwrap_or(cell).to_string())
        })
    }

    fn optional_text(&mut self, field: &str, max: usize) -> Option<String> {
        let v = self.text(field)?;
        if v.chars().count() > max {
            self.fail(field, &[field], Reason::TooLong { max });
        }
        Some(v)
    }

    fn required_text(&mut self, field: &str, max: usize) -> String {
        match self.optional_text(field, max) {
            Some(v) => v,
            None => {
                self.fail(field, &[field], Reason::Required);
                String::new()
            }
        }
    }

    fn parsed<T>(&mut self, field: &str, parse: impl Fn(&str) -> Result<T, Reason>) -> Option<T> {
        let v = self.text(field)?;
        match parse(&v) {
            Ok(x) => Some(x),
            Err(reason) => {
                self.fail(field, &[field], reason);
                None
            }
        }
    }

    fn external_id(&mut self) -> Option<String> {
        self.optional_text("external_id", 200)
    }

    /// A full name from `name`, or from its parts in the order a user of the source expects:
    /// Фамилия Имя Отчество for the Russian CRMs, first middle last for the others.
    fn person_name(&mut self) -> String {
        let parts = ["name", "first_name", "middle_name", "last_name"];
        let order: [&str; 3] = match self.mapping.preset() {
            Preset::Bitrix24 | Preset::Amocrm => ["last_name", "first_name", "middle_name"],
            _ => ["first_name", "middle_name", "last_name"],
        };
        let name = self.text("name").or_else(|| {
            let joined: Vec<String> = order.iter().filter_map(|f| self.text(f)).collect();
            (!joined.is_empty()).then(|| joined.join(" "))
        });
        match name {
            Some(n) if n.chars().count() > 200 => {
                self.fail("name", &parts, Reason::TooLong { max: 200 });
                n
            }
            Some(n) => n,
            None => {
                self.fail("name", &parts, Reason::Required);
                String::new()
            }
        }
    }

    /// The row's client, if it names one.
    fn optional_client_ref(&mut self) -> Option<Ref> {
        match self.text("client_id") {
            Some(id) => Some(Ref::External(id)),
            None => self.text("client").map(Ref::Name),
        }
    }

    fn client_ref(&mut self) -> Ref {
        if let Some(r) = self.optional_client_ref() {
            return r;
        }
        self.fail("client", &["client", "client_id"], Reason::Required);
        Ref::Name(String::new())
    }

    fn person_ref(&mut self, field: &str, id_field: &str) -> Option<PersonRef> {
        if let Some(id) = self.text(id_field) {
            return Some(PersonRef::External(id));
        }
        let v = self.text(field)?;
        if !v.contains('@') {
            return Some(PersonRef::Name(v));
        }
        let email = v.to_lowercase();
        if is_email(&email) {
            Some(PersonRef::Email(email))
        } else {
            self.fail(field, &[field], Reason::Email { value: v });
            None
        }
    }

    fn date(&mut self, field: &str) -> Option<time::Date> {
        let local = self.local;
        self.parsed(field, |s| parse_local_date(s, local))
    }

    fn money(&mut self, field: &str) -> Option<Money> {
        self.parsed(field, parse_money)
    }

    /// The currency column, or else the amount's own sign; both must agree.
    fn currency(&mut self, amount_field: &str, from_amount: Option<Currency>) -> Option<Currency> {
        let column = self.parsed("currency", parse_currency);
        match (column, from_amount) {
            (Some(c), Some(a)) if c != a => {
                self.fail(
                    "currency",
                    &["currency", amount_field],
                    Reason::CurrencyMismatch { amount: a.to_string(), column: c.to_string() },
                );
                Some(c)
            }
            (c, a) => c.or(a),
        }
    }

    fn non_negative(&mut self, field: &str, minor: i64) {
        if minor < 0 {
            self.fail(field, &[field], Reason::Negative);
        }
    }

    /// The channels of every column feeding `field`, as written, each labelled by its column's
    /// title; an e-mail column's value that is not an address is kept as kind `other`.
    fn channels(&self, field: &str, kind: ChannelKind) -> Vec<Channel> {
        let mut out: Vec<Channel> = Vec::new();
        let headers = self.mapping.headers();
        for &i in self.mapping.columns_of(field) {
            let Some(cell) = self.cells.get(i) else { continue };
            let title = headers[i].trim();
            for v in parse_multi(cell) {
                let v = self.values.get(field, &v).map_or(v, str::to_string);
                let kind = match kind {
                    ChannelKind::Email if !is_email(&v.to_lowercase()) => ChannelKind::Other,
                    k => k,
                };
                if !out.iter().any(|o| o.kind == kind && o.value == v) {
                    let mut ch = Channel::new(kind, label_from_title(title), v);
                    ch.source_column = Some(title.to_string());
                    out.push(ch);
                }
            }
        }
        out
    }

    /// Every channel of the row: phones, e-mails, sites, messengers.
    fn all_channels(&self) -> Vec<Channel> {
        let mut out = self.channels("phones", ChannelKind::Phone);
        out.extend(self.channels("emails", ChannelKind::Email));
        out.extend(self.channels("websites", ChannelKind::Web));
        out.extend(self.channels("messengers", ChannelKind::Messenger));
        out
    }

    fn legal_id(&mut self) -> Option<String> {
        let raw = self.text("legal_id")?;
        let id: String = raw.trim_start_matches('\'').chars().filter(|c| !c.is_whitespace()).collect();
        let Err(refused) = check_legal_id(&id) else { return Some(id) };
        // A spreadsheet may have read an ИНН as a number and dropped its leading zero.
        if id.len() == 9 || id.len() == 11 {
            let padded = format!("0{id}");
            if check_legal_id(&padded).is_ok() {
                return Some(padded);
            }
        }
        let check_digit = refused == Reason::LegalIdCheckDigit;
        self.fail("legal_id", &["legal_id"], Reason::LegalIdQuoted { value: raw, check_digit });
        Some(id)
    }

    fn client(&mut self) -> ClientRecord {
        let external_id = self.external_id();
        let name = self.required_text("name", 300);
        let legal_id = self.legal_id();
        let parent = match self.text("parent_id") {
            Some(id) => Some(Ref::External(id)),
            None => self.text("parent").map(Ref::Name),
        };
        let segment = self.optional_text("segment", 100);
        let region = self.optional_text("region", 100);
        let tier = self.parsed("tier", parse_tier);
        let potential = self.money("potential");
        if let Some(p) = &potential {
            self.non_negative("potential", p.minor);
        }
        let currency = self.currency("potential", potential.as_ref().and_then(|p| p.currency.clone()));
        let address = self.optional_text("address", 500);
        let holder = self.person_ref("holder", "holder_id");
        let created_on = self.date("created_on");
        let channels = self.all_channels();
        let extra = self.extra();
        let own_parent = match &parent {
            Some(Ref::External(id)) => Some(id) == external_id.as_ref(),
            Some(Ref::Name(n)) => !name.is_empty() && normalise(n) == normalise(&name),
            None => false,
        };
        if own_parent {
            self.fail("parent", &["parent", "parent_id"], Reason::OwnParent);
        }
        ClientRecord {
            external_id,
            name,
            legal_id,
            parent,
            segment,
            region,
            tier,
            potential_minor: potential.map(|p| p.minor),
            currency,
            address,
            holder,
            created_on,
            channels,
            extra,
        }
    }

    /// A contact: its phones wait in `channels` until [`ImportRecord::read_channels`] tells
    /// the numbers from the rest; e-mail addresses go to `emails`, other values to `channels`.
    fn contact(&mut self) -> ContactRecord {
        let mut channels = self.all_channels();
        let emails = channels.iter().filter(|c| c.kind == ChannelKind::Email).map(|c| c.value.to_lowercase()).fold(
            Vec::new(),
            |mut acc, e| {
                if !acc.contains(&e) {
                    acc.push(e);
                }
                acc
            },
        );
        channels.retain(|c| c.kind != ChannelKind::Email);
        ContactRecord {
            external_id: self.external_id(),
            client: self.optional_client_ref(),
            name: self.person_name(),
            position: self.optional_text("position", 200),
            phones: Vec::new(),
            emails,
            channels,
            decision_maker: self.parsed("decision_maker", parse_bool),
            consent: self.parsed("consent", parse_bool),
            extra: self.extra(),
        }
    }

    /// A lead: the company (or the person, when it names none) as an unheld client, and the
    /// person as its contact; the channels are the person's, a company's site stays with it.
    fn lead(&mut self) -> LeadRecord {
        let external_id = self.external_id();
        let has_person = ["name", "first_name", "middle_name", "last_name"].iter().any(|f| self.text(f).is_some());
        let person = has_person.then(|| self.person_name());
        let company = self.optional_text("client", 300);
        let Some(name) = company.clone().or_else(|| person.clone()) else {
            self.fail("client", &["client", "name", "first_name", "last_name"], Reason::Required);
            return LeadRecord { client: self.lead_client(external_id, String::new()), contact: None };
        };
        let client = self.lead_client(external_id.clone(), name.clone());
        let contact = person.map(|person| {
            let mut contact = self.contact();
            contact.external_id = external_id.clone();
            // By the lead's own id, which its client also keeps: two leads of one company name
            // are two prospects until a head merges them.
            contact.client = Some(match &external_id {
                Some(id) => Ref::External(id.clone()),
                None => Ref::Name(name),
            });
            contact.name = person;
            contact.channels.retain(|c| c.kind != ChannelKind::Web || company.is_none());
            contact.extra = Default::default();
            contact
        });
        let mut client = client;
        if contact.is_some() && company.is_some() {
            client.channels.retain(|c| c.kind == ChannelKind::Web);
        }
        LeadRecord { client, contact }
    }

    /// The client of a lead, named `name`, held by nobody.
    fn lead_client(&mut self, external_id: Option<String>, name: String) -> ClientRecord {
        let potential = self.money("potential");
        let currency = self.currency("potential", potential.as_ref().and_then(|p| p.currency.clone()));
        ClientRecord {
            external_id,
            name,
            legal_id: self.legal_id(),
            parent: None,
            segment: self.optional_text("segment", 100),
            region: self.optional_text("region", 100),
            tier: None,
            potential_minor: potential.map(|p| p.minor),
            currency,
            address: self.optional_text("address", 500),
            holder: None,
            created_on: self.date("created_on"),
            channels: self.all_channels(),
            extra: self.extra(),
        }
    }

    fn employee(&mut self) -> EmployeeRecord {
        let external_id = self.external_id();
        // Without an e-mail the employee cannot sign in until an administrator adds one.
        let email = self.text("email").map(|e| {
            let e = e.to_lowercase();
            if !is_email(&e) {
                self.fail("email", &["email"], Reason::Email { value: String::new() });
            }
            e
        });
        let name = self.person_name();
        let role_text = self.text("role");
        let mut role = self.parsed("role", parse_role);
        let mut department = self.parsed("department", parse_department);
        if role == Some(Role::Staff) && department.is_none() {
            department = role_text.as_deref().and_then(|t| parse_department(t).ok());
            if department.is_none() {
                self.fail("department", &["department", "role"], Reason::StaffNeedDepartment);
            }
        }
        if department.is_some() && role.is_none() && role_text.is_none() {
            role = Some(Role::Staff);
        }
        if department.is_some() && role.is_some_and(|r| r != Role::Staff) {
            self.fail("department", &["department", "role"], Reason::OnlyStaffDepartment);
        }
        EmployeeRecord {
            external_id,
            email,
            name,
            role,
            department,
            team: self.optional_text("team", 100),
            region: self.optional_text("region", 100),
            manager: self.person_ref("manager", "manager_id"),
        }
    }

    fn deal(&mut self) -> DealRecord {
        let external_id = self.external_id();
        let client = self.client_ref();
        let title = self.required_text("title", 300);
        let (cells, values) = (self.cells, self.values);
        let raw_stage = self
            .mapping
            .columns_of("stage")
            .iter()
            .find_map(|&i| cells.get(i).map(|c| c.trim()).filter(|c| !c.is_empty()));
        let is_won = self.parsed("is_won", parse_bool);
        let is_closed = self.parsed("is_closed", parse_bool);
        let stage = match raw_stage.and_then(|s| values.get("stage", s)) {
            Some(mapped) => mapped.parse().unwrap_or(DealStage::Open),
            None => {
                stage_from_flags(is_closed, is_won).unwrap_or_else(|| raw_stage.map_or(DealStage::Open, parse_stage))
            }
        };
        let amount = self.money("amount");
        let amount_minor = amount.as_ref().map_or(0, |m| m.minor);
        self.non_negative("amount", amount_minor);
        let currency = self.currency("amount", amount.and_then(|m| m.currency));
        let mut opened_on = self.date("opened_on");
        let mut closed_on = self.date("closed_on");
        if stage == DealStage::Open {
            closed_on = None;
        } else if closed_on.is_none() && !self.errors.iter().any(|e| e.field == "closed_on") {
            self.fail("closed_on", &["closed_on", "stage"], Reason::ClosedDealNeedsDate);
        }
        if opened_on.is_none() {
            opened_on = closed_on;
        }
        // A record created after the deal closed (migrated from another CRM): its real opening
        // is unknown, so it opens on its close date and stays out of the sales-cycle sample.
        let mut opened_unknown = false;
        if let (Some(o), Some(c)) = (opened_on, closed_on) {
            if c < o {
                opened_on = Some(c);
                opened_unknown = true;
            }
        }
        let owner = self.person_ref("owner", "owner_id");
        DealRecord {
            external_id,
            client,
            title,
            stage,
            amount_minor,
            currency,
            opened_on,
            closed_on,
            owner,
            opened_unknown,
            extra: self.extra(),
        }
    }

    fn activity(&mut self) -> ActivityRecord {
        let external_id = self.external_id();
        let client = self.client_ref();
        let kind = match self.text("kind") {
            None => ActivityKind::Note,
            Some(k) => match k.parse::<ActivityKind>().or_else(|_| parse_activity_kind(&k)) {
                Ok(kind) => kind,
                Err(reason) => {
                    self.fail("kind", &["kind"], reason);
                    ActivityKind::Note
                }
            },
        };
        let occurred_at = match self.parsed("occurred_at", parse_datetime) {
            Some(t) => t,
            None => {
                if !self.errors.iter().any(|e| e.field == "occurred_at") {
                    self.fail("occurred_at", &["occurred_at"], Reason::Required);
                }
                time::OffsetDateTime::UNIX_EPOCH
            }
        };
        ActivityRecord {
            external_id,
            client,
            kind,
            occurred_at,
            author: self.person_ref("author", "author_id"),
            text: self.required_text("text", 10_000),
            outcome: self.optional_text("outcome", 500),
            extra: self.extra(),
        }
    }

    fn required_date(&mut self, field: &str) -> time::Date {
        match self.date(field) {
            Some(d) => d,
            None => {
                if !self.errors.iter().any(|e| e.field == field) {
                    self.fail(field, &[field], Reason::Required);
                }
                time::Date::MIN
            }
        }
    }

    fn receivable(&mut self) -> ReceivableRecord {
        let external_id = self.external_id();
        let client = self.client_ref();
        let number = self.required_text("number", 100);
        let amount = self.money("amount");
        if amount.is_none() && !self.errors.iter().any(|e| e.field == "amount") {
            self.fail("amount", &["amount"], Reason::Required);
        }
        let amount_minor = amount.as_ref().map_or(0, |m| m.minor);
        self.non_negative("amount", amount_minor);
        let currency = self.currency("amount", amount.and_then(|m| m.currency));
        let issued_on = self.required_date("issued_on");
        let due_on = self.required_date("due_on");
        let paid_on = self.date("paid_on");
        if due_on < issued_on {
            self.fail("due_on", &["due_on"], Reason::Before { other: "issued_on" });
        }
        if paid_on.is_some_and(|p| p < issued_on) {
            self.fail("paid_on", &["paid_on"], Reason::Before { other: "issued_on" });
        }
        let extra = self.extra();
        ReceivableRecord { external_id, client, number, amount_minor, currency, issued_on, due_on, paid_on, extra }
    }
}

/// What matches a record that has no id to one in the base, as the store matches it: a
/// client's name (when it has no ИНН), a contact's name, a deal's title and opening day, a
/// touch's moment and kind, an invoice's number, each within its client.
fn matching_key(record: &ImportRecord) -> Option<(&'static str, String, RecordKey)> {
    let client = |r: &Ref| match r {
        Ref::External(id) => format!("id {id}"),
        Ref::Name(n) => crate::validate::search_key(&[n]),
    };
    let key = |parts: &[&str]| crate::validate::search_key(parts);
    match record {
        ImportRecord::Client(c) if c.legal_id.is_none() => Some(("name", key(&[&c.name]), RecordKey::ClientName)),
        ImportRecord::Employee(e) if e.email.is_none() => Some(("name", key(&[&e.name]), RecordKey::EmployeeName)),
        ImportRecord::Lead(l) => {
            let person = l.contact.as_ref().map_or("", |c| c.name.as_str());
            Some(("client", key(&[&l.client.name, person]), RecordKey::Lead))
        }
        ImportRecord::Contact(c) => {
            let at = c.client.as_ref().map_or_else(|| "pool".to_string(), client);
            Some(("name", format!("{at} / {}", key(&[&c.name])), RecordKey::Contact))
        }
        ImportRecord::Deal(d) => {
            let opened = d.opened_on.map(|o| o.to_string()).unwrap_or_default();
            Some(("title", format!("{} / {} / {opened}", client(&d.client), key(&[&d.title])), RecordKey::Deal))
        }
        ImportRecord::Activity(a) => Some((
            "occurred_at",
            format!("{} / {} / {}", client(&a.client), a.occurred_at.unix_timestamp(), a.kind),
            RecordKey::Touch,
        )),
        ImportRecord::Receivable(r) => {
            Some(("number", format!("{} / {}", client(&r.client), key(&[&r.number])), RecordKey::Invoice))
        }
        _ => None,
    }
}

/// Remembers the record ids (and, for clients, ИНН; for employees, e-mails; for records
/// without an id, what matches them) seen in one file and reports a repeat with the row of
/// the first occurrence.
///
/// It keeps a 64-bit hash and a row number per key (12 bytes), so two million rows take some
/// 24 MB; two different ids sharing a hash (odds about 1 in 10^7 at that size) would be
/// reported as a repeat.
#[derive(Debug, Default)]
pub struct DuplicateTracker {
    seen: SeenKeys,
}

impl DuplicateTracker {
    /// Nothing seen yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the keys of `record` (read from row `row`), or reports each one seen before.
    pub fn check(&mut self, mapping: &Mapping, row: u64, record: &ImportRecord) -> Vec<RowError> {
        let mut keys: Vec<(&'static str, String, RecordKey)> = Vec::new();
        if let Some(id) = record.external_id() {
            keys.push(("external_id", id.to_string(), RecordKey::Id));
        }
        match record {
            ImportRecord::Client(c) => keys.extend(c.legal_id.clone().map(|id| ("legal_id", id, RecordKey::LegalId))),
            ImportRecord::Employee(e) => keys.extend(e.email.clone().map(|m| ("email", m, RecordKey::Email))),
            _ => {}
        }
        // Without an id, a record is matched by what identifies it: two rows alike on that are
        // one record written twice, reported, never merged (whatever the batches).
        if record.external_id().is_none() {
            keys.extend(matching_key(record));
        }
        let mut errors = Vec::new();
        for (field, value, key) in keys {
            let mut h = DefaultHasher::new();
            (field, &value).hash(&mut h);
            match self.seen.get(h.finish()) {
                Some(first) => errors.push(RowError {
                    row,
                    column: mapping
                        .columns_of(field)
                        .iter()
                        .map(|&i| mapping.headers()[i].as_str())
                        .collect::<Vec<_>>()
                        .join(" + "),
                    field: field.to_string(),
                    reason: Reason::Repeated { key, value, first_row: first }.into(),
                }),
                None => self.seen.insert(h.finish(), row),
            }
        }
        errors
    }

    /// How many keys were recorded.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.seen.len() == 0
    }
}
