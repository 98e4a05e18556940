namespace MlNetResNet.Models;

/// <summary>
/// The one error for an enum value outside its type (a cast integer): it names the option and lists what is accepted.
/// Kept in Models/ because benchmarks/GpuTrainStep compiles that folder on its own.
/// </summary>
internal static class UnknownEnumValue
{
    public static ArgumentOutOfRangeException Error<TEnum>(string name, TEnum value) where TEnum : struct, Enum =>
        new(name, value, $"{name} {value} is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
}
