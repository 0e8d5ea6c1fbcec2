import type { DeviceInfo } from '../../shared/ipc/commands/devices';
import type { EventBus } from './event-bus';

/**
 * The host's list of card readers and printers. Device adapters `upsert` and `remove`
 * their entries; every change pushes `devices:changed` with the whole list.
 */
export class DeviceRegistry {
  private readonly devices = new Map<string, DeviceInfo>();

  constructor(private readonly events: EventBus) {}

  list(): DeviceInfo[] {
    return [...this.devices.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  }

  get(id: string): DeviceInfo | undefined {
    return this.devices.get(id);
  }

  upsert(device: DeviceInfo): void {
    const before = this.devices.get(device.id);
    if (before && JSON.stringify(before) === JSON.stringify(device)) return;
    this.devices.set(device.id, device);
    this.events.emit('devices:changed', { devices: this.list() });
  }

  update(id: string, change: Partial<Omit<DeviceInfo, 'id'>>): void {
    const before = this.devices.get(id);
    if (before) this.upsert({ ...before, ...change });
  }

  remove(id: string): void {
    if (this.devices.delete(id)) this.events.emit('devices:changed', { devices: this.list() });
  }
}
