//! The panes of the desk, registered here once: their order (the tabs and Tab), their keymap
//! section, who may open them, and how each opens and reloads. A pane is its module under
//! `app/` (state, keys, forms, effects, outcomes) and `ui/` (its view); adding one means
//! writing those modules, a variant here with its arms in this file, and its arms where
//! `Effect`, `Outcome`, `FormKind` and the view are routed (the compiler lists them all).

use crate::app::roster::RosterEffect;
use crate::app::{App, Effect, Reason};
use crate::domain::Lang;
use crate::text::T;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Queue,
    Board,
    Roster,
    Visits,
    Members,
    Admin,
    Review,
}

impl Pane {
    /// In tab order.
    pub const ALL: [Pane; 7] = [
        Pane::Queue,
        Pane::Board,
        Pane::Roster,
        Pane::Visits,
        Pane::Members,
        Pane::Admin,
        Pane::Review,
    ];

    /// Its section of the keymap.
    pub fn section(self) -> &'static str {
        match self {
            Pane::Queue => "queue",
            Pane::Board => "board",
            Pane::Roster => "roster",
            Pane::Visits => "visits",
            Pane::Members => "members",
            Pane::Admin => "admin",
            Pane::Review => "review",
        }
    }

    /// Its name on the tab.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Pane::Queue => T::Queue.get(lang),
            Pane::Board => T::Board.get(lang),
            Pane::Roster => T::Roster.get(lang),
            Pane::Visits => T::Visits.get(lang),
            Pane::Members => T::MembersPane.get(lang),
            Pane::Admin => T::Admin.get(lang),
            Pane::Review => T::ReviewPane.get(lang),
        }
    }

    /// Only administrators see and open it.
    pub fn admin_only(self) -> bool {
        self == Pane::Admin
    }

    /// The center's work beyond tickets, which a department account does not see.
    pub fn center_work(self) -> bool {
        matches!(self, Pane::Roster | Pane::Visits | Pane::Members)
    }
}

impl App {
    /// The panes this user sees, in tab order.
    pub fn panes(&self) -> Vec<Pane> {
        let admin = self.is_admin();
        let center = self.sees_center_work();
        let review = self.sees_review();
        Pane::ALL
            .into_iter()
            .filter(|p| (admin || !p.admin_only()) && (center || !p.center_work()))
            .filter(|p| review || *p != Pane::Review)
            .collect()
    }

    /// Whether the hints and the help offer command `cmd` of keymap `section` to this user:
    /// what the user's role may not do is not offered (a department account registers nothing
    /// and sees no roster, visits or members; only administrators see the admin pane). The
    /// handlers refuse it again with a reason, should the key be pressed anyway.
    pub fn offers(&self, section: &str, cmd: &str) -> bool {
        let pane_named = |name: &str| Pane::ALL.into_iter().find(|p| p.section() == name);
        let panes = self.panes();
        match (section, cmd) {
            (_, "new_ticket") => self.may(crate::domain::roles::Act::Register),
            ("global", c) if c.starts_with("pane_") => {
                pane_named(&c["pane_".len()..]).is_none_or(|p| panes.contains(&p))
            }
            ("draw" | "hearing", _) => self.may(crate::domain::roles::Act::Deliberate),
            ("visits", "settings") => self.may(crate::domain::roles::Act::ChangeVisitSettings),
            (s, _) => pane_named(s).is_none_or(|p| panes.contains(&p)),
        }
    }

    fn may(&self, act: crate::domain::roles::Act) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| crate::domain::roles::can(&s.actor, act))
    }

    /// The pane after the current one (Tab), wrapping round.
    pub(super) fn next_pane(&self) -> Pane {
        let panes = self.panes();
        let i = panes.iter().position(|p| *p == self.pane).unwrap_or(0);
        panes[(i + 1) % panes.len()]
    }

    /// What a pane loads when it is switched to.
    pub(super) fn open_pane(&mut self, pane: Pane) -> Vec<Effect> {
        self.pane = pane;
        match pane {
            Pane::Queue => vec![self.reload_queue(Reason::User)],
            Pane::Board => vec![self.load_board(Reason::User)],
            Pane::Roster => self.open_roster(),
            Pane::Visits => self.open_visits(),
            Pane::Members => self.open_members(),
            Pane::Admin => vec![Effect::LoadRefs],
            Pane::Review => self.open_review(),
        }
    }

    /// What the current pane reloads, keeping its place (after a change here or elsewhere).
    pub(super) fn reload_pane(&self, reason: Reason) -> Effect {
        match self.pane {
            Pane::Queue => self.reload_queue(reason),
            Pane::Board => self.load_board(reason),
            Pane::Roster => {
                let (after, before) = self.roster.anchor;
                let sel = self.roster.rows.get(self.roster.selected).map(|r| r.id);
                Effect::Roster(RosterEffect::LoadRoster {
                    query: self.roster.query.clone(),
                    after,
                    before,
                    select: sel,
                })
            }
            Pane::Visits => {
                let sel = self.selected_visit().map(|v| v.id);
                self.load_visits(sel)
            }
            Pane::Members => {
                let sel = self.selected_member_id().or(self.selected_household_id());
                let after = self.members.pages.last().copied().flatten();
                self.load_members(after, sel)
            }
            Pane::Admin => Effect::LoadRefs,
            Pane::Review => self.load_review(),
        }
    }
}
