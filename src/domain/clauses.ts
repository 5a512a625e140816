/**
 * The ECOMKEY privacy policy as 41 obligations (shared/policy/CLAUSES.md), machine-readable.
 * `KEPT` lists the clauses this project claims to keep: `pledge clauses` fails when any of
 * them has no passing test citing it as `[Cnn]` in its title.
 */
export type Clause = { id: string; section: string; title: string };

export const CLAUSES: readonly Clause[] = [
  { id: 'C01', section: 'Preamble', title: 'Every stored personal-data item records its source: self-provided form, survey,…' },
  { id: 'C02', section: 'Preamble', title: 'No payment-card data is ever stored' },
  { id: 'C03', section: 'Preamble', title: 'Personal data is not disclosed to anyone outside ECOMKEY without the subject\'s…' },
  { id: 'C04', section: 'Preamble', title: 'Allowed bases for sharing: investigating/preventing illegal activity or fraud, threat…' },
  { id: 'C05', section: 'Preamble', title: 'Merger/acquisition: every user is notified by email and by a prominent website notice…' },
  { id: 'C06', section: 'Preamble', title: 'Nobody uses the Service before reading and accepting the current Terms of Service and…' },
  { id: 'C07', section: '1. What is collected', title: 'Customer data: names, addresses, company names, IDs, public social-profile info,…' },
  { id: 'C08', section: '1. What is collected', title: 'Paid plans collect name, email, physical address, phone, company' },
  { id: 'C09', section: '1. What is collected', title: 'User-generated content (feedback: suggestions, compliments, issues' },
  { id: 'C10', section: '1. What is collected', title: 'Subscriber data entered or collected by Customers is tenant-scoped' },
  { id: 'C11', section: '1. What is collected', title: 'A Subscriber can unsubscribe from a Customer\'s bot (e.g' },
  { id: 'C12', section: '1. What is collected', title: 'Log Data is collected automatically for Customers and Visitors: IP, device and browser…' },
  { id: 'C13', section: '1. What is collected', title: 'Cookies, pixels and web beacons are used' },
  { id: 'C14', section: '1. What is collected', title: 'Sensitive personal information (national ID/SSN, racial or ethnic origin, political…' },
  { id: 'C15', section: '1. What is collected', title: 'The terms disclose what is collected at the moment a user engages.' },
  { id: 'C16', section: '2. How it is used', title: 'Personal information = anything that identifies, contacts or locates a person' },
  { id: 'C17', section: '2. How it is used', title: 'Registration asks name, company, email, billing address' },
  { id: 'C18', section: '2. How it is used', title: 'Processing purposes are exactly: providing products and services, communicating,…' },
  { id: 'C19', section: '2. How it is used', title: 'Buyer contact data obtained through ECOMKEY may be used only for ECOMKEY-related…' },
  { id: 'C20', section: '2. How it is used', title: 'Data obtained through Google APIs is used only within Google\'s User Data Policy…' },
  { id: 'C21', section: '2. How it is used', title: 'Customer information may be used only for communication-related activities unless the…' },
  { id: 'C22', section: '3. Security', title: 'Collection and use only with consent, except where law says otherwise' },
  { id: 'C23', section: '3. Security', title: 'No use, transfer or sharing with third parties without consent (see C03/C04).' },
  { id: 'C24', section: '3. Security', title: 'On a breach that loses customer data, ECOMKEY reports it to the authorities and…' },
  { id: 'C25', section: '3. Security', title: 'Sensitive data travels encrypted (TLS)' },
  { id: 'C26', section: '4. Third parties', title: 'Service providers receive personal data only under an agreement that binds them to…' },
  { id: 'C27', section: '4. Third parties', title: 'Disclosure to comply with a court order or when a user\'s actions violate the Terms is…' },
  { id: 'C28', section: '4. Third parties', title: 'Personal data is never sold or provided to other companies for their marketing.' },
  { id: 'C29', section: '5. Retention and rights', title: 'Customers keep all rights to their data' },
  { id: 'C30', section: '5. Retention and rights', title: 'After account closure some information is retained for analytics/record-keeping, fraud…' },
  { id: 'C31', section: '5. Retention and rights', title: 'A person can access the personal information held about them at any time.' },
  { id: 'C32', section: '5. Retention and rights', title: 'Registration information can be reviewed and changed by logging in.' },
  { id: 'C33', section: '5. Retention and rights', title: 'Deletion requests (by email or self-service) are processed within 30 days from email…' },
  { id: 'C34', section: '5. Retention and rights', title: 'A person can object to processing, restrict it, or receive their data in a portable…' },
  { id: 'C35', section: '5. Retention and rights', title: 'Data already given to third parties follows their retention' },
  { id: 'C36', section: '5. Retention and rights', title: 'Data is kept until deleted by request or by the user' },
  { id: 'C37', section: '6–10. Cookies, children, GDPR, changes, contact', title: 'A cookie identifies the user' },
  { id: 'C38', section: '6–10. Cookies, children, GDPR, changes, contact', title: 'The service is for people 18 and over' },
  { id: 'C39', section: '6–10. Cookies, children, GDPR, changes, contact', title: 'Privacy protection is aligned with the EU GDPR where applicable (rights, lawful basis,…' },
  { id: 'C40', section: '6–10. Cookies, children, GDPR, changes, contact', title: 'The policy may change' },
  { id: 'C41', section: '6–10. Cookies, children, GDPR, changes, contact', title: 'Users can contact ECOMKEY about privacy (email, phone hours Mon–Fri 8:00–18:00,…' },
];

/** Clauses the project declares kept. Add one only together with the tests that prove it. */
/**
 * Clauses whose rule is tested but whose promise no user path carries yet: `pledge clauses`
 * shows them open with the reason, whatever their tests say.
 */
export const PENDING: Readonly<Record<string, string>> = {
};

export const KEPT: readonly string[] = [
  'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11', 'C14', 'C15', 'C16', 'C17', 'C18', 'C19', 'C20', 'C21', 'C22', 'C23',
  'C24', 'C25', 'C26', 'C27', 'C28', 'C29', 'C30', 'C34', 'C36', 'C38', 'C39', 'C40', 'C41',
  // Data-subject requests (issue 12): the export's sources, access, the deletion clock, forwarding to processors.
  'C01', 'C31', 'C33', 'C35',
];
