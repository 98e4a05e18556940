namespace MlNetResNet.Export;

/// <summary>Names of the main tensors of an exported graph, for <see cref="OnnxExportOptions.ExtendGraph"/>.</summary>
/// <param name="Input">The graph input (pixels).</param>
/// <param name="Logits">The fc output, <c>[N, classes]</c>.</param>
/// <param name="Probabilities">The softmax output, <c>[N, classes]</c>, also a graph output.</param>
/// <param name="ClassCount">Number of classes.</param>
public sealed record OnnxExportedTensors(string Input, string Logits, string Probabilities, int ClassCount);
