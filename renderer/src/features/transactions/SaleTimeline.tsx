import { List, ListItem, ListItemText, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ShopTime } from '../session/useShopTime';
import { actionName } from '../audit/action-names';
import type { TimelineItem } from './timeline';

const TimelineText = ({ item }: { item: TimelineItem }) => {
  const { t } = useTranslation('transactions');
  const { t: ts } = useTranslation('sale');
  const { t: ta } = useTranslation('audit');
  if (item.kind === 'audit') {
    const name = actionName(ta, item.entry.action);
    return <>{item.entry.result === 'fail' ? `${name} · ${t('detail.failed')}` : name}</>;
  }
  if (item.kind === 'print') {
    const j = item.job;
    return <>{t('detail.printEvent', { copy: ts(`copy.${j.copy}`), reprint: j.reprint > 0 ? ` · ${ts('reprintN', { n: j.reprint })}` : '', state: ts(`printState.${j.state}`) })}</>;
  }
  return <>{t(`detail.signatureEvent.${item.signature.kind}`, { reason: item.signature.reason })}</>;
};

/** Everything that happened to the sale, in order, in words (audit steps, print jobs, signatures). */
export const SaleTimeline = ({ items, time }: { items: TimelineItem[]; time: ShopTime }) => {
  const { t } = useTranslation('transactions');
  return (
    <>
      <Typography variant="h6" component="h3">
        {t('detail.timeline')}
      </Typography>
      <List dense data-testid="sale-timeline">
        {items.map((item) => (
          <ListItem key={item.key} disableGutters data-testid="timeline-item" data-kind={item.kind} data-action={item.kind === 'audit' ? item.entry.action : undefined}>
            <ListItemText primary={<TimelineText item={item} />} secondary={time.dateTime(item.at)} />
          </ListItem>
        ))}
      </List>
    </>
  );
};
