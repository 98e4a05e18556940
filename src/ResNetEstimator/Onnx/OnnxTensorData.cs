using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Google.Protobuf;
using MlNetResNet.Onnx.Proto;
using static TorchSharp.torch;
using DataType = MlNetResNet.Onnx.Proto.TensorProto.Types.DataType;

namespace MlNetResNet.Onnx;

/// <summary>Converts between ONNX <c>TensorProto</c> payloads and .NET arrays / TorchSharp tensors.</summary>
internal static class OnnxTensorData
{
    /// <summary>Element count implied by <paramref name="tensor"/>'s dims.</summary>
    public static long ElementCount(TensorProto tensor)
    {
        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            if (dim < 0) throw new InvalidDataException($"Tensor '{tensor.Name}' declares a negative dimension {dim}.");
            count = checked(count * dim);
        }
        return count;
    }

    /// <summary>
    /// The values of a FLOAT, DOUBLE or FLOAT16 tensor as float32, from <c>raw_data</c> or the typed field;
    /// <paramref name="source"/> names the file in errors.
    /// </summary>
    public static float[] ReadFloats(TensorProto tensor, string source)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw new NotSupportedException(
                $"Tensor '{tensor.Name}' in '{source}' is stored in an external file; only self-contained ONNX files are supported.");
        long count = ElementCount(tensor);
        if (count > Array.MaxLength) throw new InvalidDataException($"Tensor '{tensor.Name}' in '{source}' is too large ({count} elements).");
        var values = new float[count];
        var type = (DataType)tensor.DataType;
        if (tensor.HasRawData)
        {
            var raw = tensor.RawData.Span;
            if (type == DataType.Float && BitConverter.IsLittleEndian && raw.Length == count * sizeof(float))
            {
                MemoryMarshal.Cast<byte, float>(raw).CopyTo(values);
                return values;
            }
            int width = type switch { DataType.Float => 4, DataType.Double => 8, DataType.Float16 => 2, _ => 0 };
            if (width == 0) throw UnsupportedType(tensor, source);
            if (raw.Length != count * width)
                throw new InvalidDataException(
                    $"Tensor '{tensor.Name}' in '{source}' holds {raw.Length} bytes but its dims need {count * width}.");
            for (int i = 0; i < values.Length; i++)
            {
                var slice = raw.Slice(i * width, width);
                values[i] = type switch
                {
                    DataType.Float => BinaryPrimitives.ReadSingleLittleEndian(slice),
                    DataType.Double => (float)BinaryPrimitives.ReadDoubleLittleEndian(slice),
                    _ => (float)BinaryPrimitives.ReadHalfLittleEndian(slice),
                };
            }
            return values;
        }
        switch (type)
        {
            case DataType.Float:
                RequireCount(tensor, source, tensor.FloatData.Count, count);
                tensor.FloatData.CopyTo(values, 0);
                break;
            case DataType.Double:
                RequireCount(tensor, source, tensor.DoubleData.Count, count);
                for (int i = 0; i < values.Length; i++) values[i] = (float)tensor.DoubleData[i];
                break;
            case DataType.Float16:
                // FLOAT16 without raw_data keeps each value's bits in the low 16 bits of int32_data.
                RequireCount(tensor, source, tensor.Int32Data.Count, count);
                for (int i = 0; i < values.Length; i++) values[i] = (float)BitConverter.UInt16BitsToHalf((ushort)tensor.Int32Data[i]);
                break;
            default:
                throw UnsupportedType(tensor, source);
        }
        return values;
    }

    /// <summary>A float32 tensor with its payload in <c>raw_data</c> (little-endian, as ONNX requires).</summary>
    public static TensorProto FromFloats(string name, ReadOnlySpan<float> values, IReadOnlyList<long> dims)
    {
        var proto = NewTensor(name, DataType.Float, dims, values.Length);
        if (BitConverter.IsLittleEndian)
        {
            proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
            return proto;
        }
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        proto.RawData = ByteString.CopyFrom(bytes);
        return proto;
    }

    /// <summary>A float32 initializer holding a copy of a TorchSharp tensor (any dtype/device).</summary>
    public static TensorProto FromTensor(string name, Tensor tensor)
    {
        using var cpu = tensor.detach().to(ScalarType.Float32, CPU).contiguous();
        return FromFloats(name, cpu.data<float>().ToArray(), cpu.shape);
    }

    /// <summary>An int64 tensor (shapes, Slice bounds).</summary>
    public static TensorProto FromInt64s(string name, ReadOnlySpan<long> values, IReadOnlyList<long> dims)
    {
        var proto = NewTensor(name, DataType.Int64, dims, values.Length);
        var bytes = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        proto.RawData = ByteString.CopyFrom(bytes);
        return proto;
    }

    /// <summary>A 1-D string tensor (UTF-8), e.g. class names.</summary>
    public static TensorProto FromStrings(string name, IReadOnlyList<string> values)
    {
        var proto = NewTensor(name, DataType.String, new long[] { values.Count }, values.Count);
        foreach (var value in values) proto.StringData.Add(ByteString.CopyFromUtf8(value));
        return proto;
    }

    private static TensorProto NewTensor(string name, DataType type, IReadOnlyList<long> dims, int count)
    {
        var proto = new TensorProto { Name = name, DataType = (int)type };
        proto.Dims.AddRange(dims);
        if (ElementCount(proto) != count)
            throw new ArgumentException($"Tensor '{name}': {count} values do not fill dims [{string.Join(", ", dims)}].");
        return proto;
    }

    private static void RequireCount(TensorProto tensor, string source, int actual, long expected)
    {
        if (actual != expected)
            throw new InvalidDataException(
                $"Tensor '{tensor.Name}' in '{source}' holds {actual} values but its dims need {expected}.");
    }

    private static NotSupportedException UnsupportedType(TensorProto tensor, string source) =>
        new($"Tensor '{tensor.Name}' in '{source}' has ONNX data type {(DataType)tensor.DataType}; expected FLOAT, DOUBLE or FLOAT16.");
}
