//! The admin pane's forms: reference data and staff.

use crate::app::choices::{Invalid, err, idx_of, pick_vocab, staff_field, vocab_opts, yes_no};
use crate::app::form::{Field, FieldId as F, Form, Opt, Val};
use crate::app::intake::place_opts;
use crate::app::{AdminEffect, AdminTab, Effect, FormKind, OpenForm};
use crate::domain::limits::validate_limit_days;
use crate::domain::org::{self as org_rules, leader_input, staff_input};
use crate::domain::roles::validate_staff_no;
use crate::domain::vocab::{CenterLevel, DayKind, LimitPhase, PlaceKind, Role, Urgency};
use crate::domain::{Lang, Problem};
use crate::records::org::{RefEdit, RefTable, Refs};
use crate::text::T;

pub fn admin_len(refs: &Refs, tab: AdminTab) -> usize {
    match tab {
        AdminTab::Places => refs.places.len(),
        AdminTab::Centers => refs.centers.len(),
        AdminTab::Departments => refs.departments.len(),
        AdminTab::Leaders => refs.leaders.len(),
        AdminTab::Categories => refs.categories.len(),
        AdminTab::Limits => refs.limits.len(),
        AdminTab::Staff => refs.staff.len(),
    }
}

pub fn admin_id(refs: &Refs, tab: AdminTab, i: usize) -> Option<i64> {
    match tab {
        AdminTab::Places => refs.places.get(i).map(|x| x.id),
        AdminTab::Centers => refs.centers.get(i).map(|x| x.id),
        AdminTab::Departments => refs.departments.get(i).map(|x| x.id),
        AdminTab::Leaders => refs.leaders.get(i).map(|x| x.id),
        AdminTab::Categories => refs.categories.get(i).map(|x| x.id),
        AdminTab::Limits => refs.limits.get(i).map(|x| x.id),
        AdminTab::Staff => refs.staff.get(i).map(|x| x.id),
    }
}

/// (table, id, active) of the selected row; table `None` is a staff account.
pub fn admin_toggle(refs: &Refs, tab: AdminTab, i: usize) -> Option<(Option<RefTable>, i64, bool)> {
    match tab {
        AdminTab::Places => refs
            .places
            .get(i)
            .map(|x| (Some(RefTable::Places), x.id, x.active)),
        AdminTab::Centers => refs
            .centers
            .get(i)
            .map(|x| (Some(RefTable::Centers), x.id, x.active)),
        AdminTab::Departments => refs
            .departments
            .get(i)
            .map(|x| (Some(RefTable::Departments), x.id, x.active)),
        AdminTab::Leaders => refs
            .leaders
            .get(i)
            .map(|x| (Some(RefTable::Leaders), x.id, x.active)),
        AdminTab::Categories => refs
            .categories
            .get(i)
            .map(|x| (Some(RefTable::Categories), x.id, x.active)),
        AdminTab::Limits => None,
        AdminTab::Staff => refs.staff.get(i).map(|x| (None, x.id, x.active)),
    }
}

pub fn admin_form(lang: Lang, refs: &Refs, tab: AdminTab, id: Option<i64>) -> OpenForm {
    let verb = if id.is_some() {
        T::Edit.text(lang)
    } else {
        T::Add.text(lang)
    };
    let title = format!("{verb} · {}", tab.label(lang));
    let towns: Vec<Opt> = refs
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Town)
        .map(|p| Opt::new(&p.name, Val::Id(p.id)))
        .collect();
    let village = idx_of(PlaceKind::ALL, PlaceKind::Village).unwrap_or(Val::Nth(2));
    let fields = match tab {
        AdminTab::Places => place_fields(lang, refs, id, towns, village),
        AdminTab::Centers => {
            let c = id.and_then(|id| refs.center(id));
            vec![
                Field::text(
                    F::Name,
                    &T::Name.text(lang),
                    c.map(|x| x.name.as_str()).unwrap_or(""),
                )
                .required(),
                Field::choice(
                    F::Level,
                    &T::Level.text(lang),
                    vocab_opts(CenterLevel::ALL, |k| k.label(lang)),
                    c.and_then(|x| idx_of(CenterLevel::ALL, x.level))
                        .or(Some(Val::Nth(0))),
                ),
                Field::choice(
                    F::Place,
                    &T::Place.text(lang),
                    place_opts(lang, refs),
                    (c.and_then(|x| x.place_id).or(Some(-1))).map(Val::Id),
                ),
            ]
        }
        AdminTab::Departments => {
            let d = id.and_then(|id| refs.department(id));
            vec![
                Field::text(
                    F::Name,
                    &T::Name.text(lang),
                    d.map(|x| x.name.as_str()).unwrap_or(""),
                )
                .required(),
                Field::choice(
                    F::Supervision,
                    &T::SupervisionOffice.text(lang),
                    yes_no(lang),
                    Some(Val::Nth(d.map(|x| x.supervision as usize).unwrap_or(0))),
                ),
            ]
        }
        AdminTab::Leaders => leader_fields(lang, refs, id),
        AdminTab::Categories => {
            let c = id.and_then(|id| refs.category(id));
            vec![
                Field::text(
                    F::Name,
                    &T::Name.text(lang),
                    c.map(|x| x.name.as_str()).unwrap_or(""),
                )
                .required(),
            ]
        }
        AdminTab::Limits => limit_fields(lang, refs, id),
        AdminTab::Staff => {
            let s = id.and_then(|id| refs.staff_member(id));
            let dept_role = idx_of(Role::ALL, Role::Department).unwrap_or(Val::Nth(3));
            let f = vec![
                Field::text(
                    F::StaffNo,
                    &T::StaffNumber.text(lang),
                    s.map(|x| x.staff_no.as_str()).unwrap_or(""),
                )
                .required(),
                Field::text(
                    F::Name,
                    &T::PersonName.text(lang),
                    s.map(|x| x.name.as_str()).unwrap_or(""),
                )
                .required(),
                Field::choice(
                    F::Role,
                    &T::Role.text(lang),
                    vocab_opts(Role::ALL, |r| r.label(lang)),
                    s.and_then(|x| idx_of(Role::ALL, x.role))
                        .or(Some(Val::Nth(2))),
                ),
                Field::choice(
                    F::Center,
                    &T::Center.text(lang),
                    refs.centers
                        .iter()
                        .map(|c| Opt::new(&c.name, Val::Id(c.id)))
                        .collect(),
                    (s.map(|x| x.center_id)
                        .or(refs.centers.first().map(|c| c.id)))
                    .map(Val::Id),
                ),
                Field::choice(
                    F::Department,
                    &T::Department.text(lang),
                    refs.departments
                        .iter()
                        .map(|d| Opt::new(&d.name, Val::Id(d.id)))
                        .collect(),
                    (s.and_then(|x| x.department_id)).map(Val::Id),
                )
                .show_if(F::Role, vec![dept_role]),
                Field::secret(
                    F::Pin,
                    &if id.is_some() {
                        T::ResetPinBlankKeepsIt.text(lang)
                    } else {
                        T::InitialPin.text(lang)
                    },
                ),
            ];
            return OpenForm::new(FormKind::Staff(id), Form::new(title, f));
        }
    };
    OpenForm::new(FormKind::Ref(tab, id), Form::new(title, fields))
}

/// The fields of a community or village (and the township a village belongs to).
fn place_fields(
    lang: Lang,
    refs: &Refs,
    id: Option<i64>,
    towns: Vec<Opt>,
    village: Val,
) -> Vec<Field> {
    let p = id.and_then(|id| refs.place(id));
    vec![
        Field::text(
            F::Name,
            &T::Name.text(lang),
            p.map(|x| x.name.as_str()).unwrap_or(""),
        )
        .required(),
        Field::choice(
            F::Kind,
            &T::Kind.text(lang),
            vocab_opts(PlaceKind::ALL, |k| k.label(lang)),
            p.and_then(|x| idx_of(PlaceKind::ALL, x.kind))
                .or(Some(Val::Nth(0))),
        ),
        Field::choice(
            F::Parent,
            &T::Township.text(lang),
            towns,
            (p.and_then(|x| x.parent_id)).map(Val::Id),
        )
        .show_if(F::Kind, vec![village]),
    ]
}

/// The fields of a district leader.
fn leader_fields(lang: Lang, refs: &Refs, id: Option<i64>) -> Vec<Field> {
    let x = id.and_then(|id| refs.leader(id));
    vec![
        Field::text(
            F::Name,
            &T::PersonName.text(lang),
            x.map(|x| x.name.as_str()).unwrap_or(""),
        )
        .required(),
        Field::text(
            F::Position,
            &T::Position.text(lang),
            x.map(|x| x.position.as_str()).unwrap_or(""),
        )
        .required(),
        Field::text(
            F::Portfolio,
            &T::Portfolio.text(lang),
            x.map(|x| x.portfolio.as_str()).unwrap_or(""),
        ),
        Field::text(
            F::PortfolioCats,
            &T::PortfolioCategories.text(lang),
            &x.map(|x| {
                x.categories
                    .iter()
                    .map(|c| refs.category_name(*c))
                    .collect::<Vec<_>>()
                    .join("、")
            })
            .unwrap_or_default(),
        ),
        Field::text(
            F::Liaison,
            &T::Liaison.text(lang),
            x.map(|x| x.liaison.as_str()).unwrap_or(""),
        ),
        Field::choice(
            F::Kind,
            &T::Kind.text(lang),
            vocab_opts(crate::domain::vocab::LeaderKind::ALL, |k| k.label(lang)),
            x.and_then(|x| idx_of(crate::domain::vocab::LeaderKind::ALL, x.kind))
                .or(Some(Val::Nth(0))),
        ),
    ]
}

/// The fields of a time limit (办理时限) rule.
fn limit_fields(lang: Lang, refs: &Refs, id: Option<i64>) -> Vec<Field> {
    let r = id
        .and_then(|id| refs.limits.iter().find(|x| x.id == id))
        .map(|x| &x.rule);
    let mut cats = vec![Opt::new(T::AllCategories.text(lang), Val::None)];
    cats.extend(
        refs.categories
            .iter()
            .map(|c| Opt::new(&c.name, Val::Id(c.id))),
    );
    let mut urg = vec![Opt::new(T::All.text(lang), Val::None)];
    urg.extend(vocab_opts(Urgency::ALL, |u| u.label(lang)));
    let mut fields = vec![];
    if id.is_none() {
        fields.extend([
            Field::choice(
                F::Phase,
                &T::Phase.text(lang),
                vocab_opts(LimitPhase::ALL, |p| p.label(lang)),
                Some(Val::Nth(1)),
            ),
            Field::choice(F::Category, &T::Category.text(lang), cats, Some(Val::None)),
            Field::choice(F::Urgency, &T::Urgency.text(lang), urg, Some(Val::None)),
        ]);
    }
    fields.extend([
        Field::text(
            F::Days,
            &T::DaysSameDayZero.text(lang),
            &r.map(|x| x.limit.days.to_string()).unwrap_or_default(),
        )
        .required(),
        Field::choice(
            F::DayKind,
            &T::CountedIn.text(lang),
            vocab_opts(DayKind::ALL, |k| k.label(lang)),
            r.and_then(|x| idx_of(DayKind::ALL, x.limit.kind))
                .or(Some(Val::Nth(0))),
        ),
    ]);
    fields
}

pub fn submit_admin(
    lang: Lang,
    refs: &Refs,
    f: &mut Form,
    tab: AdminTab,
    id: Option<i64>,
) -> Result<Vec<Effect>, Invalid> {
    f.errors.clear();
    f.message = None;
    let name = || org_rules::name(&f.text(F::Name), T::NameField);
    let edit = match tab {
        AdminTab::Places => name().map(|n| RefEdit::Place {
            id,
            name: n,
            kind: pick_vocab(PlaceKind::ALL, f.nth(F::Kind)).unwrap_or(PlaceKind::Community),
            parent_id: f.id(F::Parent),
        }),
        AdminTab::Centers => name().map(|n| RefEdit::Center {
            id,
            name: n,
            level: pick_vocab(CenterLevel::ALL, f.nth(F::Level)).unwrap_or(CenterLevel::Community),
            place_id: f.id(F::Place),
        }),
        AdminTab::Departments => name().map(|n| RefEdit::Department {
            id,
            name: n,
            supervision: f.choice(F::Supervision) == Some(Val::Nth(1)),
        }),
        AdminTab::Leaders => {
            let kind = pick_vocab(crate::domain::vocab::LeaderKind::ALL, f.nth(F::Kind))
                .unwrap_or(crate::domain::vocab::LeaderKind::PartyGov);
            leader_input(
                &f.text(F::Name),
                &f.text(F::Position),
                &f.text(F::Portfolio),
                kind.code(),
                &f.text(F::Liaison),
                &crate::domain::org::split_list(&f.text(F::PortfolioCats)),
            )
            .map(|input| RefEdit::Leader { id, input })
        }
        AdminTab::Categories => name().map(|n| RefEdit::Category { id, name: n }),
        AdminTab::Limits => {
            let days = f
                .text(F::Days)
                .trim()
                .parse::<i64>()
                .map_err(|_| Problem::of(T::DaysMustBeWholeNumber))
                .and_then(validate_limit_days);
            let existing = id
                .and_then(|id| refs.limits.iter().find(|x| x.id == id))
                .map(|x| x.rule.clone());
            days.map(|days| {
                let kind = pick_vocab(DayKind::ALL, f.nth(F::DayKind)).unwrap_or(DayKind::Working);
                match existing {
                    Some(r) => RefEdit::Limit {
                        id,
                        phase: r.phase,
                        category_id: r.category_id,
                        urgency: r.urgency,
                        days,
                        kind,
                    },
                    None => RefEdit::Limit {
                        id: None,
                        phase: pick_vocab(LimitPhase::ALL, f.nth(F::Phase))
                            .unwrap_or(LimitPhase::Handle),
                        category_id: f.id(F::Category),
                        urgency: pick_vocab(Urgency::ALL, f.nth(F::Urgency)),
                        days,
                        kind,
                    },
                }
            })
        }
        AdminTab::Staff => return Err(Invalid),
    };
    match edit {
        Ok(e) => Ok(vec![Effect::Admin(AdminEffect::SaveRef(e))]),
        Err(p) => {
            let key = if tab == AdminTab::Limits {
                F::Days
            } else {
                match staff_field(&p) {
                    F::Position => F::Position,
                    _ => F::Name,
                }
            };
            err(f, key, p, lang);
            let errors = std::mem::take(&mut f.errors);
            f.set_errors(errors);
            Err(Invalid)
        }
    }
}

pub fn submit_staff(
    lang: Lang,
    refs: &Refs,
    f: &mut Form,
    id: Option<i64>,
) -> Result<Vec<Effect>, Invalid> {
    f.errors.clear();
    f.message = None;
    let role = pick_vocab(Role::ALL, f.nth(F::Role)).unwrap_or(Role::Clerk);
    let center_id = f.id(F::Center);
    let department_id = if role == Role::Department {
        f.id(F::Department)
    } else {
        None
    };
    let pin = f.text(F::Pin);
    let pin = (!pin.is_empty()).then_some(pin);
    if let Err(p) = validate_staff_no(&f.text(F::StaffNo)) {
        err(f, F::StaffNo, p, lang);
    }
    let center_name = center_id
        .and_then(|c| refs.center(c))
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let dept_name = department_id
        .and_then(|d| refs.department(d))
        .map(|d| d.name.clone());
    match staff_input(
        &f.text(F::StaffNo),
        &f.text(F::Name),
        role.code(),
        &center_name,
        dept_name.as_deref(),
        pin.as_deref(),
    ) {
        Ok(input) if f.errors.is_empty() => match center_id {
            Some(center_id) => Ok(vec![Effect::Admin(AdminEffect::SaveStaff {
                id,
                input,
                center_id,
                department_id,
            })]),
            None => {
                err(f, F::Center, Problem::of(T::ChooseCenter), lang);
                Err(Invalid)
            }
        },
        Ok(_) => Err(Invalid),
        Err(p) => {
            let key = match staff_field(&p) {
                F::Position => F::Name,
                key => key,
            };
            err(f, key, p, lang);
            let errors = std::mem::take(&mut f.errors);
            f.set_errors(errors);
            Err(Invalid)
        }
    }
}
