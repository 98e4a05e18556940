using TorchSharp;
using MlNetResNet.Models;
using static TorchSharp.torch;

namespace MlNetResNet.Training;

/// <summary>Maps <see cref="ComputeDevice"/> to a libtorch device.</summary>
internal static class DeviceSelection
{
    public static Device Resolve(ComputeDevice requested) => requested switch
    {
        ComputeDevice.Cpu => CPU,
        ComputeDevice.Auto => cuda.is_available() ? CUDA : CPU,
        ComputeDevice.Cuda => cuda.is_available()
            ? CUDA
            : throw new InvalidOperationException(
                "Device = Cuda, but libtorch sees no usable CUDA device (this build may use the CPU-only TorchSharp backend). Use Cpu or Auto."),
        _ => throw UnknownEnumValue.Error(nameof(ResNetClassifierOptions.Device), requested),
    };
}
