//! The words of "my day", the card's next steps and the touch form's new fields.

phrases! {
    /// Navigation and title: my day.
    my_day: "Мой день"
        | "My day",
    /// The day of a rep a head opened.
    day_of: "День сотрудника"
        | "Day of",
    /// Nothing is due.
    all_clear: "На сегодня всё сделано: просроченных задач, касаний, счетов и отчётов нет."
        | "All clear for today: no overdue tasks, touches, invoices or reports.",
    /// Section: tasks due.
    tasks_due: "Задачи на сегодня и просроченные"
        | "Tasks due today and overdue",
    /// Section: touches due.
    touches_due: "Плановые касания"
        | "Planned touches due",
    /// Section: overdue invoices.
    invoices_overdue: "Просроченные счета"
        | "Overdue invoices",
    /// Section: weekly reports owed.
    reports_owed: "Еженедельные отчёты, которые нужно написать"
        | "Weekly reports owed",
    /// Section: the head's teams.
    team_day: "Команда сегодня"
        | "The team today",
    /// Column: employee.
    employee: "Сотрудник"
        | "Employee",
    /// Column: overdue tasks.
    overdue_tasks: "Задачи просрочены"
        | "Tasks overdue",
    /// Column: today's tasks.
    tasks_today: "Задачи на сегодня"
        | "Tasks today",
    /// Column: touches due.
    touches: "Касания"
        | "Touches due",
    /// Column: touches overdue by more than a cadence.
    touches_long_overdue: "Касания просрочены больше цикла"
        | "Touches overdue past the cadence",
    /// Column: invoices.
    invoices: "Счета просрочены"
        | "Invoices overdue",
    /// Column: reports.
    reports: "Отчёты"
        | "Reports owed",
    /// Column: client.
    client: "Клиент"
        | "Client",
    /// Column: what to do.
    task: "Что сделать"
        | "What to do",
    /// Column: by when.
    due: "Срок"
        | "Due",
    /// Column: owner of a task.
    owner: "Исполнитель"
        | "Owner",
    /// Column: days overdue.
    /// Section: open deals past their expected close.
    late_deals: "Сделки, которые должны были закрыться"
        | "Deals past their expected close",
    /// Column: expected close.
    expected: "Ожидалось"
        | "Expected",
    /// Section: clients about to become dead.
    dying: "Клиенты, которые скоро станут «мёртвыми»"
        | "Clients about to become dead",
    /// Column: the day a client becomes dead.
    dead_on: "Станет «мёртвым»"
        | "Dead on",
    /// Column: team counts of late deals.
    late: "Сделки просрочены"
        | "Deals late",
    /// Column: why.
    why: "Почему"
        | "Why",
    days_over: "Просрочено, дней"
        | "Days overdue",
    /// Column: why the touch is due then.
    planned_from: "Откуда срок"
        | "Planned from",
    /// The card's section of next steps.
    next_steps: "Следующие шаги"
        | "Next steps",
    /// No open next step.
    no_next_steps: "Открытых задач нет."
        | "No open tasks.",
    /// Button: done.
    done: "Сделано"
        | "Done",
    /// Button: cancel a task.
    cancel: "Отменить"
        | "Cancel",
    /// Field: when the touch happened.
    occurred_at: "Когда"
        | "When",
    /// Field: contacts of the client in the touch.
    their_side: "С их стороны"
        | "Their side",
    /// Field: our people in the touch.
    our_side: "С нашей стороны"
        | "Our side",
    /// Field: the next step's title.
    next_step: "Следующий шаг"
        | "Next step",
    /// Hint: the next step becomes a task.
    next_step_hint: "станет задачей держателя клиента"
        | "becomes a task of the client's holder",
    /// Field: the next step's date.
    next_step_due: "Срок следующего шага"
        | "Next step due",
}

use sprut_core::employee::Language;
use sprut_core::touch::TouchBasis;

/// Why a touch is due on its date, in words.
pub fn touch_basis(lang: Language, basis: &TouchBasis, cadence_days: i64) -> String {
    let days = super::russian_count(cadence_days, ["день", "дня", "дней"]);
    let d = |on: &time::Date| crate::ui::format::date(lang, *on);
    match (lang, basis) {
        (Language::Ru, TouchBasis::Task) => "задача".into(),
        (Language::En, TouchBasis::Task) => "a task".into(),
        (Language::Ru, TouchBasis::LastTouch { on }) => format!("последнее касание {} + {days}", d(on)),
        (Language::En, TouchBasis::LastTouch { on }) => format!("last touch {} + {cadence_days} days", d(on)),
        (Language::Ru, TouchBasis::HeldSince { on }) => format!("касаний не было; у держателя с {} + {days}", d(on)),
        (Language::En, TouchBasis::HeldSince { on }) => {
            format!("never touched; held since {} + {cadence_days} days", d(on))
        }
    }
}
