import type { Mail } from '../mail/outbox.ts';

export const SUBJECT_LINK_TTL_MINUTES = 30;

/**
 * The privacy-center sign-in link, in the language the person chose on the page. It names the
 * shop (whose list the address is on) and nothing else about the person. Pure.
 */
export function signInLinkMail(to: string, lang: 'vi' | 'en', publicUrl: string, tenantId: string, shop: string, token: string): Mail {
  const link = `${publicUrl}/privacy-center/${tenantId}?token=${encodeURIComponent(token)}`;
  return lang === 'vi'
    ? {
        kind: 'privacy_center_link',
        to,
        subject: `Trung tâm quyền riêng tư: liên kết đăng nhập (${shop})`,
        text:
          `Chào bạn,\n\nMở liên kết sau để xem và thay đổi các sự đồng ý bạn đã cho ${shop}:\n${link}\n\n` +
          `Liên kết có hiệu lực trong ${SUBJECT_LINK_TTL_MINUTES} phút và chỉ dùng được một lần.\n` +
          `Nếu bạn không yêu cầu, hãy bỏ qua thư này.\n`,
      }
    : {
        kind: 'privacy_center_link',
        to,
        subject: `Privacy Center: your sign-in link (${shop})`,
        text:
          `Hello,\n\nOpen this link to see and change the consents you gave ${shop}:\n${link}\n\n` +
          `The link is valid for ${SUBJECT_LINK_TTL_MINUTES} minutes and works once.\n` +
          `If you did not ask for it, ignore this message.\n`,
      };
}
