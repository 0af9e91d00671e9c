/* Instant filters of the startups listing (progressive enhancement).
 *
 * Without this script, each filter is a link to a generated page
 * (/startups/phase/<slug>/, /startups/thematique/<slug>/). With it, on the
 * full listing, the links become DSFR selectable tags (button[aria-pressed]):
 * one phase and one thématique can be chosen at a time, the cards that do not
 * match are hidden, and the status line announces how many are shown.
 */
(function () {
  'use strict';

  var filters = document.querySelector('[data-filters]');
  var list = document.getElementById('startups-list');
  var status = document.getElementById('startups-count');
  if (!filters || !list || !status) return;

  var cards = Array.prototype.slice.call(list.children);
  var total = cards.length;
  var chosen = { phase: null, thematique: null };

  function plural(n, one, many) {
    return n + ' ' + (n > 1 ? many : one);
  }

  function matches(card) {
    var phase = card.getAttribute('data-phase');
    var themes = (card.getAttribute('data-thematiques') || '').split(' ');
    return (!chosen.phase || phase === chosen.phase) &&
      (!chosen.thematique || themes.indexOf(chosen.thematique) !== -1);
  }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    var buttons = filters.querySelectorAll('button[data-filter]');
    Array.prototype.forEach.call(buttons, function (b) {
      var on = chosen[b.getAttribute('data-filter')] === b.getAttribute('data-value');
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
    });
    if (!chosen.phase && !chosen.thematique) {
      status.textContent = plural(total, 'startup', 'startups');
    } else if (shown === 0) {
      status.textContent = 'Aucune startup ne correspond à ces filtres.';
    } else {
      status.textContent = plural(shown, 'startup affichée', 'startups affichées') + ' sur ' + total;
    }
  }

  // Links become toggle buttons; DSFR styles `.fr-tag[aria-pressed]`.
  var links = filters.querySelectorAll('a[data-filter]');
  Array.prototype.forEach.call(links, function (a) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'fr-tag';
    b.setAttribute('aria-pressed', 'false');
    b.setAttribute('data-filter', a.getAttribute('data-filter'));
    b.setAttribute('data-value', a.getAttribute('data-value'));
    b.textContent = a.textContent;
    a.parentNode.replaceChild(b, a);
  });

  // Listens on the container: DSFR's own toggle runs first on the button, then
  // the state below is written back, so both always agree.
  filters.addEventListener('click', function (event) {
    var b = event.target.closest && event.target.closest('button[data-filter]');
    if (!b) return;
    var kind = b.getAttribute('data-filter');
    var value = b.getAttribute('data-value');
    chosen[kind] = chosen[kind] === value ? null : value;
    apply();
  });
})();
