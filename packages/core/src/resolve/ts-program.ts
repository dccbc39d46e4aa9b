// The TypeScript program of a run: every TypeScript/JavaScript source joins one program, so the
// checker is built once; the compiler is loaded only for repositories that have such sources. The
// program and its checker (most of the memory of a large run) live in openTsProgram's closure only,
// never in the caller's variables (an async function keeps what its registers last held), so that
// release() frees them once the sources are resolved.
import type { CallSite } from '../model.js';
import type { PendingSource } from '../discover/discover.js';
import type { RepoFiles } from '../repo/files.js';
import type { ModuleMap } from '../lang/ts/modules.js';
import type { TsProject } from '../lang/ts/project.js';
import type { PythonIndex } from './python-index.js';
import { CommandTable, type ProgramCatalog } from './commands.js';
import type { TsCallResolver, TsSource } from './ts-calls.js';

export interface TsProgram {
  /** Project file name of each source (the file, or its Markdown session's virtual file). */
  names: Map<PendingSource, string>;
  /** Why there is no checker, when the compiler failed. */
  failure: string;
  open(): boolean;
  syntaxError(fileName: string): { line: number; message: string } | undefined;
  calls(src: TsSource): CallSite[];
  /** The repository's commands that shell lines run (TypeScript bins are read with this program). */
  commands(programs: ProgramCatalog, inp: { index: PythonIndex; files: RepoFiles; commands: string[] }): Promise<CommandTable>;
  release(): void;
}

/** The program of `tsPending` (nothing when it is empty). */
export async function openTsProgram(files: RepoFiles, modules: ModuleMap, tsPending: PendingSource[]): Promise<TsProgram> {
  const names = new Map<PendingSource, string>();
  let project: TsProject | undefined;
  let resolver: TsCallResolver | undefined;
  let failure = '';
  if (tsPending.length) {
    const [{ TsProject: Project }, { TsCallResolver: Resolver }] = await Promise.all([import('../lang/ts/project.js'), import('./ts-calls.js')]);
    project = new Project(files, modules);
    const virtual = new Map<string, string>();
    for (const p of tsPending) {
      if (p.session) {
        let name = virtual.get(p.session);
        if (!name) {
          name = project.addVirtualFile(p.candidate.path, p.session.split('#').pop()!, p.text, { tsx: !!p.tsx, js: !!p.js });
          virtual.set(p.session, name);
        }
        names.set(p, name);
      } else {
        project.addRepoFile(p.candidate.path, p.text);
        names.set(p, p.candidate.path);
      }
    }
    try {
      resolver = new Resolver(project);
    } catch (e) {
      failure = `TypeScript analysis failed: ${String((e as Error).message ?? e).split('\n')[0]}`;
    }
  }
  return {
    names,
    failure,
    open: () => !!resolver,
    syntaxError: (fileName) => resolver!.syntaxError(fileName),
    calls: (src) => resolver!.calls(src),
    commands: (programs, inp) => CommandTable.build(programs, { ...inp, ...(resolver && project ? { tsProject: project } : {}) }),
    release: () => {
      resolver = undefined;
      project = undefined;
    },
  };
}
