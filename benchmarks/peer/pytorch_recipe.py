"""The peer: the seed's PyTorch fine-tuning recipe, timed the way our benchmark times ourselves.

torchvision ImageFolder + RandomResizedCrop/flip + ResNet + Adam + DataLoader with workers; validation with
resize (size*256/224) + center crop. Prints one JSON object with throughput, latency, accuracy and peak RSS.
Run with Debian's python3 (python3-torch, python3-torchvision, libopenblas0-pthread):
    /usr/bin/python3 benchmarks/peer/pytorch_recipe.py --data DIR --arch resnet18 --image-size 64 \
        --batch-size 16 --epochs 2 --threads 2 [--channels-last]
"""
import argparse
import json
import os
import resource
import time

import torch
import torchvision
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


def peak_rss_mb():
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024.0


def loaders(args):
    train_tf = transforms.Compose([
        transforms.RandomResizedCrop(args.image_size), transforms.RandomHorizontalFlip(),
        transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    val_tf = transforms.Compose([
        transforms.Resize(round(args.image_size * 256 / 224)), transforms.CenterCrop(args.image_size),
        transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    train = datasets.ImageFolder(os.path.join(args.data, "train"), train_tf)
    val = datasets.ImageFolder(os.path.join(args.data, "val"), val_tf)
    common = dict(batch_size=args.batch_size, num_workers=args.workers, persistent_workers=args.workers > 0)
    return train, val, DataLoader(train, shuffle=True, **common), DataLoader(val, shuffle=False, **common), val_tf


def to_device_layout(x, channels_last):
    return x.contiguous(memory_format=torch.channels_last) if channels_last else x


def evaluate(model, loader, channels_last):
    model.eval()
    correct, total, loss_sum = 0, 0, 0.0
    start = time.perf_counter()
    with torch.no_grad():
        for images, labels in loader:
            logits = model(to_device_layout(images, channels_last))
            loss_sum += torch.nn.functional.cross_entropy(logits, labels, reduction="sum").item()
            correct += (logits.argmax(1) == labels).sum().item()
            total += labels.numel()
    seconds = time.perf_counter() - start
    return correct / total, loss_sum / total, total / seconds


def batch1_latency_ms(model, dataset, val_tf, channels_last, repeats):
    """One image from its file: decode + preprocess + forward, the way a single prediction runs."""
    model.eval()
    path = dataset.samples[0][0]
    timings = []
    with torch.no_grad():
        for _ in range(repeats + 2):
            start = time.perf_counter()
            image = val_tf(dataset.loader(path)).unsqueeze(0)
            model(to_device_layout(image, channels_last)).softmax(1)
            timings.append((time.perf_counter() - start) * 1000)
    timings = sorted(timings[2:])
    return timings[len(timings) // 2]


def build_model(arch, num_classes, pretrained):
    if not pretrained:
        return getattr(torchvision.models, arch)(num_classes=num_classes)
    state = torch.load(pretrained, map_location="cpu")
    # Blocks per stage as the file has them (the ImageNet ResNet-18 we import has 3 blocks in layer4).
    layers = [len({key.split(".")[1] for key in state if key.startswith(f"layer{stage}.")}) for stage in range(1, 5)]
    block = torchvision.models.resnet.Bottleneck if any(".conv3." in key for key in state) else torchvision.models.resnet.BasicBlock
    model = torchvision.models.resnet.ResNet(block, layers, num_classes=num_classes)
    backbone = {key: value for key, value in state.items() if not key.startswith("fc.")}
    missing, unexpected = model.load_state_dict(backbone, strict=False)
    if unexpected or set(missing) != {"fc.weight", "fc.bias"}:
        raise SystemExit(f"pretrained weights do not fit: missing {missing}, unexpected {unexpected}")
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--arch", default="resnet18")
    parser.add_argument("--image-size", type=int, default=224)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--channels-last", action="store_true")
    parser.add_argument("--pretrained", default="", help="state dict .pth to start from (its fc is replaced)")
    parser.add_argument("--latency-repeats", type=int, default=20)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    train, val, train_loader, val_loader, val_tf = loaders(args)
    model = build_model(args.arch, len(train.classes), args.pretrained)
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    epochs, train_images, train_seconds, eval_rates = [], 0, 0.0, []
    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        loss_sum, seen = 0.0, 0
        for images, labels in train_loader:
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(to_device_layout(images, args.channels_last)), labels)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * labels.numel()
            seen += labels.numel()
        seconds = time.perf_counter() - start
        train_images += seen
        train_seconds += seconds
        accuracy, val_loss, eval_rate = evaluate(model, val_loader, args.channels_last)
        eval_rates.append(eval_rate)
        epochs.append(dict(epoch=epoch, trainLoss=loss_sum / seen, valLoss=val_loss, valAccuracy=accuracy,
                           trainSeconds=seconds, trainImagesPerSecond=seen / seconds, rssMb=peak_rss_mb()))

    print(json.dumps(dict(
        peer="pytorch", torch=torch.__version__, arch=args.arch, imageSize=args.image_size,
        batchSize=args.batch_size, threads=args.threads, workers=args.workers, channelsLast=args.channels_last,
        trainImages=len(train), valImages=len(val),
        trainImagesPerSecond=train_images / train_seconds,
        evalImagesPerSecond=max(eval_rates),
        batch1LatencyMs=batch1_latency_ms(model, val, val_tf, args.channels_last, args.latency_repeats),
        finalValAccuracy=epochs[-1]["valAccuracy"], peakRssMb=peak_rss_mb(), epochs=epochs)))


if __name__ == "__main__":
    main()
