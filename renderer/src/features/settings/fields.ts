import { IDLE_LOCK_MAX_MINUTES } from '../../../../shared/domain/settings';
import type { Settings } from '../../../../shared/domain/settings';
import { TIME_ZONES } from '../../../../shared/domain/time-zone';
import { CASE_TYPES, dueDaysKey } from '../../../../shared/domain/cases/case-types';

/** How a setting is edited. Money fields are shown in yuan and stored in fen. */
export type FieldKind = { type: 'text' } | { type: 'int'; min: number; max: number } | { type: 'fen' } | { type: 'bool' } | { type: 'select'; options: readonly (string | number)[] } | { type: 'hex16' };

export interface FieldSpec {
  section: keyof Settings;
  key: string;
  kind: FieldKind;
}

const f = <S extends keyof Settings>(section: S, key: keyof Settings[S] & string, kind: FieldKind): FieldSpec => ({ section, key, kind });

export type SettingGroup = 'general' | 'shop' | 'signature' | 'printer' | 'acquirer' | 'offline' | 'cases';

/** Every setting a manager edits on the Settings screen, group by group; each group saves on its own. */
export const SETTING_GROUPS: Record<SettingGroup, FieldSpec[]> = {
  general: [
    f('general', 'language', { type: 'select', options: ['zh-CN', 'en'] }),
    f('general', 'timeZone', { type: 'select', options: TIME_ZONES }),
    f('general', 'idleLockMinutes', { type: 'int', min: 1, max: IDLE_LOCK_MAX_MINUTES }),
    f('general', 'trainingMode', { type: 'bool' }),
  ],
  shop: [
    f('shop', 'name', { type: 'text' }),
    f('shop', 'address', { type: 'text' }),
    f('shop', 'merchantId', { type: 'text' }),
    f('shop', 'terminalId', { type: 'text' }),
    f('shop', 'receiptFooter', { type: 'text' }),
  ],
  signature: [
    f('signature', 'rule', { type: 'select', options: ['always', 'above', 'never'] }),
    f('signature', 'aboveAmountFen', { type: 'fen' }),
    f('signature', 'forced', { type: 'bool' }),
    f('signature', 'reminderMinutes', { type: 'int', min: 1, max: 1440 }),
  ],
  printer: [
    f('printer', 'transport', { type: 'select', options: ['virtual', 'tcp', 'usb', 'serial'] }),
    f('printer', 'host', { type: 'text' }),
    f('printer', 'port', { type: 'int', min: 1, max: 65535 }),
    f('printer', 'usbVendorId', { type: 'hex16' }),
    f('printer', 'usbProductId', { type: 'hex16' }),
    f('printer', 'serialPath', { type: 'text' }),
    f('printer', 'baudRate', { type: 'select', options: [9600, 19200, 38400, 57600, 115200] }),
    f('printer', 'paperWidth', { type: 'select', options: [58, 80] }),
    f('printer', 'dotsPerLine', { type: 'select', options: [384, 512, 576] }),
    f('printer', 'chinese', { type: 'select', options: ['native', 'raster'] }),
    f('printer', 'cut', { type: 'bool' }),
    f('printer', 'drawerPulse', { type: 'bool' }),
    f('printer', 'merchantCopy', { type: 'bool' }),
    f('printer', 'customerCopy', { type: 'bool' }),
  ],
  acquirer: [
    f('acquirer', 'kind', { type: 'select', options: ['simulated', 'iso8583'] }),
    f('acquirer', 'host', { type: 'text' }),
    f('acquirer', 'port', { type: 'int', min: 1, max: 65535 }),
    f('acquirer', 'tpdu', { type: 'text' }),
    f('acquirer', 'header', { type: 'text' }),
    f('acquirer', 'connectTimeoutMs', { type: 'int', min: 500, max: 60000 }),
    f('acquirer', 'responseTimeoutMs', { type: 'int', min: 1000, max: 120000 }),
  ],
  offline: [
    f('offline', 'enabled', { type: 'bool' }),
    f('offline', 'maxAmountFen', { type: 'fen' }),
    f('offline', 'maxCount', { type: 'int', min: 0, max: 1000 }),
    f('offline', 'maxTotalFen', { type: 'fen' }),
    f('offline', 'maxAgeHours', { type: 'int', min: 1, max: 168 }),
    f('offline', 'allowSwiped', { type: 'bool' }),
  ],
  cases: [
    ...CASE_TYPES.map((type) => f('cases', dueDaysKey(type) as keyof Settings['cases'], { type: 'int', min: 1, max: 180 })),
    f('cases', 'slipLanguage', { type: 'select', options: ['bilingual', 'zh-CN', 'en'] }),
  ],
};
