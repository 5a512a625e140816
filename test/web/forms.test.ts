import { expect, it } from 'vitest';
import { formSpec, FORM_SCHEMAS, type FormSchema } from '../../src/web/form-fields.ts';
import { describeEachStore } from '../support/harness.ts';
import { createMerchant, createStaff } from '../support/factories.ts';

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>])`).exec(tag)?.[1] ?? (new RegExp(`\\s${name}(?=[\\s/>])`).test(tag) ? '' : undefined);

/** Every form of a page: its schemas and its fields' opening tags (with a select's options). */
function formsOf(page: string): { schemas: FormSchema[]; fields: { tag: string; options: string[] }[] }[] {
  return [...page.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, open, body]) => ({
    schemas: (attr(` ${open!} `, 'data-schema') ?? '').split(' ').filter(Boolean) as FormSchema[],
    fields: [...body!.matchAll(/<select\b[^>]*>[\s\S]*?<\/select>|<(?:input|textarea)\b[^>]*>/g)].map((m) => ({
      tag: m[0].split('>')[0]! + '>',
      options: [...m[0].matchAll(/<option value="([^"]*)"/g)].map((o) => o[1]!).filter((v) => v !== ''),
    })),
  }));
}

describeEachStore('forms are rendered from the API\'s schemas', (h) => {

  it('every field\'s required, length and range constraints are its schema\'s, and no constraint is written by hand', async () => {
    const m = await createMerchant(h());
    const officer = await createStaff(h(), 'privacy_officer');
    const made = await h().app.inject({ method: 'POST', url: '/api/processors', headers: { ...m.headers, 'idempotency-key': crypto.randomUUID() }, payload: { name: 'Giao Hàng Nhanh', kind: 'other' } });
    expect(made.statusCode).toBe(201);
    const pages: [string, Record<string, string>][] = [
      ['/signup', {}], ['/signin', {}], ['/staff/signin', {}], [`/privacy-center/${m.tenantId}`, {}],
      ['/profile', { cookie: m.cookie }], ['/privacy-center', { cookie: m.cookie }],
      ['/console/processors', { cookie: m.cookie }], ['/console/disclosures', { cookie: m.cookie }], ['/staff', officer.headers],
    ];
    const checked = new Set<string>();
    for (const [url, headers] of pages) {
      const res = await h().app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, url).toBe(200);
      for (const form of formsOf(res.body)) {
        for (const s of form.schemas) expect(FORM_SCHEMAS, `${url}: ${s}`).toHaveProperty(s);
        for (const { tag, options } of form.fields) {
          const name = attr(tag, 'name');
          const owner = form.schemas.find((s) => name !== undefined && name in formSpec(s).properties);
          const where = `${url} ${name ?? tag}`;
          if (!owner) {
            // A field no schema names carries no constraint of its own making.
            for (const a of ['maxlength', 'minlength', 'min', 'max']) expect(attr(tag, a), `${where} ${a}`).toBeUndefined();
            continue;
          }
          const f = formSpec(owner).properties[name!]!;
          checked.add(`${owner}.${name}`);
          if (f.maxLength !== undefined) expect(attr(tag, 'maxlength'), `${where} maxlength`).toBe(String(f.maxLength));
          else expect(attr(tag, 'maxlength'), `${where} maxlength`).toBeUndefined();
          expect(attr(tag, 'minlength'), `${where} minlength`).toBe(f.minLength !== undefined && f.minLength > 1 ? String(f.minLength) : undefined);
          expect(attr(tag, 'min'), `${where} min`).toBe(f.minimum === undefined ? undefined : String(f.minimum));
          expect(attr(tag, 'max'), `${where} max`).toBe(f.maximum === undefined ? undefined : String(f.maximum));
          if (formSpec(owner).required.has(name!) && attr(tag, 'type') !== 'checkbox') expect(attr(tag, 'required'), `${where} required`).toBe('');
          const allowed = f.enum ?? (f as { items?: { enum?: unknown[] } }).items?.enum;
          if (allowed) for (const o of options) expect(allowed, `${where} option ${o}`).toContain(o);
        }
      }
    }
    // The forms of issue 11's count are all covered: sign-up, profile, keys, processors, agreements, disclosures, privacy center.
    for (const f of ['SignUpBody.name', 'SignUpBody.billingAddress', 'ProfilePatchBody.company', 'ApiKeyCreate.name', 'ProcessorCreate.contact', 'AgreementCreate.retentionDays', 'AgreementCreate.documentRef', 'DisclosureCreate.orderReference', 'StaffAccess.accessReason', 'CenterSignInBody.email']) {
      expect(checked, f).toContain(f);
    }
  }, 120_000);
});
