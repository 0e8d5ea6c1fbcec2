import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PublicOperator, RoleName } from '../../shared/ipc/commands/auth';
import type { StoredPin } from '../../shared/domain/pin';
import { writeFileAtomic } from '../services/atomic-file';

/**
 * The operators and their PIN hashes, held by main in `<data>/auth/operators.json` (written
 * atomically), so a PIN is checked where the renderer cannot reach it. The renderer mirrors
 * id, name, role and disabled into IndexedDB for display (`auth:operators`).
 *
 * A file that cannot be read stops the console with a clear message and is kept: treating it as
 * "no operators yet" would let anyone at the counter run first-run and create a manager.
 */
const StoredOperator = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['cashier', 'manager']),
  disabled: z.boolean(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  pinHash: z.string(),
  pinSalt: z.string(),
  pinIterations: z.number().int(),
  /** Set by a manager's reset or a PIN from before the 6-digit rule: change it at next sign-in. */
  mustChangePin: z.boolean(),
});
export type StoredOperator = z.infer<typeof StoredOperator>;

const FileShape = z.object({ version: z.literal(1), operators: z.array(StoredOperator) });

export class OperatorFileError extends Error {
  constructor(file: string, problem: string) {
    super(`The operators file ${file} cannot be read (${problem}). It was kept as it is; restore it from a backup. The console does not start without it, so that nobody can set up a new manager.`);
    this.name = 'OperatorFileError';
  }
}

/** Full-width letters folded, spaces trimmed and collapsed: "  Wang  Li " → "Wang Li". */
export const normalizeOperatorName = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ');

const sameName = (a: string, b: string): boolean => normalizeOperatorName(a).toLocaleLowerCase() === normalizeOperatorName(b).toLocaleLowerCase();

export const toPublic = (op: StoredOperator): PublicOperator => ({ id: op.id, name: op.name, role: op.role, disabled: op.disabled, createdAt: op.createdAt });

export class OperatorStore {
  readonly file: string;
  private operators: StoredOperator[];

  constructor(dataDir: string) {
    this.file = join(dataDir, 'auth', 'operators.json');
    this.operators = this.load();
  }

  private load(): StoredOperator[] {
    if (!existsSync(this.file)) return [];
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (error) {
      throw new OperatorFileError(this.file, error instanceof Error ? error.message : 'unreadable');
    }
    const parsed = FileShape.safeParse(raw);
    if (!parsed.success) throw new OperatorFileError(this.file, `invalid at ${parsed.error.issues[0]?.path.join('.') ?? '?'}`);
    return parsed.data.operators;
  }

  private save(next: StoredOperator[]): void {
    writeFileAtomic(this.file, `${JSON.stringify({ version: 1, operators: next }, null, 1)}\n`);
    this.operators = next;
  }

  get isEmpty(): boolean {
    return this.operators.length === 0;
  }

  list(): PublicOperator[] {
    return [...this.operators].sort((a, b) => a.name.localeCompare(b.name)).map(toPublic);
  }

  get(id: string): StoredOperator | undefined {
    return this.operators.find((op) => op.id === id);
  }

  nameTaken(name: string, exceptId?: string): boolean {
    return this.operators.some((op) => op.id !== exceptId && sameName(op.name, name));
  }

  activeManagers(): StoredOperator[] {
    return this.operators.filter((op) => op.role === 'manager' && !op.disabled);
  }

  /** Adds operators whose PINs are already hashed (first run, add, the one-time import). */
  add(records: StoredOperator[]): void {
    this.save([...this.operators, ...records]);
  }

  update(id: string, change: Partial<Pick<StoredOperator, 'disabled' | 'mustChangePin' | 'role'>> & Partial<StoredPin>, now: number): StoredOperator {
    const current = this.get(id);
    if (!current) throw new RangeError(`no operator ${id}`);
    const next: StoredOperator = { ...current, ...change, updatedAt: now };
    this.save(this.operators.map((op) => (op.id === id ? next : op)));
    return next;
  }

  static record(input: { id: string; name: string; role: RoleName; pin: StoredPin; mustChangePin: boolean; now: number; disabled?: boolean; createdAt?: number }): StoredOperator {
    return {
      id: input.id,
      name: normalizeOperatorName(input.name),
      role: input.role,
      disabled: input.disabled ?? false,
      createdAt: input.createdAt ?? input.now,
      updatedAt: input.now,
      pinHash: input.pin.pinHash,
      pinSalt: input.pin.pinSalt,
      pinIterations: input.pin.pinIterations,
      mustChangePin: input.mustChangePin,
    };
  }
}
