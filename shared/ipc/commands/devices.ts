import { z } from 'zod';
import { command } from '../spec';

export const DeviceKind = z.enum(['card-reader', 'printer']);
export const DeviceStatus = z.enum(['ready', 'busy', 'offline', 'error', 'attention']);

export const DeviceInfo = z.object({
  id: z.string(),
  kind: DeviceKind,
  name: z.string(),
  /** Technology: 'hid', 'keyboard', 'virtual', 'tcp', 'usb', 'serial'. */
  transport: z.string(),
  vendorId: z.number().int().nullable(),
  productId: z.number().int().nullable(),
  status: DeviceStatus,
  /** Machine-readable detail the renderer translates (e.g. 'paper-end'). */
  detail: z.string().nullable(),
  virtual: z.boolean(),
  lastEventAt: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

export const DeviceList = z.object({ devices: z.array(DeviceInfo) });
export type DeviceList = z.infer<typeof DeviceList>;

export const devicesCommands = {
  /** Every card reader and printer the host knows, virtual ones included. */
  'devices:list': command(z.object({}).strict(), DeviceList),
};

export const devicesEvents = {
  /** Pushed on attach, detach and status change, with the full list. */
  'devices:changed': DeviceList,
};
