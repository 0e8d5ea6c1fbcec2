import type { CommandName } from '../../shared/ipc/contract';

/**
 * Commands during which money or paper is moving: a sale or advice at the card host, a
 * reversal or inquiry settling an unknown sale, a sign-on, a slip at the printer.
 */
export const BUSY_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'acquirer:authorize',
  'acquirer:forward',
  'acquirer:reverse',
  'acquirer:inquire',
  'acquirer:sign-on',
  'printer:print',
]);

const isBusyCommand = (command: unknown): command is CommandName => typeof command === 'string' && (BUSY_COMMANDS as ReadonlySet<string>).has(command);

/**
 * What main itself knows about whether the counter is mid-sale: a swiped card waiting in the
 * vault for its sale, or one of the busy commands in flight. The updater asks it before it
 * checks for an update and before it installs one at quit; it is the smallest signal that
 * needs nothing from the renderer, because every such step passes through main.
 */
export class CounterActivity {
  private readonly running = new Map<CommandName, number>();

  /** `cardsHeld`: how many swiped cards the card vault holds now. */
  constructor(private readonly cardsHeld: () => number) {}

  /** Runs one command's dispatch, counting it while it is in flight when it is a busy command. */
  async track<T>(command: unknown, run: () => Promise<T>): Promise<T> {
    if (!isBusyCommand(command)) return run();
    const name = command;
    this.running.set(name, (this.running.get(name) ?? 0) + 1);
    try {
      return await run();
    } finally {
      const left = (this.running.get(name) ?? 1) - 1;
      if (left > 0) this.running.set(name, left);
      else this.running.delete(name);
    }
  }

  /** Why the counter is busy now (`card-held` or the command in flight), or null when it is idle. */
  busy(): string | null {
    if (this.cardsHeld() > 0) return 'card-held';
    const first = this.running.keys().next();
    return first.done ? null : first.value;
  }
}
