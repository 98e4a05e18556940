using static TorchSharp.torch;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>The storage classes a checkpoint may name, and the one our writer uses for each dtype.</summary>
internal static class StorageTypes
{
    private static readonly StorageType[] All =
    {
        new("FloatStorage", ScalarType.Float32, 4),
        new("DoubleStorage", ScalarType.Float64, 8),
        new("HalfStorage", ScalarType.Float16, 2),
        new("BFloat16Storage", ScalarType.BFloat16, 2),
        new("LongStorage", ScalarType.Int64, 8),
        new("IntStorage", ScalarType.Int32, 4),
        new("ShortStorage", ScalarType.Int16, 2),
        new("CharStorage", ScalarType.Int8, 1),
        new("ByteStorage", ScalarType.Byte, 1),
        new("BoolStorage", ScalarType.Bool, 1),
    };

    private static readonly Dictionary<string, StorageType> ByName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);
    private static readonly Dictionary<ScalarType, StorageType> ByDType = All.ToDictionary(t => t.DType);

    public static bool TryGet(string name, out StorageType type) => ByName.TryGetValue(name, out type!);

    public static bool TryGet(ScalarType dtype, out StorageType type) => ByDType.TryGetValue(dtype, out type!);

    public static string SupportedNames => string.Join(", ", All.Select(t => t.Name));
}
