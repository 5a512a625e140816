// Special categories of personal data: Vietnam Decree 13/2023/ND-CP Art. 2(4) and Decree
// 356/2025/ND-CP (health, religion, political opinion, ethnicity, sex life and orientation,
// criminal record, union membership, biometric and genetic data) and GDPR Art. 9.
// Source: terms compiled from those texts' category names and the everyday words people use
// for them in Vietnamese and English chats (written without diacritics: matching is folded).

import { EXTRA_TERMS, VI_CONDITION_HEADS, VN_ETHNIC_GROUPS } from './sensitiveVocab.ts';

import type { SensitiveCategory } from '../types.ts';

export type { SensitiveCategory };

/** How a term must be framed to be a disclosure rather than a topic word. */
export type Frame = 'condition' | 'identity';

export interface TermGroup {
  category: SensitiveCategory;
  frame: Frame;
  terms: readonly string[];
  /** Head words that open a longer condition name; the detector reads them as a rule. */
  head?: boolean;
}

const BASE_TERMS: readonly TermGroup[] = [
  {
    category: 'health',
    frame: 'condition',
    terms: [
      'tieu duong', 'dai thao duong', 'hiv positive', 'duong tinh voi hiv', 'duong tinh hiv', 'tieu duong type 1', 'tieu duong type 2', 'tieu duong tuyp 2', 'ung thu', 'ung thu vu',
      'ung thu phoi', 'ung thu gan', 'ung thu da day', 'ung thu mau', 'hiv', 'aids', 'viem gan b', 'viem gan c', 'viem gan',
      'tram cam', 'roi loan lo au', 'roi loan luong cuc', 'tam than phan liet', 'benh tam than', 'hen suyen', 'suyen',
      'benh hen', 'dong kinh', 'benh tim', 'tim bam sinh', 'suy tim', 'huyet ap cao', 'cao huyet ap', 'tang huyet ap',
      'huyet ap thap', 'suy than', 'chay than', 'soi than', 'tu ky', 'tu ki', 'tang dong', 'gout', 'gut', 'thoat vi dia dem',
      'dot quy', 'tai bien', 'parkinson', 'alzheimer', 'lao phoi', 'benh lao', 'vo sinh', 'hiem muon', 'sui mao ga', 'giang mai',
      'benh lau', 'mang thai', 'co thai', 'co bau', 'dang bau', 'bau', 'say thai', 'pha thai', 'u nao', 'u xo', 'khuyet tat',
      'hoa tri', 'xa tri', 'di ung', 'benh da day', 'dau da day', 'trao nguoc', 'viem xoang', 'thieu mau', 'mo mau cao',
      'mo mau', 'cholesterol cao', 'benh than', 'covid', 'ha duong huyet', 'tieu duong thai ky', 'tuyen giap', 'cuong giap',
      'suy giap', 'phau thuat', 'phau thuat tim', 'mo tim', 'dat stent', 'ghep than', 'ghep gan', 'mo ruot thua', 'benh gan', 'xo gan', 'man kinh', 'lac noi mac tu cung', 'buong trung da nang', 'viem khop', 'loang xuong',
      'diabetes', 'diabetic', 'type 1 diabetes', 'type 2 diabetes', 'cancer', 'breast cancer', 'leukemia', 'depression',
      'depressed', 'anxiety', 'anxiety disorder', 'panic disorder', 'asthma', 'epilepsy', 'epileptic', 'hepatitis b',
      'hepatitis c', 'hepatitis', 'pregnant', 'pregnancy', 'heart disease', 'heart condition', 'high blood pressure',
      'hypertension', 'autism', 'autistic', 'adhd', 'bipolar', 'bipolar disorder', 'schizophrenia', 'ptsd', 'ocd', 'chemo',
      'chemotherapy', 'dialysis', 'alzheimer\'s', 'dementia', 'celiac disease', 'celiac', 'crohn\'s', 'multiple sclerosis',
      'a disability', 'disabled', 'infertility', 'ivf', 'a miscarriage', 'an std', 'herpes', 'chlamydia', 'kidney disease',
      'liver disease', 'a stroke', 'a tumor', 'a tumour', 'an eating disorder', 'anorexia', 'bulimia', 'a nut allergy',
      'peanut allergy', 'lupus', 'arthritis', 'gluten intolerance', 'sleep apnea', 'insulin', 'an allergy', 'allergic',
      'tuberculosis', 'covid', 'long covid', 'migraines', 'chronic pain', 'fibromyalgia', 'thyroid', 'menopause', 'pcos',
      'endometriosis', 'osteoporosis', 'ibs', 'surgery', 'heart surgery', 'a heart attack', 'a transplant',
    ],
  },
  {
    category: 'religion',
    frame: 'identity',
    terms: [
      'dao phat', 'phat giao', 'phat tu', 'cong giao', 'thien chua', 'thien chua giao', 'dao thien chua', 'dao tin lanh',
      'tin lanh', 'cao dai', 'dao cao dai', 'hoa hao', 'dao hoa hao', 'hoi giao', 'dao hoi', 'dao cong giao', 'theo dao',
      'co doc giao', 'an chay truong vi dao', 'nguoi cong giao', 'con chien', 'tin do',
      'muslim', 'christian', 'catholic', 'buddhist', 'hindu', 'jewish', 'sikh', 'mormon', 'protestant', 'evangelical',
      'jehovah\'s witness', 'atheist', 'agnostic', 'orthodox christian', 'practising muslim', 'practicing catholic', 'islam',
      'judaism', 'buddhism', 'christianity', 'hinduism',
    ],
  },
  {
    category: 'politics',
    frame: 'identity',
    terms: [
      'dang vien', 'dang vien dang cong san', 'vao dang', 'ket nap dang', 'dang cong san', 'ung ho dang', 'ung ho viet tan',
      'viet tan', 'phan dong', 'dan chu cong hoa', 'nguoi bat dong chinh kien', 'hoat dong chinh tri',
      'democrat', 'republican', 'a democrat', 'a republican', 'labour voter', 'tory', 'conservative voter', 'liberal democrat',
      'communist party member', 'party member', 'member of the communist party', 'socialist', 'libertarian', 'trump supporter',
      'maga', 'green party member', 'voted for trump', 'voted for biden', 'vote republican', 'vote democrat', 'vote labour',
    ],
  },
  {
    category: 'ethnicity',
    frame: 'identity',
    terms: [
      'nguoi dan toc', 'dan toc thieu so', 'dan toc tay', 'dan toc thai', 'dan toc muong', 'dan toc khmer', 'dan toc hmong',
      'dan toc h\'mong', 'dan toc mong', 'dan toc nung', 'dan toc dao', 'dan toc hoa', 'dan toc cham', 'dan toc e de',
      'dan toc ede', 'dan toc gia rai', 'dan toc ba na', 'dan toc xo dang', 'dan toc san diu', 'dan toc kinh', 'nguoi hoa',
      'nguoi khmer', 'nguoi cham', 'nguoi tay', 'nguoi nung', 'nguoi hmong', 'nguoi h\'mong', 'nguoi muong', 'nguoi ede',
      'nguoi e de', 'nguoi gia rai', 'gia rai', 'ede', 'hmong', 'khmer krom',
      'black', 'african american', 'hispanic', 'latino', 'latina', 'latinx', 'asian american', 'native american',
      'indigenous', 'aboriginal', 'roma', 'romani', 'of african descent', 'mixed race', 'biracial', 'pacific islander',
      'an ethnic minority', 'ethnic minority',
    ],
  },
  {
    category: 'orientation',
    frame: 'identity',
    terms: [
      'dong tinh', 'dong tinh nam', 'dong tinh nu', 'nguoi dong tinh', 'gay', 'les', 'lesbian', 'song tinh', 'bisexual',
      'chuyen gioi', 'nguoi chuyen gioi', 'lgbt', 'lgbtq', 'bede', 'be de', 'pede', 'xu huong tinh duc', 'ban tinh',
      'queer', 'transgender', 'trans', 'a trans woman', 'a trans man', 'non-binary', 'nonbinary', 'pansexual', 'asexual',
      'homosexual', 'same-sex partner', 'same sex partner', 'a lesbian', 'bi',
    ],
  },
  {
    category: 'criminal',
    frame: 'condition',
    terms: [
      'tien an', 'tien su', 'tien an tien su', 'ngoi tu', 'di tu', 'o tu', 'ra tu', 'vua ra tu', 'an tu', 'an treo', 'bi ket an',
      'ket an', 'pham toi', 'tu nhan', 'cai tao', 'trai giam', 'tai pham', 'bi khoi to', 'lenh truy na',
      'a criminal record', 'criminal record', 'convicted', 'a conviction', 'a felony', 'felony conviction', 'served time',
      'in prison', 'in jail', 'on parole', 'on probation', 'arrested', 'a dui', 'a record', 'ex-convict', 'ex-offender',
      'jail time', 'prison time', 'a sex offender',
    ],
  },
  {
    category: 'union',
    frame: 'identity',
    terms: [
      'cong doan', 'doan vien cong doan', 'cong doan vien', 'chu tich cong doan', 'to truong cong doan', 'nghiep doan',
      'union member', 'a union member', 'member of the union', 'trade union', 'trade union member', 'union rep',
      'shop steward', 'teamsters', 'unionized', 'in a union', 'the union',
    ],
  },
  {
    category: 'biometric',
    frame: 'condition',
    terms: [
      'van tay', 'mau van tay', 'anh khuon mat', 'du lieu khuon mat', 'mong mat', 'adn', 'dna', 'ket qua adn', 'xet nghiem adn', 'ket qua xet nghiem adn', 'ket qua xet nghiem gen',
      'xet nghiem gen', 'giai ma gen', 'gen di truyen', 'benh di truyen', 'dot bien gen', 'brca', 'brca1', 'brca2',
      'fingerprint', 'fingerprints', 'dna test', 'dna results', 'genetic test', 'genetic testing', 'genome', '23andme',
      'retina scan', 'iris scan', 'face scan', 'facial scan', 'voiceprint', 'biometric data', 'genetic condition',
      'genetic disorder', 'genetic mutation',
    ],
  },
];

const FRAME_OF: Record<SensitiveCategory, Frame> = {
  health: 'condition', religion: 'identity', politics: 'identity', ethnicity: 'identity', orientation: 'identity',
  criminal: 'condition', union: 'identity', biometric: 'condition',
};

/** Every sensitive term group: the base list, the sourced vocabulary and the condition heads. */
export const SENSITIVE_TERMS: readonly TermGroup[] = [
  ...BASE_TERMS,
  ...(Object.keys(EXTRA_TERMS) as SensitiveCategory[]).map((category) => ({ category, frame: FRAME_OF[category], terms: EXTRA_TERMS[category] })),
  { category: 'ethnicity', frame: 'identity', terms: VN_ETHNIC_GROUPS.map((g) => `nguoi ${g}`).concat(VN_ETHNIC_GROUPS.map((g) => `dan toc ${g}`)) },
  { category: 'health', frame: 'condition', terms: VI_CONDITION_HEADS, head: true },
];
