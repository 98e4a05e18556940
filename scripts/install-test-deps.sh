#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: Debian's PyTorch, torchvision and onnx (the
# references for parity tests), OpenBLAS (without it Debian's PyTorch falls back to reference BLAS), and a
# few sample photos for the ImageNet-weights test, taken from the data folder of Debian's python3-skimage
# package (the .deb is only unpacked, not installed: its dependencies are not needed for the images). The serving
# tests add Debian's chromium (the browser test drives it with Playwright), protobuf-compiler and python3-protobuf
# (the Triton config test compiles a model_config.proto subset and parses config.pbtxt with text_format).
set -euo pipefail
python=/usr/bin/python3
photos="${MLNETRESNET_TEST_PHOTOS:-${XDG_CACHE_HOME:-$HOME/.cache}/mlnetresnet/test-photos}"
photo_names="astronaut.png chelsea.png coffee.png motorcycle_left.png rocket.jpg retina.jpg hubble_deep_field.jpg ihc.png camera.png coins.png"

have_python() {
  "$python" -c "import torch, torchvision, onnx" >/dev/null 2>&1 && [ -e /usr/lib/x86_64-linux-gnu/libopenblas.so.0 ]
}
have_photos() { [ -f "$photos/.complete" ]; }
have_serving_tools() {
  [ -x /usr/bin/chromium ] && command -v protoc >/dev/null 2>&1 && "$python" -c "import google.protobuf" >/dev/null 2>&1
}
if have_python && have_photos && have_serving_tools; then
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq

if ! have_python; then
  echo "Installing python3-torch python3-torchvision python3-onnx libopenblas0-pthread (apt)..."
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    python3 python3-torch python3-torchvision python3-onnx libopenblas0-pthread >/dev/null
  "$python" -c "import torch, torchvision, onnx"
fi

if ! have_serving_tools; then
  echo "Installing chromium protobuf-compiler python3-protobuf (apt)..."
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    chromium protobuf-compiler python3-protobuf >/dev/null
  have_serving_tools
fi

if ! have_photos; then
  echo "Unpacking sample photos from python3-skimage into $photos..."
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get download -qq python3-skimage && dpkg-deb -x python3-skimage_*.deb unpacked)
  mkdir -p "$photos"
  for name in $photo_names; do
    cp "$work/unpacked/usr/lib/python3/dist-packages/skimage/data/$name" "$photos/"
  done
  touch "$photos/.complete"
fi
