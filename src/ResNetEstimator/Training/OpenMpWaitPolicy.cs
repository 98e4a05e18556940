using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlNetResNet.Training;

/// <summary>
/// Makes libtorch's OpenMP threads sleep instead of spin while they wait. libgomp spins by default, and the
/// libtorch TorchSharp ships (2.10) runs many short parallel regions per training step: on a machine with
/// few cores, where our decode/augment workers and other processes share the cores with the compute threads,
/// the spinning threads starve them. Measured on 2 shared cores (ResNet-18, 64 px, batch 32): 7 img/s spinning,
/// 22–31 img/s passive; PyTorch 1.13 gains nothing from it. libgomp reads the variable once, when libtorch
/// loads, so it is set in the native environment as soon as this assembly loads — before our code touches
/// TorchSharp. A value the user set (OMP_WAIT_POLICY, or GOMP_SPINCOUNT) is left alone.
/// </summary>
internal static partial class OpenMpWaitPolicy
{
    public const string Variable = "OMP_WAIT_POLICY";

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "libgomp reads the variable once when libtorch loads, which any entry point of this library can trigger; only a module initializer runs before all of them.")]
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        if (getenv(Variable) != IntPtr.Zero || getenv("GOMP_SPINCOUNT") != IntPtr.Zero) return;
        // The native environment, which libgomp reads; Environment.SetEnvironmentVariable only changes .NET's copy.
        setenv(Variable, "PASSIVE", overwrite: 0);
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
