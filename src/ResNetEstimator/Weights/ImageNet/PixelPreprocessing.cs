using Microsoft.ML.OnnxRuntime;

namespace MlNetResNet.Weights.ImageNet;

/// <summary>
/// A per-pixel affine preprocessing <c>u[k] = Σ_c A[k,c]·x[c] + b[k](pixel)</c>, as ML.NET's
/// <c>ResNetPreprocess.onnx</c> does (RGB→BGR reorder, minus a mean image). Measured by running the ONNX model
/// on probe images with ONNX Runtime, so it is found whatever operators the file uses; the measurement fails
/// when the model is not such a map.
/// </summary>
internal sealed class PixelPreprocessing
{
    private PixelPreprocessing(string source, double[,] matrix, double[] meanOffset, double[] offsetSpread)
    {
        Source = source;
        Matrix = matrix;
        MeanOffset = meanOffset;
        OffsetSpread = offsetSpread;
    }

    public string Source { get; }

    /// <summary>A[k, c]: output channel k from input channel c.</summary>
    public double[,] Matrix { get; }

    /// <summary>b[k] averaged over the pixels.</summary>
    public double[] MeanOffset { get; }

    /// <summary>Largest |b[k](pixel) − mean b[k]| per output channel: what replacing b by its mean ignores.</summary>
    public double[] OffsetSpread { get; }

    /// <summary>"[2, 1, 0]" when A is a channel permutation, else null.</summary>
    public int[]? Permutation()
    {
        var order = new int[3];
        for (int k = 0; k < 3; k++)
        {
            int hits = 0;
            for (int c = 0; c < 3; c++)
            {
                if (Math.Abs(Matrix[k, c] - 1) < 1e-6) { order[k] = c; hits++; }
                else if (Math.Abs(Matrix[k, c]) > 1e-6) return null;
            }
            if (hits != 1) return null;
        }
        return order;
    }

    public static PixelPreprocessing Measure(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Preprocessing model '{path}' does not exist.", path);
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        InferenceSession session;
        try
        {
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"'{path}' could not be loaded by ONNX Runtime: {e.Message}", e);
        }
        using (session)
        {
            if (session.InputMetadata.Count != 1 || session.OutputMetadata.Count != 1)
                throw new InvalidDataException($"'{path}' must have one input and one output to be a pixel preprocessing.");
            var (inputName, input) = session.InputMetadata.First();
            string outputName = session.OutputMetadata.Keys.First();
            var dims = input.Dimensions.Select(d => d > 0 ? d : 1).ToArray();
            if (dims.Length != 4 || dims[1] != 3 || dims[0] != 1)
                throw new InvalidDataException($"'{path}' input '{inputName}' is [{string.Join(", ", input.Dimensions)}]; expected [1, 3, H, W].");
            int plane = dims[2] * dims[3];

            const float probe = 100f;
            var offset = Run(session, inputName, outputName, dims, _ => 0f, path);
            var matrix = new double[3, 3];
            for (int c = 0; c < 3; c++)
            {
                int channel = c;
                var response = Run(session, inputName, outputName, dims, i => i / plane == channel ? probe : 0f, path);
                for (int k = 0; k < 3; k++)
                {
                    double gain = (response[k * plane] - offset[k * plane]) / probe;
                    for (int p = 0; p < plane; p++)
                    {
                        if (Math.Abs((response[k * plane + p] - offset[k * plane + p]) / probe - gain) > 1e-4)
                            throw new InvalidDataException($"'{path}' does not treat every pixel alike: it is not a per-pixel channel map.");
                    }
                    matrix[k, c] = gain;
                }
            }
            CheckLinear(session, inputName, outputName, dims, plane, matrix, offset, path);

            var meanOffset = new double[3];
            var spread = new double[3];
            for (int k = 0; k < 3; k++)
            {
                var values = offset.AsSpan(k * plane, plane).ToArray();
                meanOffset[k] = values.Average(v => (double)v);
                spread[k] = values.Max(v => Math.Abs(v - meanOffset[k]));
            }
            return new PixelPreprocessing(path, matrix, meanOffset, spread);
        }
    }

    // A pixel with different values per channel must map to A·x + b; catches clipping and other non-linear steps.
    private static void CheckLinear(InferenceSession session, string input, string output, int[] dims, int plane,
        double[,] matrix, float[] offset, string path)
    {
        float[] x = { 37f, 141f, 230f };
        var response = Run(session, input, output, dims, i => x[i / plane], path);
        for (int k = 0; k < 3; k++)
        {
            double expected = offset[k * plane] + matrix[k, 0] * x[0] + matrix[k, 1] * x[1] + matrix[k, 2] * x[2];
            if (Math.Abs(response[k * plane] - expected) > 1e-3 * Math.Max(1, Math.Abs(expected)))
                throw new InvalidDataException($"'{path}' is not an affine pixel map (channel {k} gives {response[k * plane]}, expected {expected}).");
        }
    }

    private static float[] Run(InferenceSession session, string input, string output, int[] dims, Func<int, float> pixel, string path)
    {
        var data = new float[dims.Aggregate(1, (a, d) => a * d)];
        for (int i = 0; i < data.Length; i++) data[i] = pixel(i);
        using var value = OrtValue.CreateTensorValueFromMemory(data, dims.Select(d => (long)d).ToArray());
        using var runOptions = new RunOptions();
        float[] result;
        try
        {
            using var results = session.Run(runOptions, new[] { input }, new[] { value }, new[] { output });
            result = results[0].GetTensorDataAsSpan<float>().ToArray();
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"'{path}' failed on a probe image: {e.Message}", e);
        }
        if (result.Length != data.Length)
            throw new InvalidDataException(
                $"'{path}' is not a pixel preprocessing: it outputs {result.Length} values for {data.Length} input values.");
        return result;
    }
}
