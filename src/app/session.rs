//! Signing in, the first-run setup, the demonstration district, and changing one's own PIN.

use crate::app::choices::{Invalid, err, pick_vocab, staff_field, vocab_opts};
use crate::app::effects::Ctx;
use crate::app::form::{Field, FieldId as F, Form, Opt, Val};
use crate::app::{App, Effect, FormKind, MsgKind, OpenForm, Outcome, Pane, Reason, Screen, Select};
use crate::domain::limits::level_bounds;
use crate::domain::org::{self as org_rules, StaffInput, staff_input};
use crate::domain::roles::{Actor, validate_pin};
use crate::domain::vocab::CenterLevel;
use crate::domain::{Lang, Problem};
use crate::records::queue::{Cursor, QueueQuery};
use crate::records::staff::Session;
use crate::text::T;
use chrono::NaiveDateTime;

#[derive(Debug)]
pub enum SessionEffect {
    SignIn {
        staff_no: String,
        pin: String,
    },
    Setup {
        center: String,
        level: CenterLevel,
        admin: StaffInput,
        pin: String,
    },
    LoadDemo,
    ChangePin {
        old: String,
        new: String,
    },
}

#[derive(Debug)]
pub enum SessionOutcome {
    SignedIn(Result<Session, String>),
    DemoLoaded(Result<usize, String>),
    PinChanged(Result<(), String>),
}

pub fn sign_in(lang: Lang) -> OpenForm {
    let f = Form::new(
        T::SignIn.text(lang),
        vec![
            Field::text(F::StaffNo, &T::StaffNumber.text(lang), "").required(),
            Field::secret(F::Pin, &T::Pin.text(lang)),
        ],
    );
    OpenForm::new(FormKind::SignIn, f)
}

pub fn setup(lang: Lang) -> OpenForm {
    let f = Form::new(
        T::FirstRunSetUpTheCenter.text(lang),
        vec![
            Field::choice(
                F::Mode,
                &T::How.text(lang),
                vec![
                    Opt::new(
                        T::CreateThisCenterAndItsAdministrator.text(lang),
                        Val::Nth(0),
                    ),
                    Opt::new(T::LoadTheDemonstrationDistrict.text(lang), Val::Nth(1)),
                ],
                Some(Val::Nth(0)),
            )
            .hint(T::ToChooseAfterTheDemoSign.text(lang)),
            Field::text(F::Center, &T::CenterName.text(lang), "")
                .required()
                .show_if(F::Mode, vec![Val::Nth(0)]),
            Field::choice(
                F::Level,
                &T::Level.text(lang),
                vocab_opts(CenterLevel::ALL, CenterLevel::zh),
                Some(Val::Nth(0)),
            )
            .show_if(F::Mode, vec![Val::Nth(0)]),
            Field::text(F::StaffNo, &T::AdminStaffNumber.text(lang), "")
                .required()
                .show_if(F::Mode, vec![Val::Nth(0)]),
            Field::text(F::Name, &T::AdminName.text(lang), "")
                .required()
                .show_if(F::Mode, vec![Val::Nth(0)]),
            Field::secret(F::Pin, &T::PinDigits.text(lang)).show_if(F::Mode, vec![Val::Nth(0)]),
            Field::secret(F::Pin2, &T::PinAgain.text(lang)).show_if(F::Mode, vec![Val::Nth(0)]),
        ],
    );
    OpenForm::new(FormKind::Setup, f)
}

pub fn submit_setup(lang: Lang, f: &mut Form) -> Result<Vec<Effect>, Invalid> {
    f.errors.clear();
    f.message = None;
    if f.choice(F::Mode) == Some(Val::Nth(1)) {
        return Ok(vec![Effect::Session(SessionEffect::LoadDemo)]);
    }
    let center = org_rules::name(&f.text(F::Center), T::CenterNameField);
    let level = pick_vocab(CenterLevel::ALL, f.nth(F::Level)).unwrap_or(CenterLevel::District);
    let pin = f.text(F::Pin);
    if let Err(p) = validate_pin(&pin) {
        err(f, F::Pin, p, lang);
    } else if pin != f.text(F::Pin2) {
        err(f, F::Pin2, Problem::of(T::PINsDoNotMatch), lang);
    }
    let admin = staff_input(
        &f.text(F::StaffNo),
        &f.text(F::Name),
        "admin",
        &f.text(F::Center),
        None,
        Some(&pin),
    );
    match (&center, &admin) {
        (Err(p), _) => err(f, F::Center, p.clone(), lang),
        (_, Err(p)) => {
            let key = match staff_field(p) {
                key @ (F::StaffNo | F::Pin) => key,
                _ => F::Name,
            };
            err(f, key, p.clone(), lang);
        }
        _ => {}
    }
    if !f.errors.is_empty() {
        let errors = std::mem::take(&mut f.errors);
        f.set_errors(errors);
        return Err(Invalid);
    }
    match (center, admin) {
        (Ok(center), Ok(admin)) => Ok(vec![Effect::Session(SessionEffect::Setup {
            center,
            level,
            admin,
            pin,
        })]),
        _ => Err(Invalid),
    }
}

pub fn change_pin(lang: Lang) -> OpenForm {
    let f = Form::new(
        T::ChangeMyPin.text(lang),
        vec![
            Field::secret(F::Old, &T::CurrentPin.text(lang)),
            Field::secret(F::New, &T::NewPinDigits.text(lang)),
            Field::secret(F::New2, &T::NewPinAgain.text(lang)),
        ],
    );
    OpenForm::new(FormKind::ChangePin, f)
}

pub fn submit_change_pin(lang: Lang, f: &mut Form) -> Result<Vec<Effect>, Invalid> {
    f.errors.clear();
    let new = f.text(F::New);
    if let Err(p) = validate_pin(&new) {
        err(f, F::New, p, lang);
    } else if new != f.text(F::New2) {
        err(f, F::New2, Problem::of(T::NewPINsDoNotMatch), lang);
    }
    if !f.errors.is_empty() {
        return Err(Invalid);
    }
    Ok(vec![Effect::Session(SessionEffect::ChangePin {
        old: f.text(F::Old),
        new,
    })])
}

impl App {
    /// The sign-in form was saved: the PIN is cleared from the form at once.
    pub(super) fn submit_sign_in(&mut self) -> Vec<Effect> {
        let Some(of) = &mut self.form else {
            return vec![];
        };
        let staff_no = of.form.text(F::StaffNo);
        let pin = of.form.text(F::Pin);
        of.form.set_text(F::Pin, "");
        vec![Effect::Session(SessionEffect::SignIn { staff_no, pin })]
    }

    pub(super) fn submit_setup_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(of) = &mut self.form else {
            return vec![];
        };
        let fx = submit_setup(lang, &mut of.form).unwrap_or_default();
        if fx
            .iter()
            .any(|e| matches!(e, Effect::Session(SessionEffect::LoadDemo)))
        {
            self.waiting_for = Some(T::ProgressDemo);
        }
        fx
    }

    pub(super) fn submit_change_pin_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(of) = &mut self.form else {
            return vec![];
        };
        submit_change_pin(lang, &mut of.form).unwrap_or_default()
    }

    pub(super) fn on_session(&mut self, o: SessionOutcome) -> Vec<Effect> {
        match o {
            SessionOutcome::SignedIn(Ok(session)) => {
                self.session = Some(session);
                self.screen = Screen::Desk;
                self.form = None;
                self.pane = Pane::Queue;
                self.status.message = None;
                let b = level_bounds(self.today(), &self.cal);
                self.queue.query = Some(QueueQuery::new(&b));
                self.queue.page_no = 1;
                vec![
                    Effect::LoadRefs,
                    Effect::LoadCounts,
                    self.load_queue(Cursor::First, Select::First, Reason::User),
                ]
            }
            SessionOutcome::SignedIn(Err(msg)) => {
                if let Some(of) = &mut self.form {
                    of.form.message = Some(msg);
                }
                vec![]
            }
            SessionOutcome::DemoLoaded(Ok(n)) => {
                self.waiting_for = None;
                self.screen = Screen::SignIn;
                self.form = Some(sign_in(self.lang));
                if let Some(of) = &mut self.form {
                    of.form.message =
                        Some(T::DemoLoadedTicketsClerkStaffNumber.fill(self.lang, &[&n]));
                }
                vec![Effect::LoadRefs]
            }
            SessionOutcome::DemoLoaded(Err(msg)) => {
                self.waiting_for = None;
                if let Some(of) = &mut self.form {
                    of.form.message = Some(msg);
                }
                vec![]
            }
            SessionOutcome::PinChanged(Ok(())) => {
                self.flash(T::PinChanged.text(self.lang), MsgKind::Info);
                self.form = None;
                vec![]
            }
            SessionOutcome::PinChanged(Err(msg)) => {
                match &mut self.form {
                    Some(of) => of.form.message = Some(msg),
                    None => self.flash(msg, MsgKind::Error),
                }
                vec![]
            }
        }
    }
}

impl Ctx {
    /// Runs one of this pane's effects.
    pub(crate) fn run_session(
        &mut self,
        actor: Option<&Actor>,
        e: SessionEffect,
        now: NaiveDateTime,
    ) -> Outcome {
        match e {
            SessionEffect::SignIn { staff_no, pin } => Outcome::Session(SessionOutcome::SignedIn(
                self.store
                    .sign_in(&staff_no, &pin, now)
                    .map_err(|e| self.msg(e)),
            )),
            SessionEffect::Setup {
                center,
                level,
                admin,
                pin,
            } => Outcome::Session(SessionOutcome::SignedIn(
                self.store
                    .setup(&center, level, &admin, &pin, now)
                    .map_err(|e| self.msg(e)),
            )),
            SessionEffect::LoadDemo => {
                let cli = Actor::cli(&crate::clock::os_user());
                Outcome::Session(SessionOutcome::DemoLoaded(match self.demo {
                    Some(load) => load(&mut self.store, &cli, now).map_err(|e| self.msg(e)),
                    None => Err(T::ThisBuildHasNoDemonstrationData.text(self.lang)),
                }))
            }
            SessionEffect::ChangePin { old, new } => {
                let Some(actor) = actor else {
                    return Outcome::Error(T::NotSignedIn.text(self.lang));
                };
                Outcome::Session(SessionOutcome::PinChanged(
                    self.store
                        .change_own_pin(actor, &old, &new, now)
                        .map_err(|e| self.msg(e)),
                ))
            }
        }
    }
}
