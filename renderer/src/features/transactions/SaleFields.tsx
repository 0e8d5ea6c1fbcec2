import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TRAINING_LINK } from '../../../../shared/domain/link-id';
import { formatRmb } from '../../../../shared/domain/money';
import { explainResponse } from '../../../../shared/domain/response-codes';
import { QUEUED } from '../../../../shared/domain/sale/sale-state';
import type { ShopTime } from '../session/useShopTime';
import type { SaleRecord } from '../../data/records';

const DASH = '—';

/** A sale's fields in words: brand, entry and channel translated, the response code explained, the two references named apart. */
export const SaleFields = ({ sale, original, time, operatorName }: { sale: SaleRecord; original: SaleRecord | null | undefined; time: ShopTime; operatorName: (id: string) => string }) => {
  const { t, i18n } = useTranslation('transactions');
  const { t: tr } = useTranslation('cardReader');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const explained = (c: string): string => `${c} · ${explainResponse(c).explanation[lang]}`;
  const code = sale.responseCode ? explained(sale.responseCode) : DASH;
  const link = sale.linkId === null ? DASH : sale.linkId === TRAINING_LINK ? t('detail.link.training') : t('detail.link.live', { host: sale.linkId.replace(/^iso8583:/, '') });
  const channel =
    QUEUED.includes(sale.state)
      ? t('detail.channel.offline')
      : sale.channel === 'offline' && sale.forwardedAt
        ? t('detail.channel.forwarded', { time: time.dateTime(sale.forwardedAt) })
        : sale.channel === 'online'
          ? t('detail.channel.online')
          : t('detail.channel.none');
  const fields: Array<[string, string]> = [
    ['time', time.dateTime(sale.createdAt)],
    ['kind', t(`kind.${sale.kind}`)],
    ['amount', formatRmb(sale.amountFen)],
    ...(original ? [['original', t('detail.originalSale', { amount: formatRmb(original.amountFen), time: time.dateTime(original.createdAt), stan: original.stan ?? DASH, rrn: original.rrn ?? DASH })] as [string, string]] : []),
    ['card', sale.card?.maskedPan ?? DASH],
    ['brand', sale.card ? tr(`brand.${sale.card.brand}`) : DASH],
    ['entry', sale.card ? tr(`result.entry.${sale.card.entryMode}`) : DASH],
    ['auth', sale.authCode ?? DASH],
    ['rrn', sale.rrn ?? DASH],
    ['stan', sale.stan ?? DASH],
    ['batch', sale.batch ?? DASH],
    ['code', code],
    ...(sale.reversalCode ? [['reversal', explained(sale.reversalCode)] as [string, string]] : []),
    ['link', link],
    ['channel', channel],
    ['operator', operatorName(sale.operatorId)],
    ['reference', sale.reference || DASH],
    ['note', sale.note || DASH],
    ['id', sale.id],
  ];
  return (
    <Table size="small" data-testid="sale-fields">
      <TableBody>
        {fields.map(([key, value]) => (
          <TableRow key={key} data-testid={`sale-field-${key}`}>
            <TableCell component="th" sx={{ fontWeight: 600, width: 190 }}>
              {t(`detail.fields.${key}`)}
            </TableCell>
            <TableCell sx={{ wordBreak: key === 'id' ? 'break-all' : 'normal', fontFamily: key === 'id' ? 'monospace' : undefined }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
