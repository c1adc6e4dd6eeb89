//! The desk's forms: what fields each one has, and how a filled-in form becomes a domain input.
//! Validation is the domain's; this module only maps fields to inputs and problems to fields.

use chrono::NaiveDate;

use super::form::{Field, FieldId as F, Form, Opt, PetitionerField, Val};
use super::{AdminTab, Effect, FilterDim, FormKind, OpenForm};
use crate::domain::calendar::parse_date;
use crate::domain::flow::{Decision, DeptFacts, MergeTarget, Move, MoveKind};
use crate::domain::intake::{self, FirstHandler, IntakeForm, PetitionerForm};
use crate::domain::limits::{LimitRule, validate_limit_days};
use crate::domain::org::{self as org_rules, leader_input, staff_input};
use crate::domain::person::{normalize_mobile, validate_resident_id};
use crate::domain::roles::{validate_pin, validate_staff_no};
use crate::domain::vocab::{
    CenterLevel, Channel, Classification, DayKind, FeedbackMethod, Level, LimitPhase, PlaceKind,
    Resolution, Role, Satisfaction, Stage, State, Urgency,
};
use crate::domain::{Lang, Problem, parse_ticket_number};
use crate::store::org::{RefEdit, RefTable, Refs};
use crate::store::staff::Session;
use crate::store::tickets::TicketRecord;

/// The form has problems; they are shown on its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

fn l(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_string()
}

fn vocab_opts<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<Opt> {
    all.iter()
        .enumerate()
        .map(|(i, v)| Opt::new(label(*v), Val::Nth(i)))
        .collect()
}

fn idx_of<T: PartialEq>(all: &[T], v: T) -> Option<Val> {
    all.iter().position(|x| *x == v).map(Val::Nth)
}

fn pick_vocab<T: Copy>(all: &[T], v: Option<usize>) -> Option<T> {
    v.and_then(|i| all.get(i).copied())
}

fn yes_no(lang: Lang) -> Vec<Opt> {
    vec![
        Opt::new(l(lang, "否", "No"), Val::Nth(0)),
        Opt::new(l(lang, "是", "Yes"), Val::Nth(1)),
    ]
}

fn err(form: &mut Form, key: F, p: Problem, lang: Lang) {
    form.errors.insert(key, p.text(lang).to_string());
}

// ---- sign-in, setup, search, PIN -----------------------------------------------------------------

pub fn sign_in(lang: Lang) -> OpenForm {
    let f = Form::new(
        l(lang, "登录", "Sign in"),
        vec![
            Field::text(F::StaffNo, &l(lang, "工号", "Staff number"), "").required(),
            Field::secret(F::Pin, &l(lang, "密码", "PIN")),
        ],
    );
    OpenForm::new(FormKind::SignIn, f)
}

pub fn setup(lang: Lang) -> OpenForm {
    let f = Form::new(
        l(lang, "首次使用：建立中心", "First run: set up the center"),
        vec![
            Field::choice(
                F::Mode,
                &l(lang, "方式", "How"),
                vec![
                    Opt::new(
                        l(
                            lang,
                            "建立本中心和管理员",
                            "Create this center and its administrator",
                        ),
                        Val::Nth(0),
                    ),
                    Opt::new(
                        l(
                            lang,
                            "载入演示区（西安区）",
                            "Load the demonstration district",
                        ),
                        Val::Nth(1),
                    ),
                ],
                Some(Val::Nth(0)),
            )
            .hint(l(
                lang,
                "←/→ 选择；载入演示区后用工号 1003、密码 300300 登录",
                "←/→ to choose; after the demo, sign in as 1003 / 300300",
            )),
            Field::text(F::Center, &l(lang, "中心名称", "Center name"), "")
                .required()
                .show_if(F::Mode, vec![Val::Nth(0)]),
            Field::choice(
                F::Level,
                &l(lang, "级别", "Level"),
                vocab_opts(CenterLevel::ALL, CenterLevel::zh),
                Some(Val::Nth(0)),
            )
            .show_if(F::Mode, vec![Val::Nth(0)]),
            Field::text(F::StaffNo, &l(lang, "管理员工号", "Admin staff number"), "")
                .required()
                .show_if(F::Mode, vec![Val::Nth(0)]),
            Field::text(F::Name, &l(lang, "管理员姓名", "Admin name"), "")
                .required()
                .show_if(F::Mode, vec![Val::Nth(0)]),
            Field::secret(F::Pin, &l(lang, "密码（4–12 位数字）", "PIN (4–12 digits)"))
                .show_if(F::Mode, vec![Val::Nth(0)]),
            Field::secret(F::Pin2, &l(lang, "再输一次密码", "PIN again"))
                .show_if(F::Mode, vec![Val::Nth(0)]),
        ],
    );
    OpenForm::new(FormKind::Setup, f)
}

pub fn submit_setup(lang: Lang, f: &mut Form) -> Result<Vec<Effect>, Invalid> {
    f.errors.clear();
    f.message = None;
    if f.choice(F::Mode) == Some(Val::Nth(1)) {
        return Ok(vec![Effect::LoadDemo]);
    }
    let center = org_rules::name(&f.text(F::Center), "中心名称", "center name");
    let level = pick_vocab(CenterLevel::ALL, f.nth(F::Level)).unwrap_or(CenterLevel::District);
    let pin = f.text(F::Pin);
    if let Err(p) = validate_pin(&pin) {
        err(f, F::Pin, p, lang);
    } else if pin != f.text(F::Pin2) {
        err(
            f,
            F::Pin2,
            Problem::new("两次输入的密码不一致", "the PINs do not match"),
            lang,
        );
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
            let key = if p.zh.contains("工号") {
                F::StaffNo
            } else if p.zh.contains("密码") {
                F::Pin
            } else {
                F::Name
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
        (Ok(center), Ok(admin)) => Ok(vec![Effect::Setup {
            center,
            level,
            admin,
            pin,
        }]),
        _ => Err(Invalid),
    }
}

pub fn search(lang: Lang, current: &str) -> OpenForm {
    let f = Form::new(
        l(lang, "搜索", "Search"),
        vec![Field::text(F::Q, &l(lang, "查找", "Find"), current).hint(l(
            lang,
            "编号（2026-000123）、两个字以上的中文（物业、停车）、姓名拼音首字母（zs）、手机号；空白回车清除搜索",
            "a number (2026-000123), 2+ Chinese characters, name initials (zs), a mobile; empty Enter clears",
        ))],
    );
    OpenForm::new(FormKind::Search, f)
}

pub fn change_pin(lang: Lang) -> OpenForm {
    let f = Form::new(
        l(lang, "修改本人密码", "Change my PIN"),
        vec![
            Field::secret(F::Old, &l(lang, "原密码", "Current PIN")),
            Field::secret(
                F::New,
                &l(lang, "新密码（4–12 位数字）", "New PIN (4–12 digits)"),
            ),
            Field::secret(F::New2, &l(lang, "再输一次新密码", "New PIN again")),
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
        err(
            f,
            F::New2,
            Problem::new("两次输入的新密码不一致", "the new PINs do not match"),
            lang,
        );
    }
    if !f.errors.is_empty() {
        return Err(Invalid);
    }
    Ok(vec![Effect::ChangePin {
        old: f.text(F::Old),
        new,
    }])
}

// ---- intake ---------------------------------------------------------------------------------

fn place_opts(lang: Lang, refs: &Refs) -> Vec<Opt> {
    let mut v = vec![Opt::new(l(lang, "（未填）", "(none)"), Val::None)];
    v.extend(refs.places.iter().filter(|p| p.active).map(|p| {
        Opt::new(
            format!("{}（{}）", p.name, p.kind.label(lang)),
            Val::Id(p.id),
        )
    }));
    v
}

fn petitioner_fields(lang: Lang, refs: &Refs, i: usize) -> Vec<Field> {
    let n = i + 1;
    vec![
        Field::text(
            F::Petitioner(i, PetitionerField::Name),
            &l(
                lang,
                &format!("诉求人{n} 姓名"),
                &format!("Petitioner {n}: name"),
            ),
            "",
        )
        .required(),
        Field::text(
            F::Petitioner(i, PetitionerField::Mobile),
            &l(lang, "手机号", "Mobile"),
            "",
        )
        .required()
        .hint(l(
            lang,
            "可带 +86、空格或横线",
            "+86, spaces and dashes are fine",
        )),
        Field::text(
            F::Petitioner(i, PetitionerField::ResidentId),
            &l(lang, "身份证号（可不填）", "Resident ID (optional)"),
            "",
        ),
        Field::text(
            F::Petitioner(i, PetitionerField::Address),
            &l(lang, "住址", "Address"),
            "",
        ),
        Field::choice(
            F::Petitioner(i, PetitionerField::Place),
            &l(lang, "社区/村", "Community/village"),
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
                format!("{}（{}）", s.name, s.role.label(lang)),
                Val::Id(s.id),
            )
        })
        .collect();
    handlers.extend(
        refs.leaders
            .iter()
            .filter(|x| x.active)
            .map(|x| Opt::new(format!("{}（{}）", x.name, x.position), Val::Leader(x.id))),
    );
    let mut fields = vec![
        Field::choice(
            F::Channel,
            &l(lang, "来源渠道", "Channel"),
            vocab_opts(Channel::ALL, |c| c.label(lang)),
            Some(Val::Nth(0)),
        )
        .required(),
    ];
    fields.extend(petitioner_fields(lang, refs, 0));
    fields.extend([
        Field::choice(
            F::Collective,
            &l(lang, "集体诉求", "Collective"),
            yes_no(lang),
            Some(Val::Nth(0)),
        ),
        Field::text(F::HeadCount, &l(lang, "人数", "Head count"), "")
            .show_if(F::Collective, vec![Val::Nth(1)]),
        Field::choice(
            F::Category,
            &l(lang, "诉求类别", "Category"),
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
            &l(lang, "紧急程度", "Urgency"),
            vocab_opts(Urgency::ALL, |u| u.label(lang)),
            Some(Val::Nth(0)),
        ),
        Field::text(F::Summary, &l(lang, "诉求摘要", "Summary"), "")
            .required()
            .hint(l(
                lang,
                &format!("一句话，{} 字以内", intake::SUMMARY_MAX),
                "one line",
            )),
        Field::multiline(F::Content, &l(lang, "诉求内容", "Content"), "").required(),
        Field::multiline(F::Request, &l(lang, "诉求请求", "What is asked for"), "").required(),
        Field::choice(
            F::FirstHandler,
            &l(lang, "首办接待人", "Received by"),
            handlers,
            (session.actor.staff_id).map(Val::Id),
        )
        .required()
        .hint(l(
            lang,
            "谁接待谁受理，一抓到底",
            "whoever receives it owns it",
        )),
        Field::text(F::VisitRef, &l(lang, "走访场次", "Visit"), "")
            .show_if(F::Channel, leader_channels)
            .hint(l(
                lang,
                "如 2026-11-25 仙城社区",
                "e.g. 2026-11-25 仙城社区",
            )),
    ]);
    OpenForm::new(
        FormKind::Intake,
        Form::new(l(lang, "登记新诉求（拟单）", "Register a petition"), fields),
    )
}

pub fn add_petitioner(lang: Lang, refs: &Refs, f: &mut Form) {
    let n = petitioner_count(f);
    if n >= intake::MAX_PETITIONERS {
        f.message = Some(l(
            lang,
            "诉求人已达上限；人数多请按集体诉求登记",
            "too many petitioners; use a collective petition",
        ));
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

fn intake_form(f: &Form) -> IntakeForm {
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
            f.message = Some(l(
                lang,
                &format!("有 {n} 处需要修改（红色标出）",),
                &format!("{n} fields need fixing (in red)"),
            ));
            Err(Invalid)
        }
    }
}

// ---- moves ----------------------------------------------------------------------------------

const DECISIONS: [&str; 6] = [
    "dispatch",
    "on_site",
    "explain",
    "meeting",
    "deliberation",
    "not_accept",
];

fn decision_opts(lang: Lang, escalated: bool) -> Vec<Opt> {
    let labels = [
        l(
            lang,
            "转办 / 督办（交承办单位）",
            "Dispatch to a department",
        ),
        l(lang, "现场答复", "Answered on site"),
        l(lang, "解释说明", "Explanation"),
        l(lang, "提请专题会议", "Special meeting"),
        l(lang, "民事民议", "Resident deliberation"),
        l(
            lang,
            "不予受理（告知法定途径）",
            "Not accepted (lawful channel)",
        ),
    ];
    labels
        .into_iter()
        .enumerate()
        .take(if escalated { 1 } else { 6 })
        .map(|(i, s)| Opt::new(s, Val::Nth(i)))
        .collect()
}

fn decision_for(c: Option<Classification>) -> usize {
    match c {
        Some(Classification::OnSite) => 1,
        Some(Classification::Explain) => 2,
        Some(Classification::SpecialMeeting) => 3,
        Some(Classification::Deliberation) => 4,
        Some(Classification::NotAccepted) => 5,
        _ => 0,
    }
}

/// The form for one move on a ticket.
pub fn move_form(
    lang: Lang,
    refs: &Refs,
    kind: MoveKind,
    rec: &TicketRecord,
    default_due: NaiveDate,
) -> OpenForm {
    let title = format!(
        "{} · {} · {}",
        rec.number(),
        kind.label(lang),
        crate::domain::text::for_terminal(&rec.summary)
    );
    let note = |key: F, zh: &str, en: &str| Field::multiline(key, &l(lang, zh, en), "").required();
    let fields: Vec<Field> = match kind {
        MoveKind::Draft => vec![
            Field::choice(
                F::Classification,
                &l(lang, "拟办分类", "Classification"),
                vocab_opts(Classification::ALL, |c| c.label(lang)),
                rec.proposed
                    .and_then(|c| idx_of(Classification::ALL, c))
                    .or(Some(Val::Nth(1))),
            )
            .required(),
            Field::multiline(
                F::Opinion,
                &l(lang, "拟办意见", "Proposed opinion"),
                rec.opinion.as_deref().unwrap_or(""),
            )
            .required(),
        ],
        MoveKind::Issue => {
            let escalated = rec.state == State::Escalated;
            let supervision = refs.supervision_department().map(|d| d.id);
            let dept_default = if escalated || rec.proposed == Some(Classification::Supervise) {
                supervision
            } else {
                rec.department_id
            };
            vec![
                Field::choice(
                    F::Leader,
                    &l(lang, "下单领导", "Leader"),
                    refs.leaders
                        .iter()
                        .filter(|x| x.active)
                        .map(|x| Opt::new(format!("{}（{}）", x.name, x.position), Val::Id(x.id)))
                        .collect(),
                    (rec.first_leader_id.or(rec.leader_id)).map(Val::Id),
                )
                .required(),
                Field::choice(
                    F::Decision,
                    &l(lang, "处理方式", "Decision"),
                    decision_opts(lang, escalated),
                    Some(if escalated {
                        Val::Nth(0)
                    } else {
                        Val::Nth(decision_for(rec.proposed))
                    }),
                ),
                Field::choice(
                    F::Department,
                    &l(lang, "承办单位", "Department"),
                    refs.departments
                        .iter()
                        .filter(|d| d.active)
                        .map(|d| {
                            Opt::new(
                                if d.supervision {
                                    format!("{}（督办）", d.name)
                                } else {
                                    d.name.clone()
                                },
                                Val::Id(d.id),
                            )
                        })
                        .collect(),
                    (dept_default).map(Val::Id),
                )
                .show_if(F::Decision, vec![Val::Nth(0)]),
                Field::text(
                    F::Due,
                    &l(lang, "办理期限", "Deadline"),
                    &default_due.to_string(),
                )
                .show_if(F::Decision, vec![Val::Nth(0)])
                .hint(l(
                    lang,
                    "默认按时限目录从首次下单起算；2026-12-01 或 2026年12月1日",
                    "default from the catalogue, counted from the first issue",
                )),
                Field::multiline(F::Instruction, &l(lang, "领导批示", "Instruction"), "")
                    .required(),
                Field::multiline(
                    F::Answer,
                    &l(lang, "答复 / 解释内容", "Answer / explanation"),
                    "",
                )
                .show_if(F::Decision, vec![Val::Nth(1), Val::Nth(2)]),
                Field::multiline(F::Topic, &l(lang, "会议议题", "Meeting topic"), "")
                    .show_if(F::Decision, vec![Val::Nth(3)]),
                Field::multiline(F::Plan, &l(lang, "民事民议安排", "Deliberation plan"), "")
                    .show_if(F::Decision, vec![Val::Nth(4)]),
                Field::text(F::LawfulChannel, &l(lang, "法定途径", "Lawful channel"), "")
                    .show_if(F::Decision, vec![Val::Nth(5)])
                    .hint(l(
                        lang,
                        "如：向人民法院起诉、申请劳动仲裁",
                        "e.g. sue in court, labour arbitration",
                    )),
                Field::multiline(F::Reason, &l(lang, "不予受理理由", "Reason"), "")
                    .show_if(F::Decision, vec![Val::Nth(5)]),
            ]
        }
        MoveKind::RecordMeeting => vec![note(F::Decision, "会议决定", "Meeting decision")],
        MoveKind::RecordDeliberation => vec![
            Field::choice(
                F::Next,
                &l(lang, "结果", "Outcome"),
                vec![
                    Opt::new(
                        l(lang, "达成一致，转签单", "Agreement: to sign-off"),
                        Val::Nth(0),
                    ),
                    Opt::new(
                        l(lang, "未达成一致，回到下单", "No agreement: back to issue"),
                        Val::Nth(1),
                    ),
                ],
                Some(Val::Nth(0)),
            ),
            note(F::Outcome, "议定结果", "Outcome"),
        ],
        MoveKind::Progress => vec![note(F::Note, "进展情况", "Progress")],
        MoveKind::RequestExtension => vec![
            Field::text(
                F::Days,
                &l(
                    lang,
                    "延期天数（自然日，最多 30）",
                    "Days (calendar, at most 30)",
                ),
                "",
            )
            .required(),
            note(
                F::Reason,
                "延期理由（将告知诉求人）",
                "Reason (told to the petitioner)",
            ),
        ],
        MoveKind::DecideExtension => vec![
            Field::choice(
                F::Approve,
                &l(lang, "审批", "Decision"),
                vec![
                    Opt::new(l(lang, "同意", "Approve"), Val::Nth(1)),
                    Opt::new(l(lang, "不同意", "Refuse"), Val::Nth(0)),
                ],
                Some(Val::Nth(1)),
            )
            .hint(format!(
                "{} {} {}：{}",
                l(lang, "申请延期", "requested"),
                rec.pending_ext_days.unwrap_or(0),
                l(lang, "天", "days"),
                crate::domain::text::for_terminal(rec.pending_ext_reason.as_deref().unwrap_or(""))
            )),
            Field::multiline(F::Note, &l(lang, "审批意见", "Note"), ""),
        ],
        MoveKind::Return => vec![note(F::Reason, "退单理由", "Reason for returning")],
        MoveKind::Report => vec![
            Field::choice(
                F::Resolution,
                &l(lang, "办理结果", "Resolution"),
                vocab_opts(Resolution::ALL, |r| r.label(lang)),
                Some(Val::Nth(0)),
            ),
            note(F::Result, "结果说明", "What was done"),
        ],
        MoveKind::Feedback => {
            let mut by: Vec<Opt> = refs
                .centers
                .iter()
                .filter(|c| c.active)
                .map(|c| Opt::new(&c.name, Val::Id(c.id)))
                .collect();
            by.extend(
                refs.places
                    .iter()
                    .filter(|p| p.active && p.kind != PlaceKind::Village)
                    .map(|p| {
                        Opt::new(
                            format!("{}（{}）", p.name, p.kind.label(lang)),
                            Val::Place(p.id),
                        )
                    }),
            );
            vec![
                Field::choice(
                    F::By,
                    &l(lang, "回访单位", "Feedback by"),
                    by,
                    Some(Val::Id(rec.center_id)),
                ),
                Field::choice(
                    F::Method,
                    &l(lang, "回访方式", "Method"),
                    vocab_opts(FeedbackMethod::ALL, |m| m.label(lang)),
                    Some(Val::Nth(0)),
                ),
                Field::multiline(F::Note, &l(lang, "回访情况", "Notes"), ""),
            ]
        }
        MoveKind::Evaluate => vec![
            Field::choice(
                F::Satisfaction,
                &l(lang, "群众评价", "Evaluation"),
                vocab_opts(Satisfaction::ALL, |s| s.label(lang)),
                Some(Val::Nth(0)),
            )
            .hint(if rec.round < 2 {
                l(
                    lang,
                    "不满意将进入二次办理",
                    "dissatisfied starts a second round",
                )
            } else {
                l(
                    lang,
                    "二次办理后仍不满意，将由主任决定领导督办或按未解决办结",
                    "dissatisfied again: a director decides escalation or closure",
                )
            }),
            Field::multiline(F::Note, &l(lang, "评价意见", "Comments"), ""),
        ],
        MoveKind::Escalate => vec![note(F::Note, "督办事由", "Reason")],
        MoveKind::CloseUnresolved => vec![note(
            F::Note,
            "办结说明（将标记为未解决）",
            "Explanation (flagged unresolved)",
        )],
        MoveKind::Withdraw => vec![note(F::Reason, "撤回原因", "Reason")],
        MoveKind::Merge => vec![
            Field::text(
                F::Into,
                &l(lang, "合并到（编号）", "Merge into (number)"),
                "",
            )
            .required()
            .hint(l(
                lang,
                "如 2026-000123；只能合并到在办件",
                "e.g. 2026-000123; must be open",
            )),
            Field::multiline(F::Note, &l(lang, "合并说明", "Note"), ""),
        ],
        MoveKind::Submit | MoveKind::Accept => vec![],
    };
    OpenForm::new(
        FormKind::Move {
            kind,
            id: rec.id,
            version: rec.version,
        },
        Form::new(title, fields),
    )
}

fn required_text(lang: Lang, f: &mut Form, key: F) -> String {
    let v = f.text(key);
    if v.trim().is_empty() {
        let label = f.field(key).map(|x| x.label.clone()).unwrap_or_default();
        f.errors.insert(
            key,
            l(
                lang,
                &format!("请填写{label}"),
                &format!("{label} is required"),
            ),
        );
    }
    v
}

/// Builds the move from the form. Texts are validated by the domain when the move is decided;
/// here only what the domain cannot see (dates and numbers as typed) is parsed.
pub fn submit_move(
    lang: Lang,
    refs: &Refs,
    f: &mut Form,
    kind: MoveKind,
    _rules: &[LimitRule],
) -> Result<Move, Invalid> {
    f.errors.clear();
    f.message = None;
    let mv = match kind {
        MoveKind::Draft => Move::Draft {
            classification: pick_vocab(Classification::ALL, f.nth(F::Classification))
                .unwrap_or(Classification::Forward),
            opinion: required_text(lang, f, F::Opinion),
        },
        MoveKind::Issue => {
            let leader_id = f.id(F::Leader).unwrap_or(0);
            if leader_id == 0 {
                f.errors
                    .insert(F::Leader, l(lang, "请选择下单领导", "choose the leader"));
            }
            let instruction = required_text(lang, f, F::Instruction);
            let decision = match DECISIONS
                .get(f.nth(F::Decision).unwrap_or(0))
                .copied()
                .unwrap_or("dispatch")
            {
                "dispatch" => {
                    let dept = f.id(F::Department).and_then(|d| refs.department(d));
                    let due = parse_date(&f.text(F::Due));
                    match (dept, due) {
                        (Some(d), Ok(due)) => Some(Decision::Dispatch {
                            department: DeptFacts {
                                id: d.id,
                                supervision: d.supervision,
                                active: d.active,
                            },
                            due,
                        }),
                        (None, _) => {
                            f.errors.insert(
                                F::Department,
                                l(lang, "请选择承办单位", "choose the department"),
                            );
                            None
                        }
                        (_, Err(p)) => {
                            err(f, F::Due, p, lang);
                            None
                        }
                    }
                }
                "on_site" => Some(Decision::OnSite {
                    answer: required_text(lang, f, F::Answer),
                }),
                "explain" => Some(Decision::Explain {
                    explanation: required_text(lang, f, F::Answer),
                }),
                "meeting" => Some(Decision::SpecialMeeting {
                    topic: required_text(lang, f, F::Topic),
                }),
                "deliberation" => Some(Decision::Deliberation {
                    note: f.text(F::Plan),
                }),
                _ => Some(Decision::NotAccept {
                    lawful_channel: required_text(lang, f, F::LawfulChannel),
                    reason: required_text(lang, f, F::Reason),
                }),
            };
            let leader_active = refs.leader(leader_id).is_some_and(|x| x.active);
            match decision {
                Some(decision) => Move::Issue {
                    leader_id,
                    leader_active,
                    instruction,
                    decision,
                },
                None => return Err(Invalid),
            }
        }
        MoveKind::RecordMeeting => Move::RecordMeeting {
            decision: required_text(lang, f, F::Decision),
        },
        MoveKind::RecordDeliberation => Move::RecordDeliberation {
            outcome: required_text(lang, f, F::Outcome),
            to_sign: f.choice(F::Next) == Some(Val::Nth(0)),
        },
        MoveKind::Progress => Move::Progress {
            note: required_text(lang, f, F::Note),
        },
        MoveKind::RequestExtension => {
            let days = match f.text(F::Days).trim().parse::<u32>() {
                Ok(d) => d,
                Err(_) => {
                    f.errors.insert(
                        F::Days,
                        l(
                            lang,
                            "请填写 1 到 30 之间的整数",
                            "a whole number from 1 to 30",
                        ),
                    );
                    0
                }
            };
            Move::RequestExtension {
                days,
                reason: required_text(lang, f, F::Reason),
            }
        }
        MoveKind::DecideExtension => Move::DecideExtension {
            approve: f.choice(F::Approve) == Some(Val::Nth(1)),
            note: f.text(F::Note),
        },
        MoveKind::Return => Move::Return {
            reason: required_text(lang, f, F::Reason),
        },
        MoveKind::Report => Move::Report {
            resolution: pick_vocab(Resolution::ALL, f.nth(F::Resolution))
                .unwrap_or(Resolution::Resolved),
            result: required_text(lang, f, F::Result),
        },
        MoveKind::Feedback => Move::Feedback {
            by: f.field(F::By).map(|x| x.value_text()).unwrap_or_default(),
            method: pick_vocab(FeedbackMethod::ALL, f.nth(F::Method))
                .unwrap_or(FeedbackMethod::Phone),
            note: f.text(F::Note),
        },
        MoveKind::Evaluate => Move::Evaluate {
            satisfaction: pick_vocab(Satisfaction::ALL, f.nth(F::Satisfaction))
                .unwrap_or(Satisfaction::Satisfied),
            note: f.text(F::Note),
        },
        MoveKind::Escalate => Move::Escalate {
            note: required_text(lang, f, F::Note),
        },
        MoveKind::CloseUnresolved => Move::CloseUnresolved {
            note: required_text(lang, f, F::Note),
        },
        MoveKind::Withdraw => Move::Withdraw {
            reason: required_text(lang, f, F::Reason),
        },
        MoveKind::Merge => {
            let number = f.text(F::Into);
            if parse_ticket_number(&number).is_none() {
                f.errors.insert(
                    F::Into,
                    l(
                        lang,
                        "请填写编号，如 2026-000123",
                        "a ticket number like 2026-000123",
                    ),
                );
            }
            Move::Merge {
                into: MergeTarget {
                    id: 0,
                    number: number.trim().to_string(),
                    state: State::Registered,
                    center_id: 0,
                    department_id: None,
                },
                note: f.text(F::Note),
            }
        }
        MoveKind::Submit => Move::Submit,
        MoveKind::Accept => Move::Accept,
    };
    if !f.errors.is_empty() {
        let errors = std::mem::take(&mut f.errors);
        f.set_errors(errors);
        return Err(Invalid);
    }
    Ok(mv)
}

// ---- queue filters ------------------------------------------------------------------------------

pub fn filter_options(lang: Lang, refs: &Refs, dim: FilterDim) -> Vec<Opt> {
    let mut v = vec![Opt::new(l(lang, "（全部）", "(all)"), Val::None)];
    match dim {
        FilterDim::Stage => v.extend(vocab_opts(Stage::ALL, |s| s.label(lang))),
        FilterDim::State => v.extend(vocab_opts(State::ALL, |s| s.label(lang))),
        FilterDim::Level => v.extend(vocab_opts(Level::ALL, |s| s.label(lang))),
        FilterDim::Channel => v.extend(vocab_opts(Channel::ALL, |s| s.label(lang))),
        FilterDim::Department => v.extend(
            refs.departments
                .iter()
                .map(|d| Opt::new(&d.name, Val::Id(d.id))),
        ),
        FilterDim::Place => v.extend(refs.places.iter().map(|p| Opt::new(&p.name, Val::Id(p.id)))),
    }
    v
}

// ---- administration -------------------------------------------------------------------------------

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
        l(lang, "修改", "Edit")
    } else {
        l(lang, "新增", "Add")
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
        AdminTab::Places => {
            let p = id.and_then(|id| refs.place(id));
            vec![
                Field::text(
                    F::Name,
                    &l(lang, "名称", "Name"),
                    p.map(|x| x.name.as_str()).unwrap_or(""),
                )
                .required(),
                Field::choice(
                    F::Kind,
                    &l(lang, "类别", "Kind"),
                    vocab_opts(PlaceKind::ALL, |k| k.label(lang)),
                    p.and_then(|x| idx_of(PlaceKind::ALL, x.kind))
                        .or(Some(Val::Nth(0))),
                ),
                Field::choice(
                    F::Parent,
                    &l(lang, "所属乡镇", "Township"),
                    towns,
                    (p.and_then(|x| x.parent_id)).map(Val::Id),
                )
                .show_if(F::Kind, vec![village]),
            ]
        }
        AdminTab::Centers => {
            let c = id.and_then(|id| refs.center(id));
            vec![
                Field::text(
                    F::Name,
                    &l(lang, "名称", "Name"),
                    c.map(|x| x.name.as_str()).unwrap_or(""),
                )
                .required(),
                Field::choice(
                    F::Level,
                    &l(lang, "级别", "Level"),
                    vocab_opts(CenterLevel::ALL, |k| k.label(lang)),
                    c.and_then(|x| idx_of(CenterLevel::ALL, x.level))
                        .or(Some(Val::Nth(0))),
                ),
                Field::choice(
                    F::Place,
                    &l(lang, "所在地", "Place"),
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
                    &l(lang, "名称", "Name"),
                    d.map(|x| x.name.as_str()).unwrap_or(""),
                )
                .required(),
                Field::choice(
                    F::Supervision,
                    &l(lang, "督查（督办）部门", "Supervision office"),
                    yes_no(lang),
                    Some(Val::Nth(d.map(|x| x.supervision as usize).unwrap_or(0))),
                ),
            ]
        }
        AdminTab::Leaders => {
            let x = id.and_then(|id| refs.leader(id));
            vec![
                Field::text(
                    F::Name,
                    &l(lang, "姓名", "Name"),
                    x.map(|x| x.name.as_str()).unwrap_or(""),
                )
                .required(),
                Field::text(
                    F::Position,
                    &l(lang, "职务", "Position"),
                    x.map(|x| x.position.as_str()).unwrap_or(""),
                )
                .required(),
                Field::text(
                    F::Portfolio,
                    &l(lang, "分工", "Portfolio"),
                    x.map(|x| x.portfolio.as_str()).unwrap_or(""),
                ),
                Field::choice(
                    F::Kind,
                    &l(lang, "类别", "Kind"),
                    vocab_opts(crate::domain::vocab::LeaderKind::ALL, |k| k.label(lang)),
                    x.and_then(|x| idx_of(crate::domain::vocab::LeaderKind::ALL, x.kind))
                        .or(Some(Val::Nth(0))),
                ),
            ]
        }
        AdminTab::Categories => {
            let c = id.and_then(|id| refs.category(id));
            vec![
                Field::text(
                    F::Name,
                    &l(lang, "名称", "Name"),
                    c.map(|x| x.name.as_str()).unwrap_or(""),
                )
                .required(),
            ]
        }
        AdminTab::Limits => {
            let r = id
                .and_then(|id| refs.limits.iter().find(|x| x.id == id))
                .map(|x| &x.rule);
            let mut cats = vec![Opt::new(
                l(lang, "（全部类别）", "(all categories)"),
                Val::None,
            )];
            cats.extend(
                refs.categories
                    .iter()
                    .map(|c| Opt::new(&c.name, Val::Id(c.id))),
            );
            let mut urg = vec![Opt::new(l(lang, "（全部）", "(all)"), Val::None)];
            urg.extend(vocab_opts(Urgency::ALL, |u| u.label(lang)));
            let mut fields = vec![];
            if id.is_none() {
                fields.extend([
                    Field::choice(
                        F::Phase,
                        &l(lang, "环节", "Phase"),
                        vocab_opts(LimitPhase::ALL, |p| p.label(lang)),
                        Some(Val::Nth(1)),
                    ),
                    Field::choice(
                        F::Category,
                        &l(lang, "类别", "Category"),
                        cats,
                        Some(Val::None),
                    ),
                    Field::choice(
                        F::Urgency,
                        &l(lang, "紧急程度", "Urgency"),
                        urg,
                        Some(Val::None),
                    ),
                ]);
            }
            fields.extend([
                Field::text(
                    F::Days,
                    &l(lang, "天数（0 表示当天）", "Days (0 = same day)"),
                    &r.map(|x| x.limit.days.to_string()).unwrap_or_default(),
                )
                .required(),
                Field::choice(
                    F::DayKind,
                    &l(lang, "计日方式", "Counted in"),
                    vocab_opts(DayKind::ALL, |k| k.label(lang)),
                    r.and_then(|x| idx_of(DayKind::ALL, x.limit.kind))
                        .or(Some(Val::Nth(0))),
                ),
            ]);
            fields
        }
        AdminTab::Staff => {
            let s = id.and_then(|id| refs.staff_member(id));
            let dept_role = idx_of(Role::ALL, Role::Department).unwrap_or(Val::Nth(3));
            let f = vec![
                Field::text(
                    F::StaffNo,
                    &l(lang, "工号", "Staff number"),
                    s.map(|x| x.staff_no.as_str()).unwrap_or(""),
                )
                .required(),
                Field::text(
                    F::Name,
                    &l(lang, "姓名", "Name"),
                    s.map(|x| x.name.as_str()).unwrap_or(""),
                )
                .required(),
                Field::choice(
                    F::Role,
                    &l(lang, "角色", "Role"),
                    vocab_opts(Role::ALL, |r| r.label(lang)),
                    s.and_then(|x| idx_of(Role::ALL, x.role))
                        .or(Some(Val::Nth(2))),
                ),
                Field::choice(
                    F::Center,
                    &l(lang, "所属中心", "Center"),
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
                    &l(lang, "所属单位", "Department"),
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
                        l(lang, "重设密码（不改请留空）", "Reset PIN (blank keeps it)")
                    } else {
                        l(lang, "初始密码", "Initial PIN")
                    },
                ),
            ];
            return OpenForm::new(FormKind::Staff(id), Form::new(title, f));
        }
    };
    OpenForm::new(FormKind::Ref(tab, id), Form::new(title, fields))
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
    let name = || org_rules::name(&f.text(F::Name), "名称", "name");
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
            )
            .map(|input| RefEdit::Leader { id, input })
        }
        AdminTab::Categories => name().map(|n| RefEdit::Category { id, name: n }),
        AdminTab::Limits => {
            let days = f
                .text(F::Days)
                .trim()
                .parse::<i64>()
                .map_err(|_| Problem::new("请填写整数天数", "days must be a whole number"))
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
        Ok(e) => Ok(vec![Effect::SaveRef(e)]),
        Err(p) => {
            let key = if tab == AdminTab::Limits {
                F::Days
            } else if p.zh.starts_with("职务") {
                F::Position
            } else {
                F::Name
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
            Some(center_id) => Ok(vec![Effect::SaveStaff {
                id,
                input,
                center_id,
                department_id,
            }]),
            None => {
                err(
                    f,
                    F::Center,
                    Problem::new("请选择所属中心", "choose the center"),
                    lang,
                );
                Err(Invalid)
            }
        },
        Ok(_) => Err(Invalid),
        Err(p) => {
            let key = if p.zh.contains("密码") {
                F::Pin
            } else if p.zh.contains("单位") {
                F::Department
            } else if p.zh.contains("工号") {
                F::StaffNo
            } else {
                F::Name
            };
            err(f, key, p, lang);
            let errors = std::mem::take(&mut f.errors);
            f.set_errors(errors);
            Err(Invalid)
        }
    }
}
