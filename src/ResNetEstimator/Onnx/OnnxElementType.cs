namespace MlNetResNet.Onnx;

/// <summary>ONNX tensor element types used for graph inputs and outputs (values are ONNX's <c>DataType</c> numbers).</summary>
internal enum OnnxElementType
{
    /// <summary>float32.</summary>
    Float = 1,
    /// <summary>uint8.</summary>
    UInt8 = 2,
    /// <summary>int32.</summary>
    Int32 = 6,
    /// <summary>int64 (e.g. ArgMax results).</summary>
    Int64 = 7,
    /// <summary>UTF-8 string.</summary>
    String = 8,
    /// <summary>bool.</summary>
    Bool = 9,
    /// <summary>float64.</summary>
    Double = 11,
    /// <summary>uint32 (ML.NET key values).</summary>
    UInt32 = 12,
    /// <summary>uint64.</summary>
    UInt64 = 13,
}
