//! The members' work from the keyboard (issue 12 §3): 到社区报到, 动态调整 (key-selection, edit,
//! retirement, the end of an assignment), and on a unit its random inspection, its findings,
//! its quarterly meeting and the oversight log.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{MemberView, MembersEffect, MembersForm, MembersOutcome};
use crate::app::choices::{fail, form_to_check};
use crate::app::effects::Ctx;
use crate::app::form::{Field, FieldId as F, Form, Opt, Val};
use crate::app::{App, Effect, FormKind, MsgKind, OpenForm};
use crate::domain::calendar::parse_date;
use crate::domain::members::SelectedBy;
use crate::domain::members::work::{OversightBy, OversightKind};
use crate::domain::roles::Actor;
use crate::keymap::MembersCmd;
use crate::store::StoreError;
use crate::store::member_work::MemberMove;
use crate::text::T;

/// A unit's work this quarter, as the units list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitWork {
    pub unregistered: usize,
    pub without_contact: usize,
    pub meeting: Option<String>,
    /// The latest inspection: its id and whether its findings are recorded.
    pub inspection: Option<(i64, bool)>,
}

/// A unit, as its detail shows it: who has not registered, who had no contact this quarter,
/// its inspections and meeting, the oversight of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitDetail {
    pub unit_id: i64,
    pub unregistered: Vec<String>,
    pub without_contact: Vec<String>,
    pub quarter: (i32, u32),
    pub meeting: Option<(String, String)>,
    pub inspections: Vec<crate::store::member_work::Inspection>,
    pub oversight: Vec<crate::store::member_work::OversightRow>,
    /// Names of the members the inspections drew, by id.
    pub names: std::collections::BTreeMap<i64, String>,
}

#[derive(Debug)]
pub enum WorkEffect {
    LoadUnit(i64),
    Register {
        member_id: i64,
        on: NaiveDate,
    },
    Change {
        member_id: i64,
        mv: MemberMove,
        on: NaiveDate,
    },
    Inspect {
        unit_id: i64,
        n: u32,
    },
    Findings {
        id: i64,
        text: String,
    },
    Meeting {
        unit_id: i64,
        year: i32,
        quarter: u32,
        held_on: NaiveDate,
        notes: String,
    },
    Oversight {
        kind: OversightKind,
        by: OversightBy,
        on: NaiveDate,
        unit_id: Option<i64>,
        findings: String,
    },
}

fn date_field(lang: crate::domain::Lang, key: F, label: T, today: NaiveDate) -> Field {
    Field::text(
        key,
        &label.text(lang),
        &today.format("%Y-%m-%d").to_string(),
    )
    .required()
    .hint(T::DateExample.text(lang))
}

impl App {
    fn selected_unit(&self) -> Option<i64> {
        match self.members.view {
            MemberView::Units => self.members.units.get(self.members.selected).map(|u| u.id),
            _ => None,
        }
    }

    /// The §3 commands: each opens its form on the selected member or unit.
    pub(super) fn members_work_command(&mut self, cmd: MembersCmd) -> Vec<Effect> {
        let lang = self.lang;
        let today = self.today();
        let member = self
            .members
            .member
            .as_ref()
            .map(|d| d.member.clone())
            .filter(|m| self.selected_member_id() == Some(m.id));
        let form = match cmd {
            MembersCmd::Register
            | MembersCmd::KeySelect
            | MembersCmd::Retire
            | MembersCmd::EditMember
            | MembersCmd::EndAssignment => {
                let Some(m) = member else {
                    self.flash(T::SelectAMemberInTheMembers.text(lang), MsgKind::Error);
                    return vec![];
                };
                let title = format!("{} · {}", m.name, m.unit);
                match cmd {
                    MembersCmd::Register => (
                        MembersForm::Register { member_id: m.id },
                        Form::new(
                            format!("{title} · {}", T::RegisterWithCommunity.text(lang)),
                            vec![date_field(lang, F::Date, T::RegisteredOn, today)],
                        ),
                    ),
                    MembersCmd::KeySelect => (
                        MembersForm::KeySelect { member_id: m.id },
                        Form::new(
                            format!("{title} · {}", T::KeySelection.text(lang)),
                            vec![
                                Field::choice(
                                    F::Kind,
                                    &T::KeySelection.text(lang),
                                    vec![
                                        Opt::new(T::KeySelectedYes.text(lang), Val::Nth(0)),
                                        Opt::new(T::KeySelectedNo.text(lang), Val::Nth(1)),
                                    ],
                                    Some(Val::Nth(if m.key_selected { 1 } else { 0 })),
                                ),
                                Field::choice(
                                    F::ChosenBy,
                                    &T::SelectedHow.text(lang),
                                    SelectedBy::ALL
                                        .iter()
                                        .enumerate()
                                        .map(|(i, b)| {
                                            Opt::new(b.label(lang).to_string(), Val::Nth(i))
                                        })
                                        .collect(),
                                    Some(Val::Nth(0)),
                                ),
                                date_field(lang, F::Date, T::ChangedOn, today),
                            ],
                        ),
                    ),
                    MembersCmd::Retire => (
                        MembersForm::Retire { member_id: m.id },
                        Form::new(
                            format!("{title} · {}", T::RetireMember.text(lang)),
                            vec![
                                Field::text(F::Reason, &T::ReasonShort.text(lang), "").required(),
                                date_field(lang, F::Date, T::ChangedOn, today),
                            ],
                        ),
                    ),
                    MembersCmd::EditMember => (
                        MembersForm::EditMember { member_id: m.id },
                        Form::new(
                            format!("{title} · {}", T::EditMember.text(lang)),
                            vec![
                                Field::text(F::Position, &T::Position.text(lang), &m.position),
                                Field::text(
                                    F::Profession,
                                    &T::Profession.text(lang),
                                    &m.profession,
                                ),
                                Field::text(F::Skills, &T::Skills.text(lang), &m.skills),
                                Field::text(
                                    F::Mobile,
                                    &T::Mobile.text(lang),
                                    m.mobile.as_deref().unwrap_or(""),
                                ),
                                date_field(lang, F::Date, T::ChangedOn, today),
                            ],
                        ),
                    ),
                    _ => {
                        let households: Vec<Opt> = self
                            .members
                            .member
                            .as_ref()
                            .map(|d| {
                                d.households
                                    .iter()
                                    .map(|h| {
                                        Opt::new(format!("{} {}", h.head, h.address), Val::Id(h.id))
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        if households.is_empty() {
                            self.flash(T::MemberServesNoHousehold.text(lang), MsgKind::Error);
                            return vec![];
                        }
                        let first = households.first().map(|o| o.value);
                        (
                            MembersForm::EndAssignment { member_id: m.id },
                            Form::new(
                                format!("{title} · {}", T::EndAssignment.text(lang)),
                                vec![
                                    Field::choice(
                                        F::Household,
                                        &T::HouseholdShort.text(lang),
                                        households,
                                        first,
                                    )
                                    .required(),
                                    Field::text(F::Reason, &T::ReasonShort.text(lang), "")
                                        .required(),
                                    date_field(lang, F::Date, T::ChangedOn, today),
                                ],
                            ),
                        )
                    }
                }
            }
            _ => {
                let Some(unit) = self.selected_unit() else {
                    self.flash(T::SelectAUnitFirst.text(lang), MsgKind::Error);
                    return vec![];
                };
                let name = self
                    .members
                    .units
                    .iter()
                    .find(|u| u.id == unit)
                    .map(|u| u.name.clone())
                    .unwrap_or_default();
                match cmd {
                    MembersCmd::Inspect => (
                        MembersForm::Inspect { unit_id: unit },
                        Form::new(
                            format!("{name} · {}", T::RandomInspection.text(lang)),
                            vec![
                                Field::text(F::Count, &T::HowManyMembers.text(lang), "3")
                                    .required(),
                            ],
                        ),
                    ),
                    MembersCmd::Findings => {
                        let Some((id, _)) = self
                            .members
                            .unit_work
                            .get(self.members.selected)
                            .and_then(|w| w.inspection)
                        else {
                            self.flash(T::NoInspectionYet.text(lang), MsgKind::Error);
                            return vec![];
                        };
                        (
                            MembersForm::Findings { id },
                            Form::new(
                                format!("{name} · {}", T::FindingsField.text(lang)),
                                vec![
                                    Field::multiline(F::Note, &T::FindingsField.text(lang), "")
                                        .required(),
                                ],
                            ),
                        )
                    }
                    MembersCmd::Meeting => {
                        let (y, q) = crate::domain::members::quarter(today);
                        (
                            MembersForm::Meeting { unit_id: unit },
                            Form::new(
                                format!("{name} · {}", T::QuarterlyMeeting.text(lang)),
                                vec![
                                    Field::text(F::Year, &T::Year.text(lang), &y.to_string())
                                        .required(),
                                    Field::text(
                                        F::Quarter,
                                        &T::QuarterShort.text(lang),
                                        &q.to_string(),
                                    )
                                    .required(),
                                    date_field(lang, F::Date, T::HeldOn, today),
                                    Field::multiline(F::Note, &T::NotesField.text(lang), ""),
                                ],
                            ),
                        )
                    }
                    _ => (
                        MembersForm::Oversight { unit_id: unit },
                        Form::new(
                            format!("{name} · {}", T::OversightLog.text(lang)),
                            vec![
                                Field::choice(
                                    F::Kind,
                                    &T::KindField.text(lang),
                                    OversightKind::ALL
                                        .iter()
                                        .enumerate()
                                        .map(|(i, k)| {
                                            Opt::new(k.label(lang).to_string(), Val::Nth(i))
                                        })
                                        .collect(),
                                    Some(Val::Nth(0)),
                                ),
                                Field::choice(
                                    F::Party,
                                    &T::OversightByField.text(lang),
                                    OversightBy::ALL
                                        .iter()
                                        .enumerate()
                                        .map(|(i, k)| {
                                            Opt::new(k.label(lang).to_string(), Val::Nth(i))
                                        })
                                        .collect(),
                                    Some(Val::Nth(0)),
                                ),
                                date_field(lang, F::Date, T::HeldOn, today),
                                Field::multiline(F::Note, &T::FindingsField.text(lang), "")
                                    .required(),
                            ],
                        ),
                    ),
                }
            }
        };
        self.form = Some(OpenForm::new(FormKind::Members(form.0), form.1));
        vec![]
    }

    /// The §3 forms: check what was typed, then ask for the change.
    pub(super) fn submit_members_work(&mut self, kind: MembersForm) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let fx = |e: WorkEffect| vec![Effect::Members(MembersEffect::Work(e))];
        let on = match parse_date(&f.text(F::Date)) {
            Ok(d) => d,
            Err(p) => return fail(f, F::Date, p.text(lang).to_string()),
        };
        match kind {
            MembersForm::Register { member_id } => fx(WorkEffect::Register { member_id, on }),
            MembersForm::KeySelect { member_id } => {
                let key = f.nth(F::Kind) == Some(0);
                let how = f
                    .nth(F::ChosenBy)
                    .and_then(|i| SelectedBy::ALL.get(i).copied());
                fx(WorkEffect::Change {
                    member_id,
                    mv: MemberMove::KeySelection {
                        key,
                        how: how.filter(|_| key),
                    },
                    on,
                })
            }
            MembersForm::Retire { member_id } => fx(WorkEffect::Change {
                member_id,
                mv: MemberMove::Retire {
                    reason: f.text(F::Reason),
                },
                on,
            }),
            MembersForm::EditMember { member_id } => fx(WorkEffect::Change {
                member_id,
                mv: MemberMove::Edit {
                    position: f.text(F::Position),
                    profession: f.text(F::Profession),
                    skills: f.text(F::Skills),
                    mobile: f.text(F::Mobile),
                },
                on,
            }),
            MembersForm::EndAssignment { member_id } => match f.id(F::Household) {
                Some(household_id) => fx(WorkEffect::Change {
                    member_id,
                    mv: MemberMove::EndAssignment {
                        household_id,
                        reason: f.text(F::Reason),
                    },
                    on,
                }),
                None => fail(f, F::Household, T::MemberServesNoHousehold.text(lang)),
            },
            MembersForm::Meeting { unit_id } => {
                let Ok(year) = f.text(F::Year).trim().parse::<i32>() else {
                    return fail(f, F::Year, T::EnterAYear.text(lang));
                };
                let quarter = f.text(F::Quarter).trim().parse::<u32>().unwrap_or(0);
                fx(WorkEffect::Meeting {
                    unit_id,
                    year,
                    quarter,
                    held_on: on,
                    notes: f.text(F::Note),
                })
            }
            MembersForm::Oversight { unit_id } => fx(WorkEffect::Oversight {
                kind: f
                    .nth(F::Kind)
                    .and_then(|i| OversightKind::ALL.get(i).copied())
                    .unwrap_or(OversightKind::Inspection),
                by: f
                    .nth(F::Party)
                    .and_then(|i| OversightBy::ALL.get(i).copied())
                    .unwrap_or(OversightBy::Organization),
                on,
                unit_id: Some(unit_id),
                findings: f.text(F::Note),
            }),
            _ => vec![],
        }
    }

    /// The forms without a date.
    pub(super) fn submit_members_work_undated(&mut self, kind: MembersForm) -> Vec<Effect> {
        let lang = self.lang;
        let Some(f) = form_to_check(&mut self.form) else {
            return vec![];
        };
        let fx = |e: WorkEffect| vec![Effect::Members(MembersEffect::Work(e))];
        match kind {
            MembersForm::Inspect { unit_id } => match f.text(F::Count).trim().parse::<u32>() {
                Ok(n) => fx(WorkEffect::Inspect { unit_id, n }),
                Err(_) => fail(
                    f,
                    F::Count,
                    T::InspectionSize.fill(
                        lang,
                        &[
                            crate::domain::members::work::INSPECTION_RANGE.start(),
                            crate::domain::members::work::INSPECTION_RANGE.end(),
                        ],
                    ),
                ),
            },
            MembersForm::Findings { id } => fx(WorkEffect::Findings {
                id,
                text: f.text(F::Note),
            }),
            _ => vec![],
        }
    }
}

impl Ctx {
    pub(super) fn run_members_work(
        &mut self,
        actor: &Actor,
        e: WorkEffect,
        now: NaiveDateTime,
    ) -> MembersOutcome {
        let lang = self.lang;
        let r: Result<String, StoreError> = match e {
            WorkEffect::LoadUnit(id) => {
                return match self.load_unit(id, now.date()) {
                    Ok(d) => MembersOutcome::Unit(Box::new(d)),
                    Err(e) => MembersOutcome::Saved(Err(self.msg(e))),
                };
            }
            WorkEffect::Register { member_id, on } => self
                .store
                .register_member(actor, member_id, on, now)
                .map(|_| T::MemberRegistered.text(lang)),
            WorkEffect::Change { member_id, mv, on } => self
                .store
                .change_member(actor, member_id, &mv, on, now)
                .map(|_| T::MemberChanged.text(lang)),
            WorkEffect::Inspect { unit_id, n } => (|| {
                let (id, picked, receipt) = self.store.draw_inspection(
                    actor,
                    unit_id,
                    n,
                    &crate::store::draws::nonce(),
                    now,
                )?;
                let names: Vec<String> = picked
                    .iter()
                    .map(|m| self.store.member(*m).map(|m| m.name))
                    .collect::<Result<_, _>>()?;
                std::fs::create_dir_all(&self.print_dir)?;
                let file = self
                    .print_dir
                    .join(format!("随机检查调阅凭据-{unit_id}-{id}.txt"));
                std::fs::write(&file, &receipt)?;
                Ok(T::InspectionDrawn
                    .fill(
                        lang,
                        &[&names.join(T::ListSeparator.get(lang)), &file.display()],
                    )
                    .to_string())
            })(),
            WorkEffect::Findings { id, text } => self
                .store
                .record_inspection_findings(actor, id, &text, now)
                .map(|_| T::FindingsRecorded.text(lang)),
            WorkEffect::Meeting {
                unit_id,
                year,
                quarter,
                held_on,
                notes,
            } => self
                .store
                .record_unit_meeting(actor, unit_id, year, quarter, held_on, &notes, now)
                .map(|_| T::MeetingRecorded.text(lang)),
            WorkEffect::Oversight {
                kind,
                by,
                on,
                unit_id,
                findings,
            } => self
                .store
                .log_oversight(actor, kind, by, on, unit_id, None, &findings, now)
                .map(|_| T::OversightRecorded.text(lang)),
        };
        MembersOutcome::Saved(r.map_err(|e| self.msg(e)))
    }

    fn load_unit(&self, unit_id: i64, today: NaiveDate) -> Result<UnitDetail, StoreError> {
        let (y, q) = crate::domain::members::quarter(today);
        let inspections: Vec<_> = self
            .store
            .inspections(Some(unit_id))?
            .into_iter()
            .take(3)
            .collect();
        let mut names = std::collections::BTreeMap::new();
        for i in &inspections {
            for m in &i.members {
                names.insert(*m, self.store.member(*m)?.name);
            }
        }
        Ok(UnitDetail {
            unit_id,
            unregistered: self
                .store
                .unregistered_members(Some(unit_id))?
                .into_iter()
                .map(|m| m.name)
                .collect(),
            without_contact: self
                .store
                .members_without_contact(unit_id, y, q)?
                .into_iter()
                .map(|m| m.name)
                .collect(),
            quarter: (y, q),
            meeting: self.store.unit_meeting(unit_id, y, q)?,
            inspections,
            oversight: self
                .store
                .oversight_log(200)?
                .into_iter()
                .filter(|o| o.unit_id == Some(unit_id))
                .take(5)
                .collect(),
            names,
        })
    }

    /// Each unit's work this quarter, for the units list.
    pub(super) fn unit_work(
        &self,
        units: &[crate::records::members::UnitShare],
        today: NaiveDate,
    ) -> Result<Vec<UnitWork>, StoreError> {
        let (y, q) = crate::domain::members::quarter(today);
        let _ = today.year();
        units
            .iter()
            .map(|u| {
                Ok(UnitWork {
                    unregistered: self.store.unregistered_members(Some(u.id))?.len(),
                    without_contact: self.store.members_without_contact(u.id, y, q)?.len(),
                    meeting: self.store.unit_meeting(u.id, y, q)?.map(|m| m.0),
                    inspection: self
                        .store
                        .inspections(Some(u.id))?
                        .first()
                        .map(|i| (i.id, !i.findings.is_empty())),
                })
            })
            .collect()
    }
}
