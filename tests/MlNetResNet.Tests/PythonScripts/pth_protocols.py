"""Real torch.save files in pickle protocols 4 and 5, for the unpickler's opcode coverage (python3-torch 1.13).

    pth_protocols.py write OUT_DIR   a small state dict (views sharing a storage, several dtypes) saved with
                                     pickle_protocol 4 and 5 in the zip and the legacy format; each tensor as
                                     raw little-endian float64 (<key>.bin); manifest.json lists the files, the
                                     tensors' shapes and the opcode names each file's pickles use.
    pth_protocols.py testzip FILE    prints the first record whose CRC-32 is wrong, or "ok" (Python's zipfile checks).
    pth_protocols.py load FILE       prints "loaded N tensors" when torch.load accepts FILE (it checks no CRC).
"""
import collections
import json
import os
import pickletools
import sys
import zipfile

import torch


def state_dict():
    torch.manual_seed(7)
    base = torch.randn(4, 6)
    return collections.OrderedDict([
        ("conv.weight", torch.randn(3, 2, 3, 3)),
        ("base", base),
        ("row", base[2]),
        ("column", base[:, 1]),
        ("transposed", base.t()),
        ("half", torch.randn(5).to(torch.float16)),
        ("steps", torch.arange(7)),
        ("mask", base > 0),
        ("scalar", torch.tensor(2.5)),
    ])


def opcode_names(path):
    names = set()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            pickle_name = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
            names |= {op.name for op, _, _ in pickletools.genops(archive.read(pickle_name))}
    else:
        with open(path, "rb") as f:
            for _ in range(5):  # magic, protocol, system info, the object, the storage keys
                names |= {op.name for op, _, _ in pickletools.genops(f)}
    return sorted(names)


def write(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    state = state_dict()
    manifest = {"tensors": {k: list(v.shape) for k, v in state.items()}, "files": {}}
    for key, tensor in state.items():
        tensor.detach().to(torch.float64).contiguous().numpy().astype("<f8").tofile(os.path.join(out_dir, key + ".bin"))
    for protocol in (4, 5):
        for layout, zipped in (("zip", True), ("legacy", False)):
            name = f"protocol{protocol}_{layout}.pth"
            path = os.path.join(out_dir, name)
            torch.save(state, path, pickle_protocol=protocol, _use_new_zipfile_serialization=zipped)
            manifest["files"][name] = opcode_names(path)
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


def testzip(path):
    with zipfile.ZipFile(path) as archive:
        print(archive.testzip() or "ok")


def load(path):
    # Not weights_only: torch 1.13's weights-only unpickler refuses protocol 4 (FRAME); the files are our own.
    print(f"loaded {len(torch.load(path))} tensors")


if __name__ == "__main__":
    {"write": write, "testzip": testzip, "load": load}[sys.argv[1]](sys.argv[2])
