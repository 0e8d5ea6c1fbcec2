import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/fakes/recording-logger';
import { HELP_LINKS, isHelpLink, openHelpLink } from './external-links';

const HELP = ['https://help.example.cn/countersign/readers', 'https://help.example.cn/countersign/printers?lang=zh-CN'];

/** A fake of Electron's shell that records what it was asked to open. */
const fakeShell = (fail = false) => {
  const opened: string[] = [];
  return { opened, openExternal: (url: string) => (opened.push(url), fail ? Promise.reject(new Error('no browser')) : Promise.resolve()) };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('external links', () => {
  it('open an allowed help link in the user’s browser', () => {
    const shell = fakeShell();
    const logger = recordingLogger();
    expect(openHelpLink(shell, 'https://help.example.cn/countersign/readers', logger, HELP)).toBe(true);
    expect(openHelpLink(shell, 'https://help.example.cn/countersign/readers#macos', logger, HELP)).toBe(true);
    expect(shell.opened).toEqual(['https://help.example.cn/countersign/readers', 'https://help.example.cn/countersign/readers#macos']);
    expect(logger.lines).toEqual([]);
  });

  it('refuse, and log, any other URL: another page, another host, http, credentials, other schemes', () => {
    const shell = fakeShell();
    const logger = recordingLogger();
    const refused = [
      'https://help.example.cn/countersign/other',
      'https://help.example.cn/countersign/readers/../../evil',
      'https://help.example.cn/countersign/printers',
      'https://help.example.cn/countersign/printers?lang=en',
      'https://help.example.cn.evil.com/countersign/readers',
      'http://help.example.cn/countersign/readers',
      'https://user:pw@help.example.cn/countersign/readers',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'not a url',
    ];
    for (const url of refused) expect(openHelpLink(shell, url, logger, HELP)).toBe(false);
    expect(shell.opened).toEqual([]);
    expect(logger.events()).toEqual(refused.map(() => 'window.external-refused'));
  });

  it('log a browser that fails to open instead of throwing', async () => {
    const shell = fakeShell(true);
    const logger = recordingLogger();
    expect(openHelpLink(shell, HELP[0] ?? '', logger, HELP)).toBe(true);
    await settle();
    expect(logger.lines.map((l) => [l.event, l.fields.error])).toEqual([['window.external-failed', 'no browser']]);
  });

  it('ship no external link today, so the app opens nothing outside itself', () => {
    expect(HELP_LINKS).toEqual([]);
    expect(isHelpLink('https://www.example.com/')).toBe(false);
    expect(openHelpLink(fakeShell(), 'https://www.example.com/', recordingLogger())).toBe(false);
  });
});
