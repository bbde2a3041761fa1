//! Why a value is refused, in the user's language: matched on the reason's code, never on its
//! English text, so a reason the core adds does not compile until it is said here too.

use super::{field, mail, offboarding_state, transfer_state, RU};
use crate::ui::format::date;
use sprut_core::employee::Language;
use sprut_core::import::RowReason;
use sprut_core::reason::{RecordKey, WordList};
use sprut_core::{Conflict, Reason};

/// The reason in `lang`.
pub fn reason(lang: Language, reason: &Reason) -> String {
    match lang {
        Language::En => reason.to_string(),
        Language::Ru => russian(reason),
    }
}

fn russian(reason: &Reason) -> String {
    use Reason::*;
    let d = |x: &time::Date| date(Language::Ru, *x);
    match reason {
        Required => "заполните это поле".into(),
        TooLong { max } => format!("не длиннее {max} символов"),
        Negative => "не может быть отрицательным".into(),
        Range { min, max: None } => format!("не меньше {min}"),
        Range { min, max: Some(max) } => format!("от {min} до {max}"),
        Email { value } if value.is_empty() => "нужен адрес эл. почты вида name@example.com".into(),
        Email { value } => format!("«{value}» — не адрес эл. почты"),
        Phone { value } => format!("«{value}» — не номер телефона: цифры, пробелы, + - ( )"),
        Number { value } => format!("«{value}» — не целое число"),
        Date { value } => format!("«{value}» — не дата (дд.мм.гггг, гггг-мм-дд или мм/дд/гг)"),
        DateTime { value } => format!("«{value}» — не дата и время (дд.мм.гггг чч:мм или гггг-мм-дд чч:мм:сс)"),
        Amount { value } => format!("«{value}» — не сумма: напишите цифрами, например 846 000,50"),
        Currency { value } => format!("«{value}» — не валюта: напишите код, например RUB"),
        CurrencyMismatch { amount, column } => format!("сумма в {amount}, а валюта в столбце — {column}"),
        OneOf { value, expected } => format!("«{value}» — не из списка: {expected}"),
        Choose => "выберите один из вариантов".into(),
        TooManyChannels { max } => format!("не больше {max} каналов связи"),
        ChannelTooLong { start } => format!("«{start}…» длиннее 300 символов"),
        Cursor => "ссылка на страницу устарела: откройте список заново".into(),
        PageSize { max } => format!("от 1 до {max} строк на странице; дальше листайте"),
        PasswordTooShort { min } => format!("пароль не короче {min} символов"),
        TimeZone => "нужен часовой пояс IANA, например Europe/Moscow".into(),
        CountryCode => "нужен двухбуквенный код страны: RU, KZ, BY".into(),
        CycleFigure => "выберите: среднее, медиана, 80-й процентиль или медиана Каплана–Мейера".into(),
        LegalIdCheckDigit => "у этого ИНН неверная контрольная цифра: сверьте с документами клиента".into(),
        LegalIdShape => {
            "нужен ИНН из 10 или 12 цифр или иностранный налоговый номер из 5–20 букв, цифр и дефисов".into()
        }
        LegalIdQuoted { value, check_digit } => {
            let inner = if *check_digit { LegalIdCheckDigit } else { LegalIdShape };
            format!("«{value}»: {}", russian(&inner))
        }
        NoSuchEmployee => "такого сотрудника нет".into(),
        NoSuchRep => "такого менеджера нет".into(),
        NoSuchClient { id } if id.is_empty() => "такого клиента нет".into(),
        NoSuchClient { id } => format!("клиента {id} нет"),
        NoSuchContact { id } => format!("контакта {id} нет"),
        ContactOfOtherClient { id } => format!("контакт {id} относится к другому клиенту"),
        CannotHold => "держать клиентов могут только работающие менеджеры и руководители продаж".into(),
        CannotTakeClients { name } => format!("{name} сейчас не может принимать клиентов"),
        NotStaffOf { name, department } => format!("{name} не работает в отделе «{department}»"),
        NoCapacity { load, capacity } => {
            format!("нет свободной ёмкости: в разработке {load} клиентов из {capacity}")
        }
        NoWritableContact => {
            "никто из контактов клиента не согласился на письма: сообщите клиенту иначе и напишите как".into()
        }
        NoReceiverCanTake => "никто из названных получателей сейчас не может принимать клиентов".into(),
        NoSuchReceiver { id } => format!("сотрудника {id} нет, или он не может держать клиентов"),
        OwnParent => "клиент не может быть головной компанией сам себе".into(),
        GroupLoop => "так группа компаний замкнётся в кольцо".into(),
        OwnManager => "сотрудник не может быть руководителем сам себе".into(),
        StaffNeedDepartment => "смежнику нужен отдел: логистика, бухгалтерия, юристы, поддержка или договоры".into(),
        OnlyStaffDepartment => "отдел бывает только у смежников".into(),
        LastDayNeeded => "у уходящего сотрудника должен быть последний рабочий день".into(),
        DevelopmentNeedsDue => "у разработки должен быть срок".into(),
        AccountHasNoDue => "у сопровождения срока нет".into(),
        OpenDealHasNoClose => "у сделки в работе нет даты закрытия: поставьте стадию «выиграна» или «проиграна»".into(),
        ClosedDealNeedsDate => "у выигранной или проигранной сделки должна быть дата закрытия".into(),
        Before { other } => format!("не раньше, чем «{}»", field(Language::Ru, other)),
        BeforeDate { date } => format!("не раньше {}", d(date)),
        OnlyToday { today } => format!("применить к базе можно только сегодняшний день ({})", d(today)),
        AfterToday { today } => format!("позже сегодняшнего дня ({})", d(today)),
        Past { today } => format!("не раньше сегодняшнего дня ({})", d(today)),
        Future { today } => format!("не позже сегодняшнего дня ({})", d(today)),
        AfterThisWeek { week } => format!("не позже этой недели ({})", d(week)),
        AfterDue { due } => format!("позже нынешнего срока {}", d(due)),
        ExtensionTooLong { latest, days, multiple, cycle_days } => format!(
            "не дальше {days} дн. ({multiple} × цикл продаж {cycle_days} дн.) от нынешнего срока: самое позднее {}",
            d(latest)
        ),
        ExtensionExhausted { latest } => {
            format!("продлевать больше нельзя: самый поздний срок по правилу был {}", d(latest))
        }
        PostponedOnly => "дата бывает только у отложенного отчёта".into(),
        NotProposed => "согласуйте одну из предложенных дат или предложите другую".into(),
        AlreadyProposed => "эту дату и так предложили — примите её".into(),
        OwnClient => "это ваш клиент: встречайтесь, просьба не нужна".into(),
        HeadMeetingByHead => {
            "встречу руководителя планирует, переносит и отменяет только руководитель или администратор".into()
        }
        ChecklistOnMeeting => "чек-лист бывает только у встречи или визита".into(),
        NoClients => "назовите хотя бы одного клиента".into(),
        NoReceivers => "назовите хотя бы одного получателя".into(),
        SameHolder { client } if client.is_empty() => "клиента нельзя передать тому, от кого он уходит".into(),
        SameHolder { client } => format!("«{client}» нельзя передать тому, от кого он уходит"),
        ListedTwice { client } => format!("клиент {client} указан дважды"),
        NotInTransfer { client } => format!("клиента {client} нет среди клиентов передачи"),
        HeldByOther { client, holder, from } => format!("«{client}» держит {holder}, а не {from}"),
        NotHeld { client } => format!("«{client}» никто не держит: закрепите его, а не передавайте"),
        HeldAlready => "этот менеджер уже держит клиента".into(),
        ReceiverNeeded { clients } => format!("выберите получателя для: {clients}"),
        RetentionNeeded { clients } => format!("решите, что предложить (или ничего) клиентам под риском: {clients}"),
        Lines { lines, chars } => format!("не больше {lines} строк по {chars} символов"),
        PlaybookForHolders => "план ухода — для менеджеров и руководителей, которые держат клиентов".into(),
        OfferNeeded => "опишите предложение, к которому относится скидка".into(),
        Malformed { detail } => format!("не удалось прочитать: {detail}"),
        Word { value, list } => {
            let expected = match list {
                WordList::YesNo => "не «да» и не «нет» (пишут да/нет, yes/no, 1/0 или x)",
                WordList::Tier => "не категория клиента (ключевой, обычный или мелкий; A/B/C)",
                WordList::ActivityKind => {
                    "не вид касания (звонок, письмо, встреча, визит, КП или заметка; другие слова \
                     сопоставьте в настройке значений)"
                }
                WordList::Role => {
                    "не роль (администратор, руководитель, менеджер, смежник или аудитор; другие слова \
                     сопоставьте в настройке значений)"
                }
                WordList::Department => "не отдел (логистика, бухгалтерия, юристы, поддержка или договоры)",
            };
            format!("«{value}» — {expected}")
        }
        Decimals { value } => format!("«{value}»: больше двух знаков после запятой"),
        TooLarge { value } => format!("«{value}»: слишком большая сумма"),
        RowShifted { cells, width } => format!(
            "в строке {cells} ячеек, а в заголовке {width} столбцов: похоже, в значении есть разделитель без \
             кавычек, и ячейки после него сдвинулись"
        ),
        Repeated { key, value, first_row } => {
            let key = match key {
                RecordKey::Id => "идентификатор",
                RecordKey::LegalId => "ИНН",
                RecordKey::Email => "эл. почта",
                RecordKey::ClientName => "название клиента",
                RecordKey::EmployeeName => "имя сотрудника",
                RecordKey::Lead => "лид (компания, человек)",
                RecordKey::Contact => "контакт",
                RecordKey::Deal => "сделка (клиент, название, дата открытия)",
                RecordKey::Touch => "касание (клиент, время, вид)",
                RecordKey::Invoice => "счёт (клиент, номер)",
            };
            format!("{key} «{value}» уже был в строке {first_row}: каждая запись — один раз")
        }
        PhoneKept { value, region } => {
            format!("«{value}» не читается как номер телефона страны {region}: сохранён как написан")
        }
        EmailKept { value } => format!("«{value}» — не адрес эл. почты: сохранён как написан"),
        SeveralClientsNamed { name } => {
            format!("клиентов с названием «{name}» несколько: укажите клиента по идентификатору или ИНН")
        }
        NoClientNamed { name } => {
            format!("клиента с названием «{name}» нет: сначала загрузите клиентов или исправьте название")
        }
        NoClientWithId { id, source } => format!(
            "клиента с идентификатором «{id}» из {source} нет: сначала загрузите клиентов (с той же настройкой \
             источника)"
        ),
        SeveralEmployeesNamed { name } => {
            format!("сотрудников с именем «{name}» несколько: укажите их по эл. почте")
        }
        NoEmployeeKnown { value } => {
            format!("сотрудника «{value}» нет: сначала добавьте его или загрузите файл с созданием сотрудников")
        }
        NoManager => "руководителя с таким именем нет: добавьте его строку в файл или сначала его самого".into(),
        Period { value } => format!("«{value}» — не месяц (2026-12) и не квартал (2026-Q4)"),
        NothingToPlan => {
            "в команде нет активных продавцов или клиентов для распределения: выберите другую команду".into()
        }
        LockedBeyondBalance { move_key_helps: true } => {
            "ключевые клиенты держат продавца за пределами баланса: разрешите переносить ключевых или расширьте баланс"
                .into()
        }
        LockedBeyondBalance { move_key_helps: false } => {
            "клиенты в разработке или в передаче держат продавца за пределами баланса: расширьте баланс".into()
        }
        BalanceTooTight { percent } => {
            format!("ни один план не удержит всех продавцов в этом балансе; наименьший возможный — {percent} %")
        }
        CapacityTooSmall => {
            "продавцы вмещают меньше клиентов, чем есть у команды: увеличьте вместимость или оставьте её пустой".into()
        }
        MovesNeeded { needed } => {
            format!("для баланса нужно переносов: {needed}; разрешите не меньше или расширьте баланс")
        }
    }
}

/// A change of a team's book in Russian.
fn book_change(what: sprut_core::planner::book::BookChange) -> &'static str {
    use sprut_core::planner::book::BookChange::*;
    match what {
        ChangedHands => "у другого продавца",
        Joined => "новый в базе команды",
        Left => "ушёл из базы команды",
        Locked => "в разработке или в передаче",
        Unlocked => "вышел из разработки или передачи",
        Potential => "изменён потенциал или уровень",
        RepJoined => "новый продавец команды",
        RepLeft => "больше не продавец команды",
    }
}

/// Why an imported row is refused, in `lang`.
pub fn row_reason(lang: Language, reason: &RowReason) -> String {
    match reason {
        RowReason::Value(r) => self::reason(lang, r),
        RowReason::Conflict(c) => conflict(lang, c),
    }
}

/// The conflict in `lang`.
pub fn conflict(lang: Language, conflict: &Conflict) -> String {
    match lang {
        Language::En => conflict.to_string(),
        Language::Ru => russian_conflict(conflict),
    }
}

fn russian_conflict(conflict: &Conflict) -> String {
    use Conflict::*;
    let d = |x: &time::Date| date(Language::Ru, *x);
    match conflict {
        TeamNameTaken => "команда с таким названием уже есть".into(),
        EmailTaken => "сотрудник с такой эл. почтой уже есть".into(),
        LegalIdTaken => "клиент с таким ИНН уже есть".into(),
        AlreadyHeld => "клиента уже кто-то держит: сначала завершите это закрепление".into(),
        AlreadyResting => "клиент уже на передышке: сначала завершите её".into(),
        ReportWritten => "отчёт за эту неделю по клиенту уже написан: измените его".into(),
        InTransferUnderWay => "клиент уже в идущей передаче: завершите или отмените её".into(),
        DepartureBeingPlanned => "уход этого сотрудника уже расписывается: откройте тот план".into(),
        Duplicate => "такая запись уже есть".into(),
        MissingReference => "запись, на которую ссылается изменение (клиент, сотрудник или команда), не найдена".into(),
        BrokenRule { detail } => format!("изменение нарушает правило базы: {detail}"),
        NotHeldNow => "клиента сейчас никто не держит".into(),
        RestingUntil { until } => format!("клиент уже на передышке до {}", d(until)),
        OnlyDevelopmentExtends => "продлить можно только разработку".into(),
        Archived => "клиент уже в архиве".into(),
        ReportsOnDevelopment => "еженедельные отчёты пишут только по клиентам в разработке".into(),
        HoldingChanged { client } => format!("закрепление клиента {client} изменилось во время ротации"),
        RestChanged { client } => format!("передышка клиента {client} изменилась во время ротации"),
        AlreadyLeft { name } => format!("{name} уже уволен(а)"),
        DepartureRecorded { name, on } => format!("уход: {name}, {} — уже записан", d(on)),
        PlaybookRunning { name } => format!("план ухода для «{name}» уже идёт"),
        PlaybookState { state } => format!("план ухода {}", offboarding_state(&RU, *state)),
        PlanApplied => "план уже применён".into(),
        InTransfer { client, transfer } if transfer.is_empty() => {
            format!("«{client}» уже в передаче: отмените её, чтобы сменить получателя")
        }
        InTransfer { client, transfer } => format!("«{client}» уже в передаче {transfer}: завершите или отмените её"),
        TransferState { state } => format!("передача {}", transfer_state(&RU, *state)),
        NoLongerHeld { client, from } => format!("«{client}» больше не у {from}: передача не может его передать"),
        HandoverFirst { on } => format!("сначала клиенты переходят из рук в руки {}", d(on)),
        ChecklistOpen { steps } => format!("чек-лист не закрыт: {steps}"),
        DocumentsNotListed => "сначала перечислите переданные документы, потом подтверждайте".into(),
        ReceivablesAfterHandover => "дебиторку сверяют на дату передачи: дождитесь её".into(),
        NoReconciliation => "до передачи сверки нет".into(),
        DepartmentsTold => "смежники уже уведомлены".into(),
        ClientTold => "клиент уже уведомлён".into(),
        AlertClosed => "сигнал уже закрыт".into(),
        RequestAnswered { .. } => "на просьбу о встрече уже ответили".into(),
        InvestigationClosed => "расследование уже закрыто".into(),
        CheckRecorded => "проверка уже записана".into(),
        SurveyAnswered => "на этот опрос уже ответили — спасибо".into(),
        SurveyExpired { on } => format!("ссылка на опрос действовала до {}", on),
        SurveyThisQuarter { sent_on } => {
            format!(
                "клиента уже опрашивали {}: не чаще раза в квартал",
                crate::ui::format::date(sprut_core::employee::Language::Ru, *sent_on)
            )
        }
        NotALimitAlert => "снять предел можно только из сигнала о дневном пределе записей".into(),
        OnlyFailedResend { status } => {
            format!(
                "снова отправить можно только письмо с ошибкой; у этого статус «{}»",
                mail::status(Language::Ru, *status)
            )
        }
        FileExists { path } => format!("{path} уже существует: выберите новый файл для копии"),
        TargetNotEmpty { table, rows } => {
            format!("база назначения не пуста (в {table} {rows} строк): копируйте в новую базу с миграциями")
        }
        BookChanged { changes } => {
            let first: Vec<String> =
                changes.iter().take(5).map(|c| format!("«{}» — {}", c.name, book_change(c.what))).collect();
            let more = if changes.len() > 5 { ", …" } else { "" };
            format!(
                "клиентская база команды изменилась после предпросмотра (изменений: {}: {}{more}): постройте план заново",
                changes.len(),
                first.join(", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_reads_in_each_language() {
        let r = Reason::TooLong { max: 200 };
        assert_eq!(reason(Language::Ru, &r), "не длиннее 200 символов");
        assert_eq!(reason(Language::En, &r), "must be at most 200 characters");
        let on = time::macros::date!(2026 - 12 - 04);
        assert_eq!(reason(Language::Ru, &Reason::AfterToday { today: on }), "позже сегодняшнего дня (04.12.2026)");
    }
}
