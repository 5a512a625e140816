// Broader sensitive vocabulary, folded (no diacritics), per special category.
// Sources: ICD-10 chapter and block titles (WHO ICD-10, 2019, and the Vietnamese edition
// "Bảng phân loại quốc tế bệnh tật ICD-10", Bộ Y tế) for conditions; the WHO Model List of
// Essential Medicines (2023) for medicines and drug classes; the Government Committee for
// Religious Affairs' list of religions recognised in Vietnam; the 54 ethnic groups of the
// General Statistics Office's list of ethnic groups (Decision 121-TCTK/PPCĐ); common
// orientation and gender-identity terms in Vietnamese and English.
import type { SensitiveCategory } from './sensitiveTerms.ts';

export const EXTRA_TERMS: Readonly<Record<SensitiveCategory, readonly string[]>> = {
  health: [
    // ICD-10 titles, Vietnamese
    'vay nen', 'benh vay nen', 'benh cham', 'viem da co dia', 'lang ben', 'bach bien', 'roi loan an uong', 'chan an tam than',
    'cuong an', 'bai nao', 'liet nua nguoi', 'hoi chung down', 'thieu nang tri tue', 'cham phat trien',
    'cai nghien', 'nghien ma tuy', 'nghien ruou', 'sot xuat huyet', 'benh tay chan mieng', 'thuy dau', 'zona', 'quai bi',
    'uon van', 'bach hau', 'ho ga', 'sot ret', 'viem phoi', 'viem phe quan', 'phoi tac nghen man tinh', 'gian phe quan',
    'ung thu tuyen tien liet', 'ung thu co tu cung', 'ung thu dai trang', 'ung thu truc trang', 'ung thu tuyen giap', 'ung thu buong trung',
    'ung thu thuc quan', 'ung thu vom hong', 'ung thu luoi', 'ung thu xuong', 'ung thu hach', 'u lympho', 'da u tuy', 'bach cau cap',
    'viem loet dai trang', 'benh crohn', 'hoi chung ruot kich thich', 'viem tuy', 'soi mat', 'gan nhiem mo', 'xo cung bi', 'lupus ban do',
    'viem khop dang thap', 'thoai hoa khop', 'thoai hoa cot song', 'gai cot song', 'dau than kinh toa', 'dong kinh', 'dau nua dau',
    'mat ngu', 'roi loan giac ngu', 'roi loan tien dinh', 'tram cam sau sinh', 'roi loan cam xuc luong cuc', 'benh tam than',
    'hoang tuong', 'ao giac', 'roi loan nhan cach', 'roi loan am anh cuong che', 'roi loan stress sau sang chan', 'sa sut tri tue',
    'benh than man', 'suy than man', 'hoi chung than hu', 'viem cau than', 'thieu mau co tim', 'nhoi mau co tim', 'dau that nguc',
    'roi loan nhip tim', 'ho van tim', 'hep van tim', 'suy tinh mach', 'gian tinh mach', 'benh tri', 'thoat vi ben', 'hen phe quan',
    'viem mui di ung', 'tieu duong tuyp 1', 'dai thao duong tuyp 2', 'beo phi', 'suy dinh duong', 'coi xuong', 'benh hemophilia',
    'thalassemia', 'tan mau bam sinh', 'mu mau', 'tang nhan ap', 'glocom', 'duc thuy tinh the', 'thoai hoa diem vang', 'khiem thi',     'khiem thinh', 'cam diec', 'noi lap', 'tu ky pho', 'giang mai', 'hpv', 'nhiem hpv', 'nhiem hiv', 'hiv duong tinh',
    'duong tinh hiv', 'duong tinh voi hiv', 'hiv positive', 'sui mao ga', 'mun rop sinh duc', 'viem nhiem phu khoa', 'u nang buong trung',
    'u xo tu cung', 'sinh non', 'tien san giat', 'hiem muon', 'vo sinh nam', 'roi loan cuong duong', 'xuat tinh som', 'lao hach',
    'benh phong', 'covid 19', 'hau covid', 'dot quy nao', 'xuat huyet nao', 'nhoi mau nao', 'ung thu giai doan cuoi',
    'dieu tri ung thu', 'hoa tri lieu', 'chay than nhan tao', 'loc mau', 'ghep tuy', 'ghep tim', 'cat bo tu cung', 'cat tuyen giap',
    'cat da day', 'mo lay thai', 'sinh mo', 'nao up thuy', 'benh ua chay mau', 'xo nang', 'teo co', 'loan duong co', 'xo cung cot ben teo co',
    'parkinson', 'alzheimer',
    // ICD-10 titles, English
    'psoriasis', 'eczema', 'atopic dermatitis', 'vitiligo', 'rosacea', 'cerebral palsy', 'down syndrome', 'down s syndrome',
    'an intellectual disability', 'intellectual disability', 'a learning disability', 'dyslexia', 'spina bifida', 'muscular dystrophy',
    'cystic fibrosis', 'sickle cell', 'sickle cell disease', 'sickle cell anemia', 'haemophilia', 'hemophilia', 'thalassaemia',
    'multiple myeloma', 'myeloma', 'lymphoma', 'hodgkin s lymphoma', 'non hodgkin lymphoma', 'melanoma', 'prostate cancer', 'lung cancer',
    'colon cancer', 'bowel cancer', 'ovarian cancer', 'cervical cancer', 'thyroid cancer', 'pancreatic cancer', 'skin cancer',
    'brain tumour', 'brain tumor', 'leukaemia', 'emphysema', 'bronchitis', 'pneumonia', 'cirrhosis', 'fatty liver',
    'pancreatitis', 'gallstones', 'kidney stones', 'ulcerative colitis', 'crohn s disease', 'irritable bowel syndrome', 'gerd',
    'acid reflux', 'hiatal hernia', 'glaucoma', 'cataracts', 'macular degeneration', 'hearing loss', 'tinnitus',     'visually impaired', 'hard of hearing', 'a stammer', 'insomnia', 'narcolepsy', 'an eating disorder', 'binge eating disorder',
    'schizoaffective disorder', 'borderline personality disorder', 'a personality disorder', 'postnatal depression', 'postpartum depression',
    'seasonal affective disorder', 'generalised anxiety disorder', 'generalized anxiety disorder', 'social anxiety', 'agoraphobia',
    'tourette s', 'tourette syndrome', 'dementia', 'parkinson s', 'parkinson s disease', 'alzheimer s disease', 'huntington s disease',
    'motor neurone disease', 'rheumatoid arthritis', 'osteoarthritis', 'gout', 'ankylosing spondylitis', 'scoliosis', 'sciatica',
    'a slipped disc', 'hiv', 'aids', 'hiv aids', 'an sti', 'gonorrhoea', 'gonorrhea', 'syphilis', 'genital warts', 'hpv', 'shingles',
    'malaria', 'dengue', 'hepatitis a', 'long covid', 'angina', 'arrhythmia', 'atrial fibrillation', 'a pacemaker', 'heart failure',
    'coronary artery disease', 'high cholesterol', 'anaemia', 'anemia', 'obesity', 'type one diabetes', 'type two diabetes', 'prediabetes',
    'hypothyroidism', 'hyperthyroidism', 'hashimoto s', 'graves disease', 'addiction', 'an addiction', 'alcoholism', 'alcoholic',
    'in recovery', 'in rehab', 'a drug addiction', 'opioid addiction', 'preeclampsia', 'a c section', 'a hysterectomy',
    'a mastectomy', 'a miscarriage', 'an abortion', 'erectile dysfunction', 'infertile', 'endometriosis', 'fibroids', 'menopausal',
    'incontinence', 'epilepsy', 'seizures', 'migraine', 'chronic fatigue syndrome', 'me cfs', 'lupus', 'sjogren s', 'coeliac disease',
    // Medicines and drug classes (WHO Model List of Essential Medicines)
    'antiretrovirals', 'antiretroviral', 'arvs', 'truvada', 'tenofovir', 'efavirenz', 'dolutegravir', 'lamivudine', 'zidovudine',
    'insulin', 'metformin', 'gliclazide', 'sitagliptin', 'empagliflozin', 'semaglutide', 'ozempic', 'levothyroxine', 'warfarin',
    'apixaban', 'rivaroxaban', 'clopidogrel', 'atorvastatin', 'simvastatin', 'rosuvastatin', 'amlodipine', 'lisinopril', 'enalapril',
    'losartan', 'bisoprolol', 'metoprolol', 'furosemide', 'methotrexate', 'tamoxifen', 'letrozole', 'imatinib', 'rituximab',
    'trastuzumab', 'antidepressants', 'antidepressant', 'antipsychotics', 'ssris', 'sertraline', 'fluoxetine', 'citalopram',
    'escitalopram', 'venlafaxine', 'mirtazapine', 'quetiapine', 'olanzapine', 'risperidone', 'aripiprazole', 'clozapine',
    'valproate', 'lamotrigine', 'levetiracetam', 'carbamazepine', 'buprenorphine', 'naltrexone', 'adderall', 'ritalin',
    'methylphenidate', 'prednisolone', 'steroids', 'salbutamol', 'chemotherapy', 'radiotherapy', 'immunotherapy',
    'thuoc arv', 'thuoc chong tram cam', 'thuoc an than', 'thuoc tieu duong', 'thuoc huyet ap', 'thuoc chong dong',
    'tiem insulin',   ],
  religion: [
    'phat giao hoa hao', 'tinh do cu si phat hoi', 'co doc phuc lam', 'phat giao tu an hieu nghia', 'minh su dao', 'minh ly dao',
    'cham ba la mon', 'ba la mon', 'mac mon', 'buu son ky huong', 'baha i', 'dao baha i', 'dao tin lanh', 'dao hoi', 'dao mau',
    'dao tin lanh', 'theo dao cong giao', 'nguoi theo dao', 'tin do phat giao', 'tin do cong giao', 'tin do tin lanh', 'linh muc',
    'ni co', 'nha su', 'thien chua giao', 'cong giao la ma', 'chinh thong giao', 'do thai giao', 'an do giao',
    'dao sikh', 'vo than', 'khong theo ton giao nao',     'jehovah s witness', 'a jehovah s witness', 'jehovah s witnesses', 'seventh day adventist', 'an adventist', 'adventist', 'baptist',
    'methodist', 'anglican', 'lutheran', 'presbyterian', 'pentecostal', 'quaker', 'amish', 'mennonite', 'latter day saint',     'greek orthodox', 'russian orthodox', 'coptic', 'shia', 'sunni', 'shiite', 'ahmadi', 'sufi', 'orthodox jewish', 'hasidic', 'jain',
    'zoroastrian', 'bahai', 'baha i', 'taoist', 'confucian', 'shinto', 'wiccan', 'pagan', 'druze', 'rastafarian', 'scientologist',
    'a muslim', 'a christian', 'a catholic', 'a buddhist', 'a hindu', 'a sikh', 'a jew', 'born again christian', 'devout catholic',
    'devout muslim', 'observant jew', 'i keep kosher', 'keep halal', 'i fast for ramadan',   ],
  politics: [
    'dang vien dang cong san viet nam', 'doan vien', 'doan vien thanh nien', 'chinh kien', 'bat dong chinh kien', 'nha hoat dong dan chu',
    'a labour member', 'labour party member', 'a tory voter', 'green voter', 'a green voter', 'a communist', 'a marxist', 'an anarchist',
    'a socialist', 'a libertarian', 'a liberal', 'a conservative', 'snp member', 'a brexiteer', 'an activist', 'a political activist',
  ],
  ethnicity: [
                        'african', 'caribbean', 'black british', 'black african', 'south asian', 'east asian', 'arab', 'kurdish', 'romany', 'gypsy',
    'irish traveller', 'maori', 'first nations', 'inuit', 'aboriginal australian', 'torres strait islander', 'mestizo', 'afro latina',
    'afro latino', 'half vietnamese', 'mixed heritage', 'of mixed heritage',
  ],
  orientation: [
    'dong tinh luyen ai', 'nguoi song tinh', 'lien gioi', 'phi nhi nguyen', 'vo tinh', 'toan tinh', 'chuyen gioi nu', 'chuyen gioi nam',
    'nguoi chuyen gioi nu', 'nguoi chuyen gioi nam', 'da chuyen gioi', 'phau thuat chuyen gioi', 'xu huong tinh duc', 'bisexual',
    'gay man', 'a gay man', 'a lesbian woman', 'a bisexual woman', 'genderqueer', 'genderfluid', 'gender fluid', 'intersex',
    'a trans person', 'trans woman', 'trans man', 'demisexual', 'aromantic', 'two spirit', 'on hormone therapy', 'transitioning',
    'in a same sex relationship', 'my same sex partner', 'came out as gay', 'came out as trans', 'lgbtqia',
  ],
  criminal: [
    'an tu treo', 'bi bat', 'bi tam giam', 'tam giam', 'bi truy na', 'tien an ma tuy', 'ngoi tu vi', 'bi phat tu', 'ra trai',
    'ma tuy', 'pham toi ma tuy', 'a prison sentence', 'a suspended sentence', 'a restraining order', 'a court case',
    'been to prison', 'been in prison', 'been to jail', 'been in jail', 'under house arrest', 'a criminal conviction', 'a drink driving conviction',
    'an ankle monitor', 'out on bail', 'on bail',
  ],
  union: [
    'cong doan co so', 'ban chap hanh cong doan', 'hoi vien cong doan', 'nghiep doan', 'a member of unite', 'unison member', 'gmb member',
    'a shop steward', 'union steward', 'union organiser', 'union organizer', 'in the teachers union', 'afl cio', 'seiu',
  ],
  biometric: [
    'mau adn', 'ho so adn', 'du lieu sinh trac', 'sinh trac hoc', 'khuon mat cua toi', 'anh mong mat', 'ket qua giai trinh tu gen',
    'my genome', 'my dna', 'genetic results', 'a genetic test', 'palm print', 'palm scan', 'face id data', 'biometrics', 'my biometrics',
      ],
};

// Head words that open a condition name nobody can list in full ("bệnh vảy nến", "hội chứng
// Turner", "rối loạn tiền đình"): the words after the head, up to a boundary, are the topic.
export const VI_CONDITION_HEADS: readonly string[] = [
  'benh', 'hoi chung', 'roi loan', 'ung thu', 'viem', 'suy', 'nhiem', 'thoai hoa', 'xo', 'soi', 'u', 'loan', 'chung', 'teo', 'di tat',
  'khuyet tat', 'dot bien', 'thieu', 'ton thuong', 'chan thuong', 'di chung', 'bien chung', 'ghep', 'cat bo', 'phau thuat',
];
// English condition and medicine shapes: suffixes of ICD-10 titles and INN medicine stems.
export const EN_CONDITION_SUFFIX =
  /(?:itis|osis|oma|emia|aemia|pathy|plegia|trophy|algia|iasis|ectomy|otomy|penia|cytosis|uria|philia|phrenia|lepsy|mania|asthenia)$/;
export const EN_MEDICINE_SUFFIX =
  /(?:vir|virs|mab|statin|pril|sartan|olol|azole|mycin|cillin|prazole|tidine|pine|azepam|zolam|done|formin|gliptin|gliflozin|xetine|triptan|tinib|platin|rubicin|glutide|parin|xaban|lukast|dronate|thiazide|semide|oxacin|cycline)$/;
export const EN_CONDITION_HEADS_AFTER: readonly string[] = ['syndrome', 'disease', 'disorder', 'palsy', 'deficiency', 'cancer', 'infection', 'tumour', 'tumor', 'dystrophy', 'sclerosis', 'fever', 'virus', 'addiction'];

// The 54 ethnic groups of Vietnam (GSO list, common spellings). Many are everyday words once
// folded ("Thái", "Hoa", "Dao"), so they count only right after "người" or "dân tộc".
export const VN_ETHNIC_GROUPS: readonly string[] = [
  'kinh', 'tay', 'thai', 'muong', 'khmer', 'hoa', 'nung', 'hmong', 'h mong', 'mong', 'dao', 'gia rai', 'jrai', 'e de', 'ede', 'ba na',
  'bahnar', 'xo dang', 'san chay', 'co ho', 'cham', 'san diu', 'hre', 'm nong', 'mnong', 'ra glai', 'raglai', 'xtieng', 'stieng',
  'bru van kieu', 'van kieu', 'tho', 'giay', 'co tu', 'gie trieng', 'ma', 'kho mu', 'khmu', 'co', 'ta oi', 'cho ro', 'khang', 'xinh mun',
  'ha nhi', 'chu ru', 'lao', 'la chi', 'la ha', 'phu la', 'la hu', 'lu', 'lo lo', 'chut', 'mang', 'pa then', 'co lao', 'cong', 'bo y',
  'si la', 'pu peo', 'brau', 'o du', 'ro mam',
];
