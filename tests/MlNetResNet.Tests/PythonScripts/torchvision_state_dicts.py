"""Prints torchvision's state_dict keys and shapes for each network named on the command line, as JSON.

A network is a torchvision constructor name ("resnet50", "wide_resnet50_2") or, for a family member torchvision
has no constructor for, the generic constructor: "ResNet(Bottleneck, [2, 2, 2, 2])", optionally with
"groups=G" and "width_per_group=W". Output: {"<network>": [[key, [dims...]], ...], ...}.
"""
import json
import re
import sys

import torch
import torchvision.models as models
from torchvision.models.resnet import BasicBlock, Bottleneck, ResNet

GENERIC = re.compile(r"^ResNet\((BasicBlock|Bottleneck), \[(\d+(?:, \d+){3})\]"
                     r"(?:, groups=(\d+))?(?:, width_per_group=(\d+))?\)$")


def build(network):
    match = GENERIC.match(network)
    if match is None:
        return getattr(models, network)(weights=None)
    block = BasicBlock if match.group(1) == "BasicBlock" else Bottleneck
    layers = [int(n) for n in match.group(2).split(", ")]
    return ResNet(block, layers, groups=int(match.group(3) or 1), width_per_group=int(match.group(4) or 64))


def main(networks):
    # Keys and shapes only: skip the random initialisation, which is most of the time for the large networks.
    for name in ("kaiming_normal_", "constant_", "normal_", "uniform_", "kaiming_uniform_", "zeros_", "ones_"):
        setattr(torch.nn.init, name, lambda tensor, *args, **kwargs: tensor)
    reference = {}
    for network in networks:
        net = build(network)
        reference[network] = [[key, list(value.shape)] for key, value in net.state_dict().items()]
    json.dump(reference, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1:])
