using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MlNetResNet.Scoring;

/// <summary>
/// Runs the embedded ONNX graph on a batch of pixel vectors in one ONNX Runtime call. <see cref="Run"/> may be called
/// from several threads at once (ONNX Runtime sessions allow concurrent runs; nothing here is mutable).
/// </summary>
internal sealed class OnnxBatchScorer : IDisposable
{
    private readonly SessionOptions sessionOptions;
    private readonly InferenceSession session;
    private readonly string inputName;
    private readonly int[] imageShape;
    private readonly string[] outputNames;

    /// <param name="onnxModel">The graph bytes, the same that OnnxTransformer holds.</param>
    /// <param name="inputName">Graph input fed with [N, 3, S, S] floats.</param>
    /// <param name="outputNames">Graph outputs to fetch, each [N, k] floats.</param>
    /// <param name="intraOpThreads">ONNX Runtime's threads per call; 0 keeps its default (one per core), as OnnxTransformer does.</param>
    /// <param name="allowSpinning">Whether ONNX Runtime's idle intra-op threads spin (its default) or sleep between
    /// parallel sections; sleeping leaves the cores to other threads of the process, such as image decoding.</param>
    public OnnxBatchScorer(byte[] onnxModel, string inputName, IReadOnlyList<string> outputNames, int intraOpThreads = 0,
        bool allowSpinning = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        // Otherwise default options, as OnnxTransformer uses, so both take the same kernels (spinning does not change a value).
        sessionOptions = new SessionOptions { IntraOpNumThreads = intraOpThreads };
        if (!allowSpinning) sessionOptions.AddSessionConfigEntry(SleepingOnnxThreads.AllowSpinningKey, "0");
        try
        {
            session = new InferenceSession(onnxModel, sessionOptions);
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
        this.inputName = inputName;
        this.outputNames = outputNames.ToArray();
        var dims = session.InputMetadata[inputName].Dimensions;
        if (dims.Length != 4 || dims.Skip(1).Any(d => d <= 0))
        {
            Dispose();
            throw new InvalidOperationException(
                $"ONNX input '{inputName}' has shape [{string.Join(", ", dims)}]; expected [N, 3, S, S] with fixed 3, S, S.");
        }
        imageShape = dims.Skip(1).ToArray();
        FixedBatchSize = dims[0] > 0 ? dims[0] : null;
    }

    /// <summary>Floats per image the graph expects.</summary>
    public int PixelsPerImage => imageShape[0] * imageShape[1] * imageShape[2];

    /// <summary>Side S of the [3, S, S] pixel grid the graph takes.</summary>
    public int ImageSide => imageShape[2];

    /// <summary>The graph's batch size when its first input dimension is a number rather than a symbol; null when dynamic.</summary>
    public int? FixedBatchSize { get; }

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

    public void Dispose()
    {
        session?.Dispose();
        sessionOptions.Dispose();
    }
}
