// The one vnu exception covers DSFR's header menu and nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VNU_DSFR_HEADER_MENU } from '../lib/config.mjs';
import { isDocumentedDsfrException } from '../lib/vnu.mjs';

/** A vnu message as its JSON output has it, highlighting `tag` inside some context. */
function message(text, tag) {
  const extract = `</div>${tag}<div class="fr-container">`;
  return { type: 'error', message: text, extract, hiliteStart: 6, hiliteLength: tag.length };
}
const HEADER_MENU = '<div class="fr-header__menu fr-modal" id="header-menu" aria-labelledby="header-menu-btn">';

test('the DSFR message on the DSFR header menu is the documented exception', () => {
  assert.equal(isDocumentedDsfrException(message(VNU_DSFR_HEADER_MENU.message, HEADER_MENU)), true);
});

test('minified markup (unquoted class) is recognised too', () => {
  const tag = '<div class=fr-header__menu id=header-menu aria-labelledby=header-menu-btn>';
  assert.equal(isDocumentedDsfrException(message(VNU_DSFR_HEADER_MENU.message, tag)), true);
});

test('the same message on another div is an error', () => {
  for (const tag of ['<div id="menu" aria-labelledby="x">', '<div class="fr-header__menu-copy" aria-labelledby="x">', '<div class="fr-modal" aria-labelledby="x">']) {
    assert.equal(isDocumentedDsfrException(message(VNU_DSFR_HEADER_MENU.message, tag)), false, tag);
  }
});

test('another message on the header menu is an error', () => {
  assert.equal(isDocumentedDsfrException(message('Duplicate ID “header-menu”.', HEADER_MENU)), false);
  const close = VNU_DSFR_HEADER_MENU.message.replace('“div”', '“span”');
  assert.equal(isDocumentedDsfrException(message(close, HEADER_MENU)), false);
});

test('a message without a highlighted element is an error', () => {
  assert.equal(isDocumentedDsfrException({ type: 'error', message: VNU_DSFR_HEADER_MENU.message }), false);
});
