//! The words of the transfer pages.

phrases! {
    /// head's decision
    heads_decision: "решение руководителя"
        | "head's decision",
    /// rotation
    rotation: "ротация"
        | "rotation",
    /// rebalancing
    rebalancing: "перераспределение"
        | "rebalancing",
    /// offboarding
    offboarding: "уход сотрудника"
        | "offboarding",
    /// recall
    recall: "отзыв"
        | "recall",
    /// planned
    planned: "запланирована"
        | "planned",
    /// in progress
    in_progress: "идёт передача"
        | "in progress",
    /// completed
    completed: "завершена"
        | "completed",
    /// cancelled
    cancelled: "отменена"
        | "cancelled",
    /// Joint visit
    joint_visit: "Совместный визит"
        | "Joint visit",
    /// Documents by inventory
    documents_by_inventory: "Документы по описи"
        | "Documents by inventory",
    /// Receivables reconciliation
    receivables_reconciliation: "Сверка дебиторки"
        | "Receivables reconciliation",
    /// Departments notified
    departments_notified: "Смежники уведомлены"
        | "Departments notified",
    /// Client notified
    client_notified: "Клиент уведомлён"
        | "Client notified",
    /// Open questions
    open_questions: "Открытые вопросы"
        | "Open questions",
    /// Date
    date: "Дата"
        | "Date",
    /// Cause
    cause: "Причина"
        | "Cause",
    /// From
    from: "От кого"
        | "From",
    /// To
    to: "Кому"
        | "To",
    /// Checklist
    checklist: "Чек-лист"
        | "Checklist",
    /// Client transfers
    client_transfers: "Передачи клиентов"
        | "Client transfers",
    /// New transfer
    new_transfer: "Новая передача"
        | "New transfer",
    /// Offboarding
    nav_offboarding: "Уход сотрудников"
        | "Offboarding",
    /// Transfer outcomes
    transfer_outcomes: "Итоги передач"
        | "Transfer outcomes",
    /// A client changes hands with a joint visit, documents by inventory, receivables reconciled…
    client_changes_hands_with: "Передача клиента — с совместным визитом, документами по описи, сверкой дебиторки на дату передачи и уведомлением клиента от имени компании."
        | "A client changes hands with a joint visit, documents by inventory, receivables reconciled as of the transfer date, and a letter to the client from the company.",
    /// No transfers.
    no_transfers: "Передач нет."
        | "No transfers.",
    /// Transfers
    transfers: "Передачи"
        | "Transfers",
    /// 1. From
    step_from: "1. От кого"
        | "1. From",
    /// Show his clients
    show_his_clients: "Показать его клиентов"
        | "Show his clients",
    /// 2. Clients
    step_clients: "2. Клиенты"
        | "2. Clients",
    /// He holds no clients.
    he_holds_no_clients: "У него нет клиентов."
        | "He holds no clients.",
    /// 3. To
    step_to: "3. Кому"
        | "3. To",
    /// Customers to farmers, prospects to hunters
    customers_to_farmers_prospects: "Клиентов с продажами — фермерам, без продаж — охотникам"
        | "Customers to farmers, prospects to hunters",
    /// Effective date
    effective_date: "Дата передачи"
        | "Effective date",
    /// Note
    note: "Комментарий"
        | "Note",
    /// Create the transfer
    create_transfer: "Создать передачу"
        | "Create the transfer",
    /// handed over
    handed_over: "передан"
        | "handed over",
    /// held on
    held_on: "состоялся "
        | "held on ",
    /// planned for
    planned_for: "назначен на "
        | "planned for ",
    /// Plan
    assign: "Назначить"
        | "Plan",
    /// Held
    held: "Состоялся"
        | "Held",
    /// giver:
    giver: "передающий: "
        | "giver: ",
    /// , receiver:
    receiver: ", принимающий: "
        | ", receiver: ",
    /// Contract, statements… one per line
    contract_statements_one_per: "Договор, акты сверки… по строке"
        | "Contract, statements… one per line",
    /// Save inventory
    save_inventory: "Сохранить опись"
        | "Save inventory",
    /// I confirm the inventory
    i_confirm_inventory: "Подтверждаю опись"
        | "I confirm the inventory",
    /// open invoices:
    open_invoices: "открытых счетов: "
        | "open invoices: ",
    /// difference
    difference: "расхождение "
        | "difference ",
    /// Total in roubles
    total_in_roubles: "Сумма в рублях"
        | "Total in roubles",
    /// I confirm the total
    i_confirm_total: "Подтверждаю сумму"
        | "I confirm the total",
    /// How it was settled
    how_it_was_settled: "Как урегулировано"
        | "How it was settled",
    /// Settle
    settle: "Урегулировать"
        | "Settle",
    /// snapshot on the transfer date
    snapshot_on_transfer_date: "снимок на дату передачи"
        | "snapshot on the transfer date",
    /// Notify the account team
    notify_account_team: "Уведомить команду клиента"
        | "Notify the account team",
    /// letters:
    letters: "писем: "
        | "letters: ",
    /// Write to the client from the company
    write_to_client_from: "Написать клиенту от компании"
        | "Write to the client from the company",
    /// or: how the client was told otherwise
    or_how_client_was: "или: как сообщили иначе"
        | "or: how the client was told otherwise",
    /// Record
    record: "Отметить"
        | "Record",
    /// One question per line
    one_question_per_line: "По вопросу в строке"
        | "One question per line",
    /// Save questions
    save_questions: "Сохранить вопросы"
        | "Save questions",
    /// Questions accepted
    questions_accepted: "Вопросы принял"
        | "Questions accepted",
    /// Transfer
    transfer: "Передача"
        | "Transfer",
    /// Cancelled
    cancelled_title: "Отменена"
        | "Cancelled",
    /// Offboarding
    offboarding_title: "Уход сотрудника"
        | "Offboarding",
    /// the plan
    the_plan: "план"
        | "the plan",
    /// Complete the transfer
    complete_transfer: "Завершить передачу"
        | "Complete the transfer",
    /// Why cancel
    why_cancel: "Причина отмены"
        | "Why cancel",
    /// Cancel
    cancel: "Отменить"
        | "Cancel",
}
