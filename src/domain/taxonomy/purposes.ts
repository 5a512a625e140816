/**
 * Processing purposes: exactly the eight of the policy, with stable keys (C18), and the
 * uses an operation puts data to. Marketing is not a purpose of its own: it is a use
 * (a marketing list, a promotional message, advertising) of the `contact` or `communicate`
 * purposes, which C19, C20 and C37 restrict further.
 * @clause C18 The purpose registry holds exactly the eight purposes of the policy.
 * @clause C28 No sale or third-party-marketing purpose exists; asking for one is refused.
 */

type PurposeDef = {
  label: string;
  labelVi: string;
  /**
   * Whether a Customer's own information may serve this purpose without a further permission
   * (C21). Communicating and contacting are the communication-related activities the clause
   * names; providing the service, authenticating, taking payment and preventing fraud are
   * what running the account the Customer signed up for needs. Improving and researching
   * need the Customer's permission.
   */
  customerDefault: boolean;
};

const DEFS = {
  provide_service: { label: 'Providing products and services', labelVi: 'Cung cấp sản phẩm và dịch vụ', customerDefault: true },
  communicate: { label: 'Communicating with you', labelVi: 'Liên lạc với bạn', customerDefault: true },
  process_payment: { label: 'Processing payments', labelVi: 'Xử lý thanh toán', customerDefault: true },
  authenticate: { label: 'Identifying and authenticating', labelVi: 'Nhận dạng và xác thực', customerDefault: true },
  improve_service: { label: 'Improving services', labelVi: 'Cải thiện dịch vụ', customerDefault: false },
  contact: { label: 'Contacting you', labelVi: 'Liên hệ với bạn', customerDefault: true },
  research: { label: 'Researching', labelVi: 'Nghiên cứu', customerDefault: false },
  prevent_fraud: { label: 'Preventing fraud', labelVi: 'Ngăn chặn gian lận', customerDefault: true },
} as const satisfies Record<string, PurposeDef>;

export type PurposeKey = keyof typeof DEFS;
export type Purpose = { readonly key: PurposeKey } & PurposeDef;

export const PURPOSE_KEYS = Object.keys(DEFS) as PurposeKey[];
export const PURPOSES: readonly Purpose[] = PURPOSE_KEYS.map((key) => Object.freeze({ key, ...(DEFS[key] as PurposeDef) }));

/**
 * Purposes the policy rules out for good (C28: "we do not sell or provide personal information
 * to other companies for marketing"). They are kept as a list so that asking for one gets its
 * own refusal code (`purpose_forbidden`) rather than a generic "unknown purpose".
 */
export const FORBIDDEN_PURPOSES: readonly string[] = [
  'sale',
  'sell',
  'data_sale',
  'sell_data',
  'rent',
  'data_rental',
  'third_party_marketing',
  'marketing_by_third_party',
  'partner_marketing',
  'share_for_marketing',
];

/** Lower-case, separators as `_`: `Third-Party Marketing` is caught as `third_party_marketing`. */
export const normalizePurposeText = (s: string): string => s.trim().toLowerCase().replace(/[\s\-.]+/g, '_');

type UseDef = { description: string; marketing: boolean };

const USE_DEFS = {
  processing: { description: 'Processing inside the feature itself (the default)', marketing: false },
  messaging: { description: 'A transactional message the subject expects (a receipt, a reply, a notice)', marketing: false },
  marketing_message: { description: 'A promotional message or broadcast', marketing: true },
  marketing_list: { description: 'Adding the person to a mailing or marketing list', marketing: true },
  advertising: { description: 'Ads, retargeting, marketing tags and pixels (C37)', marketing: true },
  analytics: { description: 'Statistics and analytics', marketing: false },
  export: { description: 'An export of the subject\'s own data to them (access, portability)', marketing: false },
  disclosure: { description: 'Data leaves ECOMKEY for a recipient outside it (C03, C04)', marketing: false },
} as const satisfies Record<string, UseDef>;

export type UseKey = keyof typeof USE_DEFS;
export const USE_KEYS = Object.keys(USE_DEFS) as UseKey[];
export const USES: Readonly<Record<UseKey, UseDef>> = USE_DEFS;

/** True for uses that are marketing (C19 marketing list, C20 advertising, C37). */
export const isMarketingUse = (use: UseKey): boolean => USE_DEFS[use].marketing;
