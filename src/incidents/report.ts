/**
 * The draft of the report to the authority, from the register: the contents a breach
 * notification must carry under Decree 356/2025 (as under Decree 13/2023 Form 03 before it) and
 * GDPR Art. 33(3) — what happened, when and where it was found, which data of whom and how many,
 * the contact responsible, the likely consequences and the measures taken. Labels in vi and en.
 */
import type { Incident } from './register.ts';

export type ReportField = { key: string; vi: string; en: string; value: string };

export function authorityReport(inc: Incident, contact: { organisation: string; email: string }): { incidentId: string; dueAt: string; fields: ReportField[] } {
  const f = (key: string, vi: string, en: string, value: string): ReportField => ({ key, vi, en, value });
  return {
    incidentId: inc.id,
    dueAt: inc.authority_due_at.toISOString(),
    fields: [
      f('controller', 'Tổ chức báo cáo', 'Reporting organisation', contact.organisation),
      f('contact', 'Đầu mối liên hệ', 'Contact point', contact.email),
      f('detected_at', 'Thời điểm phát hiện', 'Time of detection', inc.detected_at.toISOString()),
      f('description', 'Mô tả vi phạm', 'Description of the breach', inc.summary),
      f('categories', 'Loại dữ liệu cá nhân bị ảnh hưởng', 'Categories of personal data', inc.categories.join(', ')),
      f('subjects', 'Loại chủ thể dữ liệu', 'Categories of data subjects', inc.subject_types.join(', ')),
      f('approx_subjects', 'Số lượng chủ thể ước tính', 'Approximate number of data subjects', String(inc.approx_subjects)),
      f('affected_customers', 'Số khách hàng (cửa hàng) bị ảnh hưởng', 'Affected Customers (shops)', String(inc.notices.length)),
      f('consequences', 'Hậu quả có thể xảy ra', 'Likely consequences', inc.consequences),
      f('measures', 'Biện pháp đã và sẽ thực hiện', 'Measures taken or proposed', inc.measures),
      f('severity', 'Mức độ', 'Severity', inc.severity),
    ],
  };
}
