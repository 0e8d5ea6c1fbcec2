import { useCallback, useEffect, useRef, useState } from 'react';
import type { CardSummary } from '../../../../shared/ipc/commands/card-reader';
import { signatureRequired, unsignedFinish } from '../../../../shared/domain/sale/signature-rule';
import type { Settings } from '../../../../shared/domain/settings';
import { api } from '../../api/client';
import { getDb } from '../../data/db';
import type { SaleRecord, SignaturePoint } from '../../data/records';
import { updateSale } from '../../data/sales-repo';
import { addSignature } from '../../data/signatures-repo';
import type { SessionActions } from '../../app/SessionContext';
import type { ActionFailure } from '../../services/operator-session';
import { markCardSummary } from './counter-timing';
import { attachCard, authorizeSale, beginSale, cancelSale, preflightSale, prepareToSend } from '../sale/sale-flow';
import { resolveUnresolved } from '../sale/sale-settle';
import type { AuthorizeResult, FlowDeps, Preflight } from '../sale/sale-flow';
import type { Resolution } from '../sale/sale-settle';
import { signatureFields } from '../sale/signed-fields';
import { signatureDigest } from '../../../../shared/domain/sale/digest';

/** Below about 0.1 s a wait feels instant; only a longer one is worth an "authorizing" message. */
const AUTHORIZING_SHOWN_AFTER_MS = 100;

export type CounterStep =
  | { kind: 'amount' }
  | { kind: 'card'; sale: SaleRecord }
  | { kind: 'duplicate'; sale: SaleRecord; card: CardSummary; earlier: SaleRecord }
  | { kind: 'authorizing'; sale: SaleRecord; card: CardSummary }
  | { kind: 'result'; result: AuthorizeResult; card: CardSummary | null }
  | { kind: 'signature'; sale: SaleRecord; card: CardSummary }
  | { kind: 'confirm-signature'; sale: SaleRecord; card: CardSummary; strokes: SignaturePoint[][]; png: string }
  | { kind: 'unsigned'; sale: SaleRecord; card: CardSummary; mode: 'allowed' | 'manager-exemption' }
  | { kind: 'done'; sale: SaleRecord };

/**
 * The counter's workflow: amount → card → (duplicate check) → authorization → signature →
 * confirm → done. One step at a time; a `busy` latch makes double clicks and double Enter
 * harmless. Each step writes the sale before the next one starts (see sale-flow.ts).
 */
export const useCounter = (operatorId: string, settings: Settings, linkOnline: boolean, onFinished: (sale: SaleRecord) => void, approve: SessionActions['approveAsManager']) => {
  const [step, setStep] = useState<CounterStep>({ kind: 'amount' });
  const [resolutions, setResolutions] = useState<Resolution[]>([]);
  const busy = useRef(false);
  const stepRef = useRef(step);
  useEffect(() => {
    stepRef.current = step;
  }, [step]);
  const settingsRef = useRef(settings);
  useEffect(() => {
    settingsRef.current = settings;
  }, [settings]);

  const deps = useCallback((): FlowDeps => ({ db: getDb(), api, operatorId, settings: () => settingsRef.current }), [operatorId]);

  const latch = useCallback(async (fn: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    try {
      await fn();
    } finally {
      busy.current = false;
    }
  }, []);

  /** Checks made for a sale while the customer finds the card (see `preflightSale`). */
  const early = useRef<{ saleId: string; linkOnline: boolean; checks: Promise<Preflight | null> } | null>(null);

  const start = useCallback(
    (amountFen: number, reference: string, note: string) =>
      latch(async () => {
        if (stepRef.current.kind !== 'amount' || amountFen <= 0) return;
        const sale = await beginSale(deps(), { kind: 'sale', amountFen, reference, note, originalSaleId: null });
        early.current = { saleId: sale.id, linkOnline, checks: prepareToSend(deps(), sale, linkOnline).catch(() => null) };
        setStep({ kind: 'card', sale });
      }),
    [deps, latch, linkOnline],
  );

  const authorize = useCallback(
    async (sale: SaleRecord, card: CardSummary, preflight?: Preflight) => {
      // "Authorizing…" appears only if the answer takes longer than the blink of an eye: drawing it
      // at once would put a render on the path between the swipe and a quick host's answer. The
      // busy latch already ignores the card step's buttons meanwhile.
      const waiting = setTimeout(() => setStep({ kind: 'authorizing', sale, card }), AUTHORIZING_SHOWN_AFTER_MS);
      const signatureNotRequired = !signatureRequired(settingsRef.current.signature, sale.amountFen);
      let result: AuthorizeResult;
      try {
        result = await authorizeSale(deps(), sale, card.cardRef, linkOnline, { card, signatureNotRequired, ...(preflight ? { preflight } : {}) });
      } finally {
        clearTimeout(waiting);
      }
      setStep({ kind: 'result', result, card });
      if ((result.kind === 'approved' || result.kind === 'offline') && result.sale.signatureState === 'not-required') onFinished(result.sale);
    },
    [deps, linkOnline, onFinished],
  );

  const onCard = useCallback(
    (card: CardSummary) =>
      latch(async () => {
        const current = stepRef.current;
        if (current.kind !== 'card') return;
        markCardSummary();
        const made = early.current;
        early.current = null;
        // Made for this sale with the link as it is now, or made again.
        const ready = made && made.saleId === current.sale.id && made.linkOnline === linkOnline ? await made.checks : null;
        const { earlier, preflight } = await preflightSale(deps(), current.sale, card, linkOnline, ready);
        if (earlier) {
          // Written now, so a sale left at the prompt still records which card was read; the
          // checks are made again if the cashier goes ahead, since time has passed.
          const sale = await attachCard(deps(), current.sale, card);
          setStep({ kind: 'duplicate', sale, card, earlier });
          return;
        }
        await authorize(current.sale, card, preflight);
      }),
    [deps, latch, authorize, linkOnline],
  );

  const confirmDuplicate = useCallback(
    (proceed: boolean) =>
      latch(async () => {
        const current = stepRef.current;
        if (current.kind !== 'duplicate') return;
        if (!proceed) {
          await cancelSale(deps(), current.sale, 'duplicate-declined');
          setStep({ kind: 'amount' });
          return;
        }
        await authorize(current.sale, current.card);
      }),
    [deps, latch, authorize],
  );

  const cancel = useCallback(
    () =>
      latch(async () => {
        const current = stepRef.current;
        if (current.kind === 'card' || current.kind === 'duplicate') await cancelSale(deps(), current.sale, 'cashier-cancelled');
        setStep({ kind: 'amount' });
      }),
    [deps, latch],
  );

  /** From the result screen: approved or offline sales go on to the signature. */
  const proceedAfterResult = useCallback(() => {
    const current = stepRef.current;
    if (current.kind !== 'result') return;
    const { result, card } = current;
    const charged = result.kind === 'approved' || result.kind === 'offline';
    if (charged && card && result.sale.signatureState === 'pending') setStep({ kind: 'signature', sale: result.sale, card });
    else if (charged) setStep({ kind: 'done', sale: result.sale });
    else setStep({ kind: 'amount' });
  }, []);

  const signed = useCallback((strokes: SignaturePoint[][], png: string) => {
    const current = stepRef.current;
    if (current.kind === 'signature') setStep({ kind: 'confirm-signature', sale: current.sale, card: current.card, strokes, png });
  }, []);

  const redo = useCallback(() => {
    const current = stepRef.current;
    if (current.kind === 'confirm-signature' || current.kind === 'unsigned') setStep({ kind: 'signature', sale: current.sale, card: current.card });
  }, []);

  const confirmSignature = useCallback(
    () =>
      latch(async () => {
        const current = stepRef.current;
        if (current.kind !== 'confirm-signature') return;
        const digest = signatureDigest(signatureFields(current.sale, settingsRef.current), current.strokes);
        await addSignature(
          getDb(),
          { saleId: current.sale.id, kind: 'original', operatorId, strokes: current.strokes, image: current.png, reason: '', contactAttempts: '', approvedBy: null, digest },
          'signed',
          'sale.signed',
        );
        const sale = (await getDb().sales.get(current.sale.id)) ?? current.sale;
        setStep({ kind: 'done', sale });
        onFinished(sale);
      }),
    [latch, operatorId, onFinished],
  );

  const declineSignature = useCallback(() => {
    const current = stepRef.current;
    if (current.kind === 'signature' || current.kind === 'confirm-signature') {
      setStep({ kind: 'unsigned', sale: current.sale, card: current.card, mode: unsignedFinish(settingsRef.current.signature) });
    }
  }, []);

  /** Finishes unsigned: freely, or with a named manager's PIN and reason when forced signature is on (main grants and records it). */
  const finishUnsigned = useCallback(
    (exemption: { managerId: string; pin: string; reason: string } | null): Promise<'ok' | 'reason-required' | ActionFailure> =>
      new Promise((resolve) => {
        void latch(async () => {
          const current = stepRef.current;
          if (current.kind !== 'unsigned') return resolve('ok');
          const db = getDb();
          if (current.mode === 'manager-exemption') {
            if (!exemption || !exemption.reason.trim()) return resolve('reason-required');
            const approval = await approve(exemption.managerId, exemption.pin, 'exemption', current.sale.id);
            if (!approval.ok) return resolve(approval);
            const recorded = await api.invoke('sale:exempt-signature', { grantId: approval.grantId, saleId: current.sale.id, reason: exemption.reason.trim() });
            if (!recorded.ok) return resolve({ reason: recorded.error.reason ?? recorded.error.code, retryAfterMs: null });
            await addSignature(
              db,
              { saleId: current.sale.id, kind: 'exemption', operatorId, strokes: [], image: null, reason: exemption.reason.trim(), contactAttempts: '', approvedBy: approval.manager.id, digest: null },
              'waived',
              'sale.signature-exempted',
            );
          } else {
            await updateSale(db, current.sale.id, { signatureState: 'unsigned' }, { actor: operatorId, action: 'sale.unsigned' });
          }
          const sale = (await db.sales.get(current.sale.id)) ?? current.sale;
          setStep({ kind: 'done', sale });
          onFinished(sale);
          resolve('ok');
        });
      }),
    [latch, operatorId, onFinished, approve],
  );

  const reset = useCallback(() => setStep({ kind: 'amount' }), []);

  /**
   * On entering the counter (and so at start), and again whenever the link goes or comes back, settle
   * any sale left without an answer and tell the cashier what became of it.
   */
  useEffect(() => {
    let live = true;
    void resolveUnresolved(deps()).then((r) => {
      if (live && r.length > 0) setResolutions(r);
    });
    return () => {
      live = false;
    };
  }, [deps, linkOnline]);

  return { step, start, onCard, confirmDuplicate, cancel, proceedAfterResult, signed, redo, confirmSignature, declineSignature, finishUnsigned, reset, resolutions, dismissResolutions: () => setResolutions([]) };
};
