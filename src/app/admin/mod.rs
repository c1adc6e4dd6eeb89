//! The admin pane (管理): communities, centers, departments, leaders, categories, time limits
//! and staff.

use crate::app::effects::Ctx;
use crate::app::{App, Effect, MsgKind, Outcome};
use crate::domain::Lang;
use crate::domain::org::StaffInput;
use crate::domain::roles::Actor;
use crate::keymap::AdminCmd;
use crate::records::org::{RefEdit, RefTable};
use crate::text::T;
use chrono::NaiveDateTime;

mod forms;
pub use forms::*;

#[derive(Debug)]
pub enum AdminEffect {
    SaveRef(RefEdit),
    SetRefActive {
        table: RefTable,
        id: i64,
        active: bool,
    },
    DeleteLimit(i64),
    SaveStaff {
        id: Option<i64>,
        input: StaffInput,
        center_id: i64,
        department_id: Option<i64>,
    },
    SetStaffActive {
        id: i64,
        active: bool,
    },
}

#[derive(Debug)]
pub enum AdminOutcome {
    Saved(Result<(), String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AdminTab {
    #[default]
    Places,
    Centers,
    Departments,
    Leaders,
    Categories,
    Limits,
    Staff,
}

impl AdminTab {
    pub const ALL: [AdminTab; 7] = [
        AdminTab::Places,
        AdminTab::Centers,
        AdminTab::Departments,
        AdminTab::Leaders,
        AdminTab::Categories,
        AdminTab::Limits,
        AdminTab::Staff,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AdminTab::Places => T::Communities.get(lang),
            AdminTab::Centers => T::Centers.get(lang),
            AdminTab::Departments => T::Departments.get(lang),
            AdminTab::Leaders => T::Leaders.get(lang),
            AdminTab::Categories => T::Categories.get(lang),
            AdminTab::Limits => T::TimeLimits.get(lang),
            AdminTab::Staff => T::Staff.get(lang),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct AdminState {
    pub tab: AdminTab,
    pub selected: usize,
}

impl App {
    pub(crate) fn admin_command(&mut self, cmd: AdminCmd) -> Vec<Effect> {
        let tabs = AdminTab::ALL;
        let i = tabs.iter().position(|x| *x == self.admin.tab).unwrap_or(0);
        let len = admin_len(&self.refs, self.admin.tab);
        match cmd {
            AdminCmd::TabNext => {
                self.admin.tab = tabs[(i + 1) % tabs.len()];
                self.admin.selected = 0;
            }
            AdminCmd::TabPrev => {
                self.admin.tab = tabs[(i + tabs.len() - 1) % tabs.len()];
                self.admin.selected = 0;
            }
            AdminCmd::Down => {
                if self.admin.selected + 1 < len {
                    self.admin.selected += 1;
                }
            }
            AdminCmd::Up => self.admin.selected = self.admin.selected.saturating_sub(1),
            AdminCmd::Add => {
                self.form = Some(admin_form(self.lang, &self.refs, self.admin.tab, None))
            }
            AdminCmd::Edit => {
                if let Some(id) = admin_id(&self.refs, self.admin.tab, self.admin.selected) {
                    self.form = Some(admin_form(self.lang, &self.refs, self.admin.tab, Some(id)));
                }
            }
            AdminCmd::ToggleActive => {
                if let Some((table, id, active)) =
                    admin_toggle(&self.refs, self.admin.tab, self.admin.selected)
                {
                    return vec![match table {
                        None => Effect::Admin(AdminEffect::SetStaffActive {
                            id,
                            active: !active,
                        }),
                        Some(table) => Effect::Admin(AdminEffect::SetRefActive {
                            table,
                            id,
                            active: !active,
                        }),
                    }];
                }
            }
            AdminCmd::Delete => {
                if self.admin.tab == AdminTab::Limits
                    && let Some(id) = admin_id(&self.refs, self.admin.tab, self.admin.selected)
                {
                    return vec![Effect::Admin(AdminEffect::DeleteLimit(id))];
                }
            }
        }
        vec![]
    }

    /// A reference-data form was saved.
    pub(super) fn submit_ref(&mut self, tab: AdminTab, id: Option<i64>) -> Vec<Effect> {
        let lang = self.lang;
        let Some(of) = &mut self.form else {
            return vec![];
        };
        submit_admin(lang, &self.refs, &mut of.form, tab, id).unwrap_or_default()
    }

    /// A staff form was saved.
    pub(super) fn submit_staff_form(&mut self, id: Option<i64>) -> Vec<Effect> {
        let lang = self.lang;
        let Some(of) = &mut self.form else {
            return vec![];
        };
        submit_staff(lang, &self.refs, &mut of.form, id).unwrap_or_default()
    }

    pub(super) fn on_admin(&mut self, o: AdminOutcome) -> Vec<Effect> {
        match o {
            AdminOutcome::Saved(Ok(())) => {
                self.flash(T::Saved.text(self.lang), MsgKind::Info);
                self.form = None;
                vec![Effect::LoadRefs]
            }
            AdminOutcome::Saved(Err(msg)) => {
                match &mut self.form {
                    Some(of) => of.form.message = Some(msg),
                    None => self.flash(msg, MsgKind::Error),
                }
                vec![]
            }
        }
    }
}

impl Ctx {
    /// Runs one of this pane's effects.
    pub(crate) fn run_admin(
        &mut self,
        actor: &Actor,
        e: AdminEffect,
        now: NaiveDateTime,
    ) -> Outcome {
        match e {
            AdminEffect::SaveRef(edit) => Outcome::Admin(AdminOutcome::Saved(
                self.store
                    .save_ref(actor, &edit, now)
                    .map(|_| ())
                    .map_err(|e| self.msg(e)),
            )),
            AdminEffect::SetRefActive { table, id, active } => Outcome::Admin(AdminOutcome::Saved(
                self.store
                    .set_ref_active(actor, table, id, active, now)
                    .map_err(|e| self.msg(e)),
            )),
            AdminEffect::DeleteLimit(id) => Outcome::Admin(AdminOutcome::Saved(
                self.store
                    .delete_limit(actor, id, now)
                    .map_err(|e| self.msg(e)),
            )),
            AdminEffect::SaveStaff {
                id,
                input,
                center_id,
                department_id,
            } => Outcome::Admin(AdminOutcome::Saved(
                self.store
                    .save_staff(actor, id, &input, center_id, department_id, now)
                    .map(|_| ())
                    .map_err(|e| self.msg(e)),
            )),
            AdminEffect::SetStaffActive { id, active } => Outcome::Admin(AdminOutcome::Saved(
                self.store
                    .set_staff_active(actor, id, active, now)
                    .map_err(|e| self.msg(e)),
            )),
        }
    }
}
