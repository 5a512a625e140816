import type { Mail } from '../mail/outbox.ts';
import type { Locale } from './fields.ts';

/** Account mails in the recipient's language. Pure: the caller queues them in its transaction. */

export const VERIFY_EMAIL_TTL_HOURS = 48;

export function verificationMail(to: string, locale: Locale, publicUrl: string, token: string): Mail {
  const link = `${publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
  return locale === 'vi'
    ? {
        kind: 'verify_email',
        to,
        subject: 'Xác nhận địa chỉ e-mail của bạn cho Pledge',
        text:
          `Chào bạn,\n\nVui lòng xác nhận địa chỉ e-mail để kích hoạt tài khoản miễn phí của bạn:\n${link}\n\n` +
          `Liên kết có hiệu lực trong ${VERIFY_EMAIL_TTL_HOURS} giờ và chỉ dùng được một lần.\n` +
          `Nếu bạn không đăng ký, hãy bỏ qua thư này.\n`,
      }
    : {
        kind: 'verify_email',
        to,
        subject: 'Confirm your e-mail address for Pledge',
        text:
          `Hello,\n\nPlease confirm your e-mail address to activate your free account:\n${link}\n\n` +
          `The link is valid for ${VERIFY_EMAIL_TTL_HOURS} hours and works once.\n` +
          `If you did not sign up, ignore this message.\n`,
      };
}

/**
 * The only thing a minor's sign-up leads to (C38): this notice. It names no detail of
 * what they typed, so the outbox row holds nothing beyond the address it goes to.
 */
export function parentalConsentMail(to: string, locale: Locale): Mail {
  return locale === 'vi'
    ? {
        kind: 'parental_consent_notice',
        to,
        subject: 'Cần có sự đồng ý của cha mẹ để dùng Pledge',
        text:
          'Chào bạn,\n\nDịch vụ của ECOMKEY dành cho người từ 18 tuổi trở lên. Chúng tôi chưa tạo tài khoản ' +
          'và không lưu thông tin bạn đã nhập.\nĐể sử dụng dịch vụ, bạn cần có sự đồng ý của cha mẹ hoặc người giám hộ; ' +
          'họ có thể liên hệ với chúng tôi để được hướng dẫn.\n',
      }
    : {
        kind: 'parental_consent_notice',
        to,
        subject: "A parent's consent is needed to use Pledge",
        text:
          "Hello,\n\nECOMKEY's service is for people aged 18 and over. We have not created an account " +
          'and have not kept what you entered.\nTo use the service you need the consent of a parent or guardian; ' +
          'they can contact us to learn how.\n',
      };
}

/**
 * Sent instead of "this address is taken" (which would tell anyone who has an account): the
 * owner learns someone used their address, and nothing else happens. Names nothing of what
 * the other person typed.
 */
export function signUpAttemptMail(to: string, locale: Locale, publicUrl: string): Mail {
  return locale === 'vi'
    ? {
        kind: 'sign_up_attempt',
        to,
        subject: 'Có người vừa đăng ký Pledge bằng địa chỉ e-mail của bạn',
        text:
          `Chào bạn,\n\nCó người vừa thử tạo tài khoản Pledge bằng địa chỉ e-mail này, nhưng địa chỉ này đã có tài khoản. ` +
          `Chúng tôi không tạo tài khoản mới và không thay đổi gì.\n\nNếu đó là bạn, hãy đăng nhập: ${publicUrl}/sign-in\n` +
          `Nếu không phải bạn, bạn có thể bỏ qua thư này.\n`,
      }
    : {
        kind: 'sign_up_attempt',
        to,
        subject: 'Someone tried to sign up for Pledge with your address',
        text:
          `Hello,\n\nSomeone just tried to create a Pledge account with this e-mail address, which already has one. ` +
          `We created nothing and changed nothing.\n\nIf it was you, sign in: ${publicUrl}/sign-in\n` +
          `If it was not, you can ignore this message.\n`,
      };
}

/** After closing an account (C30): what was kept, why, and until when. Names no one but the reader. */
export function closureMail(to: string, locale: Locale, kept: readonly { table: string; rows: number; ground: string; until: string }[]): Mail {
  const day = (iso: string) => iso.slice(0, 10);
  const lines = kept.map((k) => `- ${k.table} (${k.rows}): ${k.ground} — ${locale === 'vi' ? 'đến' : 'until'} ${day(k.until)}`).join('\n');
  return locale === 'vi'
    ? { kind: 'account_closed', to, subject: 'Tài khoản ECOMKEY của bạn đã được đóng',
        text: `Tài khoản của bạn đã được đóng và dữ liệu cá nhân của bạn đã bị xoá.\n\nChúng tôi chỉ giữ lại những mục sau, mỗi mục với lý do và thời hạn của nó:\n${lines || '- (không có)'}\n` }
    : { kind: 'account_closed', to, subject: 'Your ECOMKEY account is closed',
        text: `Your account is closed and your personal data has been erased.\n\nWe keep only the following, each for its reason and until its date:\n${lines || '- (nothing)'}\n` };
}
