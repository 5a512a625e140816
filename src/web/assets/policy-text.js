// Policy texts are plain text, one paragraph a line: numbered lines become headings with
// stable anchors (#section-1 …) so forms can link the clause that covers them (C15).
import { el } from './app.js';

export function renderPolicyText(body, headingTag = 'h2') {
  const out = [];
  let list = null;
  for (const raw of String(body ?? '').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('- ')) {
      list ??= out[out.push(el('ul')) - 1];
      list.append(el('li', {}, line.slice(2)));
      continue;
    }
    list = null;
    const heading = /^(\d+)\.\s/.exec(line);
    out.push(heading && line.length < 120 ? el(headingTag, { id: `section-${heading[1]}` }, line) : el('p', {}, line));
  }
  return out;
}
