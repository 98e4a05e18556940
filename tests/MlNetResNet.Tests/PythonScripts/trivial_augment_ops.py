"""Applies torchvision's TrivialAugmentWide operations to one uint8 image, with the arguments its _apply_op passes.

Usage: trivial_augment_ops.py IMAGE.bin HEIGHT WIDTH OUT.bin
IMAGE.bin holds HEIGHT*WIDTH*3 bytes (row-major RGB). OUT.bin receives, for each case of CASES in order, the result in
the same layout. The magnitudes are fixed here and mirrored in TrivialAugmentParityTests.
"""
import math
import sys

import numpy as np
import torch
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode

NEAREST = InterpolationMode.NEAREST
CASES = [
    ("ShearX", 0.5), ("ShearX", -0.3), ("ShearY", 0.4), ("TranslateX", 7.0), ("TranslateY", -5.0),
    ("Rotate", 30.0), ("Rotate", -100.0), ("Brightness", 0.6), ("Brightness", -0.5), ("Color", 0.8), ("Color", -0.7),
    ("Contrast", 0.5), ("Contrast", -0.6), ("Sharpness", 0.9), ("Sharpness", -0.9), ("Posterize", 3.0),
    ("Solarize", 100.0), ("AutoContrast", 0.0), ("Equalize", 0.0),
]


def apply(img, name, magnitude):
    if name == "ShearX":
        return F.affine(img, angle=0.0, translate=[0, 0], scale=1.0, shear=[math.degrees(math.atan(magnitude)), 0.0],
                        interpolation=NEAREST, fill=None, center=[0, 0])
    if name == "ShearY":
        return F.affine(img, angle=0.0, translate=[0, 0], scale=1.0, shear=[0.0, math.degrees(math.atan(magnitude))],
                        interpolation=NEAREST, fill=None, center=[0, 0])
    if name == "TranslateX":
        return F.affine(img, angle=0.0, translate=[int(magnitude), 0], scale=1.0, interpolation=NEAREST, shear=[0.0, 0.0], fill=None)
    if name == "TranslateY":
        return F.affine(img, angle=0.0, translate=[0, int(magnitude)], scale=1.0, interpolation=NEAREST, shear=[0.0, 0.0], fill=None)
    if name == "Rotate":
        return F.rotate(img, magnitude, interpolation=NEAREST, fill=None)
    if name == "Brightness":
        return F.adjust_brightness(img, 1.0 + magnitude)
    if name == "Color":
        return F.adjust_saturation(img, 1.0 + magnitude)
    if name == "Contrast":
        return F.adjust_contrast(img, 1.0 + magnitude)
    if name == "Sharpness":
        return F.adjust_sharpness(img, 1.0 + magnitude)
    if name == "Posterize":
        return F.posterize(img, int(magnitude))
    if name == "Solarize":
        return F.solarize(img, magnitude)
    if name == "AutoContrast":
        return F.autocontrast(img)
    if name == "Equalize":
        return F.equalize(img)
    raise ValueError(name)


def main():
    path, height, width, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    pixels = np.fromfile(path, dtype=np.uint8).reshape(height, width, 3)
    img = torch.from_numpy(pixels.copy()).permute(2, 0, 1).contiguous()
    with open(out, "wb") as f:
        for name, magnitude in CASES:
            f.write(apply(img, name, magnitude).permute(1, 2, 0).contiguous().numpy().tobytes())


if __name__ == "__main__":
    main()
