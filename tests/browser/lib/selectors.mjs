// Every DOM hook the checks rely on, in one place. The DSFR ones are the documented markup of
// DSFR 1.15.3 (reference/dsfr.md §2); the listing ones are the theme's own (themes/dsfr), agreed
// with its author. When the theme changes a hook, change it here and nowhere else.

export const DSFR = {
  /** Skip links, first thing in <body>. */
  skipLinks: '.fr-skiplinks a[href^="#"]',
  /** Header button that opens the display settings dialog. */
  displayButton: 'button.fr-btn--display[aria-controls="fr-theme-modal"]',
  themeModal: 'dialog#fr-theme-modal',
  /** The radio button for a scheme (light | dark | system) and its label, in the dialog. */
  themeRadio: (scheme) => `#fr-theme-modal input[type="radio"][name="fr-radios-theme"][value="${scheme}"]`,
  themeLabel: (scheme) => `#fr-theme-modal label[for="fr-radios-theme-${scheme}"]`,
  /** Burger button of the header (visible below the lg breakpoint). */
  menuButton: '.fr-header__navbar button.fr-btn--menu',
  /** The main navigation, inside the header menu modal. */
  navLinks: '#header-navigation a.fr-nav__link',
  /** Attribute DSFR JS (and the head script) set on <html> for the theme in force. */
  themeAttribute: 'data-fr-theme',
  /** The DSFR JS files: blocked to prove the head script alone prevents a flash. */
  dsfrScripts: /\/dsfr\.(module|nomodule)(\.min)?\.js(\?.*)?$/,
};

export const LISTING = {
  /** The startups listing, where the filters live. */
  path: '/startups/',
  /** One item per startup, carrying the facet values; the script hides those filtered out. */
  card: '#startups-list > li',
  /** Link of a card to its startup page (the first one is the startup that gets screenshots). */
  cardLink: '#startups-list .fr-card__title a[href]',
  /**
   * A filter control for one value of a facet: a link to the facet's page without JS, a
   * toggle button once the theme's filter script has run.
   */
  filterControl: (facet, value) => `[data-filter="${facet}"]${value === undefined ? '[data-value]' : `[data-value="${value}"]`}`,
  filterValue: 'data-value',
  /** The facets, and the attribute of a card that lists its values (space-separated). */
  facets: { phase: 'data-phase', thematique: 'data-thematiques' },
};

export const SEARCH = {
  /** The search field of the header, whose form sends `?q=` to the results page. */
  input: '#header-search-input',
  /** The results page, its status line, its filters (`<select>` named as the index's filters). */
  path: '/recherche/',
  status: '#recherche-statut',
  filter: (name) => `#recherche-formulaire select[name="${name}"]`,
  /** The results the theme's script lists, and their parts. */
  list: 'ol#recherche-resultats',
  result: '#recherche-resultats > li',
  resultLink: '#recherche-resultats > li h2 a[href]',
  resultPlace: '.recherche-chemin',
  resultExcerpt: '.recherche-extrait',
  highlight: '.recherche-extrait mark',
  /** The button that lists the next results. */
  more: '#recherche-plus',
  /** Words to try for a search with more results than one screen lists (the first that has). */
  manyWords: ['culture', 'service', 'numérique', 'startup'],
  /** A word no page has. */
  noWord: 'zxqvwkjh',
};

/** Pages and hooks of the layout checks (lib/layout.mjs). */
export const LAYOUT = {
  /** Listings of news cards, whose detail line says "Publié le <date>". */
  newsCards: [{ path: '/actualites/', detail: '.fr-card__detail' }, { path: '/', detail: '.fr-card__detail' }],
  /** Pages with e-mail addresses besides the startups' (whose side column has one). */
  mailPages: ['/contact/', '/candidater/', '/accessibilite/'],
  mailLink: 'main a[href^="mailto:"]',
  /** Pages with an alert in their text, and the alerts. */
  alertPages: ['/mentions-legales/'],
  alert: 'main .fr-alert',
  /** Pages whose Markdown text has a list followed by a heading, and such lists. */
  listPages: ['/startups/languia/', '/startups/dedale/'],
  textList: 'main :is(ul, ol):not([class])',
  /** Widths at which text wrapping is checked: a phone, a tablet (narrow side column), a desktop. */
  widths: [375, 800, 1280],
};
