//! The roster pane (评理代表名册): the deliberation representatives, paged from the
//! database, with the selected one's file on the right.

use crate::app::choices::vocab_opts;
use crate::keymap::RosterCmd;
use crate::text::T;
use chrono::NaiveDate;

use super::form::{Field, FieldId as F, Form, Opt, Val};
use super::{App, Effect, FormKind, MsgKind, OpenForm, Pane, PickTarget, Picker, Popup};
use crate::domain::roster::{ChosenBy, RepCategory, RepInput, RepStatus, Sex};
use crate::domain::vocab::{Lang, PlaceKind};
use crate::records::roster::{Rep, RepDetail, RosterQuery};

mod run;
mod submit;

/// Forms of the roster pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterForm {
    RosterSearch,
    RepAdd,
    RepEdit { id: i64, version: i64 },
    RepStatus { id: i64 },
    RepTraining { id: i64 },
}

#[derive(Debug)]
pub enum RosterEffect {
    LoadRoster {
        query: RosterQuery,
        after: Option<i64>,
        before: Option<i64>,
        select: Option<i64>,
    },
    LoadRep(i64),
    SaveRep {
        existing: Option<(i64, i64)>,
        input: Box<RepInput>,
    },
    RepStatus {
        id: i64,
        to: RepStatus,
        date: NaiveDate,
        reason: String,
    },
    RepTraining {
        id: i64,
        date: NaiveDate,
        topic: String,
        hours: f64,
    },
}

#[derive(Debug)]
pub enum RosterOutcome {
    Roster {
        rows: Vec<Rep>,
        more_after: bool,
        more_before: bool,
        count: i64,
        select: Option<i64>,
        anchor: (Option<i64>, Option<i64>),
    },
    Rep(Box<RepDetail>),
    RosterSaved(Result<String, String>),
}

#[derive(Debug, Clone, Default)]
pub struct RosterState {
    pub query: RosterQuery,
    pub rows: Vec<Rep>,
    pub selected: usize,
    pub more_after: bool,
    pub more_before: bool,
    pub count: i64,
    pub anchor: (Option<i64>, Option<i64>),
    pub detail: Option<RepDetail>,
}

impl App {
    pub(super) fn load_roster(
        &self,
        after: Option<i64>,
        before: Option<i64>,
        select: Option<i64>,
    ) -> Effect {
        Effect::Roster(RosterEffect::LoadRoster {
            query: self.roster.query.clone(),
            after,
            before,
            select,
        })
    }

    fn selected_rep(&self) -> Option<&Rep> {
        self.roster.rows.get(self.roster.selected)
    }

    pub(super) fn roster_command(&mut self, cmd: RosterCmd) -> Vec<Effect> {
        let lang = self.lang;
        let n = self.roster.rows.len();
        let reload_detail = |app: &App| {
            app.selected_rep()
                .map(|r| Effect::Roster(RosterEffect::LoadRep(r.id)))
                .into_iter()
                .collect::<Vec<_>>()
        };
        match cmd {
            RosterCmd::Down => {
                if self.roster.selected + 1 < n {
                    self.roster.selected += 1;
                    return reload_detail(self);
                } else if self.roster.more_after {
                    return vec![self.load_roster(
                        self.roster.rows.last().map(|r| r.id),
                        None,
                        None,
                    )];
                }
            }
            RosterCmd::Up => {
                if self.roster.selected > 0 {
                    self.roster.selected -= 1;
                    return reload_detail(self);
                } else if self.roster.more_before {
                    let first = self.roster.rows.first().map(|r| r.id);
                    return vec![self.load_roster(None, first, None)];
                }
            }
            RosterCmd::PageDown if self.roster.more_after => {
                return vec![self.load_roster(self.roster.rows.last().map(|r| r.id), None, None)];
            }
            RosterCmd::PageUp if self.roster.more_before => {
                return vec![self.load_roster(None, self.roster.rows.first().map(|r| r.id), None)];
            }
            RosterCmd::Search => return self.open_roster_search(),
            RosterCmd::Filter => return self.open_roster_filter(),
            RosterCmd::ClearFilters => {
                self.roster.query = RosterQuery::default();
                return vec![self.load_roster(None, None, None)];
            }
            RosterCmd::Add => self.form = Some(rep_form(lang, &self.refs, None)),
            RosterCmd::Edit => {
                if let Some(d) = &self.roster.detail {
                    self.form = Some(rep_form(lang, &self.refs, Some(&d.rep)));
                }
            }
            RosterCmd::Status => return self.open_status_form(),
            RosterCmd::Training => return self.open_training_form(),
            // No page before the first or after the last.
            RosterCmd::PageDown | RosterCmd::PageUp => {}
        }
        vec![]
    }

    /// `RosterCmd::Search`.
    fn open_roster_search(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let f = Form::new(
            T::FindARepresentative.text(lang),
            vec![
                Field::text(
                    F::Q,
                    &T::NameOrInitials.text(lang),
                    &self.roster.query.search,
                )
                .hint(T::EGOrLxyEmptyClears.text(lang)),
            ],
        );
        self.form = Some(OpenForm::new(FormKind::Roster(RosterForm::RosterSearch), f));
        vec![]
    }

    /// `RosterCmd::Filter`.
    fn open_roster_filter(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let mut options = vec![Opt::new(T::All.text(lang), Val::None)];
        for (i, s) in RepStatus::ALL.iter().enumerate() {
            options.push(Opt::new(
                T::LabelValue.fill(lang, &[&T::Status.text(lang), &s.label(lang)]),
                Val::Status(i),
            ));
        }
        for (i, c) in RepCategory::ALL.iter().enumerate() {
            options.push(Opt::new(
                T::LabelValue.fill(lang, &[&T::CategoryLower.text(lang), &c.label(lang)]),
                Val::Category(i),
            ));
        }
        options.push(Opt::new(
            T::TermEndingWithinNinetyDays.text(lang),
            Val::Expiring,
        ));
        for p in self
            .refs
            .places
            .iter()
            .filter(|p| p.kind != PlaceKind::Town)
        {
            options.push(Opt::new(
                T::LabelValue.fill(lang, &[&T::PlaceLower.text(lang), &p.name]),
                Val::Place(p.id),
            ));
        }
        self.popup = Some(Popup::Picker(Picker {
            title: T::Filter.text(lang),
            options,
            filter: String::new(),
            selected: 0,
            target: PickTarget::RosterFilter,
        }));
        vec![]
    }

    /// `RosterCmd::Status`.
    fn open_status_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        if let Some(r) = self.selected_rep() {
            let id = r.id;
            let f = Form::new(
                format!(
                    "{} · {}",
                    crate::domain::text::for_terminal(&r.name),
                    T::ChangeStatus.text(lang)
                ),
                vec![
                    Field::choice(
                        F::To,
                        &T::NewStatus.text(lang),
                        vocab_opts(RepStatus::ALL, |s| s.label(lang)),
                        Some(Val::Nth(1)),
                    ),
                    Field::text(F::Date, &T::Date.text(lang), &self.today().to_string()).required(),
                    Field::text(F::Reason, &T::ReasonShort.text(lang), "").required(),
                ],
            );
            self.form = Some(OpenForm::new(
                FormKind::Roster(RosterForm::RepStatus { id }),
                f,
            ));
        }
        vec![]
    }

    /// `RosterCmd::Training`.
    fn open_training_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        if let Some(r) = self.selected_rep() {
            let id = r.id;
            let f = Form::new(
                format!(
                    "{} · {}",
                    crate::domain::text::for_terminal(&r.name),
                    T::AddTraining.text(lang)
                ),
                vec![
                    Field::text(F::Date, &T::Date.text(lang), &self.today().to_string()).required(),
                    Field::text(F::Topic, &T::Topic.text(lang), "").required(),
                    Field::text(F::Hours, &T::Hours.text(lang), "2").required(),
                ],
            );
            self.form = Some(OpenForm::new(
                FormKind::Roster(RosterForm::RepTraining { id }),
                f,
            ));
        }
        vec![]
    }

    pub(super) fn roster_filter_picked(&mut self, value: Val) -> Vec<Effect> {
        let q = &mut self.roster.query;
        match value {
            Val::None => {
                *q = RosterQuery {
                    search: q.search.clone(),
                    ..RosterQuery::default()
                }
            }
            Val::Status(i) => q.status = RepStatus::ALL.get(i).copied(),
            Val::Category(i) => q.category = RepCategory::ALL.get(i).copied(),
            Val::Expiring => q.expiring_from = Some(self.now.date()),
            Val::Place(id) => q.place = Some(id),
            _ => return vec![],
        }
        vec![self.load_roster(None, None, None)]
    }

    pub(super) fn on_roster(&mut self, o: RosterOutcome) -> Vec<Effect> {
        match o {
            RosterOutcome::Roster {
                rows,
                more_after,
                more_before,
                count,
                select,
                anchor,
            } => {
                self.roster.selected = select
                    .and_then(|id| rows.iter().position(|r| r.id == id))
                    .unwrap_or(0);
                self.roster.rows = rows;
                self.roster.more_after = more_after;
                self.roster.more_before = more_before;
                self.roster.count = count;
                self.roster.anchor = anchor;
                return self
                    .selected_rep()
                    .map(|r| Effect::Roster(RosterEffect::LoadRep(r.id)))
                    .into_iter()
                    .collect();
            }
            RosterOutcome::Rep(d) => self.roster.detail = Some(*d),
            RosterOutcome::RosterSaved(r) => match r {
                Ok(msg) => {
                    self.form = None;
                    self.flash(msg, MsgKind::Info);
                    let sel = self.selected_rep().map(|r| r.id);
                    let (after, before) = self.roster.anchor;
                    return vec![self.load_roster(after, before, sel)];
                }
                Err(m) => self.form_error(m),
            },
        }
        vec![]
    }

    /// Switching to the roster pane.
    pub(super) fn open_roster(&mut self) -> Vec<Effect> {
        self.pane = Pane::Roster;
        vec![self.load_roster(None, None, None)]
    }
}

/// The form to add or edit a representative.
pub fn rep_form(lang: Lang, refs: &crate::records::org::Refs, rep: Option<&Rep>) -> OpenForm {
    let places: Vec<Opt> = refs
        .places
        .iter()
        .filter(|p| p.active && p.kind != PlaceKind::Town)
        .map(|p| Opt::new(&p.name, Val::Id(p.id)))
        .collect();
    let sexes = vocab_opts(Sex::ALL, |s| s.label(lang));
    let chosen = vocab_opts(ChosenBy::ALL, |c| c.label(lang));
    let f = Form::new(
        match rep {
            Some(r) => format!(
                "{} · {}",
                T::EditRepresentative.text(lang),
                crate::domain::text::for_terminal(&r.name)
            ),
            None => T::AddARepresentative.text(lang),
        },
        vec![
            Field::text(
                F::Name,
                &T::PersonName.text(lang),
                rep.map(|r| r.name.as_str()).unwrap_or(""),
            )
            .required(),
            Field::choice(
                F::Sex,
                &T::Sex.text(lang),
                sexes,
                Some(Val::Nth(
                    rep.map(|r| (r.sex == crate::domain::roster::Sex::Female) as usize)
                        .unwrap_or(0),
                )),
            ),
            Field::choice(
                F::Place,
                &T::Community.text(lang),
                places,
                rep.and_then(|r| r.place_id).map(Val::Id),
            )
            .required(),
            Field::choice(
                F::Category,
                &T::Category.text(lang),
                vocab_opts(RepCategory::ALL, |c| c.label(lang)),
                rep.and_then(|r| RepCategory::ALL.iter().position(|c| *c == r.category))
                    .map(Val::Nth)
                    .or(Some(Val::Nth(5))),
            ),
            Field::choice(
                F::ChosenBy,
                &T::ChosenBy.text(lang),
                chosen,
                Some(Val::Nth(
                    rep.map(|r| {
                        (r.chosen_by == crate::domain::roster::ChosenBy::Recommended) as usize
                    })
                    .unwrap_or(1),
                )),
            ),
            Field::text(
                F::Occupation,
                &T::Occupation.text(lang),
                rep.map(|r| r.occupation.as_str()).unwrap_or(""),
            ),
            Field::text(
                F::Expertise,
                &T::Expertise.text(lang),
                rep.map(|r| r.expertise.as_str()).unwrap_or(""),
            ),
            Field::text(
                F::Mobile,
                &T::Mobile.text(lang),
                rep.map(|r| r.mobile.as_str()).unwrap_or(""),
            )
            .required(),
            Field::text(
                F::IdNumber,
                &T::IdNumberField.text(lang),
                rep.and_then(|r| r.resident_id.as_deref()).unwrap_or(""),
            ),
            Field::text(
                F::TermStart,
                &T::TermFrom.text(lang),
                &rep.map(|r| r.term_start.to_string()).unwrap_or_default(),
            )
            .required(),
            Field::text(
                F::TermEnd,
                &T::TermTo.text(lang),
                &rep.map(|r| r.term_end.to_string()).unwrap_or_default(),
            )
            .required(),
        ],
    );
    let kind = match rep {
        Some(r) => RosterForm::RepEdit {
            id: r.id,
            version: r.version,
        },
        None => RosterForm::RepAdd,
    };
    OpenForm::new(FormKind::Roster(kind), f)
}
