/* The "copy the link" button of the share component (progressive enhancement).
 *
 * Without this script the button stays hidden: the share links work alone. With it,
 * the button is shown and copies the page's address to the clipboard, and the status
 * line tells screen reader users that it did (or that it could not).
 */
(function () {
  'use strict';

  var item = document.querySelector('[data-share-copy]');
  var status = document.querySelector('[data-share-status]');
  if (!item || !status || !navigator.clipboard) return;
  var button = item.querySelector('button');
  item.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(button.getAttribute('data-url')).then(
      function () { status.textContent = 'Lien copié dans le presse-papier.'; },
      function () { status.textContent = 'Le lien n’a pas pu être copié.'; }
    );
  });
})();
