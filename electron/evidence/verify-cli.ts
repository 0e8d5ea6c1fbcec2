import { openZipBundle } from '../../shared/domain/evidence/bundle-reader';
import { verifyBundle } from '../../shared/domain/evidence/verify-bundle';
import type { VerifyReport } from '../../shared/domain/evidence/verify-bundle';
import { failure, formatFailure } from '../../shared/domain/evidence/verify-failures';
import { ZipFormatError } from '../../shared/domain/evidence/zip-reader';
import { openFileAccess } from './file-access';

/**
 * `npm run verify-evidence -- <bundle.zip> [--trusted-key <hex fingerprint>]`
 *
 * Checks an evidence bundle with the one verifier (shared/domain/evidence/verify-bundle.ts).
 * Prints one line per failure, each starting with its stable code, and exits 0 only when every
 * check holds (1: a check failed; 2: the command was used wrongly or the file cannot be read).
 */
const USAGE = 'usage: npm run verify-evidence -- <bundle.zip> [--trusted-key <64 hex digits>]';

interface Args {
  bundle: string;
  trustedKey: string | undefined;
}

export const parseArgs = (argv: readonly string[]): Args | string => {
  let bundle: string | undefined;
  let trustedKey: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--trusted-key') {
      trustedKey = argv[++i];
      if (!trustedKey || !/^[0-9a-fA-F]{64}$/.test(trustedKey)) return '--trusted-key needs the 64 hex digits of the key fingerprint';
    } else if (a.startsWith('--trusted-key=')) {
      trustedKey = a.slice('--trusted-key='.length);
      if (!/^[0-9a-fA-F]{64}$/.test(trustedKey)) return '--trusted-key needs the 64 hex digits of the key fingerprint';
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (bundle) return 'give one bundle';
    else bundle = a;
  }
  return bundle ? { bundle, trustedKey } : 'give the bundle to check';
};

/** Runs the check and returns the lines to print and the exit code (the CLI's whole behaviour, testable). */
export const runVerify = async (argv: readonly string[]): Promise<{ lines: string[]; code: number }> => {
  const args = parseArgs(argv);
  if (typeof args === 'string') return { lines: [args, USAGE], code: 2 };
  let file;
  try {
    file = await openFileAccess(args.bundle);
  } catch (e) {
    return { lines: [`cannot read ${args.bundle}: ${e instanceof Error ? e.message : String(e)}`], code: 2 };
  }
  try {
    let report: VerifyReport;
    try {
      report = await verifyBundle(await openZipBundle(file), { trustedKey: args.trustedKey });
    } catch (e) {
      if (e instanceof ZipFormatError) return { lines: [formatFailure(failure('BAG_INVALID', null, `not a readable ZIP: ${e.message}`)), 'FAILED: 1 problem'], code: 1 };
      throw e;
    }
    const f = report.facts;
    const lines = [
      `Bundle: ${args.bundle}`,
      `Merchant: ${f.merchant ? `${f.merchant.name} (merchant ${f.merchant.merchantId}, terminal ${f.merchant.terminalId})` : 'unknown'}`,
      `Sales: ${f.sales.length}; files: ${f.files}; audit entries: ${f.auditEntries}; signatures checked: ${f.signaturesChecked}`,
      `Device key fingerprint: ${f.keyFingerprint ?? 'none'}`,
      ...report.failures.map(formatFailure),
    ];
    if (!args.trustedKey && f.keyFingerprint) lines.push('Note: no --trusted-key given; compare the fingerprint above with the one the shop gave you.');
    lines.push(report.ok ? 'OK: every check holds' : `FAILED: ${report.failures.length} problem${report.failures.length === 1 ? '' : 's'}`);
    return { lines, code: report.ok ? 0 : 1 };
  } finally {
    await file.close();
  }
};

const isMain = process.argv[1] !== undefined && /verify-cli\.[cm]?[jt]s$/.test(process.argv[1]);
if (isMain) {
  runVerify(process.argv.slice(2)).then(
    ({ lines, code }) => {
      process.stdout.write(`${lines.join('\n')}\n`);
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`verify-evidence failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
