import { z } from 'zod';
import { DEFAULT_DUE_DAYS } from './cases/case-types';
import { DEFAULT_TIME_ZONE, TIME_ZONES } from './time-zone';

/**
 * Machine settings, owned by the host (main) because it acts on them before any window
 * exists: which printer and acquirer to talk to, training mode, offline limits.
 * Every field has a default so an older settings file gains new fields on load.
 * Money is integer fen.
 */
export const Language = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof Language>;

const fen = z.number().int().nonnegative();

/** RULES 6 / PCI DSS 8.2.8: a console left alone locks within 15 minutes; main enforces it. */
export const IDLE_LOCK_MAX_MINUTES = 15;

export const GeneralSettings = z.object({
  language: Language.default('zh-CN'),
  idleLockMinutes: z.number().int().min(1).max(IDLE_LOCK_MAX_MINUTES).default(IDLE_LOCK_MAX_MINUTES),
  trainingMode: z.boolean().default(true),
  /** The shop's zone: slips and screens show times in it, whatever zone the PC is set to. */
  timeZone: z.enum(TIME_ZONES).default(DEFAULT_TIME_ZONE),
});

export const ShopSettings = z.object({
  name: z.string().max(64).default('示例商店 Sample Shop'),
  address: z.string().max(128).default(''),
  merchantId: z.string().regex(/^[0-9A-Za-z]{0,15}$/).default('898100000000001'),
  terminalId: z.string().regex(/^[0-9A-Za-z]{0,8}$/).default('10000001'),
  receiptFooter: z.string().max(200).default(''),
});

export const PrinterSettings = z.object({
  transport: z.enum(['virtual', 'tcp', 'usb', 'serial']).default('virtual'),
  host: z.string().max(255).default('127.0.0.1'),
  port: z.number().int().min(1).max(65535).default(9100),
  usbVendorId: z.number().int().min(0).max(0xffff).nullable().default(null),
  usbProductId: z.number().int().min(0).max(0xffff).nullable().default(null),
  serialPath: z.string().max(255).default(''),
  baudRate: z.number().int().positive().default(9600),
  paperWidth: z.union([z.literal(58), z.literal(80)]).default(80),
  /** Dots per line: 576 on most 80 mm printers at 203 dpi, 512 on Epson TM-T88 at 180 dpi. */
  dotsPerLine: z.number().int().min(256).max(832).default(576),
  chinese: z.enum(['native', 'raster']).default('native'),
  cut: z.boolean().default(true),
  drawerPulse: z.boolean().default(false),
  merchantCopy: z.boolean().default(true),
  customerCopy: z.boolean().default(true),
});

export const AcquirerSettings = z.object({
  kind: z.enum(['simulated', 'iso8583']).default('simulated'),
  host: z.string().max(255).default('127.0.0.1'),
  port: z.number().int().min(1).max(65535).default(5800),
  tpdu: z.string().regex(/^[0-9A-Fa-f]{10}$/).default('6000030000'),
  header: z.string().regex(/^([0-9A-Fa-f]{2})*$/).max(64).default('603100000000'),
  connectTimeoutMs: z.number().int().min(500).max(60_000).default(5_000),
  responseTimeoutMs: z.number().int().min(1_000).max(120_000).default(30_000),
  simulatedLatencyMs: z.number().int().min(0).max(60_000).default(300),
  simulatedOutage: z.boolean().default(false),
});

export const OfflineSettings = z.object({
  enabled: z.boolean().default(false),
  maxAmountFen: fen.default(50_000),
  maxCount: z.number().int().min(0).max(1000).default(20),
  maxTotalFen: fen.default(200_000),
  maxAgeHours: z.number().int().min(1).max(168).default(24),
  allowSwiped: z.boolean().default(false),
});

export const SignatureSettings = z.object({
  rule: z.enum(['always', 'above', 'never']).default('always'),
  aboveAmountFen: fen.default(0),
  forced: z.boolean().default(false),
  reminderMinutes: z.number().int().min(1).max(1440).default(30),
});

export const CardReaderSettings = z.object({
  /** Offer the virtual reader's test cards (training mode, or no reader attached). */
  virtualReader: z.boolean().default(true),
});

const dueDays = (days: number) => z.number().int().min(1).max(180).default(days);

/**
 * Dispute cases (issue 15): days to answer per case type, counted from opening (acquirer contracts
 * differ, so each is editable; the keys are `dueDaysKey(type)`), and the language of the explanation
 * slip (说明单) printed for the customer.
 */
export const CaseSettings = z.object({
  failedButChargedDays: dueDays(DEFAULT_DUE_DAYS['failed-but-charged']),
  wrongAmountDays: dueDays(DEFAULT_DUE_DAYS['wrong-amount']),
  duplicateChargeDays: dueDays(DEFAULT_DUE_DAYS['duplicate-charge']),
  refundNotReceivedDays: dueDays(DEFAULT_DUE_DAYS['refund-not-received']),
  notRecognisedDays: dueDays(DEFAULT_DUE_DAYS['not-recognised']),
  cardInfoErrorDays: dueDays(DEFAULT_DUE_DAYS['card-info-error']),
  systemFaultDays: dueDays(DEFAULT_DUE_DAYS['system-fault']),
  retrievalRequestDays: dueDays(DEFAULT_DUE_DAYS['retrieval-request']),
  chargebackDays: dueDays(DEFAULT_DUE_DAYS.chargeback),
  unsignedDays: dueDays(DEFAULT_DUE_DAYS.unsigned),
  otherDays: dueDays(DEFAULT_DUE_DAYS.other),
  slipLanguage: z.enum(['bilingual', 'zh-CN', 'en']).default('bilingual'),
});

export const Settings = z.object({
  general: GeneralSettings.prefault({}),
  shop: ShopSettings.prefault({}),
  printer: PrinterSettings.prefault({}),
  acquirer: AcquirerSettings.prefault({}),
  offline: OfflineSettings.prefault({}),
  signature: SignatureSettings.prefault({}),
  cardReader: CardReaderSettings.prefault({}),
  cases: CaseSettings.prefault({}),
});
export type Settings = z.infer<typeof Settings>;

/**
 * A section's fields, all optional and without their defaults: zod 4 applies a field's default
 * even inside `.partial()`, which would turn `{ general: { language } }` into a patch that also
 * resets training mode and the idle lock. A patch carries exactly the fields it names.
 */
const withoutDefault = (field: z.ZodType): z.ZodType => (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field);
const patchOf = (section: z.ZodObject) =>
  z.object(Object.fromEntries(Object.entries(section.shape as Record<string, z.ZodType>).map(([key, field]) => [key, withoutDefault(field).optional()]))).strict();

export type SettingsPatch = { [S in keyof Settings]?: Partial<Settings[S]> };

/** A change to some fields of some sections. Validated again as a whole after merging. */
export const SettingsPatch: z.ZodType<SettingsPatch> = z
  .object({
    general: patchOf(GeneralSettings),
    shop: patchOf(ShopSettings),
    printer: patchOf(PrinterSettings),
    acquirer: patchOf(AcquirerSettings),
    offline: patchOf(OfflineSettings),
    signature: patchOf(SignatureSettings),
    cardReader: patchOf(CardReaderSettings),
    cases: patchOf(CaseSettings),
  })
  .partial()
  .strict();

export const defaultSettings = (): Settings => Settings.parse({});

/**
 * A settings file written before a limit was tightened: values the schema now refuses are
 * brought within it rather than throwing the whole file away (which would reset the printer,
 * the card host and training mode). Today: an idle lock above 15 minutes becomes 15.
 */
export const upgradeSettingsFile = (raw: unknown): unknown => {
  if (typeof raw !== 'object' || raw === null) return raw;
  const general = (raw as { general?: unknown }).general;
  if (typeof general !== 'object' || general === null) return raw;
  const idle = (general as { idleLockMinutes?: unknown }).idleLockMinutes;
  if (typeof idle !== 'number' || !(idle > IDLE_LOCK_MAX_MINUTES)) return raw;
  return { ...raw, general: { ...general, idleLockMinutes: IDLE_LOCK_MAX_MINUTES } };
};

export const applySettingsPatch = (current: Settings, patch: SettingsPatch): Settings => {
  const next: Record<string, unknown> = { ...current };
  for (const [section, values] of Object.entries(patch)) {
    next[section] = { ...(current[section as keyof Settings] as object), ...(values) };
  }
  return Settings.parse(next);
};

/** Flattens a patch to dotted paths → new values, for the journal ("general.idleLockMinutes": 5). */
export const summarizeSettingsPatch = (patch: Record<string, unknown>, prefix = ''): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, summarizeSettingsPatch(value as Record<string, unknown>, path));
    else out[path] = value;
  }
  return out;
};
