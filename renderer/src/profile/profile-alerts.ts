import { selectDocumentPath, useDocumentStore } from '../state/document-store';
import { selectSelectedNode, useUiStore } from '../state/ui-store';
import { alertCount } from './profile-model';
import { profileKey, useNodeProfile } from './profile-store';

/** Alerts in the selected node's profile, for the count on the Profile tab. */
export function useSelectedProfileAlerts(): number {
  const selected = useUiStore(selectSelectedNode);
  const path = useDocumentStore(selectDocumentPath);
  const entry = useNodeProfile(selected ? profileKey(path, selected) : null);
  return alertCount(entry?.profile ?? null);
}
