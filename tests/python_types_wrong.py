"""Wrong uses of scalelaw that `mypy --strict` must flag (tests/test_python_types.py): each line marked `# wrong:`
is expected in mypy's report, with the error code named after it. Never run."""
import scalelaw

p = scalelaw.phase(0.7, 0.7)
half: str = p.xi  # wrong: assignment
c = scalelaw.curve(alpha=1, beta=0.3, d=100, steps=1000, point=10)  # wrong: call-arg
c.kernel_nrom  # wrong: attr-defined
scalelaw.frontier(alpha=0.7, beta=0.7, quick=3.0)  # wrong: call-arg
scalelaw.check(quick="yes")  # wrong: arg-type
scalelaw.sgd(alpha=1, beta=0.3, d=50, steps=100)  # wrong: call-arg
