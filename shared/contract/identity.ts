import { z } from 'zod';
import type { IdentityView } from '../signing/identity.ts';
import { entry } from './define.ts';

/** This workstation's signing identity (machinery every step that signs uses: score sheets, result sheets). */
export const identityContract = {
  'identity.show': entry<IdentityView>()(z.object({}).strict()),
  'identity.rename': entry<IdentityView>()(z.object({ name: z.string().min(1).max(200) }).strict()),
  'identity.unlock': entry<IdentityView>()(z.object({ passphrase: z.string().min(1).max(1000) }).strict()),
  /** Set, change or (empty) remove the passphrase that protects the private key. */
  'identity.setPassphrase': entry<IdentityView>()(z.object({ passphrase: z.string().max(1000) }).strict()),
  /** The identity file to keep on another disk: bytes and a file name. */
  'identity.backup': entry<{ name: string; bytes: Uint8Array }>()(z.object({}).strict()),
} as const;
