#!/usr/bin/env python3
"""Parse a safetensors file written by chainrule's Java writer, independently of the Java code.

Checks every rule of the format (https://github.com/huggingface/safetensors) with struct, json
and numpy: the u64 little-endian header length, a UTF-8 JSON header starting with '{' with no
duplicate keys and space padding to a multiple of 8 (what the Java writer promises), known
dtypes, offsets relative to the data buffer that tile it exactly (sorted, contiguous, no
holes, no overlaps, nothing after the last tensor), and byte counts matching the shapes. It
then prints every tensor. With --expect-java-fixture it also compares java_fixture.safetensors
(written by SafeTensorsInteropTest.javaFixture()) with the values the Java test put in, bit
for bit. Exit status 0 means the file passed.

Run by hand (Maven does not need Python):

    python3 check_file.py --expect-java-fixture java_fixture.safetensors

Output of that run on the committed java_fixture.safetensors:

    java_fixture.safetensors: header 424 bytes, data 96 bytes, 5 tensors
      metadata: {'format': 'chainrule', 'note': 'written by SafeTensorsInteropTest "quoted" ✓'}
      embedding.weight F64 (3, 2) [-0.5, -0.25, 0.0, 0.25, 0.5, 0.75]
      scalar F64 () [-0.3333333333333333]
      empty F64 (0,) []
      special F64 (4,) [nan, -0.0, inf, 5e-324]
      名前 "quoted" F64 (1, 1) [1e+300]
    OK: matches the values SafeTensorsInteropTest.javaFixture() wrote
"""
import json
import math
import struct
import sys

import numpy as np

DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2",
          "I8": "i1", "U8": "u1", "U16": "<u2", "U32": "<u4", "U64": "<u8", "BOOL": "?"}
MAX_HEADER = 100_000_000


def fail(message):
    raise SystemExit(f"FAIL: {message}")


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        fail(f"duplicate keys in a JSON object: {keys}")
    return dict(pairs)


def parse(blob):
    if len(blob) < 8:
        fail(f"file is {len(blob)} bytes, shorter than the length field")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > MAX_HEADER or 8 + n > len(blob):
        fail(f"header length {n} does not fit a {len(blob)}-byte file")
    raw = blob[8:8 + n]
    if raw[:1] != b"{":
        fail("header does not start with '{'")
    if n % 8 != 0:
        fail(f"header length {n} is not a multiple of 8 (the Java writer pads it)")
    text = raw.decode("utf-8")  # strict: raises on invalid UTF-8
    stripped = text.rstrip(" ")
    if not stripped.endswith("}"):
        fail("header is padded with something other than spaces")
    header = json.loads(stripped, object_pairs_hook=no_duplicates)
    metadata = header.pop("__metadata__", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        fail("__metadata__ must map strings to strings")
    data = blob[8 + n:]
    tensors = {}
    for name, info in header.items():
        if set(info) != {"dtype", "shape", "data_offsets"}:
            fail(f"tensor {name!r} has keys {sorted(info)}")
        dtype = np.dtype(DTYPES[info["dtype"]])
        shape = tuple(info["shape"])
        begin, end = info["data_offsets"]
        if any(d < 0 for d in shape) or not 0 <= begin <= end <= len(data):
            fail(f"tensor {name!r}: bad shape {shape} or offsets {[begin, end]}")
        if end - begin != math.prod(shape) * dtype.itemsize:
            fail(f"tensor {name!r}: shape {shape} does not match {end - begin} bytes")
        tensors[name] = (info["dtype"], begin, end,
                         np.frombuffer(data[begin:end], dtype=dtype).reshape(shape))
    covered = 0
    for name, (_, begin, end, _) in sorted(tensors.items(), key=lambda kv: kv[1][1:3]):
        if begin != covered:
            fail(f"tensor {name!r} starts at {begin}, expected {covered} (hole or overlap)")
        covered = end
    if covered != len(data):
        fail(f"tensors cover {covered} of {len(data)} data bytes")
    return n, len(data), metadata, tensors


def bits(values):
    return np.asarray(values, dtype="<f8").view("<u8").tolist()


def check_java_fixture(metadata, tensors):
    """Mirror of SafeTensorsInteropTest.javaFixture()."""
    expected = {
        "embedding.weight": ((3, 2), [i * 0.25 - 0.5 for i in range(6)]),
        "scalar": ((), [-1.0 / 3.0]),
        "empty": ((0,), []),
        "special": ((4,), [float("nan"), -0.0, float("inf"), 5e-324]),
        "名前 \"quoted\"": ((1, 1), [1e300]),
    }
    if metadata != {"format": "chainrule", "note": "written by SafeTensorsInteropTest \"quoted\" ✓"}:
        fail(f"metadata {metadata}")
    if list(tensors) != list(expected):
        fail(f"tensor names {list(tensors)}")
    for name, (shape, values) in expected.items():
        dtype, _, _, array = tensors[name]
        if dtype != "F64" or array.shape != shape or bits(array.ravel()) != bits(values):
            fail(f"tensor {name!r}: {dtype} {array.shape} {array.ravel().tolist()}")
    print("OK: matches the values SafeTensorsInteropTest.javaFixture() wrote")


def main(argv):
    expect = "--expect-java-fixture" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 1:
        raise SystemExit(__doc__)
    with open(paths[0], "rb") as f:
        blob = f.read()
    n, data_len, metadata, tensors = parse(blob)
    print(f"{paths[0]}: header {n} bytes, data {data_len} bytes, {len(tensors)} tensors")
    print(f"  metadata: {metadata}")
    for name, (dtype, _, _, array) in tensors.items():
        print(f"  {name} {dtype} {array.shape} {array.ravel().tolist()}")
    if expect:
        check_java_fixture(metadata, tensors)


if __name__ == "__main__":
    main(sys.argv[1:])
