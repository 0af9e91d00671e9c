// Results page of the site search (template search.html). Reads `?q=` and the filters
// (`type`, `phase`) from the address, queries the Pagefind index that atelier writes under
// pagefind/ (same site, no server), and lists each result in DSFR markup: its title, its
// place in the site in words, an excerpt with the words found highlighted; ten at a time,
// the "more" button only while more remain. Changing a filter lists again in place. Everything
// is built with DOM methods: the excerpt keeps only its text and Pagefind's <mark> elements.

(() => {
  const PAGE_SIZE = 10;

  const root = document.getElementById("recherche");
  const form = document.getElementById("recherche-formulaire");
  const field = document.getElementById("recherche-champ");
  const kind = document.getElementById("recherche-type");
  const phase = document.getElementById("recherche-phase");
  const status = document.getElementById("recherche-statut");
  const failure = document.getElementById("recherche-erreur");
  const list = document.getElementById("recherche-resultats");
  const more = document.getElementById("recherche-plus");

  const params = new URLSearchParams(window.location.search);
  const query = (params.get("q") || "").trim();
  const pageTitle = document.title;

  function count(n) {
    return n === 1 ? "1 résultat" : `${n} résultats`;
  }

  // Pagefind's excerpt is HTML with <mark> around the words found: keep text and marks only.
  function excerpt(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const out = document.createDocumentFragment();
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        // Pagefind marks a word with the punctuation around it (`(MMA`, `adaptée.`): only
        // the word is highlighted.
        const [, before, word, after] = /^(\p{P}*)(.*?)(\p{P}*)$/su.exec(node.textContent);
        const mark = document.createElement("mark");
        mark.className = "atelier-surlignage";
        mark.textContent = word;
        out.append(document.createTextNode(before), mark, document.createTextNode(after));
      } else {
        out.append(document.createTextNode(node.textContent));
      }
    }
    return out;
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "fr-mb-4w";
    const title = document.createElement("h2");
    title.className = "fr-h5 fr-mb-1v";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    title.append(link);
    li.append(title);
    const place = data.meta && data.meta.chemin;
    if (place) {
      const path = document.createElement("p");
      path.className = "recherche-chemin fr-text--xs fr-mb-1v fr-text-mention--grey";
      path.textContent = place;
      li.append(path);
    }
    const text = document.createElement("p");
    text.className = "recherche-extrait fr-text--sm fr-mb-0";
    text.append(excerpt(data.excerpt || ""));
    li.append(text);
    return li;
  }

  function chosenFilters() {
    const filters = {};
    if (kind.value) filters.type = kind.value;
    if (phase.value) filters.phase = phase.value;
    return filters;
  }

  // The address says the query and the filters: a result page can be shared or reloaded.
  function remember() {
    const next = new URLSearchParams();
    next.set("q", query);
    if (kind.value) next.set("type", kind.value);
    if (phase.value) next.set("phase", phase.value);
    window.history.replaceState(null, "", `${window.location.pathname}?${next}`);
  }

  let pagefind = null;
  let results = [];
  let shown = 0;
  let generation = 0;

  async function showMore() {
    const mine = generation;
    const next = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((r) => r.data()));
    if (mine !== generation) return null;
    const items = next.map(item);
    list.append(...items);
    shown += next.length;
    more.hidden = shown >= results.length;
    return items[0] || null;
  }

  async function search() {
    const mine = ++generation;
    list.replaceChildren();
    more.hidden = true;
    shown = 0;
    status.textContent = "Recherche en cours…";
    let found;
    try {
      if (!pagefind) {
        pagefind = await import(root.dataset.index);
        // The index of a site this size is searched in a few milliseconds: on the page's own
        // thread, without starting Pagefind's web worker (one script less to download).
        // Pages are indexed by their path on the site; the base path goes in front.
        // A word found as written ranks above longer words that begin with it (`Ada`, `adaptée`).
        await pagefind.options({
          baseUrl: root.dataset.base,
          excerptLength: 30,
          noWorker: true,
          ranking: { termSimilarity: 4 },
        });
      }
      found = await pagefind.search(query, { filters: chosenFilters() });
    } catch (error) {
      status.textContent = "";
      failure.hidden = false;
      console.error("Recherche indisponible :", error);
      return;
    }
    if (mine !== generation) return;
    results = found ? found.results : [];
    await showMore();
    if (mine !== generation) return;
    // Said once the first results are listed.
    const filtered = Object.keys(chosenFilters()).length > 0 ? " avec ces filtres" : "";
    status.textContent =
      results.length === 0
        ? `Aucun résultat pour « ${query} »${filtered}.`
        : `${count(results.length)} pour « ${query} »${filtered}.`;
  }

  more.addEventListener("click", async () => {
    const first = await showMore();
    if (first) {
      first.querySelector("a").focus();
    }
  });

  field.value = query;
  kind.value = params.get("type") || "";
  phase.value = params.get("phase") || "";
  if (!query) {
    status.textContent = "Saisissez un ou plusieurs mots, puis lancez la recherche.";
    return;
  }
  document.title = `${query} : ${pageTitle}`;
  // A filter changed: the same words, listed again in place (no new page to load).
  for (const select of [kind, phase]) {
    select.addEventListener("change", () => {
      if (field.value.trim() !== query) {
        form.requestSubmit();
        return;
      }
      remember();
      search();
    });
  }
  search();
})();
