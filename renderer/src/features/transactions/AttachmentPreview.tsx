import { useMemo, useState } from 'react';
import { Box, Button, Dialog, DialogContent, Link, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../about/format-bytes';
import type { AttachmentRecord } from '../../data/records';

/**
 * Points an <img> or <a> at the file through its own blob: URL, revoked when the element goes
 * (a React 19 ref cleanup), so no URL outlives what shows it.
 */
const blobRef = (data: Blob, attribute: 'src' | 'href') => (el: HTMLImageElement | HTMLAnchorElement | null) => {
  if (!el) return undefined;
  const url = URL.createObjectURL(data);
  el.setAttribute(attribute, url);
  return () => URL.revokeObjectURL(url);
};

/** A stored photo or scan: a thumbnail that opens larger; other files can be saved. */
export const AttachmentPreview = ({ file }: { file: AttachmentRecord }) => {
  const { t } = useTranslation('transactions');
  const [open, setOpen] = useState(false);
  // One ref per element and file: a new ref on every render would make a new URL each time.
  const thumbRef = useMemo(() => blobRef(file.data, 'src'), [file.data]);
  const largeRef = useMemo(() => blobRef(file.data, 'src'), [file.data]);
  const linkRef = useMemo(() => blobRef(file.data, 'href'), [file.data]);
  const caption = t('detail.signatures.attachment', { name: file.name, size: formatBytes(file.size) });
  if (!file.mimeType.startsWith('image/')) {
    return (
      <Link ref={linkRef} download={file.name} data-testid="attachment-download">
        {t('detail.signatures.download')}: {caption}
      </Link>
    );
  }
  return (
    <Box data-testid="attachment-preview" data-name={file.name}>
      <Button onClick={() => setOpen(true)} sx={{ p: 0.5, display: 'block' }} aria-label={`${t('detail.signatures.openImage')}: ${file.name}`}>
        <Box component="img" ref={thumbRef} alt={file.name} sx={{ maxWidth: 200, maxHeight: 140, display: 'block', border: 1, borderColor: 'divider', bgcolor: '#fff' }} />
      </Button>
      <Typography variant="caption">{caption}</Typography>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="lg">
        <DialogContent>
          <Box component="img" ref={largeRef} alt={file.name} sx={{ maxWidth: '100%', maxHeight: '80vh', display: 'block' }} data-testid="attachment-large" />
        </DialogContent>
      </Dialog>
    </Box>
  );
};
