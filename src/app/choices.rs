//! Choices and error mapping shared by the forms of several panes.

use super::App;
use super::form::{FieldId as F, Form, Opt, Val};
use crate::domain::Problem;
use crate::domain::vocab::{Lang, PlaceKind};
use crate::text::T;

/// The active petition categories, for a choice.
pub(crate) fn category_opts(app: &App) -> Vec<Opt> {
    app.refs
        .categories
        .iter()
        .filter(|c| c.active)
        .map(|c| Opt::new(c.name.clone(), Val::Id(c.id)))
        .collect()
}

/// Intake problems as errors of the one-petitioner forms of this pane.
pub(crate) fn intake_errors(
    problems: Vec<crate::domain::intake::FieldProblem>,
    lang: Lang,
) -> impl Iterator<Item = (String, String)> {
    problems.into_iter().map(move |p| {
        let k = p
            .field
            .strip_prefix("petitioner.0.")
            .unwrap_or(&p.field)
            .to_string();
        (k, p.problem.text(lang).to_string())
    })
}

impl App {
    pub(crate) fn leader_opts(&self, with_none: Option<String>) -> Vec<Opt> {
        let mut v: Vec<Opt> = with_none
            .map(|n| Opt::new(n, Val::None))
            .into_iter()
            .collect();
        v.extend(
            self.refs
                .leaders
                .iter()
                .filter(|x| x.active)
                .map(|x| Opt::new(format!("{} {}", x.name, x.position), Val::Id(x.id))),
        );
        v
    }

    pub(crate) fn community_opts(&self) -> Vec<Opt> {
        self.refs
            .places
            .iter()
            .filter(|p| p.active && p.kind != PlaceKind::Town)
            .map(|p| Opt::new(p.name.clone(), Val::Id(p.id)))
            .collect()
    }
}

/// The form has problems; they are shown on its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

/// A choice among a vocabulary's values in the desk's language, valued by position.
pub(crate) fn vocab_opts<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<Opt> {
    all.iter()
        .enumerate()
        .map(|(i, v)| Opt::new(label(*v), Val::Nth(i)))
        .collect()
}

pub(crate) fn idx_of<T: PartialEq>(all: &[T], v: T) -> Option<Val> {
    all.iter().position(|x| *x == v).map(Val::Nth)
}

pub(crate) fn pick_vocab<T: Copy>(all: &[T], v: Option<usize>) -> Option<T> {
    v.and_then(|i| all.get(i).copied())
}

pub(crate) fn yes_no(lang: Lang) -> Vec<Opt> {
    vec![
        Opt::new(T::No.text(lang), Val::Nth(0)),
        Opt::new(T::Yes.text(lang), Val::Nth(1)),
    ]
}

pub(crate) fn err(form: &mut Form, key: F, p: Problem, lang: Lang) {
    form.errors.insert(key, p.text(lang).to_string());
}

/// The open form (if any) with its earlier errors and message cleared, ready to be checked
/// again. Takes the field, not the desk, so the rest of the desk stays readable meanwhile.
pub(crate) fn form_to_check(form: &mut Option<super::OpenForm>) -> Option<&mut Form> {
    let of = form.as_mut()?;
    of.form.errors.clear();
    of.form.message = None;
    Some(&mut of.form)
}

/// Marks a field wrong and keeps the form open: nothing to run.
pub(crate) fn fail(f: &mut Form, key: F, msg: String) -> Vec<super::Effect> {
    f.set_error(key, msg);
    vec![]
}

/// Which field of a staff form (or the first-run form) a problem with a staff record belongs to,
/// by what the problem is.
pub fn staff_field(p: &Problem) -> F {
    match (p.field(), p.kind()) {
        (Some(T::PositionField), _) => F::Position,
        (Some(T::StaffNumberField), _) | (_, T::StaffNumberIs1To) => F::StaffNo,
        (Some(T::DepartmentField), _)
        | (
            _,
            T::DepartmentUserNeedsDepartment
            | T::OnlyDepartmentUsersBelongTo
            | T::ThatDepartmentIsInactive,
        ) => F::Department,
        (_, T::PINIs4To12 | T::NewAccountNeedsInitialPin | T::CouldNotHashPIN) => F::Pin,
        _ => F::Name,
    }
}
