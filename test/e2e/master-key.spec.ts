import { test, expect } from './fixtures';
import type { ConsoleFixture } from './fixtures';
import { dispatch, dumpIndexedDb, setUpAsManager } from './helpers';
import { MasterKeyPanel } from './pages/master-key-panel';
import { HostSimulator } from '../host-sim/host-sim';
import { TEST_TMK } from '../../electron/acquirer/iso8583/mac';
import { kcvOf } from '../../electron/acquirer/master-key-check';
import { SAMPLE_TMK_HEX, findKey, tmkBytes } from '../master-key-test-support';

/**
 * Loading the terminal master key (TMK) on the Settings screen, end to end: Chromium → browser
 * host → the key file secret store, with the ISO 8583 link pointed at the loopback host
 * simulator holding the same key. The key must come back from nowhere: not from main, not from
 * IndexedDB (the audit log holds its KCV), not from any file in the data folder.
 */
const KEY = tmkBytes(SAMPLE_TMK_HEX);
const KCV = kcvOf(KEY);

const sims: HostSimulator[] = [];
test.afterEach(async () => {
  for (const s of sims.splice(0)) await s.stop();
});

/** Training off, ISO 8583 to a host simulator that holds `tmk`. */
const realHost = async (c: ConsoleFixture, tmk: Uint8Array): Promise<HostSimulator> => {
  const sim = new HostSimulator({ tmk });
  sims.push(sim);
  const { port } = await sim.start();
  const set = await dispatch(c, 'settings:set', { patch: { general: { trainingMode: false, idleLockMinutes: 15 }, acquirer: { kind: 'iso8583', host: '127.0.0.1', port, connectTimeoutMs: 1000, responseTimeoutMs: 1500 } } });
  if (!set.ok) throw new Error(`settings:set refused: ${JSON.stringify(set.error)}`);
  return sim;
};

test.describe('terminal master key', () => {
  test('a manager loads the key from the key sheet: its KCV shows, sign-on works, and the key is in no store or file', async ({ console: c }) => {
    const app = await setUpAsManager(c);
    const sim = await realHost(c, KEY);
    await app.goTo('settings');
    const panel = new MasterKeyPanel(c.page);

    // The built-in test key, with a warning: training is off and the host is real.
    await expect(panel.source()).toHaveAttribute('data-source', 'test');
    await expect(panel.kcv()).toHaveText(kcvOf(TEST_TMK));
    await expect(panel.testKeyWarning()).toBeVisible();
    expect(await dispatch(c, 'acquirer:sign-on', {})).toMatchObject({ ok: true, value: { failure: 'mac-error', responseCode: 'A0', resign: true } });

    // A typing mistake is caught by the check value, named in Chinese, and the typed key is cleared.
    // (Not in the last digit of a byte: that is the DES parity bit, which changes neither the key nor its KCV.)
    const typo = `${SAMPLE_TMK_HEX.startsWith('3') ? '4' : '3'}${SAMPLE_TMK_HEX.slice(1)}`;
    await panel.load(typo, KCV);
    await expect(panel.result()).toHaveAttribute('data-reason', 'master-key-kcv-mismatch');
    await expect(panel.result()).toContainText('校验值与密钥不符');
    await expect(panel.keyInput()).toHaveValue('');
    await expect(panel.source()).toHaveAttribute('data-source', 'test');

    // The key as printed on a key sheet: groups of four, lower case, with its check value.
    await panel.load(SAMPLE_TMK_HEX.toLowerCase().replace(/(.{4})(?!$)/g, '$1 '), KCV);
    await expect(panel.result()).toHaveAttribute('data-outcome', 'loaded');
    await expect(panel.result()).toContainText(KCV);
    await expect(panel.source()).toHaveAttribute('data-source', 'loaded');
    await expect(panel.kcv()).toHaveText(KCV);
    await expect(panel.loadedAt()).toBeVisible();
    await expect(panel.testKeyWarning()).toBeHidden();
    await expect(panel.keyInput()).toHaveValue('');

    // The link uses it: the host simulator's working keys open under it.
    expect(await dispatch(c, 'acquirer:sign-on', {})).toMatchObject({ ok: true, value: { outcome: 'approved', responseCode: '00' } });
    expect(sim.records.filter((r) => r.kind === 'sign-on')).toHaveLength(2);

    // Audited with the KCV (both attempts), never the key.
    const dump = await dumpIndexedDb(c.page);
    expect(dump).toContain('acquirer.master-key-load');
    expect(dump).toContain(KCV);
    expect(findKey(KEY, { dataDir: c.dataDir, texts: [dump] })).toEqual([]);
    expect(findKey(tmkBytes(typo), { dataDir: c.dataDir, texts: [dump] })).toEqual([]);
    // Nor in the Chromium profile: a password field's value is not kept for session restore.
    expect(findKey(KEY, { dataDir: c.profileDir })).toEqual([]);

    // A restart of main keeps the key (through the secret store) and still never shows it.
    await c.restartHost();
    const status = await dispatch(c, 'acquirer:status', {});
    expect(status).toMatchObject({ ok: true, value: { masterKey: { source: 'loaded', kcv: KCV } } });
    expect(findKey(KEY, { dataDir: c.dataDir, texts: [JSON.stringify(status)] })).toEqual([]);
  });

  test('a weak key is refused with its reason in English; removing the loaded key goes back to the test key, audited', async ({ console: c }) => {
    const app = await setUpAsManager(c);
    await realHost(c, KEY);
    await app.switchLanguage();
    await app.goTo('settings');
    const panel = new MasterKeyPanel(c.page);

    await panel.load('0'.repeat(32), '');
    await expect(panel.result()).toHaveAttribute('data-reason', 'master-key-weak');
    await expect(panel.result()).toContainText('cannot be a real key');

    await panel.load(SAMPLE_TMK_HEX);
    await expect(panel.kcv()).toHaveText(KCV);
    await panel.clear();
    await expect(panel.result()).toHaveAttribute('data-outcome', 'cleared');
    await expect(panel.source()).toHaveAttribute('data-source', 'test');
    await expect(panel.kcv()).toHaveText(kcvOf(TEST_TMK));
    await expect(panel.testKeyWarning()).toBeVisible();
    expect(await dispatch(c, 'acquirer:master-key', {})).toMatchObject({ ok: true, value: { source: 'test', loadedAt: null } });

    const dump = await dumpIndexedDb(c.page);
    expect(dump).toContain('acquirer.master-key-clear');
    expect(findKey(KEY, { dataDir: c.dataDir, texts: [dump] })).toEqual([]);
  });
});
