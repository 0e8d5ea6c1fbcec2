import { useCallback } from 'react';
import type { Settings } from '../../../../shared/domain/settings';
import { getDb } from '../../data/db';
import type { SaleRecord, SignaturePoint } from '../../data/records';
import { captureSupplementary, recordPaperSignature, registerException } from './follow-up';

export const useFollowUp = (sale: SaleRecord, settings: Settings, operatorId: string) => ({
  capture: useCallback((strokes: SignaturePoint[][], png: string) => captureSupplementary(getDb(), sale, settings, operatorId, strokes, png), [sale, settings, operatorId]),
  paper: useCallback(
    async (file: File, note: string) => recordPaperSignature(getDb(), sale, operatorId, { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }, note),
    [sale, operatorId],
  ),
  exception: useCallback((reason: string, contacts: string, notes: string) => registerException(getDb(), sale, operatorId, reason, contacts, notes), [sale, operatorId]),
});
