using Google.Protobuf;
using MlNetResNet.Onnx.Proto;
using AttributeType = MlNetResNet.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace MlNetResNet.Onnx;

/// <summary>A node attribute (ONNX <c>AttributeProto</c>), built by the static factories.</summary>
internal sealed class OnnxAttribute
{
    private OnnxAttribute(AttributeProto proto) => Proto = proto;

    internal AttributeProto Proto { get; }

    /// <summary>The attribute name, e.g. <c>axis</c>.</summary>
    public string Name => Proto.Name;

    /// <summary>An INT attribute.</summary>
    public static OnnxAttribute Int(string name, long value) => New(name, AttributeType.Int, p => p.I = value);

    /// <summary>An INTS attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => New(name, AttributeType.Ints, p => p.Ints.AddRange(values));

    /// <summary>A FLOAT attribute.</summary>
    public static OnnxAttribute Float(string name, float value) => New(name, AttributeType.Float, p => p.F = value);

    /// <summary>A FLOATS attribute.</summary>
    public static OnnxAttribute Floats(string name, params float[] values) => New(name, AttributeType.Floats, p => p.Floats.AddRange(values));

    /// <summary>A STRING attribute (UTF-8).</summary>
    public static OnnxAttribute String(string name, string value) =>
        New(name, AttributeType.String, p => p.S = ByteString.CopyFromUtf8(value));

    /// <summary>A STRINGS attribute (UTF-8).</summary>
    public static OnnxAttribute Strings(string name, IEnumerable<string> values) =>
        New(name, AttributeType.Strings, p => p.Strings.AddRange(values.Select(ByteString.CopyFromUtf8)));

    /// <summary>A TENSOR attribute (e.g. <c>Constant</c>'s <c>value</c>).</summary>
    internal static OnnxAttribute Tensor(string name, TensorProto value) => New(name, AttributeType.Tensor, p => p.T = value);

    private static OnnxAttribute New(string name, AttributeType type, Action<AttributeProto> fill)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var proto = new AttributeProto { Name = name, Type = type };
        fill(proto);
        return new OnnxAttribute(proto);
    }
}
