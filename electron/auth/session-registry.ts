/**
 * The operator session of each sender (a desktop window's webContents, a browser-host
 * WebSocket connection), held only in main's memory: a reload, a new connection or a restart
 * asks for the PIN again. The idle lock is main's: a session whose last activity
 * (`auth:touch`, sign-in, unlock) is older than the idle limit is locked here, whatever the
 * renderer shows, and the renderer's lock screen follows (`auth:session-changed`).
 */
export type SessionPhase = 'active' | 'locked' | 'pin-change';

export interface Session {
  operatorId: string;
  phase: SessionPhase;
  /** Locked by main's idle clock rather than by the operator. */
  idle: boolean;
  lastActivity: number;
  signedInAt: number;
}

export interface SessionRegistryOptions {
  /** The idle limit now (settings can change it while sessions are open). */
  idleMinutes: () => number;
  now?: () => number;
  /** Called when main locks a session for idleness (journal it, tell that sender). */
  onIdleLock: (senderId: string, session: Session) => void;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly opts: SessionRegistryOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The sender's session, idle lock applied first. */
  get(senderId: string): Session | null {
    const s = this.sessions.get(senderId);
    if (!s) return null;
    if (s.phase === 'active' && this.now() - s.lastActivity >= this.opts.idleMinutes() * 60_000) {
      s.phase = 'locked';
      s.idle = true;
      this.opts.onIdleLock(senderId, s);
    }
    return s;
  }

  start(senderId: string, operatorId: string, phase: 'active' | 'pin-change'): Session {
    const now = this.now();
    const s: Session = { operatorId, phase, idle: false, lastActivity: now, signedInAt: now };
    this.sessions.set(senderId, s);
    return s;
  }

  /** A PIN change completed: the session may now run commands. */
  activate(senderId: string): void {
    const s = this.sessions.get(senderId);
    if (s) {
      s.phase = 'active';
      s.idle = false;
      s.lastActivity = this.now();
    }
  }

  touch(senderId: string): void {
    const s = this.get(senderId);
    if (s && s.phase === 'active') s.lastActivity = this.now();
  }

  lock(senderId: string): Session | null {
    const s = this.get(senderId);
    if (s && s.phase === 'active') {
      s.phase = 'locked';
      s.idle = false;
    }
    return s;
  }

  end(senderId: string): Session | null {
    const s = this.sessions.get(senderId) ?? null;
    this.sessions.delete(senderId);
    return s;
  }

  /** Senders whose session is active now (hardware swipes go to them). */
  activeSenders(): string[] {
    return [...this.sessions.keys()].filter((id) => this.get(id)?.phase === 'active');
  }

  /** Senders signed in as this operator (in any phase). */
  sendersOf(operatorId: string): string[] {
    return [...this.sessions.entries()].filter(([, s]) => s.operatorId === operatorId).map(([id]) => id);
  }

  /** Applies the idle lock to every session (a timer calls this, so the lock screen comes on time). */
  sweep(): void {
    for (const id of [...this.sessions.keys()]) this.get(id);
  }
}
