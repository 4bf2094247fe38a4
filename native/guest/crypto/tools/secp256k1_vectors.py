#!/usr/bin/env python3
"""Prints the table of public-key recovery vectors in test/secp256k1_recovery_test.cc, computed
with Python's integers only (independent of the C++ code): signatures made with known private keys
and nonces, plus the edge cases (u1 = 0, hashes >= n, r without a curve point, a recovered point at
infinity, r and s at the ends of their ranges). Usage: python3 tools/secp256k1_vectors.py"""
import hashlib

P = 2**256 - 2**32 - 977
N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
G = (0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
     0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8)


def add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if a[0] == b[0]:
        if (a[1] + b[1]) % P == 0:
            return None
        slope = 3 * a[0] * a[0] * pow(2 * a[1], -1, P) % P
    else:
        slope = (b[1] - a[1]) * pow(b[0] - a[0], -1, P) % P
    x = (slope * slope - a[0] - b[0]) % P
    return (x, (slope * (a[0] - x) - a[1]) % P)


def mul(k, a):
    r = None
    for bit in bin(k)[2:]:
        r = add(r, r)
        if bit == '1':
            r = add(r, a)
    return r


def recover(h, r, s, parity):
    """The recovery the C++ code implements, with its error names."""
    if r == 0 or r >= N:
        return "InvalidR"
    if s == 0 or s >= N:
        return "InvalidS"
    y2 = (r ** 3 + 7) % P
    y = pow(y2, (P + 1) // 4, P)
    if y * y % P != y2:
        return "NotOnCurve"
    if y % 2 != parity:
        y = P - y
    e = h % N
    rinv = pow(r, -1, N)
    q = add(mul(-e * rinv % N, G), mul(s * rinv % N, (r, y)))
    if q is None:
        return "Infinity"
    return "%064x%064x" % q


def sign(priv, h, k):
    rp = mul(k, G)
    r = rp[0] % N
    s = pow(k, -1, N) * (h + r * priv) % N
    return r, s, rp[1] % 2 ^ (rp[0] >= N)


def digest(label):
    return int.from_bytes(hashlib.sha256(label.encode()).digest(), "big")


def main():
    rows = []
    for i in range(6):
        priv, h, k = digest("key %d" % i) % N, digest("msg %d" % i), digest("nonce %d" % i) % N
        r, s, parity = sign(priv, h, k)
        pub = mul(priv, G)
        assert recover(h, r, s, parity) == "%064x%064x" % pub
        rows.append((h, r, s, parity, "signature %d" % i))
    h, r, s, parity, _ = rows[0]
    rows.append((h, r, N - s, parity ^ 1, "signature 0 with high s (same key)"))
    rows.append((h, r, s, parity ^ 1, "signature 0, other parity (another key)"))
    rows.append((0, r, s, parity, "hash 0: u1 = 0"))
    rows.append((N + 5, r, s, parity, "hash n + 5: reduced mod n"))
    rows.append((2**256 - 1, r, s, parity, "hash 2^256 - 1"))
    rows.append((h, r, N - 1, parity, "s = n - 1"))
    rows.append((h, r, 1, parity, "s = 1"))
    for x in range(1, 40):  # the first x with and without a curve point
        if recover(h, x, s, 0) == "NotOnCurve":
            rows.append((h, x, s, 0, "r = %d: no curve point" % x))
            break
    for x in range(1, 40):
        if recover(h, x, s, 0) != "NotOnCurve":
            rows.append((h, x, s, 1, "r = %d: smallest x on the curve" % x))
            break
    for x in range(N - 1, N - 40, -1):
        if recover(h, x, s, 0) != "NotOnCurve":
            rows.append((h, x, s, 0, "r near n with a curve point"))
            break
    # Q = r^-1 (s R - e G) is infinity when e = s k for R = k G.
    k = 7
    while mul(k, G)[0] >= N:
        k += 1
    rk = mul(k, G)
    rows.append((5 * k % N, rk[0], 5, rk[1] % 2, "e = s k: the recovered point is infinity"))
    rows.append((5 * k % N, rk[0], 5, rk[1] % 2 ^ 1, "e = s k, other parity: 2 s/r R"))
    for h, r, s, parity, what in rows:
        result = recover(h, r, s, parity)
        print('    {"%064x", "%064x",\n     "%064x", %d,\n     "%s"},  // %s'
              % (h % 2**256, r, s, parity, result, what))


if __name__ == "__main__":
    main()
