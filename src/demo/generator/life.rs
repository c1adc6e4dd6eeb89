//! One ticket's simulated life: from registration, move by move through the flow, each move
//! ruled on by `flow::decide` as the desk would, until it closes, stops, or reaches `now`.

use super::*;

/// One move of a simulated life: when, by whom, what.
type Step = (NaiveDateTime, Actor, Move);

/// A move as lived: when, its event, and the ticket as it stands after it (written to the row
/// when the event is, so that every committed batch agrees with its history).
pub(super) type Lived = (NaiveDateTime, NewEvent, TicketRecord);

/// What one ticket's simulated life keeps between its moves.
struct Life<'w> {
    world: &'w World,
    intent: &'w Intent,
    clerk: Actor,
    director: Actor,
    place: String,
    planned_dept: i64,
    returned: bool,
    progress_noted: bool,
    meeting_done: bool,
}

/// Lives one ticket's life from `t0` until it closes, stops, or the next step is after `now`.
pub(super) fn simulate(
    world: &World,
    rec: &mut TicketRecord,
    intent: &Intent,
    t0: NaiveDateTime,
    now: NaiveDateTime,
    merge_into: Option<MergeTarget>,
    rng: &mut impl Rng,
) -> Vec<Lived> {
    let mut events = vec![];
    let mut t = t0;
    let mut steps: u8 = 0;
    let clerks = world
        .clerks
        .get(&rec.center_id)
        .filter(|v| !v.is_empty())
        .or_else(|| world.clerks.get(&world.district_center));
    let Some(clerks) = clerks else { return events };
    let clerk = pick(rng, clerks).clone();
    let director = pick(rng, &world.directors).clone();
    let place = place_label(world, rec.place_id);
    // The tickets placed to cover every state go to the department their matter belongs to
    // (物业 to 住建局), so that the demonstration department desk has work in every state.
    let planned_dept = world.dept_for(rec.category_id, !intent.simple, rng);
    let mut life = Life {
        world,
        intent,
        clerk,
        director,
        place,
        planned_dept,
        returned: false,
        progress_noted: false,
        meeting_done: false,
    };
    if let Some(target) = merge_into
        && life.merge(rec, target, t, now, &mut events, rng)
    {
        return events;
    }
    loop {
        if !rec.state.is_open() || intent.stop_at == Some(rec.state) {
            break;
        }
        steps += 1;
        let Some((when, actor, mv)) = life.next(rec, t, steps, rng) else {
            break;
        };
        if when > now {
            break;
        }
        let at = fmt_time(when);
        match flow::decide(&rec.facts(), &actor, &mv, &world.ctx(when.date())) {
            Ok(change) => {
                let e = change_event(rec, &change, &actor, &at);
                rec.apply(&change, &actor, &at);
                events.push((when, e, rec.clone()));
                t = when;
            }
            Err(_) => break,
        }
    }
    events
}

impl Life<'_> {
    /// A repeat petition merged into the open ticket it repeats; whether its life ends here (it
    /// was merged, or the merge would come after `now`). A clerk who may not see the earlier
    /// ticket cannot merge into it: the new one then lives its own life.
    fn merge(
        &mut self,
        rec: &mut TicketRecord,
        target: MergeTarget,
        t: NaiveDateTime,
        now: NaiveDateTime,
        events: &mut Vec<Lived>,
        rng: &mut impl Rng,
    ) -> bool {
        let at_t = t + Duration::minutes(rng.random_range(5..40));
        if at_t > now {
            return true;
        }
        let mv = Move::Merge {
            into: target,
            note: "同一诉求人同一事项，合并办理".into(),
        };
        let ctx = self.world.ctx(at_t.date());
        if let Ok(change) = flow::decide(&rec.facts(), &self.clerk, &mv, &ctx) {
            let at = fmt_time(at_t);
            let e = change_event(rec, &change, &self.clerk, &at);
            rec.apply(&change, &self.clerk, &at);
            events.push((at_t, e, rec.clone()));
            return true;
        }
        false
    }

    /// The next move of this life, or `None` when it stops here.
    fn next(
        &mut self,
        rec: &TicketRecord,
        t: NaiveDateTime,
        steps: u8,
        rng: &mut impl Rng,
    ) -> Option<Step> {
        let dept_name = self
            .world
            .refs
            .department_name(Some(self.planned_dept))
            .to_string();
        if self.intent.withdraw_after == Some(steps) {
            return Some((
                t + Duration::hours(rng.random_range(2..48)),
                self.clerk.clone(),
                Move::Withdraw {
                    reason: "诉求人表示问题已自行协商解决，申请撤回".into(),
                },
            ));
        }
        // Each move comes after the one before (a late report is timed from the due date, which
        // can precede a late acceptance): the log is written in time order, and a move timed
        // before its predecessor would be replayed out of order (`suqiu audit verify`).
        let (when, actor, mv) = self.move_from(rec, t, &dept_name, rng)?;
        Some((when.max(t + Duration::minutes(1)), actor, mv))
    }

    fn move_from(
        &mut self,
        rec: &TicketRecord,
        t: NaiveDateTime,
        dept_name: &str,
        rng: &mut impl Rng,
    ) -> Option<Step> {
        Some(match rec.state {
            State::Registered => self.draft(t, dept_name, rng)?,
            State::Drafted => (
                t + Duration::minutes(rng.random_range(5..40)),
                self.clerk.clone(),
                Move::Submit,
            ),
            State::AwaitingIssue | State::Escalated => self.issue(rec, t, dept_name, rng)?,
            State::AwaitingMeeting => {
                self.meeting_done = true;
                (
                    self.world
                        .after_working_days(t, rng.random_range(5..=12), rng),
                    self.clerk.clone(),
                    Move::RecordMeeting {
                        decision: format!(
                            "专题会议决定由{dept_name}牵头，相关单位配合，限期解决。"
                        ),
                    },
                )
            }
            State::AwaitingDeliberation => self.record_deliberation(t, rng)?,
            State::Dispatched => self.dispatched(rec, t, rng)?,
            State::Handling => self.handling(rec, t, rng)?,
            State::ExtensionRequested => {
                let approve = chance(rng, 0.85);
                (
                    self.world.after_working_days(t, 1, rng),
                    self.director.clone(),
                    Move::DecideExtension {
                        approve,
                        note: if approve {
                            "同意延期".into()
                        } else {
                            "不同意延期，请按期办结".into()
                        },
                    },
                )
            }
            State::AwaitingFeedback => self.feedback(rec, t, rng)?,
            State::AwaitingEvaluation => self.evaluation(rec, t, rng)?,
            State::SecondDissatisfied => self.second_dissatisfied(rec, t, rng)?,
            _ => return None,
        })
    }

    /// The clerk drafts (拟单): the classification the intent wants and an opinion.
    fn draft(&mut self, t: NaiveDateTime, dept_name: &str, rng: &mut impl Rng) -> Option<Step> {
        Some({
            let classification = match self.intent.decision {
                DecisionKind::Dispatch => Classification::Forward,
                DecisionKind::Supervise => Classification::Supervise,
                DecisionKind::OnSite => Classification::OnSite,
                DecisionKind::Explain => Classification::Explain,
                DecisionKind::Meeting => Classification::SpecialMeeting,
                DecisionKind::Deliberation => Classification::Deliberation,
                DecisionKind::NotAccept => Classification::NotAccepted,
            };
            let tmpl = *pick::<&str>(rng, OPINIONS);
            let opinion = fill(tmpl, rng, &self.place, dept_name);
            (
                t + Duration::minutes(rng.random_range(10..120)),
                self.clerk.clone(),
                Move::Draft {
                    classification,
                    opinion,
                },
            )
        })
    }

    /// A leader issues (下单): the decision the intent wants, or dispatch again after a return, a meeting or an escalation.
    fn issue(
        &mut self,
        rec: &TicketRecord,
        t: NaiveDateTime,
        dept_name: &str,
        rng: &mut impl Rng,
    ) -> Option<Step> {
        Some({
            let when = self
                .world
                .after_working_days(t, rng.random_range(0..=2), rng);
            let leader_id = *pick(rng, &self.world.leaders);
            let kind = if rec.state == State::Escalated || self.meeting_done || self.returned {
                if rec.state == State::Escalated {
                    DecisionKind::Supervise
                } else {
                    DecisionKind::Dispatch
                }
            } else if rec.round > 1 && rec.department_id.is_none() {
                DecisionKind::Dispatch
            } else {
                self.intent.decision
            };
            let decision = match kind {
                DecisionKind::Dispatch | DecisionKind::Supervise => {
                    let dept = if kind == DecisionKind::Supervise {
                        self.world.supervision.unwrap_or(self.planned_dept)
                    } else {
                        self.planned_dept
                    };
                    let facts = self.world.refs.department(dept).map(|d| DeptFacts {
                        id: d.id,
                        supervision: d.supervision,
                        active: d.active,
                    });
                    let department = facts?;
                    let due = flow::default_due(&rec.facts(), &self.world.ctx(when.date()));
                    Decision::Dispatch {
                        department,
                        due: due.max(self.world.cal.roll_forward(when.date())),
                    }
                }
                DecisionKind::OnSite => Decision::OnSite {
                    answer: "相关政策明确，已向诉求人当面答复并提供办理指引。".into(),
                },
                DecisionKind::Explain => Decision::Explain {
                    explanation: "诉求超出政策规定范围，已向诉求人耐心解释相关规定。".into(),
                },
                DecisionKind::Meeting => Decision::SpecialMeeting {
                    topic: format!(
                        "研究{}涉及的{}问题",
                        self.place,
                        self.world.refs.category_name(rec.category_id)
                    ),
                },
                DecisionKind::Deliberation => Decision::Deliberation {
                    note: "组织群众议事代表即时评议调解".into(),
                },
                DecisionKind::NotAccept => Decision::NotAccept {
                    lawful_channel: "依法向人民法院提起诉讼".into(),
                    reason: "该事项属于民事诉讼受理范围，已告知诉求人依法维权途径。".into(),
                },
            };
            let tmpl = *pick::<&str>(rng, INSTRUCTIONS);
            let instruction = fill(tmpl, rng, &self.place, dept_name);
            (
                when,
                self.clerk.clone(),
                Move::Issue {
                    leader_id,
                    leader_active: true,
                    instruction,
                    decision,
                },
            )
        })
    }

    /// The deliberation (民事民议) ends in agreement or goes back to the handling departments.
    fn record_deliberation(&mut self, t: NaiveDateTime, rng: &mut impl Rng) -> Option<Step> {
        Some({
            let to_sign = chance(rng, 0.65);
            self.meeting_done = true;
            let outcome = if to_sign {
                "经议事代表评议调解，双方达成一致意见。"
            } else {
                "评议未能达成一致，建议转职能部门依法处理。"
            };
            (
                self.world
                    .after_working_days(t, rng.random_range(3..=8), rng),
                self.clerk.clone(),
                Move::RecordDeliberation {
                    outcome: outcome.into(),
                    to_sign,
                },
            )
        })
    }

    /// The department accepts, or returns the ticket once if the intent says so.
    fn dispatched(
        &mut self,
        rec: &TicketRecord,
        t: NaiveDateTime,
        rng: &mut impl Rng,
    ) -> Option<Step> {
        Some({
            let dept = rec.department_id.unwrap_or(self.planned_dept);
            let actor = self.world.dept_actors.get(&dept).cloned()?;
            let when = self
                .world
                .after_working_days(t, rng.random_range(0..=1), rng);
            if self.intent.return_first && !self.returned && rec.round == 1 {
                self.returned = true;
                self.planned_dept = *pick(rng, &self.world.general_depts);
                (
                    when,
                    actor,
                    Move::Return {
                        reason: "该事项不属于本单位职责范围，建议转有关部门。".into(),
                    },
                )
            } else {
                (when, actor, Move::Accept)
            }
        })
    }

    /// The department asks for more time, notes progress, or reports its result (late if the intent says so).
    fn handling(
        &mut self,
        rec: &TicketRecord,
        t: NaiveDateTime,
        rng: &mut impl Rng,
    ) -> Option<Step> {
        Some({
            let dept = rec.department_id.unwrap_or(self.planned_dept);
            let actor = self.world.dept_actors.get(&dept).cloned()?;
            let due = rec.due_date().unwrap_or(t.date());
            if self.intent.extension && !rec.extension_used {
                (
                    self.world.after_working_days(t, 1, rng),
                    actor,
                    Move::RequestExtension {
                        days: rng.random_range(10..=30),
                        reason: "涉及多个产权单位，需进一步协调。".into(),
                    },
                )
            } else if !self.progress_noted && chance(rng, 0.4) {
                self.progress_noted = true;
                (
                    self.world.after_working_days(t, 1, rng),
                    actor,
                    Move::Progress {
                        note: "已到现场查看，正在协调相关单位。".into(),
                    },
                )
            } else {
                let when = if self.intent.late {
                    self.world.after_working_days(
                        due.and_hms_opt(9, 0, 0).unwrap_or(t),
                        rng.random_range(1..=9),
                        rng,
                    )
                } else {
                    let left = self.world.cal.working_days_after(t.date(), due).max(0) as u32;
                    self.world
                        .after_working_days(t, rng.random_range(0..=left), rng)
                };
                let resolution = match rng.random_range(0..10) {
                    0 => Resolution::Unresolved,
                    1 | 2 => Resolution::Partly,
                    _ => Resolution::Resolved,
                };
                (
                    when,
                    actor,
                    Move::Report {
                        resolution,
                        result: pick(rng, RESULTS).to_string(),
                    },
                )
            }
        })
    }

    /// The center tells the petitioner the result and asks them, in the same call, whether it
    /// was solved and how satisfied they are (回访 and 评价); a ticket meant to wait for its
    /// evaluation leaves the second answer for later.
    fn feedback(
        &mut self,
        rec: &TicketRecord,
        t: NaiveDateTime,
        rng: &mut impl Rng,
    ) -> Option<Step> {
        Some({
            let by = self.world.refs.center_name(rec.center_id).to_string();
            let method = *pick(
                rng,
                &[
                    FeedbackMethod::Phone,
                    FeedbackMethod::Phone,
                    FeedbackMethod::HomeVisit,
                    FeedbackMethod::InPerson,
                ],
            );
            let satisfaction = (self.intent.stop_at != Some(State::AwaitingEvaluation))
                .then(|| self.satisfaction(rec, rng));
            let solved = match satisfaction {
                Some(Satisfaction::Dissatisfied) if chance(rng, 0.7) => Resolution::Unresolved,
                Some(Satisfaction::Dissatisfied) => Resolution::Partly,
                Some(Satisfaction::Basically) if chance(rng, 0.5) => Resolution::Partly,
                _ => Resolution::Resolved,
            };
            let note = if satisfaction == Some(Satisfaction::Dissatisfied) {
                "诉求人认为问题没有根本解决"
            } else {
                "已将办理结果告知诉求人"
            };
            (
                self.world
                    .after_working_days(t, rng.random_range(1..=3), rng),
                self.clerk.clone(),
                Move::Feedback {
                    by,
                    method,
                    solved,
                    satisfaction,
                    note: note.into(),
                },
            )
        })
    }

    /// How satisfied the petitioner is; the intent says how often they are dissatisfied.
    fn satisfaction(&self, rec: &TicketRecord, rng: &mut impl Rng) -> Satisfaction {
        let rounds_unhappy = u8::from(rec.round >= 2) + u8::from(rec.escalated);
        if self.intent.dissatisfied > rounds_unhappy {
            Satisfaction::Dissatisfied
        } else if chance(rng, 0.8) {
            Satisfaction::Satisfied
        } else {
            Satisfaction::Basically
        }
    }

    /// The petitioner evaluates later (after a 回访 that left it open).
    fn evaluation(
        &mut self,
        rec: &TicketRecord,
        t: NaiveDateTime,
        rng: &mut impl Rng,
    ) -> Option<Step> {
        Some({
            let satisfaction = self.satisfaction(rec, rng);
            let note = if satisfaction == Satisfaction::Dissatisfied {
                "诉求人认为问题没有根本解决"
            } else {
                ""
            };
            (
                t + Duration::minutes(rng.random_range(5..60)),
                self.clerk.clone(),
                Move::Evaluate {
                    satisfaction,
                    note: note.into(),
                },
            )
        })
    }

    /// Dissatisfied twice: the director escalates to supervision or closes as unresolved.
    fn second_dissatisfied(
        &mut self,
        rec: &TicketRecord,
        t: NaiveDateTime,
        rng: &mut impl Rng,
    ) -> Option<Step> {
        Some({
            let when = self
                .world
                .after_working_days(t, rng.random_range(1..=3), rng);
            if self.intent.escalate && !rec.escalated && self.world.supervision.is_some() {
                (
                    when,
                    self.director.clone(),
                    Move::Escalate {
                        note: "二次办理后群众仍不满意，提请领导督办".into(),
                    },
                )
            } else {
                (
                    when,
                    self.director.clone(),
                    Move::CloseUnresolved {
                        note: "经二次办理，诉求超出政策规定，已做好解释，按未解决办结".into(),
                    },
                )
            }
        })
    }
}
