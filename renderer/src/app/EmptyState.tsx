import { useEffect, useState } from 'react';
import { api } from '../api/api';
import { logError } from '../actions/notices';
import { openPipeline, openRecentProject } from '../actions/project-actions';
import { formatKeybinding, getCommand, runCommand } from '../commands/registry';
import { selectProject, useSessionStore } from '../state/session-store';

type RecentProject = Awaited<ReturnType<typeof api.listRecentProjects>>[number];

/** Shown when no project is open: open a folder, or one opened before. */
export function EmptyState() {
  const [recent, setRecent] = useState<RecentProject[]>([]);
  useEffect(() => {
    api.listRecentProjects({}).then(setRecent, (error) => logError('could not list recent projects', error));
  }, []);
  return (
    <div className="empty-state" data-testid="empty-state">
      <h1>No project is open</h1>
      <p>Open a folder of data files, or one of the projects you opened before.</p>
      <button type="button" className="button button--primary" data-testid="open-folder" onClick={() => void runCommand('file.openFolder')}>
        Open folder…
      </button>
      <RecentProjects recent={recent} />
    </div>
  );
}

export function RecentProjects({ recent }: { recent: readonly RecentProject[] }) {
  if (recent.length === 0) return null;
  return (
    <section className="empty-state__section">
      <h2>Recent</h2>
      <ul className="empty-state__recent" data-testid="recent-projects">
        {recent.map((project) => (
          <li key={project.path}>
            <button type="button" className="link" title={project.path} onClick={() => void openRecentProject(project.path)}>
              {project.name}
            </button>
            <span className="empty-state__path">{project.path}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The editor area with no tab open: the project's pipelines and the shortcuts to get going (VS Code's watermark). */
export function NoPipelineOpen() {
  const project = useSessionStore(selectProject);
  const pipelines = project?.pipelines ?? [];
  return (
    <div className="empty-state" data-testid="no-pipeline">
      <h1>{pipelines.length > 0 ? 'No pipeline is open' : 'This project has no pipelines yet'}</h1>
      {pipelines.length === 0 && <p>Add a *.sluice.yaml file to the project folder, or open another folder.</p>}
      {pipelines.length > 0 && (
        <ul className="empty-state__recent">
          {pipelines.map((file) => (
            <li key={file}>
              <button type="button" className="link" onClick={() => void openPipeline(file)}>
                {file}
              </button>
            </li>
          ))}
        </ul>
      )}
      <dl className="empty-state__keys">
        {['workbench.showCommands', 'workbench.quickOpen', 'view.toggleFileTree'].map((id) => {
          const command = getCommand(id);
          if (!command?.keybinding) return null;
          return (
            <div key={id}>
              <dt>{command.title}</dt>
              <dd>
                <kbd>{formatKeybinding(command.keybinding)}</kbd>
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
