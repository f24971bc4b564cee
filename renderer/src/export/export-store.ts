import { create } from 'zustand';
import type { ExportTarget } from '../../../common/contract/api';

/** What the dialog opens with; callers such as a node's "export from here" pass more later. */
export interface ExportDialogRequest {
  target?: ExportTarget;
}

/** Whether the Export dialog is open: window state, never saved or undone. */
interface ExportDialogState {
  request: ExportDialogRequest | null;
  open(request?: ExportDialogRequest): void;
  close(): void;
}

export const useExportDialogStore = create<ExportDialogState>()((set) => ({
  request: null,
  open: (request = {}) => set({ request }),
  close: () => set({ request: null }),
}));

export const selectExportRequest = (state: ExportDialogState) => state.request;

export function openExportDialog(request?: ExportDialogRequest): void {
  useExportDialogStore.getState().open(request);
}
