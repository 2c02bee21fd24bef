//! One item of the demo library, and the asset metadata it becomes.

use portico_api::assets::{AssetKind, AssetMetadata, AssetState, Audience, Certification};
use portico_api::organizations::{Motion, Tier};

/// A file the demo attaches: a generated PDF or one of the committed office files.
pub(super) enum Attachment {
    Pdf,
    File(&'static str, &'static [u8]),
    Link(&'static str),
}

pub(super) struct Item {
    kind: AssetKind,
    pub(super) title: &'static str,
    pub(super) summary: &'static str,
    motions: &'static [Motion],
    industries: &'static [&'static str],
    use_cases: &'static [&'static str],
    audience: (&'static [Tier], &'static [Motion], Option<&'static str>),
    pub(super) attachment: Attachment,
    pub(super) state: AssetState,
}

#[allow(clippy::too_many_arguments, reason = "one row of the library table")]
pub(super) const fn item(
    kind: AssetKind,
    title: &'static str,
    summary: &'static str,
    motions: &'static [Motion],
    industries: &'static [&'static str],
    use_cases: &'static [&'static str],
    audience: (&'static [Tier], &'static [Motion], Option<&'static str>),
    attachment: Attachment,
    state: AssetState,
) -> Item {
    Item {
        kind,
        title,
        summary,
        motions,
        industries,
        use_cases,
        audience,
        attachment,
        state,
    }
}

impl Item {
    fn body(&self) -> String {
        format!(
            "## What it is\n\n{}\n\n## When to use it\n\nUse it for **{}** conversations in {}.\n\n\
             ## Tips\n\n- Tailor the first page to the customer's industry.\n\
             - Pair it with a deal registration so your protection starts early.\n\
             - Questions? Ask your partner manager or post a note on the deal.\n",
            self.summary,
            self.use_cases.join(", ").to_lowercase(),
            self.industries.join(", ").to_lowercase(),
        )
    }

    pub(super) fn metadata(&self) -> AssetMetadata {
        let (tiers, motions, certification) = self.audience;
        AssetMetadata {
            title: self.title.into(),
            summary: self.summary.into(),
            body: self.body(),
            kind: self.kind,
            motions: self.motions.to_vec(),
            industries: self.industries.iter().map(|s| (*s).to_owned()).collect(),
            use_cases: self.use_cases.iter().map(|s| (*s).to_owned()).collect(),
            language: "en".into(),
            audience: Audience {
                tiers: tiers.to_vec(),
                motions: motions.to_vec(),
                certification: certification.and_then(Certification::parse),
            },
            link: match self.attachment {
                Attachment::Link(url) => Some(url.into()),
                Attachment::Pdf | Attachment::File(..) => None,
            },
        }
    }
}
