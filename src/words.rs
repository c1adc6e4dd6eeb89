//! Words shown for recorded things, shared by the desk and the files (printouts, exports):
//! what each kind of audit event is called, and what each recorded detail is called. Nothing a
//! person reads shows an internal code: an event kind or a detail without a word here is shown
//! by its generic word, or not at all. Also the labels and remarks of visits and tickets that
//! the desk and the printed or exported files both show, so they read the same everywhere.

use crate::domain::Lang;
use crate::domain::flow::MoveKind;
use crate::domain::hearing::TieRule;
use crate::domain::visits::Staffing;
use crate::records::org::Refs;
use crate::records::tickets::TicketRecord;
use crate::records::visits::VisitRow;
use crate::text::T;
use chrono::NaiveDateTime;

/// What an audit event is called on a timeline, in `lang`.
pub fn event_label(kind: &str, lang: Lang) -> String {
    if let Some(k) = MoveKind::from_code(kind) {
        return k.label(lang).to_string();
    }
    let (zh, en) = match kind {
        "register" => ("登记", "Registered"),
        "draw_frozen" => ("抽签：冻结抽签池", "Draw: pool frozen"),
        "draw_revealed" => ("抽签：揭晓", "Draw: revealed"),
        "draw_strike" => ("抽签：当事方排除", "Draw: strike"),
        "draw_final" => ("抽签：确认", "Draw: final"),
        "mediation" => ("即时评议调解", "Instant mediation"),
        "hearing_planned" => ("评理大会：安排", "Hearing planned"),
        "hearing_absent" => ("评理大会：缺席递补", "Hearing: absence"),
        "hearing_open" => ("评理大会：开始", "Hearing opened"),
        "hearing_note" => ("评理大会：记录", "Hearing: notes"),
        "hearing_questions" => ("评理大会：确定表决事项", "Hearing: questions fixed"),
        "vote" => ("评理大会：表决", "Hearing: vote"),
        "vote_correction" => ("评理大会：更正表决", "Hearing: vote corrected"),
        "hearing_closed" => ("评理大会：结束", "Hearing closed"),
        "visit_register" => ("走访接待登记", "Received at a leader's visit"),
        "visit_held" => ("走访已举行", "Visit held"),
        "visit_not_held" => ("走访未举行", "Visit not held"),
        "visit_leader_absent" => ("走访：领导不能参加", "Visit: leader cannot attend"),
        "visit_members_picked" => ("走访：抽取党员汇报", "Visit: members picked"),
        "visit_city_linked" => ("走访：市级领导同行", "Visit: with a city leader"),
        "visit_withdrawn" => ("走访：按新计划取消", "Visit withdrawn by a new plan"),
        "notice_posted" => ("走访预告已张贴", "Visit notice posted"),
        "member_report" => ("党员汇报", "Member's report"),
        "escalate" => ("在职党员反映", "Raised by a Party member"),
        "assign" => ("分配联系户", "Household assigned"),
        "wish_add" => ("微心愿登记", "Wish added"),
        "wish_move" => ("微心愿办理", "Wish updated"),
        "rep_add" => ("议事代表入库", "Representative added"),
        "import_started" => ("开始导入", "Import started"),
        "import_done" => ("导入完成", "Import finished"),
        _ => ("记录", "Record"),
    };
    lang.pick(zh, en).to_string()
}

/// What a recorded detail is called, or `None` for details that are for the machine (ids,
/// hashes; they are in the receipt or on the record itself) and are not shown.
pub fn detail_label(key: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match key {
        "classification" => ("分类", "classification"),
        "decision" => ("处理方式", "decision"),
        "department" => ("承办单位", "department"),
        "due" => ("期限", "deadline"),
        "leader" => ("领导", "leader"),
        "resolution" => ("结果", "resolution"),
        "satisfaction" => ("评价", "evaluation"),
        "method" => ("方式", "method"),
        "by" => ("回访单位", "by"),
        "days" => ("天数", "days"),
        "approved" => ("审批", "approved"),
        "round" => ("轮次", "round"),
        "into" => ("合并到", "into"),
        "lawful_channel" => ("法定途径", "lawful channel"),
        "answer" => ("答复", "answer"),
        "topic" => ("议题", "topic"),
        "next" => ("去向", "next"),
        "repeat_of" => ("重复件", "repeat of"),
        "reason" => ("理由", "reason"),
        "plan" => ("安排", "plan"),
        "outcome" => ("结果", "outcome"),
        "pool_size" => ("抽签池人数", "pool size"),
        "tie_rule" => ("未过半数时", "without a majority"),
        "panel_size" => ("评理团人数", "panel size"),
        "new_date" => ("新日期", "new date"),
        _ => return None,
    };
    Some(lang.pick(zh, en))
}

/// A recorded detail's value in words, where the value is a code; `None` where it is shown as
/// it is (a number, a date, a text).
pub fn detail_value(key: &str, value: &str, lang: Lang) -> Option<String> {
    let (zh, en) = match (key, value) {
        ("outcome", "answered") => ("现场答复", "answered on the spot"),
        ("outcome", "petition") => ("转为诉求件", "registered as a petition"),
        ("outcome", "agreement") => ("达成一致", "agreement"),
        ("outcome", "hearing") => ("提交评理大会", "to a hearing"),
        ("outcome", "issue") => ("回到下单", "back to issue"),
        ("approved", "true") => ("同意", "approved"),
        ("approved", _) => ("不同意", "refused"),
        ("next", "sign") => ("签单", "sign-off"),
        ("next", _) => ("回到下单", "back to issue"),
        ("tie_rule", code) => {
            return TieRule::from_code(code).map(|t| t.label(lang).to_string());
        }
        _ => return None,
    };
    Some(lang.pick(zh, en).to_string())
}

/// How a visit stands, in words. With `now`, a past visit still without its outcome says so.
pub fn status_label(v: &VisitRow, refs: &Refs, lang: Lang, now: Option<NaiveDateTime>) -> String {
    if now.is_some_and(|t| v.awaits_outcome(t)) {
        return T::OutcomeToRecord.get(lang).into();
    }
    match v.staffing() {
        Staffing::Planned => T::VisitPlanned.get(lang).into(),
        Staffing::Unstaffed => T::NoLeaderLoud.get(lang).into(),
        Staffing::Substituted => format!(
            "{}{}",
            T::SubstitutePrefix.get(lang),
            refs.leader_name(v.substitute_id)
        ),
        Staffing::Held => T::Held.get(lang).into(),
        Staffing::HeldBySubstitute => {
            format!(
                "{}{}",
                T::HeldSubstitute.get(lang),
                refs.leader_name(v.substitute_id)
            ) + T::CloseParen.get(lang)
        }
        Staffing::NotHeld => T::NotHeldLower.get(lang).into(),
    }
}

/// Notes on a visit: provisional date, moved by hand, city leader, reason not held.
pub fn visit_remarks(v: &VisitRow, lang: Lang) -> String {
    let mut r = vec![];
    if v.provisional {
        r.push(T::ProvisionalDateNoHolidayData.get(lang).to_string());
    }
    if v.date != v.nominal && !v.rescheduled {
        r.push(format!(
            "{}{}",
            T::MovedFrom.get(lang),
            v.nominal.format("%m-%d")
        ));
    }
    if v.rescheduled && v.city_note.is_none() {
        r.push(T::Rescheduled.get(lang).to_string());
    }
    if let Some(n) = &v.city_note {
        r.push(n.clone());
    }
    if let Some(n) = &v.not_held_reason {
        r.push(n.clone());
    }
    r.join("；")
}

pub fn first_handler(rec: &TicketRecord, refs: &Refs) -> String {
    match (rec.first_leader_id, rec.first_staff_id) {
        (Some(l), _) => refs
            .leader(l)
            .map(|l| format!("{}（{}）", l.name, l.position))
            .unwrap_or_default(),
        (None, Some(s)) => refs.staff_name(Some(s)).to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_event_kind_the_store_writes_is_shown_as_its_code() {
        for kind in [
            "register",
            "visit_register",
            "visit_held",
            "escalate",
            "mediation",
            "draw_final",
            "hearing_closed",
            "vote_correction",
            "something_new",
        ] {
            for lang in [Lang::Zh, Lang::En] {
                let label = event_label(kind, lang);
                assert!(!label.contains('_') && label != kind, "{kind}: {label}");
            }
        }
        assert_eq!(event_label("something_new", Lang::Zh), "记录");
    }

    #[test]
    fn codes_in_details_are_words() {
        assert_eq!(
            detail_value("outcome", "answered", Lang::Zh).as_deref(),
            Some("现场答复")
        );
        assert!(detail_value("tie_rule", "no_majority", Lang::Zh).is_some());
        assert_eq!(detail_label("household", Lang::Zh), None);
        assert_eq!(detail_label("pool_size", Lang::Zh), Some("抽签池人数"));
    }
}
