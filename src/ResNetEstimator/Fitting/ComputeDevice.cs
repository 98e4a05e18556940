namespace MlNetResNet;

/// <summary>Where libtorch computes.</summary>
public enum ComputeDevice
{
    /// <summary>CUDA when available, else CPU.</summary>
    Auto,
    /// <summary>CPU.</summary>
    Cpu,
    /// <summary>CUDA; fails when no CUDA device is usable.</summary>
    Cuda,
}
