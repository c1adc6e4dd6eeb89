//! The intake form (登记): a new petition with its petitioners, the earlier petitions of the
//! same people beside it, and linking to one of them (a repeat, or merged into an open one).

use crate::app::choices::{Invalid, idx_of, pick_vocab, vocab_opts, yes_no};
use crate::app::effects::Ctx;
use crate::app::form::{Field, FieldId as F, Form, Opt, PetitionerField, Val};
use crate::app::{App, DetailEffect, Effect, FormKind, MsgKind, OpenForm, Outcome, Reason};
use crate::domain::Lang;
use crate::domain::intake::{self, FirstHandler, Intake, IntakeForm, PetitionerForm};
use crate::domain::person::{normalize_mobile, validate_resident_id};
use crate::domain::roles::{Act, Actor};
use crate::domain::vocab::{Channel, Urgency};
use crate::records::org::Refs;
use crate::records::staff::Session;
use crate::records::tickets::{EarlierPetition, IntakeLink};
use crate::text::T;
use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug)]
pub enum IntakeEffect {
    Register {
        intake: Box<Intake>,
        link: IntakeLink,
    },
    Earlier {
        mobile: Option<String>,
        resident_id: Option<String>,
    },
}

#[derive(Debug)]
pub enum IntakeOutcome {
    /// The new ticket's id and number.
    Registered(Result<(i64, String), String>),
    Earlier(Vec<EarlierPetition>),
}

impl App {
    pub(super) fn open_intake(&mut self) -> Vec<Effect> {
        let Some(s) = &self.session else {
            return vec![];
        };
        if let Err(p) = crate::domain::roles::may(&s.actor, Act::Register) {
            self.flash(p.text(self.lang), MsgKind::Error);
            return vec![];
        }
        let mut of = intake(self.lang, &self.refs, s);
        // The desk's last channel, and the focus on what a clerk fills first: the petitioner.
        if let Some(v) = self.last_channel
            && let Some(i) = of.form.index(F::Channel)
        {
            of.form.choose(i, v);
            of.form.dirty = false;
        }
        of.form
            .focus_key(F::Petitioner(0, crate::app::form::PetitionerField::Name));
        self.form = Some(of);
        vec![]
    }

    /// After the form changed: at intake, look up earlier petitions of the typed mobile or ID.
    pub(super) fn after_form_edit(&mut self) -> Vec<Effect> {
        let today = self.today();
        let Some(of) = &mut self.form else {
            return vec![];
        };
        if of.kind != FormKind::Intake {
            return vec![];
        }
        let (mobile, rid) = lookup_keys(&of.form, today);
        if (mobile.clone(), rid.clone()) != of.looked_up {
            of.looked_up = (mobile.clone(), rid.clone());
            if mobile.is_none() && rid.is_none() {
                of.earlier.clear();
                of.earlier_sel = None;
                return vec![];
            }
            return vec![Effect::Intake(IntakeEffect::Earlier {
                mobile,
                resident_id: rid,
            })];
        }
        vec![]
    }

    /// The intake form was saved.
    pub(super) fn submit_intake_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let today = self.today();
        let Some(of) = &mut self.form else {
            return vec![];
        };
        match submit_intake(lang, &mut of.form, today) {
            Ok(intake) => {
                self.last_channel = of.form.field(F::Channel).and_then(|f| match &f.input {
                    crate::app::form::Input::Choice { options, selected } => {
                        selected.and_then(|i| options.get(i)).map(|o| o.value)
                    }
                    _ => None,
                });
                vec![Effect::Intake(IntakeEffect::Register {
                    intake: Box::new(intake),
                    link: of.link,
                })]
            }
            Err(Invalid) => vec![],
        }
    }

    pub(super) fn on_intake(&mut self, o: IntakeOutcome) -> Vec<Effect> {
        match o {
            IntakeOutcome::Registered(Ok((id, number))) => {
                let merged = self
                    .form
                    .as_ref()
                    .is_some_and(|f| matches!(f.link, IntakeLink::MergeInto(_)));
                self.form = None;
                self.flash(
                    if merged {
                        T::RegisteredAndMergedItIntoThe.fill(self.lang, &[&number])
                    } else {
                        T::Registered.fill(self.lang, &[&number])
                    },
                    MsgKind::Info,
                );
                let mut fx = self.reload_all(Reason::User);
                fx.push(Effect::Detail(DetailEffect::Load {
                    id,
                    reason: Reason::User,
                }));
                fx
            }
            IntakeOutcome::Registered(Err(msg)) => {
                match &mut self.form {
                    Some(of) => of.form.message = Some(msg),
                    None => self.flash(msg, MsgKind::Error),
                }
                vec![]
            }
            IntakeOutcome::Earlier(list) => {
                if let Some(of) = &mut self.form {
                    of.earlier_sel = if list.is_empty() { None } else { Some(0) };
                    if let IntakeLink::RepeatOf(id) | IntakeLink::MergeInto(id) = of.link
                        && !list.iter().any(|e| e.id == id)
                    {
                        of.link = IntakeLink::None;
                    }
                    of.earlier = list;
                }
                vec![]
            }
        }
    }
}

pub(crate) fn place_opts(lang: Lang, refs: &Refs) -> Vec<Opt> {
    let mut v = vec![Opt::new(T::None.text(lang), Val::None)];
    v.extend(refs.places.iter().filter(|p| p.active).map(|p| {
        Opt::new(
            T::Paren.fill(lang, &[&p.name, &p.kind.label(lang)]),
            Val::Id(p.id),
        )
    }));
    v
}

pub(crate) fn petitioner_fields(lang: Lang, refs: &Refs, i: usize) -> Vec<Field> {
    let n = i + 1;
    vec![
        Field::text(
            F::Petitioner(i, PetitionerField::Name),
            &T::PetitionerName.fill(lang, &[&n]),
            "",
        )
        .required(),
        Field::text(
            F::Petitioner(i, PetitionerField::Mobile),
            &T::Mobile.text(lang),
            "",
        )
        .required()
        .hint(T::MobileHint.text(lang)),
        Field::text(
            F::Petitioner(i, PetitionerField::ResidentId),
            &T::ResidentIdOptional.text(lang),
            "",
        ),
        Field::text(
            F::Petitioner(i, PetitionerField::Address),
            &T::Address.text(lang),
            "",
        ),
        Field::choice(
            F::Petitioner(i, PetitionerField::Place),
            &T::CommunityVillage.text(lang),
            place_opts(lang, refs),
            Some(Val::None),
        ),
    ]
}

pub fn petitioner_count(f: &Form) -> usize {
    (0..intake::MAX_PETITIONERS + 1)
        .take_while(|i| f.index(F::Petitioner(*i, PetitionerField::Name)).is_some())
        .count()
}

pub fn intake(lang: Lang, refs: &Refs, session: &Session) -> OpenForm {
    let leader_channels = vec![
        idx_of(Channel::ALL, Channel::LeaderCommunity).unwrap_or(Val::Nth(4)),
        idx_of(Channel::ALL, Channel::LeaderTownship).unwrap_or(Val::Nth(5)),
    ];
    let mut handlers: Vec<Opt> = refs
        .staff
        .iter()
        .filter(|s| crate::domain::roles::may_handle_first(s.role, s.active))
        .map(|s| {
            Opt::new(
                T::Paren.fill(lang, &[&s.name, &s.role.label(lang)]),
                Val::Id(s.id),
            )
        })
        .collect();
    handlers.extend(refs.leaders.iter().filter(|x| x.active).map(|x| {
        Opt::new(
            T::Paren.fill(lang, &[&x.name, &x.position]),
            Val::Leader(x.id),
        )
    }));
    let mut fields = vec![
        Field::choice(
            F::Channel,
            &T::Channel.text(lang),
            vocab_opts(Channel::ALL, |c| c.label(lang)),
            Some(Val::Nth(0)),
        )
        .required(),
    ];
    fields.extend(petitioner_fields(lang, refs, 0));
    fields.extend([
        Field::choice(
            F::Collective,
            &T::Collective.text(lang),
            yes_no(lang),
            Some(Val::Nth(0)),
        ),
        Field::text(F::HeadCount, &T::HeadCount.text(lang), "")
            .show_if(F::Collective, vec![Val::Nth(1)]),
        Field::choice(
            F::Category,
            &T::PetitionCategory.text(lang),
            refs.categories
                .iter()
                .filter(|c| c.active)
                .map(|c| Opt::new(&c.name, Val::Id(c.id)))
                .collect(),
            None,
        )
        .required(),
        Field::choice(
            F::Urgency,
            &T::Urgency.text(lang),
            vocab_opts(Urgency::ALL, |u| u.label(lang)),
            Some(Val::Nth(0)),
        ),
        Field::text(F::Summary, &T::Summary.text(lang), "")
            .required()
            .hint(T::OneLine.fill(lang, &[&intake::SUMMARY_MAX])),
        Field::multiline(F::Content, &T::Content.text(lang), "").required(),
        Field::multiline(F::Request, &T::WhatIsAskedFor.text(lang), "").required(),
        Field::choice(
            F::FirstHandler,
            &T::ReceivedBy.text(lang),
            handlers,
            (session.actor.staff_id).map(Val::Id),
        )
        .required()
        .hint(T::WhoeverReceivesItOwnsIt.text(lang)),
        Field::text(F::VisitRef, &T::Visit.text(lang), "")
            .show_if(F::Channel, leader_channels)
            .hint(T::PlaceAndDateExample.text(lang)),
    ]);
    OpenForm::new(
        FormKind::Intake,
        Form::new(T::RegisterAPetition.text(lang), fields),
    )
}

pub fn add_petitioner(lang: Lang, refs: &Refs, f: &mut Form) {
    let n = petitioner_count(f);
    if n >= intake::MAX_PETITIONERS {
        f.message = Some(T::TooManyPetitionersUseACollective.text(lang));
        return;
    }
    let Some(after) = f.index(F::Petitioner(n - 1, PetitionerField::Place)) else {
        return;
    };
    let new = petitioner_fields(lang, refs, n);
    for (k, field) in new.into_iter().enumerate() {
        f.fields.insert(after + 1 + k, field);
    }
    f.focus = after + 1;
    f.dirty = true;
}

pub fn remove_petitioner(f: &mut Form) {
    let n = petitioner_count(f);
    let Some(F::Petitioner(i, _)) = f.focused_key() else {
        return;
    };
    if n <= 1 {
        return;
    }
    f.fields
        .retain(|x| !matches!(x.key, F::Petitioner(j, _) if j == i));
    for field in f.fields.iter_mut() {
        if let F::Petitioner(j, which) = field.key
            && j > i
        {
            field.key = F::Petitioner(j - 1, which);
            if which == PetitionerField::Name {
                field.label = field.label.replace(&(j + 1).to_string(), &j.to_string());
            }
        }
    }
    f.focus = f
        .index(F::Petitioner(i.min(n - 2), PetitionerField::Name))
        .unwrap_or(0);
    f.dirty = true;
}

pub(crate) fn intake_form(f: &Form) -> IntakeForm {
    let petitioners = (0..petitioner_count(f))
        .map(|i| PetitionerForm {
            name: f.text(F::Petitioner(i, PetitionerField::Name)),
            mobile: f.text(F::Petitioner(i, PetitionerField::Mobile)),
            resident_id: f.text(F::Petitioner(i, PetitionerField::ResidentId)),
            address: f.text(F::Petitioner(i, PetitionerField::Address)),
            place_id: f.id(F::Petitioner(i, PetitionerField::Place)),
        })
        .collect();
    IntakeForm {
        channel: pick_vocab(Channel::ALL, f.nth(F::Channel)),
        petitioners,
        collective: f.choice(F::Collective) == Some(Val::Nth(1)),
        head_count: f.text(F::HeadCount),
        category_id: f.id(F::Category),
        summary: f.text(F::Summary),
        content: f.text(F::Content),
        request: f.text(F::Request),
        urgency: pick_vocab(Urgency::ALL, f.nth(F::Urgency)).unwrap_or(Urgency::Normal),
        first_handler: match f.choice(F::FirstHandler) {
            Some(Val::Id(staff)) => Some(FirstHandler::Staff(staff)),
            Some(Val::Leader(leader)) => Some(FirstHandler::Leader(leader)),
            _ => None,
        },
        visit_ref: if f.visible(f.index(F::VisitRef).unwrap_or(usize::MAX)) {
            f.text(F::VisitRef)
        } else {
            String::new()
        },
    }
}

/// The mobile and ID to look earlier petitions up by: the first valid ones typed.
pub fn lookup_keys(f: &Form, today: NaiveDate) -> (Option<String>, Option<String>) {
    let n = petitioner_count(f);
    let mobile = (0..n)
        .find_map(|i| normalize_mobile(&f.text(F::Petitioner(i, PetitionerField::Mobile))).ok());
    let rid = (0..n).find_map(|i| {
        validate_resident_id(
            &f.text(F::Petitioner(i, PetitionerField::ResidentId)),
            today,
        )
        .ok()
    });
    (mobile, rid)
}

pub fn submit_intake(
    lang: Lang,
    f: &mut Form,
    today: NaiveDate,
) -> Result<intake::Intake, Invalid> {
    f.message = None;
    match intake::validate(&intake_form(f), today) {
        Ok(i) => Ok(i),
        Err(problems) => {
            let n = problems.len();
            // The domain names the fields of the form.
            f.set_named_errors(
                problems
                    .into_iter()
                    .map(|p| (p.field, p.problem.text(lang).to_string())),
            );
            f.message = Some(T::FieldsNeedFixingInRed.fill(lang, &[&n]));
            Err(Invalid)
        }
    }
}

// ---- moves ----------------------------------------------------------------------------------

pub(crate) const DECISIONS: [&str; 6] = [
    "dispatch",
    "on_site",
    "explain",
    "meeting",
    "deliberation",
    "not_accept",
];

impl Ctx {
    /// Runs one of this pane's effects.
    pub(crate) fn run_intake(
        &mut self,
        actor: &Actor,
        e: IntakeEffect,
        now: NaiveDateTime,
    ) -> Outcome {
        match e {
            IntakeEffect::Register { intake, link } => Outcome::Intake(IntakeOutcome::Registered(
                self.with_flow(now, |s, ctx| s.register(actor, &intake, link, ctx, now))
                    .map_err(|e| self.msg(e)),
            )),
            IntakeEffect::Earlier {
                mobile,
                resident_id,
            } => {
                match self.store.earlier_petitions(
                    actor,
                    mobile.as_deref(),
                    resident_id.as_deref(),
                    20,
                ) {
                    Ok(list) => Outcome::Intake(IntakeOutcome::Earlier(list)),
                    Err(e) => Outcome::Error(self.msg(e)),
                }
            }
        }
    }
}
