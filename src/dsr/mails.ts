/**
 * Mail a person gets about their own request: the confirmation link of the form, and the link
 * to their export. Each names the shop and the kind of request, nothing else about them. Pure.
 */
import type { Mail } from '../mail/outbox.ts';

export const CONFIRMATION_TTL_HOURS = 24;
export const EXPORT_TTL_HOURS = 72;

const KIND_VI: Readonly<Record<string, string>> = {
  access: 'xem dữ liệu', portability: 'nhận bản sao dữ liệu', rectification: 'sửa dữ liệu', erasure: 'xóa dữ liệu',
  restriction: 'hạn chế xử lý', objection: 'phản đối xử lý', withdrawal: 'rút lại sự đồng ý',
};
const KIND_EN: Readonly<Record<string, string>> = {
  access: 'access to your data', portability: 'a copy of your data', rectification: 'a correction', erasure: 'deletion of your data',
  restriction: 'restriction of processing', objection: 'objection to processing', withdrawal: 'withdrawal of consent',
};

export function confirmationMail(to: string, lang: 'vi' | 'en', publicUrl: string, shop: string, kind: string, token: string): Mail {
  const link = `${publicUrl}/privacy-center/requests/confirm?token=${encodeURIComponent(token)}`;
  return lang === 'vi'
    ? {
        kind: 'request_confirmation', to, subject: `Xác nhận yêu cầu ${KIND_VI[kind] ?? kind} (${shop})`,
        text: `Chào bạn,\n\nChúng tôi nhận được yêu cầu ${KIND_VI[kind] ?? kind} gửi tới ${shop}. Mở liên kết sau để xác nhận đó là bạn:\n${link}\n\n` +
          `Liên kết có hiệu lực trong ${CONFIRMATION_TTL_HOURS} giờ và chỉ dùng được một lần. Thời hạn xử lý bắt đầu khi bạn xác nhận.\n` +
          `Nếu bạn không gửi yêu cầu, hãy bỏ qua thư này.\n`,
      }
    : {
        kind: 'request_confirmation', to, subject: `Confirm your request for ${KIND_EN[kind] ?? kind} (${shop})`,
        text: `Hello,\n\nWe received a request for ${KIND_EN[kind] ?? kind} sent to ${shop}. Open this link to confirm it was you:\n${link}\n\n` +
          `The link is valid for ${CONFIRMATION_TTL_HOURS} hours and works once. The deadline counts from your confirmation.\n` +
          `If you did not send it, ignore this message.\n`,
      };
}

export function exportReadyMail(to: string, publicUrl: string, shop: string, token: string): Mail {
  const link = `${publicUrl}/api/requests/exports/${encodeURIComponent(token)}`;
  return {
    kind: 'request_update', to, subject: `Dữ liệu của bạn đã sẵn sàng / Your data is ready (${shop})`,
    text: `Tải bản sao dữ liệu của bạn (một lần, trong ${EXPORT_TTL_HOURS} giờ):\nDownload your data (once, within ${EXPORT_TTL_HOURS} hours):\n${link}\n`,
  };
}

/**
 * A subject request forwarded to a processor's privacy desk (C35): ids only, as the webhook's
 * body — the processor holds what it received under them — and the signed link that acknowledges it.
 */
export function processorRequestMail(to: string, publicUrl: string, shop: string, n: { kind: string; requestId: string; subjectType: string; subjectId: string; deliveryId: string; token: string }, attempt: number): Mail {
  const link = `${publicUrl}/processor-acks/${n.deliveryId}?token=${encodeURIComponent(n.token)}`;
  const again = attempt > 1 ? ` (nhắc lại lần ${attempt - 1} / reminder ${attempt - 1})` : '';
  return {
    kind: 'processor_request', to, subject: `Yêu cầu của chủ thể dữ liệu / Data subject request: ${n.kind} (${shop})${again}`,
    text: `${shop} chuyển tới bạn yêu cầu ${KIND_VI[n.kind] ?? n.kind} của một chủ thể dữ liệu mà bạn đã nhận dữ liệu.\n` +
      `${shop} forwards you a data subject's request for ${KIND_EN[n.kind] ?? n.kind}, about a person whose data you received.\n\n` +
      `request: ${n.requestId}\ndelivery: ${n.deliveryId}\nidentity: controller_${n.subjectType}_id = ${n.subjectId}\n\n` +
      `Khi đã thực hiện xong, xác nhận tại / When done, acknowledge it here:\n${link}\n`,
  };
}
