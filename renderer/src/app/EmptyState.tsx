import { useEffect, useState } from 'react';
import { toErrorBody } from '../../../common/contract/envelope';
import { api } from '../api/api';
import { logError } from '../actions/notices';
import { onProjectOpenedByHost } from '../actions/project-actions';
import { useSessionStore } from '../state/session-store';

type Recent = Awaited<ReturnType<typeof api.listRecentProjects>>;

/** Shown when no project (or no pipeline in it) is open. */
export function EmptyState({ hasProject }: { hasProject: boolean }) {
  const [recent, setRecent] = useState<Recent>([]);
  useEffect(() => {
    api.listRecentProjects({}).then(setRecent, (error) => logError('could not list recent projects', error));
  }, []);
  // The host also announces the project as an event; showing it here too covers a socket that is still connecting.
  const open = (work: () => Promise<Parameters<typeof onProjectOpenedByHost>[0] | null>) =>
    work()
      .then((project) => project && onProjectOpenedByHost(project))
      .catch((error) => useSessionStore.getState().setNotice({ level: 'error', message: toErrorBody(error).message }));
  return (
    <div className="empty-state" data-testid="empty-state">
      <h1>{hasProject ? 'This project has no pipelines yet' : 'No project is open'}</h1>
      <p>
        {hasProject
          ? 'Add a *.sluice.yaml file to the project folder, or open another folder.'
          : 'Open a folder of data files, or one of the projects you opened before.'}
      </p>
      <button type="button" className="button button--primary" onClick={() => void open(() => api.chooseProjectFolder({}))}>
        Open folder…
      </button>
      {recent.length > 0 && (
        <ul className="empty-state__recent">
          {recent.map((project) => (
            <li key={project.path}>
              <button type="button" className="link" title={project.path} onClick={() => void open(() => api.openProject({ path: project.path }))}>
                {project.name}
              </button>
              <span className="empty-state__path">{project.path}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
