using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MlNetResNet;

/// <summary>Runs the embedded ONNX graph on a batch of pixel vectors in one ONNX Runtime call.</summary>
internal sealed class OnnxBatchScorer : IDisposable
{
    private readonly InferenceSession session;
    private readonly string inputName;
    private readonly int[] imageShape;
    private readonly string[] outputNames;

    /// <param name="onnxModel">The graph bytes, the same that OnnxTransformer holds.</param>
    /// <param name="inputName">Graph input fed with [N, 3, S, S] floats.</param>
    /// <param name="outputNames">Graph outputs to fetch, each [N, k] floats.</param>
    public OnnxBatchScorer(byte[] onnxModel, string inputName, IReadOnlyList<string> outputNames)
    {
        // Default options, as OnnxTransformer uses, so both take the same kernels.
        session = new InferenceSession(onnxModel, new SessionOptions());
        this.inputName = inputName;
        this.outputNames = outputNames.ToArray();
        var dims = session.InputMetadata[inputName].Dimensions;
        if (dims.Length != 4 || dims.Skip(1).Any(d => d <= 0))
            throw new InvalidOperationException(
                $"ONNX input '{inputName}' has shape [{string.Join(", ", dims)}]; expected [N, 3, S, S] with fixed 3, S, S.");
        imageShape = dims.Skip(1).ToArray();
    }

    /// <summary>Floats per image the graph expects.</summary>
    public int PixelsPerImage => imageShape[0] * imageShape[1] * imageShape[2];

    /// <summary>Scores the first <paramref name="count"/> images of <paramref name="pixels"/>.</summary>
    /// <returns>One array per requested output, row-major [count, k].</returns>
    public float[][] Run(float[] pixels, int count)
    {
        var tensor = new DenseTensor<float>(pixels.AsMemory(0, count * PixelsPerImage), [count, .. imageShape]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)], outputNames);
        return outputNames
            .Select(name => results.First(r => r.Name == name).AsTensor<float>().ToArray())
            .ToArray();
    }

    public void Dispose() => session.Dispose();
}
