/** `path` relative to `folder` ('/'-separated), or null when it is not inside it. */
export function insideFolder(path: string, folder: string): string | null {
  const normalize = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const file = normalize(path);
  const root = normalize(folder);
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : null;
}

/** Node paths resolve against the pipeline file's folder, not the project's. */
export function relativeToPipeline(projectPath: string, pipelinePath: string): string {
  const from = pipelinePath.split('/').slice(0, -1);
  const to = projectPath.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}
