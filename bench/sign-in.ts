// Sign-in over HTTP (in-process inject): sequential sign-ins of one verified merchant, on PGlite
// and on PostgreSQL (BENCH_DATABASE_URL). scrypt dominates; what sealing adds is a blind-index
// lookup and opening the user's name and e-mail under their key.
import { bootBenchContext } from './servers/boot.ts';
import { buildApp } from '../src/http/app.ts';
import { signUp } from '../src/accounts/sign-up.ts';

const N = Number(process.env.BENCH_SIGNINS ?? 60);

async function measure(label: string): Promise<{ label: string; mean: number; p50: number; p95: number }> {
  const ctx = await bootBenchContext();
  const app = await buildApp(ctx);
  await app.ready();
  const email = 'bench-sign-in@shop.example';
  const password = 'bench-password-2026';
  await signUp(ctx, { name: 'Bench', company: 'Bench Shop', email, billingAddress: '1 Bench St', password, dateOfBirth: '1990-01-01', locale: 'vi' });
  await ctx.db.query('UPDATE users SET email_verified_at = now()');
  const times: number[] = [];
  for (let i = 0; i < N + 5; i++) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in answered ${res.statusCode}: ${res.body}`);
    if (i >= 5) times.push(performance.now() - t0); // the first few warm the caches and the JIT
  }
  await app.close();
  await ctx.db.close();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { label, mean: times.reduce((s, t) => s + t, 0) / times.length, p50: at(0.5), p95: at(0.95) };
}

const rows = [await measure('sign-in, PGlite')];
if (process.env.BENCH_DATABASE_URL) rows.push(await measure('sign-in, PostgreSQL'));
console.log(`\nSign-in, ${N} sequential requests`);
console.log('| store | mean ms | p50 ms | p95 ms |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.label} | ${r.mean.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
process.exit(0);
