import type { LinkSnapshot } from '../../services/link-state';
import { useServices, useServiceSnapshot } from '../session/ServicesContext';

/** The acquirer link as main's monitor sees it; `online: null` until the first check. */
export const useLinkStatus = (): LinkSnapshot => useServiceSnapshot(useServices().link);
