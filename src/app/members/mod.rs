//! The employed Party members' household work (党员联户): units, members, the households they
//! serve, the quarterly visit gaps, the small wishes. Keys change state and emit effects;
//! results come back as outcomes ([`run`] is the only part that touches the store).

use crate::keymap::MembersCmd;
use crate::text::T;
use chrono::NaiveDate;

use super::form::{Field, FieldId as F, Form, Opt, Val};
use super::{App, Effect, FormKind, MsgKind, OpenForm, Pane, PickTarget, Picker, Popup};
use crate::domain::members::WishMove;
use crate::domain::members::{
    ContactMethod, HouseholdInput, MemberInput, WishMoveKind, WishState, previous_quarter, quarter,
    wish_moves,
};
use crate::domain::vocab::Lang;
use crate::records::members::{ContactRow, Household, Member, NewContact, UnitShare, Wish};

mod run;
mod submit;
pub mod work;

use super::choices::{category_opts, intake_errors, vocab_opts};

/// What the members pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MemberView {
    Units,
    #[default]
    Members,
    Households,
    /// Households without an in-person visit this quarter or the one before.
    Gaps,
    Wishes,
}

impl MemberView {
    pub const ALL: [MemberView; 5] = [
        MemberView::Units,
        MemberView::Members,
        MemberView::Households,
        MemberView::Gaps,
        MemberView::Wishes,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MemberView::Units => T::Units.get(lang),
            MemberView::Members => T::Members.get(lang),
            MemberView::Households => T::Households.get(lang),
            MemberView::Gaps => T::QuarterlyGaps.get(lang),
            MemberView::Wishes => T::Wishes.get(lang),
        }
    }
}

/// A quarter's gaps: (year, quarter, households without an in-person visit).
pub type QuarterGaps = (i32, u32, Vec<Household>);

#[derive(Debug, Clone, Default)]
pub struct MembersState {
    pub view: MemberView,
    pub units: Vec<UnitShare>,
    pub members: Vec<Member>,
    pub households: Vec<Household>,
    /// Keyset paging: the first id of each page shown so far, and whether more follow.
    pub pages: Vec<Option<i64>>,
    pub more: bool,
    pub gaps: Vec<QuarterGaps>,
    pub wishes: Vec<Wish>,
    pub selected: usize,
    pub member: Option<MemberDetail>,
    pub household: Option<HouseholdDetail>,
    /// Key-selected members with fewer or more than 3 households, households without a member.
    pub problems: (usize, usize),
    /// The members list shows only those matching (name or initials).
    pub search: String,
    /// Each unit's work this quarter (the units list).
    pub unit_work: Vec<work::UnitWork>,
    pub unit: Option<work::UnitDetail>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDetail {
    pub member: Member,
    pub households: Vec<Household>,
    /// Households of the member's community without a member, best match first.
    pub suggestions: Vec<(Household, usize)>,
    pub contacts: Vec<ContactRow>,
    pub tickets: Vec<(String, String)>,
    /// 动态调整: the member's changes, oldest first.
    pub history: Vec<crate::store::member_work::MemberChange>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdDetail {
    pub household: Household,
    pub member: Option<String>,
    pub last_visit: Option<NaiveDate>,
}

/// Forms of the members pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MembersForm {
    Member,
    MemberSearch,
    Household,
    Contact {
        member_id: Option<i64>,
        household_id: Option<i64>,
    },
    Wish {
        household_id: i64,
    },
    WishMove {
        id: i64,
        to: WishState,
    },
    Escalate {
        member_id: i64,
        household_id: i64,
    },
    Register {
        member_id: i64,
    },
    KeySelect {
        member_id: i64,
    },
    Retire {
        member_id: i64,
    },
    EditMember {
        member_id: i64,
    },
    EndAssignment {
        member_id: i64,
    },
    Inspect {
        unit_id: i64,
    },
    Findings {
        id: i64,
    },
    Meeting {
        unit_id: i64,
    },
    Oversight {
        unit_id: i64,
    },
}

/// Pop-up lists of the members pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MembersPick {
    /// A household for this member.
    AssignHousehold(i64),
    /// A member for this household.
    AssignMember(i64),
    /// What to do with a wish.
    WishMove(i64),
    /// The member who claims a wish.
    ClaimWish(i64),
}

#[derive(Debug)]
pub enum MembersEffect {
    LoadMembers {
        view: MemberView,
        search: String,
        after: Option<i64>,
        select: Option<i64>,
    },
    LoadMember(i64),
    LoadHousehold(i64),
    AddMember(Box<MemberInput>),
    AddHousehold(Box<HouseholdInput>),
    Assign {
        member_id: i64,
        household_id: i64,
    },
    Contact(NewContact),
    AddWish {
        household_id: i64,
        wish: String,
    },
    MoveWish {
        id: i64,
        mv: WishMove,
    },
    Escalate {
        member_id: i64,
        household_id: i64,
        intake: Box<crate::domain::intake::Intake>,
        /// 特别疑难: also on the agenda of the next leader's visit to the community.
        hard: bool,
    },
    PrintCard(i64),
    /// 一户一卡 of a household.
    PrintHouseholdCard(i64),
    /// §3: registering, 动态调整, inspections, meetings, oversight.
    Work(work::WorkEffect),
    /// Candidates for an assignment pop-up.
    AssignChoices(MembersPick),
}

#[derive(Debug)]
pub enum MembersOutcome {
    Members {
        view: MemberView,
        units: Vec<UnitShare>,
        members: Vec<Member>,
        households: Vec<Household>,
        gaps: Vec<QuarterGaps>,
        wishes: Vec<Wish>,
        more: bool,
        unit_work: Vec<work::UnitWork>,
        problems: (usize, usize),
        after: Option<i64>,
        select: Option<i64>,
    },
    Member(Box<MemberDetail>),
    Household(Box<HouseholdDetail>),
    Unit(Box<work::UnitDetail>),
    /// A change was saved (the message to show), or refused (why).
    Saved(Result<String, String>),
    Written(Result<std::path::PathBuf, String>),
    Choices(MembersPick, Vec<Opt>),
}

impl App {
    pub(super) fn load_members(&self, after: Option<i64>, select: Option<i64>) -> Effect {
        Effect::Members(MembersEffect::LoadMembers {
            view: self.members.view,
            search: self.members.search.clone(),
            after,
            select,
        })
    }

    pub(super) fn open_members(&mut self) -> Vec<Effect> {
        self.pane = Pane::Members;
        let after = self.members.pages.last().copied().flatten();
        let sel = self.selected_member_id().or(self.selected_household_id());
        vec![self.load_members(after, sel)]
    }

    pub fn member_rows_len(&self) -> usize {
        match self.members.view {
            MemberView::Units => self.members.units.len(),
            MemberView::Members => self.members.members.len(),
            MemberView::Households => self.members.households.len(),
            MemberView::Gaps => self.members.gaps.iter().map(|g| g.2.len()).sum(),
            MemberView::Wishes => self.members.wishes.len(),
        }
    }

    /// The household on the selected row (households, gaps or wishes).
    pub fn selected_household_id(&self) -> Option<i64> {
        let i = self.members.selected;
        match self.members.view {
            MemberView::Households => self.members.households.get(i).map(|h| h.id),
            MemberView::Gaps => self
                .members
                .gaps
                .iter()
                .flat_map(|g| g.2.iter())
                .nth(i)
                .map(|h| h.id),
            MemberView::Wishes => self.members.wishes.get(i).map(|w| w.household_id),
            _ => None,
        }
    }

    pub fn selected_member_id(&self) -> Option<i64> {
        match self.members.view {
            MemberView::Members => self
                .members
                .members
                .get(self.members.selected)
                .map(|m| m.id),
            _ => None,
        }
    }

    fn member_detail_effect(&self) -> Vec<Effect> {
        if let Some(id) = self.selected_member_id() {
            return vec![Effect::Members(MembersEffect::LoadMember(id))];
        }
        if let Some(id) = self.selected_household_id() {
            return vec![Effect::Members(MembersEffect::LoadHousehold(id))];
        }
        if self.members.view == MemberView::Units
            && let Some(u) = self.members.units.get(self.members.selected)
        {
            return vec![Effect::Members(MembersEffect::Work(
                work::WorkEffect::LoadUnit(u.id),
            ))];
        }
        vec![]
    }

    pub(super) fn members_command(&mut self, cmd: MembersCmd) -> Vec<Effect> {
        let lang = self.lang;
        let n = self.member_rows_len();
        let paged = matches!(
            self.members.view,
            MemberView::Members | MemberView::Households
        );
        match cmd {
            MembersCmd::Down if self.members.selected + 1 < n => {
                self.members.selected += 1;
                return self.member_detail_effect();
            }
            MembersCmd::Up if self.members.selected > 0 => {
                self.members.selected -= 1;
                return self.member_detail_effect();
            }
            MembersCmd::PageDown if paged && self.members.more => {
                let last = match self.members.view {
                    MemberView::Members => self.members.members.last().map(|m| m.id),
                    _ => self.members.households.last().map(|h| h.id),
                };
                self.members.pages.push(last);
                self.members.selected = 0;
                return vec![self.load_members(last, None)];
            }
            MembersCmd::PageUp if paged && self.members.pages.len() > 1 => {
                self.members.pages.pop();
                self.members.selected = 0;
                let after = self.members.pages.last().copied().flatten();
                return vec![self.load_members(after, None)];
            }
            MembersCmd::ViewNext | MembersCmd::ViewPrev => {
                let i = MemberView::ALL
                    .iter()
                    .position(|v| *v == self.members.view)
                    .unwrap_or(0);
                let k = MemberView::ALL.len();
                let j = if cmd == MembersCmd::ViewNext {
                    (i + 1) % k
                } else {
                    (i + k - 1) % k
                };
                self.members.view = MemberView::ALL[j];
                self.members.selected = 0;
                self.members.pages = vec![None];
                self.members.member = None;
                self.members.household = None;
                return vec![self.load_members(None, None)];
            }
            MembersCmd::Search => return self.open_member_search(),
            MembersCmd::Add => match self.members.view {
                MemberView::Households | MemberView::Gaps => self.form = Some(household_form(self)),
                _ => self.form = Some(member_form(self)),
            },
            MembersCmd::Assign => {
                if let Some(m) = self.selected_member_id() {
                    return vec![Effect::Members(MembersEffect::AssignChoices(
                        MembersPick::AssignHousehold(m),
                    ))];
                }
                if let Some(h) = self.selected_household_id() {
                    return vec![Effect::Members(MembersEffect::AssignChoices(
                        MembersPick::AssignMember(h),
                    ))];
                }
            }
            MembersCmd::Contact => {
                let (member_id, household_id) =
                    (self.selected_member_id(), self.selected_household_id());
                if member_id.is_none() && household_id.is_none() {
                    return vec![];
                }
                self.form = Some(contact_form(self, member_id, household_id));
            }
            MembersCmd::Wish => return self.open_wish_form(),
            MembersCmd::Escalate => return self.open_escalate_form(),
            MembersCmd::Register
            | MembersCmd::KeySelect
            | MembersCmd::Retire
            | MembersCmd::EditMember
            | MembersCmd::EndAssignment
            | MembersCmd::Inspect
            | MembersCmd::Findings
            | MembersCmd::Meeting
            | MembersCmd::Oversight => return self.members_work_command(cmd),
            MembersCmd::PrintCard => {
                if let Some(m) = self.selected_member_id() {
                    return vec![Effect::Members(MembersEffect::PrintCard(m))];
                }
                if let Some(h) = self.selected_household_id() {
                    return vec![Effect::Members(MembersEffect::PrintHouseholdCard(h))];
                }
                self.flash(T::SelectAMemberInTheMembers.text(lang), MsgKind::Error);
            }
            // No row or page further.
            MembersCmd::Down | MembersCmd::Up | MembersCmd::PageDown | MembersCmd::PageUp => {}
        }
        vec![]
    }

    /// `MembersCmd::Search`.
    fn open_member_search(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let f = Form::new(
            T::FindAMember.text(lang),
            vec![
                Field::text(F::Q, &T::NameOrInitials.text(lang), &self.members.search)
                    .hint(T::EGOrTlEmptyClears.text(lang)),
            ],
        );
        self.form = Some(OpenForm::new(
            FormKind::Members(MembersForm::MemberSearch),
            f,
        ));
        vec![]
    }

    /// `MembersCmd::Wish`.
    fn open_wish_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        if self.members.view == MemberView::Wishes
            && let Some(w) = self.members.wishes.get(self.members.selected)
        {
            // The moves the wish's lifecycle allows; the value is the move's place in ALL.
            let opts: Vec<Opt> = wish_moves(w.state)
                .into_iter()
                .map(|k| {
                    let label = match k {
                        WishMoveKind::Claim => T::ClaimedByAMember.text(lang),
                        WishMoveKind::Fulfil => T::Fulfilled.text(lang),
                        WishMoveKind::Return => T::Returned.text(lang),
                    };
                    let at = WishMoveKind::ALL.iter().position(|x| *x == k);
                    Opt::new(label, Val::Nth(at.unwrap_or_default()))
                })
                .collect();
            if opts.is_empty() {
                self.flash(T::ThisWishIsFulfilled.text(lang), MsgKind::Info);
                return vec![];
            }
            self.popup = Some(Popup::Picker(Picker {
                title: T::Wish.text(lang),
                options: opts,
                filter: String::new(),
                selected: 0,
                target: PickTarget::Members(MembersPick::WishMove(w.id)),
            }));
            return vec![];
        }
        if let Some(h) = self.selected_household_id() {
            let f = Form::new(
                T::AddAWish.text(lang),
                vec![Field::text(F::Wish, &T::WishShort.text(lang), "").required()],
            );
            self.form = Some(OpenForm::new(
                FormKind::Members(MembersForm::Wish { household_id: h }),
                f,
            ));
        } else {
            self.flash(T::SelectAHouseholdFirst.text(lang), MsgKind::Error);
        }
        vec![]
    }

    /// `MembersCmd::Escalate`.
    fn open_escalate_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(d) = self.members.household.clone() else {
            self.flash(T::SelectAHouseholdFirst.text(lang), MsgKind::Error);
            return vec![];
        };
        let Some(member_id) = d.household.member_id else {
            self.flash(T::ThisHouseholdHasNoMemberYet.text(lang), MsgKind::Error);
            return vec![];
        };
        self.form = Some(escalate_form(self, &d, member_id));
        vec![]
    }

    // ---- pop-ups, confirmations and forms -----------------------------------------------

    pub(super) fn members_picked(&mut self, target: MembersPick, value: Val) -> Vec<Effect> {
        let (id, nth) = match value {
            Val::Id(id) => (Some(id), None),
            Val::Nth(n) => (None, Some(n)),
            _ => (None, None),
        };
        let lang = self.lang;
        match (target, id) {
            (MembersPick::AssignHousehold(member_id), Some(household_id)) => {
                vec![Effect::Members(MembersEffect::Assign {
                    member_id,
                    household_id,
                })]
            }
            (MembersPick::AssignMember(household_id), Some(member_id)) => {
                vec![Effect::Members(MembersEffect::Assign {
                    member_id,
                    household_id,
                })]
            }
            (MembersPick::ClaimWish(id), Some(member_id)) => {
                vec![Effect::Members(MembersEffect::MoveWish {
                    id,
                    mv: WishMove::Claim { member_id },
                })]
            }
            (
                MembersPick::AssignHousehold(_)
                | MembersPick::AssignMember(_)
                | MembersPick::ClaimWish(_),
                None,
            ) => {
                vec![]
            }
            (MembersPick::WishMove(id), _) => {
                let Some(kind) = nth.and_then(|n| WishMoveKind::ALL.get(n)).copied() else {
                    return vec![];
                };
                let to = kind.to();
                let title = match kind {
                    WishMoveKind::Claim => T::ClaimedBy.text(lang),
                    WishMoveKind::Fulfil => T::WishFulfilled.text(lang),
                    WishMoveKind::Return => T::WishReturned.text(lang),
                };
                if to == WishState::Claimed {
                    return vec![Effect::Members(MembersEffect::AssignChoices(
                        MembersPick::ClaimWish(id),
                    ))];
                }
                let mut fields = vec![];
                if to == WishState::Fulfilled {
                    fields.push(
                        Field::text(
                            F::Date,
                            &T::FulfilledOn.text(lang),
                            &self.today().format("%Y-%m-%d").to_string(),
                        )
                        .required(),
                    );
                }
                fields.push(Field::text(F::Note, &T::NoteShort.text(lang), "").required());
                self.form = Some(OpenForm::new(
                    FormKind::Members(MembersForm::WishMove { id, to }),
                    Form::new(title, fields),
                ));
                vec![]
            }
        }
    }

    pub(super) fn on_members(&mut self, o: MembersOutcome) -> Vec<Effect> {
        let lang = self.lang;
        match o {
            MembersOutcome::Members {
                view,
                units,
                members,
                households,
                gaps,
                wishes,
                more,
                problems,
                after,
                select,
                unit_work,
            } => {
                self.members.unit_work = unit_work;
                if view != self.members.view {
                    return vec![];
                }
                if self.members.pages.is_empty() {
                    self.members.pages = vec![after];
                }
                self.members.units = units;
                self.members.members = members;
                self.members.households = households;
                self.members.gaps = gaps;
                self.members.wishes = wishes;
                self.members.more = more;
                self.members.problems = problems;
                let n = self.member_rows_len();
                let found = select.and_then(|id| match view {
                    MemberView::Members => self.members.members.iter().position(|m| m.id == id),
                    MemberView::Households => {
                        self.members.households.iter().position(|h| h.id == id)
                    }
                    // A wish moved re-sorts the list: the cursor stays on it.
                    MemberView::Wishes => self.members.wishes.iter().position(|w| w.id == id),
                    _ => None,
                });
                self.members.selected = found
                    .unwrap_or(self.members.selected)
                    .min(n.saturating_sub(1));
                return self.member_detail_effect();
            }
            MembersOutcome::Member(d) => {
                self.members.member = Some(*d);
                self.members.household = None;
            }
            MembersOutcome::Household(d) => {
                self.members.household = Some(*d);
                self.members.member = None;
            }
            MembersOutcome::Unit(d) => self.members.unit = Some(*d),
            MembersOutcome::Saved(r) => {
                let sel = match self.members.view {
                    MemberView::Wishes => {
                        self.members.wishes.get(self.members.selected).map(|w| w.id)
                    }
                    _ => self.selected_member_id().or(self.selected_household_id()),
                };
                let after = self.members.pages.last().copied().flatten();
                let reload = self.load_members(after, sel);
                return self.after_save(r, reload);
            }
            MembersOutcome::Written(r) => self.written(r),
            MembersOutcome::Choices(target, options) => {
                if options.is_empty() {
                    self.flash(
                        match target {
                            MembersPick::AssignHousehold(_) => {
                                T::NoUnassignedHouseholdInThisCommunity.text(lang)
                            }
                            MembersPick::ClaimWish(_) => T::NoMemberLivesInThisCommunity.text(lang),
                            _ => T::NoKeySelectedMemberHereHas.text(lang),
                        },
                        MsgKind::Error,
                    );
                    return vec![];
                }
                self.popup = Some(Popup::Picker(Picker {
                    title: match target {
                        MembersPick::AssignHousehold(_) => {
                            T::AssignAHouseholdBestMatchFirst.text(lang)
                        }
                        MembersPick::ClaimWish(_) => T::MemberClaimingTheWish.text(lang),
                        _ => T::AssignAMember.text(lang),
                    },
                    options,
                    filter: String::new(),
                    selected: 0,
                    target: PickTarget::Members(target),
                }));
            }
        }
        vec![]
    }

    /// The quarters whose gaps the pane lists: this one and the one before.
    pub fn gap_quarters(&self) -> [(i32, u32); 2] {
        let now = quarter(self.today());
        [now, previous_quarter(now.0, now.1)]
    }
}

fn member_form(app: &App) -> OpenForm {
    use crate::domain::members::{CadrePool, SelectedBy};
    let lang = app.lang;
    let pools = vocab_opts(CadrePool::ALL, |v| v.label(app.lang));
    let by = vocab_opts(SelectedBy::ALL, |v| v.label(app.lang));
    let f = Form::new(
        T::AddAMember.text(lang),
        vec![
            Field::text(F::Name, &T::PersonName.text(lang), "").required(),
            Field::text(F::Unit, &T::UnitShort.text(lang), "")
                .required()
                .hint(T::DepartmentNameExample.text(lang)),
            Field::text(F::Position, &T::Position.text(lang), ""),
            Field::choice(
                F::Place,
                &T::CommunityOfResidence.text(lang),
                app.community_opts(),
                None,
            )
            .required(),
            Field::text(F::Profession, &T::Profession.text(lang), ""),
            Field::text(F::Skills, &T::Skills.text(lang), "")
                .hint(T::MatchedAgainstHouseholdsNeeds.text(lang)),
            Field::choice(
                F::Pool,
                &T::CadrePoolLabel.text(lang),
                pools,
                Some(Val::Nth(3)),
            ),
            Field::choice(
                F::Key,
                &T::KeySelected.text(lang),
                vec![
                    Opt::new(T::No.text(lang), Val::Nth(0)),
                    Opt::new(T::Yes.text(lang), Val::Nth(1)),
                ],
                Some(Val::Nth(1)),
            ),
            Field::choice(F::By, &T::SelectedBy.text(lang), by, Some(Val::Nth(1)))
                .show_if(F::Key, vec![Val::Nth(1)]),
            Field::text(F::Mobile, &T::MobileOptional.text(lang), ""),
        ],
    );
    OpenForm::new(FormKind::Members(MembersForm::Member), f)
}

fn household_form(app: &App) -> OpenForm {
    use crate::domain::members::HouseholdKind;
    let lang = app.lang;
    let kinds = vocab_opts(HouseholdKind::ALL, |v| v.label(app.lang));
    let f = Form::new(
        T::AddAHousehold.text(lang),
        vec![
            Field::choice(
                F::Place,
                &T::Community.text(lang),
                app.community_opts(),
                None,
            )
            .required(),
            Field::text(F::Address, &T::Address.text(lang), "").required(),
            Field::text(F::Head, &T::HeadOfHousehold.text(lang), "").required(),
            Field::choice(
                F::Kind,
                &T::HouseholdKind.text(lang),
                kinds,
                Some(Val::Nth(0)),
            ),
            Field::multiline(F::Needs, &T::Needs.text(lang), ""),
            Field::multiline(F::Plan, &T::Plan.text(lang), ""),
        ],
    );
    OpenForm::new(FormKind::Members(MembersForm::Household), f)
}

fn contact_form(app: &App, member_id: Option<i64>, household_id: Option<i64>) -> OpenForm {
    let lang = app.lang;
    let methods = vocab_opts(ContactMethod::ALL, |v| v.label(app.lang));
    let mut fields = vec![];
    if member_id.is_some() {
        // The member's households.
        let opts: Vec<Opt> = app
            .members
            .member
            .as_ref()
            .map(|d| {
                d.households
                    .iter()
                    .map(|h| Opt::new(format!("{} {}", h.head, h.address), Val::Id(h.id)))
                    .collect()
            })
            .unwrap_or_default();
        let first = opts.first().map(|o| o.value);
        fields.push(Field::choice(F::Household, &T::Household.text(lang), opts, first).required());
    } else {
        let opts: Vec<Opt> = app
            .members
            .household
            .as_ref()
            .and_then(|d| {
                d.household
                    .member_id
                    .map(|m| (m, d.member.clone().unwrap_or_default()))
            })
            .map(|(m, name)| vec![Opt::new(name, Val::Id(m))])
            .unwrap_or_default();
        let first = opts.first().map(|o| o.value);
        fields.push(Field::choice(F::Member, &T::ContactMember.text(lang), opts, first).required());
    }
    fields.push(
        Field::text(
            F::Date,
            &T::Date.text(lang),
            &app.today().format("%Y-%m-%d").to_string(),
        )
        .required(),
    );
    fields.push(Field::choice(
        F::Method,
        &T::MethodShort.text(lang),
        methods,
        Some(Val::Nth(0)),
    ));
    fields.push(Field::multiline(F::Notes, &T::Diary.text(lang), ""));
    OpenForm::new(
        FormKind::Members(MembersForm::Contact {
            member_id,
            household_id,
        }),
        Form::new(T::RecordAContact.text(lang), fields),
    )
}

fn escalate_form(app: &App, d: &HouseholdDetail, member_id: i64) -> OpenForm {
    let lang = app.lang;
    let cats = category_opts(app);
    let f = Form::new(
        T::EscalateToTheDeskPartyMember.text(lang),
        vec![
            Field::text(F::Name, &T::Petitioner.text(lang), &d.household.head).required(),
            Field::text(F::Mobile, &T::Mobile.text(lang), "").required(),
            Field::text(F::Address, &T::Address.text(lang), &d.household.address).required(),
            Field::choice(F::Category, &T::PetitionCategory.text(lang), cats, None).required(),
            Field::text(F::Summary, &T::MatterSummary.text(lang), "").required(),
            Field::multiline(F::Content, &T::WhatWasRaisedAndDone.text(lang), "").required(),
            Field::text(F::Request, &T::Request.text(lang), "").required(),
            Field::choice(
                F::Kind,
                &T::HardProblem.text(lang),
                vec![
                    Opt::new(T::No.text(lang), Val::Nth(0)),
                    Opt::new(T::HardProblemYes.text(lang), Val::Nth(1)),
                ],
                Some(Val::Nth(0)),
            ),
        ],
    );
    OpenForm::new(
        FormKind::Members(MembersForm::Escalate {
            member_id,
            household_id: d.household.id,
        }),
        f,
    )
}
