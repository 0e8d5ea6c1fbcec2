import type { CommandName, CountersignApi, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { CommandError } from '../../../shared/ipc/envelope';
import { connectBridge } from './bridge';

/** The one place the renderer reaches main. Hooks and workflows import `api` from here. */
export const api: CountersignApi = connectBridge();

/** Invoke and unwrap: resolves with the value or throws a CommandError carrying code and reason. */
export const call = async <K extends CommandName>(command: K, request: RequestOf<K>): Promise<ResponseOf<K>> => {
  const envelope = await api.invoke(command, request);
  if (envelope.ok) return envelope.value;
  throw new CommandError(envelope.error.code, envelope.error.message, envelope.error.reason);
};
