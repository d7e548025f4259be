"""Drive variants of examples/store against the reference app configured the same way.

Each variant (a module beside this file) changes the reference Django app's settings or
code, and the store's spec, in the same way; this script builds both in temporary copies,
records the reference's answers to the variant's scenarios with ../shared/conformance, and
compares the generated Go app with them. It is how the behaviours that the public cases do
not reach (other settings, other specs) were checked against djoser and DRF.

    /usr/bin/python3 testdata/variants/run.py                 # every variant
    /usr/bin/python3 testdata/variants/run.py paginated email_login
    VARIANTS_KEEP=1 /usr/bin/python3 testdata/variants/run.py paginated   # keep the copies

Run from the project root. It needs ../shared (read-only), the reference's Debian packages
(python3-django, python3-djangorestframework, python3-djoser,
python3-djangorestframework-simplejwt, python3-gunicorn; python3-django-guardian for
object_permissions) and Go. The exit status is 0 when every step of every variant passed.

A variant module defines:
  SCENARIOS        the harness's scenarios (cases_lib), tagged "hidden"
  REFERENCE_EDITS  [(path, old, new)]: text replacements in the reference copy
  REFERENCE_FILES  {path: text}: files written into the reference copy
  MAKEMIGRATIONS   apps to run makemigrations for (a new user model)
  SPEC_EDITS       [(old, new)]: text replacements in examples/store/authgen.yaml
  FRESH            True: generate the store from scratch (drop its migrations)
"""
import importlib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared"))
PY = "/usr/bin/python3"

# The harness's setup actions, plus one for per-object grants (django-guardian's
# assign_perm; the store's `perms grant-object`).
GRANT_OBJECT = {
    "django": ('''    def grant_perm(self, username, perm):
        self._manage(["perms", "grant", username, perm], f"perms grant {username} {perm}")
''', '''
    def grant_object_perm(self, username, perm, model, id):
        self._manage(["perms", "grant-object", username, perm, model, str(id)], "perms grant-object")
'''),
    "go": ('''    def grant_perm(self, username, perm):
        self._cli(["perms", "grant", username, perm], f"store perms grant {username} {perm}")
''', '''
    def grant_object_perm(self, username, perm, model, id):
        self._cli(["perms", "grant-object", username, perm, model, str(id)], "store perms grant-object")
'''),
}


def replace(path, old, new):
    with open(path) as f:
        text = f.read()
    if old not in text:
        sys.exit(f"variant edit does not apply to {path}: {old[:60]!r}")
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def harness_copy(work, variant_file):
    conf = os.path.join(work, "conformance")
    shutil.copytree(os.path.join(SHARED, "conformance"), conf)
    targets = os.path.join(conf, "harness", "targets.py")
    for old, extra in GRANT_OBJECT.values():
        replace(targets, old, old + extra)
    # Batched setup actions go through one Django shell: teach it the new action too.
    replace(targets, '''            "    elif action == 'grant_perm':\\n"''',
            '''            "    elif action == 'grant_object_perm':\\n"
            "        call_command('perms', 'grant-object', kw['username'], kw['perm'], kw['model'], str(kw['id']))\\n"
            "    elif action == 'grant_perm':\\n"''')
    # The harness reads the variant's scenarios as its hidden cases; a variant may build on
    # another's settings, so every variant module goes along.
    for f in os.listdir(HERE):
        if f.endswith(".py") and f != "run.py":
            shutil.copy(os.path.join(HERE, f), conf)
    shutil.copy(variant_file, os.path.join(conf, "cases_hidden.py"))
    return conf


def reference_copy(work, v):
    ref = os.path.join(work, "reference")
    shutil.copytree(os.path.join(SHARED, "reference", "djoser_store"), ref)
    for path, text in getattr(v, "REFERENCE_FILES", {}).items():
        full = os.path.join(ref, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    for path, old, new in getattr(v, "REFERENCE_EDITS", []):
        replace(os.path.join(ref, path), old, new)
    for app in getattr(v, "MAKEMIGRATIONS", []):
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings", REF_DB=os.path.join(work, "mk.sqlite3"))
        subprocess.run([PY, "manage.py", "makemigrations", app, "-v", "0"], cwd=ref, env=env, check=True)
    return ref


def project_copy(work, v):
    go = os.path.join(work, "project")
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split("\n")
    for rel in filter(None, files):
        src = os.path.join(ROOT, rel)
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(os.path.join(go, rel)), exist_ok=True)
            shutil.copy2(src, os.path.join(go, rel))
    for old, new in getattr(v, "SPEC_EDITS", []):
        replace(os.path.join(go, "examples", "store", "authgen.yaml"), old, new)
    if getattr(v, "FRESH", False):
        shutil.rmtree(os.path.join(go, "examples", "store", "store", "migrations"))
    subprocess.run(["go", "run", "./cmd/authgen", "generate", "./examples/store"], cwd=go, check=True)
    return go


def run(name):
    variant_file = os.path.join(HERE, name + ".py")
    sys.path.insert(0, os.path.join(SHARED, "conformance"))
    sys.path.insert(0, HERE)
    v = importlib.import_module(name)
    work = tempfile.mkdtemp(prefix=f"variant-{name}-")
    try:
        conf = harness_copy(work, variant_file)
        ref, go = reference_copy(work, v), project_copy(work, v)
        golden = os.path.join(work, "golden.json")
        subprocess.run([PY, "run.py", "record", "--target", "django", "--project", ref, "--cases", "hidden",
                        "--out", golden], cwd=conf, check=True, stdout=subprocess.DEVNULL)
        r = subprocess.run([PY, "run.py", "compare", "--target", "go", "--project", go, "--cases", "hidden",
                            "--golden", golden, "-v"], cwd=conf, capture_output=True, text=True)
        report = [line for line in r.stdout.splitlines()
                  if not line.startswith("  [") and "level=INFO" not in line and "server log" not in line]
        print(f"== {name}\n" + "\n".join(report[1:]))
        return r.returncode == 0
    finally:
        if os.environ.get("VARIANTS_KEEP"):
            print(f"kept {work} (golden.json: the reference's answers)")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main():
    names = sys.argv[1:] or sorted(f[:-3] for f in os.listdir(HERE)
                                   if f.endswith(".py") and f != "run.py" and not f.startswith("_"))
    failed = [n for n in names if not run(n)]
    print("all variants passed" if not failed else "failed: " + ", ".join(failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
