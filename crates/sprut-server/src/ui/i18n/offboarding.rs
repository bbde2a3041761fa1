//! The words of the offboarding pages.

phrases! {
    /// high revenue
    high_revenue: "крупная выручка"
        | "high revenue",
    /// single contact
    single_contact: "один контакт"
        | "single contact",
    /// unverified contacts
    unverified_contacts: "контакты не проверены"
        | "unverified contacts",
    /// no management meeting in a year
    no_management_meeting_in: "нет встречи с руководителем за год"
        | "no management meeting in a year",
    /// open receivables
    open_receivables: "открытая дебиторка"
        | "open receivables",
    /// overdue receivables
    overdue_receivables: "просроченная дебиторка"
        | "overdue receivables",
    /// running
    running: "идёт"
        | "running",
    /// completed
    completed: "завершён"
        | "completed",
    /// cancelled
    cancelled: "отменён"
        | "cancelled",
    /// Offboarding
    offboarding: "Уход сотрудников"
        | "Offboarding",
    /// Transfers
    transfers: "Передачи"
        | "Transfers",
    /// When a rep leaves, his book is planned out in a day: who gets each client, who is at risk…
    when_rep_leaves_his: "Когда продавец уходит, его база расписывается за один день: кому каждый клиент, кто в зоне риска и что ему предложить, совместные визиты, уведомления смежникам и клиентам. Запускается со страницы «Сотрудники»."
        | "When a rep leaves, his book is planned out in a day: who gets each client, who is at risk and what to offer, joint visits, notices to departments and clients. Start it from the Employees page.",
    /// No playbooks.
    no_playbooks: "Планов нет."
        | "No playbooks.",
    /// Employee
    employee: "Сотрудник"
        | "Employee",
    /// Last day
    last_day: "Последний день"
        | "Last day",
    /// At risk
    at_risk: "В зоне риска"
        | "At risk",
    /// Offboarding
    offboarding_short: "Уход"
        | "Offboarding",
    /// Last working day:
    last_working_day: "Последний рабочий день: "
        | "Last working day: ",
    /// . His access is already read-only on his own book, without export.
    his_access_is_already: ". Доступ сотрудника уже только на чтение своей базы, без выгрузки."
        | ". His access is already read-only on his own book, without export.",
    /// Receiver chosen
    receiver_chosen: "Получатель выбран"
        | "Receiver chosen",
    /// Retention decided
    retention_decided: "Решение по удержанию"
        | "Retention decided",
    /// In a transfer
    in_transfer: "В передаче"
        | "In a transfer",
    /// Handed over
    handed_over: "Передано"
        | "Handed over",
    /// Checklist closed
    checklist_closed: "Чек-лист закрыт"
        | "Checklist closed",
    /// Hand the clients over on
    hand_clients_over_on: "Передать клиентов с "
        | "Hand the clients over on ",
    /// Create the transfers of the plan
    create_transfers_of_plan: "Создать передачи по плану"
        | "Create the transfers of the plan",
    /// Client
    client: "Клиент"
        | "Client",
    /// Revenue 12 mo.
    revenue_12_mo: "Выручка 12 мес."
        | "Revenue 12 mo.",
    /// Risk
    risk: "Риск"
        | "Risk",
    /// To
    to: "Кому"
        | "To",
    /// Retention
    retention: "Удержание"
        | "Retention",
    ///  (head's choice)
    heads_choice: " (выбор руководителя)"
        | " (head's choice)",
    /// no offer:
    no_offer: "без предложения: "
        | "no offer: ",
    /// decision needed
    decision_needed: "нужно решение"
        | "decision needed",
    /// Offer
    offer: "Предложение"
        | "Offer",
    /// or why no offer
    or_why_no_offer: "или почему без предложения"
        | "or why no offer",
    /// Decide
    decide: "Решить"
        | "Decide",
    /// The bulk retention bar's lead.
    for_ticked_at_risk: "Отмеченным клиентам под риском:"
        | "For the ticked clients at risk:",
}
