//! Why a value is refused: a code with its figures. The core names the reason; each edge puts
//! it into words: English here (the API's `reason`, the CLI), the user's language in the UI,
//! matched on the code, never on the English text.

use time::Date;

/// Why a field's value is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The field is empty and must be filled.
    Required,
    /// The text is longer than `max` characters.
    TooLong {
        /// The limit.
        max: usize,
    },
    /// The number is below zero.
    Negative,
    /// The number is outside `min..=max` (no upper limit when `max` is `None`).
    Range {
        /// The least allowed.
        min: i64,
        /// The most allowed, if any.
        max: Option<i64>,
    },
    /// Not an e-mail address (`value` empty when the field itself was expected to be one).
    Email {
        /// The text as written.
        value: String,
    },
    /// Not a phone number.
    Phone {
        /// The text as written.
        value: String,
    },
    /// Not a whole number.
    Number {
        /// The text as written.
        value: String,
    },
    /// Not a date.
    Date {
        /// The text as written.
        value: String,
    },
    /// Not a date and time.
    DateTime {
        /// The text as written.
        value: String,
    },
    /// Not an amount of money.
    Amount {
        /// The text as written.
        value: String,
    },
    /// Not a currency.
    Currency {
        /// The text as written.
        value: String,
    },
    /// The amount's currency sign and the currency column disagree.
    CurrencyMismatch {
        /// The currency of the amount.
        amount: String,
        /// The currency column.
        column: String,
    },
    /// Not one of the words the field takes.
    OneOf {
        /// The text as written.
        value: String,
        /// The words taken, as codes (`key, regular, small`).
        expected: String,
    },
    /// Nothing was chosen from the options offered.
    Choose,
    /// More channels than a record keeps.
    TooManyChannels {
        /// The limit.
        max: usize,
    },
    /// A channel longer than 300 characters.
    ChannelTooLong {
        /// Its first characters.
        start: String,
    },
    /// Not a cursor of a previous page.
    Cursor,
    /// A page size outside `1..=max`.
    PageSize {
        /// The largest page.
        max: u32,
    },
    /// The password is too short.
    PasswordTooShort {
        /// The least number of characters.
        min: usize,
    },
    /// Not an IANA time zone.
    TimeZone,
    /// Not a two-letter country code.
    CountryCode,
    /// Not one of the sales-cycle figures.
    CycleFigure,
    /// An ИНН whose check digit is wrong.
    LegalIdCheckDigit,
    /// Neither an ИНН nor a foreign tax id.
    LegalIdShape,
    /// The same, quoting the value (imports).
    LegalIdQuoted {
        /// The text as written.
        value: String,
        /// Whether the check digit failed (else the shape).
        check_digit: bool,
    },
    /// No such employee.
    NoSuchEmployee,
    /// No such rep.
    NoSuchRep,
    /// No such client (`id` empty when the field names it).
    NoSuchClient {
        /// The client's id or name, as given.
        id: String,
    },
    /// No such contact.
    NoSuchContact {
        /// The contact's id.
        id: String,
    },
    /// The contact belongs to another client.
    ContactOfOtherClient {
        /// The contact's id.
        id: String,
    },
    /// Only reps and heads of sales at work hold clients.
    CannotHold,
    /// This employee cannot take clients now (departing or absent).
    CannotTakeClients {
        /// His name.
        name: String,
    },
    /// The employee is not staff of the department named.
    NotStaffOf {
        /// His name.
        name: String,
        /// The department's code.
        department: String,
    },
    /// The rep has no development capacity left.
    NoCapacity {
        /// His development clients now.
        load: i64,
        /// His capacity.
        capacity: i64,
    },
    /// No contact of the client agreed to letters: the client must be told another way.
    NoWritableContact,
    /// None of the receivers named can take clients now.
    NoReceiverCanTake,
    /// An employee named as a receiver does not exist or cannot hold clients.
    NoSuchReceiver {
        /// The id given.
        id: String,
    },
    /// A client cannot be its own parent.
    OwnParent,
    /// The parent would make the corporate group a loop.
    GroupLoop,
    /// An employee cannot be his own manager.
    OwnManager,
    /// Staff need a department.
    StaffNeedDepartment,
    /// Only staff have a department.
    OnlyStaffDepartment,
    /// A departing employee needs a last working day.
    LastDayNeeded,
    /// A development needs a due date.
    DevelopmentNeedsDue,
    /// An account assignment has no due date.
    AccountHasNoDue,
    /// An open deal has no close date.
    OpenDealHasNoClose,
    /// A won or lost deal needs its close date.
    ClosedDealNeedsDate,
    /// A date before the date of another field.
    Before {
        /// The other field.
        other: &'static str,
    },
    /// A date before a date it must not precede.
    BeforeDate {
        /// The earliest date allowed.
        date: Date,
    },
    /// Only today's plan can be applied to the base.
    OnlyToday {
        /// Today in the company's time zone.
        today: Date,
    },
    /// A date that must be after today.
    AfterToday {
        /// Today.
        today: Date,
    },
    /// A date that must not be in the past.
    Past {
        /// Today.
        today: Date,
    },
    /// A date of something that happened, after today.
    Future {
        /// Today.
        today: Date,
    },
    /// A week after this week.
    AfterThisWeek {
        /// The Monday of this week.
        week: Date,
    },
    /// A new due date not after the current one.
    AfterDue {
        /// The current due date.
        due: Date,
    },
    /// A development extended past the rule's allowance.
    ExtensionTooLong {
        /// The latest due date the rule allows.
        latest: Date,
        /// The allowance in days.
        days: i64,
        /// The allowance as a multiple of the cycle.
        multiple: String,
        /// The sales cycle in days.
        cycle_days: i64,
    },
    /// The allowance has passed: no extension is possible any more.
    ExtensionExhausted {
        /// The latest due date the rule allowed.
        latest: Date,
    },
    /// Only a postponed weekly report has a date.
    PostponedOnly,
    /// Accepting a meeting on a date that was not proposed.
    NotProposed,
    /// Postponing a meeting to a date that was proposed (accept it instead).
    AlreadyProposed,
    /// Asking for a meeting with one's own client.
    OwnClient,
    /// Only a head or an administrator plans, moves or cancels a head's quarterly meeting.
    HeadMeetingByHead,
    /// A meeting's checklist belongs to a meeting or a visit.
    ChecklistOnMeeting,
    /// A transfer names no client.
    NoClients,
    /// A transfer names no receiver.
    NoReceivers,
    /// A client transferred to the holder it comes from.
    SameHolder {
        /// The client's name (empty when not known yet).
        client: String,
    },
    /// A client listed twice.
    ListedTwice {
        /// The client's id.
        client: String,
    },
    /// A client named for a receiver but not among the transfer's clients.
    NotInTransfer {
        /// The client's id.
        client: String,
    },
    /// A client held by someone else than the giver.
    HeldByOther {
        /// The client's name.
        client: String,
        /// Who holds it.
        holder: String,
        /// The giver named.
        from: String,
    },
    /// A client nobody holds.
    NotHeld {
        /// The client's name.
        client: String,
    },
    /// The client is held by this rep already.
    HeldAlready,
    /// Clients of an offboarding plan without a receiver.
    ReceiverNeeded {
        /// Their names.
        clients: String,
    },
    /// Clients at risk without a retention decision.
    RetentionNeeded {
        /// Their names.
        clients: String,
    },
    /// Too many lines, or lines too long.
    Lines {
        /// The most lines.
        lines: usize,
        /// The most characters a line.
        chars: usize,
    },
    /// The playbook is for reps and heads who hold clients.
    PlaybookForHolders,
    /// A discount needs the offer it belongs to.
    OfferNeeded,
    /// The value cannot be read; the reader's own words (English) follow.
    Malformed {
        /// What the reader found (English).
        detail: String,
    },
    /// An imported cell that is not one of the words its column takes.
    Word {
        /// The text as written.
        value: String,
        /// The words the column takes.
        list: WordList,
    },
    /// An amount with more than two decimal places.
    Decimals {
        /// The text as written.
        value: String,
    },
    /// An amount too large to keep.
    TooLarge {
        /// The text as written.
        value: String,
    },
    /// A row with more cells than its header has columns.
    RowShifted {
        /// The row's cells.
        cells: usize,
        /// The header's columns.
        width: usize,
    },
    /// A record written twice in one file.
    Repeated {
        /// What identifies the record.
        key: RecordKey,
        /// The value that identifies it.
        value: String,
        /// The row it first appeared in.
        first_row: u64,
    },
    /// A phone kept as written: not a number of the region (a warning).
    PhoneKept {
        /// The text as written.
        value: String,
        /// The company's country code.
        region: String,
    },
    /// An e-mail column's value kept as written: not an address (a warning).
    EmailKept {
        /// The text as written.
        value: String,
    },
    /// Several clients have the name a row gives.
    SeveralClientsNamed {
        /// The name.
        name: String,
    },
    /// No client has the name a row gives.
    NoClientNamed {
        /// The name.
        name: String,
    },
    /// No client has the source's id a row gives.
    NoClientWithId {
        /// The id.
        id: String,
        /// The source system.
        source: String,
    },
    /// Several employees have the name a row gives.
    SeveralEmployeesNamed {
        /// The name.
        name: String,
    },
    /// No employee is known by the name, e-mail or id a row gives.
    NoEmployeeKnown {
        /// The name, e-mail or id, as written.
        value: String,
    },
    /// The manager a row names is not an employee.
    NoManager,
    /// Not a month (`2026-12`) or a quarter (`2026-Q4`).
    Period {
        /// The text as written.
        value: String,
    },
    /// The team has no rep or no client for the planner to balance.
    NothingToPlan,
    /// Clients that may not move hold a rep beyond the balance.
    LockedBeyondBalance {
        /// Whether letting key clients move makes a plan.
        move_key_helps: bool,
    },
    /// No plan keeps every rep within the balance; `percent` is the least that works.
    BalanceTooTight {
        /// The least balance (percent) with a plan.
        percent: u8,
    },
    /// The reps' capacity holds fewer clients than the team has.
    CapacityTooSmall,
    /// The balance needs more moves than allowed.
    MovesNeeded {
        /// The fewest moves that meet the balance.
        needed: u32,
    },
}

/// What identifies an imported record, named in a [`Reason::Repeated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKey {
    /// The source's id.
    Id,
    /// A client's ИНН.
    LegalId,
    /// An employee's e-mail.
    Email,
    /// A client's name.
    ClientName,
    /// An employee's name.
    EmployeeName,
    /// A lead's company and person.
    Lead,
    /// A contact's client and name.
    Contact,
    /// A deal's client, title and opening.
    Deal,
    /// A touch's client, moment and kind.
    Touch,
    /// An invoice's client and number.
    Invoice,
}

/// The words an imported column takes, named in a [`Reason::Word`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordList {
    /// Yes or no.
    YesNo,
    /// A client's tier.
    Tier,
    /// An activity's kind.
    ActivityKind,
    /// An employee's role.
    Role,
    /// A staff department.
    Department,
}

impl Reason {
    /// The machine-readable code, stable across languages.
    pub fn code(&self) -> &'static str {
        use Reason::*;
        match self {
            Required => "required",
            TooLong { .. } => "too_long",
            Negative => "negative",
            Range { .. } => "range",
            Email { .. } => "email",
            Phone { .. } => "phone",
            Number { .. } => "number",
            Date { .. } => "date",
            DateTime { .. } => "date_time",
            Amount { .. } => "amount",
            Currency { .. } => "currency",
            CurrencyMismatch { .. } => "currency_mismatch",
            OneOf { .. } => "one_of",
            Choose => "choose",
            TooManyChannels { .. } => "too_many_channels",
            ChannelTooLong { .. } => "channel_too_long",
            Cursor => "cursor",
            PageSize { .. } => "page_size",
            PasswordTooShort { .. } => "password_too_short",
            TimeZone => "time_zone",
            CountryCode => "country_code",
            CycleFigure => "cycle_figure",
            LegalIdCheckDigit | LegalIdQuoted { check_digit: true, .. } => "legal_id_check_digit",
            LegalIdShape | LegalIdQuoted { .. } => "legal_id_shape",
            NoSuchEmployee => "no_such_employee",
            NoSuchRep => "no_such_rep",
            NoSuchClient { .. } => "no_such_client",
            NoSuchContact { .. } => "no_such_contact",
            ContactOfOtherClient { .. } => "contact_of_other_client",
            CannotHold => "cannot_hold",
            CannotTakeClients { .. } => "cannot_take_clients",
            NotStaffOf { .. } => "not_staff_of",
            NoCapacity { .. } => "no_capacity",
            NoWritableContact => "no_writable_contact",
            NoReceiverCanTake => "no_receiver_can_take",
            NoSuchReceiver { .. } => "no_such_receiver",
            OwnParent => "own_parent",
            GroupLoop => "group_loop",
            OwnManager => "own_manager",
            StaffNeedDepartment => "staff_need_department",
            OnlyStaffDepartment => "only_staff_department",
            LastDayNeeded => "last_day_needed",
            DevelopmentNeedsDue => "development_needs_due",
            AccountHasNoDue => "account_has_no_due",
            OpenDealHasNoClose => "open_deal_has_no_close",
            ClosedDealNeedsDate => "closed_deal_needs_date",
            Before { .. } => "before",
            BeforeDate { .. } => "before_date",
            OnlyToday { .. } => "only_today",
            AfterToday { .. } => "after_today",
            Past { .. } => "past",
            Future { .. } => "future",
            AfterThisWeek { .. } => "after_this_week",
            AfterDue { .. } => "after_due",
            ExtensionTooLong { .. } => "extension_too_long",
            ExtensionExhausted { .. } => "extension_exhausted",
            PostponedOnly => "postponed_only",
            NotProposed => "not_proposed",
            AlreadyProposed => "already_proposed",
            OwnClient => "own_client",
            HeadMeetingByHead => "head_meeting_by_head",
            ChecklistOnMeeting => "checklist_on_meeting",
            NoClients => "no_clients",
            NoReceivers => "no_receivers",
            SameHolder { .. } => "same_holder",
            ListedTwice { .. } => "listed_twice",
            NotInTransfer { .. } => "not_in_transfer",
            HeldByOther { .. } => "held_by_other",
            NotHeld { .. } => "not_held",
            HeldAlready => "held_already",
            ReceiverNeeded { .. } => "receiver_needed",
            RetentionNeeded { .. } => "retention_needed",
            Lines { .. } => "lines",
            PlaybookForHolders => "playbook_for_holders",
            OfferNeeded => "offer_needed",
            Malformed { .. } => "malformed",
            Word { .. } => "word",
            Decimals { .. } => "decimals",
            TooLarge { .. } => "too_large",
            RowShifted { .. } => "row_shifted",
            Repeated { .. } => "repeated",
            PhoneKept { .. } => "phone_kept",
            EmailKept { .. } => "email_kept",
            SeveralClientsNamed { .. } => "several_clients_named",
            NoClientNamed { .. } => "no_client_named",
            NoClientWithId { .. } => "no_client_with_id",
            SeveralEmployeesNamed { .. } => "several_employees_named",
            NoEmployeeKnown { .. } => "no_employee_known",
            NoManager => "no_manager",
            Period { .. } => "period",
            NothingToPlan => "nothing_to_plan",
            LockedBeyondBalance { .. } => "locked_beyond_balance",
            BalanceTooTight { .. } => "balance_too_tight",
            CapacityTooSmall => "capacity_too_small",
            MovesNeeded { .. } => "moves_needed",
        }
    }
}

impl std::error::Error for Reason {}

/// The reason in English, for the API and the CLI.
impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use Reason::*;
        match self {
            Required => write!(f, "must not be empty"),
            TooLong { max } => write!(f, "must be at most {max} characters"),
            Negative => write!(f, "must not be negative"),
            Range { min, max: None } => write!(f, "must be at least {min}"),
            Range { min, max: Some(max) } => write!(f, "must be at least {min} and at most {max}"),
            Email { value } if value.is_empty() => write!(f, "must be an e-mail address like name@example.com"),
            Email { value } => write!(f, "'{value}' is not an e-mail address"),
            Phone { value } => write!(f, "'{value}' is not a phone number: use digits, spaces, + - ( )"),
            Number { value } => write!(f, "'{value}' is not a whole number"),
            Date { value } => write!(f, "'{value}' is not a date (expected dd.mm.yyyy, yyyy-mm-dd or mm/dd/yy)"),
            DateTime { value } => write!(
                f,
                "'{value}' is not a date and time (expected dd.mm.yyyy hh:mm, yyyy-mm-dd hh:mm:ss, \
                 yyyy-mm-ddThh:mm:ss+hhmm or mm/dd/yy hh:mm AM)"
            ),
            Amount { value } => write!(
                f,
                "'{value}' is not an amount (expected digits like 1 234,56 or 1,234.56, optionally with a currency)"
            ),
            Currency { value } => write!(f, "'{value}' is not a currency; write an ISO code such as RUB"),
            CurrencyMismatch { amount, column } => write!(f, "the amount is in {amount} but the currency is {column}"),
            OneOf { value, expected } => write!(f, "'{value}' is not one of: {expected}"),
            Choose => write!(f, "choose one of the options"),
            TooManyChannels { max } => write!(f, "at most {max} channels"),
            ChannelTooLong { start } => write!(f, "'{start}…' is longer than 300 characters"),
            Cursor => write!(f, "is not a cursor from a previous page"),
            PageSize { max } => write!(f, "must be from 1 to {max}; page through longer lists with `after`"),
            PasswordTooShort { min } => write!(f, "must be at least {min} characters"),
            TimeZone => write!(f, "must be an IANA time zone such as Europe/Moscow"),
            CountryCode => write!(f, "must be a two-letter country code such as RU, KZ or BY"),
            CycleFigure => write!(f, "must be mean, median, p80 or km_median"),
            LegalIdCheckDigit => {
                write!(f, "this ИНН has a wrong check digit; check it against the client's documents")
            }
            LegalIdShape => write!(
                f,
                "must be an ИНН of 10 or 12 digits, or a foreign tax id of 5 to 20 letters, digits and dashes"
            ),
            LegalIdQuoted { value, check_digit } => {
                let inner = if *check_digit { LegalIdCheckDigit } else { LegalIdShape };
                write!(f, "'{value}': {inner}")
            }
            NoSuchEmployee => write!(f, "no such employee"),
            NoSuchRep => write!(f, "no such rep"),
            NoSuchClient { id } if id.is_empty() => write!(f, "no such client"),
            NoSuchClient { id } => write!(f, "no such client {id}"),
            NoSuchContact { id } => write!(f, "no contact {id}"),
            ContactOfOtherClient { id } => write!(f, "contact {id} belongs to another client"),
            CannotHold => write!(f, "only reps and heads of sales at work can hold clients"),
            CannotTakeClients { name } => write!(f, "{name} cannot take clients now"),
            NotStaffOf { name, department } => write!(f, "{name} is not staff of the {department} department"),
            NoCapacity { load, capacity } => {
                write!(f, "has no capacity left ({load} of {capacity} development clients)")
            }
            NoWritableContact => {
                write!(f, "no contact of the client agreed to be written to: tell the client another way and say how")
            }
            NoReceiverCanTake => write!(f, "none of the receivers can take clients now (departing or absent)"),
            NoSuchReceiver { id } => write!(f, "employee {id} does not exist or cannot hold clients"),
            OwnParent => write!(f, "a client cannot be its own parent"),
            GroupLoop => write!(f, "would make the corporate group a loop"),
            OwnManager => write!(f, "an employee cannot be his own manager"),
            StaffNeedDepartment => {
                write!(f, "staff need a department: logistics, accounting, legal, support or contracts")
            }
            OnlyStaffDepartment => write!(f, "only staff have a department"),
            LastDayNeeded => write!(f, "a departing employee needs a last working day"),
            DevelopmentNeedsDue => write!(f, "development needs a due date"),
            AccountHasNoDue => write!(f, "an account assignment has no due date"),
            OpenDealHasNoClose => write!(f, "an open deal has no close date; set stage to won or lost"),
            ClosedDealNeedsDate => write!(f, "a won or lost deal needs its close date"),
            Before { other } => write!(f, "must not be before {other}"),
            BeforeDate { date } => write!(f, "must not be before {date}"),
            OnlyToday { today } => write!(
                f,
                "only today ({today}, in the company's time zone) can be applied to the base; see another day's \
                 plan with dry_run, or replay days on a copy with `sprut simulate`"
            ),
            AfterToday { today } => write!(f, "must be after today ({today})"),
            Past { today } => write!(f, "must not be in the past (today is {today})"),
            Future { today } => write!(f, "must not be after today ({today})"),
            AfterThisWeek { week } => write!(f, "must not be after this week ({week})"),
            AfterDue { due } => write!(f, "must be after the current due date {due}"),
            ExtensionTooLong { latest, days, multiple, cycle_days } => write!(
                f,
                "must be at most {days} days ({multiple} × the sales cycle of {cycle_days} days) after the \
                 current due date: {latest} at the latest"
            ),
            ExtensionExhausted { latest } => {
                write!(f, "cannot be extended any more: the latest due date the rule allows was {latest}")
            }
            PostponedOnly => write!(f, "only a postponed report has a date"),
            NotProposed => write!(f, "accept one of the dates proposed, or postpone to another one"),
            AlreadyProposed => write!(f, "that date was proposed: accept it instead"),
            OwnClient => write!(f, "you hold this client yourself: meet it, no request is needed"),
            HeadMeetingByHead => write!(f, "only a head or an administrator plans, moves or cancels a head's meeting"),
            ChecklistOnMeeting => write!(f, "a checklist belongs to a meeting or a visit"),
            NoClients => write!(f, "name at least one client to transfer"),
            NoReceivers => write!(f, "name at least one receiving holder"),
            SameHolder { client } if client.is_empty() => {
                write!(f, "a client cannot be transferred to the holder it is transferred from")
            }
            SameHolder { client } => write!(f, "{client} cannot be transferred to the holder it comes from"),
            ListedTwice { client } => write!(f, "client {client} is listed twice"),
            NotInTransfer { client } => write!(f, "client {client} is not among the clients of the transfer"),
            HeldByOther { client, holder, from } => write!(f, "{client} is held by {holder}, not by {from}"),
            NotHeld { client } => write!(f, "{client} is not held by anyone; assign it instead"),
            HeldAlready => write!(f, "the client is held by this rep already"),
            ReceiverNeeded { clients } => write!(f, "choose a receiver for: {clients}"),
            RetentionNeeded { clients } => {
                write!(f, "decide a retention offer (or none) for the clients at risk: {clients}")
            }
            Lines { lines, chars } => write!(f, "at most {lines} lines of at most {chars} characters"),
            PlaybookForHolders => write!(f, "the playbook is for reps and heads who hold clients"),
            OfferNeeded => write!(f, "describe the offer the discount belongs to"),
            Malformed { detail } => write!(f, "{detail}"),
            Word { value, list } => {
                let expected = match list {
                    WordList::YesNo => "yes or no (expected да/нет, yes/no, true/false, 1/0 or x)",
                    WordList::Tier => "a tier (expected key, regular or small; A/B/C; ключевой/обычный/мелкий)",
                    WordList::ActivityKind => {
                        "an activity kind (expected call, email, meeting, visit, proposal or note; map others \
                         with --value kind:SOURCE=call)"
                    }
                    WordList::Role => {
                        "a role (expected admin, head, rep, staff or auditor; or map it with --value role:SOURCE=rep)"
                    }
                    WordList::Department => "a department (expected logistics, accounting, legal, support, contracts)",
                };
                write!(f, "'{value}' is not {expected}")
            }
            Decimals { value } => write!(f, "'{value}' has more than two decimal places"),
            TooLarge { value } => write!(f, "'{value}' is too large"),
            RowShifted { cells, width } => write!(
                f,
                "the row has {cells} cells but the header has {width} columns; a value may hold an unquoted \
                 delimiter, which shifts the cells after it"
            ),
            Repeated { key, value, first_row } => {
                let key = match key {
                    RecordKey::Id => "id",
                    RecordKey::LegalId => "ИНН",
                    RecordKey::Email => "e-mail",
                    RecordKey::ClientName => "client name",
                    RecordKey::EmployeeName => "employee name",
                    RecordKey::Lead => "lead (company, person)",
                    RecordKey::Contact => "contact",
                    RecordKey::Deal => "deal (client, title, opening)",
                    RecordKey::Touch => "touch (client, moment, kind)",
                    RecordKey::Invoice => "invoice (client, number)",
                };
                write!(f, "the {key} '{value}' already appeared in row {first_row}; each record must appear once")
            }
            PhoneKept { value, region } => {
                write!(f, "'{value}' does not read as a phone number of {region}; kept as written")
            }
            EmailKept { value } => write!(f, "'{value}' is not an e-mail address; kept as written"),
            SeveralClientsNamed { name } => {
                write!(f, "several clients are named '{name}'; refer to the client by its id or ИНН")
            }
            NoClientNamed { name } => {
                write!(f, "no client is named '{name}'; import the clients first or fix the name")
            }
            NoClientWithId { id, source } => {
                write!(f, "no client has the id '{id}' in {source}; import the clients first (with the same preset)")
            }
            SeveralEmployeesNamed { name } => write!(f, "several employees are named '{name}'; name them by e-mail"),
            NoEmployeeKnown { value } => write!(
                f,
                "no employee is known as '{value}'; add the employee first, or import with --create-employees"
            ),
            NoManager => {
                write!(f, "no employee is named so; add the manager's row to the file, or the employee first")
            }
            Period { value } => write!(f, "'{value}' is not a month (2026-12) or a quarter (2026-Q4)"),
            NothingToPlan => write!(f, "the team has no active rep or no client to balance; choose another team"),
            LockedBeyondBalance { move_key_helps: true } => {
                write!(f, "key clients hold a rep beyond the balance; let key clients move, or widen the balance")
            }
            LockedBeyondBalance { move_key_helps: false } => {
                write!(f, "clients in development or in a transfer hold a rep beyond the balance; widen the balance")
            }
            BalanceTooTight { percent } => {
                write!(f, "no plan keeps every rep within this balance; the least that works is {percent} %")
            }
            CapacityTooSmall => {
                write!(f, "the reps can hold fewer clients than the team has; raise the capacity or leave it empty")
            }
            MovesNeeded { needed } => {
                write!(f, "the balance needs {needed} moves; allow at least {needed} or widen the balance")
            }
        }
    }
}
