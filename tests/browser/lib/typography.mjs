// French typography as a reader sees it: in the visible text of a French page (code and
// addresses aside), no straight apostrophe between letters, no ordinary space before
// ; : ! ? or inside « », which a line break could separate from its word. The generator
// applies these rules to content and theme text alike (src/typography.rs); this looks at
// the result, whatever wrote the text.

/** Failure lines for the page open in `page`, or none if it is not in French. */
export async function typographyFailures(page) {
  const found = await page.evaluate(() => {
    if (!(document.documentElement.lang || '').startsWith('fr')) return [];
    const skip = 'code, pre, kbd, samp, script, style, textarea, noscript, [hidden]';
    const rules = [
      [/\p{L}'\p{L}/u, "straight apostrophe (’ expected)"],
      [/\p{L}[ ][;:!?](?=\s|$)/u, 'ordinary space before ; : ! ? (narrow no-break space expected)'],
      [/«[ ]|[ ]»/u, 'ordinary space inside « » (no-break space expected)'],
    ];
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest(skip)) continue;
      // Words that are addresses keep their characters.
      const text = n.data.replace(/[^ \t\n\r]*(?::\/\/|@|www\.)[^ \t\n\r]*/g, '');
      for (const [re, what] of rules) {
        const m = text.match(re);
        if (m) out.push(`${what}: "…${text.slice(Math.max(0, m.index - 25), m.index + 25).trim()}…"`);
      }
    }
    return out;
  });
  return [...new Set(found)].slice(0, 10).map((f) => `typography: ${f}`);
}
