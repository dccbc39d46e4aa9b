// Include/exclude globs of the configuration, matched against repository-relative paths.
import picomatch from 'picomatch';

/**
 * A test for candidate source paths: the reason a path is excluded, or undefined when it is kept. A glob
 * matches a path, or any folder above it (`legacy` and `examples/old` exclude everything inside).
 */
export function sourceFilter(include: string[] | undefined, exclude: string[] | undefined): (path: string) => string | undefined {
  const compile = (globs: string[]) => globs.map((g) => ({ glob: g, test: picomatch(g.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, ''), { dot: true }) }));
  const inc = include?.length ? compile(include) : undefined;
  const exc = compile(exclude ?? []);
  const matches = (test: (p: string) => boolean, path: string) => {
    const parts = path.split('/');
    for (let i = parts.length; i > 0; i--) if (test(parts.slice(0, i).join('/'))) return true;
    return false;
  };
  return (path) => {
    if (inc && !inc.some((g) => matches(g.test, path))) return 'excluded by config (matches no "include" glob)';
    const hit = exc.find((g) => matches(g.test, path));
    return hit ? `excluded by config ("exclude": ${hit.glob})` : undefined;
  };
}
