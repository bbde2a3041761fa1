//! Plausible records that belong to nobody: the canary rows of exported files. The word lists
//! are small on purpose; what makes a canary unique is its random tax id, phone and e-mail.

use crate::client::inn_from_prefix;
use crate::seeded::Rng;

/// A made-up client with a contact, a deal and an activity, all looking like real ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeRecord {
    /// Company name with its legal form.
    pub company: String,
    /// A valid 10-digit ИНН.
    pub legal_id: String,
    /// Region.
    pub region: String,
    /// Segment.
    pub segment: String,
    /// Address.
    pub address: String,
    /// The contact person's full name.
    pub person: String,
    /// The contact's position.
    pub position: String,
    /// Mobile phone.
    pub phone: String,
    /// E-mail at the company's domain.
    pub email: String,
    /// A deal title.
    pub deal_title: String,
    /// A deal amount, minor units.
    pub amount_minor: i64,
    /// An activity text.
    pub activity_text: String,
}

/// Regions: name, first two digits of local tax ids, the town of addresses.
const REGIONS: [(&str, u64, &str); 6] = [
    ("Москва", 77, "г. Москва"),
    ("Московская область", 50, "Московская обл., г. Химки"),
    ("Санкт-Петербург", 78, "г. Санкт-Петербург"),
    ("Ленинградская область", 47, "Ленинградская обл., г. Гатчина"),
    ("Свердловская область", 66, "г. Екатеринбург"),
    ("Челябинская область", 74, "г. Челябинск"),
];

/// Segments with goods in the genitive, as deal titles use them.
const SEGMENTS: [(&str, &str); 6] = [
    ("Дистрибуция", "упаковочных материалов"),
    ("Производство", "металлопроката"),
    ("HoReCa", "профессиональной посуды"),
    ("Розница", "торгового оборудования"),
    ("Строительство", "сухих смесей"),
    ("Логистика", "стрейч-плёнки"),
];

/// Company names with the Latin spelling of their web domain.
#[rustfmt::skip]
const BRANDS: &[(&str, &str)] = &[
    ("Техснаб", "tekhsnab"), ("Вега", "vega"), ("Орион", "orion"), ("Гранит", "granit"), ("Меридиан", "meridian"),
    ("Атлант", "atlant"), ("Горизонт", "gorizont"), ("Спектр", "spektr"), ("Эталон", "etalon"),
    ("Промресурс", "promresurs"), ("Стройкомплект", "stroykomplekt"), ("Уралтрейд", "uraltreyd"),
    ("Северный ветер", "severnyveter"), ("Кристалл", "kristall"), ("Магистраль", "magistral"), ("Ладога", "ladoga"),
];

/// Surnames with their Latin spelling; a woman's takes «а».
#[rustfmt::skip]
const SURNAMES: &[(&str, &str)] = &[
    ("Смирнов", "smirnov"), ("Кузнецов", "kuznetsov"), ("Попов", "popov"), ("Соколов", "sokolov"),
    ("Лебедев", "lebedev"), ("Новиков", "novikov"), ("Морозов", "morozov"), ("Волков", "volkov"),
    ("Зайцев", "zaytsev"), ("Павлов", "pavlov"), ("Семёнов", "semenov"), ("Голубев", "golubev"),
];

/// First names with the Latin initial, men's then women's.
const MEN: &[(&str, &str)] = &[("Алексей", "a"), ("Дмитрий", "d"), ("Сергей", "s"), ("Игорь", "i"), ("Михаил", "m")];
/// Women's first names with the Latin initial.
const WOMEN: &[(&str, &str)] = &[("Анна", "a"), ("Елена", "e"), ("Ольга", "o"), ("Татьяна", "t"), ("Марина", "m")];
/// Patronymics in the masculine; the feminine swaps «ич» for «на».
const PATRONYMICS: &[&str] = &["Викторович", "Андреевич", "Николаевич", "Сергеевич", "Петрович", "Юрьевич"];

/// Streets for addresses.
const STREETS: &[&str] = &["ул. Ленина", "ул. Садовая", "ул. Промышленная", "пр-т Победы", "ул. Складская"];
/// Positions of buyers.
const POSITIONS: &[&str] = &["Директор по закупкам", "Коммерческий директор", "Менеджер по закупкам"];
/// Mobile operator codes.
const MOBILE_CODES: &[&str] = &["903", "905", "909", "915", "916", "921", "926", "977", "985"];
/// Deal titles; the goods follow.
const DEAL_TITLES: &[&str] = &["Поставка", "Годовой контракт на поставку", "Пробная партия", "Допоставка"];

/// The fake record of `seed`: the same seed always gives the same record.
pub fn fake_record(seed: u64) -> FakeRecord {
    let mut rng = Rng::stream(seed, 0xCA7A);
    let (region, tax_code, town) = *rng.pick(&REGIONS);
    let (segment, goods) = *rng.pick(&SEGMENTS);
    let (brand, domain) = *rng.pick(BRANDS);
    let (surname, surname_latin) = *rng.pick(SURNAMES);
    let patronymic = *rng.pick(PATRONYMICS);
    let person = if rng.chance(0.5) {
        let (first, initial) = *rng.pick(WOMEN);
        let feminine = patronymic.strip_suffix("ич").map_or_else(|| patronymic.to_string(), |s| format!("{s}на"));
        (format!("{surname}а {first} {feminine}"), format!("{initial}.{surname_latin}a"))
    } else {
        let (first, initial) = *rng.pick(MEN);
        (format!("{surname} {first} {patronymic}"), format!("{initial}.{surname_latin}"))
    };
    let prefix = tax_code * 10_000_000 + rng.int(0, 9_999_999) as u64;
    let phone =
        format!("+7 {} {:03}-{:02}-{:02}", rng.pick(MOBILE_CODES), rng.int(100, 999), rng.int(0, 99), rng.int(0, 99));
    FakeRecord {
        company: format!("ООО «{brand}»"),
        legal_id: inn_from_prefix(prefix),
        region: region.to_string(),
        segment: segment.to_string(),
        address: format!("{town}, {}, д. {}", rng.pick(STREETS), rng.int(1, 120)),
        person: person.0,
        position: rng.pick(POSITIONS).to_string(),
        phone,
        email: format!("{}@{domain}.ru", person.1),
        deal_title: format!("{} {goods}", rng.pick(DEAL_TITLES)),
        amount_minor: rng.int(1_500, 90_000) * 100_00 + rng.int(1, 99) * 100,
        activity_text: format!("Созвонились с закупщиком: обсудили поставки {goods} на следующий квартал."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_records_are_plausible_and_stable() {
        let a = fake_record(42);
        assert_eq!(a, fake_record(42));
        assert_ne!(a.legal_id, fake_record(43).legal_id);
        assert!(crate::client::check_legal_id(&a.legal_id).is_ok());
        assert!(crate::validate::is_email(&a.email), "{}", a.email);
        assert!(a.company.starts_with("ООО «"));
    }
}
