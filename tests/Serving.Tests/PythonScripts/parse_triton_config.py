"""Parses a Triton config.pbtxt against our model_config.proto subset; prints the message as JSON.

usage: parse_triton_config.py PROTO_DIR CONFIG_PBTXT
Compiles the .proto with protoc (Debian's protobuf-compiler) into a temporary folder, then reads the config with
python3-protobuf's text_format, which fails on any unknown field or enum name.
"""
import importlib
import json
import os
import subprocess
import sys
import tempfile

from google.protobuf import json_format, text_format

proto_dir, config_path = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as out:
    subprocess.run(["protoc", f"--proto_path={proto_dir}", f"--python_out={out}", "model_config.proto"], check=True)
    sys.path.insert(0, out)
    model_config_pb2 = importlib.import_module("model_config_pb2")
    config = model_config_pb2.ModelConfig()
    with open(config_path, encoding="utf-8") as f:
        text_format.Parse(f.read(), config)
    result = json_format.MessageToDict(config, preserving_proto_field_name=True)
    result["has_dynamic_batching"] = config.HasField("dynamic_batching")
    print(json.dumps(result))
