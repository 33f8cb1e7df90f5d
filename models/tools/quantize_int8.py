#!/usr/bin/python3
"""Dynamic int8 quantisation of an ONNX tower with python3-onnx only (no onnxruntime Python package).

Every MatMul (and Gemm) whose weight is a constant float matrix becomes

    DynamicQuantizeLinear(x) -> x_u8, x_scale, x_zero
    MatMulInteger(x_u8, W_s8, x_zero) -> int32
    Cast(float) * (x_scale * w_scale[col])      (+ bias for Gemm)

with W quantised symmetrically per output column (zero point 0). This is the pattern ONNX Runtime's own
quantize_dynamic writes, and its CPU graph optimiser fuses it into DynamicQuantizeMatMul at level
"extended" or higher. Activation x activation MatMuls (attention) stay float.

    /usr/bin/python3 models/tools/quantize_int8.py PACK/text_model.onnx PACK/text_model.int8.onnx

--reduce-range keeps weights to 7 bits, for CPUs without VNNI where the u8 x s8 kernels can saturate.
"""
import argparse
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def quantize(model: onnx.ModelProto, reduce_range: bool, min_elements: int) -> int:
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    uses = {}
    for node in graph.node:
        for name in node.input:
            uses[name] = uses.get(name, 0) + 1
    qmax = 63 if reduce_range else 127

    new_nodes = []
    dynamic = {}  # activation name -> (q, scale, zero): one DynamicQuantizeLinear per activation
    replaced = set()
    count = 0
    for node in graph.node:
        weight_name = node.input[1] if len(node.input) > 1 else None
        weight = inits.get(weight_name) if weight_name else None
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        quantizable = (
            node.op_type in ("MatMul", "Gemm")
            and weight is not None
            and weight.data_type == TensorProto.FLOAT
            and len(weight.dims) == 2
            and int(np.prod(weight.dims)) >= min_elements
            and not (node.op_type == "Gemm" and (attrs.get("transA", 0) or attrs.get("alpha", 1.0) != 1.0 or attrs.get("beta", 1.0) != 1.0))
        )
        if not quantizable:
            new_nodes.append(node)
            continue

        w = numpy_helper.to_array(weight).astype(np.float32)
        if node.op_type == "Gemm" and attrs.get("transB", 0):
            w = w.T
        scale = np.abs(w).max(axis=0) / qmax
        scale[scale == 0] = 1.0
        wq = np.clip(np.round(w / scale), -qmax, qmax).astype(np.int8)
        base = (node.name or weight_name).replace("/", "_").strip("_")
        wq_name, ws_name = f"{base}_W_int8", f"{base}_W_scale"
        graph.initializer.extend([numpy_helper.from_array(wq, wq_name), numpy_helper.from_array(scale.astype(np.float32), ws_name)])
        uses[weight_name] -= 1
        if uses[weight_name] == 0:
            replaced.add(weight_name)

        x = node.input[0]
        if x not in dynamic:
            xq, xs, xz = f"{x}_u8", f"{x}_scale", f"{x}_zero"
            new_nodes.append(helper.make_node("DynamicQuantizeLinear", [x], [xq, xs, xz], name=f"{base}_quant"))
            dynamic[x] = (xq, xs, xz)
        xq, xs, xz = dynamic[x]
        out = node.output[0]
        has_bias = node.op_type == "Gemm" and len(node.input) > 2 and node.input[2]
        product = f"{base}_product" if has_bias else out
        new_nodes += [
            helper.make_node("MatMulInteger", [xq, wq_name, xz], [f"{base}_i32"], name=f"{base}_matmul_int"),
            helper.make_node("Cast", [f"{base}_i32"], [f"{base}_f32"], to=TensorProto.FLOAT, name=f"{base}_cast"),
            helper.make_node("Mul", [xs, ws_name], [f"{base}_scales"], name=f"{base}_scales"),
            helper.make_node("Mul", [f"{base}_f32", f"{base}_scales"], [product], name=f"{base}_rescale"),
        ]
        if has_bias:
            new_nodes.append(helper.make_node("Add", [product, node.input[2]], [out], name=f"{base}_bias"))
        count += 1

    del graph.node[:]
    graph.node.extend(new_nodes)
    kept = [i for i in graph.initializer if i.name not in replaced]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--reduce-range", action="store_true", help="7-bit weights (CPUs without VNNI)")
    parser.add_argument("--min-elements", type=int, default=256, help="leave smaller weights in float")
    args = parser.parse_args()

    model = onnx.load(args.source)
    count = quantize(model, args.reduce_range, args.min_elements)
    # DynamicQuantizeLinear and MatMulInteger need opset 11 at least.
    for opset in model.opset_import:
        if opset.domain in ("", "ai.onnx") and opset.version < 11:
            opset.version = 11
    onnx.checker.check_model(model)
    onnx.save(model, args.target)
    print(f"{args.target}: {count} MatMul/Gemm weights quantised to int8 per column", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
