"""The peer for scoring: the seed recipe's evaluation loop and a user's single-image predict script.

Both load the same weights our model.zip holds (a state dict written by `cpu-benchmark scoring-fit`) into
torchvision's ResNet with the file's blocks per stage, and preprocess as the recipe validates:
Resize(round(size*256/224)) + CenterCrop(size) + ToTensor + Normalize(ImageNet).

  --mode eval     the recipe's `model.eval()` loop over a DataLoader (ImageFolder, --workers persistent worker
                  processes, batch --batch-size): one untimed pass, then --passes timed passes; best pass.
  --mode latency  what a predict script does in a fresh process with no DataLoader: open the file with PIL,
                  preprocess, forward, softmax; two warm-up calls, then the median of --repeats.
Run with Debian's python3 (python3-torch 1.13, python3-torchvision, libopenblas0-pthread). Prints one JSON line.
"""
import argparse
import json
import os
import time

import torch
import torchvision
from PIL import Image
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


def build_model(path):
    state = torch.load(path, map_location="cpu")
    layers = [len({key.split(".")[1] for key in state if key.startswith(f"layer{stage}.")}) for stage in range(1, 5)]
    model = torchvision.models.resnet.ResNet(torchvision.models.resnet.BasicBlock, layers, num_classes=state["fc.weight"].shape[0])
    model.load_state_dict(state, strict=True)
    return model.eval()


def val_transform(size):
    return transforms.Compose([
        transforms.Resize(round(size * 256 / 224)), transforms.CenterCrop(size),
        transforms.ToTensor(), transforms.Normalize(MEAN, STD)])


def evaluate(model, loader):
    correct, total, loss_sum = 0, 0, 0.0
    start = time.perf_counter()
    with torch.no_grad():
        for images, labels in loader:
            logits = model(images)
            loss_sum += torch.nn.functional.cross_entropy(logits, labels, reduction="sum").item()
            correct += (logits.argmax(1) == labels).sum().item()
            total += labels.numel()
    return total / (time.perf_counter() - start), correct / total, loss_sum / total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["eval", "latency"], required=True)
    parser.add_argument("--weights", required=True)
    parser.add_argument("--image-size", type=int, required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", help="eval: the val/ ImageFolder")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--image", help="latency: the image file")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    model = build_model(args.weights)
    tf = val_transform(args.image_size)
    if args.mode == "eval":
        val = datasets.ImageFolder(args.data, tf)
        loader = DataLoader(val, batch_size=args.batch_size, shuffle=False, num_workers=args.workers,
                            persistent_workers=args.workers > 0)
        evaluate(model, loader)
        passes = [evaluate(model, loader) for _ in range(args.passes)]
        rate, accuracy, log_loss = max(passes)
        print(json.dumps(dict(side="peer-eval", torch=torch.__version__, images=len(val), imagesPerSecond=rate,
                              imagesPerSecondPasses=[p[0] for p in passes], accuracy=accuracy, logLoss=log_loss)))
        return
    timings = []
    with torch.no_grad():
        for _ in range(args.repeats + 2):
            start = time.perf_counter()
            with Image.open(args.image) as image:
                x = tf(image.convert("RGB")).unsqueeze(0)
            model(x).softmax(1)
            timings.append((time.perf_counter() - start) * 1000)
    steady = sorted(timings[2:])
    print(json.dumps(dict(side="peer-latency", torch=torch.__version__, firstMs=timings[0],
                          medianMs=steady[len(steady) // 2], minMs=steady[0])))


if __name__ == "__main__":
    main()
