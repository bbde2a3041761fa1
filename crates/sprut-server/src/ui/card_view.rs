//! The markup of the client card: details, holder, history and the records around the client.

use super::card::CardData;
use super::clients::tier_badge;
use super::format::{self, date, opt_date};
use super::i18n;
use super::layout::{csrf_field, Ctx};
use super::name_of;
use maud::{html, Markup};
use sprut_core::activity::ActivityKind;
use sprut_core::assignment::{Assignment, AssignmentKind};
use sprut_core::channel::{Channel, ChannelKind};
use sprut_core::client::ClientStatus;
use sprut_core::contact::ContactLevel;
use sprut_core::deal::DealStage;
use sprut_core::rules::why::RuleWhy;
use sprut_core::FieldError;

/// The fields the activity form shows its errors beside.
const FIELDS: &[&str] = &["kind", "text", "outcome", "occurred_at", "next_step.title", "next_step.due_on"];

/// What the activity form holds when it is shown again: the values typed and their errors.
#[derive(Debug, Default)]
pub(crate) struct ActivityForm {
    /// Kind as sent.
    pub kind: String,
    /// Text as sent.
    pub text: String,
    /// Outcome as sent.
    pub outcome: String,
    /// When it happened, as a date-and-time field sent it (blank: now).
    pub occurred_at: String,
    /// The client's contacts ticked.
    pub contact_ids: Vec<String>,
    /// Our people ticked.
    pub participant_ids: Vec<String>,
    /// The next step as typed.
    pub next_step: String,
    /// Its date as sent.
    pub next_due: String,
    /// Ticked as the head's quarterly meeting: the checklist below is kept with it.
    pub head_meeting: bool,
    /// Checklist: decision makers met in person.
    pub dm_met: bool,
    /// Checklist: contacts confirmed.
    pub contacts_confirmed: bool,
    /// Checklist: what the client said about the company.
    pub client_says: String,
    /// What is wrong, per field.
    pub errors: Vec<FieldError>,
    /// An activity was just saved.
    pub saved: bool,
    /// A client or a record was just saved through its own form.
    pub changed: bool,
}

impl ActivityForm {
    /// The form as `params` filled it.
    pub fn typed(params: &super::Params) -> Self {
        let text = |name: &str| params.get(name).unwrap_or("").to_string();
        let ticked = |name: &str| params.all(name).map(str::to_string).collect();
        Self {
            kind: text("kind"),
            text: text("text"),
            outcome: text("outcome"),
            occurred_at: text("occurred_at"),
            contact_ids: ticked("contact_ids"),
            participant_ids: ticked("participant_ids"),
            next_step: text("next_step"),
            next_due: text("next_due"),
            head_meeting: params.get("head_meeting").is_some(),
            dm_met: params.get("dm_met").is_some(),
            contacts_confirmed: params.get("contacts_confirmed").is_some(),
            client_says: text("client_says"),
            ..Self::default()
        }
    }

    /// The error of one field, in the page's language.
    fn error(&self, ctx: &Ctx, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| i18n::reason(ctx.lang, &e.reason))
    }

    /// Errors about fields the form does not show.
    fn other_errors(&self) -> impl Iterator<Item = &FieldError> {
        self.errors.iter().filter(|e| !FIELDS.contains(&e.field.as_str()))
    }
}

/// The whole card.
pub(crate) fn card(ctx: &Ctx, d: &CardData, form: &ActivityForm) -> Markup {
    let t = ctx.t;
    let c = &d.item.client;
    html! {
        nav.crumbs { a href="/clients" { "← " (t.nav_clients) } }
        div.page-head.card-head {
            h1 #client-name { (c.name) }
            (tier_badge(ctx, c.tier))
            @if c.status == ClientStatus::Archived {
                span.badge.status-archived { (i18n::client_status(ctx.lang, c.status)) }
            }
            @if d.may_edit { a.btn #edit-client href={ "/clients/" (c.id) "/edit" } { (t.forms.edit_client) } }
        }
        @if form.changed { p.alert.alert-ok role="status" { (t.forms.saved) } }
        nav.section-links {
            a href="#history" { (t.history) }
            a href="#contacts" { (t.contacts) " " span.count { (d.contacts.len()) } }
            a href="#relationships" { (t.octopus.title) " " span.count { (d.map.coverage.score) } }
            a href="#deals" { (t.deals) " " span.count { (d.deals.len()) } }
            a href="#next-steps" { (t.workday.next_steps) " " span.count { (d.tasks.len()) } }
            a href="#activities" { (t.activities) " " span.count { (d.activities.len()) } }
            a href="#receivables" { (t.receivables) " " span.count { (d.receivables.len()) } }
            a href="#account-team" { (t.account_team) }
        }
        div.card-top {
            (details(ctx, d))
            (holder_box(ctx, d))
        }
        (history(ctx, d))
        (super::card_rotation::decisions(ctx, d))
        (contacts(ctx, d))
        (super::card_octopus::relationships(ctx, &d.map, &d.people))
        (super::meeting_requests::card_section(ctx, c.id, &d.requests, d.may_ask))
        (super::surveys::card_section(ctx, c.id, &d.surveys, d.may_survey, &d.contacts.iter().map(|k| (k.id, k.name.clone())).collect()))
        (deals(ctx, d))
        (next_steps(ctx, d))
        (activities(ctx, d, form))
        (receivables(ctx, d))
        (account_team(ctx, d))
    }
}

/// Name, tax id, segment, region, potential, status, address and the corporate group.
fn details(ctx: &Ctx, d: &CardData) -> Markup {
    let t = ctx.t;
    let c = &d.item.client;
    let parent: Vec<_> = d.group.iter().filter(|(g, _)| Some(g.id) == c.parent_id).collect();
    let others: Vec<_> = d.group.iter().filter(|(g, _)| Some(g.id) != c.parent_id).collect();
    let link = |g: &sprut_core::client::Client, open: bool| {
        html! { @if open { a href={ "/clients/" (g.id) } { (g.name) } } @else { span { (g.name) } } }
    };
    html! {
        section.card.details #details {
            h2 { (t.details) }
            dl.facts {
                dt { (t.legal_id) } dd.mono { (c.legal_id.as_deref().unwrap_or("—")) }
                dt { (t.segment) } dd { (c.segment.as_deref().unwrap_or("—")) }
                dt { (t.region) } dd { (c.region.as_deref().unwrap_or("—")) }
                dt { (t.tier) } dd { (tier_badge(ctx, c.tier)) }
                dt { (t.potential) } dd { (format::money(c.potential_minor, &c.currency)) }
                dt { (t.status) } dd { (i18n::client_status(ctx.lang, c.status)) }
                dt { (t.address) } dd { (c.address.as_deref().unwrap_or("—")) }
                @if !c.channels.is_empty() {
                    dt { (ctx.t.channels) }
                    dd #client-channels { (channel_list(ctx, &c.channels)) }
                }
                @if !parent.is_empty() {
                    dt { (t.parent) }
                    dd { @for (g, open) in &parent { (link(g, *open)) } }
                }
                @if !others.is_empty() {
                    dt { @if c.parent_id.is_some() { (t.group) } @else { (t.children) } }
                    dd.group-list { @for (g, open) in &others { span { (link(g, *open)) } } }
                }
            }
            @if !c.extra.is_empty() {
                h3 #from-import { (ctx.t.from_import) }
                (extra_fields(&c.extra))
            }
        }
    }
}

/// Channels one per line: what it is, the value as written (a link where it can be one), and
/// the column of the file it came from.
fn channel_list(ctx: &Ctx, channels: &[Channel]) -> Markup {
    html! {
        ul.channels { @for ch in channels { li {
            span.muted.small { (i18n::channel(ctx.lang, ch.kind, ch.label)) ": " }
            @match (ch.kind, &ch.e164) {
                (ChannelKind::Phone, Some(e)) => a href={ "tel:" (e) } { (ch.value) },
                (ChannelKind::Email, _) => a href={ "mailto:" (ch.value) } { (ch.value) },
                _ => span { (ch.value) },
            }
            @if let Some(col) = &ch.source_column { " " span.muted.small { "(" (col) ")" } }
        } } }
    }
}

/// Columns of an imported file that map to no field, by title.
fn extra_fields(extra: &sprut_core::ExtraFields) -> Markup {
    html! { dl.facts.extra-fields { @for (k, v) in extra { dt { (k) } dd { (v) } } } }
}

/// The current holder: who, how, since when and until when.
fn holder_box(ctx: &Ctx, d: &CardData) -> Markup {
    let t = ctx.t;
    let open: Option<&Assignment> = d.history.iter().rev().find(|a| a.ended_on.is_none());
    html! {
        section.card.holder-box #holder {
            h2 { (t.current_holder) }
            @match &d.item.holder {
                Some(h) => {
                    p.holder-name { (h.name) }
                    @if let Some(a) = open {
                        p { span class={ "badge kind-" (a.kind.as_str()) } { (i18n::assignment_kind(ctx.lang, a.kind)) } }
                    }
                    p { (t.since) " " (date(ctx.lang, h.since))
                        " · " (format::days_between(h.since, ctx.today)) " " (t.days_short) }
                    @if let Some(due) = open.and_then(|a| a.due_on) {
                        @let left = format::days_between(ctx.today, due);
                        p {
                            (t.due) " " (date(ctx.lang, due)) " "
                            @if left < 0 { span.badge.bad { (t.overdue) " " (-left) " " (t.days_short) } }
                            @else { span.muted { "(" (left) " " (t.days_short) ")" } }
                        }
                    }
                    @if let Some(a) = open { p.muted.small { (stated(ctx, a.why.as_ref(), &a.explanation)) } }
                }
                None => p.muted { (t.no_holder) },
            }
        }
    }
}

/// Why a holding started or ended: the rule in the reader's language, else the line as it was
/// written (a person's words, or an English line of the rules).
pub(super) fn stated(ctx: &Ctx, why: Option<&RuleWhy>, text: &str) -> Markup {
    said_or_written(why.and_then(|w| i18n::rule_why(ctx.lang, w)), text)
}

/// A reason said in the reader's language when it could be, else `text` marked as written.
pub(super) fn said_or_written(said: Option<String>, text: &str) -> Markup {
    match said {
        Some(said) => html! { span { (said) } },
        None => html! { span.as-written { (text) } },
    }
}

/// The holding history, oldest first, so the story reads top to bottom.
fn history(ctx: &Ctx, d: &CardData) -> Markup {
    let t = ctx.t;
    html! {
        section.block #history {
            h2 { (t.history) }
            @if d.history.is_empty() { p.muted { (t.none_yet) } } @else {
                div.table-wrap { table.grid {
                    thead { tr {
                        th { (t.holder) } th { (t.kind) } th { (t.from) } th { (t.to) }
                        th { (t.end_reason) } th { (t.decided_by) } th { (t.explanation) }
                    } }
                    tbody { @for a in &d.history {
                        tr.current[a.ended_on.is_none()] {
                            td { (name_of(&d.people, a.employee_id)) }
                            td { span class={ "badge kind-" (a.kind.as_str()) } { (i18n::assignment_kind(ctx.lang, a.kind)) } }
                            td.nowrap { (date(ctx.lang, a.started_on)) }
                            td.nowrap { @match a.ended_on { Some(e) => (date(ctx.lang, e)), None => span.muted { (t.now_held) } } }
                            td { @if let Some(r) = a.end_reason { (i18n::end_reason(ctx.lang, r)) } }
                            td { @match a.decided_by { Some(id) => (name_of(&d.people, id)), None => span.muted { (t.system) } } }
                            td.explain { (stated(ctx, a.why.as_ref(), &a.explanation))
                                @if a.kind == AssignmentKind::Development {
                                    @if let Some(due) = a.due_on { br; span.muted.small { (t.due) " " (date(ctx.lang, due)) } }
                                }
                                @if let Some(end) = &a.end_explanation {
                                    br; span.end-note { "→ " (stated(ctx, a.end_why.as_ref(), end)) }
                                }
                            }
                        }
                    } }
                } }
            }
        }
    }
}

/// The people at the client.
fn contacts(ctx: &Ctx, d: &CardData) -> Markup {
    let t = ctx.t;
    html! {
        section.block #contacts {
            h2 { (t.contacts) }
            @if d.may_add.contacts { (add_link(d, "contacts", t.forms.new_contact)) }
            @if d.contacts.is_empty() { p.muted { (t.none_yet) } } @else {
                div.table-wrap { table.grid {
                    thead { tr {
                        th { (t.person_name) } th { (t.position) } th { (t.phones) } th { (t.emails) }
                        th { (ctx.t.more) } th { (t.consent) } th { (t.verified) }
                        @if d.may_add.contacts { th {} }
                    } }
                    tbody { @for c in &d.contacts { tr {
                        td {
                            (c.name)
                            @if c.decision_maker { " " span.badge.dm { (t.decision_maker) } }
                            @else if c.level != ContactLevel::Other { br; span.muted.small { (i18n::contact_level(ctx.lang, c.level)) } }
                        }
                        td { (c.position.as_deref().unwrap_or("")) }
                        td.nowrap { @for p in &c.phones { a href={ "tel:" (p) } { (p) } br; } }
                        td { @for e in &c.emails { a href={ "mailto:" (e) } { (e) } br; } }
                        td.contact-more {
                            @if !c.channels.is_empty() { (channel_list(ctx, &c.channels)) }
                            @if !c.extra.is_empty() { (extra_fields(&c.extra)) }
                        }
                        td { @if c.consent { span.badge.good { (t.yes) } } @else { span.badge.muted-badge { (t.no) } } }
                        td.nowrap { @match c.verified_at {
                            Some(at) => {
                                (date(ctx.lang, ctx.day_of(at)))
                                @if let Some(by) = c.verified_by { br; span.muted.small { (name_of(&d.people, by)) } }
                            }
                            None => span.muted { (t.no) },
                        } }
                        @if d.may_add.contacts { td { (edit_link(ctx, "contacts", c.id)) } }
                    } } }
                } }
            }
        }
    }
}

/// The link to a new record of the client under `section`.
fn add_link(d: &CardData, section: &str, label: &str) -> Markup {
    html! { p { a.btn.add-record href={ "/clients/" (d.item.client.id) "/" (section) "/new" } { "+ " (label) } } }
}

/// The link to the form of record `id` under `section`.
fn edit_link(ctx: &Ctx, section: &str, id: impl std::fmt::Display) -> Markup {
    html! { a.edit-record href={ "/" (section) "/" (id) "/edit" } title=(ctx.t.forms.edit) aria-label=(ctx.t.forms.edit) { "✎" } }
}

/// The badge of a deal stage.
fn stage_badge(ctx: &Ctx, stage: DealStage) -> Markup {
    html! { span class={ "badge stage-" (stage.as_str()) } { (i18n::stage(ctx.lang, stage)) } }
}

/// Deals with the client.
fn deals(ctx: &Ctx, d: &CardData) -> Markup {
    let t = ctx.t;
    html! {
        section.block #deals {
            h2 { (t.deals) }
            @if d.may_add.deals { (add_link(d, "deals", t.forms.new_deal)) }
            @if d.deals.is_empty() { p.muted { (t.none_yet) } } @else {
                div.table-wrap { table.grid {
                    thead { tr {
                        th { (t.title) } th { (t.stage) } th.num { (t.amount) } th { (t.opened) }
                        th { (t.closed) } th { (ctx.t.owner) } th { (t.credited_to) }
                        th { (ctx.t.from_import) }
                        @if d.may_add.deals { th {} }
                    } }
                    tbody { @for deal in &d.deals { tr {
                        td { (deal.title) }
                        td {
                            (stage_badge(ctx, deal.stage))
                            @if deal.stage == DealStage::Open { br; span.muted.small { (i18n::phase(ctx.lang, deal.phase)) } }
                        }
                        td.num { (format::money(deal.amount_minor, &deal.currency)) }
                        td.nowrap { (date(ctx.lang, deal.opened_on)) }
                        td.nowrap {
                            @match (deal.closed_on, deal.expected_close_on) {
                                (Some(closed), _) => (date(ctx.lang, closed)),
                                (None, Some(expected)) => span.muted[expected >= ctx.today].badge[expected < ctx.today].bad[expected < ctx.today]
                                    title=(t.forms.expected_close) { "≈ " (date(ctx.lang, expected)) },
                                (None, None) => (opt_date(ctx.lang, None)),
                            }
                        }
                        td { @if let Some(id) = deal.owner_id { (name_of(&d.people, id)) } }
                        td { @if let Some(id) = deal.credited_to { (name_of(&d.people, id)) } }
                        td.deal-extra { @if !deal.extra.is_empty() { (extra_fields(&deal.extra)) } }
                        @if d.may_add.deals { td { (edit_link(ctx, "deals", deal.id)) } }
                    } } }
                } }
            }
        }
    }
}

/// Touches, newest first, with the form to log one.
fn activities(ctx: &Ctx, d: &CardData, form: &ActivityForm) -> Markup {
    let t = ctx.t;
    html! {
        section.block #activities {
            h2 { (t.activities) }
            @if form.saved { p.alert.alert-ok role="status" { (t.activity_saved) } }
            @if d.may_log { (activity_form(ctx, d, form)) }
            @if d.activities.is_empty() { p.muted { (t.none_yet) } } @else {
                div.table-wrap { table.grid.activities {
                    thead { tr { th { (t.date) } th { (t.kind) } th { (t.author) } th { (t.outcome) } th { (t.text) } } }
                    tbody { @for a in &d.activities { tr {
                        td.nowrap { (date(ctx.lang, ctx.day_of(a.occurred_at))) }
                        td { span.badge.activity { (i18n::activity_kind(ctx.lang, a.kind)) } }
                        td {
                            @match a.author_id { Some(id) => (name_of(&d.people, id)), None => span.muted { (t.system) } }
                            @for p in &a.participant_ids { br; span.small { (name_of(&d.people, *p)) } }
                        }
                        td { (a.outcome.as_deref().unwrap_or("")) }
                        td.explain {
                            (a.text)
                            @if !a.extra.is_empty() { (extra_fields(&a.extra)) }
                        }
                    } } }
                } }
            }
        }
    }
}

/// The small form to log a touch.
fn activity_form(ctx: &Ctx, d: &CardData, form: &ActivityForm) -> Markup {
    let t = ctx.t;
    let kind_error = form.error(ctx, "kind");
    let text_error = form.error(ctx, "text");
    let outcome_error = form.error(ctx, "outcome");
    let when_error = form.error(ctx, "occurred_at");
    let step_error = form.error(ctx, "next_step.title");
    let due_error = form.error(ctx, "next_step.due_on");
    let w = t.workday;
    let now = if form.occurred_at.is_empty() { ctx.now_field() } else { form.occurred_at.clone() };
    html! {
        details.log-form open[!form.errors.is_empty()] {
            summary { (t.log_activity) }
            form method="post" action={ "/clients/" (d.item.client.id) "/activities" } #activity-form {
                (csrf_field(ctx))
                @if !form.errors.is_empty() {
                    p.alert.alert-error role="alert" { (t.fix_errors)
                        @for e in form.other_errors() { br; (i18n::field(ctx.lang, &e.field)) ": " (i18n::reason(ctx.lang, &e.reason)) }
                    }
                }
                div.form-row {
                    div.field {
                        label for="a-kind" { (t.kind) }
                        select #a-kind name="kind" aria-invalid=[kind_error.as_ref().map(|_| "true")] {
                            @for k in ActivityKind::ALL {
                                option value=(k.as_str()) selected[form.kind == k.as_str()] { (i18n::activity_kind(ctx.lang, *k)) }
                            }
                        }
                        @if let Some(e) = &kind_error { span.field-error { (e) } }
                    }
                    div.field.field-wide {
                        label for="a-outcome" { (t.outcome) }
                        input #a-outcome type="text" name="outcome" maxlength="500" value=(form.outcome)
                            aria-invalid=[outcome_error.as_ref().map(|_| "true")];
                        @if let Some(e) = &outcome_error { span.field-error { (e) } }
                    }
                }
                div.field {
                    label for="a-when" { (w.occurred_at) }
                    input #a-when type="datetime-local" name="occurred_at" value=(now)
                        aria-invalid=[when_error.as_ref().map(|_| "true")];
                    @if let Some(e) = &when_error { span.field-error { (e) } }
                }
                div.field {
                    label for="a-text" { (t.text) }
                    textarea #a-text name="text" rows="3" required aria-invalid=[text_error.as_ref().map(|_| "true")] { (form.text) }
                    @if let Some(e) = &text_error { span.field-error { (e) } }
                }
                @if !d.contacts.is_empty() {
                    fieldset.ticks { legend { (w.their_side) }
                        @for c in &d.contacts {
                            label { input type="checkbox" name="contact_ids" value=(c.id)
                                checked[form.contact_ids.contains(&c.id.to_string())]; " " (c.name) }
                        }
                    }
                }
                @if !d.colleagues.is_empty() {
                    fieldset.ticks { legend { (w.our_side) }
                        @for (id, name) in &d.colleagues {
                            label { input type="checkbox" name="participant_ids" value=(id)
                                checked[form.participant_ids.contains(&id.to_string())]; " " (name) }
                        }
                    }
                }
                div.form-row {
                    div.field.field-wide {
                        label for="a-next" { (w.next_step) " " span.muted.small { "(" (w.next_step_hint) ")" } }
                        input #a-next type="text" name="next_step" maxlength="500" value=(form.next_step)
                            aria-invalid=[step_error.as_ref().map(|_| "true")];
                        @if let Some(e) = &step_error { span.field-error { (e) } }
                    }
                    div.field {
                        label for="a-due" { (w.next_step_due) }
                        input #a-due type="date" name="next_due" value=(form.next_due) min=(ctx.today)
                            aria-invalid=[due_error.as_ref().map(|_| "true")];
                        @if let Some(e) = &due_error { span.field-error { (e) } }
                    }
                }
                @if matches!(ctx.role, sprut_core::employee::Role::Head | sprut_core::employee::Role::Admin) { (checklist(ctx, form)) }
                button.btn.btn-primary type="submit" { (t.save) }
            }
        }
    }
}

/// The head's checklist of a quarterly meeting, offered to heads and administrators.
fn checklist(ctx: &Ctx, form: &ActivityForm) -> Markup {
    let m = ctx.t.meetings;
    let error = form.error(ctx, "checklist").or_else(|| form.error(ctx, "checklist.client_says"));
    html! {
        fieldset.ticks.checklist { legend { (m.checklist) }
            label { input type="checkbox" name="head_meeting" value="1" checked[form.head_meeting]; " " strong { (m.is_head_meeting) } }
            label { input type="checkbox" name="dm_met" value="1" checked[form.dm_met]; " " (m.dm_met) }
            label { input type="checkbox" name="contacts_confirmed" value="1" checked[form.contacts_confirmed]; " " (m.contacts_confirmed) }
            label for="a-says" { (m.client_says) }
            textarea #a-says name="client_says" rows="2" maxlength="5000" aria-invalid=[error.as_ref().map(|_| "true")] { (form.client_says) }
            @if let Some(e) = &error { span.field-error { (e) } }
        }
    }
}

/// Open tasks, soonest first, each closable by who may write here.
fn next_steps(ctx: &Ctx, d: &CardData) -> Markup {
    let w = ctx.t.workday;
    let back = format!("/clients/{}#next-steps", d.item.client.id);
    html! {
        section.block #next-steps {
            h2 { (w.next_steps) }
            (super::meetings::card_line(ctx, d.meeting.as_ref()))
            @if d.tasks.is_empty() { p.muted { (w.no_next_steps) } } @else {
                div.table-wrap { table.grid.tasks {
                    thead { tr { th { (w.due) } th { (w.task) } th { (w.owner) } th {} } }
                    tbody { @for task in &d.tasks { tr.overdue[task.overdue_on(ctx.today)] {
                        td.nowrap { (date(ctx.lang, task.due_on)) }
                        td { (task.title) }
                        td { (name_of(&d.people, task.owner_id)) }
                        td.nowrap { @if d.may_log && task.kind.may_be_changed_by(Some(ctx.role)) {
                            (super::workday::close_buttons(ctx, task.id, &back))
                        } }
                    } } }
                } }
            }
        }
    }
}

/// Invoices with their payment state on today's date.
fn receivables(ctx: &Ctx, d: &CardData) -> Markup {
    let t = ctx.t;
    html! {
        section.block #receivables {
            h2 { (t.receivables) }
            @if d.may_add.receivables { (add_link(d, "receivables", t.forms.new_invoice)) }
            @if d.receivables.is_empty() { p.muted { (t.none_yet) } } @else {
                @let aged = sprut_core::aging::aging(&d.receivables, ctx.today);
                @if !aged.is_empty() {
                    h3.small { (t.aging.card_aging) }
                    (super::receivables::aging_table(ctx, &aged))
                }
                div.table-wrap { table.grid {
                    thead { tr {
                        th { (t.number) } th.num { (t.amount) } th { (t.issued) } th { (t.due_on) } th { (t.paid) }
                        th { (ctx.t.from_import) }
                        @if d.may_add.receivables { th {} }
                    } }
                    tbody { @for r in &d.receivables { tr.overdue[r.overdue_on(ctx.today)] {
                        td.mono { (r.number) }
                        td.num { (format::money(r.amount_minor, &r.currency)) }
                        td.nowrap { (date(ctx.lang, r.issued_on)) }
                        td.nowrap { (date(ctx.lang, r.due_on)) }
                        td.nowrap {
                            @match r.paid_on {
                                Some(p) if p <= ctx.today => span.badge.good { (t.paid) " " (date(ctx.lang, p)) },
                                _ => @if r.overdue_on(ctx.today) {
                                    span.badge.bad { (t.overdue) " " (format::days_between(r.due_on, ctx.today)) " " (t.days_short) }
                                } @else {
                                    span.badge.warn { (t.unpaid) }
                                },
                            }
                        }
                        td { @if !r.extra.is_empty() { (extra_fields(&r.extra)) } }
                        @if d.may_add.receivables { td { (edit_link(ctx, "receivables", r.id)) } }
                    } } }
                } }
            }
        }
    }
}

/// Who in each department works with the client.
fn account_team(ctx: &Ctx, d: &CardData) -> Markup {
    let t = ctx.t;
    html! {
        section.block #account-team {
            h2 { (t.account_team) }
            @if d.team.is_empty() { p.muted { (t.none_yet) } } @else {
                div.table-wrap { table.grid.narrow {
                    thead { tr { th { (t.department) } th { (t.person) } th { (t.since) } } }
                    tbody { @for m in &d.team { tr {
                        td { (i18n::department(ctx.lang, m.department)) }
                        td { (m.employee_name) }
                        td.nowrap { (date(ctx.lang, ctx.day_of(m.since))) }
                    } } }
                } }
            }
        }
    }
}
