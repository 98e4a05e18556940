"""PyTorch side of the .pth tests (Debian's python3-torch 1.13 and python3-torchvision 0.14).

    pth_fixtures.py write OUT_DIR   torchvision models with calibrated, perturbed BatchNorm statistics saved in
                                    the zip and the legacy format (plus wrapped, prefixed, float16/bfloat16/
                                    float64, 10-class, pre-0.4.1-style and strided-view variants), a fixed input
                                    and the eval-mode logits; manifest.json lists them.
    pth_fixtures.py check DIR       loads DIR/<arch>.pth written by our C# code with torch.load(weights_only=True)
                                    into torchvision's model (strict) and writes DIR/<arch>_torch_logits.bin.

Tensors handed to C# are raw little-endian float32 files (.bin), independent of the reader under test.
"""
import collections
import json
import os
import pickle
import sys

import torch
import torchvision.models as models

ARCHITECTURES = ["resnet18", "resnet50", "resnext50_32x4d"]
INPUT_SHAPE = (2, 3, 64, 64)


def save_bin(tensor, path):
    tensor.detach().to(torch.float32).contiguous().numpy().astype("<f4").tofile(path)


def calibrated_model(name, seed, **kwargs):
    """A torchvision model whose BatchNorm statistics come from data, then are perturbed so they matter."""
    torch.manual_seed(seed)
    model = getattr(models, name)(weights=None, **kwargs)
    norms = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    with torch.no_grad():
        for norm in norms:
            norm.weight.uniform_(0.5, 1.5)
            norm.bias.normal_(0.0, 0.2)
            norm.momentum = None  # cumulative average: the stats of the calibration batches
        model.train()
        for _ in range(2):
            model(torch.randn(4, 3, 64, 64))
        for norm in norms:
            norm.momentum = 0.1
            norm.running_mean.add_(0.05 * torch.randn_like(norm.running_mean))
            norm.running_var.mul_(torch.empty_like(norm.running_var).uniform_(0.8, 1.25))
    return model.eval()


def logits_of(model, x):
    with torch.no_grad():
        return model(x)


def legacy_save(obj, path):
    torch.save(obj, path, _use_new_zipfile_serialization=False)


class _OldStylePickler(pickle.Pickler):
    """Pickles tensors as PyTorch < 0.4 did: torch._utils._rebuild_tensor(storage, offset, size, stride)."""

    def reducer_override(self, obj):
        if isinstance(obj, torch.Tensor):
            return torch._utils._rebuild_tensor, (obj.storage(), obj.storage_offset(), tuple(obj.size()), obj.stride())
        return NotImplemented


class _OldStylePickleModule:
    Pickler = _OldStylePickler
    dump = staticmethod(pickle.dump)


def write(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(1234)
    x = torch.randn(*INPUT_SHAPE)
    save_bin(x, os.path.join(out_dir, "input.bin"))
    manifest = {"input_shape": list(INPUT_SHAPE), "architectures": {}, "variants": {}}

    for index, name in enumerate(ARCHITECTURES):
        model = calibrated_model(name, seed=100 + index)
        state = model.state_dict()
        torch.save(state, os.path.join(out_dir, f"{name}_zip.pth"))
        legacy_save(state, os.path.join(out_dir, f"{name}_legacy.pth"))
        logits = logits_of(model, x)
        save_bin(logits, os.path.join(out_dir, f"{name}_logits.bin"))
        manifest["architectures"][name] = {"classes": int(logits.shape[1]), "max_abs_logit": float(logits.abs().max())}

    model = calibrated_model("resnet18", seed=100)
    state = model.state_dict()
    variants = manifest["variants"]

    torch.save({"state_dict": state, "epoch": 3, "best_acc1": 0.5, "arch": "resnet18"}, os.path.join(out_dir, "wrapped_state_dict.pth"))
    variants["wrapped_state_dict"] = {"logits": "resnet18_logits.bin"}
    legacy_save({"model": state, "epoch": 3}, os.path.join(out_dir, "wrapped_model_legacy.pth"))
    variants["wrapped_model_legacy"] = {"logits": "resnet18_logits.bin"}
    torch.save(collections.OrderedDict(("module." + k, v) for k, v in state.items()), os.path.join(out_dir, "module_prefix.pth"))
    variants["module_prefix"] = {"logits": "resnet18_logits.bin"}

    for dtype_name, dtype, saver in [("float16", torch.float16, torch.save), ("bfloat16", torch.bfloat16, torch.save),
                                     ("float64", torch.float64, legacy_save)]:
        converted = collections.OrderedDict((k, v.to(dtype) if v.is_floating_point() else v) for k, v in state.items())
        saver(converted, os.path.join(out_dir, f"{dtype_name}.pth"))
        reference = models.resnet18(weights=None).eval()
        reference.load_state_dict(converted)  # copies into float32 exactly as our loader converts
        save_bin(logits_of(reference, x), os.path.join(out_dir, f"{dtype_name}_logits.bin"))
        variants[dtype_name] = {"logits": f"{dtype_name}_logits.bin"}

    old_style = collections.OrderedDict((k, v) for k, v in state.items() if not k.endswith("num_batches_tracked"))
    torch.save(old_style, os.path.join(out_dir, "old_style_legacy.pth"), pickle_module=_OldStylePickleModule,
               _use_new_zipfile_serialization=False)
    variants["old_style_legacy"] = {"logits": "resnet18_logits.bin"}

    ten_classes = calibrated_model("resnet18", seed=200, num_classes=10)
    torch.save(ten_classes.state_dict(), os.path.join(out_dir, "fc10.pth"))
    ten_classes.fc = torch.nn.Identity()
    save_bin(logits_of(ten_classes, x), os.path.join(out_dir, "fc10_features.bin"))

    base = torch.arange(20, dtype=torch.float32).reshape(4, 5) * 0.5 - 3.0
    views = collections.OrderedDict([("base", base), ("row", base[1]), ("column", base[:, 2]), ("transposed", base.t()),
                                     ("block", base[1:3, 1:]), ("steps", torch.arange(5)), ("mask", base > 0)])
    torch.save(views, os.path.join(out_dir, "views_zip.pth"))
    legacy_save(views, os.path.join(out_dir, "views_legacy.pth"))
    save_bin(base, os.path.join(out_dir, "views_base.bin"))

    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


def check(directory):
    x = torch.from_numpy(__import__("numpy").fromfile(os.path.join(directory, "input.bin"), dtype="<f4")).reshape(INPUT_SHAPE)
    result = {}
    for name in ARCHITECTURES:
        state = torch.load(os.path.join(directory, f"{name}.pth"), weights_only=True)
        model = getattr(models, name)(weights=None).eval()
        model.load_state_dict(state, strict=True)
        save_bin(logits_of(model, x), os.path.join(directory, f"{name}_torch_logits.bin"))
        result[name] = {"same_key_order": list(state.keys()) == list(model.state_dict().keys()),
                        "dtypes": sorted({str(v.dtype) for v in state.values()})}
    print(json.dumps(result))


if __name__ == "__main__":
    {"write": write, "check": check}[sys.argv[1]](sys.argv[2])
