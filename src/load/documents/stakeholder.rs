//! `content/stakeholders/<id>.md`: a person or group with a stake.

use jiff::civil::Date;

use super::{known, text, texts};
use crate::fields::Fields;
use crate::keywords::{Category, Engagement, Role};

/// `content/stakeholders/<id>.md`.
#[derive(Debug, Clone)]
pub struct RawStakeholder {
    pub name: String,
    pub position: Option<String>,
    pub organization: Option<String>,
    pub role: Option<Role>,
    pub category: Option<Category>,
    pub power: Option<u8>,
    pub interest: Option<u8>,
    pub funding: bool,
    pub veto: bool,
    pub engagement: Option<Engagement>,
    pub cadence_days: Option<u32>,
    pub last_contact: Option<Date>,
    pub success: Option<String>,
    pub motivations: Vec<String>,
    pub risks: Vec<String>,
}

pub const STAKEHOLDER_KEYS: &[&str] = &[
    "name",
    "position",
    "organization",
    "role",
    "category",
    "power",
    "interest",
    "funding",
    "veto",
    "engagement",
    "cadence_days",
    "last_contact",
    "success",
    "motivations",
    "risks",
];

/// The keys a public build leaves out of a stakeholder (their body too).
pub const STAKEHOLDER_PRIVATE_KEYS: &[&str] = &["motivations", "risks"];

/// The keys a public build leaves out unless `[public] engagement = true`.
pub const STAKEHOLDER_ENGAGEMENT_KEYS: &[&str] = &[
    "power",
    "interest",
    "engagement",
    "cadence_days",
    "last_contact",
];

pub fn stakeholder_keys() -> Vec<&'static str> {
    known(STAKEHOLDER_KEYS)
}

pub fn stakeholder(f: &mut Fields) -> RawStakeholder {
    RawStakeholder {
        name: text(f.string("name", true)),
        position: f.string("position", false).map(|s| s.value),
        organization: f.string("organization", false).map(|s| s.value),
        role: f.keyword("role", true).map(|k| k.value),
        category: f.keyword("category", false).map(|k| k.value),
        power: f.integer("power", true, 1, 5).map(|n| n.value as u8),
        interest: f.integer("interest", true, 1, 5).map(|n| n.value as u8),
        funding: f.boolean("funding"),
        veto: f.boolean("veto"),
        engagement: f.keyword("engagement", false).map(|k| k.value),
        cadence_days: f
            .integer("cadence_days", false, 1, 3650)
            .map(|n| n.value as u32),
        last_contact: f.date("last_contact", false).map(|d| d.value),
        success: f.string("success", false).map(|s| s.value),
        motivations: texts(f.strings("motivations")),
        risks: texts(f.strings("risks")),
    }
}
