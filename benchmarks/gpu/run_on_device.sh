#!/usr/bin/env bash
# Runs on the GPU machine (the `device` tool): our training step (self-contained publish of
# benchmarks/GpuTrainStep with -p:TorchBackend=system, carried as .device/gpubench.tar.xz) against PyTorch
# eager on the same synthetic batch, alternating the two. Writes JSON lines to $OUT/gpu.jsonl.
set -u
work=$(mktemp -d)
tar -xJf .device/gpubench.tar.xz -C "$work"
torch_lib=$(python3 -c "import os, torch; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))")
export LD_LIBRARY_PATH="$torch_lib:${LD_LIBRARY_PATH:-}"
out="${OUT:-.}/gpu.jsonl"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee "${OUT:-.}/gpu.txt"
python3 -c "import torch; print('torch', torch.__version__, torch.version.cuda)" | tee -a "${OUT:-.}/gpu.txt"

ours() { timeout 120 "$work/gpubench/gpu-train-step" --device cuda --size 224 --steps 40 "$@" 2>&1 | tee -a "$out" | tail -n 2; }
peer() { timeout 120 python3 benchmarks/peer/gpu_train_step.py --device cuda --size 224 --steps 40 "$@" 2>&1 | tee -a "$out" | tail -n 2; }

for arch_batch in "resnet50 64" "resnet18 128"; do
  set -- $arch_batch
  a=(--arch "$1" --batch "$2")
  for precision in "" "--tf32"; do
    peer "${a[@]}" $precision
    ours "${a[@]}" $precision
    ours "${a[@]}" $precision --flat-adam
    ours "${a[@]}" $precision --flat-adam --channels-last
    peer "${a[@]}" $precision --channels-last
  done
done
ours --arch resnet50 --batch 64 --flat-adam --channels-last --bf16
peer --arch resnet50 --batch 64 --bf16-autocast --channels-last
