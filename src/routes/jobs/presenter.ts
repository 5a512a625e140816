import type { DeadJob } from '../../jobs/runner.ts';

export const presentDeadJob = (j: DeadJob) => ({
  id: j.id, name: j.name, tries: j.tries, code: j.code, createdAt: new Date(j.createdAt).toISOString(), failedAt: new Date(j.failedAt).toISOString(),
});

