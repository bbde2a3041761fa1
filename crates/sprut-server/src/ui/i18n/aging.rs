//! The words of the receivables page.

phrases! {
    /// Navigation and title.
    title: "Дебиторская задолженность"
        | "Receivables",
    /// The table of all unpaid invoices.
    total: "Итого"
        | "Total",
    /// The table per team.
    by_team: "По командам"
        | "By team",
    /// The table per rep.
    by_rep: "По менеджерам"
        | "By rep",
    /// The table per client.
    by_client: "По клиентам"
        | "By client",
    /// Column: the currency.
    currency: "Валюта"
        | "Currency",
    /// Column: the sum past due.
    overdue: "Просрочено"
        | "Overdue",
    /// Column: invoices.
    invoices: "Счетов"
        | "Invoices",
    /// No team, no holder.
    nobody: "без ответственного"
        | "no one",
    /// Nothing unpaid.
    none: "Неоплаченных счетов нет."
        | "No unpaid invoices.",
    /// Clients the list leaves out.
    more_clients: "Ещё клиентов с долгом:"
        | "More clients owing:",
    /// Open the form of a collection step.
    collect: "Шаг по оплате"
        | "Collection step",
    /// The default title of a collection step.
    collect_title: "Получить оплату по счетам"
        | "Collect payment of the invoices",
    /// The notice after a collection step is set.
    step_set: "Шаг по оплате поставлен ответственному."
        | "The collection step is set for the holder.",
    /// The card's aging line.
    card_aging: "Дебиторка по срокам"
        | "Receivables by age",
}
