//! One engine for the forms that create and change records (clients, contacts, deals,
//! invoices): each form is a list of [`Field`]s named as the API's JSON names them, so the
//! typed values become the API's own request body, pass its validation and audit, and come back
//! with each error beside the field it names.

use super::i18n::{self, Txt};
use super::layout::{csrf_field, Ctx};
use super::Params;
use maud::{html, Markup};
use serde_json::{Map, Value};
use sprut_core::channel::{ChannelKind, ChannelLabel};
use sprut_core::employee::Language;
use sprut_core::{FieldError, Reason};
use std::collections::HashMap;

/// The parts of a channel a form carries: the three shown, and the column of the imported file
/// it came from, kept hidden so that an edit does not lose where a channel came from.
const CHANNEL_PARTS: [&str; 4] = ["kind", "label", "value", "source_column"];

/// The choices of a select: (value, its name in the page's language).
pub(crate) type Choices = fn(Language) -> Vec<(&'static str, &'static str)>;

/// What a field reads.
#[derive(Clone, Copy)]
pub(crate) enum Input {
    /// A line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A calendar date.
    Date,
    /// An amount of money as people type it (`1 234,56`), sent in minor units.
    Money,
    /// One of a few values; blank leaves it to the server.
    Choice(Choices),
    /// A tick.
    Check,
    /// Several values of one kind (phones, e-mails), one input each.
    Many,
    /// Phones, e-mails, sites and messengers, each with its kind and label.
    Channels,
}

/// One field of a form.
#[derive(Clone, Copy)]
pub(crate) struct Field {
    /// The API's name of the field (`next_step.due_on` for a member of an object).
    pub name: &'static str,
    /// Its label.
    pub label: fn(&Txt) -> &'static str,
    /// What it reads.
    pub input: Input,
    /// Whether it must be filled.
    pub required: bool,
}

/// A field that may be left blank.
pub(crate) const fn field(name: &'static str, label: fn(&Txt) -> &'static str, input: Input) -> Field {
    Field { name, label, input, required: false }
}

/// A field that must be filled.
pub(crate) const fn required(name: &'static str, label: fn(&Txt) -> &'static str, input: Input) -> Field {
    Field { name, label, input, required: true }
}

/// The values a form shows, by field name, as text (several for [`Input::Many`] and for each
/// part of [`Input::Channels`]).
#[derive(Debug, Default, Clone)]
pub(crate) struct Values(HashMap<String, Vec<String>>);

impl Values {
    /// The values as a record's JSON holds them (an edit form).
    pub(crate) fn of_record(fields: &[Field], record: &Value) -> Self {
        let mut v = Self::default();
        for f in fields {
            let at = f.name.split('.').try_fold(record, |r, k| r.get(k));
            let Some(at) = at else { continue };
            match (f.input, at) {
                (Input::Channels, Value::Array(items)) => {
                    for part in CHANNEL_PARTS {
                        let texts = items.iter().map(|c| c.get(part).and_then(Value::as_str).unwrap_or("").to_string());
                        v.0.insert(format!("{}.{part}", f.name), texts.collect());
                    }
                }
                (Input::Money, Value::Number(n)) => {
                    v.set(f.name, sprut_core::money::format_minor(n.as_i64().unwrap_or(0)))
                }
                (Input::Check, Value::Bool(b)) => v.set(f.name, if *b { "on" } else { "" }),
                (_, Value::Array(items)) => {
                    v.0.insert(f.name.into(), items.iter().filter_map(Value::as_str).map(str::to_string).collect());
                }
                (_, Value::String(s)) => v.set(f.name, s.clone()),
                (_, Value::Number(n)) => v.set(f.name, n.to_string()),
                _ => {}
            }
        }
        v
    }

    /// The values as a posted form sent them.
    pub(crate) fn of_params(fields: &[Field], params: &Params) -> Self {
        let mut v = Self::default();
        for f in fields {
            match f.input {
                Input::Channels => {
                    for part in CHANNEL_PARTS {
                        let name = format!("{}.{part}", f.name);
                        let all = params.all(&name).map(|s| s.trim().to_string()).collect();
                        v.0.insert(name, all);
                    }
                }
                Input::Many => {
                    v.0.insert(f.name.into(), params.all(f.name).map(|s| s.trim().to_string()).collect());
                }
                _ => v.set(f.name, params.get(f.name).unwrap_or("")),
            }
        }
        v
    }

    /// Sets one value (a default of a new record's form).
    pub(crate) fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.insert(name.into(), vec![value.into()]);
    }

    /// The one value of `name` (empty when none).
    pub(crate) fn one(&self, name: &str) -> &str {
        self.0.get(name).and_then(|v| v.first()).map_or("", String::as_str)
    }

    fn many(&self, name: &str) -> &[String] {
        self.0.get(name).map_or(&[], Vec::as_slice)
    }

    /// The request body these values make, with the errors of the values that do not read
    /// (a date, an amount, a required field left blank); blank optional fields are `null`.
    pub(crate) fn to_json(&self, fields: &[Field]) -> (Map<String, Value>, Vec<FieldError>) {
        let mut body = Map::new();
        let mut errors = Vec::new();
        let currency = self.one("currency");
        for f in fields {
            let text = self.one(f.name);
            let value = match f.input {
                Input::Check => Ok(Value::Bool(!text.is_empty())),
                Input::Many => Ok(Value::Array(
                    self.many(f.name).iter().filter(|s| !s.is_empty()).map(|s| Value::String(s.clone())).collect(),
                )),
                Input::Channels => Ok(self.channels(f.name)),
                _ if text.is_empty() && f.required && matches!(f.input, Input::Text | Input::LongText) => {
                    // The server names the empty text itself, with its other checks.
                    Ok(Value::String(String::new()))
                }
                _ if text.is_empty() => Err(f.required.then_some(Reason::Required)),
                Input::Date => sprut_core::import::parse_date(text)
                    .map(|d| Value::String(d.to_string()))
                    .map_err(|_| Some(Reason::Date { value: text.to_string() })),
                Input::Money => money(text, currency).map(Value::from).map_err(Some),
                Input::Text | Input::LongText | Input::Choice(_) => Ok(Value::String(text.to_string())),
            };
            match value {
                Ok(v) => put(&mut body, f.name, v),
                Err(Some(reason)) => errors.push(FieldError::new(f.name, reason)),
                Err(None) => put(&mut body, f.name, Value::Null),
            }
        }
        (body, errors)
    }

    fn channels(&self, name: &str) -> Value {
        let part = |p: &str| self.many(&format!("{name}.{p}")).to_vec();
        let (kinds, labels, values, sources) = (part("kind"), part("label"), part("value"), part("source_column"));
        let rows = values.iter().enumerate().filter(|(_, v)| !v.is_empty()).map(|(i, v)| {
            let pick = |list: &[String], default: &str| {
                list.get(i).filter(|s| !s.is_empty()).cloned().unwrap_or(default.into())
            };
            let source = sources.get(i).filter(|s| !s.is_empty());
            serde_json::json!({
                "kind": pick(&kinds, "phone"), "label": pick(&labels, "work"), "value": v, "source_column": source
            })
        });
        Value::Array(rows.collect())
    }
}

/// Reads an amount as typed; a currency written with it must be the form's.
fn money(text: &str, currency: &str) -> Result<i64, Reason> {
    let m = sprut_core::import::parse_money(text)?;
    match m.currency {
        Some(c) if !currency.is_empty() && !c.as_str().eq_ignore_ascii_case(currency) => {
            Err(Reason::Amount { value: text.to_string() })
        }
        _ => Ok(m.minor),
    }
}

/// Puts `value` at `name` in `body`, a dotted name into a member of an object; an object whose
/// members are all blank is left out (a next step not given).
fn put(body: &mut Map<String, Value>, name: &str, value: Value) {
    match name.split_once('.') {
        None => {
            body.insert(name.into(), value);
        }
        Some((outer, inner)) => {
            let slot = body.entry(outer).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = slot {
                m.insert(inner.into(), value);
            }
        }
    }
}

/// Drops the objects whose members are all blank, and names the blank member of an object
/// partly filled (a next step with a title but no date).
pub(crate) fn settle(body: &mut Map<String, Value>, errors: &mut Vec<FieldError>) {
    let objects: Vec<String> = body.iter().filter(|(_, v)| v.is_object()).map(|(k, _)| k.clone()).collect();
    for key in objects {
        let Some(Value::Object(m)) = body.get(&key) else { continue };
        let blank = |v: &Value| v.is_null() || v.as_str() == Some("");
        if m.values().all(blank) {
            body.remove(&key);
        } else {
            let missing = m.iter().filter(|(_, v)| blank(v)).map(|(k, _)| format!("{key}.{k}"));
            errors.extend(missing.map(|f| FieldError::new(f, Reason::Required)));
        }
    }
}

/// What a form page shows: its title, where it posts, its fields with their values and errors,
/// and where "cancel" goes.
pub(crate) struct FormPage<'a> {
    /// The form's heading.
    pub title: &'a str,
    /// Where it posts.
    pub action: &'a str,
    /// Where "cancel" leads.
    pub back: &'a str,
    /// The fields, in order.
    pub fields: &'a [Field],
    /// The values shown.
    pub values: &'a Values,
    /// What is wrong, by field.
    pub errors: &'a [FieldError],
    /// A problem with the whole form (refused by a rule or a conflict), in the user's words.
    pub problem: Option<&'a str>,
}

/// The form.
pub(crate) fn render(ctx: &Ctx, p: &FormPage) -> Markup {
    let t = ctx.t;
    let error_of = |name: &str| {
        p.errors.iter().filter(|e| e.field == name).map(|e| i18n::reason(ctx.lang, &e.reason)).collect::<Vec<_>>()
    };
    let shown = |e: &&FieldError| p.fields.iter().any(|f| f.name == e.field);
    let others: Vec<String> = p
        .errors
        .iter()
        .filter(|e| !shown(e))
        .map(|e| format!("{}: {}", e.field, i18n::reason(ctx.lang, &e.reason)))
        .chain(p.problem.map(str::to_string))
        .collect();
    html! {
        nav.crumbs { a href=(p.back) { "← " (t.forms.back) } }
        h1 { (p.title) }
        @if !p.errors.is_empty() || p.problem.is_some() {
            p.field-error role="alert" { (t.fix_errors) }
        }
        @for o in &others { p.field-error { (o) } }
        form.card.record-form method="post" action=(p.action) novalidate {
            (csrf_field(ctx))
            @for f in p.fields {
                @let id = f.name.replace('.', "-");
                @let errs = error_of(f.name);
                div.field {
                    @match f.input {
                        Input::Check => {
                            label.check {
                                input type="checkbox" name=(f.name) id=(id) checked[!p.values.one(f.name).is_empty()];
                                (label_text(t, f))
                            }
                        }
                        _ => { label for=(id) { (label_text(t, f)) } (control(ctx, f, &id, p.values, !errs.is_empty())) }
                    }
                    @for e in errs { span.field-error { (e) } }
                }
            }
            div.actions {
                button.btn.btn-primary type="submit" { (t.save) }
                " " a href=(p.back) { (t.forms.cancel) }
            }
        }
    }
}

fn label_text(t: &Txt, f: &Field) -> String {
    if f.required {
        format!("{} *", (f.label)(t))
    } else {
        (f.label)(t).to_string()
    }
}

/// The input of one field.
fn control(ctx: &Ctx, f: &Field, id: &str, values: &Values, invalid: bool) -> Markup {
    let value = values.one(f.name);
    let invalid = invalid.then_some("true");
    match f.input {
        Input::Text => html! { input type="text" name=(f.name) id=(id) value=(value) aria-invalid=[invalid]; },
        Input::LongText => html! { textarea name=(f.name) id=(id) rows="3" aria-invalid=[invalid] { (value) } },
        Input::Date => html! { input type="date" name=(f.name) id=(id) value=(value) aria-invalid=[invalid]; },
        Input::Money => html! {
            input type="text" inputmode="decimal" name=(f.name) id=(id) value=(value) placeholder="1 234,56" aria-invalid=[invalid];
        },
        Input::Check => html! {},
        Input::Choice(choices) => {
            let options = choices(ctx.lang);
            // A value the list does not offer (a currency of an import) stays chosen.
            let other = (!value.is_empty() && !options.iter().any(|(v, _)| *v == value)).then_some(value);
            html! {
                select name=(f.name) id=(id) aria-invalid=[invalid] {
                    @if !f.required { option value="" { "—" } }
                    @for (v, name) in options { option value=(v) selected[v == value] { (name) } }
                    @if let Some(v) = other { option value=(v) selected { (v) } }
                }
            }
        }
        Input::Many => {
            let typed = values.many(f.name);
            let shown = typed.iter().filter(|s| !s.is_empty()).cloned().chain(std::iter::repeat_n(String::new(), 2));
            html! {
                div.many id=(id) {
                    @for (i, v) in shown.enumerate() {
                        input type="text" name=(f.name) value=(v) aria-label=(format!("{} {}", (f.label)(ctx.t), i + 1));
                    }
                }
            }
        }
        Input::Channels => channels(ctx, f.name, id, values),
    }
}

/// The rows of channels: those kept, then two blank ones.
fn channels(ctx: &Ctx, name: &str, id: &str, values: &Values) -> Markup {
    let part = |p: &str| values.many(&format!("{name}.{p}")).to_vec();
    let (kinds, labels, texts, sources) = (part("kind"), part("label"), part("value"), part("source_column"));
    let at = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
    let rows: Vec<[String; 4]> = (0..texts.len())
        .filter(|i| !texts[*i].is_empty())
        .map(|i| [at(&kinds, i), at(&labels, i), texts[i].clone(), at(&sources, i)])
        .chain(std::iter::repeat_n(Default::default(), 2))
        .collect();
    html! {
        div.many id=(id) {
            @for [kind, label, text, source] in rows {
                div.inline-form {
                    input type="hidden" name=(format!("{name}.source_column")) value=(source);
                    select name=(format!("{name}.kind")) aria-label=(ctx.t.kind) {
                        @for k in ChannelKind::ALL {
                            option value=(k.as_str()) selected[k.as_str() == kind] { (i18n::channel(ctx.lang, *k, ChannelLabel::Work)) }
                        }
                    }
                    select name=(format!("{name}.label")) aria-label=(ctx.t.forms.line) {
                        @for l in ChannelLabel::ALL {
                            option value=(l.as_str()) selected[l.as_str() == label] { (i18n::channel_label(ctx.lang, *l)) }
                        }
                    }
                    input type="text" name=(format!("{name}.value")) value=(text) aria-label=(ctx.t.channels);
                }
            }
        }
    }
}
