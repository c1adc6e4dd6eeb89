//! Registering a petition: the fields, their validation, field by field.

use crate::domain::Arg;
use crate::text::T;
use chrono::NaiveDate;

use super::Problem;
use super::person::{normalize_mobile, validate_resident_id};
use super::text::clean_input;
use super::vocab::{Channel, Urgency};

pub const NAME_MAX: usize = 20;
pub const ADDRESS_MAX: usize = 100;
pub const SUMMARY_MAX: usize = 60;
pub const CONTENT_MAX: usize = 5000;
pub const REQUEST_MAX: usize = 1000;
pub const MAX_PETITIONERS: usize = 10;
pub const MAX_HEAD_COUNT: i64 = 100_000;

/// A petitioner as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetitionerForm {
    pub name: String,
    pub mobile: String,
    pub resident_id: String,
    pub address: String,
    pub place_id: Option<i64>,
}

/// A validated petitioner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Petitioner {
    pub name: String,
    pub mobile: String,
    pub resident_id: Option<String>,
    pub address: String,
    pub place_id: Option<i64>,
}

/// Who received the petition: 首办负责, the first handler owns it to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstHandler {
    Staff(i64),
    Leader(i64),
}

/// The intake form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeForm {
    pub channel: Option<Channel>,
    pub petitioners: Vec<PetitionerForm>,
    pub collective: bool,
    pub head_count: String,
    pub category_id: Option<i64>,
    pub summary: String,
    pub content: String,
    pub request: String,
    pub urgency: Urgency,
    pub first_handler: Option<FirstHandler>,
    pub visit_ref: String,
}

/// A validated intake, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    pub channel: Channel,
    pub petitioners: Vec<Petitioner>,
    pub collective: bool,
    pub head_count: Option<i64>,
    pub category_id: i64,
    pub summary: String,
    pub content: String,
    pub request: String,
    pub urgency: Urgency,
    pub first_handler: FirstHandler,
    pub visit_ref: Option<String>,
}

/// A problem with one field. `field` names it: `summary`, `petitioner.0.mobile` …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

fn push<T>(
    out: &mut Vec<FieldProblem>,
    field: impl Into<String>,
    r: Result<T, Problem>,
) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(problem) => {
            out.push(FieldProblem {
                field: field.into(),
                problem,
            });
            None
        }
    }
}

fn required<V>(v: Option<V>, field: T) -> Result<V, Problem> {
    v.ok_or_else(|| Problem::with(T::ChooseThe, vec![Arg::Text(field)]))
}

/// Validates a petitioner on its own (also used while typing, for the repeat lookup).
pub fn validate_petitioner(
    p: &PetitionerForm,
    today: NaiveDate,
    i: usize,
    out: &mut Vec<FieldProblem>,
) -> Option<Petitioner> {
    let name = push(
        out,
        format!("petitioner.{i}.name"),
        clean_input(&p.name, NAME_MAX, false, true),
    );
    let mobile = push(
        out,
        format!("petitioner.{i}.mobile"),
        normalize_mobile(&p.mobile),
    );
    let rid = if p.resident_id.trim().is_empty() {
        Some(None)
    } else {
        push(
            out,
            format!("petitioner.{i}.resident_id"),
            validate_resident_id(&p.resident_id, today).map(Some),
        )
    };
    let address = push(
        out,
        format!("petitioner.{i}.address"),
        clean_input(&p.address, ADDRESS_MAX, false, false),
    );
    Some(Petitioner {
        name: name?,
        mobile: mobile?,
        resident_id: rid?,
        address: address?,
        place_id: p.place_id,
    })
}

/// Validates the whole form; returns every field's problem at once.
pub fn validate(f: &IntakeForm, today: NaiveDate) -> Result<Intake, Vec<FieldProblem>> {
    let mut out = vec![];
    let channel = push(&mut out, "channel", required(f.channel, T::ChannelField));
    if f.petitioners.is_empty() {
        out.push(FieldProblem {
            field: "petitioner.0.name".into(),
            problem: Problem::of(T::AtLeastOnePetitionerIs),
        });
    }
    if f.petitioners.len() > MAX_PETITIONERS {
        out.push(FieldProblem {
            field: "petitioner.0.name".into(),
            problem: Problem::fill(
                T::AtMostPetitionersRegisterRepresentatives,
                &[&MAX_PETITIONERS],
            ),
        });
    }
    let mut petitioners = vec![];
    for (i, p) in f.petitioners.iter().enumerate() {
        if let Some(v) = validate_petitioner(p, today, i, &mut out) {
            petitioners.push(v);
        }
    }
    let head_count = if f.collective {
        let t = f.head_count.trim();
        push(
            &mut out,
            "head_count",
            match t.parse::<i64>() {
                Ok(n) if (2..=MAX_HEAD_COUNT).contains(&n) => Ok(Some(n)),
                _ => Err(Problem::fill(
                    T::CollectivePetitionNeedsHeadCount,
                    &[&MAX_HEAD_COUNT],
                )),
            },
        )
    } else {
        Some(None)
    };
    let category_id = push(
        &mut out,
        "category",
        required(f.category_id, T::CategoryField),
    );
    let summary = push(
        &mut out,
        "summary",
        clean_input(&f.summary, SUMMARY_MAX, false, true),
    );
    let content = push(
        &mut out,
        "content",
        clean_input(&f.content, CONTENT_MAX, true, true),
    );
    let request = push(
        &mut out,
        "request",
        clean_input(&f.request, REQUEST_MAX, true, true),
    );
    let first_handler = push(
        &mut out,
        "first_handler",
        required(f.first_handler, T::FirstHandlerField),
    );
    let visit_ref = push(
        &mut out,
        "visit_ref",
        clean_input(&f.visit_ref, 60, false, false),
    );
    if !out.is_empty() {
        return Err(out);
    }
    match (
        channel,
        head_count,
        category_id,
        summary,
        content,
        request,
        first_handler,
        visit_ref,
    ) {
        (
            Some(channel),
            Some(head_count),
            Some(category_id),
            Some(summary),
            Some(content),
            Some(request),
            Some(first_handler),
            Some(visit_ref),
        ) => Ok(Intake {
            channel,
            petitioners,
            collective: f.collective,
            head_count,
            category_id,
            summary,
            content,
            request,
            urgency: f.urgency,
            first_handler,
            visit_ref: Some(visit_ref).filter(|v| !v.is_empty()),
        }),
        _ => Err(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn good() -> IntakeForm {
        IntakeForm {
            channel: Some(Channel::Visit),
            petitioners: vec![PetitionerForm {
                name: "张三".into(),
                mobile: "138 1234 5678".into(),
                resident_id: "11010519491231002x".into(),
                address: "仙城社区3号楼2单元".into(),
                place_id: Some(1),
            }],
            collective: false,
            head_count: String::new(),
            category_id: Some(1),
            summary: "小区物业费上涨".into(),
            content: "物业公司未经业主大会同意上调物业费。\n要求说明依据。".into(),
            request: "恢复原收费标准".into(),
            urgency: Urgency::Normal,
            first_handler: Some(FirstHandler::Staff(3)),
            visit_ref: String::new(),
        }
    }

    #[test]
    fn a_good_form_validates_and_normalises() {
        let i = validate(&good(), today()).unwrap();
        assert_eq!(i.petitioners[0].mobile, "13812345678");
        assert_eq!(
            i.petitioners[0].resident_id.as_deref(),
            Some("11010519491231002X")
        );
        assert_eq!(i.visit_ref, None);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let mut f = good();
        f.channel = None;
        f.petitioners[0].mobile = "12345".into();
        f.petitioners[0].resident_id = "110105194912310021".into();
        f.summary = String::new();
        f.collective = true;
        f.head_count = "一百".into();
        let errs = validate(&f, today()).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "channel",
                "petitioner.0.mobile",
                "petitioner.0.resident_id",
                "head_count",
                "summary"
            ]
        );
    }

    #[test]
    fn resident_id_is_optional() {
        let mut f = good();
        f.petitioners[0].resident_id = " ".into();
        assert_eq!(
            validate(&f, today()).unwrap().petitioners[0].resident_id,
            None
        );
    }
}
