#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: Debian's PyTorch, torchvision and onnx (the
# references for parity tests) and OpenBLAS (without it Debian's PyTorch falls back to reference BLAS).
set -euo pipefail
python=/usr/bin/python3
if "$python" -c "import torch, torchvision, onnx" >/dev/null 2>&1 && [ -e /usr/lib/x86_64-linux-gnu/libopenblas.so.0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing python3-torch python3-torchvision python3-onnx libopenblas0-pthread (apt)..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  python3 python3-torch python3-torchvision python3-onnx libopenblas0-pthread >/dev/null
"$python" -c "import torch, torchvision, onnx"
