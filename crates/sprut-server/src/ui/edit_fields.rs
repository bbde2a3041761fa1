//! The fields of each record's form, named as the API names them, and the defaults of a new one.

use super::form::{field, required, Field, Input};
use super::i18n::{self, Txt};
use super::layout::Ctx;
use crate::api::records::ClientRecord;
use sprut_core::client::Tier;
use sprut_core::contact::{Contact, ContactFunction, ContactLevel};
use sprut_core::deal::{Deal, DealPhase, DealStage};
use sprut_core::employee::Language;
use sprut_core::receivable::Receivable;

/// A record kept under a client that the UI creates and changes with a form.
pub(crate) trait Editable: ClientRecord + serde::Serialize + Sync {
    /// Its fields, in the order shown.
    const FIELDS: &'static [Field];
    /// Its section of the card and of the paths (`/clients/{id}/deals/new`, `/deals/{id}/edit`).
    const SECTION: &'static str;
    /// The titles of its "new" and "edit" forms.
    fn titles(t: &Txt) -> (&'static str, &'static str);
    /// Fills what a new one starts with.
    fn defaults(_values: &mut super::form::Values, _ctx: &Ctx, _currency: &str) {}
}

/// Currencies offered; a record in another keeps its own.
fn currencies(_: Language) -> Vec<(&'static str, &'static str)> {
    ["RUB", "USD", "EUR", "CNY", "KZT", "BYN"].into_iter().map(|c| (c, c)).collect()
}

fn tiers(lang: Language) -> Vec<(&'static str, &'static str)> {
    Tier::ALL.iter().map(|t| (t.as_str(), i18n::tier(lang, *t))).collect()
}

fn languages(_: Language) -> Vec<(&'static str, &'static str)> {
    Language::ALL.iter().map(|l| (l.as_str(), i18n::language(*l))).collect()
}

fn levels(lang: Language) -> Vec<(&'static str, &'static str)> {
    ContactLevel::ALL.iter().map(|l| (l.as_str(), i18n::contact_level(lang, *l))).collect()
}

fn functions(lang: Language) -> Vec<(&'static str, &'static str)> {
    ContactFunction::ALL.iter().map(|f| (f.as_str(), i18n::contact_function(lang, *f))).collect()
}

fn stages(lang: Language) -> Vec<(&'static str, &'static str)> {
    DealStage::ALL.iter().map(|s| (s.as_str(), i18n::stage(lang, *s))).collect()
}

fn phases(lang: Language) -> Vec<(&'static str, &'static str)> {
    DealPhase::ALL.iter().map(|p| (p.as_str(), i18n::phase(lang, *p))).collect()
}

/// The client's form.
pub(crate) const CLIENT: &[Field] = &[
    required("name", |t| t.name, Input::Text),
    field("legal_id", |t| t.legal_id, Input::Text),
    field("tier", |t| t.tier, Input::Choice(tiers)),
    field("potential_minor", |t| t.potential, Input::Money),
    field("currency", |t| t.forms.currency, Input::Choice(currencies)),
    field("segment", |t| t.segment, Input::Text),
    field("region", |t| t.region, Input::Text),
    field("address", |t| t.address, Input::LongText),
    field("language", |t| t.forms.language, Input::Choice(languages)),
    field("channels", |t| t.channels, Input::Channels),
];

/// What a new client's form starts with.
pub(crate) fn client_defaults(values: &mut super::form::Values, currency: &str) {
    values.set("tier", Tier::Regular.as_str());
    values.set("currency", currency);
    values.set("language", Language::Ru.as_str());
}

impl Editable for Contact {
    const FIELDS: &'static [Field] = &[
        required("name", |t| t.person_name, Input::Text),
        field("position", |t| t.position, Input::Text),
        field("level", |t| t.forms.level, Input::Choice(levels)),
        field("function", |t| t.forms.function, Input::Choice(functions)),
        field("phones", |t| t.phones, Input::Many),
        field("emails", |t| t.emails, Input::Many),
        field("channels", |t| t.channels, Input::Channels),
        field("consent", |t| t.consent, Input::Check),
    ];
    const SECTION: &'static str = "contacts";
    fn titles(t: &Txt) -> (&'static str, &'static str) {
        (t.forms.new_contact, t.forms.edit_contact)
    }
}

impl Editable for Deal {
    const FIELDS: &'static [Field] = &[
        required("title", |t| t.title, Input::Text),
        required("stage", |t| t.stage, Input::Choice(stages)),
        required("phase", |t| t.forms.phase, Input::Choice(phases)),
        required("amount_minor", |t| t.amount, Input::Money),
        required("currency", |t| t.forms.currency, Input::Choice(currencies)),
        required("opened_on", |t| t.opened, Input::Date),
        field("expected_close_on", |t| t.forms.expected_close, Input::Date),
        field("closed_on", |t| t.closed, Input::Date),
        field("next_step.title", |t| t.forms.next_step, Input::Text),
        field("next_step.due_on", |t| t.forms.next_due, Input::Date),
    ];
    const SECTION: &'static str = "deals";
    fn titles(t: &Txt) -> (&'static str, &'static str) {
        (t.forms.new_deal, t.forms.edit_deal)
    }
    fn defaults(values: &mut super::form::Values, ctx: &Ctx, currency: &str) {
        values.set("stage", DealStage::Open.as_str());
        values.set("phase", DealPhase::New.as_str());
        values.set("currency", currency);
        values.set("opened_on", ctx.today.to_string());
    }
}

impl Editable for Receivable {
    const FIELDS: &'static [Field] = &[
        required("number", |t| t.number, Input::Text),
        required("amount_minor", |t| t.amount, Input::Money),
        required("currency", |t| t.forms.currency, Input::Choice(currencies)),
        required("issued_on", |t| t.issued, Input::Date),
        required("due_on", |t| t.due_on, Input::Date),
        field("paid_on", |t| t.paid, Input::Date),
    ];
    const SECTION: &'static str = "receivables";
    fn titles(t: &Txt) -> (&'static str, &'static str) {
        (t.forms.new_invoice, t.forms.edit_invoice)
    }
    fn defaults(values: &mut super::form::Values, ctx: &Ctx, currency: &str) {
        values.set("currency", currency);
        values.set("issued_on", ctx.today.to_string());
    }
}
