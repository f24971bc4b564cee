import { toErrorBody, type ApiErrorBody } from '../../../common/contract/envelope';
import { useSessionStore } from '../state/session-store';

/** Writes a line to the log tab; errors from the host keep their code. */
export function logInfo(message: string): void {
  useSessionStore.getState().appendLog('info', message);
}

export function logWarning(message: string): void {
  useSessionStore.getState().appendLog('warn', message);
}

export function logError(context: string, error: unknown): ApiErrorBody {
  const body = toErrorBody(error);
  useSessionStore.getState().appendLog('error', `${context}: ${body.message}`);
  return body;
}
