/**
 * Reading an uploaded CSV file: strictly UTF-8 (a file saved in another encoding is refused,
 * never guessed), RFC 4180 quoting, a header row. Pure.
 */

export type CsvProblem = 'encoding_invalid' | 'csv_malformed' | 'csv_empty';
export class CsvError extends Error {
  constructor(readonly code: CsvProblem, readonly detail: string) {
    super(code);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of the file: UTF-8 only (a UTF-8 byte-order mark is dropped); UTF-16 and invalid bytes are refused. */
export function decodeUtf8(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CsvError('encoding_invalid', 'The file is UTF-16: save it as CSV UTF-8');
  }
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CsvError('encoding_invalid', 'The file is not UTF-8 (a Windows code page such as 1258 or 1252?): save it as CSV UTF-8');
  }
}

/** Rows of fields; quoted fields may hold commas, quotes (doubled) and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === '"') throw new CsvError('csv_malformed', `A quote inside an unquoted field on line ${rows.length + 1}`);
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new CsvError('csv_malformed', 'A quoted field is not closed');
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}
