import { useMemo } from 'react';
import type { Profile } from '../../../common/profile/profile-schema';
import { suggestChecks, type CheckSuggestion } from '../../../common/profile/suggest-checks';
import { logInfo } from '../actions/notices';
import { selectPipeline, useDocumentStore } from '../state/document-store';
import { typeLabel } from '../state/node-kinds';
import { checkPosition, existingChecks } from './profile-model';

/** Appends a suggested check node right of the profiled node, so it shows on the canvas. */
export function addSuggestedCheck(profiled: string, suggestion: CheckSuggestion): void {
  const { pipeline, addNodes } = useDocumentStore.getState();
  if (!pipeline) return;
  addNodes([suggestion.node], { [suggestion.node.name]: checkPosition(pipeline, profiled) });
  logInfo(`added ${suggestion.node.name} (${typeLabel(suggestion.node.type)}) after ${profiled}`);
}

function describe(suggestion: CheckSuggestion): string {
  const node = suggestion.node as CheckSuggestion['node'] & { columns?: string[]; column?: string; values?: unknown[]; min?: number; max?: number };
  if (node.type === 'check.row_count') return `between ${node.min?.toLocaleString('en-US')} and ${node.max?.toLocaleString('en-US')} rows`;
  if (node.type === 'check.accepted_values') return `${node.column} in (${(node.values ?? []).slice(0, 8).map(String).join(', ')}${(node.values?.length ?? 0) > 8 ? ', …' : ''})`;
  if (node.columns) return node.columns.length > 6 ? `${node.columns.slice(0, 6).join(', ')} and ${node.columns.length - 6} more` : node.columns.join(', ');
  return '';
}

/** The checks the profile suggests, each added with one click. */
export function ChecksView({ node, profile }: { node: string; profile: Profile }) {
  const pipeline = useDocumentStore(selectPipeline);
  const suggestions = useMemo(
    () => (pipeline && profile.stage !== 'metadata' ? suggestChecks(profile, { input: node, takenNames: pipeline.nodes.map((n) => n.name) }) : []),
    [pipeline, profile, node],
  );
  const existing = useMemo(() => (pipeline ? existingChecks(suggestions, pipeline) : new Map<string, string>()), [pipeline, suggestions]);
  if (profile.stage === 'metadata') return <div className="pane-message">Checks are suggested once the sample is profiled…</div>;
  if (suggestions.length === 0) return <div className="pane-message">The profile suggests no checks for {node}.</div>;
  return (
    <ul className="check-suggestions" data-testid="profile-checks">
      {suggestions.map((suggestion) => {
        const added = existing.get(suggestion.id);
        return (
          <li key={suggestion.id} className="check-suggestion" data-testid="check-suggestion" data-id={suggestion.id}>
            <div className="check-suggestion__text">
              <span className="check-suggestion__title">
                {typeLabel(suggestion.node.type)} <span className="check-suggestion__detail">{describe(suggestion)}</span>
              </span>
              <span className="check-suggestion__reason">
                {suggestion.reason}
                {suggestion.confidence === 'approximate' && <span className="approx-tag" title="The numbers behind this suggestion are approximate (a sample or an estimate); the check itself is exact.">approximate</span>}
              </span>
            </div>
            {added ? (
              <span className="check-suggestion__added" data-testid="check-added">
                added as {added}
              </span>
            ) : (
              <button type="button" className="button" data-testid="add-check" onClick={() => addSuggestedCheck(node, suggestion)} title={`Add ${suggestion.node.name} to the pipeline`}>
                Add
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
