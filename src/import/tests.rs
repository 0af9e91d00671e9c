use super::*;

fn startup(incubator: &str, mission: &str, extra: &str) -> String {
    format!(
        "---\ntitle: Essai\nmission: {mission}\nincubator: {incubator}\ncontact: equipe@exemple.gouv.fr\n\
         phases:\n  - name: investigation\n    start: 2024-01-01\n{extra}---\nTexte.\n"
    )
}

fn fiche(dir: &str, id: &str, text: &str) -> Fiche {
    Fiche {
        id: id.into(),
        shown: PathBuf::from(format!("{dir}/{id}.md")),
        text: text.into(),
    }
}

fn net(id: &str, text: &str) -> Fiche {
    fiche("network/startups", id, text)
}

fn site(id: &str, text: &str) -> Fiche {
    fiche("content/startups", id, text)
}

fn actions(plan: &Plan) -> Vec<(Folder, &str, &Action)> {
    plan.steps
        .iter()
        .map(|s| (s.folder, s.id.as_str(), &s.action))
        .collect()
}

#[test]
fn new_changed_unchanged_removed_and_local() {
    let same = startup("culture", "Pareil", "");
    let input = Input {
        incubator: "culture".into(),
        network_startups: vec![
            net("neuve", &startup("culture", "Neuve", "")),
            net("changee", &startup("culture", "Nouvelle mission", "")),
            net("pareille", &same),
            net("locale", &startup("culture", "Du réseau", "")),
            net("autre", &startup("anct", "Ailleurs", "")),
        ],
        site_startups: vec![
            site("changee", &startup("culture", "Ancienne mission", "")),
            site("pareille", &same),
            site("locale", &startup("culture", "Réécrite", "source: local\n")),
            site("partie", &startup("culture", "Partie", "")),
            site("maison", &startup("culture", "À nous", "source: local\n")),
        ],
        ..Default::default()
    };
    let plan = plan(&input);
    assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
    let new = startup("culture", "Neuve", "");
    let changed = startup("culture", "Nouvelle mission", "");
    assert_eq!(
        actions(&plan),
        vec![
            (Folder::Startups, "changee", &Action::Update(changed)),
            (Folder::Startups, "locale", &Action::Kept(Kept::Local)),
            (Folder::Startups, "neuve", &Action::Add(new)),
            (Folder::Startups, "pareille", &Action::Unchanged),
            (Folder::Startups, "partie", &Action::Removed),
        ]
    );
    assert_eq!(plan.steps[0].path(), Path::new("content/startups/changee.md"));
}

#[test]
fn hostile_ids_are_refused() {
    for bad in [
        "../evil", "a/b", "..", "a\nb", ".cache", "_index", "x~", "", "a\\b",
    ] {
        assert!(check_id(bad).is_err(), "{bad:?}");
    }
    for good in [
        "compte.rendu.vif",
        "collectif_objets",
        "données-et-territoires",
        "Préfecture",
    ] {
        assert_eq!(check_id(good), Ok(()), "{good}");
    }
    let input = Input {
        incubator: "culture".into(),
        network_startups: vec![
            net("..", &startup("culture", "Piège", "")),
            net("a\u{1b}b", &startup("culture", "Piège", "")),
        ],
        ..Default::default()
    };
    let plan = plan(&input);
    assert!(plan.steps.is_empty(), "{:?}", plan.steps);
    assert_eq!(plan.diagnostics.len(), 2);
    assert!(
        plan.diagnostics
            .iter()
            .all(|d| d.is_error() && d.message.contains("not a usable id"))
    );
}

#[test]
fn fiches_the_build_would_refuse_are_not_imported() {
    let input = Input {
        incubator: "culture".into(),
        network_startups: vec![
            // No mission: the build refuses it.
            net("sans-mission", "---\ntitle: X\nincubator: culture\n---\n"),
            // Broken, but of another incubator: none of the site's business.
            net("ailleurs", "---\ntitle: X\nincubator: anct\n---\n"),
        ],
        ..Default::default()
    };
    let plan = plan(&input);
    assert!(plan.steps.is_empty());
    assert!(!plan.diagnostics.is_empty());
    assert!(
        plan.diagnostics.iter().all(|d| d
            .location
            .as_ref()
            .is_some_and(|l| l.path.ends_with("sans-mission.md"))),
        "{:?}",
        plan.diagnostics
    );
}

#[test]
fn sponsors_follow_the_imported_fiches() {
    let org = |name: &str, extra: &str| format!("---\nname: {name}\n{extra}---\n");
    let input = Input {
        incubator: "culture".into(),
        network_startups: vec![
            net(
                "a",
                &startup(
                    "culture",
                    "A",
                    "sponsors:\n  - /organisations/mc\n  - /organisations/absente\n",
                ),
            ),
            net("b", &startup("anct", "B", "sponsors:\n  - /organisations/anct\n")),
        ],
        network_organisations: vec![
            fiche("network/organisations", "mc", &org("Ministère de la Culture", "")),
            fiche("network/organisations", "anct", &org("ANCT", "")),
        ],
        site_organisations: vec![
            fiche("content/organisations", "vieille", &org("Vieille", "")),
            fiche("content/organisations", "nous", &org("Nous", "source: local\n")),
        ],
        ..Default::default()
    };
    let plan = plan(&input);
    assert_eq!(
        actions(&plan),
        vec![
            (
                Folder::Startups,
                "a",
                &Action::Add(input.network_startups[0].text.clone())
            ),
            (
                Folder::Organisations,
                "mc",
                &Action::Add(org("Ministère de la Culture", ""))
            ),
            (Folder::Organisations, "vieille", &Action::Removed),
        ]
    );
    assert_eq!(plan.diagnostics.len(), 1);
    assert!(!plan.diagnostics[0].is_error());
    assert!(plan.diagnostics[0].message.contains("`absente`"));
}
