import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { explainResponse } from '../../../../shared/domain/host-responses';
import { formatRmb } from '../../../../shared/domain/money';
import type { ShopTime } from '../../app/useShopTime';
import type { SaleRecord } from '../../data/records';

const DASH = '—';

/** A sale's fields in words: brand, entry and channel translated, the response code explained, the two references named apart. */
export const SaleFields = ({ sale, original, time, operatorName }: { sale: SaleRecord; original: SaleRecord | null | undefined; time: ShopTime; operatorName: (id: string) => string }) => {
  const { t, i18n } = useTranslation('transactions');
  const { t: tr } = useTranslation('cardReader');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const code = sale.responseCode ? `${sale.responseCode} · ${explainResponse(sale.responseCode).explanation[lang]}` : DASH;
  const channel =
    sale.state === 'offline-accepted'
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
