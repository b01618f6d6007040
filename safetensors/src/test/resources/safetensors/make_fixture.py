#!/usr/bin/env python3
"""Write python_fixture.safetensors, an interoperability fixture for chainrule's Java reader.

The format is implemented here by hand with numpy, struct and json, independently of the
Java code (and without the safetensors package, which may not be installed), so the Java test
SafeTensorsInteropTest checks the reader against a second implementation of the spec:

    8 bytes   little-endian u64 header length N
    N bytes   UTF-8 JSON: {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}
              padded with spaces so the data buffer is 8-byte aligned
    rest      little-endian data buffer; offsets are relative to its start

Deliberate choices that exercise the reader:
  * the header keys are sorted (json sort_keys), so header order differs from data order;
  * ensure_ascii escapes the non-ASCII tensor name as \\uXXXX;
  * one tensor is F32 (widened to double by the reader), one is 0-d, one is empty;
  * -0.0 and a subnormal check exact bit patterns.

Run: python3 make_fixture.py   (rewrites python_fixture.safetensors next to this script)
"""
import json
import os
import struct

import numpy as np

TENSORS = [
    ("conv.weight", np.arange(6, dtype="<f8").reshape(2, 3) * 0.5 - 1.0),
    ("bias", np.array([0.1, -2.5, 3.0], dtype="<f4")),
    ("scalar", np.array(np.pi, dtype="<f8")),
    ("empty", np.zeros((0, 4), dtype="<f8")),
    ("unicode_\u540d\u524d", np.array([-0.0, 1e-310], dtype="<f8")),
]
METADATA = {"format": "np", "producer": "make_fixture.py"}
DTYPES = {np.dtype("<f8"): "F64", np.dtype("<f4"): "F32"}


def encode(tensors, metadata):
    header = {"__metadata__": metadata}
    chunks = []
    offset = 0
    for name, array in tensors:
        data = np.ascontiguousarray(array).tobytes()
        header[name] = {
            "dtype": DTYPES[array.dtype],
            "shape": list(array.shape),
            "data_offsets": [offset, offset + len(data)],
        }
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def main():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "python_fixture.safetensors")
    blob = encode(TENSORS, METADATA)
    with open(path, "wb") as f:
        f.write(blob)
    print(f"wrote {path}: {len(blob)} bytes, {len(TENSORS)} tensors")


if __name__ == "__main__":
    main()
