// Policy texts are plain text, one paragraph a line: numbered lines become headings with
// stable anchors (#section-1 …) so forms can link the clause that covers them (C15).
import { el } from './app.ts';

export function renderPolicyText(body: string, headingTag: 'h2' | 'h3' = 'h2'): HTMLElement[] {
  const out: HTMLElement[] = [];
  let list: HTMLElement | null = null;
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('- ')) {
      if (!list) {
        list = el('ul');
        out.push(list);
      }
      list.append(el('li', {}, line.slice(2)));
      continue;
    }
    list = null;
    const heading = /^(\d+)\.\s/.exec(line);
    out.push(heading && line.length < 120 ? el(headingTag, { id: `section-${heading[1]}` }, line) : el('p', {}, line));
  }
  return out;
}
