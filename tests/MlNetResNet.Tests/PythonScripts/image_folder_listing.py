"""Prints torchvision ImageFolder's classes and samples for a folder, as JSON (the reference for our reader)."""
import json
import sys

from torchvision.datasets import ImageFolder

dataset = ImageFolder(sys.argv[1], loader=lambda path: path)
print(json.dumps({
    "classes": dataset.classes,
    "samples": [[path, index] for path, index in dataset.samples],
}))
