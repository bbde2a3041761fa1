//! The names of the domain's closed sets of words (roles, tiers, stages...) in each language.

use super::{pick, russian_count};
use sprut_core::activity::ActivityKind;
use sprut_core::aging::AgingBucket;
use sprut_core::assignment::{AssignmentKind, EndReason};
use sprut_core::calendar::EntryKind;
use sprut_core::channel::{ChannelKind, ChannelLabel};
use sprut_core::client::{ClientStatus, Tier};
use sprut_core::contact::{ContactFunction, ContactLevel};
use sprut_core::deal::{DealPhase, DealStage};
use sprut_core::employee::{Department, EmployeeStatus, Language, Role, Specialisation};
use sprut_core::handover::offboarding::OffboardingState;
use sprut_core::handover::transfer::{TransferCause, TransferState};
use sprut_core::meeting::MeetingState;
use sprut_core::octopus::Gap;
use sprut_core::EmployeeId;

/// The name of a transfer's cause.
pub fn transfer_cause(lang: Language, c: TransferCause) -> &'static str {
    let t = &super::tr(lang).transfers;
    match c {
        TransferCause::Manual => t.heads_decision,
        TransferCause::Rotation => t.rotation,
        TransferCause::Rebalance => t.rebalancing,
        TransferCause::Offboarding => t.offboarding,
        TransferCause::Recall => t.recall,
    }
}

/// The name of a role.
pub fn role(lang: Language, r: Role) -> &'static str {
    match r {
        Role::Admin => pick(lang, "администратор", "admin"),
        Role::Head => pick(lang, "руководитель продаж", "head of sales"),
        Role::Rep => pick(lang, "менеджер", "sales rep"),
        Role::Staff => pick(lang, "смежник", "staff"),
        Role::Auditor => pick(lang, "аудитор", "auditor"),
    }
}

/// The name of a rep's specialisation.
pub fn specialisation(lang: Language, s: Specialisation) -> &'static str {
    match s {
        Specialisation::Hunter => pick(lang, "охотник", "hunter"),
        Specialisation::Farmer => pick(lang, "фермер", "farmer"),
    }
}

/// The name of a department.
pub fn department(lang: Language, d: Department) -> &'static str {
    match d {
        Department::Logistics => pick(lang, "логистика", "logistics"),
        Department::Accounting => pick(lang, "бухгалтерия", "accounting"),
        Department::Legal => pick(lang, "юристы", "legal"),
        Department::Support => pick(lang, "поддержка", "support"),
        Department::Contracts => pick(lang, "договоры", "contracts"),
    }
}

/// The name of an employee status.
pub fn employee_status(lang: Language, s: EmployeeStatus) -> &'static str {
    match s {
        EmployeeStatus::Active => pick(lang, "работает", "active"),
        EmployeeStatus::Absent => pick(lang, "отсутствует", "absent"),
        EmployeeStatus::Departing => pick(lang, "увольняется", "departing"),
        EmployeeStatus::Departed => pick(lang, "уволен", "departed"),
    }
}

/// The name of a tier.
pub fn tier(lang: Language, t: Tier) -> &'static str {
    match t {
        Tier::Key => pick(lang, "ключевой", "key"),
        Tier::Regular => pick(lang, "обычный", "regular"),
        Tier::Small => pick(lang, "малый", "small"),
    }
}

/// The name of a client status.
pub fn client_status(lang: Language, s: ClientStatus) -> &'static str {
    match s {
        ClientStatus::Active => pick(lang, "в работе", "active"),
        ClientStatus::Archived => pick(lang, "в архиве", "archived"),
    }
}

/// The name of a deal stage.
pub fn stage(lang: Language, s: DealStage) -> &'static str {
    match s {
        DealStage::Open => pick(lang, "в работе", "open"),
        DealStage::Won => pick(lang, "выиграна", "won"),
        DealStage::Lost => pick(lang, "проиграна", "lost"),
    }
}

/// The name of a funnel phase.
pub fn phase(lang: Language, p: DealPhase) -> &'static str {
    match p {
        DealPhase::New => pick(lang, "новая", "new"),
        DealPhase::Qualified => pick(lang, "квалификация", "qualified"),
        DealPhase::Proposal => pick(lang, "предложение", "proposal"),
        DealPhase::Negotiation => pick(lang, "переговоры", "negotiation"),
        DealPhase::Contract => pick(lang, "договор", "contract"),
    }
}

/// The name of an aging bucket of unpaid invoices.
pub fn aging_bucket(lang: Language, b: AgingBucket) -> &'static str {
    match b {
        AgingBucket::NotDue => pick(lang, "не просрочено", "not due"),
        AgingBucket::Days1To30 => pick(lang, "1–30 дней", "1–30 days"),
        AgingBucket::Days31To60 => pick(lang, "31–60 дней", "31–60 days"),
        AgingBucket::Days61To90 => pick(lang, "61–90 дней", "61–90 days"),
        AgingBucket::Over90 => pick(lang, "более 90 дней", "over 90 days"),
    }
}

/// A calendar entry's title: a task with its client, a touch, a head meeting.
pub fn calendar_summary(lang: Language, kind: EntryKind, title: &str, client: &str) -> String {
    match kind {
        EntryKind::Task => format!("{title} — {client}"),
        EntryKind::Touch => format!("{} {client}", pick(lang, "Касание:", "Touch:")),
        EntryKind::Meeting => format!("{} {client}", pick(lang, "Встреча руководителя:", "Head meeting:")),
    }
}

/// A late touch's note in a calendar.
pub fn late_since(lang: Language, since: time::Date) -> String {
    format!("{} {}", pick(lang, "Просрочено с", "Late since"), super::super::format::date(lang, since))
}

/// Where a head's quarterly meeting stands.
pub fn meeting_state(lang: Language, s: MeetingState) -> &'static str {
    match s {
        MeetingState::Overdue => pick(lang, "просрочена", "overdue"),
        MeetingState::Due => pick(lang, "нужна в этом квартале", "due this quarter"),
        MeetingState::Planned => pick(lang, "запланирована", "planned"),
        MeetingState::Met => pick(lang, "проведена", "held"),
    }
}

/// The name of the part a contact plays.
pub fn contact_level(lang: Language, l: ContactLevel) -> &'static str {
    match l {
        ContactLevel::DecisionMaker => pick(lang, "ЛПР (принимает решение)", "decision maker"),
        ContactLevel::Influencer => pick(lang, "влияет на решение", "influencer"),
        ContactLevel::User => pick(lang, "пользователь", "user"),
        ContactLevel::Accountant => pick(lang, "бухгалтер", "accountant"),
        ContactLevel::Logistics => pick(lang, "логистика", "logistics"),
        ContactLevel::Lawyer => pick(lang, "юрист", "lawyer"),
        ContactLevel::Other => pick(lang, "другое", "other"),
    }
}

/// The name of what a contact is our person for.
pub fn contact_function(lang: Language, f: ContactFunction) -> &'static str {
    match f {
        ContactFunction::General => pick(lang, "продажи и руководство", "sales and management"),
        ContactFunction::Billing => pick(lang, "бухгалтерия", "accounting"),
        ContactFunction::Delivery => pick(lang, "логистика", "logistics"),
        ContactFunction::Legal => pick(lang, "юристы", "legal"),
        ContactFunction::Support => pick(lang, "поддержка", "support"),
    }
}

/// The name of a language.
pub fn language(l: Language) -> &'static str {
    match l {
        Language::Ru => "Русский",
        Language::En => "English",
    }
}

/// The name of an activity kind.
pub fn activity_kind(lang: Language, k: ActivityKind) -> &'static str {
    match k {
        ActivityKind::Call => pick(lang, "звонок", "call"),
        ActivityKind::Email => pick(lang, "письмо", "e-mail"),
        ActivityKind::Meeting => pick(lang, "встреча", "meeting"),
        ActivityKind::Visit => pick(lang, "визит", "visit"),
        ActivityKind::Proposal => pick(lang, "КП", "proposal"),
        ActivityKind::Note => pick(lang, "заметка", "note"),
    }
}

/// The name of an assignment kind.
pub fn assignment_kind(lang: Language, k: AssignmentKind) -> &'static str {
    match k {
        AssignmentKind::Development => pick(lang, "разработка", "development"),
        AssignmentKind::Account => pick(lang, "сопровождение", "account"),
    }
}

/// The name of an end reason.
pub fn end_reason(lang: Language, r: EndReason) -> &'static str {
    match r {
        EndReason::Released => pick(lang, "отпущен на передышку", "released"),
        EndReason::Recalled => pick(lang, "отозван", "recalled"),
        EndReason::Transferred => pick(lang, "передан", "transferred"),
        EndReason::Converted => pick(lang, "продажа, на сопровождение", "converted"),
        EndReason::Archived => pick(lang, "в архив", "archived"),
        EndReason::Departed => pick(lang, "уход сотрудника", "holder left"),
    }
}

/// The name of an alert kind.
pub fn alert_kind(lang: Language, k: sprut_core::alert::AlertKind) -> &'static str {
    use sprut_core::alert::AlertKind::*;
    match k {
        MassViewing => pick(lang, "массовый просмотр", "mass viewing"),
        OutOfScope => pick(lang, "попытка доступа к чужому", "access outside scope"),
        ExportAttempt => pick(lang, "попытка выгрузки", "export attempt"),
        DepartingSpike => pick(lang, "всплеск чтения у уходящего", "departing employee's reading spike"),
        FailedSignIns => pick(lang, "неудачные входы", "failed sign-ins"),
        PagingLimit => pick(lang, "дневной предел записей", "daily record limit"),
        HopelessThenSold => pick(lang, "«бесперспективный» продан другим", "hopeless, then sold"),
        SingleThreaded => pick(lang, "единственная нить", "single thread"),
        MeetingBlocked => pick(lang, "не пускает к клиенту", "keeps others from the client"),
        InventedData => pick(lang, "выдуманные данные", "invented data"),
    }
}

/// The name of an alert status.
pub fn alert_status(lang: Language, s: sprut_core::alert::AlertStatus) -> &'static str {
    match s {
        sprut_core::alert::AlertStatus::Open => pick(lang, "открыт", "open"),
        sprut_core::alert::AlertStatus::Closed => pick(lang, "закрыт", "closed"),
    }
}

/// The name of a channel: its kind, and its label unless it is the work line.
pub fn channel(lang: Language, kind: ChannelKind, label: ChannelLabel) -> String {
    let kind = match kind {
        ChannelKind::Phone => pick(lang, "телефон", "phone"),
        ChannelKind::Email => pick(lang, "e-mail", "e-mail"),
        ChannelKind::Web => pick(lang, "сайт", "site"),
        ChannelKind::Messenger => pick(lang, "мессенджер", "messenger"),
        ChannelKind::Other => pick(lang, "другое", "other"),
    };
    match label {
        ChannelLabel::Work => kind.to_string(),
        other => format!("{kind} ({})", channel_label(lang, other)),
    }
}

/// The name of a channel's line.
pub fn channel_label(lang: Language, label: ChannelLabel) -> &'static str {
    match label {
        ChannelLabel::Work => pick(lang, "рабочий", "work"),
        ChannelLabel::Mobile => pick(lang, "мобильный", "mobile"),
        ChannelLabel::Home => pick(lang, "личный", "personal"),
        ChannelLabel::Fax => pick(lang, "факс", "fax"),
        ChannelLabel::Other => pick(lang, "другой", "other"),
    }
}

/// The name of a transfer's state.
pub fn transfer_state(t: &super::Txt, s: TransferState) -> &'static str {
    match s {
        TransferState::Planned => t.transfers.planned,
        TransferState::InProgress => t.transfers.in_progress,
        TransferState::Completed => t.transfers.completed,
        TransferState::Cancelled => t.transfers.cancelled,
    }
}

/// The name of an offboarding playbook's state.
pub fn offboarding_state(t: &super::Txt, s: OffboardingState) -> &'static str {
    match s {
        OffboardingState::Active => t.offboarding.running,
        OffboardingState::Completed => t.offboarding.completed,
        OffboardingState::Cancelled => t.offboarding.cancelled,
    }
}

/// What a client's coverage lacks, in words, naming the one person where it hangs on one.
pub fn coverage_gap(lang: Language, gap: &Gap, name: impl Fn(EmployeeId) -> String) -> String {
    match gap {
        Gap::OneOfOurs { employee_id: Some(e) } => match lang {
            Language::Ru => format!("в контакте только {}", name(*e)),
            Language::En => format!("only {} is in touch", name(*e)),
        },
        Gap::OneOfOurs { employee_id: None } => {
            pick(lang, "никто из наших не касался клиента за 180 дней", "no one of ours touched the client in 180 days")
                .into()
        }
        Gap::OneOfTheirs => {
            pick(lang, "у клиента мы знаем не больше одного человека", "we reach at most one person at the client")
                .into()
        }
        Gap::NoDecisionMaker { known: true } => {
            pick(lang, "с ЛПР за 180 дней никто не говорил", "no one spoke to a decision maker in 180 days").into()
        }
        Gap::NoDecisionMaker { known: false } => {
            pick(lang, "ЛПР клиента не записан", "the client's decision maker is not recorded").into()
        }
        Gap::DecisionMakerOnlyHolder { employee_id } => match lang {
            Language::Ru => format!("с ЛПР не встречался никто, кроме {}", name(*employee_id)),
            Language::En => format!("no one but {} has met the decision maker", name(*employee_id)),
        },
        Gap::NoDepartment => pick(
            lang,
            "нет контакта бухгалтерии, логистики, юристов или сервиса",
            "no accounting, logistics, legal or support contact",
        )
        .into(),
    }
}

/// The figures behind a coverage score.
pub fn coverage_figures(lang: Language, ours: u32, theirs: u32) -> String {
    match lang {
        Language::Ru => format!("За 180 дней: наших в контакте — {ours}, их людей — {theirs}."),
        Language::En => format!("Over 180 days: {ours} of ours in touch, {theirs} of theirs reached."),
    }
}

/// The risk page's totals: «Клиентов: 1 200, из них на одной нити: 340.»
pub fn risk_totals(lang: Language, clients: u32, single: u32) -> String {
    let (c, s) = (grouped(clients), grouped(single));
    match lang {
        Language::Ru => format!("Клиентов в обзоре: {c}, из них на одной нити: {s}."),
        Language::En => format!("Clients in view: {c}, of them on a single thread: {s}."),
    }
}

/// What leaves with one employee, in a sentence: his single-threaded clients and their revenue,
/// the people only he met and those the company cannot reach itself.
pub fn leaver_threads(lang: Language, single: u32, revenue: &str, only_his: u32, unreachable: u32) -> String {
    match lang {
        Language::Ru => format!(
            "Единственная нить у {}: выручка {revenue} за 12 месяцев. Только он знает людей клиентов: {}; без прямого канала компании: {}.",
            russian_count(i64::from(single), ["клиента", "клиентов", "клиентов"]),
            grouped(only_his),
            grouped(unreachable)
        ),
        Language::En => format!(
            "The only thread of {single} clients: {revenue} of revenue over 12 months. People of clients only he met: {only_his}; without a direct channel of the company: {unreachable}."
        ),
    }
}

/// A count with spaces between thousands.
fn grouped(n: u32) -> String {
    sprut_core::money::format_minor(i64::from(n) * 100)
}

/// Where a meeting request stands.
pub fn request_state(lang: Language, s: sprut_core::meeting_request::RequestState) -> &'static str {
    use sprut_core::meeting_request::RequestState::*;
    match s {
        Open => pick(lang, "ждёт ответа", "waiting"),
        Accepted => pick(lang, "согласована", "accepted"),
        Postponed => pick(lang, "перенесена", "postponed"),
        Declined => pick(lang, "отказ", "declined"),
        Withdrawn => pick(lang, "отозвана", "withdrawn"),
    }
}

/// An answer to a meeting request, as a choice.
pub fn request_answer(lang: Language, a: sprut_core::meeting_request::Answer) -> &'static str {
    use sprut_core::meeting_request::Answer::*;
    match a {
        Accept => pick(lang, "согласовать дату", "accept a date"),
        Postpone => pick(lang, "перенести на дату", "postpone to a date"),
        Decline => pick(lang, "отказать", "decline"),
        Withdraw => pick(lang, "отозвать", "withdraw"),
    }
}

/// What a spot check found.
pub fn check_outcome(lang: Language, o: sprut_core::spot_check::CheckOutcome) -> &'static str {
    use sprut_core::spot_check::CheckOutcome::*;
    match o {
        Confirmed => pick(lang, "подтверждён", "confirmed"),
        WrongPhone => pick(lang, "неверный телефон", "wrong phone"),
        WrongEmail => pick(lang, "неверный e-mail", "wrong e-mail"),
        LeftClient => pick(lang, "уже не работает у клиента", "left the client"),
        UnknownToClient => pick(lang, "клиент его не знает", "unknown to the client"),
        Refused => pick(lang, "отказались говорить", "refused to talk"),
    }
}

/// The head's finding in an investigation.
pub fn finding(lang: Language, f: sprut_core::spot_check::Finding) -> &'static str {
    use sprut_core::spot_check::Finding::*;
    match f {
        HonestMistake => pick(lang, "честная ошибка", "honest mistake"),
        ClientChanged => pick(lang, "изменилось у клиента", "the client changed"),
        Invented => pick(lang, "данные выдуманы", "data invented"),
    }
}

/// The thin clients' totals: «Ключевых клиентов: 120, ниже минимума 50: 37.»
pub fn thin_totals(lang: Language, key: u32, minimum: u8, below: usize) -> String {
    match lang {
        Language::Ru => format!("Ключевых клиентов: {}, ниже минимума {minimum}: {below}.", grouped(key)),
        Language::En => format!("Key clients: {key}, below the minimum of {minimum}: {below}."),
    }
}
