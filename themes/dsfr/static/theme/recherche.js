// Results page of the site search (template search.html). Reads `?q=` from the address,
// queries the Pagefind index that atelier writes under pagefind/ (same site, no server), and
// lists the title, an excerpt and the address of each result, ten at a time. Everything is
// built with DOM methods: the excerpt keeps only its text and Pagefind's <mark> elements.

(() => {
  const PAGE_SIZE = 10;

  const root = document.getElementById("recherche");
  const field = document.getElementById("recherche-champ");
  const status = document.getElementById("recherche-statut");
  const failure = document.getElementById("recherche-erreur");
  const list = document.getElementById("recherche-resultats");
  const more = document.getElementById("recherche-plus");

  const query = (new URLSearchParams(window.location.search).get("q") || "").trim();

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
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.append(mark);
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
    title.className = "fr-h5 fr-mb-1w";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    title.append(link);
    const text = document.createElement("p");
    text.className = "fr-mb-1w";
    text.append(excerpt(data.excerpt || ""));
    const address = document.createElement("p");
    address.className = "fr-text--sm fr-mb-0";
    address.textContent = new URL(data.url, window.location.href).pathname;
    li.append(title, text, address);
    return li;
  }

  async function run() {
    field.value = query;
    if (!query) {
      status.textContent = "Saisissez un ou plusieurs mots, puis lancez la recherche.";
      return;
    }
    document.title = `${query} : ${document.title}`;
    status.textContent = "Recherche en cours…";
    let search;
    try {
      const pagefind = await import(root.dataset.index);
      // The index of a site this size is searched in a few milliseconds: on the page's own
      // thread, without starting Pagefind's web worker (one script less to download).
      // Pages are indexed by their path on the site; the base path goes in front.
      await pagefind.options({ baseUrl: root.dataset.base, excerptLength: 30, noWorker: true });
      search = await pagefind.search(query);
    } catch (error) {
      status.textContent = "";
      failure.hidden = false;
      console.error("Recherche indisponible :", error);
      return;
    }
    const results = search ? search.results : [];
    status.textContent =
      results.length === 0 ? `Aucun résultat pour « ${query} ».` : `${count(results.length)} pour « ${query} ».`;
    let shown = 0;
    async function showMore() {
      const next = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((r) => r.data()));
      const items = next.map(item);
      list.append(...items);
      shown += next.length;
      more.hidden = shown >= results.length;
      return items[0];
    }
    await showMore();
    more.addEventListener("click", async () => {
      const first = await showMore();
      if (first) {
        first.querySelector("a").focus();
      }
    });
  }

  run();
})();
