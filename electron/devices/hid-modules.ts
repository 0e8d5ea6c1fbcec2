/**
 * The slices of node-hid and usb that the HID card reader uses, so tests can pass fakes and the
 * adapter can run (as "no HID") where a native binary fails to load.
 */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  product?: string | undefined;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
  interface?: number | undefined;
}

export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): void;
}

export interface HidModule {
  devices(): HidDeviceInfo[];
  devicesAsync?: () => Promise<HidDeviceInfo[]>;
  HID: new (path: string, options?: { nonExclusive?: boolean }) => HidHandle;
}

export interface UsbDeviceLike {
  deviceDescriptor?: { idVendor?: number; idProduct?: number };
}

export interface UsbHotplugModule {
  on(event: 'attach' | 'detach', listener: (device: UsbDeviceLike) => void): void;
  removeListener(event: 'attach' | 'detach', listener: (device: UsbDeviceLike) => void): void;
  /** Lets the process exit while listening (usb >= 2). */
  unrefHotplugEvents?: () => void;
}

/** Loads node-hid's prebuilt binary. Rejects when it cannot load (the adapter then reports HID off). */
export const loadNodeHid = async (): Promise<HidModule> => {
  const mod = await import('node-hid');
  const api = (mod.default ?? mod) as unknown as HidModule;
  if (typeof api.devices !== 'function' || typeof api.HID !== 'function') throw new Error('node-hid has no devices()/HID');
  return api;
};

/**
 * The usb package's hotplug events, or null: it is optional (its binary may be missing) and
 * the adapter then polls HID enumeration instead.
 */
export const loadUsbHotplug = async (): Promise<UsbHotplugModule | null> => {
  try {
    const mod = await import('usb');
    const usb = (mod.usb ?? (mod as unknown as { default?: { usb?: unknown } }).default?.usb) as UsbHotplugModule | undefined;
    return usb && typeof usb.on === 'function' && typeof usb.removeListener === 'function' ? usb : null;
  } catch {
    return null;
  }
};
