//! The phrases every page shares, and the tables of each area.

use super::{
    aging, board, checks, forms, import, mail, meetings, octopus, offboarding, people, planning, pool, report,
    requests, rotation, sales_plans, settings, survey, tokens, transfers, workday,
};

phrases! {
    @tables {
        /// The import pages.
        import,
        /// The outbox page.
        mail,
        /// The offboarding pages.
        offboarding,
        /// The redistribution planner.
        planning,
        /// The sales plans page.
        sales_plans,
        /// The pool of contacts without a company.
        pool,
        /// The transfer report.
        report,
        /// The rotation pages and the card's rotation panel.
        rotation,
        /// The API tokens page.
        tokens,
        /// The administrator's employee forms.
        people,
        /// The administrator's settings page.
        settings,
        /// The transfer pages.
        transfers,
        /// "My day" and the card's next steps.
        workday,
        /// The forms that create and change records.
        forms,
        /// The deal board.
        board,
        /// The receivables page.
        aging,
        /// The head's quarterly meetings.
        meetings,
        /// The relationship map and the coverage score.
        octopus,
        /// Meeting requests.
        requests,
        /// Spot checks and investigations.
        checks,
        /// The client's survey.
        survey,
    }
    /// `lang` attribute of the page.
    html_lang: "ru"
        | "en",
    /// Navigation: clients.
    nav_clients: "Клиенты"
        | "Clients",
    /// Navigation: employees.
    nav_employees: "Сотрудники"
        | "Employees",
    /// Sign-out button.
    sign_out: "Выйти"
        | "Sign out",
    /// Label of the language switch.
    language: "Язык"
        | "Language",
    /// Sign-in page title.
    sign_in_title: "Вход"
        | "Sign in",
    /// Sign-in page lead text.
    sign_in_lead: "Клиентская база принадлежит компании. Войдите, чтобы работать со своими клиентами."
        | "The client base belongs to the company. Sign in to work with your clients.",
    /// E-mail field.
    email: "Эл. почта"
        | "E-mail",
    /// Password field.
    password: "Пароль"
        | "Password",
    /// Sign-in button.
    sign_in: "Войти"
        | "Sign in",
    /// Wrong e-mail or password.
    bad_credentials: "Неверная эл. почта или пароль."
        | "Wrong e-mail or password.",
    /// The sign-in failed for another reason.
    sign_in_failed: "Не удалось войти. Попробуйте ещё раз позже."
        | "Could not sign in. Please try again later.",
    /// The sign-in form came without its token (expired, or from another page).
    sign_in_expired: "Форма входа устарела. Введите эл. почту и пароль ещё раз."
        | "The sign-in form has expired. Enter your e-mail and password again.",
    /// Too many sign-in attempts.
    too_many_sign_ins: "Слишком много попыток входа. Подождите минуту и попробуйте снова."
        | "Too many sign-in attempts. Wait a minute and try again.",
    /// Clients page title.
    clients_title: "Клиенты"
        | "Clients",
    /// Search field label.
    search: "Поиск"
        | "Search",
    /// Search field placeholder.
    search_placeholder: "Название или ИНН"
        | "Name or tax id",
    /// Apply filters button.
    apply: "Найти"
        | "Search",
    /// Reset filters link.
    reset: "Сбросить"
        | "Reset",
    /// "Any" option of a filter.
    any: "Все"
        | "Any",
    /// Name column.
    name: "Название"
        | "Name",
    /// A person's name column.
    person_name: "Имя"
        | "Name",
    /// Legal id column.
    legal_id: "ИНН"
        | "Tax id (INN)",
    /// Segment column.
    segment: "Сегмент"
        | "Segment",
    /// Region column.
    region: "Регион"
        | "Region",
    /// Tier column.
    tier: "Категория"
        | "Tier",
    /// Potential column.
    potential: "Потенциал"
        | "Potential",
    /// Status column.
    status: "Статус"
        | "Status",
    /// Holder column.
    holder: "Держатель"
        | "Holder",
    /// Team column.
    team: "Команда"
        | "Team",
    /// "since" before a date.
    since: "с"
        | "since",
    /// "until" before a due date.
    due: "до"
        | "due",
    /// Nobody holds it.
    no_holder: "никто не держит"
        | "not held",
    /// No client matches.
    no_clients: "Клиентов не найдено."
        | "No clients found.",
    /// Hint under the empty list.
    no_clients_hint: "Измените условия поиска или сбросьте фильтры."
        | "Change the search or reset the filters.",
    /// Next page link.
    next_page: "Следующая страница →"
        | "Next page →",
    /// First page link.
    first_page: "← В начало"
        | "← First page",
    /// Address.
    address: "Адрес"
        | "Address",
    /// Corporate group.
    group: "Группа компаний"
        | "Corporate group",
    /// Parent company.
    parent: "Головная компания"
        | "Parent company",
    /// Subsidiaries.
    children: "Дочерние компании"
        | "Subsidiaries",
    /// Details section.
    details: "Реквизиты"
        | "Details",
    /// Current holder section.
    current_holder: "Сейчас держит"
        | "Held now by",
    /// Kind of holding.
    kind: "Вид"
        | "Kind",
    /// Holding history section.
    history: "История закреплений"
        | "Holding history",
    /// From column.
    from: "С"
        | "From",
    /// To column.
    to: "По"
        | "To",
    /// End reason column.
    end_reason: "Причина окончания"
        | "End reason",
    /// Decided by column.
    decided_by: "Кто решил"
        | "Decided by",
    /// Explanation column.
    explanation: "Обоснование"
        | "Explanation",
    /// The system decided.
    system: "система"
        | "system",
    /// Still held.
    now_held: "по сей день"
        | "to date",
    /// Contacts section.
    contacts: "Контакты"
        | "Contacts",
    /// Position column.
    position: "Должность"
        | "Position",
    /// Phones column.
    phones: "Телефоны"
        | "Phones",
    /// E-mails column.
    emails: "Эл. почта"
        | "E-mails",
    /// Decision-maker badge.
    decision_maker: "ЛПР"
        | "Decision maker",
    /// Consent column.
    consent: "Согласие"
        | "Consent",
    /// Verified column.
    verified: "Проверен"
        | "Verified",
    /// Yes.
    yes: "да"
        | "yes",
    /// No.
    no: "нет"
        | "no",
    /// Deals section.
    deals: "Сделки"
        | "Deals",
    /// Title column.
    title: "Предмет"
        | "Title",
    /// Stage column.
    stage: "Стадия"
        | "Stage",
    /// Amount column.
    amount: "Сумма"
        | "Amount",
    /// Opened column.
    opened: "Начата"
        | "Opened",
    /// Closed column.
    closed: "Закрыта"
        | "Closed",
    /// Credited to column.
    credited_to: "Засчитана"
        | "Credited to",
    /// Activities section.
    activities: "Касания"
        | "Activities",
    /// Date column.
    date: "Дата"
        | "Date",
    /// Author column.
    author: "Автор"
        | "Author",
    /// Outcome column.
    outcome: "Итог"
        | "Outcome",
    /// Text column.
    text: "Что было"
        | "What happened",
    /// Receivables section.
    receivables: "Дебиторка"
        | "Receivables",
    /// Invoice number column.
    number: "Счёт"
        | "Invoice",
    /// Issued column.
    issued: "Выставлен"
        | "Issued",
    /// Due date column.
    due_on: "Срок оплаты"
        | "Due",
    /// Paid column.
    paid: "Оплачен"
        | "Paid",
    /// Overdue badge.
    overdue: "просрочен"
        | "overdue",
    /// Unpaid, not yet due.
    unpaid: "не оплачен"
        | "unpaid",
    /// Account team section.
    account_team: "Команда клиента"
        | "Account team",
    /// Department column.
    department: "Отдел"
        | "Department",
    /// Person column.
    person: "Сотрудник"
        | "Person",
    /// Nothing recorded in a section.
    none_yet: "Пока ничего нет."
        | "Nothing yet.",
    /// Log activity form title.
    log_activity: "Записать касание"
        | "Log an activity",
    /// Save button.
    save: "Сохранить"
        | "Save",
    /// The form has errors.
    fix_errors: "Исправьте ошибки в форме."
        | "Please fix the errors in the form.",
    /// Activity saved.
    activity_saved: "Касание записано."
        | "Activity logged.",
    /// Employees page title.
    employees_title: "Сотрудники"
        | "Employees",
    /// Role column.
    role: "Роль"
        | "Role",
    /// Capacity column.
    capacity: "Ёмкость"
        | "Capacity",
    /// No employees match.
    no_employees: "Сотрудников не найдено."
        | "No employees found.",
    /// 404 title.
    not_found_title: "Не найдено"
        | "Not found",
    /// 404 text.
    not_found_text: "Такой страницы или записи нет, либо она вам недоступна."
        | "There is no such page or record, or it is not available to you.",
    /// 403 title.
    forbidden_title: "Доступ запрещён"
        | "Forbidden",
    /// 403 text.
    forbidden_text: "Действие не выполнено: форма устарела или у вас нет на него прав. Обновите страницу и попробуйте снова."
        | "Nothing was done: the form has expired or you may not do this. Reload the page and try again.",
    /// 500 title.
    error_title: "Ошибка"
        | "Error",
    /// 500 text.
    error_text: "Что-то пошло не так на нашей стороне. Ошибка записана в журнал."
        | "Something went wrong on our side. The error has been logged.",
    /// Back to the client list.
    back_to_clients: "К списку клиентов"
        | "Back to clients",
    /// Count of items shown, before the number.
    shown: "Показано"
        | "Shown",
    /// Days since, as a short unit.
    days_short: "дн."
        | "d",
    /// Skip link to the content.
    skip_to_content: "К содержимому"
        | "Skip to content",
    /// Title of the page when a limit was reached.
    limit_title: "Достигнут предел"
        | "Limit reached",
    /// Text of the page when a limit was reached.
    limit_text: "Слишком много запросов за минуту или разных записей за день. Запросы — подождите минуту; \
                 дневной предел на сегодня может снять руководитель продаж из сигнала (повторный просмотр тех же \
                 записей не считается)."
        | "Too many requests a minute, or too many different records today. For requests, wait a minute; your \
           head of sales can lift today's limit from its alert (reading the same records again does not count).",
    /// Navigation: the company's settings.
    nav_settings: "Настройки"
        | "Settings",
    /// Navigation: alerts.
    nav_alerts: "Сигналы"
        | "Alerts",
    /// Navigation: audit log.
    nav_audit: "Журнал"
        | "Audit log",
    /// Navigation: exports.
    nav_exports: "Выгрузки"
        | "Exports",
    /// Alerts page title.
    alerts_title: "Сигналы"
        | "Alerts",
    /// Alerts page lead.
    alerts_lead: "То, на что руководителю стоит посмотреть: массовые просмотры, попытки выгрузки и доступа к чужому, неудачные входы."
        | "What a head should look at: mass viewing, export and out-of-scope attempts, failed sign-ins.",
    /// No alerts.
    no_alerts: "Сигналов нет."
        | "No alerts.",
    /// An alert (column).
    alert: "Сигнал"
        | "Alert",
    /// About whom (column).
    about: "Кто"
        | "Who",
    /// How many times (column).
    times: "Раз"
        | "Times",
    /// Close an alert button.
    close_alert: "Закрыть"
        | "Close",
    /// Placeholder of the closing note.
    close_note: "Что выяснили и сделали"
        | "What was found and done",
    /// Closing note label.
    closed_note: "Итог"
        | "Outcome",
    /// Lift the daily record limit for the alert's day.
    lift_limit: "Снять предел на этот день"
        | "Lift the limit for that day",
    /// Why the limit is lifted.
    lift_reason: "Зачем ему столько записей"
        | "Why he needs that many records",
    /// Alert closed notice.
    alert_closed: "Сигнал закрыт."
        | "Alert closed.",
    /// Audit log page title.
    audit_title: "Журнал действий"
        | "Audit log",
    /// Audit log lead.
    audit_lead: "Каждое изменение и каждый просмотр карточки менеджером; записи связаны цепочкой хешей, подмена видна."
        | "Every change, and every card a rep opens; events are hash-chained, so tampering shows.",
    /// Action (column).
    action: "Действие"
        | "Action",
    /// Record (column).
    record: "Запись"
        | "Record",
    /// IP address (column).
    address_ip: "Адрес"
        | "Address",
    /// When (column).
    when: "Когда"
        | "When",
    /// Who (column).
    who: "Кто"
        | "Who",
    /// From date filter.
    from_day: "С"
        | "From",
    /// To date filter.
    to_day: "По"
        | "To",
    /// Verify the chain button.
    verify_chain: "Проверить цепочку"
        | "Verify the chain",
    /// The chain is intact.
    chain_intact: "Цепочка цела: проверено событий —"
        | "The chain is intact: events checked —",
    /// The chain is broken.
    chain_broken: "Цепочка нарушена начиная с события"
        | "The chain is broken from event",
    /// No audit events.
    no_events: "Событий нет."
        | "No events.",
    /// Exports page title.
    exports_title: "Выгрузки"
        | "Exports",
    /// Exports page lead.
    exports_lead: "Каждая выгрузка записана: кто, когда, что и с каким фильтром. В каждом файле несколько контрольных строк — по ним утёкший файл называет свою выгрузку."
        | "Every export is recorded: who, when, what, with which filter. Each file carries a few canary rows that name its export if the file leaks.",
    /// No exports.
    no_exports: "Выгрузок не было."
        | "No exports yet.",
    /// What (column).
    what: "Что"
        | "What",
    /// Filter (column).
    filter: "Фильтр"
        | "Filter",
    /// Rows (column).
    rows: "Строк"
        | "Rows",
    /// Canary rows (column).
    canaries: "Контрольных"
        | "Canaries",
    /// Export menu.
    export: "Выгрузить"
        | "Export",
    /// Record a departure button.
    depart: "Записать уход"
        | "Record departure",
    /// Last working day label.
    last_day: "Последний рабочий день"
        | "Last working day",
    /// Departure recorded notice.
    departure_saved: "Уход записан: доступ только на чтение своей базы, после последнего дня — закрыт."
        | "Departure recorded: read-only on own book now, closed after the last day.",
    /// Phones, e-mail, sites
    channels: "Телефоны, почта, сайты"
        | "Phones, e-mail, sites",
    /// From the import
    from_import: "Из импорта"
        | "From the import",
    /// More
    more: "Ещё"
        | "More",
    /// Owner
    owner: "Ответственный"
        | "Owner",
    /// Transfers
    nav_transfers: "Передачи"
        | "Transfers",
    /// Rotation
    nav_rotation: "Ротация"
        | "Rotation",
    /// Reports
    nav_reports: "Отчёты"
        | "Reports",
    /// My API tokens
    nav_tokens: "Мои токены API"
        | "My API tokens",
    /// Offboard: plan the book
    offboard: "Уход: расписать базу"
        | "Offboard: plan the book",
}
