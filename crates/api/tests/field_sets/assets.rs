//! Content: cards, views, managed assets and search results.

use super::*;

fn asset_view() -> AssetView {
    AssetView {
        card: AssetCard {
            id: 1,
            kind: AssetKind::Deck,
            state: AssetState::Published,
            title: "t".into(),
            summary: "s".into(),
            motions: vec![Motion::Reseller],
            industries: vec!["Retail".into()],
            use_cases: vec!["First meeting".into()],
            language: "en".into(),
            published_at: Some("x".into()),
            is_new: true,
            file: Some(FileInfo {
                name: "a.pdf".into(),
                content_type: "application/pdf".into(),
                size: 1,
            }),
            link: None,
        },
        body_html: "<p>b</p>".into(),
        updated_at: "x".into(),
    }
}

/// What every reader of an asset sees, partners included: no audience, no Markdown source,
/// no usage figures, nothing about other partners.
const ASSET_VIEW: [&str; 18] = [
    "body_html",
    "file",
    "file.content_type",
    "file.name",
    "file.size",
    "id",
    "industries",
    "is_new",
    "kind",
    "language",
    "link",
    "motions",
    "published_at",
    "state",
    "summary",
    "title",
    "updated_at",
    "use_cases",
];

#[test]
fn asset_fields() {
    let mut expected = ASSET_VIEW.to_vec();
    expected.sort();
    assert_eq!(fields(&asset_view()), expected);
    assert_eq!(
        fields(&AssetDetail::Partner(asset_view())),
        fields(&asset_view())
    );
    let managed = ManagedAsset {
        asset: asset_view(),
        body: "b".into(),
        audience: Audience {
            tiers: vec![Tier::Gold],
            motions: vec![Motion::Reseller],
            certification: Certification::parse("solutions_architect"),
        },
        versions: vec![AssetVersion {
            number: 1,
            file: FileInfo {
                name: "a.pdf".into(),
                content_type: "application/pdf".into(),
                size: 1,
            },
            sha256: "h".into(),
            uploaded_at: "x".into(),
            uploaded_by: "Morgan".into(),
        }],
        views: 1,
        downloads: 1,
        created_at: "x".into(),
    };
    let mut expected: Vec<String> = ASSET_VIEW
        .iter()
        .map(|f| format!("asset.{f}"))
        .chain(
            [
                "asset",
                "audience",
                "audience.certification",
                "audience.motions",
                "audience.tiers",
                "body",
                "created_at",
                "downloads",
                "versions",
                "versions[].file",
                "versions[].file.content_type",
                "versions[].file.name",
                "versions[].file.size",
                "versions[].number",
                "versions[].sha256",
                "versions[].uploaded_at",
                "versions[].uploaded_by",
                "views",
            ]
            .map(String::from),
        )
        .collect();
    expected.sort();
    assert_eq!(fields(&managed), expected);
}

#[test]
fn asset_search_fields() {
    let count = || {
        vec![FacetCount {
            value: "v".into(),
            count: 1,
        }]
    };
    let search = AssetSearch {
        items: vec![asset_view().card],
        next_cursor: None,
        total: 1,
        capped: false,
        facets: Facets {
            kind: count(),
            motion: count(),
            industry: count(),
            use_case: count(),
        },
    };
    let mut expected: Vec<String> = ASSET_VIEW
        .iter()
        .filter(|f| !matches!(**f, "body_html" | "updated_at"))
        .map(|f| format!("items[].{f}"))
        .chain(
            [
                "capped",
                "facets",
                "facets.industry",
                "facets.industry[].count",
                "facets.industry[].value",
                "facets.kind",
                "facets.kind[].count",
                "facets.kind[].value",
                "facets.motion",
                "facets.motion[].count",
                "facets.motion[].value",
                "facets.use_case",
                "facets.use_case[].count",
                "facets.use_case[].value",
                "items",
                "next_cursor",
                "total",
            ]
            .map(String::from),
        )
        .collect();
    expected.sort();
    assert_eq!(fields(&search), expected);
}
