import type { Config } from '../config.ts';
import type { PaymentProcessor } from './processor.ts';
import { SandboxProcessor } from './sandbox.ts';

export type { PaymentProcessor } from './processor.ts';

// This build ships only the sandbox processor; a real adapter implements PaymentProcessor and is
// chosen here from the configuration.
const processors = new WeakMap<Config, PaymentProcessor>();

/** The payment processor of a configuration (one instance per app). */
export function processorFor(config: Config): PaymentProcessor {
  let p = processors.get(config);
  if (!p) {
    p = new SandboxProcessor();
    processors.set(config, p);
  }
  return p;
}

/** The price of the paid plan per month, in VND. */
export const PAID_PLAN_VND = 199_000;
