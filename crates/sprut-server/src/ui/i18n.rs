//! The words of the web UI in Russian (the default) and English.

pub(crate) mod import;
pub(crate) mod mail;
mod words;

pub use words::*;

use sprut_core::employee::Language;

/// Every fixed phrase of the UI in one language.
pub struct Txt {
    /// `lang` attribute of the page.
    pub html_lang: &'static str,
    /// Navigation: clients.
    pub nav_clients: &'static str,
    /// Navigation: employees.
    pub nav_employees: &'static str,
    /// Sign-out button.
    pub sign_out: &'static str,
    /// Label of the language switch.
    pub language: &'static str,
    /// Sign-in page title.
    pub sign_in_title: &'static str,
    /// Sign-in page lead text.
    pub sign_in_lead: &'static str,
    /// E-mail field.
    pub email: &'static str,
    /// Password field.
    pub password: &'static str,
    /// Sign-in button.
    pub sign_in: &'static str,
    /// Wrong e-mail or password.
    pub bad_credentials: &'static str,
    /// The sign-in failed for another reason.
    pub sign_in_failed: &'static str,
    /// Too many sign-in attempts.
    pub too_many_sign_ins: &'static str,
    /// Clients page title.
    pub clients_title: &'static str,
    /// Search field label.
    pub search: &'static str,
    /// Search field placeholder.
    pub search_placeholder: &'static str,
    /// Apply filters button.
    pub apply: &'static str,
    /// Reset filters link.
    pub reset: &'static str,
    /// "Any" option of a filter.
    pub any: &'static str,
    /// Name column.
    pub name: &'static str,
    /// A person's name column.
    pub person_name: &'static str,
    /// Legal id column.
    pub legal_id: &'static str,
    /// Segment column.
    pub segment: &'static str,
    /// Region column.
    pub region: &'static str,
    /// Tier column.
    pub tier: &'static str,
    /// Potential column.
    pub potential: &'static str,
    /// Status column.
    pub status: &'static str,
    /// Holder column.
    pub holder: &'static str,
    /// Team column.
    pub team: &'static str,
    /// "since" before a date.
    pub since: &'static str,
    /// "until" before a due date.
    pub due: &'static str,
    /// Nobody holds it.
    pub no_holder: &'static str,
    /// No client matches.
    pub no_clients: &'static str,
    /// Hint under the empty list.
    pub no_clients_hint: &'static str,
    /// Next page link.
    pub next_page: &'static str,
    /// First page link.
    pub first_page: &'static str,
    /// Address.
    pub address: &'static str,
    /// Corporate group.
    pub group: &'static str,
    /// Parent company.
    pub parent: &'static str,
    /// Subsidiaries.
    pub children: &'static str,
    /// Details section.
    pub details: &'static str,
    /// Current holder section.
    pub current_holder: &'static str,
    /// Kind of holding.
    pub kind: &'static str,
    /// Holding history section.
    pub history: &'static str,
    /// From column.
    pub from: &'static str,
    /// To column.
    pub to: &'static str,
    /// End reason column.
    pub end_reason: &'static str,
    /// Decided by column.
    pub decided_by: &'static str,
    /// Explanation column.
    pub explanation: &'static str,
    /// The system decided.
    pub system: &'static str,
    /// Still held.
    pub now_held: &'static str,
    /// Contacts section.
    pub contacts: &'static str,
    /// Position column.
    pub position: &'static str,
    /// Phones column.
    pub phones: &'static str,
    /// E-mails column.
    pub emails: &'static str,
    /// Decision-maker badge.
    pub decision_maker: &'static str,
    /// Consent column.
    pub consent: &'static str,
    /// Verified column.
    pub verified: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// Deals section.
    pub deals: &'static str,
    /// Title column.
    pub title: &'static str,
    /// Stage column.
    pub stage: &'static str,
    /// Amount column.
    pub amount: &'static str,
    /// Opened column.
    pub opened: &'static str,
    /// Closed column.
    pub closed: &'static str,
    /// Credited to column.
    pub credited_to: &'static str,
    /// Activities section.
    pub activities: &'static str,
    /// Date column.
    pub date: &'static str,
    /// Author column.
    pub author: &'static str,
    /// Outcome column.
    pub outcome: &'static str,
    /// Text column.
    pub text: &'static str,
    /// Receivables section.
    pub receivables: &'static str,
    /// Invoice number column.
    pub number: &'static str,
    /// Issued column.
    pub issued: &'static str,
    /// Due date column.
    pub due_on: &'static str,
    /// Paid column.
    pub paid: &'static str,
    /// Overdue badge.
    pub overdue: &'static str,
    /// Unpaid, not yet due.
    pub unpaid: &'static str,
    /// Account team section.
    pub account_team: &'static str,
    /// Department column.
    pub department: &'static str,
    /// Person column.
    pub person: &'static str,
    /// Nothing recorded in a section.
    pub none_yet: &'static str,
    /// Log activity form title.
    pub log_activity: &'static str,
    /// Save button.
    pub save: &'static str,
    /// The form has errors.
    pub fix_errors: &'static str,
    /// Activity saved.
    pub activity_saved: &'static str,
    /// Employees page title.
    pub employees_title: &'static str,
    /// Role column.
    pub role: &'static str,
    /// Capacity column.
    pub capacity: &'static str,
    /// No employees match.
    pub no_employees: &'static str,
    /// 404 title.
    pub not_found_title: &'static str,
    /// 404 text.
    pub not_found_text: &'static str,
    /// 403 title.
    pub forbidden_title: &'static str,
    /// 403 text.
    pub forbidden_text: &'static str,
    /// 500 title.
    pub error_title: &'static str,
    /// 500 text.
    pub error_text: &'static str,
    /// Back to the client list.
    pub back_to_clients: &'static str,
    /// Count of items shown, before the number.
    pub shown: &'static str,
    /// Days since, as a short unit.
    pub days_short: &'static str,
    /// Skip link to the content.
    pub skip_to_content: &'static str,
    /// Title of the page when a limit was reached.
    pub limit_title: &'static str,
    /// Text of the page when a limit was reached.
    pub limit_text: &'static str,
    /// Navigation: alerts.
    pub nav_alerts: &'static str,
    /// Navigation: audit log.
    pub nav_audit: &'static str,
    /// Navigation: exports.
    pub nav_exports: &'static str,
    /// Alerts page title.
    pub alerts_title: &'static str,
    /// Alerts page lead.
    pub alerts_lead: &'static str,
    /// No alerts.
    pub no_alerts: &'static str,
    /// An alert (column).
    pub alert: &'static str,
    /// About whom (column).
    pub about: &'static str,
    /// How many times (column).
    pub times: &'static str,
    /// Close an alert button.
    pub close_alert: &'static str,
    /// Placeholder of the closing note.
    pub close_note: &'static str,
    /// Closing note label.
    pub closed_note: &'static str,
    /// Alert closed notice.
    pub alert_closed: &'static str,
    /// Audit log page title.
    pub audit_title: &'static str,
    /// Audit log lead.
    pub audit_lead: &'static str,
    /// Action (column).
    pub action: &'static str,
    /// Record (column).
    pub record: &'static str,
    /// IP address (column).
    pub address_ip: &'static str,
    /// When (column).
    pub when: &'static str,
    /// Who (column).
    pub who: &'static str,
    /// From date filter.
    pub from_day: &'static str,
    /// To date filter.
    pub to_day: &'static str,
    /// Verify the chain button.
    pub verify_chain: &'static str,
    /// The chain is intact.
    pub chain_intact: &'static str,
    /// The chain is broken.
    pub chain_broken: &'static str,
    /// No audit events.
    pub no_events: &'static str,
    /// Exports page title.
    pub exports_title: &'static str,
    /// Exports page lead.
    pub exports_lead: &'static str,
    /// No exports.
    pub no_exports: &'static str,
    /// What (column).
    pub what: &'static str,
    /// Filter (column).
    pub filter: &'static str,
    /// Rows (column).
    pub rows: &'static str,
    /// Canary rows (column).
    pub canaries: &'static str,
    /// Export menu.
    pub export: &'static str,
    /// Record a departure button.
    pub depart: &'static str,
    /// Last working day label.
    pub last_day: &'static str,
    /// Departure recorded notice.
    pub departure_saved: &'static str,
}

/// The Russian UI.
pub const RU: Txt = Txt {
    html_lang: "ru",
    nav_clients: "Клиенты",
    nav_employees: "Сотрудники",
    sign_out: "Выйти",
    language: "Язык",
    sign_in_title: "Вход",
    sign_in_lead: "Клиентская база принадлежит компании. Войдите, чтобы работать со своими клиентами.",
    email: "Эл. почта",
    password: "Пароль",
    sign_in: "Войти",
    bad_credentials: "Неверная эл. почта или пароль.",
    sign_in_failed: "Не удалось войти. Попробуйте ещё раз позже.",
    too_many_sign_ins: "Слишком много попыток входа. Подождите минуту и попробуйте снова.",
    clients_title: "Клиенты",
    search: "Поиск",
    search_placeholder: "Название или ИНН",
    apply: "Найти",
    reset: "Сбросить",
    any: "Все",
    name: "Название",
    person_name: "Имя",
    legal_id: "ИНН",
    segment: "Сегмент",
    region: "Регион",
    tier: "Категория",
    potential: "Потенциал",
    status: "Статус",
    holder: "Держатель",
    team: "Команда",
    since: "с",
    due: "до",
    no_holder: "никто не держит",
    no_clients: "Клиентов не найдено.",
    no_clients_hint: "Измените условия поиска или сбросьте фильтры.",
    next_page: "Следующая страница →",
    first_page: "← В начало",
    address: "Адрес",
    group: "Группа компаний",
    parent: "Головная компания",
    children: "Дочерние компании",
    details: "Реквизиты",
    current_holder: "Сейчас держит",
    kind: "Вид",
    history: "История закреплений",
    from: "С",
    to: "По",
    end_reason: "Причина окончания",
    decided_by: "Кто решил",
    explanation: "Обоснование",
    system: "система",
    now_held: "по сей день",
    contacts: "Контакты",
    position: "Должность",
    phones: "Телефоны",
    emails: "Эл. почта",
    decision_maker: "ЛПР",
    consent: "Согласие",
    verified: "Проверен",
    yes: "да",
    no: "нет",
    deals: "Сделки",
    title: "Предмет",
    stage: "Стадия",
    amount: "Сумма",
    opened: "Начата",
    closed: "Закрыта",
    credited_to: "Засчитана",
    activities: "Касания",
    date: "Дата",
    author: "Автор",
    outcome: "Итог",
    text: "Что было",
    receivables: "Дебиторка",
    number: "Счёт",
    issued: "Выставлен",
    due_on: "Срок оплаты",
    paid: "Оплачен",
    overdue: "просрочен",
    unpaid: "не оплачен",
    account_team: "Команда клиента",
    department: "Отдел",
    person: "Сотрудник",
    none_yet: "Пока ничего нет.",
    log_activity: "Записать касание",
    save: "Сохранить",
    fix_errors: "Исправьте ошибки в форме.",
    activity_saved: "Касание записано.",
    employees_title: "Сотрудники",
    role: "Роль",
    capacity: "Ёмкость",
    no_employees: "Сотрудников не найдено.",
    not_found_title: "Не найдено",
    not_found_text: "Такой страницы или записи нет, либо она вам недоступна.",
    forbidden_title: "Доступ запрещён",
    forbidden_text:
        "Действие не выполнено: форма устарела или у вас нет на него прав. Обновите страницу и попробуйте снова.",
    error_title: "Ошибка",
    error_text: "Что-то пошло не так на нашей стороне. Ошибка записана в журнал.",
    back_to_clients: "К списку клиентов",
    shown: "Показано",
    days_short: "дн.",
    skip_to_content: "К содержимому",
    limit_title: "Достигнут предел",
    limit_text: "Слишком много запросов или записей за сегодня. Подождите минуту или откройте клиентов по одному; дневной предел снимает руководитель продаж.",
    nav_alerts: "Сигналы",
    nav_audit: "Журнал",
    nav_exports: "Выгрузки",
    alerts_title: "Сигналы",
    alerts_lead: "То, на что руководителю стоит посмотреть: массовые просмотры, попытки выгрузки и доступа к чужому, неудачные входы.",
    no_alerts: "Сигналов нет.",
    alert: "Сигнал",
    about: "Кто",
    times: "Раз",
    close_alert: "Закрыть",
    close_note: "Что выяснили и сделали",
    closed_note: "Итог",
    alert_closed: "Сигнал закрыт.",
    audit_title: "Журнал действий",
    audit_lead: "Каждое изменение и каждый просмотр карточки менеджером; записи связаны цепочкой хешей, подмена видна.",
    action: "Действие",
    record: "Запись",
    address_ip: "Адрес",
    when: "Когда",
    who: "Кто",
    from_day: "С",
    to_day: "По",
    verify_chain: "Проверить цепочку",
    chain_intact: "Цепочка цела: проверено событий —",
    chain_broken: "Цепочка нарушена начиная с события",
    no_events: "Событий нет.",
    exports_title: "Выгрузки",
    exports_lead: "Каждая выгрузка записана: кто, когда, что и с каким фильтром. В каждом файле несколько контрольных строк — по ним утёкший файл называет свою выгрузку.",
    no_exports: "Выгрузок не было.",
    what: "Что",
    filter: "Фильтр",
    rows: "Строк",
    canaries: "Контрольных",
    export: "Выгрузить",
    depart: "Записать уход",
    last_day: "Последний рабочий день",
    departure_saved: "Уход записан: доступ только на чтение своей базы, после последнего дня — закрыт.",
};

/// The English UI.
pub const EN: Txt = Txt {
    html_lang: "en",
    nav_clients: "Clients",
    nav_employees: "Employees",
    sign_out: "Sign out",
    language: "Language",
    sign_in_title: "Sign in",
    sign_in_lead: "The client base belongs to the company. Sign in to work with your clients.",
    email: "E-mail",
    password: "Password",
    sign_in: "Sign in",
    bad_credentials: "Wrong e-mail or password.",
    sign_in_failed: "Could not sign in. Please try again later.",
    too_many_sign_ins: "Too many sign-in attempts. Wait a minute and try again.",
    clients_title: "Clients",
    search: "Search",
    search_placeholder: "Name or tax id",
    apply: "Search",
    reset: "Reset",
    any: "Any",
    name: "Name",
    person_name: "Name",
    legal_id: "Tax id (INN)",
    segment: "Segment",
    region: "Region",
    tier: "Tier",
    potential: "Potential",
    status: "Status",
    holder: "Holder",
    team: "Team",
    since: "since",
    due: "due",
    no_holder: "not held",
    no_clients: "No clients found.",
    no_clients_hint: "Change the search or reset the filters.",
    next_page: "Next page →",
    first_page: "← First page",
    address: "Address",
    group: "Corporate group",
    parent: "Parent company",
    children: "Subsidiaries",
    details: "Details",
    current_holder: "Held now by",
    kind: "Kind",
    history: "Holding history",
    from: "From",
    to: "To",
    end_reason: "End reason",
    decided_by: "Decided by",
    explanation: "Explanation",
    system: "system",
    now_held: "to date",
    contacts: "Contacts",
    position: "Position",
    phones: "Phones",
    emails: "E-mails",
    decision_maker: "Decision maker",
    consent: "Consent",
    verified: "Verified",
    yes: "yes",
    no: "no",
    deals: "Deals",
    title: "Title",
    stage: "Stage",
    amount: "Amount",
    opened: "Opened",
    closed: "Closed",
    credited_to: "Credited to",
    activities: "Activities",
    date: "Date",
    author: "Author",
    outcome: "Outcome",
    text: "What happened",
    receivables: "Receivables",
    number: "Invoice",
    issued: "Issued",
    due_on: "Due",
    paid: "Paid",
    overdue: "overdue",
    unpaid: "unpaid",
    account_team: "Account team",
    department: "Department",
    person: "Person",
    none_yet: "Nothing yet.",
    log_activity: "Log an activity",
    save: "Save",
    fix_errors: "Please fix the errors in the form.",
    activity_saved: "Activity logged.",
    employees_title: "Employees",
    role: "Role",
    capacity: "Capacity",
    no_employees: "No employees found.",
    not_found_title: "Not found",
    not_found_text: "There is no such page or record, or it is not available to you.",
    forbidden_title: "Forbidden",
    forbidden_text: "Nothing was done: the form has expired or you may not do this. Reload the page and try again.",
    error_title: "Error",
    error_text: "Something went wrong on our side. The error has been logged.",
    back_to_clients: "Back to clients",
    shown: "Shown",
    days_short: "d",
    skip_to_content: "Skip to content",
    limit_title: "Limit reached",
    limit_text: "Too many requests, or too many records today. Wait a minute or open clients one by one; your head of sales can lift the daily limit.",
    nav_alerts: "Alerts",
    nav_audit: "Audit log",
    nav_exports: "Exports",
    alerts_title: "Alerts",
    alerts_lead: "What a head should look at: mass viewing, export and out-of-scope attempts, failed sign-ins.",
    no_alerts: "No alerts.",
    alert: "Alert",
    about: "Who",
    times: "Times",
    close_alert: "Close",
    close_note: "What was found and done",
    closed_note: "Outcome",
    alert_closed: "Alert closed.",
    audit_title: "Audit log",
    audit_lead: "Every change, and every card a rep opens; events are hash-chained, so tampering shows.",
    action: "Action",
    record: "Record",
    address_ip: "Address",
    when: "When",
    who: "Who",
    from_day: "From",
    to_day: "To",
    verify_chain: "Verify the chain",
    chain_intact: "The chain is intact: events checked —",
    chain_broken: "The chain is broken from event",
    no_events: "No events.",
    exports_title: "Exports",
    exports_lead: "Every export is recorded: who, when, what, with which filter. Each file carries a few canary rows that name its export if the file leaks.",
    no_exports: "No exports yet.",
    what: "What",
    filter: "Filter",
    rows: "Rows",
    canaries: "Canaries",
    export: "Export",
    depart: "Record departure",
    last_day: "Last working day",
    departure_saved: "Departure recorded: read-only on own book now, closed after the last day.",
};

/// The phrases of `lang`.
pub fn tr(lang: Language) -> &'static Txt {
    match lang {
        Language::Ru => &RU,
        Language::En => &EN,
    }
}

/// The label of a form field named as the domain names it.
pub fn field(lang: Language, name: &str) -> String {
    let t = tr(lang);
    match name {
        "kind" => t.kind.into(),
        "text" => t.text.into(),
        "outcome" => t.outcome.into(),
        "email" => t.email.into(),
        "password" => t.password.into(),
        other => other.into(),
    }
}

/// A validation reason from the domain (written in English) in `lang`, where known.
pub fn reason(lang: Language, reason: &str) -> String {
    if lang == Language::En {
        return reason.to_string();
    }
    if let Some(max) = reason.strip_prefix("must be at most ").and_then(|r| r.strip_suffix(" characters")) {
        return format!("не длиннее {max} символов");
    }
    match reason {
        "must not be empty" => "заполните это поле".into(),
        "must not be negative" => "не может быть отрицательным".into(),
        "choose the kind of touch" => "выберите вид касания".into(),
        other => other.into(),
    }
}

/// The language named by `code` (`ru`, `en`, or a tag such as `en-GB`).
pub fn parse_language(code: &str) -> Option<Language> {
    let primary = code.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    match primary.as_str() {
        "ru" => Some(Language::Ru),
        "en" => Some(Language::En),
        _ => None,
    }
}

/// The first supported language of an `Accept-Language` header, else Russian.
pub fn from_accept_language(header: Option<&str>) -> Language {
    let Some(header) = header else { return Language::Ru };
    let mut best: Option<(f32, Language)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("");
        let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok())).unwrap_or(1.0);
        if let Some(lang) = parse_language(tag) {
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
    }
    best.map_or(Language::Ru, |(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_preferred_supported_one() {
        assert_eq!(from_accept_language(None), Language::Ru);
        assert_eq!(from_accept_language(Some("en-US,en;q=0.9")), Language::En);
        assert_eq!(from_accept_language(Some("de-DE,ru;q=0.5,en;q=0.8")), Language::En);
        assert_eq!(from_accept_language(Some("fr")), Language::Ru);
        assert_eq!(parse_language("EN"), Some(Language::En));
        assert_eq!(parse_language("xx"), None);
    }
}
