// The proof page's print button: the browser's own print dialog, with the print styles of app.css.
import './lib/app.ts';

document.querySelector('[data-print]')?.addEventListener('click', () => window.print());
