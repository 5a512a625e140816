/** `next` values that each name another host once a browser has parsed them (issue 11's cases and kin). */
export const ESCAPES = ['/\\evil.example', '/%09/evil.example', '/\t/evil.example', '//evil.example', 'https://evil.example', '/.//evil.example', 'javascript:alert(1)', '\\\\evil.example'];
