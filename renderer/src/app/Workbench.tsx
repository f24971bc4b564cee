import { BottomPanel } from '../bottom/BottomPanel';
import { PipelineCanvas } from '../canvas/PipelineCanvas';
import { FileTree } from '../files/FileTree';
import { NodePanel } from '../panels/NodePanel';
import { useUiStore, type UiState } from '../state/ui-store';
import { EditorTabs } from '../toolbar/EditorTabs';
import { NoPipelineOpen } from './EmptyState';
import { selectDraftChecks, selectKeptTabs, useHotExitStore } from './hot-exit';
import { RestoreBanner } from './RestoreBanner';
import { Splitter } from './Splitter';
import './shell.css';

const selectSidePanelWidth = (state: UiState) => state.sidePanelWidth;
const selectBottomPanelHeight = (state: UiState) => state.bottomPanelHeight;
const selectFileTreeVisible = (state: UiState) => state.fileTreeVisible;
const selectFileTreeWidth = (state: UiState) => state.fileTreeWidth;
const selectBottomPanelVisible = (state: UiState) => state.bottomPanelVisible;

/**
 * The open project, laid out as VS Code's workbench: the file tree on the left,
 * then the editor column (tabs over the canvas, node panel and bottom panel).
 */
export function Workbench({ hasPipeline, generation, onCanvasReady }: { hasPipeline: boolean; generation: number; onCanvasReady: () => void }) {
  const fileTreeVisible = useUiStore(selectFileTreeVisible);
  const fileTreeWidth = useUiStore(selectFileTreeWidth);
  const draftChecks = useHotExitStore(selectDraftChecks);
  const keptTabs = useHotExitStore(selectKeptTabs);
  return (
    <div className="shell" data-draft-checks={draftChecks} data-kept-tabs={keptTabs?.join(' ')} style={{ gridTemplateColumns: fileTreeVisible ? `${fileTreeWidth}px 4px minmax(0, 1fr)` : 'minmax(0, 1fr)' }}>
      {fileTreeVisible && (
        <>
          <FileTree />
          {/* The splitter measures growth leftwards; negating both ends makes the left bar grow rightwards. */}
          <Splitter direction="vertical" start={() => -useUiStore.getState().fileTreeWidth} onResize={(w) => useUiStore.getState().setFileTreeWidth(-w)} />
        </>
      )}
      <div className="shell__editor">
        <EditorTabs />
        <RestoreBanner />
        {hasPipeline ? <PipelineArea generation={generation} onCanvasReady={onCanvasReady} /> : <NoPipelineOpen />}
      </div>
    </div>
  );
}

function PipelineArea({ generation, onCanvasReady }: { generation: number; onCanvasReady: () => void }) {
  const sideWidth = useUiStore(selectSidePanelWidth);
  const bottomHeight = useUiStore(selectBottomPanelHeight);
  const bottomVisible = useUiStore(selectBottomPanelVisible);
  return (
    <div
      className="workbench"
      data-testid="workbench"
      style={{ gridTemplateColumns: `minmax(0, 1fr) 4px ${sideWidth}px`, gridTemplateRows: bottomVisible ? `minmax(0, 1fr) 4px ${bottomHeight}px` : 'minmax(0, 1fr) 0 0' }}
    >
      <PipelineCanvas key={generation} onReady={onCanvasReady} />
      <Splitter direction="vertical" start={() => useUiStore.getState().sidePanelWidth} onResize={(w) => useUiStore.getState().setSidePanelWidth(w)} />
      <NodePanel />
      {bottomVisible && (
        <>
          <Splitter direction="horizontal" start={() => useUiStore.getState().bottomPanelHeight} onResize={(h) => useUiStore.getState().setBottomPanelHeight(h)} />
          <BottomPanel />
        </>
      )}
    </div>
  );
}
