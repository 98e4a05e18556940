"""Validates an ONNX file with onnx.checker (full check) and prints a JSON summary of its interface.

Usage: check_onnx_model.py MODEL.onnx
Exits non-zero (with the checker's message) when the model is invalid.
"""
import json
import sys

import onnx


def dims(value_info):
    return [d.dim_param if d.dim_param else d.dim_value for d in value_info.type.tensor_type.shape.dim]


def main(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    graph = model.graph
    slot_nodes = {}
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.name == "keys_strings":
                slot_nodes[node.name] = [s.decode("utf-8") for s in attribute.strings]
    print(json.dumps({
        "ir_version": model.ir_version,
        "opsets": {o.domain: o.version for o in model.opset_import},
        "inputs": {i.name: dims(i) for i in graph.input},
        "outputs": {o.name: dims(o) for o in graph.output},
        "op_types": sorted({n.op_type for n in graph.node}),
        "keys_strings": slot_nodes,
    }, separators=(",", ":")))


if __name__ == "__main__":
    main(sys.argv[1])
