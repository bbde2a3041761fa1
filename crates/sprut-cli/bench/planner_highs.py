"""Solves a redistribution network written by `sprut bench planner` with HiGHS, as an LP.

The independent optimum the planner's own network simplex is checked against: one column per
arc (its bounds and cost), one equality row per node (flow out - flow in = supply). Installs
highspy from PyPI when it is missing. Prints one JSON line: status, objective, solve seconds.

Usage: python3 planner_highs.py NETWORK_FILE
"""

import json
import subprocess
import sys
import time

try:
    import highspy
    import numpy as np
except ImportError:
    subprocess.check_call(
        [sys.executable, "-m", "pip", "install", "--quiet", "--break-system-packages", "highspy"]
    )
    import highspy
    import numpy as np

# Arc bounds at or above this are unbounded (sprut's INFINITE is i64::MAX / 4).
INFINITE = 2**61


def main(path):
    with open(path) as f:
        nodes, arcs = map(int, f.readline().split())
        supply = np.array(f.readline().split(), dtype=np.float64)
        table = np.loadtxt(f, dtype=np.int64, ndmin=2).reshape(arcs, 5)
    lp = highspy.HighsLp()
    lp.num_col_ = arcs
    lp.num_row_ = nodes
    lp.col_cost_ = table[:, 4].astype(np.float64)
    lp.col_lower_ = table[:, 2].astype(np.float64)
    upper = table[:, 3].astype(np.float64)
    upper[table[:, 3] >= INFINITE] = highspy.kHighsInf
    lp.col_upper_ = upper
    lp.row_lower_ = supply
    lp.row_upper_ = supply
    index = np.empty(2 * arcs, dtype=np.int32)
    index[0::2] = table[:, 0]
    index[1::2] = table[:, 1]
    value = np.tile(np.array([1.0, -1.0]), arcs)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.arange(0, 2 * arcs + 1, 2, dtype=np.int32)
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.passModel(lp)
    started = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - started
    status = h.modelStatusToString(h.getModelStatus())
    print(json.dumps({"status": status, "objective": h.getInfo().objective_function_value, "seconds": seconds}))


if __name__ == "__main__":
    main(sys.argv[1])
