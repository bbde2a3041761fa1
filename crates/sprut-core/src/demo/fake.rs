//! Plausible records that belong to nobody: the canary rows of exported files.

use super::clients::address;
use super::contacts::seven_digits;
use super::names::{brand, translit, Person, DEAL_TITLES, REGIONS, SEGMENTS, TEXTS};
use super::rng::Rng;
use crate::client::inn_from_prefix;

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

/// The fake record of `seed`: the same seed always gives the same record.
pub fn fake_record(seed: u64) -> FakeRecord {
    let mut rng = Rng::stream(seed, 0xCA7A);
    let region = rng.below(REGIONS.len());
    let segment = rng.below(SEGMENTS.len());
    let name = brand(&mut rng, segment);
    let person = Person::random(&mut rng, 0.5);
    let prefix = REGIONS[region].tax_code * 10_000_000 + rng.int(0, 9_999_999) as u64;
    let goods = rng.pick(&SEGMENTS[segment].goods).to_string();
    let domain = format!("{}.ru", translit(&name));
    let code = rng.pick(&["903", "905", "909", "915", "916", "921", "926", "977", "985"]).to_string();
    FakeRecord {
        company: format!("ООО «{name}»"),
        legal_id: inn_from_prefix(prefix),
        region: REGIONS[region].name.to_string(),
        segment: SEGMENTS[segment].name.to_string(),
        address: address(&mut rng, region),
        person: person.full(),
        position: rng.pick(&["Директор по закупкам", "Коммерческий директор", "Менеджер по закупкам"]).to_string(),
        phone: format!("+7 {code} {}", seven_digits(&mut rng)),
        email: format!("{}@{domain}", person.dotted()),
        deal_title: format!("{} {goods}", rng.pick(DEAL_TITLES)),
        amount_minor: rng.int(1_500, 90_000) * 100_00 + rng.int(1, 99) * 100,
        activity_text: rng.pick(TEXTS[0]).replace("{g}", &goods),
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
