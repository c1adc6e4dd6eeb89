//! The simulated district: people, intents, and `generate`, which lives every ticket through the flow.

use super::*;
use crate::text::T;

mod life;
use life::simulate;

// ---- the simulated district -----------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DecisionKind {
    Dispatch,
    Supervise,
    OnSite,
    Explain,
    Meeting,
    Deliberation,
    NotAccept,
}

#[derive(Clone, Debug)]
struct Intent {
    decision: DecisionKind,
    late: bool,
    extension: bool,
    return_first: bool,
    dissatisfied: u8,
    escalate: bool,
    withdraw_after: Option<u8>,
    stop_at: Option<State>,
    /// A plain case with the default time limits (for guaranteed coverage of states).
    simple: bool,
}

struct Person {
    name: String,
    mobile: String,
    resident_id: Option<String>,
    place_id: Option<i64>,
    address: String,
    last_ticket: Option<(i64, String, Option<NaiveDateTime>)>,
    last_center: i64,
}

struct World {
    refs: Refs,
    cal: WorkCalendar,
    rules: Vec<LimitRule>,
    clerks: HashMap<i64, Vec<Actor>>,
    district_center: i64,
    directors: Vec<Actor>,
    dept_actors: HashMap<i64, Actor>,
    dept_for_category: HashMap<i64, Vec<i64>>,
    general_depts: Vec<i64>,
    supervision: Option<i64>,
    leaders: Vec<i64>,
    places: Vec<i64>,
}

fn staff_actor(refs: &Refs, s: &crate::store::staff::StaffBrief) -> Actor {
    let level = refs
        .center(s.center_id)
        .map(|c| c.level)
        .unwrap_or(CenterLevel::District);
    Actor {
        staff_id: Some(s.id),
        name: s.name.clone(),
        role: s.role,
        center_id: Some(s.center_id),
        center_level: level,
        department_id: s.department_id,
    }
}

const CATEGORY_DEPARTMENTS: &[(&str, &str)] = &[
    ("物业", "住房"),
    ("供暖", "供热"),
    ("房屋", "住房"),
    ("征地", "自然资源"),
    ("劳动", "人力资源"),
    ("救助", "民政"),
    ("医疗", "卫生"),
    ("教育", "教育"),
    ("市容", "城市管理"),
    ("道路", "交通"),
    ("邻里", "司法"),
    ("农村", "农业农村"),
    ("市场", "市场监督"),
    ("生态", "生态环境"),
];

impl World {
    fn new(store: &Store) -> Result<World> {
        let refs = store.refs()?;
        let cal = store.calendar()?;
        let rules = refs.rules();
        let district_center = refs
            .centers
            .iter()
            .find(|c| c.level == CenterLevel::District)
            .or(refs.centers.first())
            .map(|c| c.id)
            .ok_or_else(|| StoreError::Refused(crate::domain::Problem::of(T::SetUpCenterFirst)))?;
        let mut clerks: HashMap<i64, Vec<Actor>> = HashMap::new();
        let mut directors = vec![];
        let mut dept_actors = HashMap::new();
        for s in refs.staff.iter().filter(|s| s.active) {
            let a = staff_actor(&refs, s);
            match s.role {
                Role::Clerk => clerks.entry(s.center_id).or_default().push(a),
                Role::Director => {
                    directors.push(a.clone());
                    clerks.entry(s.center_id).or_default().push(a);
                }
                Role::Department => {
                    if let Some(d) = s.department_id {
                        dept_actors.entry(d).or_insert(a);
                    }
                }
                Role::Admin => {}
            }
        }
        if clerks.get(&district_center).is_none_or(|v| v.is_empty()) || directors.is_empty() {
            return Err(StoreError::Refused(crate::domain::Problem::of(
                T::GeneratingNeedsClerkAndDirector,
            )));
        }
        let active_depts: Vec<&crate::store::org::Department> =
            refs.departments.iter().filter(|d| d.active).collect();
        let general_depts: Vec<i64> = active_depts
            .iter()
            .filter(|d| !d.supervision)
            .map(|d| d.id)
            .collect();
        if general_depts.is_empty() {
            return Err(StoreError::Refused(crate::domain::Problem::of(
                T::GeneratingNeedsDepartment,
            )));
        }
        let supervision = active_depts.iter().find(|d| d.supervision).map(|d| d.id);
        let mut dept_for_category = HashMap::new();
        for c in &refs.categories {
            let ids: Vec<i64> = CATEGORY_DEPARTMENTS
                .iter()
                .filter(|(ck, _)| c.name.contains(ck))
                .flat_map(|(_, dk)| {
                    active_depts
                        .iter()
                        .filter(move |d| d.name.contains(dk))
                        .map(|d| d.id)
                })
                .collect();
            dept_for_category.insert(c.id, ids);
        }
        for d in &active_depts {
            dept_actors.entry(d.id).or_insert_with(|| Actor {
                staff_id: None,
                name: format!("{}经办人", d.name),
                role: Role::Department,
                center_id: Some(district_center),
                center_level: CenterLevel::District,
                department_id: Some(d.id),
            });
        }
        let leaders = refs
            .leaders
            .iter()
            .filter(|l| l.active)
            .map(|l| l.id)
            .collect::<Vec<_>>();
        if leaders.is_empty() || refs.categories.is_empty() {
            return Err(StoreError::Refused(crate::domain::Problem::of(
                T::GeneratingNeedsLeadersAndCategories,
            )));
        }
        let places = refs
            .places
            .iter()
            .filter(|p| p.active && p.kind != PlaceKind::Town)
            .map(|p| p.id)
            .collect();
        Ok(World {
            refs,
            cal,
            rules,
            clerks,
            district_center,
            directors,
            dept_actors,
            dept_for_category,
            general_depts,
            supervision,
            leaders,
            places,
        })
    }

    fn ctx(&self, today: NaiveDate) -> FlowCtx<'_> {
        FlowCtx {
            today,
            cal: &self.cal,
            rules: &self.rules,
        }
    }

    /// The department a matter of `category_id` goes to; with `stray`, one in ten goes to a
    /// general department instead.
    fn dept_for(&self, category_id: i64, stray: bool, rng: &mut impl Rng) -> i64 {
        match self.dept_for_category.get(&category_id) {
            Some(ids) if !ids.is_empty() && (!stray || chance(rng, 0.9)) => *pick(rng, ids),
            _ => *pick(rng, &self.general_depts),
        }
    }

    /// A time `k` working days after `t`, during office hours.
    fn after_working_days(&self, t: NaiveDateTime, k: u32, rng: &mut impl Rng) -> NaiveDateTime {
        let day = self.cal.add_working_days(t.date(), k);
        let minutes = rng.random_range(0..(8 * 60));
        let candidate = day.and_time(NaiveTime::from_hms_opt(8, 30, 0).unwrap_or_default())
            + Duration::minutes(minutes);
        if candidate <= t {
            t + Duration::minutes(rng.random_range(5..90))
        } else {
            candidate
        }
    }
}

fn random_person(world: &World, rng: &mut impl Rng) -> Person {
    let name = format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN));
    let mobile = format!(
        "1{}{:09}",
        rng.random_range(3..=9),
        rng.random_range(0..1_000_000_000u64)
    );
    let resident_id = chance(rng, 0.4).then(|| {
        let birth = NaiveDate::from_ymd_opt(
            rng.random_range(1940..=2004),
            rng.random_range(1..=12),
            rng.random_range(1..=28),
        )
        .unwrap_or_default();
        let first17 = format!(
            "220403{}{:03}",
            birth.format("%Y%m%d"),
            rng.random_range(0..1000)
        );
        let check = id_check_char(first17.as_bytes()).unwrap_or('0');
        format!("{first17}{check}")
    });
    let place_id = (!world.places.is_empty()).then(|| *pick(rng, &world.places));
    let place = world.refs.place_name(place_id).to_string();
    let address = match place_id.and_then(|p| world.refs.place(p)).map(|p| p.kind) {
        Some(PlaceKind::Village) => format!("{place}{}组", rng.random_range(1..=9)),
        _ => format!(
            "{place}{}号楼{}单元{}室",
            rng.random_range(1..=40),
            rng.random_range(1..=6),
            rng.random_range(101..=1802)
        ),
    };
    Person {
        name,
        mobile,
        resident_id,
        place_id,
        address,
        last_ticket: None,
        last_center: world.district_center,
    }
}

fn random_intent(rng: &mut impl Rng) -> Intent {
    let r: f64 = rng.random();
    let decision = match r {
        r if r < 0.66 => DecisionKind::Dispatch,
        r if r < 0.76 => DecisionKind::Supervise,
        r if r < 0.84 => DecisionKind::OnSite,
        r if r < 0.89 => DecisionKind::Explain,
        r if r < 0.93 => DecisionKind::Meeting,
        r if r < 0.97 => DecisionKind::Deliberation,
        _ => DecisionKind::NotAccept,
    };
    let dissatisfied = if chance(rng, 0.09) {
        if chance(rng, 0.3) { 2 } else { 1 }
    } else {
        0
    };
    Intent {
        decision,
        late: chance(rng, 0.12),
        extension: chance(rng, 0.06),
        return_first: chance(rng, 0.04),
        dissatisfied,
        escalate: dissatisfied >= 2 && chance(rng, 0.6),
        withdraw_after: chance(rng, 0.02).then(|| rng.random_range(1..=4)),
        stop_at: None,
        simple: false,
    }
}

fn fixed_intent(state: State) -> Intent {
    let mut i = Intent {
        decision: DecisionKind::Dispatch,
        late: false,
        extension: false,
        return_first: false,
        dissatisfied: 0,
        escalate: false,
        withdraw_after: None,
        stop_at: Some(state),
        simple: true,
    };
    match state {
        State::AwaitingMeeting => i.decision = DecisionKind::Meeting,
        State::AwaitingDeliberation => i.decision = DecisionKind::Deliberation,
        State::NotAccepted => i.decision = DecisionKind::NotAccept,
        State::ExtensionRequested => i.extension = true,
        State::SecondDissatisfied => i.dissatisfied = 2,
        State::Escalated => {
            i.dissatisfied = 2;
            i.escalate = true;
        }
        State::Withdrawn => i.withdraw_after = Some(3),
        _ => {}
    }
    i
}

/// Days before `now` at which a ticket can have reached `state` (min, max).
fn age_for(state: State) -> (i64, i64) {
    match state {
        State::Registered | State::Drafted => (0, 0),
        State::AwaitingIssue => (0, 1),
        State::AwaitingMeeting | State::Dispatched => (2, 5),
        // Registered far enough back that 拟单, 下单 and the leader's decision have all happened
        // by `now` at any hour (at 10:21 on 2026-12-02, ages of 2 left three short of 下单).
        State::AwaitingDeliberation => (4, 7),
        State::Handling | State::ExtensionRequested => (6, 10),
        State::AwaitingFeedback | State::AwaitingEvaluation => (15, 25),
        State::SecondDissatisfied | State::Escalated => (40, 55),
        _ => (5, 60),
    }
}

fn place_label(world: &World, place_id: Option<i64>) -> String {
    let p = world.refs.place_name(place_id);
    if p.is_empty() {
        "辖区".into()
    } else {
        p.to_string()
    }
}

/// When each petition is registered and what its life will be, in order of registration:
/// spread over working days and office hours, and with `cover_all_states` the first ones
/// placed so that every state of the flow is present today.
fn plan(world: &World, opts: &GenOptions, rng: &mut impl Rng) -> Vec<(NaiveDateTime, Intent)> {
    let n = opts.tickets;
    let start = opts.now - Duration::days(opts.days);
    // Registration times, spread over working days and office hours, in order.
    let mut plan: Vec<(NaiveDateTime, Intent)> = Vec::with_capacity(n);
    let span_minutes = (opts.now - start).num_minutes().max(1);
    for _ in 0..n {
        let offset = rng.random_range(0..span_minutes);
        let mut t = start + Duration::minutes(offset);
        if !world.cal.is_working_day(t.date()) && chance(rng, 0.85) {
            t = world
                .cal
                .roll_forward(t.date())
                .and_hms_opt(8, 30, 0)
                .unwrap_or(t)
                + Duration::minutes(rng.random_range(0..480));
        }
        let tod = t.time();
        if !(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default()
            ..NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default())
            .contains(&tod)
        {
            t = t.date().and_hms_opt(8, 30, 0).unwrap_or(t)
                + Duration::minutes(rng.random_range(0..480));
        }
        if t > opts.now {
            t = opts.now - Duration::minutes(rng.random_range(1..600));
        }
        plan.push((t, random_intent(rng)));
    }
    if opts.cover_all_states {
        let cover: &[State] = &[
            State::Registered,
            State::Registered,
            State::Drafted,
            State::Drafted,
            State::AwaitingIssue,
            State::AwaitingIssue,
            State::AwaitingIssue,
            State::AwaitingMeeting,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::AwaitingDeliberation,
            State::Dispatched,
            State::Dispatched,
            State::Handling,
            State::Handling,
            State::Handling,
            State::ExtensionRequested,
            State::ExtensionRequested,
            State::AwaitingFeedback,
            State::AwaitingEvaluation,
            State::AwaitingEvaluation,
            State::AwaitingEvaluation,
            State::SecondDissatisfied,
            State::SecondDissatisfied,
            State::Escalated,
            State::Escalated,
            State::NotAccepted,
            State::Withdrawn,
        ];
        for (i, s) in cover.iter().enumerate().take(n) {
            let (lo, hi) = age_for(*s);
            // Ages count working days back, so that a ticket reaches its state on any day: in
            // the Spring Festival week, five calendar days back are all holidays.
            let age = rng.random_range(lo..=hi) as u32;
            // Before office hours today has not begun: the ages count from the last working
            // day before it, or a step planned for this morning would fall after `now` and the
            // ticket stop short of its state (at 01:26 two of the eight 民事民议 tickets did).
            let last_day = if opts.now.time()
                < chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap_or_default()
            {
                opts.now.date() - Duration::days(1)
            } else {
                opts.now.date()
            };
            let day = if lo == 0 {
                opts.now.date()
            } else {
                world.cal.nth_working_day_back(last_day, age + 1)
            };
            let mut t = day.and_hms_opt(8, 40, 0).unwrap_or(opts.now)
                + Duration::minutes(rng.random_range(0..300));
            if lo == 0 || t >= opts.now {
                // Today's tickets: early enough for the first steps to have happened.
                t = opts.now - Duration::minutes(170 + i as i64 * 7);
            }
            plan[i] = (t, fixed_intent(*s));
        }
    }
    plan.sort_by_key(|(t, _)| *t);
    plan
}

/// A new petition from `person` at `t0`: what it is about (a template of the district's usual
/// matters), how it came in, which center and clerk register it, and who handles it first.
fn new_intake(
    world: &World,
    person: &Person,
    intent: &Intent,
    t0: NaiveDateTime,
    rng: &mut impl Rng,
) -> Option<(Intake, Actor, i64)> {
    let template = if intent.simple {
        &TEMPLATES[rng.random_range(0..2)]
    } else {
        pick(rng, TEMPLATES)
    };
    let category_id = world
        .refs
        .categories
        .iter()
        .find(|c| c.name == template.category && c.active)
        .or_else(|| world.refs.categories.first())
        .map(|c| c.id)
        .unwrap_or(1);
    let place = place_label(world, person.place_id);
    let channel = *pick(
        rng,
        &[
            Channel::Visit,
            Channel::Visit,
            Channel::Visit,
            Channel::Visit,
            Channel::Visit,
            Channel::Visit,
            Channel::Visit,
            Channel::Phone,
            Channel::Phone,
            Channel::Phone,
            Channel::Phone,
            Channel::Phone,
            Channel::Letter,
            Channel::Online,
            Channel::Online,
            Channel::Online,
            Channel::LeaderCommunity,
            Channel::LeaderCommunity,
            Channel::LeaderTownship,
            Channel::PartyMember,
            Channel::LowerCenter,
        ],
    );
    let center_id = match person.place_id.and_then(|p| world.refs.place(p)) {
        Some(p) if chance(rng, 0.3) => world
            .refs
            .centers
            .iter()
            .find(|c| {
                c.active
                    && (c.place_id == Some(p.id)
                        || (p.kind == PlaceKind::Village && c.place_id == p.parent_id))
            })
            .map(|c| c.id)
            .unwrap_or(world.district_center),
        _ => world.district_center,
    };
    let clerk = world
        .clerks
        .get(&center_id)
        .filter(|v| !v.is_empty())
        .or_else(|| world.clerks.get(&world.district_center))
        .map(|v| pick(rng, v).clone());
    let clerk = clerk?;
    let center_id = clerk.center_id.unwrap_or(world.district_center);
    let leader_channel = matches!(channel, Channel::LeaderCommunity | Channel::LeaderTownship);
    let first_handler = if leader_channel {
        FirstHandler::Leader(*pick(rng, &world.leaders))
    } else {
        FirstHandler::Staff(clerk.staff_id.unwrap_or(0))
    };
    let visit_ref = leader_channel.then(|| {
        let day = if t0.day() >= 25 {
            25
        } else if t0.day() >= 10 {
            10
        } else {
            25
        };
        let date = if day == 25 && t0.day() < 10 {
            let prev = t0.date() - Duration::days(t0.day() as i64);
            prev.with_day(25).unwrap_or(prev)
        } else {
            t0.date().with_day(day).unwrap_or(t0.date())
        };
        format!("{} {}", date.format("%Y-%m-%d"), place)
    });
    let collective = chance(rng, 0.06);
    let intake = Intake {
        channel,
        petitioners: vec![Petitioner {
            name: person.name.clone(),
            mobile: person.mobile.clone(),
            resident_id: person.resident_id.clone(),
            address: person.address.clone(),
            place_id: person.place_id,
        }],
        collective,
        head_count: collective.then(|| rng.random_range(5..=60)),
        category_id,
        summary: template.summary.to_string(),
        content: fill(template.content, rng, &place, ""),
        request: template.request.to_string(),
        urgency: if !intent.simple && chance(rng, 0.06) {
            Urgency::Urgent
        } else {
            Urgency::Normal
        },
        first_handler,
        visit_ref,
    };
    Some((intake, clerk, center_id))
}

/// Generates `opts.tickets` petitions into the database.
pub fn generate(store: &mut Store, opts: &GenOptions) -> Result<GenReport> {
    let world = World::new(store)?;
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let plan = plan(&world, opts, &mut rng);
    let progress = store.progress().clone();
    let job = progress.start(crate::text::T::ProgressTickets, plan.len() as u64);

    let mut people: Vec<Person> = Vec::new();
    let mut report = GenReport::default();
    let mut merges_left = if opts.cover_all_states { 3 } else { usize::MAX };
    store.bulk(opts.batch, |w| {
        let mut pending: BTreeMap<(NaiveDateTime, u64), (NewEvent, TicketRecord)> = BTreeMap::new();
        let mut counter: u64 = 0;
        for (t0, intent) in plan {
            job.advance(1);
            // Append every event that happened before this registration.
            while let Some(entry) = pending.first_entry() {
                if entry.key().0 > t0 {
                    break;
                }
                let (e, after) = entry.remove();
                w.append_move(e, &after)?;
                report.events += 1;
            }
            // A repeat petitioner (same mobile and ID), now and then.
            let repeat = !people.is_empty() && chance(&mut rng, 0.1);
            let person_idx = if repeat {
                let lo = people.len().saturating_sub(500);
                rng.random_range(lo..people.len())
            } else {
                people.push(random_person(&world, &mut rng));
                people.len() - 1
            };
            let person = &people[person_idx];
            let previous = if repeat {
                person.last_ticket.clone()
            } else {
                None
            };
            let still_open = previous
                .as_ref()
                .is_some_and(|(_, _, closed)| closed.is_none_or(|c| c > t0));
            let mut merge_target = None;
            if still_open
                && intent.stop_at.is_none()
                && merges_left > 0
                && chance(&mut rng, if opts.cover_all_states { 1.0 } else { 0.3 })
                && let Some((id, number, _)) = &previous
            {
                merge_target = Some(MergeTarget {
                    id: *id,
                    number: number.clone(),
                    state: State::Handling,
                    center_id: person.last_center,
                    department_id: None,
                });
                merges_left = merges_left.saturating_sub(1);
            }
            let Some((intake, clerk, center_id)) =
                new_intake(&world, person, &intent, t0, &mut rng)
            else {
                continue;
            };
            let year = t0.year();
            // Read afresh for every ticket: a desk may register one between two batches.
            let seq = w.next_seq(year)?;
            let at = fmt_time(t0);
            let ctx = world.ctx(t0.date());
            let clock = flow::intake_clock(t0.date(), intake.category_id, intake.urgency, &ctx);
            let repeat_of = previous.as_ref().map(|(id, _, _)| *id);
            let mut rec = TicketRecord::new_registered(
                &intake, center_id, year, seq, &clerk, &at, clock, repeat_of,
            );
            let registered = rec.clone();
            let mut events = simulate(
                &world,
                &mut rec,
                &intent,
                t0,
                opts.now,
                merge_target.clone(),
                &mut rng,
            );
            // The row goes in as registered, with its registration event; each later move
            // writes its event and the row as it stands after it, in time order.
            let id = w.register(&registered, |reg| {
                register_event(reg, &clerk, &reg.received_at)
            })?;
            report.events += 1;
            rec.id = id;
            for (when, mut e, mut after) in events.drain(..) {
                e.ticket_id = Some(id);
                after.id = id;
                counter += 1;
                pending.insert((when, counter), (e, after));
            }
            let closed = if rec.state.is_open() {
                None
            } else {
                rec.closed_at.as_deref().and_then(crate::store::parse_time)
            };
            people[person_idx].last_ticket = Some((id, rec.number(), closed));
            people[person_idx].last_center = rec.center_id;
            *report.by_state.entry(rec.state.code()).or_default() += 1;
            report.tickets += 1;
        }
        for (_, (e, after)) in std::mem::take(&mut pending) {
            w.append_move(e, &after)?;
            report.events += 1;
        }
        Ok(())
    })?;
    Ok(report)
}
