"""Independent oracle for call resolution: jedi `goto` (imports followed) at each requested call site.

Reads JSON lines {"file", "line", "name"} on stdin (file relative to the repository given as argv[1]);
writes one JSON line per request: {"ok": bool, "path": repo-relative or absolute, "line": int, "type": str}.
The call's name position comes from Python's ast: the attribute (or name) of a Call's func on that line."""
import ast, json, os, sys

import jedi

repo = os.path.abspath(sys.argv[1])
SKIP = {".git", ".hg", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox", ".mypy_cache", ".eggs", "site-packages"}


def package_roots(top):
    """Every folder with a pyproject.toml, setup.py or setup.cfg (a distribution of a multi-package
    repository), and its src/ folder: what an editable install of each would put on sys.path."""
    roots = [top]
    for d, dirs, files in os.walk(top):
        dirs[:] = sorted(x for x in dirs if x not in SKIP)
        if d != top and {"pyproject.toml", "setup.py", "setup.cfg"} & set(files):
            roots.append(d)
    out = []
    for r in roots:
        out.append(r)
        if os.path.isdir(os.path.join(r, "src")):
            out.append(os.path.join(r, "src"))
    return out


# Static only: the repository's own package roots, then the standard library; never an installed copy
# of the package under test (site-packages is left out, so jedi cannot land in it).
roots = package_roots(repo)
paths = roots + [p for p in sys.path if p and "site-packages" not in p and "dist-packages" not in p]
print(json.dumps({"roots": [os.path.relpath(r, repo) for r in roots]}), flush=True)
project = jedi.Project(repo, sys_path=paths, smart_sys_path=False)
trees = {}


def position(path, line, name):
    if path not in trees:
        try:
            with open(path, "rb") as f:
                trees[path] = ast.parse(f.read())
        except Exception:
            trees[path] = None
    tree = trees[path]
    if tree is None:
        return None
    best = None
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == name and func.end_lineno == line or (isinstance(func, ast.Attribute) and func.attr == name and node.lineno == line):
            pos = (func.end_lineno, func.end_col_offset - len(name))
        elif isinstance(func, ast.Name) and func.id == name and func.lineno == line:
            pos = (func.lineno, func.col_offset)
        else:
            continue
        if best is None or pos < best:
            best = pos
    return best


for raw in sys.stdin:
    if not raw.strip():
        continue
    req = json.loads(raw)
    path = os.path.join(repo, req["file"])
    out = {"ok": False}
    try:
        pos = position(path, req["line"], req["name"])
        if pos:
            with open(path, encoding="utf-8") as f:
                code = f.read()
            script = jedi.Script(code=code, path=path, project=project)
            defs = script.goto(pos[0], pos[1], follow_imports=True)
            if defs:
                d = defs[0]
                mp = str(d.module_path) if d.module_path else ""
                rel = os.path.relpath(mp, repo) if mp.startswith(repo + os.sep) else mp
                out = {"ok": True, "path": rel.replace(os.sep, "/"), "line": d.line or 0, "type": d.type, "name": d.name}
            else:
                out = {"ok": False, "why": "jedi found nothing"}
        else:
            out = {"ok": False, "why": "call not found by ast"}
    except Exception as e:  # jedi crashes on some code: count it apart
        out = {"ok": False, "why": f"jedi error: {type(e).__name__}"}
    print(json.dumps(out), flush=True)
