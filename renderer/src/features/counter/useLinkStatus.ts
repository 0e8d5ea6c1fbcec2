import { useEffect, useState } from 'react';
import { api } from '../../api/client';

export interface LinkStatus {
  online: boolean | null;
  kind: string;
}

/** The acquirer link as main's monitor sees it; `online: null` until the first check. */
export const useLinkStatus = (): LinkStatus => {
  const [status, setStatus] = useState<LinkStatus>({ online: null, kind: '' });
  useEffect(() => {
    let live = true;
    void api.invoke('acquirer:status', {}).then((e) => {
      if (live && e.ok) setStatus({ online: e.value.online, kind: e.value.kind });
    });
    const off = api.on('acquirer:link-changed', (p) => setStatus({ online: p.online, kind: p.kind }));
    return () => {
      live = false;
      off();
    };
  }, []);
  return status;
};
