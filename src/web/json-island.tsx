import { jsonForScript } from './render.ts';

/**
 * Data for a page's script, as `<script type="application/json">`. The renderer would
 * entity-escape the text, which a script element does not decode, so this is the one place
 * markup is set raw: the JSON is serialised here with every `<` escaped, so nothing in a value
 * can close the element, and nothing else in the web layer sets raw HTML.
 */
export function JsonIsland({ id, value }: { id: string; value: unknown }) {
  return <script type="application/json" id={id} dangerouslySetInnerHTML={{ __html: jsonForScript(value) }} />;
}
