"""Checks the 'fractional window' rule for upsample2d against the measured receptive fields."""
import json, math
from fractions import Fraction as F
d = json.load(open("/work/wt-upsample/test/golden/upsample/upsample.json"))
def pair(v): return list(v) if isinstance(v, list) else [v, v]

def upsample_parameters(layer, n, axis):
    """(kernel k, ratio r, offset mu, period q) of the rule for one axis."""
    s = F(pair(layer["scaleFactor"])[axis]).limit_denominator(1000)
    m = math.floor(n * s)
    align = layer.get("alignCorners", False)
    r = F(n - 1, m - 1) if align else 1 / s
    q = r.denominator
    if layer["mode"] == "nearest":
        centres = [math.floor(o * r) for o in range(q)]
        return 1, r, sum(F(c) - o * r for o, c in enumerate(centres)) / q, q, m
    sources = [o * r if align else (o + F(1, 2)) * r - F(1, 2) for o in range(q)]
    centres = [math.floor(x) + F(1, 2) for x in sources]  # the pair floor, floor+1 (float32 keeps lambda > 0)
    return 2, r, sum(c - o * r for o, c in enumerate(centres)) / q, q, m

def rule(layers, inp):
    state = [[F(1), F(1), F(0), inp[1], 1], [F(1), F(1), F(0), inp[2], 1]]  # size, jump, start, length, period
    out = []
    for layer in layers:
        for a in (0, 1):
            S, J, C, n, P = state[a]
            if layer["type"] in ("conv2d", "avgpool2d"):
                k = pair(layer["kernel"])[a]; st = pair(layer.get("stride", k if layer["type"] == "avgpool2d" else 1))[a]; p = pair(layer.get("padding", 0))[a]
                state[a] = [S + (k - 1) * J, J * st, C + (F(k - 1, 2) - p) * J, (n + 2 * p - k) // st + 1, P]
            else:
                k, r, mu, q, m = upsample_parameters(layer, n, a)
                state[a] = [S + (k - 1) * J, J * r, C + mu * J, m, P * q]
        out.append([list(x) for x in state])
    return out

ok = True
for name, case in d["receptiveFields"].items():
    spec = case["spec"]
    print(name)
    for record, state in zip(case["layers"], rule(spec["layers"], spec["input"])):
        for a, axis in ((0, "height"), (1, "width")):
            S, J, C, n, P = state[a]
            units = record[axis]["units"]
            whole = units[: len(units) // P * P] if P > 1 else units
            partial = not whole
            whole = whole or units
            sizes = [u[2] - u[1] + 1 for u in whole]
            dev = [F(u[1] + u[2], 2) - (C + u[0] * J) for u in whole]
            mean_size, mean_dev = F(sum(sizes), len(sizes)), sum(dev) / len(dev)
            good = (mean_size == S and mean_dev == 0) or (partial and abs(mean_size - S) <= F(1, 4) and abs(mean_dev) <= J / 2)
            ok &= good
            print(f"  {record['id']:>3} {axis[0]} size={str(S):>6} jump={str(J):>6} start={str(C):>6} period={P} units={len(whole):>2} | mean size {str(mean_size):>6} mean centre-lattice {str(mean_dev):>5} sizes {min(sizes)}..{max(sizes)} max|centre-lattice| {float(max(abs(x) for x in dev)):.3f} {('OK' if not partial else 'OK (fewer units than one period: approximate)') if good else 'MISMATCH'}")
print("ALL OK" if ok else "MISMATCHES")
