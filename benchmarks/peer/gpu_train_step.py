"""PyTorch eager training-step throughput on one synthetic batch: the peer of benchmarks/GpuTrainStep.

    python3 benchmarks/peer/gpu_train_step.py --arch resnet50 --batch 64 --size 224 --steps 30 [--tf32] [--bf16-autocast]
"""
import argparse
import json
import time

import torch
import torchvision


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="resnet50")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--tf32", action="store_true")
    parser.add_argument("--bf16-autocast", action="store_true")
    parser.add_argument("--channels-last", action="store_true")
    args = parser.parse_args()

    torch.manual_seed(1)
    torch.backends.cuda.matmul.allow_tf32 = args.tf32
    torch.backends.cudnn.allow_tf32 = args.tf32
    device = torch.device(args.device)
    fmt = torch.channels_last if args.channels_last else torch.contiguous_format
    net = getattr(torchvision.models, args.arch)(num_classes=1000).to(device, memory_format=fmt).train()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-4)
    images = torch.randn(args.batch, 3, args.size, args.size, device=device).contiguous(memory_format=fmt)
    labels = torch.randint(0, 1000, (args.batch,), device=device)

    def step():
        optimizer.zero_grad()
        with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=args.bf16_autocast):
            loss = torch.nn.functional.cross_entropy(net(images).float(), labels)
        loss.backward()
        optimizer.step()

    for _ in range(args.warmup):
        step()
    if device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    if device.type == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    print(json.dumps(dict(impl="pytorch", torch=torch.__version__, arch=args.arch, batch=args.batch, size=args.size,
                          device=args.device, tf32=args.tf32, bf16Autocast=args.bf16_autocast,
                          channelsLast=args.channels_last, steps=args.steps,
                          imagesPerSecond=args.steps * args.batch / seconds, msPerStep=seconds * 1000 / args.steps)))


if __name__ == "__main__":
    main()
