import { useCallback, useEffect, useRef } from 'react';
import { api } from '../../api/client';
import type { SaleRecord, SignaturePoint } from '../../data/records';
import { openCustomerChannel } from './customer-channel';

/** While the signature step is open, the customer window shows the pad and its strokes come back here. */
export const useCustomerSignature = (sale: SaleRecord, onSigned: (strokes: SignaturePoint[][], png: string) => void): void => {
  const signed = useRef(onSigned);
  useEffect(() => {
    signed.current = onSigned;
  }, [onSigned]);
  useEffect(() => {
    const channel = openCustomerChannel((m) => {
      if (m.type === 'signed' && m.saleId === sale.id) signed.current(m.strokes, m.png);
    });
    channel.post({ type: 'request-signature', saleId: sale.id, amountFen: sale.amountFen });
    return () => {
      channel.post({ type: 'idle' });
      channel.close();
    };
  }, [sale.id, sale.amountFen]);
};

/** Shows the amount on the customer window while a sale waits for the card. */
export const useCustomerAmount = (sale: SaleRecord | null): void => {
  useEffect(() => {
    if (!sale) return;
    const channel = openCustomerChannel(() => undefined);
    channel.post({ type: 'show-amount', saleId: sale.id, amountFen: sale.amountFen });
    return () => channel.close();
  }, [sale]);
};

/** Opens the customer window: the desktop host puts it on the second display; a browser opens a tab. */
export const useOpenCustomerWindow = () =>
  useCallback(async () => {
    const e = await api.invoke('app:open-customer-window', {});
    if (e.ok && e.value.opened) return;
    const url = new URL(window.location.href);
    url.searchParams.set('window', 'customer');
    window.open(url.toString(), 'countersign-customer', 'noopener');
  }, []);
