//! Word lists of the demo company: people, company names, regions, segments and texts.

use sprut_core::seeded::Rng;

/// A region the company sells in, served by one team.
pub(super) struct RegionInfo {
    /// Name as stored on clients and reps.
    pub name: &'static str,
    /// Index of the team that serves it.
    pub team: usize,
    /// First two digits of local tax ids.
    pub tax_code: u64,
    /// Landline area codes.
    pub phone_codes: &'static [&'static str],
    /// Towns for addresses.
    pub towns: &'static [&'static str],
}

/// The sales teams, in order.
pub(super) const TEAMS: [&str; 3] = ["Москва", "Северо-Запад", "Урал"];

/// Two regions per team: regions `2t` and `2t + 1` belong to team `t`.
pub(super) const REGIONS: [RegionInfo; 6] = [
    RegionInfo {
        name: "Москва", team: 0, tax_code: 77, phone_codes: &["495", "499"], towns: &["г. Москва"]
    },
    RegionInfo {
        name: "Московская область",
        team: 0,
        tax_code: 50,
        phone_codes: &["496", "498"],
        towns: &[
            "Московская обл., г. Химки",
            "Московская обл., г. Подольск",
            "Московская обл., г. Мытищи",
            "Московская обл., г. Коломна",
        ],
    },
    RegionInfo {
        name: "Санкт-Петербург",
        team: 1,
        tax_code: 78,
        phone_codes: &["812"],
        towns: &["г. Санкт-Петербург"],
    },
    RegionInfo {
        name: "Ленинградская область",
        team: 1,
        tax_code: 47,
        phone_codes: &["813"],
        towns: &[
            "Ленинградская обл., г. Гатчина",
            "Ленинградская обл., г. Всеволожск",
            "Ленинградская обл., г. Выборг",
        ],
    },
    RegionInfo {
        name: "Свердловская область",
        team: 2,
        tax_code: 66,
        phone_codes: &["343"],
        towns: &["г. Екатеринбург", "Свердловская обл., г. Нижний Тагил", "Свердловская обл., г. Первоуральск"],
    },
    RegionInfo {
        name: "Челябинская область",
        team: 2,
        tax_code: 74,
        phone_codes: &["351"],
        towns: &["г. Челябинск", "Челябинская обл., г. Магнитогорск", "Челябинская обл., г. Миасс"],
    },
];

/// How many clients of each region, relatively.
pub(super) const REGION_WEIGHTS: [u32; 6] = [19, 16, 18, 15, 17, 15];

/// A market segment: its name, typical days to a first sale, and what it buys (genitive).
pub(super) struct SegmentInfo {
    /// Name as stored on clients.
    pub name: &'static str,
    /// Mean days from the start of development to the first won deal.
    pub cycle_days: i64,
    /// Goods in the genitive case («поставка …»).
    pub goods: [&'static str; 4],
}

/// The segments, in order.
pub(super) const SEGMENTS: [SegmentInfo; 6] = [
    SegmentInfo {
        name: "Дистрибуция",
        cycle_days: 55,
        goods: ["упаковочных материалов", "бытовой химии", "канцтоваров", "расходных материалов"],
    },
    SegmentInfo {
        name: "Производство",
        cycle_days: 110,
        goods: ["металлопроката", "подшипников", "гидравлики", "сварочного оборудования"],
    },
    SegmentInfo {
        name: "HoReCa",
        cycle_days: 35,
        goods: ["кофе и чая", "профессиональной посуды", "моющих средств", "текстиля для номеров"],
    },
    SegmentInfo {
        name: "Розница",
        cycle_days: 50,
        goods: ["торгового оборудования", "кассовой ленты", "сезонных товаров", "POS-материалов"],
    },
    SegmentInfo {
        name: "Строительство",
        cycle_days: 140,
        goods: ["сухих смесей", "арматуры", "кровельных материалов", "электроинструмента"],
    },
    SegmentInfo {
        name: "Логистика",
        cycle_days: 75,
        goods: ["паллет", "стрейч-плёнки", "складской техники", "шин и запчастей"],
    },
];

/// How many clients of each segment, relatively.
pub(super) const SEGMENT_WEIGHTS: [u32; 6] = [22, 18, 15, 18, 15, 12];

#[rustfmt::skip]
const SURNAMES: &[&str] = &[
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
    "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
    "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
    "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
    "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов",
    "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров",
    "Матвеев", "Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов",
    "Гаврилов", "Тихонов", "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов",
    "Мартынов", "Ефимов", "Щербаков", "Назаров", "Калинин", "Исаев", "Быков", "Маслов", "Родионов", "Коновалов",
    "Лазарев", "Воронин", "Климов", "Филатов", "Пономарёв", "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Потапов",
    "Журавлёв", "Овчинников", "Трофимов", "Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров", "Емельянов",
    "Никифоров", "Котов", "Гришин", "Архипов", "Громов", "Кириллов", "Малышев", "Панов", "Моисеев", "Румянцев",
    "Акимов", "Кондратьев", "Бирюков", "Горбунов", "Ерёмин", "Галкин", "Скворцов", "Белоусов", "Нестеров",
    "Симонов", "Князев", "Цветков", "Воронцов", "Шестаков", "Рябов", "Зуев", "Третьяков", "Островский",
    "Покровский", "Вишневский", "Успенский", "Садовский", "Раевский",
];

#[rustfmt::skip]
const MALE_NAMES: &[&str] = &[
    "Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим", "Валерий", "Василий", "Виктор", "Виталий",
    "Владимир", "Владислав", "Вячеслав", "Геннадий", "Георгий", "Григорий", "Денис", "Дмитрий", "Евгений", "Егор",
    "Иван", "Игорь", "Илья", "Кирилл", "Константин", "Леонид", "Максим", "Михаил", "Никита", "Николай", "Олег",
    "Павел", "Пётр", "Роман", "Руслан", "Сергей", "Станислав", "Степан", "Тимур", "Фёдор", "Юрий", "Ярослав",
];

#[rustfmt::skip]
const FEMALE_NAMES: &[&str] = &[
    "Александра", "Алина", "Алла", "Анастасия", "Анна", "Валентина", "Валерия", "Вера", "Виктория", "Галина",
    "Дарья", "Екатерина", "Елена", "Елизавета", "Жанна", "Инна", "Ирина", "Карина", "Ксения", "Лариса", "Любовь",
    "Людмила", "Марина", "Мария", "Надежда", "Наталья", "Нина", "Оксана", "Ольга", "Полина", "Светлана", "Софья",
    "Татьяна", "Юлия", "Яна",
];

/// Male patronymics; the female form swaps the final «ич» for «на».
#[rustfmt::skip]
const PATRONYMICS: &[&str] = &[
    "Александрович", "Алексеевич", "Андреевич", "Анатольевич", "Борисович", "Викторович", "Владимирович",
    "Васильевич", "Геннадьевич", "Дмитриевич", "Евгеньевич", "Иванович", "Игоревич", "Константинович", "Михайлович",
    "Николаевич", "Олегович", "Павлович", "Петрович", "Сергеевич", "Юрьевич", "Валерьевич", "Романович",
    "Степанович",
];

/// A Russian person's full name.
#[derive(Debug, Clone)]
pub(super) struct Person {
    /// Surname, already in the person's gender.
    pub surname: String,
    /// First name.
    pub first: &'static str,
    /// Patronymic, already in the person's gender.
    pub patronymic: String,
}

impl Person {
    /// A random person; women with probability `female`.
    pub(super) fn random(rng: &mut Rng, female: f64) -> Self {
        let surname = *rng.pick(SURNAMES);
        let patronymic = *rng.pick(PATRONYMICS);
        if rng.chance(female) {
            Self {
                surname: feminine_surname(surname),
                first: *rng.pick(FEMALE_NAMES),
                patronymic: feminine_patronymic(patronymic),
            }
        } else {
            Self { surname: surname.into(), first: *rng.pick(MALE_NAMES), patronymic: patronymic.into() }
        }
    }

    /// «Смирнов Алексей Викторович».
    pub(super) fn full(&self) -> String {
        format!("{} {} {}", self.surname, self.first, self.patronymic)
    }

    /// «Смирнов А.В.».
    pub(super) fn with_initials(&self) -> String {
        format!("{} {}.{}.", self.surname, initial(self.first), initial(&self.patronymic))
    }

    /// `smirnov`, the ASCII spelling of the surname.
    pub(super) fn login(&self) -> String {
        translit(&self.surname)
    }

    /// `a.smirnov`.
    pub(super) fn dotted(&self) -> String {
        format!("{}.{}", translit(initial(self.first)), translit(&self.surname))
    }
}

fn initial(word: &str) -> &str {
    word.char_indices().nth(1).map_or(word, |(i, _)| &word[..i])
}

fn feminine_surname(s: &str) -> String {
    match s.strip_suffix("ий") {
        Some(stem) => format!("{stem}ая"),
        None => format!("{s}а"),
    }
}

fn feminine_patronymic(p: &str) -> String {
    p.strip_suffix("ич").map_or_else(|| p.to_string(), |stem| format!("{stem}на"))
}

/// Lower-case ASCII spelling of Russian text; drops everything but letters and digits.
pub(super) fn translit(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        let latin = match ch {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' | 'ы' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ю' => "yu",
            'я' => "ya",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => continue,
        };
        out.push_str(latin);
    }
    out
}

#[rustfmt::skip]
const PREFIXES: &[&str] = &[
    "Тех", "Пром", "Строй", "Агро", "Энерго", "Транс", "Металл", "Снаб", "Торг", "Инвест", "Юг", "Сиб", "Урал",
    "Нева", "Волга", "Мега", "Профи", "Эко", "Гео", "Хим", "Электро", "Авто", "Лес", "Рос", "Норд", "Спец", "Сталь",
    "Нефте", "Газ", "Пищ", "Мед", "Даль", "Кам", "Ока", "Интер", "Евро", "Глоб", "Макро", "Вектор",
];

#[rustfmt::skip]
const SUFFIXES: &[&str] = &[
    "снаб", "ресурс", "торг", "сервис", "комплект", "маш", "строй", "пром", "лайн", "трейд", "групп", "систем",
    "альянс", "инвест", "логистик", "продукт", "мир", "тех", "прибор", "энерго", "холод", "пласт", "бетон",
    "маркет", "опт", "арсенал",
];

#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "Северный", "Южный", "Белый", "Золотой", "Красный", "Новый", "Первый", "Большой", "Старый", "Зелёный",
    "Сибирский", "Уральский", "Балтийский", "Волжский", "Тихий", "Ясный", "Добрый", "Восточный", "Западный",
    "Светлый", "Крепкий", "Надёжный", "Верный", "Прямой", "Дальний", "Высокий", "Главный", "Серебряный", "Синий",
    "Морской", "Речной", "Полярный",
];

#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "ветер", "берег", "мост", "парус", "город", "ключ", "дом", "край", "путь", "стандарт", "союз", "двор", "лес",
    "маяк", "остров", "вектор", "сад", "терминал", "квартал", "поток", "причал", "рубеж", "склад", "узел",
    "перевал", "рынок", "родник", "кедр", "дуб", "проспект", "континент", "регион",
];

#[rustfmt::skip]
const BRANDS: &[&str] = &[
    "Альфа", "Вега", "Орион", "Гранит", "Меридиан", "Атлант", "Континент", "Горизонт", "Фаворит", "Спектр",
    "Стимул", "Квадрат", "Аврора", "Магистраль", "Сигма", "Престиж", "Импульс", "Эталон", "Акцент", "Олимп",
    "Фортуна", "Кристалл", "Ладога", "Самоцвет", "Полюс",
];

const DECOR: &[&str] = &["-М", " Плюс", "-Трейд", " Групп", "-Центр", "-Регион", "-1", "-2000", " Про"];

/// Kinds of business by segment, as they appear in names («ТК Магистраль»).
const TRADES: [&[&str]; 6] = [
    &["ТД", "Торговая компания", "Дистрибьютор"],
    &["Завод", "ПК", "Фабрика", "НПО"],
    &["Ресторан", "Кафе", "Гостиница", "Пекарня"],
    &["Магазин", "Сеть", "ТД", "Супермаркет"],
    &["СК", "СМУ", "Стройтрест", "ДСК"],
    &["ТК", "ТЭК", "Терминал", "Автобаза"],
];

/// A company's own name without the legal form: «Техснаб», «Северный ветер», «ТК Орион-М».
pub(super) fn brand(rng: &mut Rng, segment: usize) -> String {
    let base = match rng.weighted(&[38, 27, 10, 25]) {
        0 => compound(rng),
        1 => format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
        2 => (*rng.pick(BRANDS)).to_string(),
        _ => format!("{} {}", rng.pick(TRADES[segment]), rng.pick(BRANDS)),
    };
    if rng.chance(0.18) {
        format!("{base}{}", rng.pick(DECOR))
    } else {
        base
    }
}

/// «Техснаб» or «СтройИнвест»: a brand glued from two stems.
pub(super) fn compound(rng: &mut Rng) -> String {
    let prefix = rng.pick(PREFIXES);
    let suffix = rng.pick(SUFFIXES);
    if rng.chance(0.3) {
        let mut chars = suffix.chars();
        let first: String = chars.next().into_iter().flat_map(char::to_uppercase).collect();
        format!("{prefix}{first}{}", chars.as_str())
    } else {
        format!("{prefix}{suffix}")
    }
}

/// Suffixes of the companies in a corporate group («Техснаб-Урал»).
#[rustfmt::skip]
pub(super) const GROUP_SUFFIXES: &[&str] = &[
    "Урал", "Нева", "Центр", "Логистик", "Трейд", "Сервис", "Юг", "Запад", "Инвест", "Строй", "Агро", "Ритейл",
    "Север", "Регион",
];

/// Streets for addresses.
#[rustfmt::skip]
pub(super) const STREETS: &[&str] = &[
    "ул. Ленина", "ул. Мира", "ул. Садовая", "ул. Промышленная", "ул. Заводская", "ул. Советская", "ул. Гагарина",
    "ул. Московская", "ул. Лесная", "ул. Строителей", "пр-т Победы", "ш. Энтузиастов", "наб. Речная",
    "ул. Складская", "ул. Индустриальная",
];

/// Positions of decision makers.
pub(super) const BOSS_POSITIONS: &[&str] = &[
    "Генеральный директор",
    "Коммерческий директор",
    "Директор по закупкам",
    "Собственник",
    "Исполнительный директор",
];

/// Other positions at a client.
#[rustfmt::skip]
pub(super) const POSITIONS: &[&str] = &[
    "Начальник отдела закупок", "Менеджер по закупкам", "Главный бухгалтер", "Главный инженер",
    "Руководитель склада", "Офис-менеджер", "Финансовый директор", "Юрист", "Логист", "Технический директор",
    "Категорийный менеджер",
];

/// Free e-mail services for entrepreneurs.
pub(super) const MAIL_SERVICES: &[&str] = &["mail.ru", "yandex.ru", "gmail.com", "bk.ru"];

/// Deal titles; the goods (genitive) follow.
pub(super) const DEAL_TITLES: &[&str] =
    &["Поставка", "Годовой контракт на поставку", "Пробная партия", "Допоставка", "Сезонная закупка"];

/// Activity texts by kind (call, e-mail, meeting, visit, proposal, note); `{g}` is the goods.
pub(super) const TEXTS: [&[&str]; 6] = [
    &[
        "Созвонились с закупщиком: обсудили потребность в поставках {g} на следующий квартал.",
        "Звонок: уточнили объёмы и сроки поставки {g}.",
        "Не дозвонился, оставил сообщение секретарю; перезвонить в четверг.",
        "Созвон по графику отгрузок: замечаний нет.",
        "Обсудили условия оплаты, клиент просит отсрочку 30 дней.",
        "Клиент сам позвонил: нужна срочная допоставка {g}.",
    ],
    &[
        "Отправил актуальный прайс-лист на поставку {g}.",
        "Письмо с презентацией компании и кейсами в сегменте.",
        "Ответил на вопросы по сертификатам и документам на поставку {g}.",
        "Направил акт сверки за прошлый месяц.",
        "Отправил график отгрузок на месяц.",
    ],
    &[
        "Встреча в офисе клиента: презентация ассортимента {g}.",
        "Онлайн-встреча: разбор претензии по последней поставке.",
        "Встреча с руководством клиента: планы на год и бюджет на закупку {g}.",
        "Встреча с закупщиком и главным инженером: согласовали спецификацию.",
    ],
    &[
        "Выезд на склад клиента, посмотрели условия хранения {g}.",
        "Визит вместе с логистом: согласовали окна приёмки.",
        "Посетил объект, собрал требования к поставке {g}.",
        "Привёз образцы {g}, показал технологу.",
    ],
    &[
        "Отправлено КП на поставку {g}.",
        "Подготовлено КП с учётом скидки за объём.",
        "Обновил КП: новые цены на {g} с первого числа.",
    ],
    &[
        "Клиент переезжает на новый склад в следующем месяце.",
        "У клиента сменился закупщик, нужно познакомиться с новым.",
        "Конкурент предложил цену ниже на 5%, клиент думает.",
        "Бюджет на закупку {g} утверждается в конце квартала.",
        "Клиент доволен качеством, готов обсуждать годовой контракт.",
    ],
];

/// Short outcomes of a touch.
pub(super) const OUTCOMES: &[&str] = &[
    "Интерес есть",
    "Нужна повторная встреча",
    "Ждём ответа",
    "Договорились о пробной поставке",
    "Отказ: нет бюджета",
    "Согласовали спецификацию",
    "Перезвонить через неделю",
    "Запросили образцы",
    "Передали вопрос юристам",
];

/// Why a deal was lost.
pub(super) const LOSS_REASONS: &[&str] = &[
    "цена выше, чем у конкурента",
    "бюджет перенесён на следующий год",
    "выбрали действующего поставщика",
    "не устроили сроки поставки",
    "проект заморожен",
];
