// Applies the display setting the visitor chose (Paramètres d'affichage: light, dark or
// system) before the page is painted, so that a dark page never flashes light first. Loaded
// in <head>, without `defer`: DSFR's own script applies the same setting later, and keeps it.
(function () {
  var root = document.documentElement, stored = null;
  try { stored = window.localStorage.getItem('scheme'); } catch (e) {}
  var wanted = stored || root.getAttribute('data-fr-scheme');
  var osDark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  if (wanted === 'dark' || (wanted === 'system' && osDark)) {
    root.setAttribute('data-fr-theme', 'dark');
    root.style.colorScheme = 'dark';
  }
})();
