// Trains the person-name token model (src/detector/nameModel.ts): an averaged perceptron over
// hashed features, on messages generated here from the `train` half of the name pools
// (namePools.ts) plus the detector's own gazetteers; never from the development corpus's half.
// Deterministic (seeded). Run: npx tsx corpus/trainNames.ts  → src/detector/model/person.json
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VN_FAMILY_NAMES } from '../src/detector/data/vnFamilyNames.ts';
import { VN_GIVEN_NAMES } from '../src/detector/data/vnGivenNames.ts';
import { BRAND_PHRASES } from '../src/detector/data/brands.ts';
import { VN_PROVINCES } from '../src/detector/data/vnPlaces.ts';
import { FEATURE_BITS, MAX_FEATURES, encodeWeights, isCandidate, tokenFeatures } from '../src/detector/nameModel.ts';
import { makeView } from '../src/detector/normalize.ts';
import { tokenize, type Token } from '../src/detector/tokens.ts';
import { europeanCities, europeanStreets, firstNames, lastNames } from './namePools.ts';
import { chance, int, makeRng, pick, stripMarks, type Rng } from './values.ts';

type Part = string | { name: string };

const FIRST = firstNames('train');
const LAST = lastNames('train');
const STREETS = europeanStreets('train');
const CITIES = europeanCities('train');
const VN_MID = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quang', 'Xuân', 'Thu', 'Hồng', 'Kim', 'Công', 'Gia'];
// Capitalised words that are not names: products, brands, places, openers merchants write.
const CAP_WORDS = ['Thanks', 'Please', 'Order', 'Delivery', 'Monday', 'Friday', 'Size', 'Black', 'White', 'Premium', 'Pro', 'Max', 'Mini',
  'Shop', 'Sale', 'Voucher', 'Hello', 'Dear', 'Team', 'Customer', 'Service', 'Support', 'Hàng', 'Đơn', 'Áo', 'Quần', 'Giày', 'Son', 'Kem',
  'Serum', 'Combo', 'Freeship', 'Tết', 'Noel', 'Black Friday', 'iPhone', 'Samsung', 'Galaxy', 'Xiaomi', 'Nike', 'Adidas', 'Apple', 'Watch',
  'Street', 'Road', 'Avenue', 'London', 'Paris', 'Berlin', 'Madrid', 'Hà Nội', 'Sài Gòn', 'Đà Nẵng', 'Quận', 'Phường', 'Christmas', 'Easter',
  'Instagram', 'Facebook', 'Zalo', 'Shopee', 'Lazada', 'Tiki', 'Grab', 'Visa', 'Mastercard', 'PayPal', 'Amazon', 'Google', 'Netflix'];

function vnName(r: Rng): string {
  const fam = pick(r, VN_FAMILY_NAMES);
  const given = pick(r, VN_GIVEN_NAMES);
  const s = chance(r, 0.25) ? `${fam} ${given}` : `${fam} ${pick(r, VN_MID)} ${given}`;
  return chance(r, 0.15) ? stripMarks(s) : chance(r, 0.08) ? s.toUpperCase() : s;
}

function worldName(r: Rng): string {
  const roll = r();
  if (roll < 0.25) return pick(r, FIRST);
  if (roll < 0.35) return pick(r, LAST);
  if (roll < 0.45) return `${pick(r, FIRST)} ${String.fromCharCode(65 + int(r, 0, 25))} ${pick(r, LAST)}`;
  return `${pick(r, FIRST)} ${pick(r, LAST)}`;
}

// Sentence openers and everyday words merchants and buyers capitalise: the main negatives.
const OPENERS = ('Shop Em Chị Anh Mình Cho Giao Đơn Hàng Mã Áo Size Màu Giá Còn Bao Khi Sao Tracking Hôm Ngày Tháng Cảm Dạ Vâng Ok Alo ' +
  'Where When What Why How Can Could Would Please Thanks Thank Hello Hi Hey The This That My Our Your Is Are Do Does Did I We It ' +
  'Just Also Still Sorry Great Good Nice Love Order Tracking Delivery Refund Return Invoice Model Code Price Item Box Parcel Package ' +
  'Yesterday Today Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday January March April June July August Cash COD ' +
  'Freeship Sale Flash Deal Voucher Combo Set Gift Bundle New Original Authentic Limited Edition Premium Classic Vintage Cotton Linen').split(' ');
const sentence = (r: Rng): string => {
  const words: string[] = [pick(r, OPENERS)];
  for (let k = int(r, 3, 9); k > 0; k--) words.push(chance(r, 0.2) ? pick(r, CAP_WORDS) : pick(r, OPENERS).toLowerCase());
  return words.join(' ') + pick(r, ['.', '?', '!', '']);
};

const nm = (r: Rng): Part => ({ name: chance(r, 0.3) ? vnName(r) : worldName(r) });
const cap = (r: Rng): string => pick(r, CAP_WORDS);

const TEMPLATES: Array<(r: Rng) => Part[]> = [
  (r) => [sentence(r)],
  (r) => [sentence(r), ' ', sentence(r)],
  (r) => [sentence(r), ' ', nm(r), ' ', sentence(r).toLowerCase()],
  (r) => [sentence(r), '\n', sentence(r)],
  (r) => [nm(r), ' asked about the ', cap(r), ' order.'],
  (r) => ['Thank you ', nm(r), ', see you on ', cap(r), '.'],
  (r) => ['Cheers, ', nm(r), '!'],
  (r) => ['Best,\n', nm(r)],
  (r) => ['Regards\n', nm(r), '\n', cap(r), ' ', cap(r)],
  (r) => ['A gift for ', nm(r), ' and ', nm(r), ', wrapped in ', cap(r), ' paper.'],
  (r) => [nm(r), ', ', nm(r), ' and ', nm(r), ' will share the box.'],
  (r) => ['Listening to ', nm(r), ' while I wait for the ', cap(r), ' parcel.'],
  (r) => ['My neighbour ', nm(r), ' can sign for it.'],
  (r) => ['Is the ', cap(r), ' ', cap(r), ' still on sale?'],
  (r) => [cap(r), ' is out of stock again, any news from ', cap(r), '?'],
  (r) => ['Ship to ', pick(r, STREETS), ' ', String(int(r, 1, 90)), ', ', pick(r, CITIES), ' for ', nm(r), '.'],
  (r) => ['The ', pick(r, BRAND_PHRASES), ' set arrived, thanks ', nm(r), '.'],
  (r) => ['Em muốn mua ', pick(r, BRAND_PHRASES), ' ở ', pick(r, VN_PROVINCES), '.'],
  (r) => ['Gửi cho ', nm(r), ' ở ', pick(r, VN_PROVINCES), ' nhé.'],
  (r) => [nm(r), ' sẽ nhận hàng giúp em.'],
  (r) => ['Cảm ơn ', nm(r), ' nhiều ạ!'],
  (r) => ['Anh ', { name: pick(r, VN_GIVEN_NAMES) }, ' ơi, ', cap(r), ' còn không?'],
  (r) => [cap(r), ' mới về, giá tốt lắm.'],
  (r) => ['Hi ', nm(r), ', the ', cap(r), ' fits well.'],
  (r) => ['Dear ', nm(r), ',\nYour ', cap(r), ' order has shipped.'],
  (r) => ['From ', cap(r), ' to ', pick(r, CITIES), ', delivered by ', nm(r), '.'],
];

export interface Example {
  feats: Int32Array[];
  labels: number[];
}

/** Tokenised training examples for `count` generated messages. */
export function trainingExamples(count: number, seed: number): Example {
  const r = makeRng(seed);
  const feats: Int32Array[] = [];
  const labels: number[] = [];
  for (let n = 0; n < count; n++) {
    let text = '';
    const spans: Array<[number, number]> = [];
    for (const p of pick(r, TEMPLATES)(r)) {
      if (typeof p === 'string') text += p;
      else {
        spans.push([text.length, text.length + p.name.length]);
        text += p.name;
      }
    }
    const toks = tokenize(makeView(text));
    toks.forEach((t: Token, i: number) => {
      if (!isCandidate(t)) return;
      const buf = new Int32Array(MAX_FEATURES);
      const k = tokenFeatures(toks, i, buf);
      feats.push(buf.slice(0, k));
      labels.push(spans.some(([s, e]) => t.s >= s && t.e <= e) ? 1 : -1);
    });
  }
  return { feats, labels };
}

/** Averaged perceptron; the visiting order is a seeded shuffle, so the result is reproducible. */
export function trainPerceptron(ex: Example, epochs: number, seed: number): Float32Array {
  const size = 1 << FEATURE_BITS;
  const w = new Float32Array(size);
  const acc = new Float64Array(size);
  const r = makeRng(seed);
  const order = ex.labels.map((_, i) => i);
  let c = 1;
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const i of order) {
      const f = ex.feats[i] as Int32Array;
      const y = ex.labels[i] as number;
      let s = 0;
      for (const k of f) s += w[k] as number;
      if (y * s <= 0) {
        for (const k of f) {
          w[k] = (w[k] as number) + y;
          acc[k] = (acc[k] as number) + c * y;
        }
      }
      c++;
    }
  }
  const avg = new Float32Array(size);
  for (let k = 0; k < size; k++) avg[k] = (w[k] as number) - (acc[k] as number) / c;
  return avg;
}

export const TRAIN = { count: 40000, seed: 7, epochs: 5, prune: 0.02 };

/** Trains with the shipped settings and returns the encoded weights file. */
export function trainShipped(): string {
  return encodeWeights(trainPerceptron(trainingExamples(TRAIN.count, TRAIN.seed), TRAIN.epochs, TRAIN.seed), TRAIN.prune);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const json = trainShipped();
  writeFileSync(fileURLToPath(new URL('../src/detector/model/person.json', import.meta.url)), json + '\n');
  console.log(`wrote src/detector/model/person.json (${(json.length / 1024).toFixed(0)} KiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
