// The script of a page with nothing of its own to do: the shared header (sign-out).
import './lib/app.ts';
