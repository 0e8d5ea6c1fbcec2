import { openZipBundle } from '../../../../shared/domain/evidence/bundle-reader';
import { verifyBundle } from '../../../../shared/domain/evidence/verify-bundle';
import type { VerifyReport } from '../../../../shared/domain/evidence/verify-bundle';
import { ZipFormatError, blobAccess } from '../../../../shared/domain/evidence/zip-reader';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { Logger } from '../logger';
import { Observable } from '../observable';

/**
 * The in-app "校验证据包 / Verify a bundle" check: the one verifier (shared/domain/evidence/
 * verify-bundle.ts, the CLI's) run on a chosen file through Blob random access, so a bundle of
 * any size is read a part at a time. The trusted key is this device's unless one is typed in.
 */
export type BundleCheckState =
  | { phase: 'idle' }
  | { phase: 'running'; fileName: string; done: number; total: number }
  | { phase: 'done'; fileName: string; trustedKey: string | null; report: VerifyReport }
  | { phase: 'unreadable'; fileName: string; message: string };

export const FINGERPRINT = /^[0-9a-fA-F]{64}$/;

export class BundleCheck extends Observable<{ state: BundleCheckState; deviceKey: string | null }> {
  private run = 0;

  constructor(
    private readonly api: CountersignApi,
    private readonly logger: Logger,
  ) {
    super({ state: { phase: 'idle' }, deviceKey: null });
  }

  /** This device's key fingerprint (device:identity), the default trusted key. */
  async loadDeviceKey(): Promise<string | null> {
    const identity = await this.api.invoke('device:identity', {});
    if (!identity.ok) {
      this.logger.warn('evidence.device-identity-unavailable', { code: identity.error.code });
      return null;
    }
    this.set({ deviceKey: identity.value.fingerprint });
    return identity.value.fingerprint;
  }

  /** `typedKey`: a fingerprint typed in, or null for this device's key. */
  async check(file: Blob & { name?: string }, typedKey: string | null): Promise<BundleCheckState> {
    const run = ++this.run;
    const fileName = file.name ?? '';
    const trustedKey = typedKey && FINGERPRINT.test(typedKey) ? typedKey.toLowerCase() : (this.getSnapshot().deviceKey ?? (await this.loadDeviceKey()));
    this.set({ state: { phase: 'running', fileName, done: 0, total: 0 } });
    let state: BundleCheckState;
    try {
      const reader = await openZipBundle(blobAccess(file));
      const report = await verifyBundle(reader, {
        ...(trustedKey ? { trustedKey } : {}),
        onProgress: (done, total) => run === this.run && this.set({ state: { phase: 'running', fileName, done, total } }),
      });
      state = { phase: 'done', fileName, trustedKey, report };
    } catch (error) {
      if (!(error instanceof ZipFormatError)) this.logger.error('evidence.verify-failed', { error });
      state = { phase: 'unreadable', fileName, message: error instanceof Error ? error.message : String(error) };
    }
    if (run === this.run) this.set({ state });
    return state;
  }
}
