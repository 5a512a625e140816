// The range picker: choosing a date means a custom range, so the preset follows the dates.
import './lib/app.ts';

const form = document.querySelector<HTMLFormElement>('[data-range-form]');
const preset = form?.querySelector<HTMLSelectElement>('select[name="range"]');
for (const input of form?.querySelectorAll<HTMLInputElement>('input[type="date"]') ?? []) {
  input.addEventListener('change', () => { if (preset) preset.value = 'custom'; });
}
