namespace MlNetResNet.Serving.Scoring;

/// <summary>One encoded image file of a request; <paramref name="Part"/> names it in errors (file name, tensor element).</summary>
public sealed record EncodedImage(string Part, ReadOnlyMemory<byte> Bytes);
