import { create } from 'zustand';
import type { ExportTarget } from '../../../common/contract/api';

/** What the dialog opens with. */
export interface ExportDialogRequest {
  target?: ExportTarget;
  /** Export only this node and what it reads (the canvas menu's "Export up to here"). */
  node?: string;
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
