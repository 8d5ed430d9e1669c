// Records each SES event it is invoked with, one JSON line per call, and answers the disposition
// its DISPOSITION variable names (none: SES continues).
import { appendFileSync } from 'node:fs';

export const handler = async (event) => {
  appendFileSync(process.env.OUT, JSON.stringify({ fn: process.env.NAME, event }) + '\n');
  return process.env.DISPOSITION ? { disposition: process.env.DISPOSITION } : {};
};
