//! The words of the redistribution planner's pages.

use super::{pick, russian_count};
use sprut_core::employee::Language;
use sprut_core::planner::service::PlannedMove;

phrases! {
    /// The planner's title.
    redistribution: "Перераспределение клиентов"
        | "Redistribution of clients",
    /// What the planner does.
    explained: "Планировщик предлагает, каких клиентов передать, чтобы книги продавцов команды сравнялись по числу клиентов и по потенциалу (по четвертям потенциала команды), с наименьшими потерями: сначала наименьшее число переносов, затем — клиенты с меньшей выручкой и с меньшим сроком у держателя, в регионе получателя и по его специализации (новые — охотникам, покупающие — фермерам). Клиенты в разработке и в передаче не переносятся никогда, ключевые — только с галочкой. Применённый план становится обычными передачами с чек-листами."
        | "The planner proposes which clients to hand over so that the books of the team's reps even out in clients and in potential (by the team's potential quarters), at the least disruption: the fewest moves first, then the clients with less revenue and fewer years with their holder, in the receiver's region and fitting his specialisation (prospects to hunters, customers to farmers). Clients in development or in a transfer never move, key clients only with the tick. An applied plan becomes ordinary transfers with their checklists.",
    /// The team field.
    team: "Команда"
        | "Team",
    /// The balance field.
    balance: "Баланс, ± % от среднего"
        | "Balance, ± % of the mean",
    /// The balance in the limits line, before its figure.
    balance_short: "баланс ±"
        | "balance ±",
    /// After it.
    of_mean: " % от среднего"
        | " % of the mean",
    /// The moves field.
    max_moves: "Не больше переносов"
        | "At most moves",
    /// The capacity field.
    capacity: "Не больше клиентов у продавца"
        | "At most clients per rep",
    /// The key clients tick.
    move_key: "Можно переносить ключевых клиентов"
        | "Key clients may move",
    /// Empty means no limit.
    no_limit: "пусто — без ограничения"
        | "empty: no limit",
    /// The preview button.
    preview: "Построить план"
        | "Make the plan",
    /// The list of plans.
    plans: "Планы"
        | "Plans",
    /// No plans yet.
    no_plans: "Планов ещё нет."
        | "No plans yet.",
    /// Made on.
    made_on: "Построен"
        | "Made on",
    /// Moves.
    moves: "Переносы"
        | "Moves",
    /// A plan's page title.
    plan_of: "План перераспределения"
        | "Redistribution plan",
    /// Nothing moves.
    balanced_already: "Книги уже в пределах баланса: переносить никого не нужно."
        | "The books are within the balance already: nobody needs to move.",
    /// The chart's title.
    chart_title: "Клиенты у продавцов до и после плана"
        | "Clients per rep before and after the plan",
    /// Before.
    before: "до"
        | "before",
    /// After.
    after: "после"
        | "after",
    /// The team mean on the chart.
    mean: "среднее"
        | "mean",
    /// The band the balance allows.
    allowed: "допустимо"
        | "allowed",
    /// Rep.
    rep: "Продавец"
        | "Rep",
    /// Clients.
    clients: "Клиенты"
        | "Clients",
    /// Potential.
    potential: "Потенциал"
        | "Potential",
    /// The monthly sales plan from potential.
    month_plan: "План продаж в месяц"
        | "Monthly sales plan",
    /// Client.
    client: "Клиент"
        | "Client",
    /// From.
    from: "От кого"
        | "From",
    /// To.
    to: "Кому"
        | "To",
    /// Why.
    why: "Почему"
        | "Why",
    /// The apply form's date.
    hand_over_on: "Передать с "
        | "Hand over on ",
    /// The apply button.
    apply: "Применить: создать передачи"
        | "Apply: create the transfers",
    /// What applying does.
    apply_explained: "Будут созданы передачи — по одной на каждого отдающего продавца — с чек-листами. Если после предпросмотра книга команды изменилась, план не применится: постройте его заново."
        | "One transfer per giving rep is created, with its checklists. If the team's book changed since the preview, the plan is refused: make it again.",
    /// The transfers made.
    transfers: "Передачи по плану"
        | "Transfers of the plan",
    /// Limits asked.
    limits: "Условия"
        | "Limits",
    /// A link to the planner from the transfers page.
    nav: "Перераспределение"
        | "Redistribution",
    /// The report's section by plan.
    by_plan: "По планам перераспределения"
        | "By redistribution plan",
    /// Whether the plan paid off.
    outcome: "Окупился ли план: продажи переданных клиентов за 3, 6 и 12 месяцев до и после, рядом с оставшимися клиентами тех же сегментов (окно считается, когда прошло целиком)."
        | "Did the plan pay off: sales of the moved clients 3, 6 and 12 months before and after, beside the clients of the same segments that stayed (a window counts once it has passed).",
    /// Key clients allowed, in the limits line.
    key_allowed: "ключевые можно переносить"
        | "key clients may move",
}

/// A move's reason in `lang`, from its figures.
pub fn move_reason(lang: Language, m: &PlannedMove, revenue: &str) -> String {
    let mean = |tenths: i64| {
        let s = format!("{}.{}", tenths / 10, tenths % 10);
        if lang == Language::Ru {
            s.replace('.', ",")
        } else {
            s
        }
    };
    match lang {
        Language::En => m.reason.clone(),
        Language::Ru => {
            let route = if m.off_route {
                "вне его региона"
            } else {
                "в его регионе или без региона"
            };
            let fit = match (m.misfit, m.customer) {
                (false, _) => "",
                (true, true) => "; покупающий клиент — охотнику",
                (true, false) => "; новый клиент — фермеру",
            };
            format!(
                "У {} {} при среднем по команде {}, из них в {}-й четверти потенциала — {} (среднее {}); \
                 из тех, кого можно переносить, этот клиент обходится дешевле всего: {} у держателя, выручка {} за 12 месяцев. \
                 Получатель — {}, {route}{fit}.",
                m.from_name,
                russian_count(i64::from(m.from_clients), ["клиент", "клиента", "клиентов"]),
                mean(m.mean_tenths),
                m.quarter,
                m.from_quarter_clients,
                mean(m.quarter_mean_tenths),
                russian_count(m.years, ["год", "года", "лет"]),
                revenue,
                m.to_name,
            )
        }
    }
}

/// A plan's state.
pub fn plan_state(lang: Language, applied: bool) -> &'static str {
    if applied {
        pick(lang, "применён", "applied")
    } else {
        pick(lang, "предпросмотр", "preview")
    }
}
