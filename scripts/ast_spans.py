"""Independent oracle for spans: prints every def/class of the given Python files as JSON lines
(path, qualname, start = first decorator line, def line, end = end_lineno), using Python's own ast."""
import ast, json, sys

def walk(node, prefix, out, path, in_func):
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            q = (prefix + ('.<locals>.' if in_func else '.') + child.name) if prefix else child.name
            start = min([d.lineno for d in child.decorator_list] + [child.lineno])
            overload = any((isinstance(d, ast.Name) and d.id == "overload") or (isinstance(d, ast.Attribute) and d.attr == "overload") for d in child.decorator_list)
            out.append({"path": path, "qualname": q, "start": start, "defLine": child.lineno, "end": child.end_lineno, "overload": overload})
            walk(child, q, out, path, not isinstance(child, ast.ClassDef))
        else:
            walk(child, prefix, out, path, in_func)

for path in sys.argv[1:]:
    out = []
    try:
        with open(path, 'rb') as f:
            tree = ast.parse(f.read())
    except Exception as e:
        print(json.dumps({"path": path, "error": str(e)}))
        continue
    walk(tree, '', out, path, False)
    for o in out:
        print(json.dumps(o))
