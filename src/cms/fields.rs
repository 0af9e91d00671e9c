//! One CMS widget per front matter field of each kind of content, with the French hint
//! the editor sees. The field names are those of the loader's structs
//! (`content::kinds`); the test beside this table compares them, and compares
//! required-ness with what the loader reports missing, so a field added to the model
//! without a widget here fails.

use crate::content::meta::{ACCESSIBILITY_STATUSES, USERTYPES};

/// What a field holds, as the CMS edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Widget {
    /// One line of text.
    Line,
    /// Several lines of text.
    Text,
    Boolean,
    /// A whole number, at least `min` when given.
    Integer {
        min: Option<i64>,
    },
    /// A date, written `YYYY-MM-DD`.
    Date,
    /// One of closed values.
    Select(Vocabulary),
    /// Several of closed values.
    Many(Vocabulary),
    /// A list of lines of text.
    Lines,
    /// A list of objects with these fields.
    Objects(&'static [Field]),
    /// An object with these fields.
    Object(&'static [Field]),
    /// An image of the media folder (its path, from the site's root).
    Image,
    /// Identifiers of startups of the site.
    Startups,
    /// Kept as written, not shown (data of other tools).
    Hidden,
}

/// Where the values of a select come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    Phases,
    UserTypes,
    Accessibility,
    /// The thématiques written in the site's fiches.
    Thematiques,
    Events,
    OrganisationTypes,
    /// `local`, the one value of `source`.
    Source,
}

impl Vocabulary {
    /// The fixed values (the thématiques come from the site).
    pub fn fixed(self) -> &'static [&'static str] {
        match self {
            Vocabulary::Phases => &PHASE_NAMES,
            Vocabulary::UserTypes => &USERTYPES,
            Vocabulary::Accessibility => &ACCESSIBILITY_STATUSES,
            Vocabulary::Thematiques => &[],
            Vocabulary::Events => &EVENTS,
            Vocabulary::OrganisationTypes => &ORGANISATION_TYPES,
            Vocabulary::Source => &["local"],
        }
    }
}

const PHASE_NAMES: [&str; crate::phase::PHASES.len()] = {
    let mut names = [""; crate::phase::PHASES.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = crate::phase::PHASES[i].name;
        i += 1;
    }
    names
};

/// Event names of the beta.gouv.fr schema (`atelier new startup` lists them too).
const EVENTS: [&str; 7] = [
    "committee",
    "product_launch",
    "national_impact",
    "fast",
    "eig",
    "end",
    "other",
];

/// Organisation types the editor's guide lists.
const ORGANISATION_TYPES: [&str; 5] = [
    "administration-centrale",
    "operateur",
    "service-deconcentre",
    "collectivite-territoriale",
    "autre",
];

/// One field of a front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub widget: Widget,
    pub required: bool,
    pub hint: &'static str,
}

const fn field(name: &'static str, label: &'static str, widget: Widget, hint: &'static str) -> Field {
    Field {
        name,
        label,
        widget,
        required: false,
        hint,
    }
}

const fn required(name: &'static str, label: &'static str, widget: Widget, hint: &'static str) -> Field {
    Field {
        name,
        label,
        widget,
        required: true,
        hint,
    }
}

const URL: &str = "Adresse complète, qui commence par https://";
const DRAFT: &str = "Un brouillon se voit avec atelier serve mais n'est jamais publié.";
const SOURCE: &str = "« local » quand l'Atelier a écrit ou réécrit ce fichier : atelier import betagouv ne le remplace jamais.";
const NETWORK: &str = "Champ du réseau beta.gouv.fr, accepté mais pas affiché sur le site.";

/// The cover image (`image:`) and its text alternative (`image_alt:`), the last two fields
/// of a startup fiche, a page and a news item.
const COVER_IMAGE: Field = field(
    "image",
    "Image de couverture",
    Widget::Image,
    "Une photo (JPEG) ou un dessin (PNG) du site, en grand : atelier en fait les copies plus petites. Elle s'affiche en haut de la page, sur sa carte dans les listes et dans les partages sur les réseaux sociaux.",
);
const COVER_IMAGE_ALT: Field = field(
    "image_alt",
    "Texte alternatif de l'image",
    Widget::Line,
    "Ce que l'image montre d'utile, pour qui ne la voit pas (pas « image de… »). Laissez-le vide seulement si elle est purement décorative.",
);

const PHASE: [Field; 4] = [
    required(
        "name",
        "Phase",
        Widget::Select(Vocabulary::Phases),
        "L'étape de la vie de la startup.",
    ),
    required("start", "Début", Widget::Date, "Le jour où la phase commence."),
    field(
        "end",
        "Fin",
        Widget::Date,
        "Facultatif : sinon, la phase finit quand la suivante commence.",
    ),
    field("comment", "Commentaire", Widget::Line, "Facultatif."),
];

const EVENT: [Field; 3] = [
    required(
        "name",
        "Événement",
        Widget::Select(Vocabulary::Events),
        "Le genre de date marquante.",
    ),
    required(
        "date",
        "Date",
        Widget::Date,
        "Un événement daté dans le futur n'est affiché qu'à partir de sa date.",
    ),
    field("comment", "Commentaire", Widget::Line, "Facultatif."),
];

const FAST: [Field; 2] = [
    field(
        "promotion",
        "Promotion",
        Widget::Integer { min: Some(0) },
        NETWORK,
    ),
    field("montant", "Montant", Widget::Integer { min: Some(0) }, NETWORK),
];

/// The fields of a startup fiche (the beta.gouv.fr format), in the guide's order.
pub const STARTUP: &[Field] = &[
    required(
        "title",
        "Nom du service",
        Widget::Line,
        "En titre de la fiche et dans les listes.",
    ),
    required(
        "mission",
        "Mission",
        Widget::Text,
        "Une phrase : le problème résolu, et pour qui.",
    ),
    required(
        "incubator",
        "Incubateur",
        Widget::Line,
        "L'identifiant de l'incubateur.",
    ),
    required(
        "contact",
        "Contact",
        Widget::Line,
        "Une seule adresse électronique, celle de l'équipe.",
    ),
    required(
        "phases",
        "Phases",
        Widget::Objects(&PHASE),
        "Les étapes de la startup, de la plus ancienne à la plus récente.",
    ),
    field("link", "Adresse du service", Widget::Line, URL),
    field("repository", "Code source", Widget::Line, URL),
    field(
        "stats",
        "Statistiques publiques",
        Widget::Boolean,
        "Cochez si le service publie ses statistiques.",
    ),
    field("stats_url", "Page des statistiques", Widget::Line, URL),
    field("impact_url", "Page de l'impact", Widget::Line, URL),
    field("dashlord_url", "Page DashLord", Widget::Line, URL),
    field("budget_url", "Page du budget", Widget::Line, URL),
    field(
        "accessibility_status",
        "Accessibilité",
        Widget::Select(Vocabulary::Accessibility),
        "La conformité du service au RGAA.",
    ),
    field(
        "sponsors",
        "Administrations porteuses",
        Widget::Lines,
        "Une par ligne, sous la forme /organisations/<identifiant>.",
    ),
    field(
        "thematiques",
        "Thématiques",
        Widget::Many(Vocabulary::Thematiques),
        "Écrites comme dans le réseau ; chacune a sa page de liste.",
    ),
    field(
        "usertypes",
        "Publics concernés",
        Widget::Many(Vocabulary::UserTypes),
        "Affichés sous « Publics concernés ».",
    ),
    field("techno", "Technologies", Widget::Lines, "Une par ligne."),
    field(
        "events",
        "Dates marquantes",
        Widget::Objects(&EVENT),
        "Comité, lancement, fin…",
    ),
    field(
        "redirect_from",
        "Anciennes adresses",
        Widget::Lines,
        "Elles mèneront à la fiche, par exemple /startups/ancien-nom.",
    ),
    field("source", "Origine", Widget::Select(Vocabulary::Source), SOURCE),
    field("draft", "Brouillon", Widget::Boolean, DRAFT),
    field(
        "robots",
        "Robots",
        Widget::Line,
        "« noindex » garde la fiche hors des moteurs de recherche.",
    ),
    field("incubators", "Autres incubateurs", Widget::Lines, NETWORK),
    field("analyse_risques", "Analyse de risques", Widget::Boolean, NETWORK),
    field(
        "analyse_risques_url",
        "Page de l'analyse de risques",
        Widget::Line,
        NETWORK,
    ),
    field(
        "mon_service_securise",
        "MonServiceSécurisé",
        Widget::Boolean,
        NETWORK,
    ),
    field("fast", "FAST", Widget::Object(&FAST), NETWORK),
    field("contact_dinum", "Contact à la DINUM", Widget::Line, NETWORK),
    field(
        "contact_incubator",
        "Contact à l'incubateur",
        Widget::Line,
        NETWORK,
    ),
    field("rgpd", "RGPD", Widget::Hidden, NETWORK),
    COVER_IMAGE,
    COVER_IMAGE_ALT,
];

/// The fields of a page (the home page and the lists' introductions too).
pub const PAGE: &[Field] = &[
    required(
        "title",
        "Titre",
        Widget::Line,
        "Le titre de la page et de l'onglet du navigateur.",
    ),
    field(
        "description",
        "Description",
        Widget::Text,
        "Une ou deux phrases de résumé, pour les moteurs de recherche et les listes.",
    ),
    field(
        "summary",
        "Sommaire",
        Widget::Boolean,
        "Affiche un sommaire des intertitres à côté du texte.",
    ),
    field(
        "weight",
        "Rang",
        Widget::Integer { min: None },
        "Rang parmi les pages voisines dans le plan du site ; les plus petits d'abord.",
    ),
    field(
        "template",
        "Gabarit",
        Widget::Line,
        "Un gabarit du thème à la place de celui de la page (réservé aux développeurs).",
    ),
    field("draft", "Brouillon", Widget::Boolean, DRAFT),
    field(
        "highlighted_startups",
        "Startups à la une",
        Widget::Startups,
        "Page d'accueil seulement : les startups mises en avant.",
    ),
    field("extra", "Données libres", Widget::Hidden, "Pour les gabarits."),
    field(
        "robots",
        "Robots",
        Widget::Line,
        "« noindex » garde la page hors des moteurs de recherche, du plan et de la recherche du site.",
    ),
    field(
        "paginate_by",
        "Éléments par page",
        Widget::Integer { min: Some(1) },
        "Listes seulement : le nombre d'éléments par page.",
    ),
    COVER_IMAGE,
    COVER_IMAGE_ALT,
];

/// The fields of a news item.
pub const NEWS: &[Field] = &[
    required("title", "Titre", Widget::Line, "Le titre de l'actualité."),
    field(
        "date",
        "Date",
        Widget::Date,
        "Facultative : elle doit être celle du nom du fichier.",
    ),
    field(
        "description",
        "Résumé",
        Widget::Text,
        "Une phrase, reprise dans la liste des actualités.",
    ),
    field("authors", "Auteurs", Widget::Lines, "Un par ligne."),
    field("draft", "Brouillon", Widget::Boolean, DRAFT),
    COVER_IMAGE,
    COVER_IMAGE_ALT,
];

/// The fields of an organisation (beta.gouv.fr format).
pub const ORGANISATION: &[Field] = &[
    required("name", "Nom", Widget::Line, "Le nom complet."),
    field("acronym", "Sigle", Widget::Line, "Facultatif."),
    field(
        "type",
        "Type",
        Widget::Select(Vocabulary::OrganisationTypes),
        "Le genre d'administration.",
    ),
    field(
        "domaine_ministeriel",
        "Domaine ministériel",
        Widget::Line,
        "Par exemple culture.",
    ),
    field("id", "Identifiant du réseau", Widget::Line, NETWORK),
    field("annuaire", "Fiche de l'annuaire", Widget::Line, URL),
    field("website", "Site de l'organisation", Widget::Line, URL),
    field("source", "Origine", Widget::Select(Vocabulary::Source), SOURCE),
];
