/**
 * Why a backup file cannot be used (RULES 19): the handlers answer STORAGE with this reason,
 * which the renderer translates; nothing stored is changed by a refused file.
 */
export const BACKUP_FILE_PROBLEMS = ['not-a-backup', 'wrong-key', 'damaged', 'foreign', 'newer-format', 'not-found', 'busy'] as const;
export type BackupFileProblem = (typeof BACKUP_FILE_PROBLEMS)[number];

export class BackupFileError extends Error {
  constructor(
    readonly problem: BackupFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/** The recipient type of an age file, from its header's first stanza; null when it is not age. */
export const ageRecipientType = (head: Uint8Array): 'scrypt' | 'X25519' | 'other' | null => {
  const text = new TextDecoder().decode(head.subarray(0, 200));
  if (!text.startsWith('age-encryption.org/v1\n')) return null;
  const stanza = /\n-> (\S+)/.exec(text)?.[1];
  return stanza === 'scrypt' ? 'scrypt' : stanza === 'X25519' ? 'X25519' : 'other';
};
