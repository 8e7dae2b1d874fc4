"""examples/python/*.ipynb executed as a user would (issue 37): `jupyter nbconvert --to notebook --execute` with the
build's Python package; a cell that raises (each holds assertions on its numbers) fails the notebook. The executed
copies go to the output directory, the repository's notebooks are left as they are.
Run: python3 tests/test_notebook.py BUILD/python OUTDIR
"""
import glob
import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    pkg_dir, out_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    jupyter = shutil.which("jupyter-nbconvert")
    if not jupyter:
        print("jupyter-nbconvert is not installed (apt-get install jupyter-nbconvert python3-ipykernel)")
        sys.exit(1 if os.environ.get("CI") else 77)
    notebooks = sorted(glob.glob(os.path.join(REPO, "examples/python/*.ipynb")))
    if not notebooks:
        print("no notebook in examples/python")
        sys.exit(1)
    env = dict(os.environ, PYTHONPATH=pkg_dir)
    status = 0
    for nb in notebooks:
        p = subprocess.run([jupyter, "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
                            "--output-dir", out_dir, nb], capture_output=True, text=True, env=env, cwd=REPO)
        print(f"{os.path.relpath(nb, REPO)}: exit {p.returncode}")
        if p.returncode != 0:
            print(p.stderr[-4000:])
            status = 1
    sys.exit(status)


if __name__ == "__main__":
    main()
