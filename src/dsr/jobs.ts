/** The jobs of data-subject requests: fulfilment, forwarding to processors, the deadline watch. */
import type { Job } from '../jobs/runner.ts';
import { raiseDeadlineAlerts } from './alerts.ts';
import { deliverNotification } from './forward.ts';
import { remindProcessors } from './forward-mail.ts';
import { runFulfilment } from './fulfil.ts';

const id = (data: Record<string, unknown>, name: string): string => {
  const v = data[name];
  if (typeof v !== 'string') throw Object.assign(new Error(`job data lacks ${name}`), { code: 'job_data_invalid' });
  return v;
};

export const DSR_JOBS: readonly Job[] = [
  {
    name: 'fulfil-request', feature: 'requests.fulfil', admit: 'per_subject', retries: 6,
    why: 'Runs one verified request of its subject, step by step from its checkpoint (src/dsr/fulfil.ts)',
    perform: async (ctx, data) => void (await runFulfilment(ctx, id(data, 'requestId'))),
  },
  {
    name: 'forward-request', feature: 'requests.forward', admit: 'per_subject', retries: 8,
    why: 'Sends one processor the request of the subject it received data about; ids only (src/dsr/forward.ts)',
    perform: async (ctx, data) => deliverNotification(ctx, id(data, 'notificationId')),
  },
  {
    name: 'request-deadline-alerts', schedule: '*/10 * * * *', feature: 'requests.alerts', admit: 'many', concurrency: 'one',
    why: 'Compares open requests\' dates with the clock, and mails again the processors that have not acknowledged; reads no one\'s data',
    perform: async (ctx) => {
      await raiseDeadlineAlerts(ctx);
      await remindProcessors(ctx);
    },
  },
];
