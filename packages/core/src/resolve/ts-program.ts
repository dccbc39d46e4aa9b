// The TypeScript program of a run: every TypeScript/JavaScript source joins one program, so the
// checker is built once; the compiler is loaded only for repositories that have such sources.
import type { PendingSource } from '../discover/discover.js';
import type { RepoFiles } from '../repo/files.js';
import type { ModuleMap } from '../lang/ts/modules.js';
import type { TsProject } from '../lang/ts/project.js';
import type { TsCallResolver } from './ts-calls.js';

/** The program, its checker (through the resolver) and the program file of each source. */
export interface TsSetup {
  project: TsProject;
  resolver?: TsCallResolver;
  failure: string;
  /** The program's file of each source (a Markdown session's blocks share one virtual file). */
  fileOf: Map<PendingSource, string>;
  /** The repository path of a program file ('' for library files; a code block's is its Markdown file). */
  repoPath: (fileName: string) => string;
  /** With the cache: the program's global scripts (rerun.ts). */
  globals?: string[];
}

/** The program of `tsPending`. */
export async function makeTsProject(files: RepoFiles, modules: ModuleMap, tsPending: PendingSource[]): Promise<TsSetup> {
  // The TypeScript compiler is loaded only for repositories that have TypeScript/JavaScript sources.
  const [{ TsProject, VIRTUAL_MARK }, { TsCallResolver }] = await Promise.all([import('../lang/ts/project.js'), import('./ts-calls.js')]);
  const project = new TsProject(files, modules);
  // The repository file a program file stands for: a Markdown code block's virtual file is its Markdown file.
  const repoPath = (fileName: string) => {
    const rel = TsProject.repoPath(fileName);
    const at = rel.indexOf(VIRTUAL_MARK);
    return at < 0 ? rel : rel.slice(0, at);
  };
  const fileOf = new Map<PendingSource, string>();
  const virtual = new Map<string, string>();
  for (const p of tsPending) {
    if (p.session) {
      let name = virtual.get(p.session);
      if (!name) {
        name = project.addVirtualFile(p.candidate.path, p.session.split('#').pop()!, p.text, { tsx: !!p.tsx, js: !!p.js });
        virtual.set(p.session, name);
      }
      fileOf.set(p, name);
    } else {
      project.addRepoFile(p.candidate.path, p.text);
      fileOf.set(p, p.candidate.path);
    }
  }
  try {
    return { project, resolver: new TsCallResolver(project), failure: '', fileOf, repoPath };
  } catch (e) {
    return { project, failure: `TypeScript analysis failed: ${String((e as Error).message ?? e).split('\n')[0]}`, fileOf, repoPath };
  }
}
