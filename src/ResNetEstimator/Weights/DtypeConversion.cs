using static TorchSharp.torch;

namespace MlNetResNet;

/// <summary>A tensor whose stored element type differed from the network's and was converted on load.</summary>
public sealed record DtypeConversion(string Key, ScalarType From, ScalarType To);
