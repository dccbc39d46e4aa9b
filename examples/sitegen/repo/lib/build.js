'use strict';
const fs = require('node:fs');
const { marked } = require('marked');

/**
 * Render every Markdown page of the site into HTML.
 * @param {{ out: string, minify?: boolean }} opts
 * @returns {number} pages written
 */
function build(opts) {
  const pages = fs.readdirSync('pages').filter((f) => f.endsWith('.md'));
  fs.mkdirSync(opts.out, { recursive: true });
  for (const p of pages) {
    const html = marked.parse(fs.readFileSync(`pages/${p}`, 'utf8'));
    fs.writeFileSync(`${opts.out}/${p.replace(/\.md$/, '.html')}`, opts.minify ? html.replace(/\n\s*/g, '') : html);
  }
  return pages.length;
}

module.exports = { build };
