import { Button, Chip, List, ListItem, ListItemText, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Checklist, ChecklistItem } from '../../../../shared/domain/cases/checklists';

/**
 * The live evidence checklist: each item's level and whether the records satisfy it; an unsatisfied
 * item offers the action that gets it (the case screen runs it).
 */
export const CaseChecklist = ({ checklist, onAction }: { checklist: Checklist; onAction: (item: ChecklistItem) => void }) => {
  const { t } = useTranslation('cases');
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="case-checklist" data-complete={checklist.complete} data-missing={checklist.missing}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h3" sx={{ flex: 1 }}>
          {t('detail.checklist')}
        </Typography>
        <Chip color={checklist.complete ? 'success' : 'warning'} label={checklist.complete ? t('complete') : t('missing', { count: checklist.missing })} />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {t('detail.checklistHint')}
      </Typography>
      <List dense>
        {checklist.items.map((i) => (
          <ListItem key={i.item} data-testid={`check-${i.item}`} data-satisfied={i.satisfied} data-level={i.level} sx={{ gap: 1 }}>
            <Chip size="small" label={i.satisfied ? t('detail.satisfied') : t('detail.notSatisfied')} color={i.satisfied ? 'success' : i.level === 'optional' ? 'default' : 'warning'} sx={{ minWidth: 72 }} />
            <ListItemText primary={t(`item.${i.item}`)} secondary={t(`detail.level.${i.level}`)} />
            {!i.satisfied && i.action !== 'none' ? (
              <Button size="small" variant="outlined" onClick={() => onAction(i)} data-testid={`check-action-${i.item}`}>
                {t(`todo.${i.action}`)}
              </Button>
            ) : null}
          </ListItem>
        ))}
      </List>
    </Paper>
  );
};
