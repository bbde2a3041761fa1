//! The words of the transfer report.

phrases! {
    /// transferred: before
    transferred_before: "переданные: до"
        | "transferred: before",
    /// transferred: after
    transferred_after: "переданные: после"
        | "transferred: after",
    /// stayed: before
    stayed_before: "не переданные: до"
        | "stayed: before",
    /// stayed: after
    stayed_after: "не переданные: после"
        | "stayed: after",
    /// Sales of transferred and stayed clients before and after the transfer
    sales_of_transferred_and: "Продажи переданных и не переданных клиентов до и после передачи"
        | "Sales of transferred and stayed clients before and after the transfer",
    /// thousand ₽
    thousand: "тыс. ₽"
        | "thousand ₽",
    /// mo.
    mo: "мес."
        | "mo.",
    /// window before and after the transfer date
    window_before_and_after: "окно до и после даты передачи"
        | "window before and after the transfer date",
    /// Transfer outcomes
    transfer_outcomes: "Итоги передач"
        | "Transfer outcomes",
    /// Group
    group: "Группа"
        | "Group",
    /// Window, mo.
    window_mo: "Окно, мес."
        | "Window, mo.",
    /// Before
    before: "До"
        | "Before",
    /// After
    after: "После"
        | "After",
    /// Change
    change: "Изменение"
        | "Change",
    /// Stayed
    stayed: "У не переданных"
        | "Stayed",
    /// Lift, pts
    lift_pts: "Разница, п.п."
        | "Lift, pts",
    /// Transfers
    transfers: "Передачи"
        | "Transfers",
    /// Sales of transferred clients 3, 6 and 12 months before and after the transfer, beside the…
    sales_of_transferred_clients: "Продажи переданных клиентов за 3, 6 и 12 месяцев до и после передачи — рядом с клиентами тех же сегментов, которых не передавали, за те же месяцы. Считаются только окна, которые уже прошли."
        | "Sales of transferred clients 3, 6 and 12 months before and after the transfer, beside the clients of the same segments that were not transferred, over the same months. Only windows that have passed are counted.",
    /// No transfers yet.
    no_transfers_yet: "Передач ещё не было."
        | "No transfers yet.",
    /// By cause
    by_cause: "По причинам"
        | "By cause",
    /// all
    all: "все"
        | "all",
    /// By receiving rep
    by_receiving_rep: "По получателям"
        | "By receiving rep",
}
