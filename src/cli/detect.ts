import type { Command } from 'commander';

// Placeholder until the detector lands (being written in src/detector/).
export function registerDetectCommand(_program: Command): void {}
