"""Writes torchvision's state_dict key list and shapes for every ResNet family member.

Run with Debian's PyTorch (python3-torch, python3-torchvision):
    /usr/bin/python3 tests/reference/make_state_dict_reference.py tests/MlNetResNet.Tests/Reference/torchvision_state_dicts.json
"""
import json
import sys

import torchvision.models as models

NAMES = ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "resnext50_32x4d",
         "resnext101_32x8d", "resnext101_64x4d", "wide_resnet50_2", "wide_resnet101_2"]


def main(out_path):
    reference = {}
    for name in NAMES:
        net = getattr(models, name)(weights=None)
        reference[name] = [[key, list(value.shape)] for key, value in net.state_dict().items()]
    with open(out_path, "w") as f:
        json.dump({"torchvision": __import__("torchvision").__version__, "models": reference}, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
